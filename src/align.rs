//! Bilingual alignment: how well an English phrase and a Chinese term explain
//! each other.
//!
//! Two kinds of evidence, both offline:
//! - **dictionary**: an English word aligns with a Chinese sub-word when the
//!   word (stemmed) occurs in the sub-word's CC-CEDICT senses (規定 ≈
//!   regulations, 反間諜 ≈ espionage);
//! - **transliteration**: English words spell the pinyin of Chinese
//!   characters (長安劍 = chang an jian ↔ Chang An Jian), or Wade-Giles.
//!
//! Finders generate candidate spans and use these scores to choose where a
//! gloss or a term begins.

use crate::hanzi::{Hanzi, strip_tones};
use crate::script::{ascii_lowercase, is_han};

/// English words that carry no content for alignment.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "for", "by", "with", "from", "as",
    "into", "its", "their", "his", "her", "our", "this", "that", "these", "those", "is", "are",
    "was", "were", "be", "been", "it", "not", "no", "so", "but", "nor", "than", "s", "sth", "sb",
    "one", "one's", "oneself", "etc", "also", "via", "per", "about", "over", "under", "up", "out",
    "off", "i", "e", "g", "all", "any",
];

/// True for a function word (lowercase comparison).
pub fn is_function_word(w: &str) -> bool {
    // Every function word is short ASCII (this runs for every word of every
    // candidate, so no allocation).
    // The longest is seven letters: a longer word needs no folding.
    static SET: crate::dict::WordSet = crate::dict::WordSet::new(FUNCTION_WORDS);
    let mut buf = [0u8; 24];
    w.len() <= 7 && ascii_lowercase(w, &mut buf).is_some_and(|lw| SET.contains(lw))
}

/// A light suffix stripper, applied to both sides so that "regulations",
/// "regulation" and "regulate" meet, as do "persuading" and "persuade".
pub fn stem(word: &str) -> String {
    let mut w: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect();
    w = strip_tones(&w);
    for (suffix, keep) in [("ies", "y"), ("sses", "ss"), ("'s", "")] {
        if w.len() > suffix.len() + 2 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            w.push_str(keep);
        }
    }
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w.pop();
    }
    // Two rounds, so that "lingering" and "linger" both reach "ling".
    for _ in 0..2 {
        let Some(suffix) = [
            "ations", "ation", "ings", "ing", "ate", "ant", "ed", "er", "ly", "e",
        ]
        .into_iter()
        .find(|s| w.len() > s.len() + 3 && w.ends_with(s)) else {
            break;
        };
        w.truncate(w.len() - suffix.len());
    }
    w
}

/// True when two stems name the same word: equal, or one a long prefix of
/// the other ("institut" / "institution").
pub fn stems_meet(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 6 && long.starts_with(short)
}

/// True when two names differ at most in case and in the apostrophe's form
/// (`People’s Daily`, `people's daily`): the same name as written.
pub fn same_but_case_and_apostrophes(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.replace('’', "'").to_lowercase();
    fold(a) == fold(b)
}

/// True when two names are the same words, word for word the same stem
/// (`Brooking Institute`, `Brookings Institution`), and not the same text
/// but for case and apostrophes (`People’s Daily`, `People's Daily`).
pub fn same_words_spelt_otherwise(a: &str, b: &str) -> bool {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    !same_but_case_and_apostrophes(a, b)
        && wa.len() == wb.len()
        && wa
            .iter()
            .zip(&wb)
            .all(|(x, y)| stems_meet(&stem(x), &stem(y)))
}

/// True when every word of `a` but its function words is a word of `b`,
/// stem for stem (`Development Research Center` within `Development
/// Research Center of the State Council`): `a` may be a short name of `b`.
pub fn words_within(a: &str, b: &str) -> bool {
    let stems: Vec<String> = b.split_whitespace().map(stem).collect();
    let mut content = a
        .split_whitespace()
        .filter(|w| !is_function_word(w))
        .peekable();
    content.peek().is_some()
        && content.all(|w| {
            let s = stem(w);
            stems.iter().any(|t| stems_meet(&s, t))
        })
}

