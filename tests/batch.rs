use std::io::Write;

use crate::util::{Dir, Row, parse_csv, read_csv, root, zhgloss};

/// The bundled samples and a few more documents: enough to merge.
fn corpus(dir: &Dir) -> Vec<String> {
    let mut files = Vec::new();
    for s in [
        "en-traditional",
        "en-simplified",
        "zh-english",
        "zh-traditional",
    ] {
        let text = std::fs::read_to_string(root().join(format!("samples/{s}.txt"))).unwrap();
        files.push(dir.write(&format!("{s}.txt"), text).display().to_string());
    }
    let extra = [
        (
            "x1.txt",
            "The Ministry of Public Security (MPS) warned of “hidden dangers” (隱患) again.\n",
        ),
        (
            "x2.txt",
            "Officials spoke of “hidden dangers” (隐患) and of “positive energy” (正能量).\n",
        ),
        (
            "x3.txt",
            "MPS vice minister Lu Hanqing visited the Hubei Daily (湖北日报) on Monday.\n",
        ),
        // A public figure given other titles in two texts (one row), and a
        // name the dictionary gives no one, with other titles (two rows).
        (
            "x4.txt",
            "President Xi Jinping (习近平) met party secretary Qiao Wenhan in Hubei.\n",
        ),
        (
            "x5.txt",
            "Chairman Xi Jinping spoke after professor Qiao Wenhan.\n",
        ),
        // One body glossed in two spellings by two texts: one row.
        (
            "x6.txt",
            "A report came from 湖畔政策研究所 (Lakeside Policy Institute) on Monday.\n",
        ),
        (
            "x7.txt",
            "Scholars at 湖畔政策研究所 (Lakeside Policies Institute) disagreed.\n",
        ),
        // One person named without and then with a middle initial, in two
        // shards: one row with both names, whichever shard is merged first.
        (
            "x8.txt",
            "The economist Anna Berglund spoke in Wuhan on Monday.\n",
        ),
        (
            "x9.txt",
            "The economist Anna K. Berglund (安娜·伯格伦) replied on Tuesday.\n",
        ),
    ];
    for (name, text) in extra {
        files.push(dir.write(name, text).display().to_string());
    }
    files
}

#[test]
fn persons_known_only_by_chinese_merge_in_the_order_of_the_whole() {
    // Persons with no English (officials of other countries) share one
    // empty name: their rows come in the order the texts first name them,
    // not by sense numbers, which reading a glossary gives afresh.
    let dir = Dir::new("merge-zh-only");
    let a = dir.write(
        "a.txt",
        "美国律师多诺万与英国情报人员孟席斯见面。美国总统罗斯福下令成立新机构。\n",
    );
    let b = dir.write("b.txt", "美国总统川普最终决定放宽制裁。\n");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    let out = |name: &str| dir.join(name).to_str().unwrap().to_string();
    for (args, _) in [
        (vec!["extract", "-q", "-o", &out("whole.csv"), &a, &b], ()),
        (vec!["extract", "-q", "-o", &out("a.csv"), &a], ()),
        (vec!["extract", "-q", "-o", &out("b.csv"), &b], ()),
        (
            vec!["merge", &out("a.csv"), &out("b.csv"), "-o", &out("ab.csv")],
            (),
        ),
        (
            vec!["merge", &out("b.csv"), &out("a.csv"), "-o", &out("ba.csv")],
            (),
        ),
    ] {
        assert!(zhgloss(&args, None).status.success(), "{args:?}");
    }
    let whole = std::fs::read_to_string(out("whole.csv")).unwrap();
    assert_eq!(whole.lines().count(), 5, "{whole}");
    for merged in ["ab.csv", "ba.csv"] {
        let m = std::fs::read_to_string(out(merged)).unwrap();
        assert!(whole == m, "{merged}:\n{}", diff(&whole, &m));
    }
}

