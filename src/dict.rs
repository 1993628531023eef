//! The project's own lexicons: surnames, pinyin syllables, Wade-Giles,
//! titles, cadre ranks and organisations.
//!
//! Each is a UTF-8 TSV file in `dictionaries/` with a header row; lines
//! starting with `#` are comments. The files are embedded in the binary, and a
//! user adds entries with files of the same format (`--dict FILE`): the
//! header says which lexicon a file extends. A malformed line is an error
//! naming `file:line`.

use foldhash::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::tokens::{Token, alnum_run};

/// A romanised surname.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Surname {
    /// As written in English (`Dong`, `Chiang`, `Chan`).
    pub romanised: String,
    /// Canonical toneless pinyin (`dong`, `jiang`, `chen`).
    pub pinyin: String,
    /// Simplified character(s).
    pub simplified: String,
    /// Traditional character(s).
    pub traditional: String,
    /// `pinyin`, `wade-giles`, `cantonese`, `hokkien` or `other`.
    pub system: String,
}

/// A pinyin syllable.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Syllable {
    syllable: String,
}

/// A Wade-Giles syllable and its pinyin.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WadeGiles {
    wade_giles: String,
    pinyin: String,
}

/// An official title.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Title {
    /// Lowercase English title (`vice minister`).
    pub english: String,
    /// Simplified Chinese (`副部长`).
    pub simplified: String,
    /// Traditional Chinese (`副部長`).
    pub traditional: String,
    /// `office`, `descriptor`, `military` or `honorific`.
    pub category: String,
    /// Where this Chinese is the one to use, when the English title has
    /// several: `|`-separated words of the person's organisation
    /// (`university|school`), or `non-pinyin` (the person's name is not in
    /// Hanyu Pinyin). Empty: the usual rendering. (Optional column.)
    #[serde(default)]
    pub setting: String,
}

/// A cadre rank.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Rank {
    /// Simplified Chinese (`副部级`).
    pub chinese: String,
    /// Traditional Chinese (`副部級`).
    pub traditional: String,
    /// Canonical English (`vice-ministerial level`).
    pub english: String,
    /// The Civil Service Law band (`省部级副职`).
    pub level: String,
    /// `|`-separated other English renderings, without "level".
    pub aliases: String,
}

/// An organisation.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Standard English long form.
    pub english: String,
    /// Acronym, may be empty.
    pub acronym: String,
    /// Simplified Chinese.
    pub simplified: String,
    /// Traditional Chinese.
    pub traditional: String,
    /// `|`-separated other English names.
    pub aliases: String,
    /// `party`, `state`, `military`, `media`, `company`, `foreign`, …
    pub kind: String,
}

/// All lexicons, loaded.
#[derive(Clone, Debug, Default)]
pub struct Lexicons {
    /// Surnames (several spellings per character).
    pub surnames: Vec<Surname>,
    /// Toneless pinyin syllables.
    pub syllables: HashSet<String>,
    /// Wade-Giles syllable → pinyin syllables.
    pub wade_giles: HashMap<String, Vec<String>>,
    /// Titles.
    pub titles: Vec<Title>,
    /// Cadre ranks.
    pub ranks: Vec<Rank>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
}

/// The embedded files, with their names for error messages.
const EMBEDDED: &[(&str, &str)] = &[
    ("surnames.tsv", include_str!("../dictionaries/surnames.tsv")),
    ("pinyin.tsv", include_str!("../dictionaries/pinyin.tsv")),
    (
        "wade_giles.tsv",
        include_str!("../dictionaries/wade_giles.tsv"),
    ),
    ("titles.tsv", include_str!("../dictionaries/titles.tsv")),
    ("ranks.tsv", include_str!("../dictionaries/ranks.tsv")),
    (
        "organisations.tsv",
        include_str!("../dictionaries/organisations.tsv"),
    ),
];

