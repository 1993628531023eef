//! The bundled samples against the answers a careful translator expects
//! (`tests/data/expected/*.jsonl`).
//!
//! Each expected file lists pairs, acronyms, persons, organisations, ranks,
//! variants and asides. The checks score the glossary the way a reviewer
//! would: every expected pair must be found with the right English, no aside
//! may become a pair, and the entity finders must reach their recall.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use crate::util::{Row, root, zhgloss};

/// English folded for comparison: case, curly quotes, outer quotes and a
/// leading article.
fn fold_en(s: &str) -> String {
    let s = s.replace(['’', '‘'], "'").replace(['“', '”'], "\"");
    let s = s
        .trim()
        .trim_matches(|c: char| "\"'“”‘’,.;: ".contains(c))
        .to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    for a in ["the ", "a ", "an "] {
        if let Some(r) = s.strip_prefix(a) {
            return r.to_string();
        }
    }
    s
}

fn fold_zh(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn strings(v: &Value, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

struct Run {
    rows: Vec<Row>,
    expected: Vec<Value>,
    text: String,
}

fn run(sample: &str) -> Run {
    let path = format!("samples/{sample}.txt");
    let out = zhgloss(&["extract", &path], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = crate::util::parse_csv(&out.stdout);
    let expected =
        std::fs::read_to_string(root().join(format!("tests/data/expected/{sample}.jsonl")))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
    let text = std::fs::read_to_string(root().join(Path::new(&path))).unwrap();
    Run {
        rows,
        expected,
        text,
    }
}

fn of_type<'a>(expected: &'a [Value], t: &str) -> Vec<&'a Value> {
    expected.iter().filter(|v| v["type"] == t).collect()
}

fn row_chinese(r: &Row) -> Vec<String> {
    ["chinese", "simplified", "traditional"]
        .iter()
        .map(|c| fold_zh(&r[*c]))
        .filter(|z| !z.is_empty())
        .collect()
}

fn row_names(r: &Row) -> HashSet<String> {
    let mut names: HashSet<String> = ["english", "acronym"]
        .iter()
        .map(|c| fold_en(&r[*c]))
        .collect();
    names.extend(row_chinese(r));
    names.extend(r["aliases"].split("; ").map(fold_en));
    names.remove("");
    names
}

/// An expected pair's accepted Chinese and English forms, folded.
fn pair_forms(p: &Value) -> (Vec<String>, Vec<String>) {
    let zhs = strings(p, "zh")
        .into_iter()
        .chain(strings(p, "zh_alt"))
        .map(|z| fold_zh(&z))
        .collect();
    let ens = strings(p, "en")
        .into_iter()
        .chain(strings(p, "en_alt"))
        .map(|e| fold_en(&e))
        .collect();
    (zhs, ens)
}

/// (found, total, misses) for the expected pairs.
fn pair_recall(run: &Run) -> (usize, usize, Vec<String>) {
    let pairs = of_type(&run.expected, "pair");
    let mut misses = Vec::new();
    for p in &pairs {
        let (zhs, ens) = pair_forms(p);
        let hit = run.rows.iter().any(|r| {
            row_chinese(r).iter().any(|z| zhs.contains(z)) && ens.contains(&fold_en(&r["english"]))
        });
        if !hit {
            let got: Vec<String> = run
                .rows
                .iter()
                .filter(|r| row_chinese(r).iter().any(|z| zhs.contains(z)))
                .map(|r| r["english"].clone())
                .collect();
            misses.push(format!("{} -> {:?} (got {got:?})", zhs[0], ens[0]));
        }
    }
    (pairs.len() - misses.len(), pairs.len(), misses)
}

/// Term rows whose Chinese is in the text but that no expected pair has.
fn wrong_term_pairs(run: &Run) -> Vec<String> {
    let text = fold_zh(&run.text);
    let pairs = of_type(&run.expected, "pair");
    run.rows
        .iter()
        .filter(|r| r["kind"] == "term" && !r["english"].is_empty())
        .filter(|r| row_chinese(r).iter().any(|z| text.contains(z.as_str())))
        .filter(|r| {
            !pairs.iter().any(|p| {
                let (zhs, ens) = pair_forms(p);
                row_chinese(r).iter().any(|z| zhs.contains(z))
                    && ens.contains(&fold_en(&r["english"]))
            })
        })
        .map(|r| format!("{} -> {:?}", r["chinese"], r["english"]))
        .collect()
}

fn check_pairs(sample: &str, min_recall: f64, max_wrong: usize) {
    let run = run(sample);
    let (found, total, misses) = pair_recall(&run);
    let recall = found as f64 / total.max(1) as f64;
    let wrong = wrong_term_pairs(&run);
    assert!(
        recall >= min_recall,
        "{sample}: pair recall {found}/{total}; misses:\n{}",
        misses.join("\n")
    );
    assert!(
        wrong.len() <= max_wrong,
        "{sample}: wrong pairs:\n{}",
        wrong.join("\n")
    );
    // No aside becomes a pair.
    for a in of_type(&run.expected, "aside") {
        let text = a["text"].as_str().unwrap_or("");
        if text.is_empty() {
            continue;
        }
        let folded = fold_en(text);
        assert!(
            !run.rows.iter().any(|r| fold_en(&r["english"]) == folded
                || (!r["chinese"].is_empty()
                    && text.contains(r["chinese"].as_str())
                    && r["kind"] == "term")),
            "{sample}: aside {text:?} became a row"
        );
    }
}

fn check_acronyms(sample: &str) {
    let run = run(sample);
    for a in of_type(&run.expected, "acronym") {
        let short = a["short"].as_str().unwrap();
        let long = fold_en(a["long"].as_str().unwrap());
        assert!(
            run.rows
                .iter()
                .any(|r| r["acronym"] == short && fold_en(&r["english"]) == long),
            "{sample}: acronym {short} = {long:?} not found"
        );
    }
}

/// Persons found (by name, Chinese or alias) and title recall on them.
fn check_persons(sample: &str, min_recall: f64, min_title_recall: f64) {
    let run = run(sample);
    let persons: Vec<&Row> = run.rows.iter().filter(|r| r["kind"] == "person").collect();
    let expected = of_type(&run.expected, "person");
    let (mut found, mut titles_hit, mut titles_all) = (0, 0, 0);
    let mut misses = Vec::new();
    for p in &expected {
        let forms: HashSet<String> = strings(p, "name")
            .iter()
            .map(|n| fold_en(n))
            .chain(strings(p, "zh").iter().map(|z| fold_zh(z)))
            .collect();
        let titles = strings(p, "titles");
        titles_all += titles.len();
        match persons.iter().find(|r| !row_names(r).is_disjoint(&forms)) {
            Some(r) => {
                found += 1;
                let have = r["titles"].to_lowercase();
                titles_hit += titles
                    .iter()
                    .filter(|t| {
                        have.contains(&t.to_lowercase())
                            || have
                                .split("; ")
                                .any(|h| !h.is_empty() && t.to_lowercase().contains(h))
                    })
                    .count();
            }
            None => misses.push(p["name"].to_string()),
        }
    }
    let recall = found as f64 / expected.len().max(1) as f64;
    let title_recall = titles_hit as f64 / titles_all.max(1) as f64;
    assert!(
        recall >= min_recall,
        "{sample}: person recall {found}/{}: missing {misses:?}",
        expected.len()
    );
    assert!(
        title_recall >= min_title_recall,
        "{sample}: title recall {titles_hit}/{titles_all}"
    );
}

fn check_ranks(sample: &str) {
    let run = run(sample);
    let ranks: Vec<&Row> = run.rows.iter().filter(|r| r["kind"] == "rank").collect();
    for r in of_type(&run.expected, "rank") {
        let forms: Vec<String> = strings(r, "text")
            .into_iter()
            .chain(strings(r, "alt"))
            .map(|x| fold_en(&x))
            .collect();
        assert!(
            ranks
                .iter()
                .any(|row| forms.contains(&fold_en(&row["english"]))
                    || forms.contains(&fold_zh(&row["chinese"]))),
            "{sample}: rank {:?} not found",
            r["text"]
        );
    }
}

#[test]
fn en_traditional_pairs() {
    check_pairs("en-traditional", 0.9, 1);
}

#[test]
fn en_simplified_pairs() {
    check_pairs("en-simplified", 0.9, 1);
}

#[test]
fn zh_english_pairs() {
    check_pairs("zh-english", 0.85, 2);
}

#[test]
fn zh_traditional_pairs() {
    check_pairs("zh-traditional", 0.85, 1);
}

#[test]
fn acronyms_in_both_orders() {
    for s in ["en-traditional", "en-simplified"] {
        check_acronyms(s);
    }
}

#[test]
fn officials_in_english() {
    check_persons("en-traditional", 0.85, 0.7);
}

#[test]
fn officials_in_chinese() {
    check_persons("zh-english", 0.7, 0.5);
}

#[test]
fn ranks_in_both_languages() {
    for s in ["en-traditional", "zh-english"] {
        check_ranks(s);
    }
}
