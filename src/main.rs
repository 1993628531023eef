//! The `zhgloss` command: parses arguments and calls the library.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use zhgloss::batch::{self, BatchOptions, Progress};
use zhgloss::input::{self, InputOptions, Source};
use zhgloss::segment::Tagging;
use zhgloss::writer::{AtomicFile, write_csv, write_tbx};
use zhgloss::{Extractor, Row};

/// Bilingual (Chinese–English) glossary extraction.
#[derive(Parser, Debug)]
#[command(name = "zhgloss", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Glossary output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// UTF-8 CSV with the glossary columns.
    Csv,
    /// TBX (TBX-Basic) for CAT tools.
    Tbx,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract a CSV glossary from files, directories (walked recursively) or
    /// stdin (`-` or no path). `.gz` files are read transparently.
    Extract {
        /// Files or directories; `-` is stdin.
        paths: Vec<PathBuf>,
        /// Write the glossary here (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Read JSON Lines: one document per line.
        #[arg(long)]
        jsonl: bool,
        /// With --jsonl, the field holding the text.
        #[arg(long, default_value = "text")]
        text_field: String,
        /// With --jsonl, the field holding the document id.
        #[arg(long, default_value = "id")]
        id_field: String,
        /// Worker threads (default: all cores). The output is the same for any number.
        #[arg(short, long)]
        jobs: Option<usize>,
        /// Write every mention (document, span, line, surface, kind, row id, sentence) as JSON Lines.
        #[arg(long, value_name = "FILE")]
        mentions: Option<PathBuf>,
        /// Add lexicon entries from a TSV file (see dictionaries/README.md); repeatable.
        #[arg(long = "dict", value_name = "FILE")]
        dicts: Vec<PathBuf>,
        /// No progress bar and no summary line.
        #[arg(short, long)]
        quiet: bool,
        /// Output format: the CSV glossary, or TBX for CAT tools.
        #[arg(long, value_enum, default_value_t = Format::Csv)]
        format: Format,
    },
    /// Merge glossaries (of shards of one corpus): counts add, lists union,
    /// the earliest context and source are kept, namesakes stay apart.
    Merge {
        /// Glossaries written by `zhgloss extract`.
        #[arg(required = true)]
        glossaries: Vec<PathBuf>,
        /// Write the merged glossary here (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Print the input with its Chinese runs segmented into words.
    Segment {
        /// Files or directories; `-` is stdin.
        paths: Vec<PathBuf>,
        /// Add part-of-speech tags (`word/tag`).
        #[arg(long)]
        tags: bool,
    },
}

