//! Per-document resolution: which mentions are the same person or
//! organisation.
//!
//! - A parenthetical pair whose English is a person (or whose Chinese is a
//!   person found after a title) becomes that person's mention, carrying
//!   both forms; one whose English is an organisation becomes an
//!   organisation's.
//! - A surname alone (`Dong`, `Gu’s`) is the person with that surname whose
//!   full name was last mentioned before it; it is counted in that person's
//!   mentions and listed in `aliases`. With no full mention before it, it is
//!   left alone rather than guessed.
//! - A spelling variant (`Dong Jianwei` beside `Dong Jingwei`: same surname,
//!   syllables one confusion apart, no conflicting title) is an alias of the
//!   more frequent spelling. A misspelt acronym (`CLFA` beside `CFLA`: the
//!   same letters) is an alias of the organisation.
//! - A namesake (`a retired official who happens to have the same name as
//!   the MSS vice minister`) is a second person with the same name, told
//!   apart by `sense`.

use foldhash::{HashMap, HashMapExt};

use regex::Regex;

use crate::document::Span;
use crate::finding::{Finding, Kind};
use crate::names::NameModel;
use crate::orgs::{HEADS, OrgFinder};
use crate::script::{is_han, is_latin_personal_name, is_name_dot};
use crate::tokens::{Token, without_possessive};

/// How far back (bytes) a surname alone may refer.
const SHORT_FORM_REACH: usize = 20_000;

/// What resolution needs besides the findings.
pub struct Resolver<'a> {
    /// Name recognition and variant distance.
    pub names: &'a NameModel,
    /// The organisation dictionary.
    pub orgs: &'a OrgFinder,
    /// Titles (a gloss may open with one: `Datuk Seri Wong Chun Wai`).
    pub titles: &'a crate::officials::TitleMatcher,
    /// Script conversion and CC-CEDICT (which Chinese words are people).
    pub hanzi: &'a crate::hanzi::Hanzi,
    /// The namesake pattern.
    pub namesake: &'a Regex,
    /// A cheap test that the namesake pattern can match.
    pub namesake_cue: &'a Regex,
}

/// A literal test for the namesake pattern (`same name`, any case).
pub fn namesake_cue_regex() -> Regex {
    Regex::new(r"(?i)same\s+name").expect("valid regex")
}

/// The namesake pattern: a descriptor, then a sharing of the name with a
/// referent (a name or a title).
pub fn namesake_regex() -> Regex {
    Regex::new(
        r"(?i)\b(?:an?|another|the)\s+((?:[a-z-]+\s+){0,3}?[a-z-]+)\s*,?\s+(?:who\s+)?(?:happens?\s+to\s+(?:have|share|bear)|has|shares|sharing|having|with)\s+the\s+same\s+name\s+as\s+(?:the\s+)?([^.,;()]+)",
    )
    .expect("valid regex")
}