impl Lexicons {
    /// Every surname in characters, both scripts (`董`, `歐陽`).
    pub fn chinese_surnames(&self) -> HashSet<String> {
        self.surnames
            .iter()
            .flat_map(|s| [s.simplified.clone(), s.traditional.clone()])
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// The embedded lexicons.
    ///
    /// # Errors
    ///
    /// When an embedded file is malformed (a build defect, caught by tests).
    pub fn embedded() -> Result<Lexicons> {
        let mut lex = Lexicons::default();
        for (name, text) in EMBEDDED {
            lex.add_text(name, text)?;
        }
        Ok(lex)
    }

    /// Adds the entries of a user file; its header decides which lexicon it
    /// extends.
    ///
    /// # Errors
    ///
    /// When the file cannot be read, its header matches no lexicon, or a
    /// line is malformed (`file:line: reason`).
    pub fn add_file(&mut self, path: &Path) -> Result<()> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::io(Some(path.to_path_buf()), e))?;
        self.add_text(&path.display().to_string(), &text)
    }

    /// Adds the entries of TSV text named `name`.
    ///
    /// # Errors
    ///
    /// As [`Lexicons::add_file`].
    pub fn add_text(&mut self, name: &str, text: &str) -> Result<()> {
        let header = text
            .lines()
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|(i, l)| (i, l.split('\t').map(str::trim).collect::<Vec<_>>()));
        let Some((line, header)) = header else {
            return Err(Error::dictionary(
                name,
                1,
                "empty file: expected a header row",
            ));
        };
        match header.as_slice() {
            ["romanised", "pinyin", "simplified", "traditional", "system"] => {
                self.surnames.extend(read::<Surname>(name, text)?);
            }
            ["syllable"] => {
                self.syllables.extend(
                    read::<Syllable>(name, text)?
                        .into_iter()
                        .map(|s| s.syllable),
                );
            }
            ["wade_giles", "pinyin"] => {
                for wg in read::<WadeGiles>(name, text)? {
                    let list = self.wade_giles.entry(wg.wade_giles).or_default();
                    if !list.contains(&wg.pinyin) {
                        list.push(wg.pinyin);
                    }
                }
            }
            ["english", "simplified", "traditional", "category"]
            | [
                "english",
                "simplified",
                "traditional",
                "category",
                "setting",
            ] => {
                self.titles.extend(read::<Title>(name, text)?);
            }
            ["chinese", "traditional", "english", "level", "aliases"] => {
                self.ranks.extend(read::<Rank>(name, text)?);
            }
            [
                "english",
                "acronym",
                "simplified",
                "traditional",
                "aliases",
                "kind",
            ] => {
                self.organisations.extend(read::<Organisation>(name, text)?);
            }
            other => {
                return Err(Error::dictionary(
                    name,
                    line as u64 + 1,
                    format!(
                        "unknown header {:?}: see dictionaries/README.md for the formats",
                        other.join("\t")
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A leftmost-longest automaton over lexicon strings: a DFA for speed, or
/// the default kind when the patterns (with a user's additions) are too
/// many for one.
///
/// # Errors
///
/// When no automaton can be built for the patterns.
pub(crate) fn automaton(
    patterns: &[String],
    ascii_case_insensitive: bool,
) -> Result<aho_corasick::AhoCorasick> {
    let mut builder = aho_corasick::AhoCorasickBuilder::new();
    builder
        .ascii_case_insensitive(ascii_case_insensitive)
        .match_kind(aho_corasick::MatchKind::LeftmostLongest);
    builder
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(patterns)
        .or_else(|_| builder.kind(None).build(patterns))
        .map_err(|e| Error::config(format!("lexicon too large for the matcher: {e}")))
}

/// Reads every record of a TSV text, with `name:line` in errors.
fn read<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<Vec<T>> {
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        .quoting(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = rdr.headers().map_err(|e| csv_error(name, &e))?.clone();
    let mut out = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(csv_error(name, &e)),
        }
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let value: T = record
            .deserialize(Some(&headers))
            .map_err(|e| Error::dictionary(name, line, deserialize_message(&e)))?;
        out.push(value);
    }
    Ok(out)
}

fn csv_error(name: &str, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
    let msg = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} tab-separated fields, found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
        other => format!("{other:?}"),
    };
    Error::dictionary(name, line, msg)
}

fn deserialize_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => err.to_string(),
        other => format!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_matcher_finds_bounded_names_longest_first() {
        let pats: Vec<String> = [
            "UN",
            "UN Security Council",
            "Security Council",
            "’s club",
            "Ö Bank",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let m = WordMatcher::new(&pats);
        fn spans<'t>(m: &WordMatcher, t: &'t str) -> Vec<&'t str> {
            let toks = crate::tokens::tokenize(t);
            m.find_in(t, &toks)
                .iter()
                .map(|x| &t[x.start..x.end])
                .collect()
        }
        let found = |t| spans(&m, t);
        // Longest at a position, then on after it.
        assert_eq!(
            found("the UN Security Council met"),
            vec!["UN Security Council"]
        );
        // Bounded: a joiner or punctuation ends a word, a letter does not.
        assert_eq!(found("UN-backed, (UN) FUNDS UNs"), vec!["UN", "UN"]);
        // A longer pattern that runs into a word gives way to a shorter one.
        assert_eq!(found("UN Security Councils"), vec!["UN"]);
        // Patterns that start with no ASCII letter, only outside a word.
        assert_eq!(found("Li’s club, Ö Bank, Li’s clubs"), vec!["Ö Bank"]);
        assert_eq!(found("a ’s club and Ö Bank"), vec!["’s club", "Ö Bank"]);
        assert_eq!(found(""), Vec::<&str>::new());

        // Patterns that end in marks, and runs joined by marks.
        let pats: Vec<String> = ["U.S.", "U.S. Navy", "People's Daily", "AT&T"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = WordMatcher::new(&pats);
        assert_eq!(
            spans(&m, "the U.S. Navy and U.S. officials, People's Daily. AT&T"),
            vec!["U.S. Navy", "U.S.", "People's Daily", "AT&T"]
        );
        // Bounded: `U.S.A` is no `U.S.`; a wider gap is no pattern's.
        assert_eq!(
            spans(&m, "U.S.A and U.S.  Navy, People's  Daily"),
            vec!["U.S."]
        );
    }

    #[test]
    fn byte_filter_keeps_every_string_added_and_turns_most_others_away() {
        let mut f = ByteFilter::new();
        let added: Vec<String> = (0..500).map(|i| format!("Name{i}")).collect();
        for s in &added {
            f.insert(s.as_bytes());
        }
        assert!(added.iter().all(|s| f.may_contain(s.as_bytes())));
        assert!(f.may_contain(b"Name7") && !ByteFilter::new().may_contain(b"Name7"));
        let others = (0..1000)
            .filter(|i| f.may_contain(format!("Other{i}x").as_bytes()))
            .count();
        assert!(others < 100, "{others} false positives in 1000");
    }

    #[test]
    fn chinese_automaton_finds_what_a_whole_text_search_finds() {
        let patterns: Vec<String> = ["部长", "副部长", "国务院", "部"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let text = "The 副部长 (vice minister) of 国务院部长, and 部 again: 部长部长 end 部";
        let runs = ChineseAutomaton::new(&patterns).unwrap();
        let whole = automaton(&patterns, false).unwrap();
        let got: Vec<(usize, usize)> = runs.find_iter(text).map(|m| (m.start(), m.end())).collect();
        let want: Vec<(usize, usize)> = whole
            .find_iter(text)
            .map(|m| (m.start(), m.end()))
            .collect();
        assert_eq!(got, want);
        assert_eq!(got.len(), 7);
        // A pattern with ASCII in it falls back to the whole text.
        let mixed = vec!["G20峰会".to_string(), "部长".to_string()];
        let runs = ChineseAutomaton::new(&mixed).unwrap();
        assert_eq!(runs.find_iter("the G20峰会 and 部长").count(), 2);
        assert_eq!(runs.find_iter("").count(), 0);
    }

    #[test]
    fn embedded_lexicons_load() {
        let lex = Lexicons::embedded().unwrap();
        assert!(lex.surnames.len() > 300, "{}", lex.surnames.len());
        assert!(lex.syllables.len() > 390);
        assert!(lex.titles.len() > 150);
        assert!(lex.ranks.len() > 15);
        assert!(lex.organisations.len() >= 150);
        assert!(lex.syllables.contains("zhuang"));
        assert!(
            lex.wade_giles
                .get("hsi")
                .is_some_and(|p| p.contains(&"xi".to_string()))
        );
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut lex = Lexicons::default();
        let text = "# titles\nenglish\tsimplified\ttraditional\tcategory\nminister\t部长\t部長\toffice\nbroken\t部长\n";
        let err = lex.add_text("my.tsv", text).unwrap_err().to_string();
        assert!(err.starts_with("my.tsv:4:"), "{err}");
        let err = lex
            .add_text("other.tsv", "foo\tbar\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("other.tsv:1: unknown header"), "{err}");
        lex.add_text(
            "ok.tsv",
            "english\tsimplified\ttraditional\tcategory\nenvoy\t特使\t特使\toffice\n",
        )
        .unwrap();
        assert_eq!(lex.titles.len(), 1);
    }
}

/// A fixed list of words with constant-time membership (the list is built
/// into a hash set on first use). Finders test every token of a text
/// against lists of a hundred words or more.
#[derive(Debug)]
pub struct WordSet {
    words: &'static [&'static str],
    set: std::sync::OnceLock<HashSet<&'static str>>,
}

impl WordSet {
    /// A set of `words`.
    pub const fn new(words: &'static [&'static str]) -> WordSet {
        WordSet {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// True when `word` (exactly, case included) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(word)
    }
}

/// The first byte at or after `from` that can lead a CJK character (E3 and
/// above). English text is nearly all ASCII: eight bytes at a time are
/// passed over while none has its high bit set.
fn next_cjk_lead(bytes: &[u8], from: usize) -> Option<usize> {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let word = u64::from_le_bytes(chunk.try_into().ok()?);
        if word & 0x8080_8080_8080_8080 == 0 {
            at += 8;
            continue;
        }
        match chunk.iter().position(|&b| b >= 0xE3) {
            Some(i) => return Some(at + i),
            None => at += 8,
        }
    }
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| b >= 0xE3)
        .map(|i| at + i)
}

