//! The reference for the Chinese-heavy benchmark: raw jieba-rs `cut` with
//! HMM on, line by line over a file, with no zhgloss stage around it.
//!
//! Usage: `cargo run --release --example cut -- FILE` (prints bytes, seconds
//! and MB/s).
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: cut FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let jieba = jieba_rs::Jieba::new();
    let started = Instant::now();
    let mut words = 0usize;
    for line in text.lines() {
        words += jieba.cut(line, true).len();
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{} bytes {:.3} s {:.2} MB/s {} words",
        text.len(),
        secs,
        text.len() as f64 / secs / 1e6,
        words
    );
    Ok(())
}
