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

use std::collections::HashMap;
use std::io::{BufRead, Read};

use crate::error::{Error, Result};

/// The embedded CC-CEDICT release, gzip-compressed.
const EMBEDDED: &[u8] = include_bytes!("../dictionaries/cedict_ts.u8.gz");

/// One CC-CEDICT entry.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The headword in traditional characters.
    pub traditional: Box<str>,
    /// The headword in simplified characters.
    pub simplified: Box<str>,
    /// Numbered pinyin as in the file, e.g. `Chang2 an1`.
    pub pinyin: Box<str>,
    /// The English senses, `/`-separated as in the file.
    pub glosses: Box<str>,
    /// The senses' content words, stemmed, computed on first use (see
    /// [`crate::align`]).
    pub(crate) stems: std::sync::OnceLock<Box<[Box<str>]>>,
}

impl Entry {
    /// The English senses one by one.
    pub fn senses(&self) -> impl Iterator<Item = &str> {
        self.glosses.split('/').filter(|s| !s.is_empty())
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

/// A parsed CC-CEDICT with lookups by either script.
#[derive(Debug)]
pub struct Cedict {
    entries: Vec<Entry>,
    by_simplified: HashMap<Box<str>, Vec<u32>>,
    by_traditional: HashMap<Box<str>, Vec<u32>>,
    max_chars: usize,
}

impl Cedict {
    /// Loads the embedded CC-CEDICT.
    pub fn embedded() -> Result<Cedict> {
        let mut text = String::with_capacity(10 << 20);
        flate2::read::GzDecoder::new(EMBEDDED)
            .read_to_string(&mut text)
            .map_err(|e| {
                Error::dictionary("cedict_ts.u8.gz", 0, format!("cannot decompress: {e}"))
            })?;
        Cedict::parse_str("cedict_ts.u8.gz", &text)
    }

    /// Parses CC-CEDICT text (`trad simp [pin1 yin1] /gloss/gloss/`).
    ///
    /// Comment lines (`#`) and blank lines are skipped; a malformed line is
    /// an error naming `name:line`.
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
        let mut dict = Cedict {
            entries: Vec::with_capacity(125_000),
            by_simplified: HashMap::with_capacity(125_000),
            by_traditional: HashMap::with_capacity(125_000),
            max_chars: 1,
        };
        for (i, line) in text.split('\n').enumerate() {
            let lineno = i as u64 + 1;
            let line = line.trim_end();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let entry = parse_line(line).ok_or_else(|| {
                Error::dictionary(
                    name,
                    lineno,
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
        self.by_simplified
            .entry(entry.simplified.clone())
            .or_default()
            .push(id);
        self.by_traditional
            .entry(entry.traditional.clone())
            .or_default()
            .push(id);
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

    /// Entries whose simplified or traditional headword is `word`.
    pub fn lookup<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let s = self
            .by_simplified
            .get(word)
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        let t = self
            .by_traditional
            .get(word)
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        // An entry whose two scripts are equal is in both lists: list it once.
        let t_only = t.iter().filter(move |id| !s.contains(id));
        s.iter()
            .chain(t_only)
            .map(move |&id| &self.entries[id as usize])
    }

    /// Entries whose simplified headword is `word`.
    pub fn lookup_simplified<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let ids = self
            .by_simplified
            .get(word)
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        ids.iter().map(move |&id| &self.entries[id as usize])
    }

    /// Entries whose traditional headword is `word`.
    pub fn lookup_traditional<'a>(&'a self, word: &str) -> impl Iterator<Item = &'a Entry> + 'a {
        let ids = self
            .by_traditional
            .get(word)
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        ids.iter().map(move |&id| &self.entries[id as usize])
    }

    /// True when `word` is a headword in either script.
    pub fn contains(&self, word: &str) -> bool {
        self.by_simplified.contains_key(word) || self.by_traditional.contains_key(word)
    }
}

fn parse_line(line: &str) -> Option<Entry> {
    let (trad, rest) = line.split_once(' ')?;
    let (simp, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = rest.split_once(']')?;
    let glosses = rest.trim().strip_prefix('/')?.strip_suffix('/')?;
    // Headwords of different lengths would break the character-for-character
    // conversion that keeps offsets exact; CC-CEDICT has none, but a user's
    // file might.
    if trad.chars().count() != simp.chars().count() {
        return None;
    }
    Some(Entry {
        traditional: trad.into(),
        simplified: simp.into(),
        pinyin: pinyin.into(),
        glosses: glosses.into(),
        stems: std::sync::OnceLock::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_line() {
        let e = parse_line("長安 长安 [Chang2 an1] /Chang'an (ancient name)/district/").unwrap();
        assert_eq!(&*e.traditional, "長安");
        assert_eq!(&*e.simplified, "长安");
        assert_eq!(&*e.pinyin, "Chang2 an1");
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