/// Exit codes: 0 success; 1 a fatal error (nothing written); 2 the run
/// finished and wrote its output, but some input could not be read.
fn main() -> ExitCode {
    keep_freed_memory_longer();
    let cli = Cli::parse();
    match run(cli) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(2),
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("zhgloss: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Runs a command; `Ok(false)` when some input failed.
fn run(cli: Cli) -> zhgloss::Result<bool> {
    match cli.command {
        Command::Extract {
            paths,
            output,
            jsonl,
            text_field,
            id_field,
            jobs,
            mentions,
            dicts,
            quiet,
            format,
        } => {
            let opts = BatchOptions {
                jobs: jobs
                    .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
                input: InputOptions {
                    jsonl,
                    text_field,
                    id_field,
                    ..InputOptions::default()
                },
            };
            extract(
                &paths,
                output.as_deref(),
                mentions.as_deref(),
                &dicts,
                &opts,
                quiet,
                format,
            )
        }
        Command::Merge { glossaries, output } => merge(&glossaries, output.as_deref()),
        Command::Segment { paths, tags } => {
            segment(&paths, if tags { Tagging::On } else { Tagging::Off })
        }
    }
}

fn extract(
    paths: &[PathBuf],
    output: Option<&Path>,
    mentions: Option<&Path>,
    dicts: &[PathBuf],
    opts: &BatchOptions,
    quiet: bool,
    format: Format,
) -> zhgloss::Result<bool> {
    let dict_refs: Vec<&Path> = dicts.iter().map(PathBuf::as_path).collect();
    let loading = std::time::Instant::now();
    let extractor = Extractor::with_dictionaries(&dict_refs)?;
    let start_up = loading.elapsed().as_secs_f64();
    let (sources, errors) = input::expand(paths);
    let mut ok = errors.is_empty();
    for e in &errors {
        eprintln!("zhgloss: {e}");
    }
    let bar = progress_bar(&sources, quiet);
    let mut mentions_file = mentions.map(AtomicFile::create).transpose()?;
    let (rows, summary) = batch::run(
        &extractor,
        &sources,
        opts,
        mentions_file.as_mut().map(|f| f as &mut dyn Write),
        &mut |p| match p {
            Progress::Document { bytes, documents } => {
                bar.inc(bytes);
                bar.set_message(format!("{documents} documents"));
            }
            Progress::Warning(w) => bar.suspend(|| eprintln!("zhgloss: warning: {w}")),
            Progress::Failed(e) => bar.suspend(|| eprintln!("zhgloss: {e}")),
        },
    )?;
    bar.finish_and_clear();
    ok &= summary.failed == 0;
    write_rows(&rows, output, format)?;
    if let Some(f) = mentions_file {
        f.commit()?;
    }
    if !quiet {
        // The seconds are the run's; loading the dictionaries comes apart,
        // so throughput can be read off either way.
        eprintln!(
            "zhgloss: {} documents, {} bytes, {} rows, {} warnings, {:.3} s (dictionaries {:.3} s)",
            summary.documents,
            summary.bytes,
            summary.rows,
            summary.warnings,
            summary.seconds,
            start_up
        );
    }
    // The process ends here: freeing the dictionaries piece by piece would
    // only cost time.
    std::mem::forget(extractor);
    Ok(ok)
}

/// A progress bar on stderr when it is a terminal (hidden otherwise).
fn progress_bar(sources: &[Source], quiet: bool) -> ProgressBar {
    if quiet || !io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    // Sizes are known for plain files; compressed input and stdin get a spinner.
    let total: Option<u64> = sources
        .iter()
        .map(|s| match s {
            Source::File(p) if !p.to_string_lossy().ends_with(".gz") => s.byte_len(),
            _ => None,
        })
        .sum();
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = if total.is_some() {
        "{bar:30} {bytes}/{total_bytes} {binary_bytes_per_sec} eta {eta} {msg}"
    } else {
        "{spinner} {bytes} {binary_bytes_per_sec} {elapsed} {msg}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

fn write_rows(rows: &[Row], output: Option<&Path>, format: Format) -> zhgloss::Result<()> {
    let write = |w: &mut dyn Write| match format {
        Format::Csv => write_csv(rows, w),
        Format::Tbx => write_tbx(rows, w),
    };
    match output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            write(&mut file)?;
            file.commit()
        }
        None => write(&mut io::stdout().lock()),
    }
}

fn merge(glossaries: &[PathBuf], output: Option<&Path>) -> zhgloss::Result<bool> {
    let mut all = Vec::new();
    for g in glossaries {
        all.push(batch::read_glossary(g)?);
    }
    // Persons are placed as extraction places them, with what the dictionary
    // knows of public figures.
    let famous = zhgloss::glossary::Famous::from_cedict(&zhgloss::cedict::Cedict::embedded()?);
    write_rows(&batch::merge(all, &famous), output, Format::Csv)?;
    Ok(true)
}

fn segment(paths: &[PathBuf], tagging: Tagging) -> zhgloss::Result<bool> {
    let extractor = Extractor::new()?;
    let (sources, errors) = input::expand(paths);
    let mut ok = errors.is_empty();
    for e in &errors {
        eprintln!("zhgloss: {e}");
    }
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut ordinal = 0;
    for source in &sources {
        let mut failure = None;
        let result = input::read(
            source,
            &InputOptions::default(),
            &mut ordinal,
            &mut |event| match event {
                input::Event::Document(doc) => {
                    if failure.is_none()
                        && let Err(e) =
                            out.write_all(extractor.segment_text(doc.text(), tagging).as_bytes())
                    {
                        failure = Some(e);
                    }
                }
                input::Event::Warning(w) => eprintln!("zhgloss: warning: {w}"),
            },
        );
        if let Some(e) = failure {
            return Err(e.into());
        }
        if let Err(e) = result {
            eprintln!("zhgloss: {e}");
            ok = false;
        }
    }
    out.flush()?;
    Ok(ok)
}

// Extraction allocates many small strings per document; mimalloc serves
// them faster than the system allocator (12% fewer instructions on the
// English benchmark). Its version 2: version 3 commits its arenas eagerly,
// which costs some 45 MB of resident memory at start-up. With transparent
// huge pages (mimalloc asks for them on its segments): the dictionaries'
// tables span a hundred megabytes, looked up at random, and with 2 MB pages
// the lookups miss the TLB far less (one job 7-14% faster in a fresh virtual
// machine, less on one that has run a while; some 20 MB more resident
// memory, and now and then a start-up that waits for the kernel to clear
// pages). DESIGN.md has the figures.
//
// Called through its plain entry points where the alignment asked for is one
// every mimalloc block has (a machine word): the `_aligned` ones that the
// `mimalloc` crate calls for every request go through two more layers and
// cost a sixth of the English run's allocation instructions.
#[global_allocator]
static GLOBAL: MiMalloc = MiMalloc;

unsafe extern "C" {
    // mimalloc.h; libmimalloc-sys declares it only with its `extended`
    // feature (and another dependency).
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc 2's `mi_option_e` (the `Cargo.lock`
/// pins the version this was read from).
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Freed memory goes back to the system after a second instead of mimalloc's
/// 10 ms. Each piece of text allocates and frees its tokens and findings
/// (megabytes); returned after 10 ms, that memory was faulted in again by the
/// next piece (6-9% of an English run). A user's `MIMALLOC_PURGE_DELAY`
/// still rules.
fn keep_freed_memory_longer() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets an option by its index in the linked mimalloc's enum;
        // any value is valid for this option.
        unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 1000) }
    }
}

