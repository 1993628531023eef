//! Batch runs: read, extract and fold documents as they come, in parallel.
//!
//! One thread reads the sources and hands documents to `jobs` workers
//! through a bounded channel; each worker runs the (shared, immutable)
//! [`Extractor`]; the calling thread puts the results back in input order and
//! folds them into the [`Glossary`]. Memory is bounded by the channel and the
//! reorder buffer (a few documents per worker), not by the input, and the
//! output is the same for any number of workers.
//!
//! A document whose extraction panics (a bug) is reported and skipped; the
//! rest of the run, and its glossary, are kept.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufWriter, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use crate::align::TermCache;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::extractor::Extractor;
use crate::finding::Finding;
use crate::glossary::{Famous, Glossary, Key, Placed, Prepared, Row, prepare};
use crate::input::{self, Event, InputOptions, Source};

/// How a batch run behaves.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// How sources are read.
    pub input: InputOptions,
}

/// Something a batch run reports as it goes.
#[derive(Debug)]
pub enum Progress<'a> {
    /// A document (or piece) was folded in.
    Document {
        /// Its bytes of text.
        bytes: u64,
        /// Documents read so far (pieces of one count once).
        documents: u64,
    },
    /// A warning: something skipped or decoded lossily.
    Warning(&'a str),
    /// An input that could not be read (the run goes on).
    Failed(&'a Error),
}

/// What a batch run did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Documents read (a long document read in pieces counts once).
    pub documents: u64,
    /// Bytes of text processed.
    pub bytes: u64,
    /// Rows in the glossary.
    pub rows: usize,
    /// Warnings reported.
    pub warnings: u64,
    /// Inputs that could not be read.
    pub failed: u64,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// One mention, as `--mentions` writes it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// The document.
    pub document: String,
    /// Byte span in the document.
    pub start: u64,
    /// End of the byte span.
    pub end: u64,
    /// 1-based line.
    pub line: usize,
    /// The text of the span.
    pub surface: String,
    /// `term`, `person`, `organisation`, `title` or `rank`.
    pub kind: String,
    /// The glossary row it resolved to.
    pub id: String,
    /// The rule that found it.
    pub rule: String,
    /// The sentence it is in.
    pub sentence: String,
}

/// A mention before ids are known: the row key stands in for the id.
#[derive(serde::Serialize, serde::Deserialize)]
struct PendingMention {
    key: (String, String, String, u32),
    #[serde(flatten)]
    mention: Mention,
}

/// Documents handed to a worker together: a dump's documents are a few
/// kilobytes each, and handing them over one at a time costs each one
/// thread wake-ups that are dearer than its extraction.
struct Work {
    seq: u64,
    docs: Vec<Document>,
}

/// A batch's results, in the batch's order.
struct Done {
    seq: u64,
    docs: Vec<Extracted>,
}

struct Extracted {
    doc: Document,
    /// The findings, prepared for the fold on the worker.
    findings: std::result::Result<(Vec<Finding>, Prepared), String>,
}

/// Text gathered into one batch before it is handed over (a document
/// longer than this is a batch of its own).
const BATCH_BYTES: usize = 64 << 10;