/// One dictionary sub-word of a Chinese term and the stems of its senses.
#[derive(Debug)]
struct SubWord<'h> {
    start: usize,
    end: usize,
    stems: Vec<&'h str>,
}

/// The stemmed content words of an entry's senses, computed once per entry
/// and kept with it: bracketed notes ("(literary)"), classifiers and
/// pointers to other words are skipped.
fn entry_stems(e: &crate::cedict::Entry) -> &[Box<str>] {
    e.stems.get_or_init(|| {
        let mut out: Vec<Box<str>> = Vec::new();
        for sense in e.senses() {
            if sense.starts_with("CL:") || sense.contains("variant of") {
                continue;
            }
            for w in english_words(&strip_brackets(sense)) {
                if !is_function_word(w) {
                    let s = stem(w);
                    if !out.iter().any(|x| **x == *s) {
                        out.push(s.into());
                    }
                }
            }
        }
        out.into_boxed_slice()
    })
}

/// A Chinese term prepared for alignment: its characters, the dictionary
/// words inside it, and the readings of each character.
#[derive(Debug)]
pub struct ChineseSide<'h> {
    hanzi: &'h Hanzi,
    /// Characters of the simplified form.
    chars: Vec<char>,
    /// How many of them are Han (asked for every candidate gloss).
    han_len: usize,
    /// Bit `n` set when a phrase of `n` words may be a whole sense
    /// ([`ChineseSide::may_be_whole_sense`], asked for every candidate).
    sense_words: u64,
    subwords: Vec<SubWord<'h>>,
    /// The senses of the whole term, folded (see [`ChineseSide::is_whole_sense`]).
    whole_senses: Vec<String>,
    /// Memo of `align_word`: candidates share most of their words. Each
    /// word's ranges, best first (see [`ChineseSide::align_word_avoiding`]).
    aligned: std::cell::RefCell<foldhash::HashMap<String, Vec<(usize, usize)>>>,
    /// Memo of `transliteration`.
    spelled: std::cell::RefCell<foldhash::HashMap<String, Option<(usize, usize)>>>,
    /// The buffer its keys are written in.
    spelled_key: std::cell::RefCell<String>,
}

/// True when a phrase of `n` words may fold to one of `senses`: folding keeps
/// the words and may drop a leading article.
fn whole_sense_lengths_allow(senses: &[String], n: usize) -> bool {
    senses.iter().any(|s| {
        let k = s.split(' ').count();
        n == k || n == k + 1
    })
}

