//! Word segmentation: the one module that calls jieba-rs.
//!
//! jieba's dictionary is simplified Chinese and it segments traditional text
//! badly, so callers segment the simplified conversion of a run. Conversion is
//! character for character (see [`crate::hanzi`]), which is why this module
//! reports words as *character* ranges: they index the original run exactly.

use std::ops::Range;

use jieba_rs::Jieba;

/// A segmented word: a character range of the segmented text and, when asked
/// for, jieba's part-of-speech tag (`nr` person, `ns` place, `nt`
/// organisation, `v` verb, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Character range in the segmented text.
    pub chars: Range<usize>,
    /// Part-of-speech tag, empty when not tagged.
    pub tag: String,
}

/// Whether to tag words with their part of speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tagging {
    /// Words only (faster).
    Off,
    /// Words with part-of-speech tags.
    On,
}

/// A jieba segmenter shared by every document (it is immutable once built).
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

impl Segmenter {
    /// A segmenter with jieba's default dictionary.
    pub fn new() -> Segmenter {
        Segmenter {
            jieba: Jieba::new(),
        }
    }

    /// Adds a word so that it is kept whole (organisation names, titles).
    /// `tag` is its part of speech, such as `nt` for an organisation.
    pub fn add_word(&mut self, word: &str, tag: Option<&str>) {
        if !word.is_empty() && !self.jieba.has_word(word) {
            // Frequency high enough to win over the pieces it contains.
            let freq = self.jieba.suggest_freq(word).max(50);
            self.jieba.add_word(word, Some(freq), tag);
        }
    }

    /// Loads the tables jieba keeps for the whole process and reads on its
    /// first tagged cut of a word it does not know (part of speech by
    /// character state): a start-up step that needs no dictionary, so it
    /// can run on another thread while the dictionary loads.
    pub fn load_shared_tables() {
        let _ = Jieba::empty().tag("梅奥卡斯", true);
    }

    /// Segments simplified text into words (HMM on, so unknown names hold
    /// together).
    pub fn cut(&self, text: &str, tagging: Tagging) -> Vec<Word> {
        match tagging {
            Tagging::Off => self
                .jieba
                .cut(text, true)
                .into_iter()
                .map(|t| Word {
                    chars: t.start..t.end,
                    tag: String::new(),
                })
                .collect(),
            Tagging::On => {
                let mut pos = 0;
                self.jieba
                    .tag(text, true)
                    .into_iter()
                    .map(|t| {
                        let n = t.word.chars().count();
                        let w = Word {
                            chars: pos..pos + n,
                            tag: t.tag.to_string(),
                        };
                        pos += n;
                        w
                    })
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cover_the_text_in_order() {
        let seg = Segmenter::new();
        let text = "美国智库布鲁金斯学会";
        let words = seg.cut(text, Tagging::Off);
        let mut pos = 0;
        for w in &words {
            assert_eq!(w.chars.start, pos);
            pos = w.chars.end;
        }
        assert_eq!(pos, text.chars().count());
        let tagged = seg.cut(text, Tagging::On);
        assert_eq!(
            tagged
                .iter()
                .map(|w| w.chars.clone())
                .collect::<Vec<_>>()
                .len(),
            tagged.len()
        );
        assert!(tagged.iter().all(|w| !w.tag.is_empty()));
    }

    #[test]
    fn added_words_stay_whole() {
        let mut seg = Segmenter::new();
        seg.add_word("闪电军", Some("nt"));
        let words = seg.cut("自由闪电军", Tagging::Off);
        assert!(words.iter().any(|w| w.chars == (2..5)), "{words:?}");
    }
}