/// Runs the extractor over `sources`, calling `report` as it goes. With
/// `mentions`, every mention is written there as JSON Lines (see
/// [`Mention`]).
///
/// # Errors
///
/// Only writing the mentions can fail the run; unreadable inputs are
/// reported through `report` and counted in the summary.
pub fn run(
    extractor: &Extractor,
    sources: &[Source],
    opts: &BatchOptions,
    mentions: Option<&mut dyn Write>,
    report: &mut dyn FnMut(Progress<'_>),
) -> Result<(Vec<Row>, Summary)> {
    let started = Instant::now();
    let jobs = opts.jobs.max(1);
    let (work_tx, work_rx) = sync_channel::<Work>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<Message>(jobs * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let mut glossary = Glossary::new();
    let mut summary = Summary::default();
    let mut pending = match mentions {
        Some(_) => Some(tempfile()?),
        None => None,
    };

    std::thread::scope(|scope| -> Result<()> {
        let reader_done = done_tx.clone();
        let input_opts = opts.input.clone();
        scope.spawn(move || read_all(sources, &input_opts, work_tx, reader_done));
        for _ in 0..jobs {
            let rx = Arc::clone(&work_rx);
            let tx = done_tx.clone();
            scope.spawn(move || work(extractor, &rx, &tx));
        }
        drop(done_tx);

        // Put results back in input order and fold them in.
        let mut next = 0u64;
        let mut buffer: BTreeMap<u64, Done> = BTreeMap::new();
        let mut last_ordinal = None;
        for msg in done_rx {
            match msg {
                Message::Warning(w) => {
                    summary.warnings += 1;
                    report(Progress::Warning(&w));
                }
                Message::Failed(e) => {
                    summary.failed += 1;
                    report(Progress::Failed(&e));
                }
                Message::Done(d) => {
                    buffer.insert(d.seq, d);
                    while let Some(batch) = buffer.remove(&next) {
                        next += 1;
                        for d in batch.docs {
                            let bytes = d.doc.text().len() as u64;
                            summary.bytes += bytes;
                            if last_ordinal != Some(d.doc.ordinal()) {
                                last_ordinal = Some(d.doc.ordinal());
                                summary.documents += 1;
                            }
                            match d.findings {
                                Ok((findings, prepared)) => {
                                    let keys = glossary
                                        .add_prepared(&d.doc, &findings, prepared, extractor);
                                    if let Some(file) = pending.as_mut() {
                                        write_pending(file, &d.doc, &findings, &keys)?;
                                    }
                                }
                                Err(why) => {
                                    summary.warnings += 1;
                                    report(Progress::Warning(&why));
                                }
                            }
                            report(Progress::Document {
                                bytes,
                                documents: summary.documents,
                            });
                        }
                    }
                }
            }
        }
        Ok(())
    })?;

    let (rows, ids) = glossary.into_rows_with_ids();
    summary.rows = rows.len();
    if let (Some(out), Some(file)) = (mentions, pending.take()) {
        resolve_mentions(file, &ids, out)?;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok((rows, summary))
}

enum Message {
    Done(Done),
    Warning(String),
    Failed(Error),
}

fn read_all(
    sources: &[Source],
    opts: &InputOptions,
    work: SyncSender<Work>,
    done: SyncSender<Message>,
) {
    let mut seq = 0u64;
    let mut ordinal = 0u64;
    let mut batch: Vec<Document> = Vec::new();
    let mut batch_bytes = 0;
    // Hands the batch over; false when the workers have stopped.
    let mut flush = |batch: &mut Vec<Document>, batch_bytes: &mut usize| {
        if batch.is_empty() {
            return true;
        }
        *batch_bytes = 0;
        let w = Work {
            seq,
            docs: std::mem::take(batch),
        };
        seq += 1;
        work.send(w).is_ok()
    };
    for source in sources {
        let mut stop = false;
        let result = input::read(source, opts, &mut ordinal, &mut |event| {
            if stop {
                return;
            }
            let sent = match event {
                Event::Document(doc) => {
                    batch_bytes += doc.text().len();
                    batch.push(doc);
                    batch_bytes < BATCH_BYTES || flush(&mut batch, &mut batch_bytes)
                }
                Event::Warning(w) => done.send(Message::Warning(w)).is_ok(),
            };
            stop = !sent;
        });
        if let Err(e) = result {
            let _ = done.send(Message::Failed(e));
        }
        if stop {
            return;
        }
    }
    // A batch may span sources: a folder of small files is batched too.
    flush(&mut batch, &mut batch_bytes);
}

fn work(extractor: &Extractor, rx: &Mutex<Receiver<Work>>, tx: &SyncSender<Message>) {
    // Terms prepared for alignment, kept for this worker's whole run.
    let mut terms = TermCache::new();
    loop {
        let next = match rx.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => return,
        };
        let Ok(Work { seq, docs }) = next else { return };
        let docs = docs
            .into_iter()
            .map(|doc| {
                let findings = catch_unwind(AssertUnwindSafe(|| {
                    let findings = extractor.extract_with(&doc, &terms);
                    let prepared = prepare(&findings, extractor);
                    (findings, prepared)
                }))
                .map_err(|_| {
                    // Start afresh rather than trust what a failed document
                    // left.
                    terms = TermCache::new();
                    format!(
                        "{}: skipped: internal error while extracting (please report)",
                        doc.id()
                    )
                });
                Extracted { doc, findings }
            })
            .collect();
        if tx.send(Message::Done(Done { seq, docs })).is_err() {
            return;
        }
    }
}

fn tempfile() -> Result<std::fs::File> {
    let path = std::env::temp_dir().join(format!(
        "zhgloss-mentions-{}-{}.jsonl",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| Error::io(Some(path.clone()), e))?;
    // Unlinked at once: the file lives as long as the handle.
    let _ = std::fs::remove_file(&path);
    Ok(file)
}

fn write_pending(
    file: &mut std::fs::File,
    doc: &Document,
    findings: &[Finding],
    placed: &Placed,
) -> Result<()> {
    let mut w = BufWriter::new(file);
    for (i, f) in findings.iter().enumerate() {
        let Some(key) = placed.key(i) else { continue };
        // (A place within another finding of the row is that mention.)
        if !placed.is_mention(i) {
            continue;
        }
        // A pair is two mentions: its English and its Chinese.
        let english_span = match f.chinese_span {
            Some(c) if c.start > f.span.start => {
                crate::document::Span::new(f.span.start, english_end(doc, f.span.start, c.start))
            }
            _ => f.span,
        };
        for span in std::iter::once(english_span).chain(f.chinese_span) {
            write_one(&mut w, doc, f, key, span)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// The end of an English gloss that a bracket follows: before the quote,
/// space and bracket.
fn english_end(doc: &Document, start: usize, chinese_start: usize) -> usize {
    let between = &doc.text()[start..chinese_start];
    // (Han too: a title the term opens with and the row leaves out,
    // `Datuk Seri Wong Chun Wai (拿督斯里黃振威)`, stands before its Chinese.)
    let trimmed = between.trim_end_matches(|c: char| {
        c.is_whitespace() || "(（“”\"'‘’,".contains(c) || crate::script::is_han(c)
    });
    start + trimmed.len()
}

fn write_one(
    w: &mut dyn Write,
    doc: &Document,
    f: &Finding,
    key: &Key,
    span: crate::document::Span,
) -> Result<()> {
    {
        let offset = doc.byte_offset();
        let f = Finding { span, ..f.clone() };
        let p = PendingMention {
            key: (
                key.0.as_str().to_string(),
                key.1.clone(),
                key.2.clone(),
                key.3,
            ),
            mention: Mention {
                document: doc.id().to_string(),
                start: offset + f.span.start as u64,
                end: offset + f.span.end as u64,
                line: doc.line_of(f.span.start),
                surface: doc.slice(f.span).to_string(),
                kind: f.kind().as_str().to_string(),
                id: String::new(),
                rule: f.rule.to_string(),
                sentence: doc.sentence(f.span).to_string(),
            },
        };
        serde_json::to_writer(&mut *w, &p).map_err(io::Error::other)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

fn resolve_mentions(
    mut file: std::fs::File,
    ids: &foldhash::HashMap<Key, String>,
    out: &mut dyn Write,
) -> Result<()> {
    use std::io::Seek;
    file.seek(io::SeekFrom::Start(0))?;
    let reader = io::BufReader::new(file);
    let by_key: foldhash::HashMap<(String, String, String, u32), &String> = ids
        .iter()
        .map(|(k, v)| ((k.0.as_str().to_string(), k.1.clone(), k.2.clone(), k.3), v))
        .collect();
    let mut out = BufWriter::new(out);
    for line in reader.lines() {
        let line = line?;
        let mut p: PendingMention = serde_json::from_str(&line).map_err(io::Error::other)?;
        if let Some(id) = by_key.get(&p.key) {
            p.mention.id = (*id).clone();
        }
        serde_json::to_writer(&mut out, &p.mention).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Reads a glossary written by zhgloss (columns found by name).
///
/// # Errors
///
/// When the file cannot be read or a row is malformed (`file:line`).
pub fn read_glossary(path: &Path) -> Result<Vec<Row>> {
    let name = path.display().to_string();
    let mut rdr = csv::Reader::from_path(path).map_err(|e| match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io(Some(path.to_path_buf()), io),
        other => Error::glossary(&name, 1, format!("{other:?}")),
    })?;
    let headers = rdr
        .headers()
        .map_err(|e| Error::glossary(&name, 1, e.to_string()))?
        .clone();
    let col = |n: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(n))
    };
    let Some(kind_col) = col("kind") else {
        return Err(Error::glossary(
            &name,
            1,
            "no `kind` column: not a zhgloss glossary",
        ));
    };
    let mut rows = Vec::new();
    let mut seen: foldhash::HashMap<(String, String), u32> = foldhash::HashMap::default();
    for (i, rec) in rdr.records().enumerate() {
        let line = i as u64 + 2;
        let rec = rec.map_err(|e| Error::glossary(&name, line, e.to_string()))?;
        let get = |n: &str| {
            col(n)
                .and_then(|c| rec.get(c))
                .map(unneutralise)
                .unwrap_or_default()
        };
        let kind_text = rec.get(kind_col).unwrap_or("");
        let kind = crate::finding::Kind::parse(kind_text)
            .ok_or_else(|| Error::glossary(&name, line, format!("unknown kind {kind_text:?}")))?;
        let number = |n: &str| -> Result<u64> {
            let v = get(n);
            if v.is_empty() {
                return Ok(0);
            }
            v.parse().map_err(|_| {
                Error::glossary(&name, line, format!("column {n}: not a number: {v:?}"))
            })
        };
        let list = |n: &str| -> Vec<String> {
            // In the glossary's order (a hand-edited file may not be), so
            // merging only ever adds to sorted lists.
            let mut items: Vec<String> = get(n)
                .split("; ")
                .filter(|x| !x.is_empty())
                .map(str::to_string)
                .collect();
            crate::glossary::sort_list(&mut items);
            items
        };
        let english = get("english");
        // Namesakes are told apart by their order among rows of one name.
        let counter = seen
            .entry((kind.as_str().to_string(), english.to_lowercase()))
            .or_insert(0);
        let sense = if kind == crate::finding::Kind::Person {
            *counter
        } else {
            0
        };
        *counter += 1;
        let source = get("source");
        let first = match source.rsplit_once(':') {
            Some((doc, l)) => (doc.to_string(), l.parse().unwrap_or(0)),
            None => (source.clone(), 0),
        };
        rows.push(Row {
            id: get("id"),
            kind: Some(kind),
            english,
            chinese: get("chinese"),
            simplified: get("simplified"),
            traditional: get("traditional"),
            pinyin: get("pinyin"),
            acronym: get("acronym"),
            titles: list("titles"),
            organisations: list("organisations"),
            rank: get("rank"),
            aliases: list("aliases"),
            mentions: number("mentions")?,
            documents: number("documents")?,
            confidence: get("confidence").parse().unwrap_or(0.0),
            context: get("context"),
            source,
            sense,
            first,
            ..Row::default()
        });
    }
    Ok(rows)
}

/// Undoes the writer's formula guard.
fn unneutralise(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Merges glossaries: counts add, lists union, the earliest context and
/// source are kept, namesakes stay apart. A person is placed by the same
/// rule as in extraction (`famous` is what the extractor's dictionary knows
/// of public figures, [`Extractor::famous`]), so merging the glossaries of
/// shards gives the glossary of the whole. The result does not depend on
/// the order of the inputs.
pub fn merge(glossaries: Vec<Vec<Row>>, famous: &Famous) -> Vec<Row> {
    let mut g = Glossary::new();
    for rows in glossaries {
        g.add_rows(rows, famous);
    }
    g.into_rows()
}
