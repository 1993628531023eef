//! Romanised Chinese personal names: `Dong Jingwei`, `Xi Jinping`,
//! `Chiang Kai-shek`, `Chan Miu-ling`, `Ouyang Xiu`.
//!
//! A name is a known surname (pinyin, Wade-Giles, Cantonese, Hokkien …)
//! followed by a given name that splits into syllables: one word of one to
//! three pinyin syllables (`Jingwei` = jing·wei), or hyphenated syllables in
//! any romanisation (`Kai-shek`). The same syllable split drives the
//! comparison of spelling variants (`Dong Jianwei` ~ `Dong Jingwei`).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use crate::dict::Lexicons;
use crate::hanzi::strip_tones;
use crate::script::with_lowercase;

/// Recognises and compares romanised Chinese names.
#[derive(Clone, Debug, Default)]
pub struct NameModel {
    /// Lowercase romanised surname → (pinyin, simplified, system).
    surnames: HashMap<String, Vec<(String, String, String)>>,
    /// Toneless pinyin syllables.
    syllables: HashSet<String>,
    /// Wade-Giles syllables (apostrophes dropped).
    wade_giles: HashSet<String>,
    /// Wade-Giles syllable (apostrophes dropped) → pinyin syllables.
    wade_giles_pinyin: HashMap<String, Vec<String>>,
    /// Lowercase multi-word proper names that are not persons (`hong kong`).
    places: HashSet<String>,
    /// Surnames in characters, both scripts (`董`, `歐陽`).
    chinese_surnames: HashSet<String>,
}

/// How a name was recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChineseName {
    /// The surname as written.
    pub surname: String,
    /// The given name's syllables, lowercase, toneless.
    pub given: Vec<String>,
    /// The surname's romanisation systems (`pinyin`, `wade-giles`, …).
    pub systems: Vec<String>,
}

impl NameModel {
    /// Builds the model from the lexicons.
    pub fn new(lex: &Lexicons) -> NameModel {
        let mut surnames: HashMap<String, Vec<(String, String, String)>> = HashMap::new();
        for s in &lex.surnames {
            surnames
                .entry(s.romanised.to_lowercase())
                .or_default()
                .push((s.pinyin.clone(), s.simplified.clone(), s.system.clone()));
        }
        let wade_giles = lex
            .wade_giles
            .keys()
            .map(|k| k.replace(['\'', '’'], ""))
            .collect();
        let mut wade_giles_pinyin: HashMap<String, Vec<String>> = HashMap::new();
        for (wg, py) in &lex.wade_giles {
            wade_giles_pinyin
                .entry(wg.replace(['\'', '’'], ""))
                .or_default()
                .extend(py.iter().cloned());
        }
        NameModel {
            surnames,
            syllables: lex.syllables.clone(),
            wade_giles,
            wade_giles_pinyin,
            places: HashSet::new(),
            chinese_surnames: lex.chinese_surnames(),
        }
    }

    /// True when `chinese` starts with a surname (one or two characters)
    /// and has one or two characters after it.
    pub fn has_chinese_surname(&self, chinese: &str) -> bool {
        let n = chinese.chars().count();
        (1..=2).any(|k| {
            let given = n.saturating_sub(k);
            (1..=2).contains(&given)
                && chinese
                    .char_indices()
                    .nth(k)
                    .is_some_and(|(at, _)| self.chinese_surnames.contains(&chinese[..at]))
        })
    }