/// A match of a [`WordMatcher`]: the pattern's index and its byte span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordMatch {
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// Lexicon strings found only where they start and end on a word boundary
/// (no ASCII letter or digit on either side), case as written.
///
/// English names start at the start of a run of letters and digits, and a
/// bounded match ends where such a run ends (or in the marks after one,
/// `U.S.`). So the patterns are cut into steps at the ends of their runs
/// (`UN`, `UN Security`, `UN Security Council`) and a text is matched a
/// run at a time: each step is one hash lookup of the text so far, and
/// most places stop at the first (the word leads no name) or the second
/// (`China and …`). A text is passed over once, and only the runs whose
/// first byte and length some pattern's first run has are looked up.
/// (An anchored automaton over the same patterns walked a large table a
/// byte at a time, out of the cache; an automaton over every byte would
/// also report matches inside words only for them to be thrown away.)
#[derive(Clone, Debug)]
pub(crate) struct WordMatcher {
    patterns: Vec<String>,
    /// Pattern prefixes that end where a run of ASCII letters and digits
    /// ends → what stands there.
    steps: HashMap<Box<[u8]>, Step>,
    /// The shapes of the first runs: bit `n` (31 for longer) of the entry
    /// for a run's first byte is set when some first run of `n` bytes
    /// starts with it. Two loads rule out most words before any hashing.
    lead_shapes: [u32; 256],
    /// The first runs themselves: the capitalised words that lead no name
    /// are turned away by one bit, before the map (and its cache misses).
    leads: ByteFilter,
    /// The longest stretch of other bytes between two runs of a pattern.
    max_gap: usize,
    /// Patterns that start with no ASCII letter or digit, longest first,
    /// tried wherever their first byte stands outside a word.
    others: Vec<usize>,
    others_first: [bool; 256],
}