#[test]
fn merge_of_shards_equals_the_whole() {
    let dir = Dir::new("merge");
    let files = corpus(&dir);
    let whole = dir.join("whole.csv");
    let mut args = vec!["extract", "-q", "-o", whole.to_str().unwrap()];
    args.extend(files.iter().map(String::as_str));
    assert!(zhgloss(&args, None).status.success());

    // Any split, merged in any order, gives the same bytes.
    for split in [1, 3, 5, 8, 10, 12] {
        let (a, b) = files.split_at(split);
        let (ga, gb) = (
            dir.join(&format!("a{split}.csv")),
            dir.join(&format!("b{split}.csv")),
        );
        for (part, out) in [(a, &ga), (b, &gb)] {
            let mut args = vec!["extract", "-q", "-o", out.to_str().unwrap()];
            args.extend(part.iter().map(String::as_str));
            assert!(zhgloss(&args, None).status.success());
        }
        for order in [[&ga, &gb], [&gb, &ga]] {
            let merged = dir.join("merged.csv");
            let out = zhgloss(
                &[
                    "merge",
                    order[0].to_str().unwrap(),
                    order[1].to_str().unwrap(),
                    "-o",
                    merged.to_str().unwrap(),
                ],
                None,
            );
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let (w, m) = (
                std::fs::read_to_string(&whole).unwrap(),
                std::fs::read_to_string(&merged).unwrap(),
            );
            assert!(
                w == m,
                "split {split}: merge differs from the whole run:\n{}",
                diff(&w, &m)
            );
        }
    }
    // Counts really add up.
    let rows = read_csv(&whole);
    let hidden = rows
        .iter()
        .find(|r| r["english"] == "hidden dangers")
        .unwrap();
    assert_eq!(hidden["documents"], "3");
    let persons = |name: &str| {
        rows.iter()
            .filter(|r| r["kind"] == "person" && r["english"] == name)
            .count()
    };
    assert_eq!(persons("Xi Jinping"), 1);
    assert_eq!(persons("Qiao Wenhan"), 2);
    // One row under each name, the other spelling its alias.
    for (start, alias) in [
        ("Lakeside", "Lakeside Policies Institute"),
        ("Anna", "Anna K. Berglund"),
    ] {
        let named: Vec<_> = rows
            .iter()
            .filter(|r| r["english"].starts_with(start))
            .collect();
        assert_eq!(named.len(), 1, "{named:?}");
        assert_eq!(named[0]["aliases"], alias);
    }
}

fn diff(a: &str, b: &str) -> String {
    let la: Vec<&str> = a.lines().collect();
    let lb: Vec<&str> = b.lines().collect();
    la.iter()
        .filter(|l| !lb.contains(l))
        .map(|l| format!("- {l}"))
        .chain(
            lb.iter()
                .filter(|l| !la.contains(l))
                .map(|l| format!("+ {l}")),
        )
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn same_output_for_any_number_of_jobs() {
    let dir = Dir::new("jobs");
    let files = corpus(&dir);
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "4"] {
        let mut args = vec!["extract", "-q", "--jobs", jobs];
        args.extend(files.iter().map(String::as_str));
        let out = zhgloss(&args, None);
        assert!(out.status.success());
        outputs.push(out.stdout);
    }
    assert!(!parse_csv(&outputs[0]).is_empty());
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

/// Many small documents travel to the workers in batches; the glossary must
/// not depend on how the batches fall or which worker takes which.
#[test]
fn many_small_documents_give_the_same_glossary_for_any_number_of_jobs() {
    let mut jsonl = String::new();
    let mut n = 0;
    for s in ["en-traditional", "en-simplified", "zh-english"] {
        let text = std::fs::read_to_string(root().join(format!("samples/{s}.txt"))).unwrap();
        for para in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
            // Each paragraph several times over: a few hundred documents,
            // more than one batch.
            for copy in 0..16 {
                n += 1;
                let doc = serde_json::json!({ "id": format!("{s}-{n}-{copy}"), "text": para });
                jsonl.push_str(&doc.to_string());
                jsonl.push('\n');
            }
        }
    }
    assert!(jsonl.len() > 200 << 10, "{} bytes", jsonl.len());
    let mut outputs = Vec::new();
    for jobs in ["1", "2", "3"] {
        let out = zhgloss(
            &["extract", "--jsonl", "--jobs", jobs],
            Some(jsonl.as_bytes()),
        );
        assert!(out.status.success());
        // No document lost at a batch's end.
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(&format!(": {n} documents,")), "{stderr}");
        outputs.push(out.stdout);
    }
    let rows = parse_csv(&outputs[0]);
    assert!(!rows.is_empty());
    // Every copy counted: a row seen in one paragraph is in sixteen documents.
    assert!(
        rows.iter()
            .all(|r| r["documents"].parse::<u32>().unwrap() % 16 == 0)
    );
    assert_eq!(outputs[0], outputs[1]);
    assert_eq!(outputs[0], outputs[2]);
}

