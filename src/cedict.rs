//! CC-CEDICT: the bilingual dictionary behind script conversion, pinyin and
//! gloss alignment.
//!
//! The dictionary ships in `dictionaries/cedict_ts.u8.gz` (CC BY-SA 4.0) and is
//! embedded in the binary, so a fresh build works offline. A user may pass
//! another CC-CEDICT file in the same format.
//!
//! One table serves three stages: traditional↔simplified conversion, word
//! pinyin (heteronyms resolved by the word, not the character), and the
//! English glosses that score where a translated term begins.

use foldhash::HashMap;
use std::io::BufRead;
use std::sync::OnceLock;

use crate::error::{Error, Result};

/// The embedded CC-CEDICT release as text: `build.rs` inflates
/// `dictionaries/cedict_ts.u8.gz` at build time, so start-up only parses it.
/// Entries borrow from it, so parsing allocates nothing per field.
const EMBEDDED_TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/cedict_ts.u8"));

/// One CC-CEDICT entry. Its fields borrow the dictionary text, which lives
/// as long as the process.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The headword in traditional characters.
    pub traditional: &'static str,
    /// The headword in simplified characters.
    pub simplified: &'static str,
    /// Numbered pinyin as in the file, e.g. `Chang2 an1`.
    pub pinyin: &'static str,
    /// The English senses, `/`-separated as in the file.
    pub glosses: &'static str,
    /// The senses' content words, stemmed, computed on first use (see
    /// [`crate::align`]).
    pub(crate) stems: OnceLock<Box<[Box<str>]>>,
}

impl Entry {
    /// The English senses one by one.
    pub fn senses(&self) -> impl Iterator<Item = &'static str> {
        self.glosses.split('/').filter(|s| !s.is_empty())
    }

    /// The people the entry names: the dictionary dates a person's sense
    /// (`Joe Biden (1942-), US president …` gives `Joe Biden`).
    pub fn people(&self) -> impl Iterator<Item = &'static str> {
        self.senses().filter_map(dated_name)
    }

    /// True when the entry is a proper noun (its pinyin is capitalised).
    pub fn is_proper(&self) -> bool {
        self.pinyin
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_uppercase())
    }

    /// True for entries that only point at another form ("variant of", "old
    /// variant of", …); they are poor evidence for a reading or a gloss.
    pub fn is_variant_only(&self) -> bool {
        self.senses()
            .all(|s| s.contains("variant of") || s.starts_with("see "))
    }
}

/// A person CC-CEDICT dates: the name and the year of birth (`Zhou Enlai
/// (1898-1976), …` → `("Zhou Enlai", 1898)`).
pub(crate) fn dated_person(sense: &str) -> Option<(&str, u32)> {
    let name = dated_name(sense)?;
    let year = sense.get(name.len() + 2..name.len() + 6)?.parse().ok()?;
    Some((name, year))
}

/// The name before a year in brackets in a sense (`Zhou Enlai (1898-1976),
/// …` → `Zhou Enlai`): how CC-CEDICT marks a sense as a person.
fn dated_name(sense: &str) -> Option<&str> {
    sense.match_indices(" (").find_map(|(i, _)| {
        let year = sense.as_bytes().get(i + 2..i + 7)?;
        (year[..4].iter().all(u8::is_ascii_digit) && year[4] == b'-').then(|| &sense[..i])
    })
}

/// Entries sharing a headword, as a chain through the entry list: the map
/// holds the first and last entry of each headword, `next` links the rest,
/// so the index allocates nothing per headword.
#[derive(Debug, Default)]
struct Index {
    ends: HashMap<&'static str, (u32, u32)>,
    next: Vec<u32>,
}

const END: u32 = u32::MAX;

impl Index {
    fn push(&mut self, key: &'static str, id: u32) {
        self.next.push(END);
        match self.ends.get_mut(key) {
            Some((_, last)) => {
                self.next[*last as usize] = id;
                *last = id;
            }
            None => {
                self.ends.insert(key, (id, id));
            }
        }
    }

