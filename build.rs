//! Decompresses the bundled CC-CEDICT at build time, so that the binary
//! carries it as text and start-up does not inflate 9.6 MB each run.
use std::io::Read;
use std::path::PathBuf;

fn main() {
    let src = "dictionaries/cedict_ts.u8.gz";
    println!("cargo::rerun-if-changed={src}");
    let out_dir = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    let out = PathBuf::from(out_dir).join("cedict_ts.u8");
    let file = std::fs::File::open(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    let mut text = Vec::with_capacity(10 << 20);
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut text)
        .unwrap_or_else(|e| panic!("{src}: cannot decompress: {e}"));
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
