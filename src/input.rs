//! Input: which files to read, and how their bytes become text.
//!
//! Directories are walked recursively in sorted order, so a run over the same
//! tree always visits documents in the same order. Bytes are decoded as UTF-8
//! (a BOM is dropped), UTF-16 with a BOM is decoded, invalid UTF-8 is decoded
//! lossily with a warning, and binary files are skipped with a warning.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, Result};

/// Where a document comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The name used for this source in `source` columns and messages.
    pub fn name(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "<stdin>".to_string(),
        }
    }
}

/// Expands the command-line paths into sources: `-` is stdin, a directory
/// stands for every file below it (sorted, hidden entries skipped), and no
/// path at all means stdin. Paths that cannot be read are returned as errors
/// beside the sources that can, so one bad path does not stop a run.
pub fn expand(paths: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    if paths.is_empty() {
        sources.push(Source::Stdin);
    }
    for p in paths {
        if p.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => walk(p, &mut sources, &mut errors),
            Ok(_) => sources.push(Source::File(p.clone())),
            Err(e) => errors.push(Error::io(Some(p.clone()), e)),
        }
    }
    (sources, errors)
}

fn walk(dir: &Path, sources: &mut Vec<Source>, errors: &mut Vec<Error>) {
    let entries = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(Error::io(Some(dir.to_path_buf()), e));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                if e.file_name().to_string_lossy().starts_with('.') {
                    continue;
                }
                paths.push(e.path());
            }
            Err(e) => errors.push(Error::io(Some(dir.to_path_buf()), e)),
        }
    }
    paths.sort();
    for p in paths {
        match fs::metadata(&p) {
            Ok(m) if m.is_dir() => walk(&p, sources, errors),
            Ok(m) if m.is_file() && is_text_name(&p) => sources.push(Source::File(p)),
            Ok(_) => {}
            Err(e) => errors.push(Error::io(Some(p), e)),
        }
    }
}

/// File names a directory walk reads: plain-text extensions, or none. Data
/// files such as CSV or TSV (a glossary written into the same folder, say)
/// are left alone; a file named on the command line is always read.
pub fn is_text_name(path: &Path) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => matches!(
            e.to_ascii_lowercase().as_str(),
            "txt" | "text" | "md" | "markdown" | "rst" | "org"
        ),
    }
}

/// The result of reading one source.
#[derive(Debug)]
pub enum Loaded {
    /// A document, with any warnings about its decoding.
    Text(Document, Vec<String>),
    /// The source is not text; the message says why it was skipped.
    Skipped(String),
}

/// Reads and decodes one source.
///
/// # Errors
///
/// An I/O error names the path.
pub fn load(source: &Source) -> Result<Loaded> {
    let mut bytes = Vec::new();
    match source {
        Source::File(p) => {
            let mut f = fs::File::open(p).map_err(|e| Error::io(Some(p.clone()), e))?;
            f.read_to_end(&mut bytes)
                .map_err(|e| Error::io(Some(p.clone()), e))?;
        }
        Source::Stdin => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io(Some(PathBuf::from("<stdin>")), e))?;
        }
    }
    let name = source.name();
    Ok(match decode(&bytes) {
        Decoded::Text(text, warning) => {
            let warnings = warning
                .map(|w| format!("{name}: {w}"))
                .into_iter()
                .collect();
            Loaded::Text(Document::new(name, text), warnings)
        }
        Decoded::Binary => Loaded::Skipped(format!("{name}: skipped: binary file")),
    })
}

/// Decoded bytes.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded {
    /// Text, and a warning when the decoding was lossy.
    Text(String, Option<String>),
    /// Not text.
    Binary,
}

/// Decodes bytes: UTF-8 (BOM dropped), UTF-16 LE/BE with a BOM, or lossy
/// UTF-8 with a warning. Bytes with a NUL in their first 8 KiB (and no UTF-16
/// BOM) are binary.
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Decoded::Binary;
    }
    decode_utf8(bytes)
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Text(s.to_string(), None),
        Err(e) => {
            let at = e.valid_up_to();
            Decoded::Text(
                String::from_utf8_lossy(bytes).into_owned(),
                Some(format!(
                    "invalid UTF-8 (first bad byte at offset {at}); decoded lossily"
                )),
            )
        }
    }
}

fn decode_utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Decoded {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| word([c[0], c[1]])).collect();
    let mut warning = None;
    if bytes.len() % 2 == 1 {
        warning =
            Some("UTF-16 input has an odd number of bytes; the last byte was dropped".to_string());
    }
    let text = match String::from_utf16(&units) {
        Ok(s) => s,
        Err(_) => {
            warning = Some("invalid UTF-16; decoded lossily".to_string());
            String::from_utf16_lossy(&units)
        }
    };
    Decoded::Text(text, warning)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_boms_and_bad_bytes() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFabc"),
            Decoded::Text("abc".into(), None)
        );
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("長a".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le), Decoded::Text("長a".into(), None));
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("長a".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be), Decoded::Text("長a".into(), None));
        match decode(b"ab\xFFcd") {
            Decoded::Text(s, Some(w)) => {
                assert_eq!(s, "ab\u{FFFD}cd");
                assert!(w.contains("offset 2"), "{w}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(decode(b"\x7fELF\x00\x01"), Decoded::Binary);
    }
}