impl Resolver<'_> {
    /// Resolves one document's findings.
    pub fn resolve(
        &self,
        text: &str,
        toks: &[Token<'_>],
        surnames: &[bool],
        mut findings: Vec<Finding>,
    ) -> Vec<Finding> {
        self.type_pairs(&mut findings);
        self.trim_to_known_names(&mut findings);
        self.defer_to_pairs(&mut findings);
        split_namesakes(text, &mut findings);
        self.variants(&mut findings);
        org_short_forms(&mut findings);
        self.chinese_org_short_forms(&mut findings);
        one_body_per_chinese(&mut findings);
        let mut extra = self.short_forms(text, toks, surnames, &findings);
        extra.extend(self.namesakes(text, &findings));
        findings.extend(extra);
        // All-capital words (possessive aside), for the two acronym passes.
        // Words that may be acronyms: capitals and digits, a plural `s`
        // aside (`G20`, `ICCs`).
        let acronyms: Vec<(usize, &str)> = toks
            .iter()
            .enumerate()
            // (The token's flag rules out nearly every word before its
            // text is read at all.)
            .filter(|(_, t)| t.is_word && t.is_capitalised())
            .filter_map(|(k, t)| {
                let w = without_possessive(t.text);
                singular_acronym(w)
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                    .then_some((k, w))
            })
            .collect();
        let caps: Vec<(usize, &str)> = acronyms
            .iter()
            .copied()
            .filter(|(_, w)| w.bytes().all(|b| b.is_ascii_uppercase()))
            .collect();
        self.defined_acronym_mentions(text, &acronyms, &mut findings);
        self.acronym_variants(toks, &caps, &mut findings);
        let by_initials = self.acronyms_by_initials(text, toks, &caps, &findings);
        findings.extend(by_initials);
        self.share_forms(&mut findings);
        self.name_from_dictionary(&mut findings);
        spell_out_acronym_organisations(text, &mut findings);
        findings
    }

    /// An acronym the text never defines and the dictionary does not know
    /// names the organisation of this document whose name it abbreviates
    /// (`NSB` after `National Security Bureau`): one row, not two.
    fn acronyms_by_initials(
        &self,
        text: &str,
        toks: &[Token<'_>],
        caps: &[(usize, &str)],
        findings: &[Finding],
    ) -> Vec<Finding> {
        let mut orgs: Vec<&str> = findings
            .iter()
            .filter(|f| {
                f.kind() == Kind::Organisation && !f.english.is_empty() && f.acronym.is_empty()
            })
            .map(|f| f.english.as_str())
            .collect();
        orgs.sort_unstable();
        orgs.dedup();
        let known: foldhash::HashSet<&str> = findings
            .iter()
            .filter(|f| !f.acronym.is_empty())
            .map(|f| f.acronym.as_str())
            .collect();
        // Organisation names by their first letter.
        let mut by_initial: HashMap<char, Vec<&str>> = HashMap::new();
        for o in &orgs {
            if let Some(c) = o.chars().next() {
                by_initial
                    .entry(c.to_ascii_lowercase())
                    .or_default()
                    .push(o);
            }
        }
        let mut out = Vec::new();
        // An acronym recurs through a text: decide each one once.
        let mut decided: HashMap<&str, Option<&str>> = HashMap::new();
        for &(k, w) in caps {
            let t = &toks[k];
            if !(2..=8).contains(&t.text.len()) {
                continue;
            }
            let long = *decided.entry(w).or_insert_with(|| {
                if known.contains(w) || self.orgs.lookup(w).is_some() {
                    return None;
                }
                // The long form starts with the acronym's first letter.
                let first = w.chars().next().map_or(' ', |c| c.to_ascii_lowercase());
                let mut long = by_initial
                    .get(&first)?
                    .iter()
                    .filter(|o| crate::acronym::initials_of(w, o));
                match (long.next(), long.next()) {
                    (Some(one), None) => Some(*one),
                    _ => None,
                }
            });
            if let Some(one) = long {
                out.push(Finding {
                    kind: Some(Kind::Organisation),
                    english: one.to_string(),
                    acronym: w.to_string(),
                    span: t.span_in(text),
                    confidence: 0.6,
                    rule: "acronym-initials",
                    ..Finding::default()
                });
            }
        }
        out
    }

    /// Pairs that name a person or an organisation become their mentions.
    fn type_pairs(&self, findings: &mut [Finding]) {
        let person_zh: HashMap<String, usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind() == Kind::Person && !f.chinese.is_empty())
            .map(|(i, f)| (f.chinese.clone(), i))
            .collect();
        // The English of a kind's findings, lowercased (each distinct name
        // once: a document names the same bodies and persons many times).
        let english_of = |kind: Kind| -> foldhash::HashSet<String> {
            let names: foldhash::HashSet<&str> = findings
                .iter()
                .filter(|f| f.kind() == kind && !f.english.is_empty())
                .map(|f| f.english.as_str())
                .collect();
            names.into_iter().map(str::to_lowercase).collect()
        };
        let person_en = english_of(Kind::Person);
        // Organisations the finders named in this document: a gloss with the
        // same English is that organisation (one row, with its Chinese),
        // whatever its words look like.
        let org_en = english_of(Kind::Organisation);
        // (Asked of the same names again and again: each is decided once.)
        let mut decided: HashMap<String, bool> = HashMap::new();
        let mut is_org = |english: &str| -> bool {
            if let Some(&known) = decided.get(english) {
                return known;
            }
            let known = self.is_org(english) || org_en.contains(&english.to_lowercase());
            decided.insert(english.to_string(), known);
            known
        };
        let mut named: HashMap<String, HashMap<String, [Option<bool>; 2]>> = HashMap::new();
        // Whether a gloss names a body, by English and Chinese (the same
        // pairs again and again).
        let mut bodies: HashMap<String, HashMap<String, bool>> = HashMap::new();
        // English person mentions by start, to find the one around a gloss.
        let mut person_spans: Vec<(usize, usize, String)> = findings
            .iter()
            .filter(|f| f.kind() == Kind::Person && !f.english.is_empty())
            .map(|f| (f.span.start, f.span.end, f.english.clone()))
            .collect();
        person_spans.sort();
        // Persons a Chinese title found (`国务卿布林肯`), by where their name
        // is: a gloss of the same place names them, even where the title
        // finder cut the name short (`梅奥` of `梅奥卡斯(…)`).
        let titled: Vec<(crate::document::Span, usize)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.kind() == Kind::Person && !f.chinese.is_empty() && f.rule.starts_with("zh-")
            })
            .map(|(i, f)| (f.span, i))
            .collect();
        // English ranks the rank finder read (`full ministerial rank`), by
        // where they end: a gloss that ends one is that rank's words.
        let ranks: Vec<(crate::document::Span, String)> = findings
            .iter()
            .filter(|f| f.kind() == Kind::Rank && f.rule == "rank")
            .map(|f| (f.span, f.english.clone()))
            .collect();
        // Glosses of bodies the dictionary knows: (its name, the gloss).
        let mut glossed_bodies: Vec<(String, usize)> = Vec::new();
        for i in 0..findings.len() {
            if findings[i].kind() != Kind::Term || findings[i].chinese.is_empty() {
                if findings[i].kind() == Kind::Term && is_org(&findings[i].english) {
                    findings[i].kind = Some(Kind::Organisation);
                }
                continue;
            }
            self.strip_leading_title(&mut findings[i], &person_spans);
            // A gloss that is the end of a longer name found at the same place
            // (`Hao Ran` of `Teh Hao Ran (鄭豪然)`) is that name.
            let start = findings[i].span.start;
            let tail = findings[i].english.as_str();
            // (`name` ends with a space and `tail`.)
            let ends_with_tail = |name: &str| {
                name.len() > tail.len()
                    && name.ends_with(tail)
                    && name.as_bytes()[name.len() - tail.len() - 1] == b' '
            };
            let before = &person_spans[..person_spans.partition_point(|p| p.0 < start)];
            let longer = before
                .iter()
                .rev()
                .take(4)
                .find(|p| start < p.1 && ends_with_tail(&p.2))
                .map(|p| p.2.clone());
            if let Some(name) = longer {
                findings[i].english = name;
            }
            let region = chinese_region(&findings[i]);
            if let Some(rank) = rank_gloss(&ranks, &findings[i], region) {
                findings[i].english = rank;
            }
            let by_place = titled
                .iter()
                .find(|(span, p)| {
                    span.start < region.end
                        && region.start < span.end
                        && findings[*p].chinese.chars().next() == findings[i].chinese.chars().next()
                })
                .map(|&(_, p)| p);
            let by_title = by_place.or_else(|| person_zh.get(&findings[i].chinese).copied());
            // A quoted gloss is a term or a title, even when it spells a name
            // (`“Chang An Jian” (長安劍)`, an account), unless the text names
            // a person so elsewhere (a name quoted as a search word).
            let quoted = findings[i].rule == "quoted";
            // Whether the gloss names a body (see `names_a_body`): such a gloss
            // is no person, and an organisation.
            let names_body = {
                let (english, chinese) = (&findings[i].english, &findings[i].chinese);
                match bodies
                    .get(english.as_str())
                    .and_then(|m| m.get(chinese.as_str()))
                {
                    Some(&known) => known,
                    None => {
                        let known = self.names_a_body(english, chinese, &mut is_org);
                        bodies
                            .entry(english.clone())
                            .or_default()
                            .insert(chinese.clone(), known);
                        known
                    }
                }
            };
            let is_person = by_title.is_some() || {
                // What the words and the Chinese say, decided once per
                // (English, Chinese, quoted) in the document.
                let (english, chinese) = (&findings[i].english, &findings[i].chinese);
                let known = named
                    .get(english.as_str())
                    .and_then(|m| m.get(chinese.as_str()))
                    .and_then(|q| q[usize::from(quoted)]);
                match known {
                    Some(known) => known,
                    None => {
                        let words: Vec<&str> = english.split_whitespace().collect();
                        let known = person_en.contains(&english.to_lowercase())
                            || (!quoted && !names_body && self.names.recognise(&words).is_some())
                            || (!quoted && self.is_foreign_name(chinese, &words))
                            || (!quoted
                                && !is_org(english)
                                && (self.is_chinese_name_of(chinese, &words)
                                    || self.is_transliterated_name(chinese, &words)));
                        named
                            .entry(english.clone())
                            .or_default()
                            .entry(chinese.clone())
                            .or_default()[usize::from(quoted)] = Some(known);
                        known
                    }
                }
            };
            if is_person {
                findings[i].kind = Some(Kind::Person);
                if let Some(p) = by_title {
                    // The text's own English beats our romanisation, and the
                    // glossed Chinese the title finder's cut.
                    let english = findings[i].english.clone();
                    let titles = findings[p].titles.clone();
                    let orgs = findings[p].organisations.clone();
                    findings[p].chinese = findings[i].chinese.clone();
                    findings[p].english = english;
                    findings[i].titles = titles;
                    findings[i].organisations = orgs;
                }
            } else if names_body {
                findings[i].kind = Some(Kind::Organisation);
                if let Some(body) = self.body_of_gloss(&findings[i]) {
                    glossed_bodies.push((body, i));
                }
            }
        }
        // The dictionary's mentions of a glossed body are the gloss's row:
        // the text's name, the dictionary's an alias. (The first gloss of a
        // body names it.)
        let mut joins: HashMap<String, Join> = HashMap::new();
        for (body, p) in glossed_bodies {
            joins
                .entry(body)
                .or_insert_with(|| Join::to(&findings[p], None));
        }
        join_dictionary_mentions(findings, &joins);
    }

    /// The dictionary's name of the organisation a gloss names: the body the
    /// dictionary knows by that Chinese (`联邦调查局(FBI)`, `布鲁金斯学会
    /// (Brooking Institute)`, `中央军委政治工作部(Political Work Department of
    /// the Central Military Commission)`), or the one body with the gloss as
    /// its acronym whose Chinese the gloss's is written otherwise. (An acronym
    /// glossing other Chinese may stand for another body: `CIA` is not only
    /// the intelligence agency.)
    fn body_of_gloss(&self, f: &Finding) -> Option<String> {
        // (Looked up by the Chinese: one body may have several Chinese
        // names, 世界卫生组织 and 世卫组织, under one acronym.)
        let simplified = self.hanzi.to_simplified(&f.chinese);
        let o = self
            .orgs
            .lookup_chinese(&f.chinese)
            .or_else(|| self.orgs.lookup_chinese(&simplified))
            .or_else(|| self.body_of_acronym_gloss(&simplified, &f.english))?;
        (!o.english.is_empty() && o.english != f.english).then(|| o.english.clone())
    }

    /// A Chinese name the dictionary gives one body (国务院, the State
    /// Council) that ends exactly one longer name of another body in the
    /// same document (美国国务院, the Department of State) is that body's
    /// short form there: a text that has named the US department calls it
    /// 国务院 after (or in a headline before), and `美國務院` contracts it.
    /// Two longer names ending so leave the dictionary's reading.
    fn chinese_org_short_forms(&self, findings: &mut [Finding]) {
        let is_short =
            |f: &Finding| f.rule == "org-dictionary-zh" && f.kind() == Kind::Organisation;
        if !findings.iter().any(is_short) {
            return;
        }
        // Each body's Chinese name in the document (its first), simplified.
        let mut seen: foldhash::HashSet<(&str, u32)> = foldhash::HashSet::default();
        let mut names: Vec<(String, &str, u32, usize)> = Vec::new();
        for (i, f) in findings.iter().enumerate() {
            if f.kind() != Kind::Organisation || f.chinese.is_empty() || f.english.is_empty() {
                continue;
            }
            if seen.insert((&f.english, f.sense)) {
                names.push((self.hanzi.to_simplified(&f.chinese), &f.english, f.sense, i));
            }
        }
        let mut moves: Vec<(usize, usize)> = Vec::new();
        for (i, f) in findings.iter().enumerate().filter(|(_, f)| is_short(f)) {
            let short = self.hanzi.to_simplified(&f.chinese);
            let mut longer = names.iter().filter(|(zh, english, ..)| {
                **english != f.english && zh.len() > short.len() && zh.ends_with(short.as_str())
            });
            if let (Some(&(.., j)), None) = (longer.next(), longer.next()) {
                moves.push((i, j));
            }
        }
        if moves.is_empty() {
            return;
        }
        // Persons' organisations (`State Council (国务院)` of `國務院發言人`)
        // by English and simplified Chinese, to the longer name.
        let mut renamed: Vec<(String, String, String)> = Vec::new();
        for &(i, j) in &moves {
            let key = (
                findings[i].english.clone(),
                self.hanzi.to_simplified(&findings[i].chinese),
            );
            if !renamed.iter().any(|(e, z, _)| (e, z) == (&key.0, &key.1)) {
                let long = format!("{} ({})", findings[j].english, findings[j].chinese);
                renamed.push((key.0, key.1, long));
            }
        }
        for f in findings.iter_mut().filter(|f| f.kind() == Kind::Person) {
            for o in &mut f.organisations {
                let Some((english, zh)) = o.strip_suffix(')').and_then(|o| o.rsplit_once(" ("))
                else {
                    continue;
                };
                let zh = self.hanzi.to_simplified(zh);
                if let Some((.., long)) = renamed.iter().find(|(e, z, _)| e == english && *z == zh)
                {
                    o.clone_from(long);
                }
            }
        }
        for (i, j) in moves {
            let written = findings[i].chinese.clone();
            mention_of(findings, i, j, Some(written), "org-short-form-zh");
        }
    }

    /// The one body the dictionary gives acronym `gloss` when the glossed
    /// Chinese is another name of it, written otherwise (`東南亞國家協會
    /// (ASEAN)` for 东南亚国家联盟, `20國集團(G20)` for 二十国集团): at least
    /// half its Han characters, and two, are in one of the body's Chinese
    /// names. (`CNA` glossing 海军分析中心 is not the news agency.)
    fn body_of_acronym_gloss(
        &self,
        simplified: &str,
        gloss: &str,
    ) -> Option<&crate::dict::Organisation> {
        if !crate::paren::is_acronym(gloss) {
            return None;
        }
        let bodies = self.orgs.with_acronym(gloss);
        let first = *bodies.first()?;
        let han: Vec<char> = simplified.chars().filter(|&c| is_han(c)).collect();
        let mut shares = false;
        for o in bodies {
            if o.english != first.english {
                return None;
            }
            let common = han.iter().filter(|&&c| o.simplified.contains(c)).count();
            shares |= common >= 2 && 2 * common >= han.len();
        }
        shares.then_some(first)
    }

    /// True for a foreign personal name as Chinese writes it, glossed: the
    /// Chinese transliteration has an interpunct between its parts
    /// (`约瑟夫·奈`, `库尔特•坎贝尔`) and the English is two to four
    /// capitalised words or initials that name no organisation or place.
    fn is_foreign_name(&self, chinese: &str, words: &[&str]) -> bool {
        let parts: Vec<&str> = chinese.split(is_name_dot).collect();
        parts.len() >= 2
            && parts.iter().all(|p| !p.is_empty() && p.chars().all(is_han))
            && is_latin_personal_name(words)
            && !words.iter().any(|w| HEADS.contains(w))
            && !self.names.is_place(&words.join(" "))
    }

    /// A gloss that opens with a title before a name the person finder found
    /// at the same place (`Datuk Seri Wong Chun Wai (拿督斯里黃振威)`) is the
    /// name: the title leaves the English, and its Chinese the term when the
    /// term opens with it. (The person keeps the title from the finder.)
    fn strip_leading_title(&self, f: &mut Finding, persons: &[(usize, usize, String)]) {
        let Some((_, len, zh)) = self.titles.leading(&f.english) else {
            return;
        };
        let rest = f.english[len..].trim_start();
        let rest_start = f.span.start + (f.english.len() - rest.len());
        // (`persons` is sorted by start.)
        let at = persons.partition_point(|p| p.0 < rest_start);
        if !persons[at..]
            .iter()
            .take_while(|p| p.0 == rest_start)
            .any(|p| p.2 == rest)
        {
            return;
        }
        let rest = rest.to_string();
        if let Some(zh) = zh {
            let simplified = self.hanzi.to_simplified(&f.chinese);
            let n = zh.chars().count();
            if simplified.starts_with(zh) && simplified.chars().count() > n + 1 {
                let cut = f.chinese.char_indices().nth(n).map_or(0, |(b, _)| b);
                f.chinese.replace_range(..cut, "");
                if let Some(span) = f.chinese_span.as_mut() {
                    span.start += cut;
                }
            }
        }
        f.english = rest;
        f.span = crate::document::Span::new(rest_start, f.span.end);
    }

    /// True for the Chinese name a foreigner goes by, glossed with their
    /// own name (`杜如松(Rush Doshi)`, a China scholar's): a surname and one
    /// or two characters.
    fn is_chinese_name_of(&self, chinese: &str, words: &[&str]) -> bool {
        chinese.chars().all(is_han)
            && self.names.has_chinese_surname(chinese)
            && self.may_name_a_person(chinese, words)
    }

    /// True for a foreign surname in transliteration glossed with the full
    /// name (`布林肯(Antony Blinken)`): two to five characters common in
    /// transliterations.
    fn is_transliterated_name(&self, chinese: &str, words: &[&str]) -> bool {
        (2..=5).contains(&chinese.chars().count())
            && chinese.chars().all(crate::term::is_translit)
            && self.may_name_a_person(chinese, words)
    }

    /// The checks both kinds of glossed foreign name share: the English is
    /// a personal name that names no organisation or place, and CC-CEDICT
    /// does not know the Chinese as something other than a person (纽约 is
    /// only New York; 迪士尼 is also Walt Disney).
    fn may_name_a_person(&self, chinese: &str, words: &[&str]) -> bool {
        is_latin_personal_name(words)
            && !words.iter().any(|w| HEADS.contains(w))
            && !self.names.is_place(&words.join(" "))
            && !crate::officials_zh::dictionary_non_person(
                self.hanzi,
                &self.hanzi.to_simplified(chinese),
            )
    }

    /// A person the Chinese text names without English, cut one or two
    /// characters long (`…•雷本周三`: jieba joined 雷本), is the person
    /// of the same document whose Chinese name starts it; one named by the
    /// surname of a glossed foreign name is that person.
    fn trim_to_known_names(&self, findings: &mut [Finding]) {
        // Known names by their Chinese (the last mention's English, as it
        // always was), and dotted foreign names by their last part: lookups,
        // not a scan of the known names for each person.
        let mut by_chinese: HashMap<String, String> = HashMap::new();
        let mut by_surname: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for f in findings
            .iter()
            .filter(|f| f.kind() == Kind::Person && !f.chinese.is_empty() && !f.english.is_empty())
        {
            by_chinese.insert(f.chinese.clone(), f.english.clone());
            if let Some(last) = f
                .chinese
                .rsplit(is_name_dot)
                .next()
                .filter(|l| l.len() < f.chinese.len())
            {
                let names = by_surname.entry(last.to_string()).or_default();
                if !names
                    .iter()
                    .any(|(zh, en)| *zh == f.chinese && *en == f.english)
                {
                    names.push((f.chinese.clone(), f.english.clone()));
                }
            }
        }
        if by_chinese.is_empty() {
            return;
        }
        for f in findings
            .iter_mut()
            .filter(|f| f.kind() == Kind::Person && f.english.is_empty() && !f.chinese.is_empty())
        {
            let n = f.chinese.chars().count();
            // The longest known name that starts this one, one or two
            // characters shorter, itself two characters or more.
            let longest = (1..=2).filter(|&k| n >= k + 2).find_map(|k| {
                let cut = f.chinese.char_indices().nth(n - k)?.0;
                by_chinese.get(&f.chinese[..cut]).map(|en| (cut, en))
            });
            if let Some((cut, en)) = longest {
                f.span = crate::document::Span::new(f.span.start, f.span.start + cut);
                f.chinese.truncate(cut);
                f.english = en.clone();
                continue;
            }
            // A foreign name cut to its surname (`耶伦部长` after
            // `珍妮特·耶伦(Janet L. Yellen)`): the last part of exactly one
            // glossed name of the document. The short form is an alias.
            if n >= 2
                && let Some([(zh, en)]) = by_surname.get(&f.chinese).map(Vec::as_slice)
            {
                f.aliases
                    .push(std::mem::replace(&mut f.chinese, zh.clone()));
                f.english = en.clone();
            }
        }
    }

    /// When the text itself glosses an organisation's Chinese (a pair), the
    /// dictionary's English name of it is a second name, not a second
    /// translation. Where the pair names an organisation (`Political Work
    /// Department of the Central Military Commission (中央军委政治工作部)`),
    /// the dictionary's mentions (`CMC Political Work Department`) are that
    /// body's under the text's name, the dictionary's name an alias and its
    /// acronym kept: one row. Where the pair is a term, the dictionary
    /// mention keeps its English and acronym and leaves the Chinese to it.
    fn defer_to_pairs(&self, findings: &mut [Finding]) {
        // (The English is lowercased only when a body is decided.)
        let glossed: HashMap<&str, usize> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.chinese_span.is_some() && !f.chinese.is_empty())
            .map(|(i, f)| (f.chinese.as_str(), i))
            .collect();
        if glossed.is_empty() {
            return;
        }
        // A dictionary body is mentioned again and again: each (English,
        // Chinese) is decided once.
        let mut decided: HashMap<(&str, &str), Option<usize>> = HashMap::new();
        let defer: Vec<(usize, usize)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.rule == "org-dictionary" && !f.chinese.is_empty())
            .filter_map(|(i, f)| {
                let pair = *decided
                    .entry((f.english.as_str(), f.chinese.as_str()))
                    .or_insert_with(|| {
                        let traditional = self
                            .orgs
                            .lookup(&f.english)
                            .map(|o| o.traditional.as_str())
                            .unwrap_or_default();
                        let pair = glossed
                            .get(f.chinese.as_str())
                            .or_else(|| glossed.get(traditional))
                            .copied()?;
                        let en = &findings[pair].english;
                        (!crate::align::same_but_case_and_apostrophes(en, &f.english))
                            .then_some(pair)
                    });
                Some((i, pair?))
            })
            .collect();
        for (i, pair) in defer {
            if findings[pair].kind() != Kind::Organisation {
                findings[i].chinese.clear();
                continue;
            }
            let join = Join::to(&findings[pair], None);
            join.apply(&mut findings[i]);
        }
    }

    /// True for an English organisation name: known to the dictionary, or
    /// ending in a head word.
    /// A definition whose letters the dictionary knows for a body whose name
    /// has the same words in another order (`National People's Congress
    /// Standing Committee (NPCSC)` for its `Standing Committee of the
    /// National People's Congress`), or fewer of them: the text's name and
    /// letters stay, with the dictionary's Chinese and its name an alias.
    /// (A definition under exactly a dictionary name or alias is joined to
    /// the dictionary's mention of it, which this has none of.)
    fn reordered_definitions(&self, defs: &mut HashMap<String, Finding>, findings: &mut [Finding]) {
        for def in defs.values_mut() {
            if !def.chinese.is_empty() || self.orgs.lookup(&def.english).is_some() {
                continue;
            }
            let Some(o) = self.orgs.lookup(&def.acronym) else {
                continue;
            };
            let straight = |s: &str| s.replace('’', "'");
            if o.acronym != def.acronym
                || o.simplified.is_empty()
                || !crate::align::words_within(&straight(&def.english), &straight(&o.english))
            {
                continue;
            }
            // (Where the text gives that Chinese to a row of its own, the
            // definition's shorter long form beside a gloss, `State Council
            // Development Research Center (DRC, 国务院发展研究中心)`, the
            // Chinese is that row's.)
            if findings.iter().any(|f| {
                !f.chinese.is_empty() && self.hanzi.to_simplified(&f.chinese) == o.simplified
            }) {
                continue;
            }
            def.chinese = o.simplified.clone();
            def.kind = Some(Kind::Organisation);
            for f in findings.iter_mut().filter(|f| {
                f.acronym == def.acronym && f.english == def.english && f.chinese.is_empty()
            }) {
                f.chinese = o.simplified.clone();
                f.kind = Some(Kind::Organisation);
                if !f.aliases.contains(&o.english) {
                    f.aliases.push(o.english.clone());
                }
            }
        }
    }

    /// True when a gloss names a body: its English is an organisation's
    /// name (`is_org`: the dictionary's, or a head word such as `Daily`), or
    /// a capitalised name whose Chinese ends as bodies' names do (`Kwong
    /// Wah Yit Poh (光華日報)`: a newspaper's romanised name has no English
    /// head word, but 日报 is one). Only suffixes of two characters or more,
    /// and 报 and 社, count: a given name may end in 军 or 台 (郭庆军).
    fn names_a_body(
        &self,
        english: &str,
        chinese: &str,
        is_org: &mut impl FnMut(&str) -> bool,
    ) -> bool {
        if is_org(english) {
            return true;
        }
        // (Most glosses are lowercase phrases: the first letter settles them.)
        // An acronym counts as a capitalised name (`CBS (哥伦比亚广播公司)`).
        if !english.starts_with(char::is_uppercase)
            || !(english.contains(' ') || crate::paren::is_acronym(english))
            || !english.split_whitespace().all(|w| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    || matches!(w, "of" | "for" | "and" | "the" | "on" | "in")
            })
        {
            return false;
        }
        let simplified = self.hanzi.to_simplified(chinese);
        simplified.chars().count() >= 3
            && crate::orgs::ZH_SUFFIXES.iter().any(|suffix| {
                (suffix.chars().count() >= 2 || matches!(*suffix, "报" | "社"))
                    && simplified.ends_with(suffix)
            })
    }

    fn is_org(&self, english: &str) -> bool {
        if english.is_empty() {
            return false;
        }
        if self.orgs.lookup(english).is_some() {
            return true;
        }
        let words: Vec<&str> = english.split_whitespace().collect();
        crate::orgs::names_body_by_head(&words)
    }

    /// Spelling variants of a person's name within the document become
    /// aliases of the more frequent spelling.
    fn variants(&self, findings: &mut [Finding]) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for f in findings
            .iter()
            .filter(|f| f.kind() == Kind::Person && !f.english.is_empty())
        {
            *counts.entry(f.english.as_str()).or_default() += 1;
        }
        let mut names: Vec<(&str, usize)> = counts.into_iter().collect();
        names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        // Each name is recognised once, not once per pair.
        let recognised: Vec<(usize, Option<crate::names::ChineseName>)> = names
            .iter()
            .map(|(n, _)| {
                let words: Vec<&str> = n.split_whitespace().collect();
                (words.len(), self.names.recognise(&words))
            })
            .collect();
        let mut rename: HashMap<&str, &str> = HashMap::new();
        for (k, &(variant, _)) in names.iter().enumerate() {
            let (b_words, Some(b)) = &recognised[k] else {
                continue;
            };
            for (j, &(canonical, _)) in names[..k].iter().enumerate() {
                if rename.contains_key(canonical) {
                    continue;
                }
                // Cheap tests first: a variant has as many words and about
                // the same length.
                let (a_words, Some(a)) = &recognised[j] else {
                    continue;
                };
                if a_words != b_words || canonical.len().abs_diff(variant.len()) > 3 {
                    continue;
                }
                let close = self
                    .names
                    .distance_between(a, b)
                    .is_some_and(|d| d > 0.0 && d <= 1.0);
                if close && !conflicting_titles(findings, canonical, variant) {
                    rename.insert(variant, canonical);
                    break;
                }
            }
        }
        // (Owned now: the findings change below.)
        let rename: HashMap<String, String> = rename
            .into_iter()
            .map(|(v, c)| (v.to_string(), c.to_string()))
            .collect();
        for f in findings.iter_mut() {
            if f.kind() == Kind::Person
                && let Some(c) = rename.get(&f.english)
            {
                f.aliases.push(std::mem::replace(&mut f.english, c.clone()));
            }
        }
    }

    /// A surname alone refers to the last full mention with that surname.
    fn short_forms(
        &self,
        text: &str,
        toks: &[Token<'_>],
        surnames: &[bool],
        findings: &[Finding],
    ) -> Vec<Finding> {
        let mut persons: Vec<(usize, usize, &Finding)> = findings
            .iter()
            .filter(|f| f.kind() == Kind::Person && !f.english.is_empty() && f.sense == 0)
            .map(|f| (f.span.start, f.span.end, f))
            .collect();
        persons.sort_by_key(|p| p.0);
        let mut out = Vec::new();
        // Only capitalised surnames can be short forms.
        for (k, t) in toks
            .iter()
            .enumerate()
            .filter(|&(k, _)| surnames.get(k).copied().unwrap_or(false))
        {
            let word = without_possessive(t.text);
            let span = t.span_in(text);
            // Part of a longer capitalised run: a full name, not a short form.
            if toks.get(k + 1).is_some_and(|n| n.is_capitalised())
                || k > 0 && toks[k - 1].is_capitalised()
            {
                continue;
            }
            // Persons before this token, nearest last (they are sorted).
            let before = &persons[..persons.partition_point(|p| p.0 <= span.start)];
            if before.iter().rev().take(8).any(|p| span.start < p.1) {
                continue;
            }
            // A short form refers back a few paragraphs at most.
            let antecedent = before
                .iter()
                .rev()
                .take_while(|p| p.0 + SHORT_FORM_REACH > span.start)
                .filter(|p| p.1 <= span.start)
                .find(|p| p.2.english.split_whitespace().next() == Some(word));
            if let Some((_, _, p)) = antecedent {
                out.push(Finding {
                    kind: Some(Kind::Person),
                    english: p.english.clone(),
                    chinese: p.chinese.clone(),
                    aliases: vec![word.to_string()],
                    span,
                    confidence: 0.6,
                    rule: "short-form",
                    ..Finding::default()
                });
            }
        }
        out
    }

    /// `a retired official who happens to have the same name as the MSS
    /// vice minister`: a second person with the referent's name.
    fn namesakes(&self, text: &str, findings: &[Finding]) -> Vec<Finding> {
        let mut out = Vec::new();
        // The full pattern is slow; most texts do not say "same name".
        if !self.namesake_cue.is_match(text) {
            return out;
        }
        for c in self.namesake.captures_iter(text) {
            let (Some(desc), Some(referent)) = (c.get(1), c.get(2)) else {
                continue;
            };
            let referent_text = referent.as_str().trim().to_lowercase();
            // The referent is a person's name, or words of their title.
            let person = findings
                .iter()
                .filter(|f| f.kind() == Kind::Person && !f.english.is_empty())
                .find(|f| {
                    referent_text.contains(&f.english.to_lowercase())
                        || f.titles
                            .iter()
                            .any(|t| !t.is_empty() && referent_text.contains(&t.to_lowercase()))
                });
            if let Some(p) = person {
                out.push(Finding {
                    kind: Some(Kind::Person),
                    english: p.english.clone(),
                    titles: vec![desc.as_str().trim().to_lowercase()],
                    span: crate::document::Span::new(desc.start(), desc.end()),
                    confidence: 0.7,
                    rule: "namesake",
                    sense: 1,
                    ..Finding::default()
                });
            }
        }
        out
    }

    /// An acronym the text defines means what the text says wherever it
    /// recurs (`international communication centers (ICCs)` … `its ICC`):
    /// each later use, singular or plural, is a mention of the defined row,
    /// and a dictionary body with the same letters (`ICC`, the International
    /// Criminal Court) is not read into it, unless the text also names that
    /// body in full (then the letters are the text's to disambiguate, and
    /// the dictionary's reading stands).
    /// `acronyms` are the document's words that may be acronyms.
    fn defined_acronym_mentions(
        &self,
        text: &str,
        acronyms: &[(usize, &str)],
        findings: &mut Vec<Finding>,
    ) {
        self.acronym_of_a_name_here(text, findings);
        // Each defined acronym by its singular: the definition, or None when
        // the text defines it twice otherwise.
        // (A document uses its acronyms often and defines many: looked up.)
        let mut defined: HashMap<&str, Option<usize>> = HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            if f.acronym.is_empty() || f.english.is_empty() || f.rule.starts_with("org-dictionary")
            {
                continue;
            }
            let def = defined
                .entry(singular_acronym(&f.acronym))
                .or_insert(Some(i));
            if def
                .is_some_and(|d| findings[d].english != f.english || findings[d].kind() != f.kind())
            {
                *def = None;
            }
        }
        // The definitions as templates for their mentions.
        let mut defs: HashMap<String, Finding> = defined
            .into_iter()
            .filter_map(|(key, d)| {
                let f = &findings[d?];
                let template = Finding {
                    kind: f.kind,
                    english: f.english.clone(),
                    chinese: f.chinese.clone(),
                    acronym: f.acronym.clone(),
                    sense: f.sense,
                    confidence: f.confidence,
                    rule: "acronym-mention",
                    ..Finding::default()
                };
                Some((key.to_string(), template))
            })
            .collect();
        if defs.is_empty() {
            return;
        }
        self.reordered_definitions(&mut defs, findings);
        // A body the dictionary knows, defined under another of its names
        // (`NPC Standing Committee (NPCSC)`, `Chinese Communist Party (CCP)`
        // for the dictionary's CPC): its mentions are the text's row, under
        // the text's name and acronym, the dictionary's name an alias.
        let mut defined_bodies: HashMap<String, Join> = HashMap::new();
        for d in defs.values() {
            let Some(o) = self.orgs.lookup(&d.english) else {
                continue;
            };
            let its_acronym =
                o.acronym == d.acronym || o.aliases.split('|').any(|a| a.trim() == d.acronym);
            if d.english != d.acronym
                && !o.english.is_empty()
                && o.english != d.english
                && its_acronym
            {
                defined_bodies.insert(o.english.clone(), Join::to(d, Some(&d.acronym)));
            }
        }
        join_dictionary_mentions(findings, &defined_bodies);
        let def_of = |surface: &str| defs.get(singular_acronym(surface));
        let mention = |def: &Finding, span: Span, surface: &str| {
            let mut m = def.clone();
            m.span = span;
            if surface != def.acronym {
                m.aliases.push(surface.to_string());
            }
            m
        };
        // Dictionary bodies the text names in full somewhere: their letters
        // may mean them.
        let named_in_full = named_in_full(text, findings);
        // (With whether the dictionary's name is the text's short form.)
        let mut read_otherwise: Vec<(usize, &Finding, bool)> = Vec::new();
        for (i, f) in findings.iter().enumerate() {
            if f.rule != "org-dictionary" {
                continue;
            }
            let Some(def) = def_of(&text[f.span.range()]) else {
                continue;
            };
            // The dictionary's name is the text's short form (`PLA Daily
            // (People's Liberation Army Daily)`): the same body, one row
            // under the text's long form, with the dictionary's Chinese.
            if f.english == def.english {
                continue;
            }
            if f.english == def.acronym {
                read_otherwise.push((i, def, true));
                continue;
            }
            if named_in_full.contains(f.english.as_str()) {
                continue;
            }
            // (A shorter or reordered name of the body is the body. A gloss
            // that is only the letters, `海军分析中心(CNA)`, defines them by
            // its Chinese, which the dictionary did not know as the body's.)
            let same_body = crate::align::words_within(&def.english, &f.english)
                || (def.english != def.acronym
                    && self
                        .orgs
                        .lookup(&def.english)
                        .is_some_and(|o| o.english == f.english));
            if !same_body {
                read_otherwise.push((i, def, false));
            }
        }
        for (i, def, short_form) in read_otherwise {
            let mut m = mention(def, findings[i].span, &text[findings[i].span.range()]);
            if short_form && m.chinese.is_empty() {
                m.chinese = std::mem::take(&mut findings[i].chinese);
            }
            findings[i] = m;
        }
        // Uses no finder read: new mentions of the row.
        let mut extra = Vec::new();
        let mut covers: Option<Vec<(usize, usize)>> = None;
        for &(_, w) in acronyms {
            let Some(def) = def_of(w) else { continue };
            let span = Span::within(text, w);
            // Spans by start, each with the furthest end up to it: a use is
            // covered when a finding starting before it ends after it.
            let covers = covers.get_or_insert_with(|| {
                let mut spans: Vec<(usize, usize)> = findings
                    .iter()
                    .map(|f| (f.span.start, f.span.end))
                    .collect();
                spans.sort_unstable();
                let mut furthest = 0;
                for s in &mut spans {
                    furthest = furthest.max(s.1);
                    s.1 = furthest;
                }
                spans
            });
            let before = covers.partition_point(|s| s.0 <= span.start);
            if before > 0 && covers[before - 1].1 >= span.end {
                continue;
            }
            extra.push(mention(def, span, w));
        }
        findings.extend(extra);
    }

    /// A dictionary acronym whose body the document never names in full
    /// (`The ICC is part of a national strategy`, no International Criminal
    /// Court) names the document's own organisation whose name ends in those
    /// initials (`Gansu International Communication Center`): a writer
    /// shortens the name in hand, not one never written.
    fn acronym_of_a_name_here(&self, text: &str, findings: &mut [Finding]) {
        // Dictionary bodies named only by their acronym, first: most
        // documents have none.
        let written = |f: &Finding| by_acronym_only(text, f);
        let in_full = named_in_full(text, findings);
        if !findings
            .iter()
            .any(|f| written(f) && !in_full.contains(f.english.as_str()))
        {
            return;
        }
        // The document's own names of two words or more (each once).
        let mut seen: foldhash::HashSet<(&str, u32)> = foldhash::HashSet::default();
        let own: Vec<(&str, u32, usize)> = findings
            .iter()
            .enumerate()
            .filter(|(_, f)| {
                f.kind() == Kind::Organisation
                    && !f.rule.starts_with("org-dictionary")
                    && f.english.contains(' ')
                    && seen.insert((f.english.as_str(), f.sense))
            })
            .map(|(i, f)| (f.english.as_str(), f.sense, i))
            // (A name the dictionary knows has its own acronym.)
            .filter(|(name, ..)| self.orgs.lookup(name).is_none())
            .collect();
        if own.is_empty() {
            return;
        }
        let mut decided: HashMap<(&str, &str), Option<usize>> = HashMap::new();
        let mut moves = Vec::new();
        for (i, f) in findings.iter().enumerate() {
            if !written(f) || in_full.contains(f.english.as_str()) {
                continue;
            }
            let surface = f.acronym.as_str();
            let one = *decided.entry((&f.english, surface)).or_insert_with(|| {
                let mut fits = own.iter().filter(|(name, ..)| {
                    let words: Vec<&str> = name.split(' ').collect();
                    (0..words.len() - 1).any(|k| {
                        // (Initials start with the first word's, and every
                        // word gives at most one. A tail that is the
                        // dictionary's name of the body, `… of the National
                        // People's Congress`, is the body.)
                        if words[k].as_bytes().first() != surface.as_bytes().first()
                            || words.len() - k < surface.len()
                        {
                            return false;
                        }
                        let tail = words[k..].join(" ");
                        crate::acronym::initials_of(surface, &tail)
                            && self.orgs.lookup(&tail).is_none()
                    })
                });
                match (fits.next(), fits.next()) {
                    (Some(&(.., j)), None) => Some(j),
                    _ => None,
                }
            });
            if let Some(j) = one {
                moves.push((i, j));
            }
        }
        for (i, j) in moves {
            let surface = findings[i].acronym.clone();
            let alias = (surface != findings[j].acronym).then_some(surface);
            mention_of(findings, i, j, alias, "acronym-of-name");
            findings[i].confidence = 0.6;
        }
    }

    /// An all-capitals word with the letters of a defined acronym (`CLFA`
    /// for `CFLA`) is an alias of that organisation.
    fn acronym_variants(
        &self,
        toks: &[Token<'_>],
        caps: &[(usize, &str)],
        findings: &mut [Finding],
    ) {
        // (Sorted and without repeats: a document defines an acronym once and
        // uses it many times.)
        let defined: Vec<(&str, &str)> = findings
            .iter()
            .filter(|f| !f.acronym.is_empty() && !f.english.is_empty())
            .map(|f| (f.acronym.as_str(), f.english.as_str()))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if defined.is_empty() {
            return;
        }
        // Each acronym's letters, sorted, to compare with a word's.
        let sorted: Vec<Vec<char>> = defined
            .iter()
            .map(|(a, _)| {
                let mut l: Vec<char> = a.chars().collect();
                l.sort_unstable();
                l
            })
            .collect();
        let names: foldhash::HashSet<&str> = defined.iter().map(|&(a, _)| a).collect();
        // (An acronym recurs through a text: each word is decided once, and
        // each variant kept once, in the order the text first writes it.)
        let mut decided: HashMap<&str, Option<usize>> = HashMap::new();
        let mut extra: Vec<(String, String, String)> = Vec::new();
        for &(k, w) in caps {
            if toks[k].text.len() < 3 || decided.contains_key(w) {
                continue;
            }
            let variant_of = if names.contains(w) || self.orgs.lookup(w).is_some() {
                None
            } else {
                let mut letters: Vec<char> = w.chars().collect();
                letters.sort_unstable();
                sorted.iter().position(|l| *l == letters)
            };
            decided.insert(w, variant_of);
            if let Some(d) = variant_of {
                let (acr, english) = defined[d];
                extra.push((acr.to_string(), english.to_string(), w.to_string()));
            }
        }
        for f in findings.iter_mut() {
            for (acr, english, variant) in &extra {
                if &f.acronym == acr && &f.english == english && !f.aliases.contains(variant) {
                    f.aliases.push(variant.clone());
                }
            }
        }
    }

    /// A person the text names only in Chinese (`拜登总统`, no gloss in the
    /// document) takes the English name CC-CEDICT gives that word when it
    /// names exactly one person (`Joe Biden (1942-), US president`); a word
    /// for several people (罗斯福: Theodore, Franklin D.) stays unnamed.
    fn name_from_dictionary(&self, findings: &mut [Finding]) {
        for f in findings
            .iter_mut()
            .filter(|f| f.kind() == Kind::Person && f.english.is_empty() && !f.chinese.is_empty())
        {
            let simplified = self.hanzi.to_simplified(&f.chinese);
            let mut people = self
                .hanzi
                .cedict()
                .lookup_simplified(&simplified)
                .flat_map(|e| e.people())
                .filter(|name| is_latin_personal_name(&name.split(' ').collect::<Vec<_>>()));
            if let (Some(name), None) = (people.next(), people.next()) {
                f.english = name.to_string();
                f.confidence = f.confidence.min(0.6);
            }
        }
    }

    /// Every mention of a person or organisation carries the forms any of
    /// them found (Chinese, acronym), so they fold into one row.
    fn share_forms(&self, findings: &mut [Finding]) {
        // A person known only by Chinese takes the English another mention
        // of the same Chinese has (a pair, or the text's own gloss).
        let mut english_of: HashMap<String, String> = HashMap::new();
        for f in findings
            .iter()
            .filter(|f| f.kind() == Kind::Person && !f.chinese.is_empty() && !f.english.is_empty())
        {
            english_of
                .entry(f.chinese.clone())
                .or_insert_with(|| f.english.clone());
        }
        for f in findings
            .iter_mut()
            .filter(|f| f.kind() == Kind::Person && f.english.is_empty())
        {
            if let Some(e) = english_of.get(&f.chinese) {
                f.english = e.clone();
            }
        }
        // Each finding's key once (two passes read it); only named persons
        // and organisations share forms, so only they have one. Each
        // distinct English is lowercased once (and copied, as the findings
        // change below).
        let mut lower: HashMap<String, String> = HashMap::new();
        for f in findings.iter() {
            if matches!(f.kind(), Kind::Person | Kind::Organisation)
                && !f.english.is_empty()
                && !lower.contains_key(&f.english)
            {
                lower.insert(f.english.clone(), f.english.to_lowercase());
            }
        }
        let keys: Vec<Option<(Kind, &str, u32)>> = findings
            .iter()
            .map(|f| {
                let l = lower.get(f.english.as_str())?;
                matches!(f.kind(), Kind::Person | Kind::Organisation).then_some((
                    f.kind(),
                    l.as_str(),
                    f.sense,
                ))
            })
            .collect();
        let mut chinese: HashMap<&(Kind, &str, u32), String> = HashMap::new();
        let mut acronym: HashMap<&(Kind, &str, u32), String> = HashMap::new();
        for (f, key) in findings.iter().zip(&keys) {
            let Some(key) = key else { continue };
            if !f.chinese.is_empty() {
                chinese.entry(key).or_insert_with(|| f.chinese.clone());
            }
            if !f.acronym.is_empty() {
                acronym.entry(key).or_insert_with(|| f.acronym.clone());
            }
        }
        for (f, key) in findings.iter_mut().zip(&keys) {
            let Some(key) = key else { continue };
            if f.chinese.is_empty()
                && let Some(c) = chinese.get(key)
            {
                f.chinese = c.clone();
            }
            if f.acronym.is_empty()
                && let Some(a) = acronym.get(key)
            {
                f.acronym = a.clone();
            }
        }
    }
}

