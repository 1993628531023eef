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

/// Writes rows as TBX (ISO 30042, the TBX-Basic dialect in the v2 layout
/// most CAT tools import): one `termEntry` per row, an English `langSet` and
/// a Chinese one with the simplified and (when different) traditional forms,
/// the kind as a `subjectField`, the context sentence as a `context` note and
/// the pinyin and acronym as term notes.
///
/// # Errors
///
/// Any I/O error from `w`.
pub fn write_tbx<W: Write>(rows: &[Row], mut w: W) -> Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(w, r#"<martif type="TBX-Basic" xml:lang="en">"#)?;
    writeln!(
        w,
        "  <martifHeader><fileDesc><sourceDesc><p>zhgloss glossary</p></sourceDesc></fileDesc></martifHeader>"
    )?;
    writeln!(w, "  <text><body>")?;
    for r in rows {
        if r.english.is_empty() && r.simplified.is_empty() {
            continue;
        }
        // An XML id is a name without colons: `term:gossip` → `term_gossip`.
        writeln!(
            w,
            r#"    <termEntry id="{}">"#,
            xml(&r.id.replace(':', "_"))
        )?;
        writeln!(
            w,
            r#"      <descrip type="subjectField">{}</descrip>"#,
            r.kind().as_str()
        )?;
        if !r.english.is_empty() {
            writeln!(w, r#"      <langSet xml:lang="en">"#)?;
            writeln!(w, "        <tig><term>{}</term>", xml(&r.english))?;
            if !r.acronym.is_empty() && r.acronym != r.english {
                writeln!(
                    w,
                    r#"          <termNote type="abbreviatedFormFor">{}</termNote>"#,
                    xml(&r.acronym)
                )?;
            }
            writeln!(w, "        </tig>")?;
            if !r.context.is_empty() {
                writeln!(
                    w,
                    r#"        <descrip type="context">{}</descrip>"#,
                    xml(&r.context)
                )?;
            }
            writeln!(w, "      </langSet>")?;
        }
        if !r.simplified.is_empty() {
            writeln!(w, r#"      <langSet xml:lang="zh-Hans">"#)?;
            writeln!(w, "        <tig><term>{}</term>", xml(&r.simplified))?;
            if !r.pinyin.is_empty() {
                writeln!(
                    w,
                    r#"          <termNote type="pronunciation">{}</termNote>"#,
                    xml(&r.pinyin)
                )?;
            }
            writeln!(w, "        </tig>")?;
            writeln!(w, "      </langSet>")?;
            if !r.traditional.is_empty() && r.traditional != r.simplified {
                writeln!(w, r#"      <langSet xml:lang="zh-Hant">"#)?;
                writeln!(w, "        <tig><term>{}</term></tig>", xml(&r.traditional))?;
                writeln!(w, "      </langSet>")?;
            }
        }
        writeln!(w, "    </termEntry>")?;
    }
    writeln!(w, "  </body></text>")?;
    writeln!(w, "</martif>")?;
    w.flush()?;
    Ok(())
}

/// Escapes text for XML content and attributes.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
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
    /// Written in place: the target is a device or a pipe.
    direct: bool,
}

impl AtomicFile {
    /// Creates the temporary file for `target`.
    ///
    /// # Errors
    ///
    /// When the temporary file cannot be created (the error names it).
    pub fn create(target: &Path) -> Result<AtomicFile> {
        // A symbolic link is followed, so that the link stays a link.
        let resolved;
        let target = match fs::symlink_metadata(target) {
            Ok(m) if m.file_type().is_symlink() => {
                // (The link's own destination, which may not exist yet.)
                resolved = fs::read_link(target)
                    .map(|to| match target.parent() {
                        Some(dir) if to.is_relative() => dir.join(to),
                        _ => to,
                    })
                    .unwrap_or_else(|_| target.to_path_buf());
                resolved.as_path()
            }
            _ => target,
        };
        // A device or a pipe (`-o /dev/null`, a FIFO) is written in place:
        // renaming over it would put a regular file where the device was.
        if let Ok(m) = fs::metadata(target)
            && !m.is_file()
            && !m.is_dir()
        {
            let file = fs::OpenOptions::new()
                .write(true)
                .open(target)
                .map_err(|e| Error::io(Some(target.to_path_buf()), e))?;
            return Ok(AtomicFile {
                target: target.to_path_buf(),
                temp: target.to_path_buf(),
                file: Some(io::BufWriter::new(file)),
                direct: true,
            });
        }
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
            direct: false,
        })
    }

    /// Flushes, syncs and renames the temporary file over the target.
    ///
    /// # Errors
    ///
    /// When writing or renaming fails; the temporary file is removed.
    pub fn commit(mut self) -> Result<()> {
        if self.direct {
            return match self.file.take() {
                Some(mut buf) => buf
                    .flush()
                    .map_err(|e| Error::io(Some(self.target.clone()), e)),
                None => Ok(()),
            };
        }
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
        if self.file.take().is_some() && !self.direct {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tbx_is_escaped_and_has_both_scripts() {
        let row = Row {
            id: "term:a-b".into(),
            english: "A & <B>".into(),
            simplified: "长安".into(),
            traditional: "長安".into(),
            pinyin: "cháng ān".into(),
            ..Row::default()
        };
        let mut out = Vec::new();
        write_tbx(&[row], &mut out).unwrap();
        let s = String::from_utf8(out).unwrap();
        assert!(s.contains("<term>A &amp; &lt;B&gt;</term>"));
        assert!(s.contains(r#"<langSet xml:lang="zh-Hans">"#) && s.contains("<term>长安</term>"));
        assert!(s.contains(r#"<langSet xml:lang="zh-Hant">"#) && s.contains("<term>長安</term>"));
        assert!(s.contains(r#"<termNote type="pronunciation">cháng ān</termNote>"#));
    }

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralise("@cmd"), "'@cmd");
        assert_eq!(neutralise("gossip"), "gossip");
    }

    #[test]
    #[cfg(unix)]
    fn devices_are_written_in_place_and_links_followed() {
        use std::os::unix::fs::FileTypeExt;
        // `-o /dev/null` must not put a regular file where the device is.
        let mut f = AtomicFile::create(Path::new("/dev/null")).unwrap();
        f.write_all(b"discarded").unwrap();
        f.commit().unwrap();
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        // A link to a glossary stays a link; the file it names is replaced.
        let dir = std::env::temp_dir().join(format!("zhgloss-link-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let link = dir.join("latest.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        let mut f = AtomicFile::create(&link).unwrap();
        f.write_all(b"rows").unwrap();
        f.commit().unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(dir.join("real.csv")).unwrap(), "rows");
        fs::remove_dir_all(&dir).unwrap();
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
