//! Traditional↔simplified conversion and pinyin, both derived from CC-CEDICT.
//!
//! Conversion is character for character, so the n-th character of the
//! converted text is the n-th character of the original: offsets map back by
//! character index, exactly. Characters whose conversion depends on the word
//! (干 → 幹 or 乾, 發 and 髮 → 发) are converted by the longest dictionary word
//! that covers them, which is how OpenCC-style converters work too.
//!
//! Pinyin is taken word by word: a word's reading comes from its dictionary
//! entry (長安 → cháng ān, 重溫 → chóng wēn), and only a character outside
//! any known word falls back to its most frequent reading across the
//! dictionary's words.

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::cedict::{Cedict, Entry};

/// The longest word consulted when a character's conversion is ambiguous.
const MAX_OVERRIDE_CHARS: usize = 6;

/// Script conversion and pinyin over one CC-CEDICT.
#[derive(Debug)]
pub struct Hanzi {
    cedict: Cedict,
    t2s: Conversion,
    s2t: Conversion,
    /// Default reading of each character (numbered, lowercase: `zhong4`).
    reading: HashMap<char, Box<str>>,
    /// Every toneless reading of each character (`zhong`, `chong`).
    syllables: HashMap<char, Vec<Box<str>>>,
}

#[derive(Debug, Default)]
struct Conversion {
    chars: HashMap<char, char>,
    ambiguous: HashSet<char>,
    words: HashMap<Box<str>, Box<str>>,
}

impl Conversion {
    fn build<'a>(pairs: impl Iterator<Item = (&'a str, &'a str, u32)> + Clone) -> Conversion {
        let mut counts: HashMap<char, HashMap<char, u32>> = HashMap::new();
        for (from, to, weight) in pairs.clone() {
            for (a, b) in from.chars().zip(to.chars()) {
                *counts.entry(a).or_default().entry(b).or_default() += weight;
            }
        }
        let mut conv = Conversion::default();
        for (a, targets) in &counts {
            // The most frequent target wins; ties go to the character itself
            // and then to the smaller code point, so the result is stable.
            let best = targets
                .iter()
                .max_by_key(|&(&b, &n)| (n, b == *a, std::cmp::Reverse(b)))
                .map(|(&b, _)| b)
                .unwrap_or(*a);
            if targets.len() > 1 {
                conv.ambiguous.insert(*a);
            }
            if best != *a {
                conv.chars.insert(*a, best);
            }
        }
        for (from, to, _) in pairs {
            let n = from.chars().count();
            if !(2..=MAX_OVERRIDE_CHARS).contains(&n)
                || !from.chars().any(|c| conv.ambiguous.contains(&c))
            {
                continue;
            }
            let charwise: String = from.chars().map(|c| conv.char(c)).collect();
            if charwise != to {
                conv.words.entry(from.into()).or_insert_with(|| to.into());
            }
        }
        conv
    }

    fn char(&self, c: char) -> char {
        if c.is_ascii() {
            return c;
        }
        self.chars.get(&c).copied().unwrap_or(c)
    }

    fn convert(&self, s: &str) -> String {
        // No table maps ASCII.
        if s.is_ascii() {
            return s.to_string();
        }
        let src: Vec<char> = s.chars().collect();
        let mut out: Vec<char> = src.iter().map(|&c| self.char(c)).collect();
        let mut covered = 0;
        let mut key = String::new();
        for i in 0..src.len() {
            if i < covered || !self.ambiguous.contains(&src[i]) {
                continue;
            }
            // The longest word covering position i, earliest start first.
            let lo = i.saturating_sub(MAX_OVERRIDE_CHARS - 1).max(covered);
            'search: for start in lo..=i {
                let max_end = (start + MAX_OVERRIDE_CHARS).min(src.len());
                for end in (i + 1..=max_end).rev() {
                    if end - start < 2 {
                        continue;
                    }
                    key.clear();
                    key.extend(&src[start..end]);
                    if let Some(to) = self.words.get(key.as_str()) {
                        for (slot, c) in out[start..end].iter_mut().zip(to.chars()) {
                            *slot = c;
                        }
                        covered = end;
                        break 'search;
                    }
                }
            }
        }
        out.into_iter().collect()
    }
}