/// Where a pair's Chinese is in the text.
/// The English of a rank's gloss, where the gloss chooser's differs: the
/// rank finder's words around it (see [`rank_around_gloss`]), or the words
/// after `rank of` (`promoted to the rank of deputy department director
/// (副厅级)`).
fn rank_gloss(
    ranks: &[(crate::document::Span, String)],
    gloss: &Finding,
    bracket: crate::document::Span,
) -> Option<String> {
    rank_around_gloss(ranks, gloss, bracket).or_else(|| {
        if !gloss.chinese.ends_with(['级', '級']) {
            return None;
        }
        ["rank of ", "level of ", "the rank of ", "the level of "]
            .iter()
            .find_map(|p| gloss.english.strip_prefix(p))
            .filter(|r| !r.is_empty())
            .map(str::to_string)
    })
}

/// The words of an English rank that a gloss ends (`rank` of `full
/// ministerial rank (正部级)`): the gloss chooser weighs words against the
/// dictionary, which has no entry for most rank phrases, where the rank
/// finder reads them whole. The rank must reach the bracket (a space and
/// the bracket apart) and start no later than the gloss.
fn rank_around_gloss(
    ranks: &[(crate::document::Span, String)],
    gloss: &Finding,
    bracket: crate::document::Span,
) -> Option<String> {
    if ranks.is_empty() {
        return None;
    }
    let tail = gloss.english.to_lowercase();
    ranks
        .iter()
        .find(|(span, english)| {
            span.start <= gloss.span.start
                && gloss.span.start < span.end
                && span.end <= bracket.start
                && bracket.start - span.end <= 4
                && english.len() > tail.len()
                && english.ends_with(tail.as_str())
                && english.as_bytes()[english.len() - tail.len() - 1] == b' '
        })
        .map(|(_, english)| english.clone())
}