impl<'h> ChineseSide<'h> {
    /// Prepares a Chinese term (either script).
    pub fn new(hanzi: &'h Hanzi, term: &str) -> ChineseSide<'h> {
        let simplified = hanzi.to_simplified(term);
        let chars: Vec<char> = simplified.chars().collect();
        let mut subwords = Vec::new();
        let max = hanzi.cedict().max_chars().min(8);
        let mut key = String::new();
        for start in 0..chars.len() {
            if !is_han(chars[start]) {
                continue;
            }
            for end in start + 1..=(start + max).min(chars.len()) {
                key.clear();
                key.extend(&chars[start..end]);
                let mut stems: Vec<&'h str> = Vec::new();
                for e in hanzi.cedict().lookup_simplified(&key) {
                    stems.extend(entry_stems(e).iter().map(|s| &**s));
                }
                if !stems.is_empty() {
                    subwords.push(SubWord { start, end, stems });
                }
            }
        }
        let whole: String = chars.iter().collect();
        let whole_senses: Vec<String> = hanzi
            .cedict()
            .lookup_simplified(&whole)
            .flat_map(|e| e.senses())
            .map(|s| fold_sense(s.split([',', ';', '(']).next().unwrap_or(s)))
            .filter(|s| !s.is_empty())
            .collect();
        let sense_words = (0..64)
            .filter(|&n| whole_sense_lengths_allow(&whole_senses, n))
            .fold(0u64, |bits, n| bits | 1 << n);
        ChineseSide {
            hanzi,
            han_len: chars.iter().filter(|&&c| is_han(c)).count(),
            sense_words,
            chars,
            subwords,
            whole_senses,
            aligned: Default::default(),
            spelled: Default::default(),
            spelled_key: Default::default(),
        }
    }

    /// The number of characters.
    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// True for an empty term.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// True when `english` is how the dictionary renders the whole term:
    /// one of its senses, up to a comma or bracket, case and apostrophes
    /// folded (毛主席语录 "Quotations from Chairman Mao Tse-tung, …").
    pub fn is_whole_sense(&self, english: &str) -> bool {
        !self.whole_senses.is_empty() && self.whole_senses.contains(&fold_sense(english))
    }

    /// False when no phrase of `n` words can be a whole sense of the term
    /// (a cheap test before a candidate is joined and folded).
    pub fn may_be_whole_sense(&self, n: usize) -> bool {
        if n < 64 {
            (self.sense_words >> n) & 1 == 1
        } else {
            whole_sense_lengths_allow(&self.whole_senses, n)
        }
    }

    /// The number of Han characters (what coverage is measured against).
    pub fn han_len(&self) -> usize {
        self.han_len
    }

    /// The character range that an English word aligns to by the dictionary:
    /// the longest sub-word whose senses contain it.
    pub fn align_word(&self, word: &str) -> Option<(usize, usize)> {
        self.with_ranges(word, |ranges| ranges.first().copied())
    }

    /// Like [`ChineseSide::align_word`], but when the word's best range is
    /// already wholly explained (`mask`) by other words of the gloss, the
    /// range among its others that explains the most characters still
    /// unexplained. A word may render two sub-words: 国务院 is also `State
    /// Department`, and in `departments of the State Council (国务院组成部门)`
    /// the second reading, 部门, is the one the gloss means.
    pub fn align_word_avoiding(&self, word: &str, mask: &[bool]) -> Option<(usize, usize)> {
        let fresh = |&(a, b): &(usize, usize)| mask[a..b].iter().filter(|&&m| !m).count();
        self.with_ranges(word, |ranges| {
            let first = *ranges.first()?;
            if fresh(&first) > 0 {
                return Some(first);
            }
            // (`max_by_key` keeps the last of equals: walk in reverse so the
            // better-ranked range wins a tie.)
            let best = ranges.iter().rev().max_by_key(|r| fresh(r))?;
            Some(if fresh(best) > 0 { *best } else { first })
        })
    }

    fn with_ranges<T>(&self, word: &str, f: impl FnOnce(&[(usize, usize)]) -> T) -> T {
        if let Some(ranges) = self.aligned.borrow().get(word) {
            return f(ranges);
        }
        let ranges = self.align_word_uncached(word);
        let out = f(&ranges);
        self.aligned.borrow_mut().insert(word.to_string(), ranges);
        out
    }

    /// Every sub-word whose senses contain the word, the longest first (then
    /// the leftmost).
    fn align_word_uncached(&self, word: &str) -> Vec<(usize, usize)> {
        if is_function_word(word) {
            return Vec::new();
        }
        let s = stem(word);
        if s.len() < 2 {
            return Vec::new();
        }
        let mut ranges: Vec<(usize, usize)> = self
            .subwords
            .iter()
            .filter(|sw| sw.stems.iter().any(|t| stems_meet(t, &s)))
            .map(|sw| (sw.start, sw.end))
            .collect();
        ranges.sort_by_key(|&(a, b)| (std::cmp::Reverse(b - a), a));
        ranges
    }

    /// True when the English words spell the pinyin of a contiguous run of
    /// the term's characters that covers at least `min_chars`, returning the
    /// run. `Chang An Jian` spells 長安劍; `Xu Zhiyong` spells 许志永.
    pub fn transliteration(&self, words: &[&str]) -> Option<(usize, usize)> {
        // The key is built in a buffer kept for the purpose: most calls find
        // it in the memo and need no string of their own.
        let mut key = self.spelled_key.borrow_mut();
        key.clear();
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                key.push(' ');
            }
            key.push_str(w);
        }
        if let Some(&hit) = self.spelled.borrow().get(key.as_str()) {
            return hit;
        }
        let hit = self.transliteration_uncached(words);
        self.spelled.borrow_mut().insert(key.clone(), hit);
        hit
    }

    fn transliteration_uncached(&self, words: &[&str]) -> Option<(usize, usize)> {
        let letters: String = words.iter().map(|w| strip_tones(w)).collect::<String>();
        let letters: String = letters
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
        if letters.len() < 2 {
            return None;
        }
        // Try every start; the longest spelled run wins.
        let mut best: Option<(usize, usize)> = None;
        for start in 0..self.chars.len() {
            if let Some(end) = self.spell(start, &letters)
                && best.is_none_or(|(a, b)| end - start > b - a)
            {
                best = Some((start, end));
            }
        }
        best
    }

    /// If `letters` spells characters start.. exactly, the end of the run.
    fn spell(&self, start: usize, letters: &str) -> Option<usize> {
        if letters.is_empty() {
            return Some(start);
        }
        let c = *self.chars.get(start)?;
        for syl in self.hanzi.syllables(c) {
            // `lv` is also spelt `lu` in running English.
            for v_as_u in [false, true] {
                if v_as_u && !syl.contains('v') {
                    continue;
                }
                if let Some(rest) = strip_syllable(letters, syl, v_as_u)
                    && let Some(end) = self.spell(start + 1, rest)
                {
                    return Some(end);
                }
            }
        }
        None
    }
}

