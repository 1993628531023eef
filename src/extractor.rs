//! The extractor: the shared, immutable state of the pipeline (dictionary,
//! script tables, segmenter, lexicons) and the per-document entry point.

use foldhash::{HashSet, HashSetExt};
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use crate::align::TermCache;
use crate::cedict::Cedict;
use crate::dict::Lexicons;
use crate::document::{Document, Span};
use crate::error::Result;
use crate::finding::{Finding, Kind};
use crate::glossary::{Famous, Scripts};
use crate::hanzi::Hanzi;
use crate::names::NameModel;
use crate::officials::{OrgMention, TitleMatcher};
use crate::officials_zh::ChineseOfficials;
use crate::orgs::OrgFinder;
use crate::ranks::RankFinder;
use crate::resolve::{Resolver, namesake_cue_regex, namesake_regex};
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
    names: NameModel,
    titles: TitleMatcher,
    orgs: OrgFinder,
    ranks: RankFinder,
    officials_zh: ChineseOfficials,
    namesake: Regex,
    namesake_cue: Regex,
    /// Public figures by name, made when a glossary first asks.
    famous: OnceLock<Famous>,
}

impl Extractor {
    /// An extractor with the embedded dictionaries.
    ///
    /// # Errors
    ///
    /// When an embedded dictionary is malformed (a build defect).
    pub fn new() -> Result<Extractor> {
        Extractor::with_dictionaries(&[])
    }

    /// An extractor with the embedded dictionaries and the user's own files
    /// (TSV in the formats of `dictionaries/`, see its README).
    ///
    /// # Errors
    ///
    /// When a file cannot be read or is malformed; the error names
    /// `file:line`.
    pub fn with_dictionaries(files: &[&Path]) -> Result<Extractor> {
        let mut lex = Lexicons::embedded()?;
        for f in files {
            lex.add_file(f)?;
        }
        // jieba takes as long as everything else together: build it on its
        // own thread beside CC-CEDICT and the finders' automata.
        let (built, segmenter) = std::thread::scope(|scope| {
            let seg = scope.spawn(|| {
                let mut segmenter = Segmenter::new();
                // Keep names of organisations whole in segmentation.
                for o in &lex.organisations {
                    segmenter.add_word(&o.simplified, Some("nt"));
                }
                // jieba loads its part-of-speech tables on the first tagged
                // cut: do it here rather than in the first document.
                let _ = segmenter.cut("中文", Tagging::On);
                segmenter
            });
            let built = (|| -> Result<_> {
                // (jieba's tables for unknown words take this side's spare
                // time: they need no dictionary.)
                Segmenter::load_shared_tables();
                let hanzi = Hanzi::new(Cedict::embedded()?);
                let orgs = OrgFinder::new(&lex)?;
                let ranks = RankFinder::new(&lex)?;
                let officials_zh = ChineseOfficials::new(&lex)?;
                Ok((hanzi, orgs, ranks, officials_zh))
            })();
            (
                built,
                seg.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
            )
        });
        let (hanzi, orgs, ranks, officials_zh) = built?;
        let mut titles_zh = HashSet::new();
        for t in &lex.titles {
            titles_zh.insert(t.simplified.clone());
            titles_zh.insert(hanzi.to_simplified(&t.traditional));
        }
        let mut names = NameModel::new(&lex);
        names.learn_places(hanzi.cedict());
        Ok(Extractor {
            titles: TitleMatcher::new(&lex),
            orgs,
            ranks,
            officials_zh,
            names,
            hanzi,
            segmenter,
            titles_zh,
            namesake: namesake_regex(),
            namesake_cue: namesake_cue_regex(),
            famous: OnceLock::new(),
        })
    }

    /// Script conversion and pinyin.
    pub fn hanzi(&self) -> &Hanzi {
        &self.hanzi
    }