fn chinese_region(f: &Finding) -> crate::document::Span {
    // `English (中文)` records it; `中文(English)` starts with it.
    f.chinese_span.unwrap_or(crate::document::Span::new(
        f.span.start,
        f.span.start + f.chinese.len(),
    ))
}

/// When a text says two people share a name (`the two men are namesakes`)
/// and one name's mentions carry profiles (titles, organisations) that one
/// person cannot hold together, the mentions are split by profile: each
/// group of agreeing mentions gets its own sense, and mentions with no
/// profile stay with the first.
fn split_namesakes(text: &str, findings: &mut [Finding]) {
    // Compiled once; a case-insensitive search rather than lowercasing the
    // whole document.
    static CUE: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let cue = CUE.get_or_init(|| {
        Regex::new(r"(?i)namesake|no relation|not related|同名").expect("valid regex")
    });
    if !cue.is_match(text) {
        return;
    }
    let mut names: Vec<String> = findings
        .iter()
        .filter(|f| f.kind() == Kind::Person && f.sense == 0 && !f.english.is_empty())
        .map(|f| f.english.clone())
        .collect();
    names.sort();
    names.dedup();
    let agree = |a: &[String], b: &[String]| {
        a.is_empty()
            || b.is_empty()
            || a.iter().any(|x| {
                let x = x.to_lowercase();
                b.iter().any(|y| {
                    let y = y.to_lowercase();
                    x.contains(&y) || y.contains(&x)
                })
            })
    };
    for name in names {
        // Profiles of the name's mentions, grouped where they agree.
        let mut groups: Vec<(Vec<String>, Vec<String>)> = Vec::new();
        let mut assignment: Vec<(usize, u32)> = Vec::new();
        for (i, f) in findings.iter().enumerate() {
            if f.kind() != Kind::Person || f.sense != 0 || f.english != name {
                continue;
            }
            if f.titles.is_empty() && f.organisations.is_empty() {
                continue;
            }
            let g = groups.iter().position(|(t, o)| {
                agree(t, &f.titles)
                    && agree(o, &f.organisations)
                    && (!f.titles.is_empty() || !o.is_empty())
            });
            let g = match g {
                Some(g) => {
                    groups[g].0.extend(f.titles.iter().cloned());
                    groups[g].1.extend(f.organisations.iter().cloned());
                    g
                }
                None => {
                    groups.push((f.titles.clone(), f.organisations.clone()));
                    groups.len() - 1
                }
            };
            assignment.push((i, g as u32));
        }
        if groups.len() > 1 {
            for (i, g) in assignment {
                findings[i].sense = g;
            }
        }
    }
}

