//! Cadre ranks, normalised to the Civil Service Law hierarchy.
//!
//! English renderings vary (`vice ministerial level`, `vice-ministerial
//! rank`, `sub-ministry level`), so every alias of a rank is matched before a
//! level word (`level`, `rank`, `grade`), and coordinations share it:
//! `vice provincial/vice ministerial level and above` gives two ranks.
//! Chinese terms (副部级, 副部級) are matched as written.

use crate::dict::ChineseAutomaton;
use aho_corasick::AhoCorasick;

use crate::dict::{Lexicons, automaton};
use crate::document::Span;
use crate::finding::{Finding, Kind};

/// Finds ranks.
#[derive(Clone, Debug)]
pub struct RankFinder {
    /// English aliases (lowercase, with spaces), each with its rank index.
    english: AhoCorasick,
    english_rank: Vec<usize>,
    chinese: ChineseAutomaton,
    chinese_rank: Vec<usize>,
    ranks: Vec<(String, String, String)>,
}

/// Words that make an alias a rank (`vice ministerial` alone is not one).
const LEVEL_WORDS: &[&str] = &["level", "rank", "grade", "ranking", "ranked"];

/// Nouns a level describes as a tier of territory or government, not an
/// official's rank: a `prefecture-level city` is a 地级市, not a 正厅级 one,
/// and `provincial-level directives` come from provinces.
const ADMINISTRATIVE: &[&str] = &[
    "city",
    "cities",
    "municipality",
    "municipalities",
    "division",
    "divisions",
    "region",
    "regions",
    "district",
    "districts",
    "prefecture",
    "prefectures",
    "county",
    "counties",
    "town",
    "towns",
    "township",
    "townships",
    "province",
    "provinces",
    "administrative",
    "government",
    "governments",
    "directive",
    "directives",
];

impl RankFinder {
    /// Builds the matchers from the rank lexicon.
    ///
    /// # Errors
    ///
    /// When the renderings are too many for the matcher.
    pub fn new(lex: &Lexicons) -> crate::error::Result<RankFinder> {
        let mut patterns = Vec::new();
        let mut english_rank = Vec::new();
        let mut chinese = Vec::new();
        let mut chinese_rank = Vec::new();
        let mut ranks = Vec::new();
        for (i, r) in lex.ranks.iter().enumerate() {
            ranks.push((r.chinese.clone(), r.traditional.clone(), r.english.clone()));
            let base = r
                .english
                .trim_end_matches(" level")
                .trim_end_matches("-level")
                .to_string();
            let mut aliases: Vec<String> = r
                .aliases
                .split('|')
                .map(|a| a.trim().to_lowercase())
                .collect();
            aliases.push(base.to_lowercase());
            for a in aliases.into_iter().filter(|a| !a.is_empty()) {
                for form in [a.clone(), a.replace('-', " "), a.replace(' ', "-")] {
                    if !patterns.contains(&form) {
                        patterns.push(form);
                        english_rank.push(i);
                    }
                }
            }
            for zh in [&r.chinese, &r.traditional] {
                if !zh.is_empty() && !chinese.contains(zh) {
                    chinese.push(zh.clone());
                    chinese_rank.push(i);
                }
            }
        }

        Ok(RankFinder {
            english: automaton(&patterns, true)?,
            english_rank,
            chinese: ChineseAutomaton::new(&chinese)?,
            chinese_rank,
            ranks,
        })
    }

    /// Every rank mentioned in `text`.
    pub fn find(&self, text: &str, english: bool, chinese: bool) -> Vec<Finding> {
        let mut out = Vec::new();
        // English: aliases joined by `/`, `or`, `and`, `to`, then a level word.
        // A rank needs a level word after it, so only lines with one (and the
        // line before, for an alias list broken after a `/`) are searched;
        // most lines name no rank. No alias spans a line break, so a search
        // from a line's start finds what a search of the whole text does.
        let mut matches = Vec::new();
        if english {
            for (start, end) in level_lines(text) {
                matches.extend(
                    self.english
                        .find_iter(aho_corasick::Input::new(text).span(start..end))
                        .filter(|m| word_bounded(text, m.start(), m.end())),
                );
            }
        }
        let mut i = 0;
        while i < matches.len() {
            let mut group = vec![i];
            let mut j = i;
            while j + 1 < matches.len() {
                let gap = &text[matches[j].end()..matches[j + 1].start()];
                if matches!(gap.trim(), "/" | "or" | "and" | "to" | "," | "-") && gap.len() <= 5 {
                    group.push(j + 1);
                    j += 1;
                } else {
                    break;
                }
            }
            let after = &text[matches[j].end()..];
            let level = after
                .trim_start_matches([' ', '-'])
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let level_end = matches[j].end() + after.len()
                - after.trim_start_matches([' ', '-']).len()
                + level.len();
            let next = text[level_end..]
                .trim_start_matches([' ', '-'])
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            if LEVEL_WORDS.contains(&level.as_str()) && !ADMINISTRATIVE.contains(&next.as_str()) {
                for &k in &group {
                    let m = &matches[k];
                    let rank = self.english_rank[m.pattern().as_usize()];
                    let surface = format!("{} {}", normalise(&text[m.start()..m.end()]), level);
                    let (zh, _, _) = &self.ranks[rank];
                    out.push(Finding {
                        kind: Some(Kind::Rank),
                        english: surface,
                        chinese: zh.clone(),
                        span: Span::new(m.start(), if k == j { level_end } else { m.end() }),
                        confidence: 0.9,
                        rule: "rank",
                        ..Finding::default()
                    });
                }
            }
            i = j + 1;
        }
        for m in self.chinese.find_iter(if chinese { text } else { "" }) {
            let rank = self.chinese_rank[m.pattern().as_usize()];
            let (zh, _, english) = &self.ranks[rank];
            out.push(Finding {
                kind: Some(Kind::Rank),
                english: english.clone(),
                chinese: if text[m.start()..m.end()] == **zh {
                    zh.clone()
                } else {
                    text[m.start()..m.end()].to_string()
                },
                span: Span::new(m.start(), m.end()),
                confidence: 0.95,
                rule: "rank-zh",
                ..Finding::default()
            });
        }
        out
    }

