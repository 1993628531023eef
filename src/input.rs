//! Input: which files to read, and how their bytes become documents.
//!
//! Directories are walked recursively in sorted order, so a run over the same
//! tree always visits documents in the same order. Files ending in `.gz` (or
//! starting with the gzip magic bytes) are decompressed as they are read.
//! Text is streamed: a file is read a line at a time and handed on in pieces
//! of about [`InputOptions::piece_bytes`], cut at line ends, so memory does
//! not grow with the size of a document; no pair is lost at a cut, because
//! brackets and glosses never span a line.
//!
//! Bytes are decoded as UTF-8 (a BOM is dropped); UTF-16 with a BOM is
//! decoded; invalid UTF-8 is decoded lossily with a warning; a file with a
//! NUL byte in its first 8 KiB is binary and skipped with a warning. With
//! `--jsonl` each line is one JSON document; a malformed line is reported
//! with its line number and skipped.

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::document::Document;
use crate::error::{Error, Result};

/// Where documents come from.
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

    /// The size in bytes, when known (for progress).
    pub fn byte_len(&self) -> Option<u64> {
        match self {
            Source::File(p) => fs::metadata(p).ok().map(|m| m.len()),
            Source::Stdin => None,
        }
    }
}

/// How sources are read.
#[derive(Clone, Debug)]
pub struct InputOptions {
    /// Read JSON Lines: one document per line.
    pub jsonl: bool,
    /// The JSONL field holding the text.
    pub text_field: String,
    /// The JSONL field holding the document id.
    pub id_field: String,
    /// Documents longer than this are handed on in pieces cut at line ends.
    pub piece_bytes: usize,
}

impl Default for InputOptions {
    fn default() -> Self {
        InputOptions {
            jsonl: false,
            text_field: "text".into(),
            id_field: "id".into(),
            piece_bytes: 512 << 10,
        }
    }
}

/// What reading a source yields, in order.
#[derive(Debug)]
pub enum Event {
    /// A document or a piece of one. Pieces of one document share its
    /// ordinal (see [`Document::ordinal`]).
    Document(Document),
    /// Something was skipped or decoded lossily; the run goes on.
    Warning(String),
}

/// Expands the command-line paths into sources: `-` is stdin, a directory
/// stands for every readable file below it (sorted, hidden entries
/// skipped), and no path at all means stdin. Paths that cannot be read are
/// returned as errors beside the sources that can, so one bad path does not
/// stop a run.
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

/// File names a directory walk reads: plain-text and JSON Lines
/// extensions, or none, optionally gzipped. Data files such as CSV or TSV (a
/// glossary written into the same folder, say) and a folder's README,
/// LICENSE or MANIFEST are left alone; a file named on the command line is
/// always read.
pub fn is_text_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    // A corpus folder's own documentation is not part of the corpus.
    let stem = name.split('.').next().unwrap_or("");
    if matches!(
        stem,
        "readme" | "license" | "licence" | "changelog" | "contributing" | "manifest"
    ) {
        return false;
    }
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        None => true,
        Some(e) => matches!(
            e,
            "txt" | "text" | "md" | "markdown" | "rst" | "org" | "jsonl" | "ndjson"
        ),
    }
}

/// Reads one source, calling `emit` for each document piece and warning,
/// in order. `next_ordinal` numbers documents across sources.
///
/// # Errors
///
/// An I/O error that stops the source; it names the path. What was emitted
/// before it stands.
pub fn read(
    source: &Source,
    opts: &InputOptions,
    next_ordinal: &mut u64,
    emit: &mut dyn FnMut(Event),
) -> Result<()> {
    let name = source.name();
    let path = match source {
        Source::File(p) => Some(p.clone()),
        Source::Stdin => Some(PathBuf::from("<stdin>")),
    };
    let raw: Box<dyn Read> = match source {
        Source::File(p) => Box::new(fs::File::open(p).map_err(|e| Error::io(Some(p.clone()), e))?),
        Source::Stdin => Box::new(io::stdin()),
    };
    let mut reader = BufReader::with_capacity(1 << 16, raw);
    // gzip, by magic bytes (a `.gz` name without them is read as it is).
    let head = reader.fill_buf().map_err(|e| Error::io(path.clone(), e))?;
    let mut reader: Box<dyn BufRead> = if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(reader),
        ))
    } else {
        Box::new(reader)
    };
    let head = reader.fill_buf().map_err(|e| Error::io(path.clone(), e))?;
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        // UTF-16 is rare and needs the whole file to decode: read it whole.
        let mut bytes = Vec::new();
        reader
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(path.clone(), e))?;
        let Decoded::Text(text, warning) = decode(&bytes) else {
            unreachable!("a BOM is text")
        };
        if let Some(w) = warning {
            emit(Event::Warning(format!("{name}: {w}")));
        }
        let ordinal = *next_ordinal;
        *next_ordinal += 1;
        emit(Event::Document(
            Document::new(name, text).with_ordinal(ordinal),
        ));
        return Ok(());
    }
    if head[..head.len().min(8192)].contains(&0) {
        emit(Event::Warning(format!("{name}: skipped: binary file")));
        return Ok(());
    }
    if opts.jsonl {
        read_jsonl(&name, &mut reader, opts, next_ordinal, emit).map_err(|e| Error::io(path, e))
    } else {
        read_text(&name, &mut reader, opts, next_ordinal, emit).map_err(|e| Error::io(path, e))
    }
}

