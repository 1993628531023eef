//! The `zhgloss` command: parses arguments and calls the library.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use zhgloss::input::{self, Loaded};
use zhgloss::segment::Tagging;
use zhgloss::writer::{AtomicFile, write_csv};
use zhgloss::{Extractor, Glossary};

/// Bilingual (Chinese–English) glossary extraction.
#[derive(Parser, Debug)]
#[command(name = "zhgloss", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract a CSV glossary from files, directories (walked recursively) or
    /// stdin (`-` or no path).
    Extract {
        /// Files or directories; `-` is stdin.
        paths: Vec<PathBuf>,
        /// Write the glossary here (atomically) instead of stdout.
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
        Command::Extract { paths, output } => extract(&paths, output.as_deref()),
        Command::Segment { paths, tags } => {
            segment(&paths, if tags { Tagging::On } else { Tagging::Off })
        }
    }
}

fn extract(paths: &[PathBuf], output: Option<&std::path::Path>) -> zhgloss::Result<bool> {
    let extractor = Extractor::new()?;
    let (sources, errors) = input::expand(paths);
    let mut ok = errors.is_empty();
    for e in &errors {
        eprintln!("zhgloss: {e}");
    }
    let mut glossary = Glossary::new();
    for source in &sources {
        match input::load(source) {
            Ok(Loaded::Text(doc, warnings)) => {
                for w in warnings {
                    eprintln!("zhgloss: warning: {w}");
                }
                let findings = extractor.extract(&doc);
                glossary.add_document(&doc, &findings, &extractor);
            }
            Ok(Loaded::Skipped(why)) => eprintln!("zhgloss: warning: {why}"),
            Err(e) => {
                eprintln!("zhgloss: {e}");
                ok = false;
            }
        }
    }
    let rows = glossary.into_rows();
    match output {
        Some(path) => {
            let mut file = AtomicFile::create(path)?;
            write_csv(&rows, &mut file)?;
            file.commit()?;
        }
        None => {
            let stdout = io::stdout();
            write_csv(&rows, stdout.lock())?;
        }
    }
    Ok(ok)
}

fn segment(paths: &[PathBuf], tagging: Tagging) -> zhgloss::Result<bool> {
    let extractor = Extractor::new()?;
    let (sources, errors) = input::expand(paths);
    let mut ok = errors.is_empty();
    for e in &errors {
        eprintln!("zhgloss: {e}");
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    for source in &sources {
        match input::load(source) {
            Ok(Loaded::Text(doc, warnings)) => {
                for w in warnings {
                    eprintln!("zhgloss: warning: {w}");
                }
                out.write_all(extractor.segment_text(doc.text(), tagging).as_bytes())?;
            }
            Ok(Loaded::Skipped(why)) => eprintln!("zhgloss: warning: {why}"),
            Err(e) => {
                eprintln!("zhgloss: {e}");
                ok = false;
            }
        }
    }
    out.flush()?;
    Ok(ok)
}