/// True when both names carry titles and none is shared.
fn conflicting_titles(findings: &[Finding], a: &str, b: &str) -> bool {
    let titles = |n: &str| -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.english == n)
            .flat_map(|f| f.titles.iter().map(|t| t.to_lowercase()))
            .collect()
    };
    let (ta, tb) = (titles(a), titles(b));
    !ta.is_empty()
        && !tb.is_empty()
        && !ta.iter().any(|t| {
            tb.iter()
                .any(|u| t.contains(u.as_str()) || u.contains(t.as_str()))
        })
}

/// A body named in full earlier in the document and later by the start of
/// its name up to its head word (`the Leading Group` after `the Central
/// Leading Group for Comprehensively Deepening Reforms`, `its Standing
/// Committee` after `the Standing Committee of the National People's
/// Congress`) is that body: the short form becomes an alias of its row.
/// Only when exactly one earlier name fits, and only for names the
/// pattern finder made up (a dictionary name or a glossed one stands).
fn org_short_forms(findings: &mut [Finding]) {
    // Longer organisation names and where each first occurs; and each run of
    // two or more words that ends on a name's head word (the word before its
    // first complement, `of`, `for`, `on`, or its last), pointing at the
    // names it ends: a short form is looked up, not compared with them all.
    let mut full: Vec<(usize, String)> = Vec::new();
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for f in findings
            .iter()
            .filter(|f| f.kind() == Kind::Organisation && f.english.split(' ').nth(2).is_some())
        {
            if let Some(&i) = seen.get(f.english.as_str()) {
                full[i].0 = full[i].0.min(f.span.start);
                continue;
            }
            let i = full.len();
            seen.insert(&f.english, i);
            full.push((f.span.start, f.english.clone()));
            let head = up_to_head(&f.english);
            for k in 0..head.len().saturating_sub(1) {
                index.entry(head[k..].join(" ")).or_default().push(i);
            }
        }
    }
    if full.is_empty() {
        return;
    }
    for f in findings.iter_mut().filter(|f| {
        f.kind() == Kind::Organisation
            && f.rule == "org-pattern"
            && f.chinese.is_empty()
            && f.acronym.is_empty()
            && f.english.contains(' ')
    }) {
        let Some(names) = index.get(&f.english) else {
            continue;
        };
        let mut fits = names
            .iter()
            .map(|&i| &full[i])
            .filter(|(first, long)| *first < f.span.start && *long != f.english);
        if let (Some((_, long)), None) = (fits.next(), fits.next()) {
            let long = long.clone();
            f.aliases.push(std::mem::replace(&mut f.english, long));
        }
    }
}