/// Streams a text file in pieces cut at line ends.
fn read_text(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &InputOptions,
    next_ordinal: &mut u64,
    emit: &mut dyn FnMut(Event),
) -> io::Result<()> {
    let ordinal = *next_ordinal;
    *next_ordinal += 1;
    // After a first full piece the document is long: the next pieces are
    // sized at once rather than copied at each doubling as lines are added
    // (a short document keeps a short buffer).
    let piece_room = opts.piece_bytes.min(4 << 20) + 4096;
    let mut piece = String::new();
    let mut piece_first_line = 1usize;
    let mut piece_offset = 0u64;
    let mut lines_in_piece = 0usize;
    let mut line = Vec::new();
    let mut first = true;
    let mut lossy_at: Option<usize> = None;
    let mut emitted = false;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        line.clear();
        line.append(&mut carry);
        read_bounded_line(reader, &mut line, opts.piece_bytes)?;
        if line.is_empty() {
            break;
        }
        // A line longer than a piece (a text without line breaks) is cut
        // at its last sentence end; the rest starts the next round.
        let ends_line = line.last() == Some(&b'\n');
        if !ends_line && line.len() >= opts.piece_bytes {
            let cut = sentence_cut(&line);
            carry = line.split_off(cut);
        }
        let mut bytes = &line[..];
        if first {
            bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
            first = false;
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => piece.push_str(s),
            Err(_) => {
                lossy_at.get_or_insert(piece_first_line + lines_in_piece);
                piece.push_str(&String::from_utf8_lossy(bytes));
            }
        }
        if ends_line {
            lines_in_piece += 1;
        }
        if piece.len() >= opts.piece_bytes {
            let text = std::mem::replace(&mut piece, String::with_capacity(piece_room));
            let len = text.len() as u64;
            emit(Event::Document(
                Document::new(name, text)
                    .with_ordinal(ordinal)
                    .with_first_line(piece_first_line)
                    .with_byte_offset(piece_offset),
            ));
            piece_offset += len;
            emitted = true;
            piece_first_line += lines_in_piece;
            lines_in_piece = 0;
        }
    }
    if let Some(l) = lossy_at {
        emit(Event::Warning(format!(
            "{name}:{l}: invalid UTF-8; decoded lossily"
        )));
    }
    if !piece.is_empty() || !emitted {
        emit(Event::Document(
            Document::new(name, piece)
                .with_ordinal(ordinal)
                .with_first_line(piece_first_line)
                .with_byte_offset(piece_offset),
        ));
    }
    Ok(())
}

/// Appends to `buf` up to and including the next newline, or until `buf`
/// holds `limit` bytes, whichever comes first.
fn read_bounded_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<()> {
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        let room = limit.saturating_sub(buf.len()).max(1);
        let take = available.len().min(room);
        if let Some(i) = memchr::memchr(b'\n', &available[..take]) {
            buf.extend_from_slice(&available[..=i]);
            reader.consume(i + 1);
            return Ok(());
        }
        buf.extend_from_slice(&available[..take]);
        reader.consume(take);
        if buf.len() >= limit {
            return Ok(());
        }
    }
}

/// Where to cut an over-long line: after its last sentence end (`。`, `. `,
/// `! `, `? `, `！`, `？`), else after its last space, else at the last
/// character boundary.
fn sentence_cut(bytes: &[u8]) -> usize {
    let ends: [&[u8]; 6] = [
        b". ",
        b"! ",
        b"? ",
        "。".as_bytes(),
        "！".as_bytes(),
        "？".as_bytes(),
    ];
    let mut best = 0;
    for e in ends {
        if let Some(i) = bytes.windows(e.len()).rposition(|w| w == e) {
            best = best.max(i + e.len());
        }
    }
    if best == 0 {
        best = bytes.iter().rposition(|&b| b == b' ').map_or(0, |i| i + 1);
    }
    if best == 0 {
        best = (1..bytes.len())
            .rev()
            .find(|&i| (bytes[i] & 0xC0) != 0x80)
            .unwrap_or(bytes.len());
    }
    best
}

