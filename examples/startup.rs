//! Times the stages of building an `Extractor`, to see where start-up goes.
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let cedict = zhgloss::cedict::Cedict::embedded()?;
    println!(
        "cedict parse      {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let hanzi = zhgloss::hanzi::Hanzi::new(cedict);
    println!(
        "script tables     {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let _seg = zhgloss::segment::Segmenter::new();
    println!(
        "jieba             {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let lex = zhgloss::dict::Lexicons::embedded()?;
    println!(
        "lexicons          {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let mut names = zhgloss::names::NameModel::new(&lex);
    names.learn_places(hanzi.cedict());
    println!(
        "places            {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let _e = zhgloss::Extractor::new()?;
    println!(
        "whole extractor   {:>6.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    Ok(())
}