/// A person's organisation written as an acronym this document spells out
/// for one body (`MPS vice minister Lu Hanqing` after `Ministry of Public
/// Security (MPS)`) is that body's name, so the row lists the body once. An
/// acronym only the dictionary expands stays as written (`the NDRC's
/// director`).
fn spell_out_acronym_organisations(text: &str, findings: &mut [Finding]) {
    let mut long: HashMap<&str, Option<&str>> = HashMap::new();
    // (A mention that writes the name out: asked of the mention's own text,
    // not the document's, which may be long and hold many mentions.)
    for f in findings.iter().filter(|f| {
        f.kind() == Kind::Organisation
            && !f.acronym.is_empty()
            && !f.english.is_empty()
            && text
                .get(f.span.range())
                .is_some_and(|t| t.contains(f.english.as_str()))
    }) {
        long.entry(f.acronym.as_str())
            .and_modify(|e| {
                if *e != Some(f.english.as_str()) {
                    *e = None;
                }
            })
            .or_insert(Some(f.english.as_str()));
    }
    let long: HashMap<String, String> = long
        .into_iter()
        .filter_map(|(a, e)| Some((a.to_string(), e?.to_string())))
        .collect();
    if long.is_empty() {
        return;
    }
    for f in findings.iter_mut().filter(|f| f.kind() == Kind::Person) {
        for o in f.organisations.iter_mut() {
            if let Some(name) = long.get(o.as_str()) {
                o.clone_from(name);
            }
        }
        let mut seen = std::collections::HashSet::new();
        f.organisations.retain(|o| seen.insert(o.clone()));
    }
}

