use std::fs;
use std::time::{Duration, Instant};

use crate::util::{Dir, parse_csv, read_csv, zhgloss};

const ARTICLE: &str = "Officials warned of “hidden dangers” (隱患) in the sector.\n\
The Ministry of Public Security (MPS) issued rules (see chart below).\n";

#[test]
fn stdin_to_stdout() {
    let out = zhgloss(&["extract"], Some(ARTICLE.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = parse_csv(&out.stdout);
    let pair = rows
        .iter()
        .find(|r| r["chinese"] == "隱患")
        .expect("pair row");
    assert_eq!(pair["english"], "hidden dangers");
    assert_eq!(pair["simplified"], "隐患");
    assert_eq!(pair["traditional"], "隱患");
    assert_eq!(pair["source"], "<stdin>:1");
    assert!(
        rows.iter()
            .any(|r| r["acronym"] == "MPS" && r["english"] == "Ministry of Public Security")
    );
    assert!(
        !rows.iter().any(|r| r["english"].contains("chart")),
        "asides make no rows"
    );
}

#[test]
fn dash_is_stdin() {
    let out = zhgloss(&["extract", "-"], Some(ARTICLE.as_bytes()));
    assert!(out.status.success());
    assert!(!parse_csv(&out.stdout).is_empty());
}

#[test]
fn directories_are_walked_in_a_stable_order_and_data_files_skipped() {
    let dir = Dir::new("walk");
    dir.write("b/second.txt", "The “second term” (第二) appears.\n");
    dir.write(
        "a/first.txt",
        "The “second term” (第二) appears first here.\n",
    );
    dir.write("a/table.csv", "id,english\n1,“ignored term” (忽略)\n");
    dir.write("a/README.md", "About this folder: “ignored too” (忽略).\n");
    let out = zhgloss(&["extract", dir.path.to_str().unwrap()], None);
    assert!(out.status.success());
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["mentions"], "2");
    assert_eq!(rows[0]["documents"], "2");
    assert!(
        rows[0]["source"].ends_with("a/first.txt:1"),
        "{}",
        rows[0]["source"]
    );
    let again = zhgloss(&["extract", dir.path.to_str().unwrap()], None);
    assert_eq!(out.stdout, again.stdout, "deterministic output");
}

#[test]
fn output_file_is_written_and_missing_paths_reported() {
    let dir = Dir::new("missing");
    let input = dir.write("in.txt", ARTICLE);
    let target = dir.join("glossary.csv");
    let out = zhgloss(
        &[
            "extract",
            "/no/such/file.txt",
            input.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "non-zero when an input is missing"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/file.txt"), "{stderr}");
    let rows = read_csv(&target);
    assert!(
        rows.iter().any(|r| r["chinese"] == "隱患"),
        "the other inputs still count"
    );
    let leftovers: Vec<_> = fs::read_dir(&dir.path)
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "no temporary file left beside the glossary"
    );
}

#[test]
fn bad_bytes_are_decoded_or_skipped_with_warnings() {
    let dir = Dir::new("bytes");
    let mut latin1 =
        b"The \x93gossip\x94 note \xff: the \xe2\x80\x9cpublic term\xe2\x80\x9d (".to_vec();
    latin1.extend("公共".as_bytes());
    latin1.extend(b") here.\n");
    dir.write("latin1.txt", &latin1);
    let mut utf16: Vec<u8> = vec![0xFF, 0xFE];
    utf16.extend(
        "A “quiet term” (安静) here.\n"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    dir.write("utf16.txt", &utf16);
    dir.write("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    let out = zhgloss(&["extract", dir.path.to_str().unwrap()], None);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("latin1.txt") && stderr.contains("invalid UTF-8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("image.txt") && stderr.contains("binary"),
        "{stderr}"
    );
    let rows = parse_csv(&out.stdout);
    assert!(
        rows.iter()
            .any(|r| r["chinese"] == "安静" && r["english"] == "quiet term"),
        "{rows:?}"
    );
    assert!(
        rows.iter()
            .any(|r| r["chinese"] == "公共" && r["english"] == "public term"),
        "{rows:?}"
    );
}

#[test]
fn pathological_text_finishes_quickly() {
    let dir = Dir::new("patho");
    let mut text = "(".repeat(2_000_000);
    text.push_str(&")".repeat(1000));
    text.push('\n');
    text.push_str(&"((((((((((深)))))))))) ".repeat(20_000));
    text.push('\n');
    text.push_str(&"word “x” (中) ".repeat(20_000));
    let p = dir.write("patho.txt", text);
    let started = Instant::now();
    let out = zhgloss(&["extract", p.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A generous bound: this guards against quadratic blow-up, not speed.
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn formulas_are_neutralised_in_cells() {
    let out = zhgloss(
        &["extract"],
        Some("@everyone heard “gossip” (小道消息) today.\n".as_bytes()),
    );
    let rows = parse_csv(&out.stdout);
    assert_eq!(
        rows[0]["context"],
        "'@everyone heard “gossip” (小道消息) today."
    );
}

#[test]
fn segment_prints_words() {
    let out = zhgloss(
        &["segment"],
        Some("美国智库布鲁金斯学会 said.\n".as_bytes()),
    );
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(' ') && text.contains("said."), "{text}");
    assert_eq!(text.replace(' ', ""), "美国智库布鲁金斯学会said.\n");
    let tagged = zhgloss(&["segment", "--tags"], Some("美国智库".as_bytes()));
    assert!(String::from_utf8(tagged.stdout).unwrap().contains("/ns"));
}

#[test]
fn help_and_version() {
    assert!(zhgloss(&["--help"], None).status.success());
    let v = zhgloss(&["--version"], None);
    assert!(String::from_utf8(v.stdout).unwrap().starts_with("zhgloss "));
}

#[test]
fn tbx_has_an_entry_per_row() {
    let csv = zhgloss(&["extract", "-q", "samples/en-traditional.txt"], None);
    let tbx = zhgloss(
        &[
            "extract",
            "-q",
            "--format",
            "tbx",
            "samples/en-traditional.txt",
        ],
        None,
    );
    assert!(tbx.status.success());
    let text = String::from_utf8(tbx.stdout).unwrap();
    assert!(text.starts_with("<?xml") && text.trim_end().ends_with("</martif>"));
    let rows = parse_csv(&csv.stdout);
    assert_eq!(text.matches("<termEntry ").count(), rows.len());
    assert_eq!(
        text.matches("<termEntry ").count(),
        text.matches("</termEntry>").count()
    );
    assert!(text.contains("<term>隐患</term>") && text.contains("<term>隱患</term>"));
}