/// What stands at one step of the patterns.
#[derive(Clone, Debug, Default)]
struct Step {
    /// The pattern that is exactly this prefix.
    pattern: Option<usize>,
    /// Patterns that are this prefix and a tail of other bytes (`U.S` and
    /// `.`), longest first.
    tails: Vec<usize>,
    /// Some pattern goes on to a further run.
    longer: bool,
}

/// Where the runs of ASCII letters and digits in `bytes` end.
fn run_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    (1..=bytes.len()).filter(|&e| {
        bytes[e - 1].is_ascii_alphanumeric()
            && bytes.get(e).is_none_or(|b| !b.is_ascii_alphanumeric())
    })
}

impl WordMatcher {
    /// A matcher for `patterns` (an empty pattern never matches).
    pub(crate) fn new(patterns: &[String]) -> WordMatcher {
        let mut steps: HashMap<Box<[u8]>, Step> = HashMap::default();
        let mut lead_shapes = [0u32; 256];
        let mut leads = ByteFilter::new();
        let mut max_gap = 0;
        let mut others = Vec::new();
        let mut others_first = [false; 256];
        for (i, p) in patterns.iter().enumerate() {
            let bytes = p.as_bytes();
            match bytes.first() {
                None => {}
                Some(&b) if b.is_ascii_alphanumeric() => {
                    let lead = alnum_run(bytes);
                    lead_shapes[usize::from(b)] |= shape_bit(lead);
                    leads.insert(&bytes[..lead]);
                    let ends: Vec<usize> = run_ends(bytes).collect();
                    for (k, &e) in ends.iter().enumerate() {
                        let step = steps.entry(bytes[..e].into()).or_default();
                        if ends.get(k + 1).is_some() {
                            step.longer = true;
                            let gap = bytes[e..].iter().position(u8::is_ascii_alphanumeric);
                            max_gap = max_gap.max(gap.unwrap_or(0));
                        } else if e == bytes.len() {
                            step.pattern = Some(i);
                        } else {
                            step.tails.push(i);
                        }
                    }
                }
                Some(&b) => {
                    others_first[usize::from(b)] = true;
                    others.push(i);
                }
            }
        }
        let longest_first = |v: &mut Vec<usize>| {
            v.sort_by_key(|&i| (std::cmp::Reverse(patterns[i].len()), i));
        };
        steps.values_mut().for_each(|s| longest_first(&mut s.tails));
        longest_first(&mut others);
        WordMatcher {
            patterns: patterns.to_vec(),
            steps,
            lead_shapes,
            leads,
            max_gap,
            others,
            others_first,
        }
    }