/// Glosses of one Chinese name in a document that name a body by the same
/// head word are one body: the first in the text names its row, the others
/// are aliases (`Propaganda Office of the Gansu Provincial Committee of the
/// Chinese Communist Party (中共甘肅省委宣傳部)`, later `… of the CCP
/// (中共甘肅省委宣傳部)`). Bodies named by other heads stay apart (国务院 is
/// the `State Council` and the US `Department of State`).
fn one_body_per_chinese(findings: &mut [Finding]) {
    let head = |name: &str| up_to_head(name).last().map(|w| w.to_lowercase());
    let mut first: HashMap<&str, (usize, &str)> = HashMap::new();
    for f in findings.iter().filter(|f| {
        f.kind() == Kind::Organisation && !f.chinese.is_empty() && !f.english.is_empty()
    }) {
        let e = first
            .entry(f.chinese.as_str())
            .or_insert((f.span.start, f.english.as_str()));
        if f.span.start < e.0 {
            *e = (f.span.start, f.english.as_str());
        }
    }
    let mut rename: HashMap<String, String> = HashMap::new();
    for f in findings.iter().filter(|f| {
        f.kind() == Kind::Organisation && !f.chinese.is_empty() && !f.english.is_empty()
    }) {
        if let Some(&(_, name)) = first.get(f.chinese.as_str())
            && name != f.english
            && head(name) == head(&f.english)
        {
            rename
                .entry(f.english.clone())
                .or_insert_with(|| name.to_string());
        }
    }
    if rename.is_empty() {
        return;
    }
    for f in findings.iter_mut() {
        if f.kind() == Kind::Organisation
            && let Some(name) = rename.get(&f.english)
        {
            f.aliases
                .push(std::mem::replace(&mut f.english, name.clone()));
        }
    }
}