    /// The public figures CC-CEDICT names (see [`Famous`]); read from the
    /// dictionary on first use, since only a glossary placing a name seen
    /// before needs them.
    pub fn famous(&self) -> &Famous {
        self.famous
            .get_or_init(|| Famous::from_cedict(self.hanzi.cedict()))
    }

    /// True when `name` is a Chinese name in Hanyu Pinyin (`Xi Jinping`), not
    /// a foreign name or one in another romanisation (`Tsai Ing-wen`), which
    /// some titles render otherwise (a president is 总统 there).
    fn is_pinyin_name(&self, name: &str) -> bool {
        let words: Vec<&str> = name.split_whitespace().collect();
        matches!(words.as_slice(), [_, given] if !given.contains(['-', '‐']))
            && self
                .names
                .recognise(&words)
                .is_some_and(|n| n.systems.iter().any(|s| s == "pinyin"))
    }

    /// True for `NAME’s THING` where NAME is a romanised Chinese name.
    fn persons_thing(&self, name: &str) -> bool {
        let Some(at) = name.find("’s ").or_else(|| name.find("'s ")) else {
            return false;
        };
        let owner: Vec<&str> = name[..at].split(' ').collect();
        owner.len() >= 2 && self.names.recognise(&owner).is_some()
    }

    /// The segmenter.
    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Every finding in one document, resolved: pairs, acronyms, persons,
    /// organisations and ranks.
    pub fn extract(&self, doc: &Document) -> Vec<Finding> {
        self.extract_with(doc, &TermCache::new())
    }

    /// [`Extractor::extract`] with a cache of prepared terms that the caller
    /// keeps across documents (one per thread: a batch worker keeps one for
    /// its whole run). The findings are the same as without it.
    pub fn extract_with<'e>(&'e self, doc: &Document, terms: &TermCache<'e>) -> Vec<Finding> {
        let text = doc.text();
        let is_title = |s: &str| self.titles_zh.contains(s);
        let ctx = TermContext {
            hanzi: &self.hanzi,
            terms,
            segmenter: &self.segmenter,
            is_title: &is_title,
        };
        let mut findings = crate::pairs::find(doc, &ctx);
        // Finders for a script the text does not contain have nothing to
        // find (a byte test: any byte of a three- or four-byte character
        // that could be Han counts).
        // Both scripts are counted: ASCII letters, and lead bytes of
        // characters from U+3000 on (where Han lives).
        let bytes = text.as_bytes();
        // One pass for both counts, in blocks small enough for 16-bit
        // counters (which the compiler vectorises).
        let (mut latin_letters, mut han_letters) = (0usize, 0usize);
        for block in bytes.chunks(4096) {
            let (mut l, mut h) = (0u16, 0u16);
            for &b in block {
                l += u16::from((b | 0x20).wrapping_sub(b'a') < 26);
                h += u16::from(b >= 0xE3);
            }
            latin_letters += usize::from(l);
            han_letters += usize::from(h);
        }
        let latin = latin_letters > 0;
        let han = han_letters > 0;
        let toks = if latin {
            crate::tokens::tokenize(text)
        } else {
            Vec::new()
        };