impl Hanzi {
    /// Builds the conversion and reading tables from a dictionary. The three
    /// tables are independent and are built on three threads.
    pub fn new(cedict: Cedict) -> Hanzi {
        let variant: Vec<bool> = cedict
            .entries()
            .iter()
            .map(Entry::is_variant_only)
            .collect();
        let weight = |i: usize, e: &Entry| -> u32 {
            if variant[i] {
                1
            } else if e.simplified.chars().count() == 1 {
                4
            } else {
                2
            }
        };
        let entries = cedict.entries();
        let (t2s, s2t, (reading, syllables)) = std::thread::scope(|scope| {
            let t2s = scope.spawn(|| {
                Conversion::build(
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (e.traditional, e.simplified, weight(i, e))),
                )
            });
            let s2t = scope.spawn(|| {
                Conversion::build(
                    entries
                        .iter()
                        .enumerate()
                        .map(|(i, e)| (e.simplified, e.traditional, weight(i, e))),
                )
            });
            let readings = readings(entries, &variant);
            (
                t2s.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                s2t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                readings,
            )
        });
        Hanzi {
            cedict,
            t2s,
            s2t,
            reading,
            syllables,
        }
    }

    /// The dictionary these tables come from.
    pub fn cedict(&self) -> &Cedict {
        &self.cedict
    }

    /// Converts to simplified characters, character for character.
    pub fn to_simplified(&self, s: &str) -> String {
        self.t2s.convert(s)
    }

    /// Converts to traditional characters, character for character.
    pub fn to_traditional(&self, s: &str) -> String {
        self.s2t.convert(s)
    }

    /// True when `s` has a character that simplification would change.
    pub fn has_traditional(&self, s: &str) -> bool {
        s.chars().any(|c| self.t2s.chars.contains_key(&c))
    }

    /// Every toneless reading of a character (`重` → `zhong`, `chong`).
    pub fn syllables(&self, c: char) -> &[Box<str>] {
        self.syllables.get(&c).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Numbered pinyin of a dictionary word (simplified), preferring common
    /// words over names and real entries over variant pointers. A single
    /// character takes its most frequent reading across the dictionary's
    /// words (强 is `qiang2`, though its first entry reads `jiang4`).
    pub fn word_pinyin(&self, word: &str) -> Option<&str> {
        let mut chars = word.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return self.reading.get(&c).map(AsRef::as_ref);
        }
        self.cedict
            .lookup_simplified(word)
            .filter(|e| e.pinyin.split(' ').count() == word.chars().count())
            .min_by_key(|e| (e.is_variant_only(), e.is_proper()))
            .map(|e| e.pinyin)
    }

    /// Tone-marked pinyin of a run of words (simplified), syllables separated
    /// by spaces; Latin letters and digits are kept, punctuation dropped.
    pub fn pinyin_of_words<'a>(&self, words: impl IntoIterator<Item = &'a str>) -> String {
        let mut out: Vec<String> = Vec::new();
        for word in words {
            self.push_word_pinyin(word, &mut out);
        }
        out.join(" ")
    }

    fn push_word_pinyin(&self, word: &str, out: &mut Vec<String>) {
        if let Some(p) = self.word_pinyin(word) {
            out.extend(p.split(' ').map(tone_marked));
            return;
        }
        let chars: Vec<char> = word.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if !crate::script::is_han(c) {
                let start = i;
                while i < chars.len() && !crate::script::is_han(chars[i]) {
                    i += 1;
                }
                let run: String = chars[start..i].iter().collect();
                out.extend(
                    run.split(|c: char| !c.is_alphanumeric())
                        .filter(|t| !t.is_empty())
                        .map(str::to_string),
                );
                continue;
            }
            // Greedy longest dictionary word inside an unknown word.
            let mut matched = false;
            for len in (2..=4.min(chars.len() - i)).rev() {
                let sub: String = chars[i..i + len].iter().collect();
                if let Some(p) = self.word_pinyin(&sub) {
                    out.extend(p.split(' ').map(tone_marked));
                    i += len;
                    matched = true;
                    break;
                }
            }
            if !matched {
                match self.reading.get(&c) {
                    Some(r) => out.push(tone_marked(r)),
                    None => out.push(c.to_string()),
                }
                i += 1;
            }
        }
    }
}

