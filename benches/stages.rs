//! Byte throughput of each stage on the bundled samples: segmentation, the
//! parenthetical finder, the whole extraction (all finders and resolution)
//! and aggregation. Run with `cargo bench --bench stages`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zhgloss::align::TermCache;
use zhgloss::segment::Tagging;
use zhgloss::term::TermContext;
use zhgloss::{Document, Extractor, Glossary};

fn samples() -> (String, String) {
    let read = |n: &str| {
        std::fs::read_to_string(format!("{}/samples/{n}.txt", env!("CARGO_MANIFEST_DIR"))).unwrap()
    };
    let english = [read("en-traditional"), read("en-simplified")].concat();
    let chinese = [read("zh-english"), read("zh-traditional")].concat();
    (english, chinese)
}

fn stages(c: &mut Criterion) {
    let extractor = Extractor::new().expect("embedded dictionaries load");
    let (english, chinese) = samples();

    let mut g = c.benchmark_group("segmentation");
    g.throughput(Throughput::Bytes(chinese.len() as u64));
    g.bench_function("zh", |b| {
        b.iter(|| extractor.segment_text(&chinese, Tagging::Off))
    });
    g.finish();

    let is_title = |_: &str| false;
    let mut g = c.benchmark_group("parentheticals");
    for (name, text) in [("en", &english), ("zh", &chinese)] {
        let doc = Document::new(name, text.as_str());
        g.throughput(Throughput::Bytes(text.len() as u64));
        // A fresh term cache each time: the cost of a document read cold.
        g.bench_function(name, |b| {
            b.iter(|| {
                let terms = TermCache::new();
                let ctx = TermContext {
                    hanzi: extractor.hanzi(),
                    terms: &terms,
                    segmenter: extractor.segmenter(),
                    is_title: &is_title,
                };
                zhgloss::pairs::find(&doc, &ctx)
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("extract");
    for (name, text) in [("en", &english), ("zh", &chinese)] {
        let doc = Document::new(name, text.as_str());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| b.iter(|| extractor.extract(&doc)));
    }
    g.finish();

    let mut g = c.benchmark_group("aggregation");
    let doc = Document::new("en", english.as_str());
    let findings = extractor.extract(&doc);
    g.throughput(Throughput::Bytes(english.len() as u64));
    g.bench_function("en", |b| {
        b.iter(|| {
            let mut glossary = Glossary::new();
            glossary.add_document(&doc, &findings, &extractor);
            glossary.into_rows()
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