/// Chinese terms already prepared for alignment, kept across the brackets
/// and documents one worker reads: the same terms recur through a text and
/// a dump (names of leaders, of ministries), and preparing one costs a
/// dictionary lookup per sub-string and a stemmed scan per English word.
/// Everything cached is a function of the term alone, so results do not
/// depend on what was read before. Bounded: the cache starts afresh when
/// it holds [`TermCache::CAPACITY`] terms.
#[derive(Debug, Default)]
pub struct TermCache<'h> {
    terms: std::cell::RefCell<foldhash::HashMap<String, std::rc::Rc<ChineseSide<'h>>>>,
}

impl<'h> TermCache<'h> {
    /// How many terms are kept at most.
    pub const CAPACITY: usize = 4096;

    /// An empty cache.
    pub fn new() -> TermCache<'h> {
        TermCache::default()
    }

    /// The prepared term (either script), from the cache when it is there.
    pub fn get(&self, hanzi: &'h Hanzi, term: &str) -> std::rc::Rc<ChineseSide<'h>> {
        if let Some(zh) = self.terms.borrow().get(term) {
            return zh.clone();
        }
        let zh = std::rc::Rc::new(ChineseSide::new(hanzi, term));
        let mut terms = self.terms.borrow_mut();
        if terms.len() >= Self::CAPACITY {
            terms.clear();
        }
        terms.insert(term.to_string(), zh.clone());
        zh
    }
}

/// `letters` after a leading spelling of the toneless syllable `syl`.
fn strip_syllable<'a>(letters: &'a str, syl: &str, v_as_u: bool) -> Option<&'a str> {
    let (lb, sb) = (letters.as_bytes(), syl.as_bytes());
    if lb.len() < sb.len() {
        return None;
    }
    let same = lb.iter().zip(sb).all(|(&l, &s)| {
        let s = if v_as_u && s == b'v' { b'u' } else { s };
        l == s
    });
    // Syllables are ASCII, so the cut is a character boundary.
    if same { letters.get(sb.len()..) } else { None }
}

/// An English phrase folded for comparison with a dictionary sense: lower
/// case, curly apostrophes straight, a leading article dropped, spaces single.
fn fold_sense(s: &str) -> String {
    let s = s.replace('’', "'").to_lowercase();
    let s = s.trim();
    let s = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| s.strip_prefix(a))
        .unwrap_or(s);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words of an English string: letters, digits, inner hyphens split.
pub fn english_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