/// Each character's usual reading and all its toneless readings. A
/// character's readings inside dictionary words tell which one is usual (重
/// is zhòng far more often than chóng). Syllables are interned, so the pass
/// allocates per distinct syllable, not per character.
type Readings = (HashMap<char, Box<str>>, HashMap<char, Vec<Box<str>>>);

fn readings(entries: &[Entry], variant: &[bool]) -> Readings {
    let mut interned: HashMap<String, u16> = HashMap::new();
    let mut names: Vec<String> = Vec::new();
    let mut freq: HashMap<char, Vec<(u16, u32)>> = HashMap::new();
    let mut buf = String::new();
    for (i, e) in entries.iter().enumerate() {
        if variant[i] {
            continue;
        }
        let n = e.simplified.chars().count();
        if e.pinyin.split(' ').count() != n {
            continue;
        }
        let bonus = if n == 1 { 1 } else { 3 };
        for ((c, t), syl) in e
            .simplified
            .chars()
            .zip(e.traditional.chars())
            .zip(e.pinyin.split(' '))
        {
            if !syl.ends_with(|d: char| d.is_ascii_digit()) {
                continue;
            }
            buf.clear();
            buf.extend(syl.chars().flat_map(char::to_lowercase));
            let id = match interned.get(buf.as_str()) {
                Some(&id) => id,
                None => {
                    let id = names.len() as u16;
                    interned.insert(buf.clone(), id);
                    names.push(buf.clone());
                    id
                }
            };
            for ch in if c == t { vec![c] } else { vec![c, t] } {
                let list = freq.entry(ch).or_default();
                match list.iter_mut().find(|(s, _)| *s == id) {
                    Some(x) => x.1 += bonus,
                    None => list.push((id, bonus)),
                }
            }
        }
    }
    let mut reading = HashMap::with_capacity(freq.len());
    let mut syllables = HashMap::with_capacity(freq.len());
    for (c, list) in freq {
        if let Some(&(best, _)) = list.iter().max_by(|a, b| {
            a.1.cmp(&b.1)
                .then(names[b.0 as usize].cmp(&names[a.0 as usize]))
        }) {
            reading.insert(c, names[best as usize].as_str().into());
        }
        let mut bare: Vec<Box<str>> = Vec::new();
        for (id, _) in list {
            let t = toneless(&names[id as usize]);
            if !bare.iter().any(|x| **x == *t) {
                bare.push(t.into());
            }
        }
        syllables.insert(c, bare);
    }
    (reading, syllables)
}

/// Strips the tone number and writes ü as `v`: `lu:3` → `lv`, `Zhong1` → `zhong`.
pub fn toneless(numbered: &str) -> String {
    numbered
        .to_lowercase()
        .replace("u:", "v")
        .replace('ü', "v")
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string()
}

/// Converts one numbered syllable to a tone-marked, lowercase one:
/// `zhong4` → `zhòng`, `lu:3` → `lǚ`, `ma5` → `ma`. Anything that is not a
/// numbered syllable is returned lowercased.
pub fn tone_marked(numbered: &str) -> String {
    let s = numbered.to_lowercase().replace("u:", "ü").replace('v', "ü");
    let (body, tone) = match s.char_indices().last() {
        Some((i, d)) if d.is_ascii_digit() => (&s[..i], d.to_digit(10).unwrap_or(5)),
        _ => return s,
    };
    if !(1..=4).contains(&tone) {
        return body.to_string();
    }
    // The standard placement rule: a or e takes the mark; in "ou" the o does;
    // otherwise the last vowel.
    let chars: Vec<char> = body.chars().collect();
    let pos = chars
        .iter()
        .position(|&c| c == 'a' || c == 'e')
        .or_else(|| body.find("ou").map(|b| body[..b].chars().count()))
        .or_else(|| chars.iter().rposition(|&c| "iouü".contains(c)));
    let Some(pos) = pos else {
        return body.to_string();
    };
    let marked = mark(chars[pos], tone);
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| if i == pos { marked } else { c })
        .collect()
}