struct MiMalloc;

/// Every mimalloc block is aligned to a machine word.
const WORD: usize = std::mem::size_of::<usize>();

// SAFETY: the plain entry points are used only for alignments every block
// meets; others go to the aligned ones. Each `free` and `realloc` is given a
// pointer from this allocator, as `GlobalAlloc`'s contract guarantees.
unsafe impl std::alloc::GlobalAlloc for MiMalloc {
    #[inline]
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        allocate(layout, false)
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        allocate(layout, true)
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: std::alloc::Layout) {
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys::{mi_realloc, mi_realloc_aligned};
        let (old, align) = (ptr.cast(), layout.align());
        let p = unsafe {
            if align <= WORD {
                mi_realloc(old, new_size)
            } else {
                mi_realloc_aligned(old, new_size, align)
            }
        };
        p.cast()
    }
}

#[inline(always)]
fn allocate(layout: std::alloc::Layout, zeroed: bool) -> *mut u8 {
    use libmimalloc_sys::{mi_malloc, mi_malloc_aligned, mi_zalloc, mi_zalloc_aligned};
    let (size, align) = (layout.size(), layout.align());
    // SAFETY: mimalloc takes any size and power-of-two alignment.
    let p = unsafe {
        match (align <= WORD, zeroed) {
            (true, false) => mi_malloc(size),
            (true, true) => mi_zalloc(size),
            (false, false) => mi_malloc_aligned(size, align),
            (false, true) => mi_zalloc_aligned(size, align),
        }
    };
    p.cast()
}

#[cfg(test)]
mod tests {
    use std::alloc::{GlobalAlloc, Layout};

    use super::{GLOBAL, MI_OPTION_PURGE_DELAY};

    unsafe extern "C" {
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    }

    /// Every request gets a block of its alignment, whichever entry point
    /// serves it, and keeps its bytes through a reallocation.
    #[test]
    fn blocks_are_aligned_and_keep_their_bytes() {
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1, 3, 8, 24, 100, 1000, 70_000, 1 << 20] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: a non-zero size; each block is written within its
                // size, reallocated and freed once with its own layout.
                unsafe {
                    let zeroed = GLOBAL.alloc_zeroed(layout);
                    assert!(!zeroed.is_null());
                    assert_eq!(zeroed as usize % align, 0, "zeroed {size}/{align}");
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    GLOBAL.dealloc(zeroed, layout);

                    let p = GLOBAL.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "alloc {size}/{align}");
                    for i in 0..size {
                        *p.add(i) = i as u8;
                    }
                    let grown = GLOBAL.realloc(p, layout, size * 3);
                    assert!(!grown.is_null());
                    assert_eq!(grown as usize % align, 0, "realloc {size}/{align}");
                    assert!((0..size).all(|i| *grown.add(i) == i as u8));
                    GLOBAL.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap());
                }
            }
        }
    }

    /// The option index names the purge delay: before it is set it holds
    /// the purge delay's default (10 ms) and the index before it the eager
    /// commit delay's (1, an index libmimalloc-sys names); after, the value
    /// set. (`main` does not run in tests, and no other test sets options.)
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads and sets options of the linked mimalloc.
        unsafe {
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 10);
            assert_eq!(
                mi_option_get(MI_OPTION_PURGE_DELAY - 1),
                1,
                "mi_option_eager_commit_delay, 14 in libmimalloc-sys"
            );
            super::keep_freed_memory_longer();
            assert_eq!(mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
        }
    }
}