    fn ids<'a>(&'a self, key: &str) -> impl Iterator<Item = u32> + use<'a> {
        let mut at = self.ends.get(key).map_or(END, |&(first, _)| first);
        std::iter::from_fn(move || {
            if at == END {
                return None;
            }
            let id = at;
            at = self.next[id as usize];
            Some(id)
        })
    }

    fn contains(&self, key: &str) -> bool {
        self.ends.contains_key(key)
    }
}

/// A parsed CC-CEDICT with lookups by either script.
#[derive(Debug)]
pub struct Cedict {
    entries: Vec<Entry>,
    by_simplified: Index,
    by_traditional: Index,
    max_chars: usize,
}

impl Cedict {
    /// Loads the embedded CC-CEDICT (inflated at build time, parsed here).
    ///
    /// # Errors
    ///
    /// When the embedded file cannot be parsed (a build defect).
    pub fn embedded() -> Result<Cedict> {
        Cedict::parse_static("cedict_ts.u8.gz", EMBEDDED_TEXT)
    }

    /// Parses CC-CEDICT text (`trad simp [pin1 yin1] /gloss/gloss/`).
    ///
    /// Comment lines (`#`) and blank lines are skipped; a malformed line is
    /// an error naming `name:line`. The text is kept for the life of the
    /// process (entries borrow it), as a dictionary is.
    ///
    /// # Errors
    ///
    /// A read error or a malformed line.
    pub fn parse<R: BufRead>(name: &str, mut reader: R) -> Result<Cedict> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| Error::dictionary(name, 0, e.to_string()))?;
        Cedict::parse_str(name, &text)
    }

    /// Parses CC-CEDICT text held in memory (see [`Cedict::parse`]).
    ///
    /// # Errors
    ///
    /// A malformed line, named `name:line`.
    pub fn parse_str(name: &str, text: &str) -> Result<Cedict> {
        let text: &'static str = Box::leak(text.to_string().into_boxed_str());
        Cedict::parse_static(name, text)
    }

    fn parse_static(name: &str, text: &'static str) -> Result<Cedict> {
        let mut dict = Cedict {
            entries: Vec::with_capacity(125_000),
            by_simplified: Index::default(),
            by_traditional: Index::default(),
            max_chars: 1,
        };
        dict.by_simplified.ends.reserve(125_000);
        dict.by_traditional.ends.reserve(125_000);
        let mut rest = text;
        let mut i = 0usize;
        while !rest.is_empty() {
            let (line, after) = split_at_byte(rest, b'\n').unwrap_or((rest, ""));
            rest = after;
            i += 1;
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_line(line).ok_or_else(|| {
                Error::dictionary(
                    name,
                    i as u64,
                    "expected `traditional simplified [pinyin] /gloss/`",
                )
            })?;
            dict.push(entry);
        }
        Ok(dict)
    }

    fn push(&mut self, entry: Entry) {
        let id = self.entries.len() as u32;
        self.max_chars = self.max_chars.max(entry.simplified.chars().count());
        self.by_simplified.push(entry.simplified, id);
        self.by_traditional.push(entry.traditional, id);
        self.entries.push(entry);
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The longest headword, in characters.
    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// Entries whose simplified or traditional headword is `word`, in file
    /// order by script (an entry equal in both scripts is listed once).
    pub fn lookup<'a, 'w>(
        &'a self,
        word: &'w str,
    ) -> impl Iterator<Item = &'a Entry> + use<'a, 'w> {
        let s = self.by_simplified.ids(word);
        let t = self
            .by_traditional
            .ids(word)
            .filter(move |&id| self.entries[id as usize].simplified != word);
        s.chain(t).map(move |id| &self.entries[id as usize])
    }

    /// Entries whose simplified headword is `word`.
    pub fn lookup_simplified<'a>(
        &'a self,
        word: &str,
    ) -> impl Iterator<Item = &'a Entry> + use<'a> {
        self.by_simplified
            .ids(word)
            .map(move |id| &self.entries[id as usize])
    }

    /// Entries whose traditional headword is `word`.
    pub fn lookup_traditional<'a>(
        &'a self,
        word: &str,
    ) -> impl Iterator<Item = &'a Entry> + use<'a> {
        self.by_traditional
            .ids(word)
            .map(move |id| &self.entries[id as usize])
    }

    /// True when `word` is a headword in either script.
    pub fn contains(&self, word: &str) -> bool {
        self.by_simplified.contains(word) || self.by_traditional.contains(word)
    }
}