    /// Learns which name-shaped phrases are places or things from CC-CEDICT:
    /// a proper-noun entry whose sense is exactly the phrase (香港 "Hong
    /// Kong"), as opposed to a person's entry ("Zhou Enlai (1898-1976), …").
    pub fn learn_places(&mut self, cedict: &crate::cedict::Cedict) {
        for e in cedict.entries() {
            if !e.is_proper() {
                continue;
            }
            for sense in e.senses() {
                let words: Vec<&str> = sense.split(' ').collect();
                if (2..=3).contains(&words.len())
                    && words
                        .iter()
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && words
                        .iter()
                        .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '\''))
                    && self.recognise(&words).is_some()
                {
                    self.places.insert(sense.to_lowercase());
                }
            }
        }
    }

    /// True for a name-shaped phrase known to be a place or thing.
    pub fn is_place(&self, phrase: &str) -> bool {
        self.places.contains(&phrase.to_lowercase())
    }

    /// True when the words `words`, or their first two, are a known place or
    /// thing ([`NameModel::is_place`] of the words joined by spaces, asked of
    /// every name-shaped run: one key, built once, for both lookups).
    pub fn is_place_words(&self, words: &[&str]) -> bool {
        let mut key = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
        for (k, w) in words.iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            crate::script::push_lowercase(&mut key, w);
            if k == 1 && words.len() > 2 && self.places.contains(&key) {
                return true;
            }
        }
        self.places.contains(&key)
    }

    /// True when `word` is a known surname spelling.
    pub fn is_surname(&self, word: &str) -> bool {
        // Surname spellings are short: a long word needs no lookup (and a
        // short ASCII one is folded on the stack).
        word.len() <= 12 && self.surname_entries(word).is_some()
    }

    /// Canonical pinyin of a romanised surname (`Chiang` → `jiang`, …).
    pub fn surname_pinyin(&self, word: &str) -> Vec<&str> {
        self.surname_entries(word)
            .map_or(Vec::new(), |v| v.iter().map(|x| x.0.as_str()).collect())
    }

    /// A surname spelling's entries, looked up lowercased (a short ASCII
    /// word folded on the stack: this runs for each name-shaped word).
    fn surname_entries(&self, word: &str) -> Option<&Vec<(String, String, String)>> {
        with_lowercase(word, |lower| self.surnames.get(lower))
    }

    /// True for a toneless pinyin syllable.
    pub fn is_syllable(&self, s: &str) -> bool {
        self.syllables.contains(s)
    }

    /// Splits one word into 1–3 pinyin syllables (`Jingwei` → jing, wei),
    /// preferring fewer, longer syllables.
    pub fn split_pinyin(&self, word: &str) -> Option<Vec<String>> {
        let w: String = strip_tones(word)
            .chars()
            .filter(|c| c.is_ascii_alphabetic() || *c == '\'')
            .collect();
        let parts: Vec<&str> = w.split('\'').filter(|p| !p.is_empty()).collect();
        let mut out = Vec::new();
        for p in parts {
            out.extend(self.split_run(p, 3)?);
        }
        (!out.is_empty() && out.len() <= 3).then_some(out)
    }

    fn split_run(&self, s: &str, max: usize) -> Option<Vec<String>> {
        if s.is_empty() {
            return Some(Vec::new());
        }
        if max == 0 {
            return None;
        }
        // Longest syllable first, backtracking (xian before xi·an).
        for len in (1..=s.len().min(6)).rev() {
            let (head, rest) = s.split_at(len);
            if self.syllables.contains(head)
                && let Some(mut tail) = self.split_run(rest, max - 1)
            {
                tail.insert(0, head.to_string());
                return Some(tail);
            }
        }
        None
    }

    /// Recognises `words` (surname first) as a Chinese name.
    ///
    /// Accepted: surname + one given-name word of pinyin syllables
    /// (`Dong Jingwei`), surname + hyphenated syllables (`Chiang Kai-shek`,
    /// `Liu Cheng-chuan`), and, for non-pinyin surnames, surname + two
    /// one-syllable words (`Teh Hao Ran`).
    pub fn recognise(&self, words: &[&str]) -> Option<ChineseName> {
        let (surname, given) = words.split_first()?;
        let entries = self.surname_entries(surname)?;
        if !is_capitalised_word(surname)
            || given.is_empty()
            || given.iter().any(|g| !is_capitalised_word(g))
        {
            return None;
        }
        // (The systems are copied only for a name recognised.)
        let pinyin_surname = entries.iter().any(|e| e.2 == "pinyin");
        let syllables: Vec<String> = match given {
            [one] if one.contains(['-', '‐']) => {
                let parts: Vec<String> = one.split(['-', '‐']).map(strip_tones).collect();
                if parts.len() > 3 || !parts.iter().all(|p| self.plausible_syllable(p)) {
                    return None;
                }
                parts
            }
            [one] => self.split_pinyin(one)?,
            [a, b] if !pinyin_surname || entries.len() > 1 => {
                let parts = [strip_tones(a), strip_tones(b)];
                if !parts.iter().all(|p| self.plausible_syllable(p)) {
                    return None;
                }
                parts.to_vec()
            }
            _ => return None,
        };
        Some(ChineseName {
            surname: surname.to_string(),
            given: syllables,
            systems: entries.iter().map(|e| e.2.clone()).collect(),
        })
    }

    /// A syllable in pinyin, Wade-Giles, or a Cantonese/Hokkien-looking one
    /// (1–6 letters with a vowel).
    fn plausible_syllable(&self, s: &str) -> bool {
        let s = s.replace(['\'', '’'], "");
        if self.syllables.contains(&s) || self.wade_giles.contains(&s) {
            return true;
        }
        (1..=6).contains(&s.len())
            && s.chars().all(|c| c.is_ascii_lowercase())
            && (s.contains(['a', 'e', 'i', 'o', 'u', 'y']) || s == "ng" || s == "m")
    }

    /// Syllable-level distance between two romanised names, 0 for the same
    /// spelling; small for the usual confusions (jian/jing, n/ng, zh/z, Wade-
    /// Giles hs/x, ts/c). `None` when they cannot be the same name (other
    /// surname or another number of syllables).
    pub fn distance(&self, a: &[&str], b: &[&str]) -> Option<f32> {
        self.distance_between(&self.recognise(a)?, &self.recognise(b)?)
    }

    /// [`NameModel::distance`] between names already recognised (a caller
    /// comparing many names recognises each once).
    pub fn distance_between(&self, na: &ChineseName, nb: &ChineseName) -> Option<f32> {
        if na.given.len() != nb.given.len() {
            return None;
        }
        let same_surname = na.surname.eq_ignore_ascii_case(&nb.surname) || {
            let sa = self.surname_pinyin(&na.surname);
            self.surname_pinyin(&nb.surname)
                .iter()
                .any(|p| sa.contains(p))
        };
        if !same_surname {
            return None;
        }
        Some(
            na.given
                .iter()
                .zip(&nb.given)
                .map(|(x, y)| {
                    // One syllable in two systems (Wade-Giles tse-tung and
                    // pinyin ze-dong) is the same syllable.
                    let wg = |a: &str, b: &str| {
                        self.wade_giles_pinyin
                            .get(&a.replace(['\'', '’'], ""))
                            .is_some_and(|p| p.iter().any(|s| s == b))
                    };
                    if x != y && (wg(x, y) || wg(y, x)) {
                        0.5
                    } else {
                        syllable_distance(x, y)
                    }
                })
                .sum(),
        )
    }
}