    /// The matches in `text`, left to right, none overlapping: at each
    /// position the longest bounded pattern, and the search goes on after
    /// it. `toks` are the text's tokens ([`tokenize`](crate::tokens::tokenize)):
    /// a match starts where a token does, or inside a word after a joiner
    /// (`anti-CCP`), so only those places are looked at.
    pub(crate) fn find_in(&self, text: &str, toks: &[Token<'_>]) -> Vec<WordMatch> {
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        // Where the last match ended: nothing before it is looked at.
        let mut done = 0;
        for t in toks {
            let crate::document::Span { start, end } = t.span_in(text);
            if end <= done {
                continue;
            }
            let mut at = start.max(done);
            // A plain word is one run of letters and digits.
            let mut run_end = (t.plain && at == start).then_some(end);
            loop {
                match self.at(bytes, at, run_end.take()) {
                    Some(m) => {
                        out.push(m);
                        done = m.end;
                        at = done;
                    }
                    None => at += 1,
                }
                // Inside a word, the next place follows a byte that is no
                // ASCII letter or digit (`anti-CCP`); most words have none.
                if !t.is_word || t.plain || at >= end {
                    break;
                }
                match bytes[at - 1..end - 1]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                {
                    Some(j) => at += j,
                    None => break,
                }
            }
        }
        out
    }

    /// The longest bounded pattern at `at`, if the byte before `at` is no
    /// ASCII letter or digit; `run_end` is where the run of ASCII letters and
    /// digits from `at` ends, when the caller knows.
    fn at(&self, bytes: &[u8], at: usize, run_end: Option<usize>) -> Option<WordMatch> {
        let &b = bytes.get(at)?;
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            return None;
        }
        if b.is_ascii_alphanumeric() {
            let run_end = run_end.unwrap_or_else(|| at + alnum_run(&bytes[at..]));
            if self.lead_shapes[usize::from(b)] & shape_bit(run_end - at) == 0 {
                return None;
            }
            if !self.leads.may_contain(&bytes[at..run_end]) {
                return None;
            }
            self.by_steps(bytes, at, run_end)
        } else if self.others_first[usize::from(b)] {
            self.first_of(bytes, at, &self.others)
        } else {
            None
        }
    }

    /// The longest pattern at `at` whose first run ends at `end`, a run at a
    /// time.
    fn by_steps(&self, bytes: &[u8], at: usize, mut end: usize) -> Option<WordMatch> {
        let mut best = None;
        while let Some(step) = self.steps.get(&bytes[at..end]) {
            // `end` ends a run of the text: the pattern is bounded there.
            if let Some(p) = step.pattern {
                best = Some(WordMatch {
                    pattern: p,
                    start: at,
                    end,
                });
            }
            if let Some(m) = self.first_of(bytes, at, &step.tails) {
                best = Some(m);
            }
            if !step.longer {
                break;
            }
            // The next run, after a gap no longer than the patterns' own.
            let gap = bytes[end..]
                .iter()
                .take(self.max_gap + 1)
                .position(u8::is_ascii_alphanumeric);
            let Some(gap) = gap else { break };
            end += gap;
            end += alnum_run(&bytes[end..]);
        }
        best
    }