/// Makes finding `i` a mention of finding `j`'s row (its name, Chinese,
/// acronym and sense), `alias` (the form written at `i`) its one other form.
fn mention_of(
    findings: &mut [Finding],
    i: usize,
    j: usize,
    alias: Option<String>,
    rule: &'static str,
) {
    let name = &findings[j];
    let (english, chinese, acronym, sense) = (
        name.english.clone(),
        name.chinese.clone(),
        name.acronym.clone(),
        name.sense,
    );
    let f = &mut findings[i];
    f.aliases = alias.into_iter().collect();
    f.english = english;
    f.chinese = chinese;
    f.acronym = acronym;
    f.sense = sense;
    f.rule = rule;
}

/// The row a dictionary mention joins: the name the text gives the body,
/// its Chinese, sense and (for a defined acronym) acronym.
struct Join {
    english: String,
    chinese: String,
    sense: u32,
    acronym: Option<String>,
}

impl Join {
    /// The row of finding `f`, with `acronym` when the text defines one.
    fn to(f: &Finding, acronym: Option<&str>) -> Join {
        Join {
            english: f.english.clone(),
            chinese: f.chinese.clone(),
            sense: f.sense,
            acronym: acronym.map(str::to_string),
        }
    }

    /// Makes dictionary mention `f` a mention of the row: the dictionary's
    /// name becomes an alias, its acronym stays unless the text's name is
    /// that acronym or the text defines its own.
    fn apply(&self, f: &mut Finding) {
        let english = self.english.as_str();
        if f.english != english {
            let name = std::mem::replace(&mut f.english, english.to_string());
            // (`People's Daily` is `People’s Daily` as written, no other name.)
            if !f.aliases.contains(&name)
                && !crate::align::same_but_case_and_apostrophes(&name, english)
            {
                f.aliases.insert(0, name);
            }
        }
        match &self.acronym {
            Some(a) => f.acronym.clone_from(a),
            None if f.acronym == english => f.acronym.clear(),
            None => {}
        }
        f.aliases.retain(|a| a != english);
        if !self.chinese.is_empty() {
            f.chinese.clone_from(&self.chinese);
        }
        f.sense = self.sense;
    }
}

/// Joins each dictionary mention of a body in `joins` (by the dictionary's
/// name) to its row, in one pass over the findings.
fn join_dictionary_mentions(findings: &mut [Finding], joins: &HashMap<String, Join>) {
    if joins.is_empty() {
        return;
    }
    for f in findings
        .iter_mut()
        .filter(|f| f.rule.starts_with("org-dictionary"))
    {
        if let Some(join) = joins.get(&f.english) {
            join.apply(f);
        }
    }
}

/// True for a dictionary mention written as the body's acronym alone.
fn by_acronym_only(text: &str, f: &Finding) -> bool {
    f.rule == "org-dictionary" && text[f.span.range()] == *f.acronym
}

/// The dictionary bodies `findings` name in full (by a name, not the
/// acronym alone) somewhere in `text`.
fn named_in_full<'f>(text: &str, findings: &'f [Finding]) -> foldhash::HashSet<&'f str> {
    findings
        .iter()
        .filter(|f| f.rule.starts_with("org-dictionary") && !by_acronym_only(text, f))
        .map(|f| f.english.as_str())
        .collect()
}

/// An acronym without a plural `s` (`ICCs` → `ICC`).
fn singular_acronym(a: &str) -> &str {
    match a.strip_suffix('s') {
        Some(one)
            if one.len() >= 2
                && one
                    .bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) =>
        {
            one
        }
        _ => a,
    }
}

/// The words of a name up to its head word: the word before its first
/// complement (`of`, `for`, `on`), or its last.
fn up_to_head(name: &str) -> Vec<&str> {
    name.split(' ')
        .take_while(|w| !matches!(*w, "of" | "for" | "on"))
        .collect()
}
