//! The extractor: the shared, immutable state of the pipeline (dictionary,
//! script tables, segmenter, lexicons) and the per-document entry point.

use std::collections::HashSet;

use crate::cedict::Cedict;
use crate::document::Document;
use crate::error::Result;
use crate::finding::Finding;
use crate::glossary::Scripts;
use crate::hanzi::Hanzi;
use crate::script::is_han;
use crate::segment::{Segmenter, Tagging};
use crate::term::TermContext;

/// Runs the finders over documents. Build it once; it is `Send + Sync` and
/// can be shared by worker threads.
#[derive(Debug)]
pub struct Extractor {
    hanzi: Hanzi,
    segmenter: Segmenter,
    titles_zh: HashSet<String>,
}

impl Extractor {
    /// An extractor with the embedded dictionaries.
    ///
    /// # Errors
    ///
    /// When an embedded dictionary is malformed (a build defect).
    pub fn new() -> Result<Extractor> {
        let hanzi = Hanzi::new(Cedict::embedded()?);
        let segmenter = Segmenter::new();
        Ok(Extractor {
            hanzi,
            segmenter,
            titles_zh: HashSet::new(),
        })
    }

    /// Script conversion and pinyin.
    pub fn hanzi(&self) -> &Hanzi {
        &self.hanzi
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Every finding in one document.
    pub fn extract(&self, doc: &Document) -> Vec<Finding> {
        let is_title = |s: &str| self.titles_zh.contains(s);
        let ctx = TermContext {
            hanzi: &self.hanzi,
            segmenter: &self.segmenter,
            is_title: &is_title,
        };
        crate::pairs::find(doc, &ctx)
    }

    /// Segments the Chinese runs of `text` (words separated by spaces; with
    /// `Tagging::On`, each word followed by `/tag`), leaving other text as it
    /// is.
    pub fn segment_text(&self, text: &str, tagging: Tagging) -> String {
        let mut out = String::with_capacity(text.len() * 2);
        let mut rest = text;
        while !rest.is_empty() {
            let han_at = rest.find(is_han).unwrap_or(rest.len());
            out.push_str(&rest[..han_at]);
            rest = &rest[han_at..];
            let run_len = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
            if run_len == 0 {
                break;
            }
            let run = &rest[..run_len];
            let simplified = self.hanzi.to_simplified(run);
            let chars: Vec<char> = run.chars().collect();
            for (i, w) in self
                .segmenter
                .cut(&simplified, tagging)
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    out.push(' ');
                }
                out.extend(&chars[w.chars.clone()]);
                if tagging == Tagging::On {
                    out.push('/');
                    out.push_str(&w.tag);
                }
            }
            rest = &rest[run_len..];
        }
        out
    }
}

impl Scripts for Extractor {
    fn scripts(&self, chinese: &str) -> (String, String, String) {
        let simplified = self.hanzi.to_simplified(chinese);
        let traditional = self.hanzi.to_traditional(chinese);
        // Pinyin word by word, so heteronyms follow the word (長安 cháng ān).
        let chars: Vec<char> = simplified.chars().collect();
        let words: Vec<String> = self
            .segmenter
            .cut(&simplified, Tagging::Off)
            .into_iter()
            .map(|w| chars[w.chars].iter().collect())
            .collect();
        let pinyin = self.hanzi.pinyin_of_words(words.iter().map(String::as_str));
        (simplified, traditional, pinyin)
    }
}