    /// The first of `candidates` (longest first) that stands at `at` and
    /// ends on a word boundary.
    fn first_of(&self, bytes: &[u8], at: usize, candidates: &[usize]) -> Option<WordMatch> {
        let rest = &bytes[at..];
        candidates.iter().find_map(|&i| {
            let p = self.patterns[i].as_bytes();
            let end = at + p.len();
            (rest.starts_with(p) && bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric()))
                .then_some(WordMatch {
                    pattern: i,
                    start: at,
                    end,
                })
        })
    }
}

/// A Bloom filter of short byte strings with one cheap hash (the length and
/// the first two and last two bytes) over 65,536 bits (8 KiB, which stay in
/// the cache). A word asked of every token is turned away by one bit before
/// a hash map is probed; it answers no false "no".
#[derive(Clone, Debug)]
pub(crate) struct ByteFilter {
    bits: Box<[u64]>,
}

impl ByteFilter {
    const BITS: usize = 1 << 16;

    /// An empty filter.
    pub(crate) fn new() -> ByteFilter {
        ByteFilter {
            bits: vec![0u64; Self::BITS / 64].into_boxed_slice(),
        }
    }

    /// Adds `s`.
    pub(crate) fn insert(&mut self, s: &[u8]) {
        let h = Self::hash(s);
        self.bits[h / 64] |= 1 << (h % 64);
    }

    /// False when `s` was never added.
    pub(crate) fn may_contain(&self, s: &[u8]) -> bool {
        let h = Self::hash(s);
        self.bits[h / 64] & (1 << (h % 64)) != 0
    }

    fn hash(s: &[u8]) -> usize {
        let byte = |i: usize| usize::from(s.get(i).copied().unwrap_or(0));
        let n = s.len();
        let h = (n.wrapping_mul(0x9E37) ^ byte(0))
            .wrapping_mul(31)
            .wrapping_add(byte(1))
            .wrapping_mul(31)
            .wrapping_add(byte(n.wrapping_sub(1)))
            .wrapping_mul(31)
            .wrapping_add(byte(n.wrapping_sub(2)));
        (h ^ (h >> 16)) % Self::BITS
    }
}

/// The bit of a run of `len` bytes in [`WordMatcher`]'s shapes.
fn shape_bit(len: usize) -> u32 {
    1 << len.min(31)
}

/// A dictionary automaton for Chinese patterns. When no pattern contains an
/// ASCII byte, no match can cross one, so only the text's non-ASCII runs
/// are searched: the Chinese glosses of an English article are a few per
/// cent of its bytes. The matches are those of a search of the whole text.
#[derive(Clone, Debug)]
pub(crate) struct ChineseAutomaton {
    ac: aho_corasick::AhoCorasick,
    /// True when every pattern is free of ASCII.
    runs_only: bool,
}

impl ChineseAutomaton {
    /// Builds the automaton (leftmost-longest, as [`automaton`]).
    ///
    /// # Errors
    ///
    /// When no automaton can be built for the patterns.
    pub(crate) fn new(patterns: &[String]) -> Result<ChineseAutomaton> {
        Ok(ChineseAutomaton {
            ac: automaton(patterns, false)?,
            runs_only: patterns.iter().all(|p| !p.bytes().any(|b| b.is_ascii())),
        })
    }

    /// The matches in `text`, in order.
    pub(crate) fn find_iter<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = aho_corasick::Match> + 'a {
        let bytes = text.as_bytes();
        let mut at = 0;
        // A run starts at a byte that can lead a CJK character (E3 and
        // above): the curly quotes and dashes of English text (E2) start
        // no pattern, and each run costs a search.
        let runs = std::iter::from_fn(move || {
            let start = next_cjk_lead(bytes, at)?;
            let end = bytes[start..]
                .iter()
                .position(|b| b.is_ascii())
                .map_or(bytes.len(), |n| start + n);
            at = end;
            Some((start, end))
        });
        let spans: Box<dyn Iterator<Item = (usize, usize)>> = if self.runs_only {
            Box::new(runs)
        } else {
            Box::new(std::iter::once((0, text.len())))
        };
        spans.flat_map(move |(start, end)| {
            self.ac
                .find_iter(aho_corasick::Input::new(text).span(start..end))
        })
    }
}