/// Streams JSON Lines: one document per line.
fn read_jsonl(
    name: &str,
    reader: &mut dyn BufRead,
    opts: &InputOptions,
    next_ordinal: &mut u64,
    emit: &mut dyn FnMut(Event),
) -> io::Result<()> {
    let mut line = Vec::new();
    let mut lineno = 0usize;
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        lineno += 1;
        let s = String::from_utf8_lossy(&line);
        let s = s.trim();
        if s.is_empty() {
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(s) {
            Ok(v) => v,
            Err(e) => {
                emit(Event::Warning(format!(
                    "{name}:{lineno}: skipped: malformed JSON: {e}"
                )));
                continue;
            }
        };
        let Some(text) = value.get(&opts.text_field).and_then(|t| t.as_str()) else {
            emit(Event::Warning(format!(
                "{name}:{lineno}: skipped: no string field {:?}",
                opts.text_field
            )));
            continue;
        };
        let id = match value.get(&opts.id_field) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => format!("{name}:{lineno}"),
        };
        let ordinal = *next_ordinal;
        *next_ordinal += 1;
        emit(Event::Document(
            Document::new(id, text).with_ordinal(ordinal),
        ));
    }
    Ok(())
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

    fn read_all(bytes: &[u8], opts: &InputOptions) -> Vec<Event> {
        let dir = std::env::temp_dir().join(format!(
            "zhgloss-input-{}-{}",
            std::process::id(),
            bytes.len()
        ));
        fs::write(&dir, bytes).unwrap();
        let mut out = Vec::new();
        let mut ord = 0;
        read(&Source::File(dir.clone()), opts, &mut ord, &mut |e| {
            out.push(e)
        })
        .unwrap();
        fs::remove_file(&dir).unwrap();
        out
    }

    fn documents(events: &[Event]) -> Vec<&Document> {
        events
            .iter()
            .filter_map(|e| {
                if let Event::Document(d) = e {
                    Some(d)
                } else {
                    None
                }
            })
            .collect()
    }

    #[test]
    fn long_documents_come_in_pieces_with_their_line_numbers() {
        let text: String = (1..=100).map(|i| format!("line {i} “x” (中)\n")).collect();
        let opts = InputOptions {
            piece_bytes: 200,
            ..InputOptions::default()
        };
        let events = read_all(text.as_bytes(), &opts);
        let docs = documents(&events);
        assert!(docs.len() > 5);
        assert!(docs.iter().all(|d| d.ordinal() == 0));
        let joined: String = docs.iter().map(|d| d.text()).collect();
        assert_eq!(joined, text);
        let last = docs.last().unwrap();
        let at = last.text().rfind("line 100").unwrap();
        assert_eq!(last.line_of(at), 100);
    }

    #[test]
    fn a_text_without_line_breaks_is_cut_at_sentence_ends() {
        let text: String = (1..=200)
            .map(|i| format!("第{i}句“x” (中)。Sentence {i} “y” (文). "))
            .collect();
        let opts = InputOptions {
            piece_bytes: 500,
            ..InputOptions::default()
        };
        let events = read_all(text.as_bytes(), &opts);
        let docs = documents(&events);
        assert!(docs.len() > 10);
        assert!(
            docs.iter().all(|d| d.text().len() <= 2 * 500),
            "bounded pieces"
        );
        let joined: String = docs.iter().map(|d| d.text()).collect();
        assert_eq!(joined, text);
        for d in &docs[..docs.len() - 1] {
            assert!(
                d.text().ends_with("。") || d.text().ends_with(". "),
                "{:?}",
                &d.text()[d.text().len() - 10..]
            );
        }
    }

    #[test]
    fn jsonl_lines_are_documents_and_bad_lines_are_skipped() {
        let text = "{\"id\": \"a\", \"text\": \"one\"}\n{broken\n\n{\"id\": 7, \"text\": \"two\"}\n{\"text\": 3}\n";
        let opts = InputOptions {
            jsonl: true,
            ..InputOptions::default()
        };
        let events = read_all(text.as_bytes(), &opts);
        let mut docs = Vec::new();
        let mut warnings = Vec::new();
        for e in events {
            match e {
                Event::Document(d) => docs.push((d.id().to_string(), d.text().to_string())),
                Event::Warning(w) => warnings.push(w),
            }
        }
        assert_eq!(
            docs,
            vec![("a".into(), "one".into()), ("7".into(), "two".into())]
        );
        assert_eq!(warnings.len(), 2);
        assert!(
            warnings[0].contains(":2: skipped: malformed JSON"),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[1].contains(":5: skipped: no string field"),
            "{}",
            warnings[1]
        );
    }

    #[test]
    fn gzip_is_read_transparently() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all("packed “words” (词语)\n".as_bytes()).unwrap();
        let bytes = gz.finish().unwrap();
        let events = read_all(&bytes, &InputOptions::default());
        match &events[0] {
            Event::Document(d) => assert_eq!(d.text(), "packed “words” (词语)\n"),
            other => panic!("{other:?}"),
        }
    }
}
