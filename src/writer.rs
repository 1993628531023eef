//! Writers: the CSV glossary, and atomic output files.
//!
//! The CSV is UTF-8, RFC 4180, with a header row naming the columns of the
//! glossary contract. List cells (`titles`, `organisations`, `aliases`) are
//! `; `-separated. A cell that a spreadsheet would run as a formula (it starts
//! with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::glossary::Row;

/// The glossary's columns, in output order.
pub const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "english",
    "chinese",
    "simplified",
    "traditional",
    "pinyin",
    "acronym",
    "titles",
    "organisations",
    "rank",
    "aliases",
    "mentions",
    "documents",
    "confidence",
    "context",
    "source",
];

/// Writes rows as the CSV glossary.
///
/// # Errors
///
/// Any I/O error from `w`.
pub fn write_csv<W: Write>(rows: &[Row], w: W) -> Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(COLUMNS).map_err(csv_error)?;
    for r in rows {
        let record = [
            r.id.clone(),
            r.kind().as_str().to_string(),
            r.english.clone(),
            r.chinese.clone(),
            r.simplified.clone(),
            r.traditional.clone(),
            r.pinyin.clone(),
            r.acronym.clone(),
            r.titles.join("; "),
            r.organisations.join("; "),
            r.rank.clone(),
            r.aliases.join("; "),
            r.mentions.to_string(),
            r.documents.to_string(),
            format!("{:.2}", r.confidence),
            r.context.clone(),
            r.source.clone(),
        ];
        out.write_record(record.iter().map(|c| neutralise(c).into_owned()))
            .map_err(csv_error)?;
    }
    out.flush()?;
    Ok(())
}

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::from(io),
        other => Error::config(format!("CSV: {other:?}")),
    }
}

/// Prefixes a cell that a spreadsheet would evaluate with `'`.
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// A file written atomically: the content goes to a temporary file beside
/// the target, which replaces the target only on [`AtomicFile::commit`]. An
/// interrupted run leaves the old file (or none), never half a glossary.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<io::BufWriter<fs::File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `target`.
    ///
    /// # Errors
    ///
    /// When the temporary file cannot be created (the error names it).
    pub fn create(target: &Path) -> Result<AtomicFile> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = fs::File::create(&temp).map_err(|e| Error::io(Some(temp.clone()), e))?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            file: Some(io::BufWriter::new(file)),
        })
    }

    /// Flushes, syncs and renames the temporary file over the target.
    ///
    /// # Errors
    ///
    /// When writing or renaming fails; the temporary file is removed.
    pub fn commit(mut self) -> Result<()> {
        let result = (|| -> Result<()> {
            if let Some(buf) = self.file.take() {
                let file = buf
                    .into_inner()
                    .map_err(|e| Error::io(Some(self.temp.clone()), e.into_error()))?;
                file.sync_all()
                    .map_err(|e| Error::io(Some(self.temp.clone()), e))?;
            }
            fs::rename(&self.temp, &self.target)
                .map_err(|e| Error::io(Some(self.target.clone()), e))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&self.temp);
        }
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self.file.as_mut() {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.file.as_mut() {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: leave no temporary file behind.
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("gossip"), "gossip");
    }

    #[test]
    fn atomic_file_replaces_only_on_commit() {
        let dir = std::env::temp_dir().join(format!("zhgloss-atomic-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let target = dir.join("g.csv");
        fs::write(&target, "old").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.write_all(b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