fn mark(v: char, tone: u32) -> char {
    let table: [char; 4] = match v {
        'a' => ['ā', 'á', 'ǎ', 'à'],
        'e' => ['ē', 'é', 'ě', 'è'],
        'i' => ['ī', 'í', 'ǐ', 'ì'],
        'o' => ['ō', 'ó', 'ǒ', 'ò'],
        'u' => ['ū', 'ú', 'ǔ', 'ù'],
        'ü' => ['ǖ', 'ǘ', 'ǚ', 'ǜ'],
        _ => return v,
    };
    table[(tone - 1) as usize]
}

/// Strips tone marks from pinyin, writing ü as `v`: `Dǒng Jīngwěi` →
/// `dong jingwei`.
pub fn strip_tones(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ā' | 'á' | 'ǎ' | 'à' | 'Ā' | 'Á' | 'Ǎ' | 'À' => 'a',
            'ē' | 'é' | 'ě' | 'è' | 'Ē' | 'É' | 'Ě' | 'È' => 'e',
            'ī' | 'í' | 'ǐ' | 'ì' | 'Ī' | 'Í' | 'Ǐ' | 'Ì' => 'i',
            'ō' | 'ó' | 'ǒ' | 'ò' | 'Ō' | 'Ó' | 'Ǒ' | 'Ò' => 'o',
            'ū' | 'ú' | 'ǔ' | 'ù' | 'Ū' | 'Ú' | 'Ǔ' | 'Ù' => 'u',
            'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' | 'ü' | 'Ü' | 'Ǖ' | 'Ǘ' | 'Ǚ' | 'Ǜ' => 'v',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Hanzi {
        let text = "\
長 长 [chang2] /long/
長 长 [zhang3] /chief/
長安 长安 [Chang2 an1] /Chang'an/
安 安 [an1] /peace/
重 重 [zhong4] /heavy/
重 重 [chong2] /again/
重要 重要 [zhong4 yao4] /important/
重大 重大 [zhong4 da4] /major/
溫 温 [wen1] /warm/
重溫 重温 [chong2 wen1] /to review/
發 发 [fa1] /to send/
髮 发 [fa4] /hair/
頭髮 头发 [tou2 fa5] /hair/
頭 头 [tou2] /head/
發展 发展 [fa1 zhan3] /develop/
展 展 [zhan3] /exhibit/
強 强 [jiang4] /stubborn/
強 强 [qiang2] /strong/
強大 强大 [qiang2 da4] /powerful/
";
        Hanzi::new(Cedict::parse("t", text.as_bytes()).unwrap())
    }

    #[test]
    fn tone_marks() {
        assert_eq!(tone_marked("zhong4"), "zhòng");
        assert_eq!(tone_marked("lu:3"), "lǚ");
        assert_eq!(tone_marked("Chang2"), "cháng");
        assert_eq!(tone_marked("gou3"), "gǒu");
        assert_eq!(tone_marked("gui1"), "guī");
        assert_eq!(tone_marked("ma5"), "ma");
        assert_eq!(tone_marked("C"), "c");
        assert_eq!(strip_tones("Dǒng Jīngwěi"), "dong jingwei");
        assert_eq!(toneless("lu:3"), "lv");
    }

    #[test]
    fn conversion_keeps_length_and_uses_words() {
        let h = small();
        assert_eq!(h.to_simplified("長安"), "长安");
        assert_eq!(h.to_traditional("头发"), "頭髮", "the word decides 发 → 髮");
        assert_eq!(h.to_traditional("发展"), "發展");
        assert_eq!(h.to_simplified("abc長"), "abc长");
        assert!(h.has_traditional("長") && !h.has_traditional("长"));
    }

    #[test]
    fn pinyin_by_word_resolves_heteronyms() {
        let h = small();
        assert_eq!(h.pinyin_of_words(["长安"]), "cháng ān");
        assert_eq!(h.pinyin_of_words(["重温"]), "chóng wēn");
        assert_eq!(
            h.pinyin_of_words(["重"]),
            "zhòng",
            "the usual reading alone"
        );
        assert_eq!(
            h.pinyin_of_words(["强"]),
            "qiáng",
            "the usual reading, not the first listed"
        );
        assert_eq!(h.pinyin_of_words(["V", "长安"]), "V cháng ān");
        assert_eq!(
            h.syllables('重'),
            &["zhong".into(), "chong".into()] as &[Box<str>]
        );
    }
}