fn is_capitalised_word(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '‐' | '\'' | '’'))
}

/// Distance between two syllables: 0 when equal, 0.5 for a known confusion,
/// 1 when they differ in one letter, 2 otherwise.
pub fn syllable_distance(a: &str, b: &str) -> f32 {
    if a == b {
        return 0.0;
    }
    let norm = |s: &str| -> String {
        let mut s = s.replace(['\'', '’'], "");
        // Wade-Giles and other spellings folded to pinyin-ish forms, in turn.
        for (from, to) in [
            ("hs", "x"),
            ("ts", "c"),
            ("zh", "z"),
            ("ch", "c"),
            ("sh", "s"),
        ] {
            if let Some(r) = s.strip_prefix(from) {
                s = format!("{to}{r}");
            }
        }
        s.strip_suffix('g')
            .filter(|r| r.ends_with('n'))
            .map(str::to_string)
            .unwrap_or(s)
    };
    let (x, y) = (norm(a), norm(b));
    if x == y {
        return 0.5;
    }
    let edits = levenshtein(&x, &y);
    if edits <= 1 { 1.0 } else { 2.0 }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> NameModel {
        NameModel::new(&Lexicons::embedded().unwrap())
    }

    #[test]
    fn recognises_names_in_several_romanisations() {
        let m = model();
        let ok = |s: &str| m.recognise(&s.split(' ').collect::<Vec<_>>()).is_some();
        for name in [
            "Dong Jingwei",
            "Xi Jinping",
            "Wang Qishan",
            "Gu Shunzhang",
            "Chiang Kai-shek",
            "Chan Miu-ling",
            "Liu Cheng-chuan",
            "Lee Teng-hui",
            "Ouyang Xiu",
            "Li Yan",
            "Zhang Yun",
        ] {
            assert!(ok(name), "{name}");
        }
        for not in [
            "Dong",
            "Chang An Jian Extra",
            "Wang qishan",
            "Xi Said",
            "Hong Kongx",
        ] {
            assert!(!ok(not), "{not}");
        }
        assert_eq!(m.split_pinyin("Jingwei").unwrap(), vec!["jing", "wei"]);
        assert_eq!(m.split_pinyin("Xi'an").unwrap(), vec!["xi", "an"]);
    }

    #[test]
    fn variant_distance() {
        let m = model();
        let d = |a: &str, b: &str| {
            m.distance(
                &a.split(' ').collect::<Vec<_>>(),
                &b.split(' ').collect::<Vec<_>>(),
            )
        };
        assert!(d("Dong Jingwei", "Dong Jianwei").unwrap() <= 1.0);
        assert!(d("Wang Qishan", "Wang Liqiang").unwrap() >= 3.0);
        assert_eq!(d("Dong Jingwei", "Wang Jingwei"), None);
        assert!(
            d("Mao Tse-tung", "Mao Zedong").unwrap() <= 1.0,
            "Wade-Giles and pinyin"
        );
        assert_eq!(syllable_distance("hsi", "xi"), 0.5);
        assert_eq!(syllable_distance("jin", "jing"), 0.5);
    }
}