/// Drops parenthesised notes from a dictionary sense.
fn strip_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cedict::Cedict;

    fn hanzi() -> Hanzi {
        let text = "\
規定 规定 [gui1 ding4] /to stipulate/regulations; rules; provisions/
反間諜 反间谍 [fan3 jian4 die2] /counterintelligence/protection against espionage/
安全 安全 [an1 quan2] /safe; secure/safety; security/
工作 工作 [gong1 zuo4] /to work/job/work/
防範 防范 [fang2 fan4] /to be on guard/
長 长 [chang2] /long/
長 长 [zhang3] /chief/
安 安 [an1] /peace/
劍 剑 [jian4] /double-edged sword/
許 许 [Xu3] /surname Xu/
志 志 [zhi4] /will/
永 永 [yong3] /forever/
";
        Hanzi::new(Cedict::parse("t", text.as_bytes()).unwrap())
    }

    #[test]
    fn function_words_are_short() {
        assert!(FUNCTION_WORDS.iter().all(|w| w.len() <= 7));
        assert!(is_function_word("The") && is_function_word("oneself"));
        assert!(!is_function_word("regulations"));
    }

    #[test]
    fn a_short_name_is_within_the_long_one() {
        assert!(words_within(
            "Development Research Center",
            "Development Research Center of the State Council"
        ));
        assert!(words_within("Widget Centres", "Centre for Widgets"));
        assert!(!words_within(
            "international communication centers",
            "International Criminal Court"
        ));
        // Function words alone say nothing.
        assert!(!words_within("of the", "Office of the Mayor"));
    }

    #[test]
    fn names_spelt_otherwise() {
        assert!(same_words_spelt_otherwise(
            "Brooking Institute",
            "Brookings Institution"
        ));
        // Case and apostrophes are no spelling.
        assert!(!same_words_spelt_otherwise(
            "People’s Daily",
            "People's daily"
        ));
        // Other words, or another number of them.
        assert!(!same_words_spelt_otherwise(
            "Policy Institute",
            "Research Institute"
        ));
        assert!(!same_words_spelt_otherwise(
            "Policy Institute",
            "Policy Institute of China"
        ));
    }

    #[test]
    fn stems_meet_across_inflection() {
        assert_eq!(stem("regulations"), stem("regulation"));
        assert_eq!(stem("persuading"), stem("persuade"));
        assert_eq!(stem("lingering"), stem("linger"));
        assert!(stems_meet(&stem("institution"), &stem("institute")));
        assert!(!stems_meet("war", "ward"));
    }

    #[test]
    fn dictionary_alignment() {
        let h = hanzi();
        let zh = ChineseSide::new(&h, "反間諜安全防範工作規定");
        assert_eq!(zh.align_word("regulations"), Some((9, 11)));
        assert_eq!(zh.align_word("espionage"), Some((0, 3)));
        assert_eq!(zh.align_word("implement"), None);
        assert_eq!(zh.align_word("on"), None);
        // The gloss's words explain nine of the eleven characters.
        let mut mask = [false; 11];
        let words = [
            "regulations",
            "on",
            "counter",
            "espionage",
            "and",
            "work",
            "safety",
        ];
        let aligned: Vec<(usize, usize)> = words.iter().filter_map(|w| zh.align_word(w)).collect();
        assert_eq!(aligned.len(), 4);
        for (a, b) in aligned {
            mask[a..b].iter_mut().for_each(|m| *m = true);
        }
        assert_eq!(mask.iter().filter(|&&m| m).count(), 9);
    }

    #[test]
    fn transliteration_spells_readings() {
        let h = hanzi();
        let zh = ChineseSide::new(&h, "長安劍");
        assert_eq!(zh.transliteration(&["Chang", "An", "Jian"]), Some((0, 3)));
        assert_eq!(
            zh.transliteration(&["Zhang", "An"]),
            Some((0, 2)),
            "any reading of 長"
        );
        let name = ChineseSide::new(&h, "许志永");
        assert_eq!(name.transliteration(&["Xu", "Zhiyong"]), Some((0, 3)));
        assert_eq!(name.transliteration(&["Wang"]), None);
    }
}