/// `s` split at the first byte `b` (ASCII), without it. (A byte search:
/// this runs five times for each of the dictionary's 120,000 lines at
/// start-up, where `str::split_once` costs a comparison call per hit.)
fn split_at_byte(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|x| x == b)?;
    // An ASCII byte in UTF-8 is a whole character: both sides are str.
    Some((s.get(..i)?, s.get(i + 1..)?))
}

fn parse_line(line: &'static str) -> Option<Entry> {
    let (trad, rest) = split_at_byte(line, b' ')?;
    let (simp, rest) = split_at_byte(rest, b' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = split_at_byte(rest, b']')?;
    let glosses = rest.trim().strip_prefix('/')?.strip_suffix('/')?;
    // Headwords of different lengths would break the character-for-character
    // conversion that keeps offsets exact; CC-CEDICT has none, but a user's
    // file might.
    if trad.chars().count() != simp.chars().count() {
        return None;
    }
    Some(Entry {
        traditional: trad,
        simplified: simp,
        pinyin,
        glosses,
        stems: OnceLock::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_line() {
        let e = parse_line("長安 长安 [Chang2 an1] /Chang'an (ancient name)/district/").unwrap();
        assert_eq!(e.traditional, "長安");
        assert_eq!(e.simplified, "长安");
        assert_eq!(e.pinyin, "Chang2 an1");
        assert_eq!(
            e.senses().collect::<Vec<_>>(),
            vec!["Chang'an (ancient name)", "district"]
        );
        assert!(e.is_proper());
    }

    #[test]
    fn malformed_line_names_its_place() {
        let text = "# comment\n長安 长安 [Chang2 an1] /x/\nbroken line\n";
        let err = Cedict::parse("test.u8", text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "test.u8:3: expected `traditional simplified [pinyin] /gloss/`"
        );
    }

    #[test]
    fn people_are_the_dated_senses() {
        let d = Cedict::parse_str(
            "t",
            "周恩來 周恩来 [Zhou1 En1 lai2] /Zhou Enlai (1898-1976), premier/\n\
             紐約 纽约 [Niu3 yue1] /New York/\n\
             羅斯福 罗斯福 [Luo2 si1 fu2] /Roosevelt (name)/Theodore Roosevelt (1858-1919), president/Franklin D. Roosevelt (1882-1945), president/\n",
        )
        .unwrap();
        let people =
            |w: &str| -> Vec<&str> { d.lookup_simplified(w).flat_map(|e| e.people()).collect() };
        assert_eq!(people("周恩来"), vec!["Zhou Enlai"]);
        assert!(people("纽约").is_empty());
        assert_eq!(
            people("罗斯福"),
            vec!["Theodore Roosevelt", "Franklin D. Roosevelt"]
        );
    }

    #[test]
    fn lookup_by_either_script() {
        let text = "長安 长安 [Chang2 an1] /Chang'an/\n你好 你好 [ni3 hao3] /hello/\n";
        let d = Cedict::parse("t", text.as_bytes()).unwrap();
        assert_eq!(d.lookup("長安").count(), 1);
        assert_eq!(d.lookup("长安").count(), 1);
        assert_eq!(
            d.lookup("你好").count(),
            1,
            "same in both scripts, listed once"
        );
        assert_eq!(d.max_chars(), 2);
    }
}
