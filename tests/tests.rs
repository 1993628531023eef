//! The integration tests: one binary, one module per area.

mod util;

// The command line: inputs, outputs, exit codes, bad input.
mod cli;

// The bundled samples against their expected glossaries.
mod samples;

// Batch runs: shards and merge, jobs, JSONL, gzip, mentions.
mod batch;

// Person clustering across documents (B-cubed).
mod resolution;

// Entity rows, one rule each.
mod entities;