        // Organisations: dictionary first, then patterns where the
        // dictionary found nothing.
        // In English text Chinese appears as glosses, which the pair finder
        // reads with their English; a dictionary match there (国家安全局 in a
        // gloss of "State Security Bureaus") would name the wrong body.
        let chinese_text = han && han_letters * 2 >= latin_letters / 3;
        let mut orgs = self.orgs.find_known(text, &toks, latin, chinese_text);
        if chinese_text {
            let listed =
                crate::orgs::find_listed(text, &orgs, &|s: &str| self.hanzi.to_simplified(s));
            orgs.extend(listed);
        }
        orgs.sort_by_key(|o| o.span.start);
        let known = orgs.len();
        let patterns = self.orgs.find_by_pattern(text, &toks);
        orgs.reserve(patterns.len());
        for f in patterns {
            // A longer name that merely starts with a known one (`CCP
            // Museum`) is an organisation of its own.
            let clash = near(&orgs[..known], f.span).any(|o| {
                let one_word = !text[o.span.range()].contains(' ');
                !(one_word && o.span.start == f.span.start && o.span.end < f.span.end)
            }) || near(&orgs[known..], f.span).next().is_some();
            if !clash {
                orgs.push(f);
            }
        }
        // `the 20th Party Congress` is a session, not the body.
        orgs.retain(|o| !crate::orgs::is_numbered_session(text, o.span));
        // Outlets no head word marks, where no other name stands.
        orgs.sort_by_key(|o| o.span.start);
        let media: Vec<Finding> = self
            .orgs
            .find_media(text, &toks)
            .into_iter()
            .filter(|f| near(&orgs, f.span).next().is_none())
            .collect();
        if !media.is_empty() {
            orgs.extend(media);
            orgs.sort_by_key(|o| o.span.start);
        }
        let mentions: Vec<OrgMention> = orgs
            .iter()
            // A person's organisation is a name or an acronym, not a lone
            // head word.
            .filter(|o| {
                !o.english.is_empty()
                    && (text[o.span.range()].contains(' ') || !o.acronym.is_empty())
            })
            .map(|o| OrgMention {
                span: o.span,
                english: text[o.span.range()].to_string(),
            })
            .collect();
        let surnames = crate::officials::surname_tokens(&toks, &self.names);
        let persons =
            crate::officials::find(text, &toks, &self.names, &self.titles, &mentions, &surnames);
        // A person's name is not an organisation, nor is a thing of a
        // person's (`Ju Che's Post`: a post by the user Ju Che).
        orgs.retain(|o| {
            !matches!(o.rule, "org-pattern" | "org-media")
                || (near(&persons, o.span).next().is_none()
                    && !self.persons_thing(&text[o.span.range()]))
        });
        // (Room for what follows at once: findings are large, and each
        // growth of the vector moves them all.)
        findings.reserve(2 * persons.len() + orgs.len() + 64);
        // Offices the English text gives, with their Chinese from the
        // lexicon, so a translator renders them consistently.
        for p in &persons {
            findings.extend(
                self.titles
                    .title_findings(p, &|| self.is_pinyin_name(&p.english)),
            );
        }
        findings.extend(persons);
        if han {
            findings.extend(
                self.officials_zh
                    .find(text, &self.hanzi, &self.segmenter, &self.orgs),
            );
        }
        findings.extend(orgs);
        let ranks = self.ranks.find(text, latin, han);
        self.give_ranks(text, &ranks, &mut findings);
        findings.extend(ranks);

