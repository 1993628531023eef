//! Person clustering across documents, scored with B-cubed (Bagga &
//! Baldwin 1998) against `tests/data/resolution/expected.jsonl`: two
//! officials called Wang Wei, one official spelt two ways, one named in
//! English here and in Chinese there, and surname short forms.

use std::collections::HashMap;

use serde_json::Value;

use crate::util::{Dir, root, zhgloss};

fn bare(s: &str) -> &str {
    s.strip_suffix("’s")
        .or_else(|| s.strip_suffix("'s"))
        .unwrap_or(s)
}

/// B-cubed precision and recall of `predicted` against `gold` (one label
/// each, per mention).
fn b_cubed(gold: &[String], predicted: &[String]) -> (f64, f64) {
    let n = gold.len() as f64;
    let (mut p, mut r) = (0.0, 0.0);
    for i in 0..gold.len() {
        let both = (0..gold.len())
            .filter(|&j| gold[j] == gold[i] && predicted[j] == predicted[i])
            .count() as f64;
        p += both
            / (0..gold.len())
                .filter(|&j| predicted[j] == predicted[i])
                .count() as f64;
        r += both / (0..gold.len()).filter(|&j| gold[j] == gold[i]).count() as f64;
    }
    (p / n, r / n)
}

#[test]
fn b_cubed_is_what_it_says() {
    let g: Vec<String> = ["a", "a", "b"].iter().map(|s| s.to_string()).collect();
    assert_eq!(b_cubed(&g, &g), (1.0, 1.0));
    let one: Vec<String> = vec!["x".into(); 3];
    let (p, r) = b_cubed(&g, &one);
    assert!((p - 5.0 / 9.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
}

#[test]
fn persons_cluster_across_documents() {
    let dir = Dir::new("resolution");
    let mentions = dir.join("mentions.jsonl");
    let data = root().join("tests/data/resolution");
    let out = zhgloss(
        &[
            "extract",
            "-q",
            data.to_str().unwrap(),
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

    // Predicted person mentions per document, in text order.
    let mut predicted: HashMap<String, Vec<(u64, String, String)>> = HashMap::new();
    for line in std::fs::read_to_string(&mentions).unwrap().lines() {
        let m: Value = serde_json::from_str(line).unwrap();
        if m["kind"] != "person" {
            continue;
        }
        let doc = m["document"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string();
        predicted.entry(doc).or_default().push((
            m["start"].as_u64().unwrap(),
            bare(m["surface"].as_str().unwrap()).to_string(),
            m["id"].as_str().unwrap().to_string(),
        ));
    }
    for list in predicted.values_mut() {
        list.sort();
    }

    // Expected mentions, aligned with predicted ones by document and offset.
    let mut gold = Vec::new();
    let mut labels = Vec::new();
    let mut missed = Vec::new();
    let expected_text = std::fs::read_to_string(data.join("expected.jsonl")).unwrap();
    for line in expected_text.lines().filter(|l| !l.trim().is_empty()) {
        let e: Value = serde_json::from_str(line).unwrap();
        for m in e["mentions"].as_array().unwrap() {
            let doc = m["doc"].as_str().unwrap();
            let start = m["start"].as_u64().unwrap();
            gold.push(e["entity"].as_str().unwrap().to_string());
            let hit = predicted
                .get(doc)
                .and_then(|list| list.iter().find(|p| p.0 == start));
            match hit {
                Some(p) => labels.push(p.2.clone()),
                None => {
                    missed.push(format!("{doc}@{start}: {}", m["surface"]));
                    labels.push(format!("unfound-{doc}-{start}"));
                }
            }
        }
    }
    let (p, r) = b_cubed(&gold, &labels);
    let f = 2.0 * p * r / (p + r);
    assert!(
        f >= 0.95,
        "B-cubed P={p:.3} R={r:.3} F={f:.3}; unfound mentions: {missed:?}"
    );
}