#[test]
fn jsonl_with_a_malformed_line_goes_on() {
    let input = "{\"id\": \"d1\", \"text\": \"They heard “gossip” (小道消息).\"}\n\
                 {\"id\": \"d2\", \"text\": broken}\n\
                 {\"doc\": \"d3\", \"body\": \"no text field\"}\n\
                 {\"id\": \"d4\", \"text\": \"More “gossip” (小道消息) here.\"}\n";
    let out = zhgloss(&["extract", "--jsonl", "-q"], Some(input.as_bytes()));
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("<stdin>:2: skipped: malformed JSON"),
        "{stderr}"
    );
    assert!(stderr.contains("<stdin>:3: skipped"), "{stderr}");
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["documents"], "2");
    assert_eq!(rows[0]["source"], "d1:1");

    // Other field names.
    let input = "{\"key\": 9, \"body\": \"A “quiet term” (安静).\"}\n";
    let out = zhgloss(
        &[
            "extract",
            "--jsonl",
            "--text-field",
            "body",
            "--id-field",
            "key",
        ],
        Some(input.as_bytes()),
    );
    let rows = parse_csv(&out.stdout);
    assert_eq!(rows[0]["source"], "9:1");
}

#[test]
fn gzip_files_are_read_and_a_summary_is_printed() {
    let dir = Dir::new("gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all("The “paper tiger” (纸老虎) roared.\n".as_bytes())
        .unwrap();
    let p = dir.write("a.txt.gz", gz.finish().unwrap());
    let out = zhgloss(&["extract", p.to_str().unwrap()], None);
    assert!(out.status.success());
    assert!(
        parse_csv(&out.stdout)
            .iter()
            .any(|r| r["english"] == "paper tiger")
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 documents") && stderr.contains("rows"),
        "{stderr}"
    );
    let quiet = zhgloss(&["extract", "-q", p.to_str().unwrap()], None);
    assert!(quiet.stderr.is_empty());
}

/// `extract --mentions` of one text: the glossary's rows and the mentions
/// file.
fn extract_with_mentions(name: &str, text: &str) -> (Vec<Row>, String) {
    let dir = Dir::new(name);
    let doc = dir.write(&format!("{name}.txt"), text);
    let mentions = dir.join("mentions.jsonl");
    let out = zhgloss(
        &[
            "extract",
            "-q",
            doc.to_str().unwrap(),
            "--mentions",
            mentions.to_str().unwrap(),
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        parse_csv(&out.stdout),
        std::fs::read_to_string(&mentions).unwrap(),
    )
}

#[test]
fn mentions_trace_rows_back_to_text() {
    let text = "MPS vice minister Lu Hanqing spoke. Lu said the “hidden dangers” (隱患) remain.\n";
    let (rows, lines) = extract_with_mentions("mentions", text);
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str()).collect();
    let mut person_mentions = 0;
    for l in lines.lines() {
        let m: serde_json::Value = serde_json::from_str(l).unwrap();
        let id = m["id"].as_str().unwrap();
        assert!(ids.contains(&id), "mention resolves to a row: {id}");
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], m["surface"].as_str().unwrap());
        if m["kind"] == "person" {
            person_mentions += 1;
            assert_eq!(id, "person:lu-hanqing");
        }
    }
    assert_eq!(person_mentions, 2, "full name and short form");
    for r in &rows {
        assert!(
            lines.contains(&format!("\"id\":\"{}\"", r["id"])),
            "row {} has a mention",
            r["id"]
        );
    }
}

/// One place in the text that two finders found (a defined acronym, and the
/// dictionary's name and acronym inside it) is one mention, in the row's
/// count and in the mentions file alike.
#[test]
fn a_place_found_twice_is_one_mention() {
    let text = "Dong Jingwei joined the Ministry of State Security (MSS) in 2017. \
                The MSS did not comment.\n";
    let (rows, lines) = extract_with_mentions("repeats", text);
    let mss = rows
        .iter()
        .find(|r| r["acronym"] == "MSS")
        .expect("the ministry's row");
    assert_eq!(mss["mentions"], "2", "{mss:?}");
    let of_row: Vec<&str> = lines
        .lines()
        .filter(|l| l.contains(&format!("\"id\":\"{}\"", mss["id"])))
        .collect();
    assert_eq!(of_row.len(), 2, "{of_row:#?}");
}