        let resolver = Resolver {
            names: &self.names,
            orgs: &self.orgs,
            hanzi: &self.hanzi,
            titles: &self.titles,
            namesake: &self.namesake,
            namesake_cue: &self.namesake_cue,
        };
        resolver.resolve(text, &toks, &surnames, findings)
    }

    /// A rank said of a person (`Dong Jingwei, a vice-ministerial level
    /// official`, `副部级官员董经纬`) goes to that person: the nearest person
    /// before it in the same sentence (within 80 bytes), or right after it.
    fn give_ranks(&self, text: &str, ranks: &[Finding], findings: &mut [Finding]) {
        if ranks.is_empty() {
            return;
        }
        // Persons by where they end and by where they start, so each rank
        // looks only at the few persons near it.
        let mut by_end: Vec<(usize, usize)> = Vec::new();
        let mut by_start: Vec<(usize, usize)> = Vec::new();
        for (k, f) in findings.iter().enumerate() {
            if f.kind() == Kind::Person {
                by_end.push((f.span.end, k));
                by_start.push((f.span.start, k));
            }
        }
        by_end.sort_unstable();
        by_start.sort_unstable();
        for r in ranks {
            let Some(label) = self.ranks.label(&r.chinese) else {
                continue;
            };
            let same_sentence = |a: usize, b: usize| {
                !text[a.min(b)..a.max(b)].contains(['.', '。', '\n', ';', '；'])
            };
            // The nearest person ending before the rank in its sentence,
            // within 80 bytes (of equals, the last in the findings' order).
            let lo = by_end.partition_point(|&(end, _)| end + 80 < r.span.start);
            let hi = by_end.partition_point(|&(end, _)| end <= r.span.start);
            let before = by_end[lo..hi]
                .iter()
                .filter(|&&(end, _)| same_sentence(end, r.span.start))
                .max_by_key(|&&(end, _)| end)
                .map(|&(_, k)| k);
            if let Some(k) = before {
                findings[k].rank = label;
                continue;
            }
            // Else a person starting right after it (within 12 bytes; of
            // equals, the first).
            let lo = by_start.partition_point(|&(start, _)| start < r.span.end);
            let hi = by_start.partition_point(|&(start, _)| start <= r.span.end + 12);
            if let Some(&(_, k)) = by_start[lo..hi].first() {
                findings[k].rank = label;
            }
        }
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
    fn simplified(&self, chinese: &str) -> String {
        self.hanzi.to_simplified(chinese)
    }

    fn famous(&self) -> Option<&Famous> {
        Some(Extractor::famous(self))
    }

    fn is_name_variant(&self, a: &str, b: &str) -> bool {
        let a: Vec<&str> = a.split_whitespace().collect();
        let b: Vec<&str> = b.split_whitespace().collect();
        self.names
            .distance(&a, &b)
            .is_some_and(|d| d > 0.0 && d <= 1.0)
    }

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

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

/// The findings (sorted by start, each shorter than [`NEAR`] bytes) whose
/// spans overlap `span`: a window search instead of a scan of them all.
fn near(sorted: &[Finding], span: Span) -> impl Iterator<Item = &Finding> {
    let hi = sorted.partition_point(|f| f.span.start < span.end);
    let lo = sorted[..hi].partition_point(|f| f.span.start + NEAR < span.start);
    sorted[lo..hi]
        .iter()
        .filter(move |f| overlaps(f.span, span))
}

/// Longer than any name of a person or organisation.
const NEAR: usize = 1024;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    /// Random texts built from the characters the finders care about
    /// (brackets of both widths, quotes, Han, capitals, dots, newlines): no
    /// input may panic, and every span must lie on character boundaries.
    #[test]
    fn random_text_never_panics() {
        let extractor = Extractor::new().unwrap();
        let pieces = [
            "(",
            ")",
            "（",
            "）",
            "“",
            "”",
            "\"",
            "'",
            "’s",
            " ",
            "\n",
            ".",
            ",",
            "、",
            "·",
            "-",
            "長安劍",
            "国家安全部",
            "副部长",
            "董经纬",
            "Dong",
            "Jingwei",
            "MSS",
            "Ministry",
            "of",
            "State",
            "Security",
            "the",
            "vice",
            "minister",
            "Xi",
            "CCP",
            "王",
            "a",
            "“gossip”",
            "(小道消息)",
            "level",
            "bureau",
            "副部级",
            "同名",
            "V字旅",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut glossary = Glossary::new();
        for round in 0..300 {
            let len = (next() % 120) as usize;
            let text: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let doc = Document::new(format!("r{round}"), text.as_str()).with_ordinal(round);
            let findings = extractor.extract(&doc);
            for f in &findings {
                assert!(
                    text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end),
                    "{text:?}"
                );
                assert!(f.span.start <= f.span.end && f.span.end <= text.len());
            }
            glossary.add_document(&doc, &findings, &extractor);
        }
        let rows = glossary.into_rows();
        let mut out = Vec::new();
        crate::writer::write_csv(&rows, &mut out).unwrap();
    }
}