    /// The canonical rank (`vice-ministerial level (副部级)`) of a rank
    /// finding's Chinese, for a person's `rank` column.
    pub fn label(&self, chinese: &str) -> Option<String> {
        self.ranks
            .iter()
            .find(|(s, t, _)| s == chinese || t == chinese)
            .map(|(s, _, e)| format!("{} ({s})", e.trim_end_matches(" level")))
    }
}

/// Lowercase with single spaces; hyphens kept as written.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The byte ranges of the lines that hold a level word, each with the line
/// before it, merged and in order.
fn level_lines(text: &str) -> Vec<(usize, usize)> {
    static LEVEL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let level = LEVEL.get_or_init(|| {
        regex::Regex::new(&format!("(?i){}", LEVEL_WORDS.join("|"))).expect("valid regex")
    });
    // Linear in the text however many level words a line holds: a match
    // inside the range already taken is skipped, and newlines are sought
    // only between matches.
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut searched = 0;
    let mut line_start = 0;
    for m in level.find_iter(text) {
        if out.last().is_some_and(|last| m.start() < last.1) {
            continue;
        }
        if let Some(n) = text[searched..m.start()].rfind('\n') {
            line_start = searched + n + 1;
        }
        searched = m.start();
        let start = match line_start {
            0 => 0,
            own => text[..own - 1].rfind('\n').map_or(0, |n| n + 1),
        };
        let end = text[m.end()..]
            .find('\n')
            .map_or(text.len(), |n| m.end() + n);
        match out.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    impl RankFinder {
        fn find_all(&self, text: &str) -> Vec<Finding> {
            self.find(text, true, true)
        }
    }

    fn finder() -> RankFinder {
        RankFinder::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    #[test]
    fn english_ranks_with_coordination() {
        let f = finder();
        let found = f.find_all("senior officials (vice provincial/vice ministerial level and above) and (bureau level and below)");
        let en: Vec<&str> = found.iter().map(|x| x.english.as_str()).collect();
        assert_eq!(
            en,
            vec![
                "vice provincial level",
                "vice ministerial level",
                "bureau level"
            ]
        );
        assert_eq!(found[1].chinese, "副部级");
        let found = f.find_all("at the bureau rank or below; a ministerial-level post; the ministry is a vice minister");
        let en: Vec<&str> = found.iter().map(|x| x.english.as_str()).collect();
        assert_eq!(en, vec!["bureau rank", "ministerial level"]);
        // A tier of territory or government is no rank.
        let found = f.find_all(
            "a prefecture-level city, county-level divisions and provincial level directives; \
             a vice-ministerial level agency",
        );
        let en: Vec<&str> = found.iter().map(|x| x.english.as_str()).collect();
        assert_eq!(en, vec!["vice-ministerial level"]);
    }

    #[test]
    fn only_lines_with_a_level_word_are_searched() {
        let text =
            "The ministry said so.\nNothing here.\nvice provincial/\nvice ministerial level\nend";
        let lines: Vec<&str> = level_lines(text)
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect();
        assert_eq!(lines, vec!["vice provincial/\nvice ministerial level"]);
        let en: Vec<String> = finder()
            .find_all(text)
            .into_iter()
            .map(|x| x.english)
            .collect();
        assert_eq!(en, vec!["vice provincial level", "vice ministerial level"]);
        assert!(
            finder()
                .find_all("The ministry and the province.")
                .is_empty()
        );
        // Many level words on one line make one range.
        let line = "a level b rank c grade ".repeat(1000);
        assert_eq!(level_lines(&line), vec![(0, line.len())]);
    }

    #[test]
    fn chinese_ranks() {
        let f = finder();
        let found = f.find_all("他是副部级官员,享受副部級待遇");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].chinese, "副部级");
        assert_eq!(found[1].chinese, "副部級");
        assert_eq!(f.label("副部级").unwrap(), "vice-ministerial (副部级)");
    }
}
