//! Officials in English text: person names with the titles and
//! organisations the text gives them.
//!
//! A person is a romanised Chinese name (see [`crate::names`]) anywhere, or
//! any two or three capitalised words that a title anchors (`Treasury
//! Secretary Steven Mnuchin`, `activist Han Lianchao`). Titles and
//! organisations come from the patterns of such writing:
//! - `[ORG] [MOD] [TITLE] [NAME]`: `MSS vice minister Dong Jingwei`, `purged
//!   United Front Work Department head Ling Jihua`;
//! - `[NAME], a [ADJ…] [TITLE] (and [TITLE]) at/of/in [ORG]`: `Dong Jingwei,
//!   a vice minister at the PRC Ministry of State Security`, `Yuan Hongbing,
//!   a prominent Chinese dissident and jurist`.

use foldhash::HashSet;

use crate::dict::Lexicons;
use crate::document::Span;
use crate::finding::{Finding, Kind};
use crate::names::NameModel;
use crate::orgs::HEADS;
use crate::script::{push_lowercase, with_lowercase};
use crate::tokens::{Token, run_span, without_possessive};

/// Words that modify a title and stay with it (`former party secretary`).
const MODIFIERS: &[&str] = &[
    "vice",
    "deputy",
    "executive",
    "acting",
    "former",
    "retired",
    "purged",
    "late",
    "then",
    "ex",
];

/// The setting word for a person whose name is not in Hanyu Pinyin.
const NON_PINYIN: &str = "non-pinyin";

/// One Chinese rendering of an English title and where it is the one.
#[derive(Clone, Debug, Default)]
struct Rendering {
    chinese: String,
    /// For a person whose name is not in Hanyu Pinyin.
    non_pinyin: bool,
    /// For a person of an organisation with one of these words.
    organisation_words: Vec<String>,
}

/// Matches English titles over tokens.
#[derive(Clone, Debug, Default)]
pub struct TitleMatcher {
    titles: HashSet<String>,
    /// The Chinese (simplified) renderings of each English title, in the
    /// lexicon's order, with the settings each is for (see [`crate::dict::Title`]).
    chinese: foldhash::HashMap<String, Vec<Rendering>>,
    /// Every run of a title's last words (`secretary`, `party secretary`,
    /// …): a phrase grown leftwards that is none of them grows into no
    /// title, so the growing stops there.
    suffixes: HashSet<String>,
    /// Every run of a title's first words, for phrases grown rightwards.
    prefixes: HashSet<String>,
    max_words: usize,
}

impl TitleMatcher {
    /// Builds the matcher from the title lexicon.
    pub fn new(lex: &Lexicons) -> TitleMatcher {
        let titles: HashSet<String> = lex
            .titles
            .iter()
            .map(|t| t.english.to_lowercase())
            .collect();
        let max_words = titles
            .iter()
            .map(|t| t.split_whitespace().count())
            .max()
            .unwrap_or(1);
        let mut chinese: foldhash::HashMap<String, Vec<Rendering>> = foldhash::HashMap::default();
        for t in &lex.titles {
            let setting: Vec<String> = t
                .setting
                .split('|')
                .map(|w| w.trim().to_lowercase())
                .filter(|w| !w.is_empty())
                .collect();
            chinese
                .entry(t.english.to_lowercase())
                .or_default()
                .push(Rendering {
                    chinese: t.simplified.clone(),
                    non_pinyin: setting.iter().any(|w| w == NON_PINYIN),
                    organisation_words: setting.into_iter().filter(|w| w != NON_PINYIN).collect(),
                });
        }
        let mut suffixes = HashSet::default();
        let mut prefixes = HashSet::default();
        for t in &titles {
            let words: Vec<&str> = t.split_whitespace().collect();
            for k in 0..words.len() {
                suffixes.insert(words[k..].join(" "));
                prefixes.insert(words[..=k].join(" "));
            }
        }
        TitleMatcher {
            titles,
            chinese,
            suffixes,
            prefixes,
            max_words,
        }
    }

    /// Title rows for a person's English titles: each title without its
    /// modifiers (`former party secretary` → `party secretary`), with the
    /// Chinese the lexicon gives for the person's setting (see
    /// [`TitleMatcher::chinese_for`]). `pinyin_name` says whether the
    /// person's name is written in Hanyu Pinyin (asked only of a title that
    /// other names render otherwise).
    pub fn title_findings(&self, person: &Finding, pinyin_name: &dyn Fn() -> bool) -> Vec<Finding> {
        let mut out = Vec::new();
        for t in &person.titles {
            // (Looked up lowercased; shown as the person's title is, with
            // an acronym's capitals.)
            let mut words: Vec<&str> = t.split_whitespace().collect();
            while words.len() > 1
                && MODIFIERS.contains(&words[0])
                && !self.titles.contains(&words.join(" ").to_lowercase())
            {
                words.remove(0);
            }
            let shown = words.join(" ");
            let base = shown.to_lowercase();
            if !self.titles.contains(&base) {
                continue;
            }
            out.push(Finding {
                kind: Some(Kind::Title),
                chinese: self
                    .chinese_for(&base, &person.organisations, pinyin_name)
                    .to_string(),
                english: shown,
                span: person.span,
                confidence: 0.8,
                rule: "title",
                ..Finding::default()
            });
        }
        out
    }

    /// The Chinese of an English title for a person of these organisations:
    /// the first rendering one of whose words is a word of an organisation
    /// (`president` of a university is 校长, of a bank 行长), else the first
    /// for a name not in pinyin when `pinyin_name` says it is not (a foreign
    /// president is 总统), else the usual one (国家主席). Empty for no title.
    pub fn chinese_for(
        &self,
        title: &str,
        organisations: &[String],
        pinyin_name: &dyn Fn() -> bool,
    ) -> &str {
        let renderings = match self.chinese.get(title).map(Vec::as_slice) {
            None | Some([]) => return "",
            Some([one]) => return &one.chinese,
            Some(all) => all,
        };
        let org_words: Vec<String> = organisations
            .iter()
            .map(|o| o.to_lowercase().replace(['’', '\''], " "))
            .collect();
        // A setting word matches whole words (`bank`, not `banking`; the
        // phrase `standing committee`).
        let in_org = |w: &str| {
            org_words.iter().any(|o| {
                o.match_indices(w).any(|(at, _)| {
                    let before = o[..at].chars().next_back();
                    let after = o[at + w.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
            })
        };
        let usual = || {
            renderings
                .iter()
                .find(|r| !r.non_pinyin && r.organisation_words.is_empty())
                .unwrap_or(&renderings[0])
        };
        let chosen = renderings
            .iter()
            .find(|r| r.organisation_words.iter().any(|w| in_org(w)))
            .or_else(|| {
                let other = renderings.iter().find(|r| r.non_pinyin)?;
                (!pinyin_name()).then_some(other)
            })
            .unwrap_or_else(usual);
        &chosen.chinese
    }

    /// True when `s` (any case) is a title.
    pub fn is_title(&self, s: &str) -> bool {
        contains_folded(&self.titles, s)
    }

    /// True when `s` (any case) ends some title.
    fn is_last_word(&self, s: &str) -> bool {
        contains_folded(&self.suffixes, s)
    }

    /// The longest title made of tokens `..end` (exclusive), returning its
    /// first token index.
    pub fn ending_at(&self, toks: &[Token<'_>], end: usize) -> Option<usize> {
        let last = toks.get(end.checked_sub(1)?)?;
        if !last.is_word {
            return None;
        }
        self.ending_with(toks, end, last.text)
    }

    /// [`TitleMatcher::ending_at`] for a title whose last word is plural
    /// (`Its deputy directors are …`).
    fn ending_at_plural(&self, toks: &[Token<'_>], end: usize) -> Option<usize> {
        let last = toks.get(end.checked_sub(1)?)?;
        if !last.is_word {
            return None;
        }
        self.ending_with(toks, end, &singular(last.text)?)
    }

    /// The longest title of tokens `..end` whose last word is `last` (the
    /// last token's text, or its singular).
    fn ending_with(&self, toks: &[Token<'_>], end: usize, last: &str) -> Option<usize> {
        // Most words end no title: test the last word alone first.
        if !self.is_last_word(last) {
            return None;
        }
        // The phrase grows leftwards, lowercased, one word at a time.
        let mut phrase = String::with_capacity(64);
        push_lowercase(&mut phrase, last);
        let mut word = String::new();
        let mut best = None;
        for n in 1..=self.max_words.min(end) {
            let t = &toks[end - n];
            if !t.is_word {
                break;
            }
            if n > 1 {
                word.clear();
                push_lowercase(&mut word, t.text);
                word.push(' ');
                phrase.insert_str(0, &word);
                if !self.suffixes.contains(phrase.as_str()) {
                    break;
                }
            }
            if self.titles.contains(phrase.as_str()) {
                best = Some(end - n);
            }
        }
        best
    }

    /// The longest title that opens `phrase` with a word after it
    /// (`Datuk Seri Wong Chun Wai` → `datuk seri`), with its length in
    /// bytes and its Chinese.
    pub fn leading(&self, phrase: &str) -> Option<(String, usize, Option<&str>)> {
        // Most glosses open with no title: test the first word alone first.
        let first = phrase.split(' ').next()?;
        if !contains_folded(&self.prefixes, first) {
            return None;
        }
        // Each space ends a candidate with a word after it; the longest
        // candidate that is a title wins, and none can once the words so
        // far begin no title.
        let mut best = None;
        let mut lower = String::with_capacity(phrase.len());
        for (end, _) in phrase.match_indices(' ').take(self.max_words) {
            lower.clear();
            push_lowercase(&mut lower, &phrase[..end]);
            if !self.prefixes.contains(lower.as_str()) {
                break;
            }
            if self.titles.contains(lower.as_str()) {
                best = Some((lower.clone(), end));
            }
        }
        best.map(|(t, len)| {
            // (The usual rendering: no setting is known here.)
            let zh = Some(self.chinese_for(&t, &[], &|| true)).filter(|z| !z.is_empty());
            (t, len, zh)
        })
    }

    /// The longest title starting at token `start`, returning its end.
    pub fn starting_at(&self, toks: &[Token<'_>], start: usize) -> Option<usize> {
        let mut phrase = String::with_capacity(64);
        let mut best = None;
        for n in 1..=self.max_words {
            let Some(t) = toks.get(start + n - 1) else {
                break;
            };
            if !t.is_word {
                break;
            }
            if n > 1 {
                phrase.push(' ');
            }
            push_lowercase(&mut phrase, t.text);
            if !self.prefixes.contains(phrase.as_str()) {
                break;
            }
            if self.titles.contains(phrase.as_str()) {
                best = Some(start + n);
            }
        }
        best
    }
}

/// The singular of a plural English noun (`directors`, `secretaries`), or
/// `None` for a word that does not look plural.
fn singular(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    w.strip_suffix('s')
        .filter(|stem| !stem.ends_with('s'))
        .map(str::to_string)
}

/// True when `set` holds `s` lowercased (a short ASCII word is folded on
/// the stack: this runs for every capitalised word).
fn contains_folded(set: &HashSet<String>, s: &str) -> bool {
    with_lowercase(s, |lower| set.contains(lower))
}

/// True for a word of [`MODIFIERS`], in any case.
fn is_modifier(w: &str) -> bool {
    with_lowercase(w, |lower| MODIFIERS.contains(&lower))
}

/// The words `toks` lowercased and joined by spaces, in one string: a
/// title as the glossary shows it. An acronym keeps its capitals (`FBI
/// director`, not `fbi director`).
fn lowercase_words(toks: &[Token<'_>]) -> String {
    let mut out = String::with_capacity(toks.iter().map(|t| t.text.len() + 1).sum());
    for t in toks {
        if !out.is_empty() {
            out.push(' ');
        }
        if crate::paren::is_acronym(t.text) {
            out.push_str(t.text);
        } else {
            push_lowercase(&mut out, t.text);
        }
    }
    out
}

/// An organisation already found in the document, by span.
#[derive(Clone, Debug)]
pub struct OrgMention {
    /// Where.
    pub span: Span,
    /// Its canonical English name.
    pub english: String,
}

/// A document's organisation mentions, found by where they start or end:
/// every title asks for the body beside it, and a long document names
/// thousands of bodies.
struct Orgs<'a> {
    /// The text the mentions and the tokens are in.
    text: &'a str,
    list: &'a [OrgMention],
    /// (start, index) and (end, index), sorted: among mentions that share a
    /// place, the first listed comes first.
    by_start: Vec<(usize, usize)>,
    by_end: Vec<(usize, usize)>,
}

impl<'a> Orgs<'a> {
    fn new(text: &'a str, list: &'a [OrgMention]) -> Orgs<'a> {
        let mut by_start: Vec<(usize, usize)> = list
            .iter()
            .enumerate()
            .map(|(i, o)| (o.span.start, i))
            .collect();
        let mut by_end: Vec<(usize, usize)> = list
            .iter()
            .enumerate()
            .map(|(i, o)| (o.span.end, i))
            .collect();
        by_start.sort_unstable();
        by_end.sort_unstable();
        Orgs {
            text,
            list,
            by_start,
            by_end,
        }
    }

    /// Indices of the mentions at `pos` in `index`, first listed first.
    fn at(index: &[(usize, usize)], pos: usize) -> impl Iterator<Item = usize> + '_ {
        let from = index.partition_point(|&(p, _)| p < pos);
        index[from..]
            .iter()
            .take_while(move |&&(p, _)| p == pos)
            .map(|&(_, i)| i)
    }

    /// The first listed mention that starts at `start`.
    fn starting_at(&self, start: usize) -> Option<&'a OrgMention> {
        Self::at(&self.by_start, start)
            .next()
            .map(|i| &self.list[i])
    }

    /// The first listed mention that ends at `end` and passes `keep`.
    fn ending_at(&self, end: usize, keep: impl Fn(&OrgMention) -> bool) -> Option<usize> {
        Self::at(&self.by_end, end).find(|&i| keep(&self.list[i]))
    }
}

/// Finds persons with their titles and organisations. `surnames` marks the
/// tokens that are a capitalised surname (see [`surname_tokens`]).
pub fn find(
    text: &str,
    toks: &[Token<'_>],
    names: &NameModel,
    titles: &TitleMatcher,
    orgs: &[OrgMention],
    surnames: &[bool],
) -> Vec<Finding> {
    let orgs = &Orgs::new(text, orgs);
    let mut out = Vec::with_capacity(crate::finding::room_for(toks.len()));
    // Windows of words already put to the name model: a text names the same
    // persons again and again.
    let mut recognised = foldhash::HashMap::default();
    let mut i = 0;
    while i < toks.len() {
        let Some((end, chinese_name)) = name_at(toks, i, names, titles, surnames, &mut recognised)
        else {
            i += 1;
            continue;
        };
        // Quoted capitalised words are a title or an account, not a person
        // (`“Chang An Jian”`).
        let opened = i > 0 && (toks[i - 1].is_punct('“') || toks[i - 1].is_punct('"'));
        let closes = (end..toks.len().min(end + 4))
            .take_while(|&k| {
                toks[k].is_capitalised() || toks[k].is_punct('”') || toks[k].is_punct('"')
            })
            .any(|k| toks[k].is_punct('”') || toks[k].is_punct('"'));
        if opened && closes {
            i = end;
            continue;
        }
        let mut f = Finding {
            kind: Some(Kind::Person),
            english: name_text(text, &toks[i..end]),
            span: run_span(text, &toks[i..end]),
            confidence: if chinese_name { 0.85 } else { 0.7 },
            rule: if chinese_name {
                "romanised-name"
            } else {
                "titled-name"
            },
            ..Finding::default()
        };
        titles_before(toks, i, titles, orgs, &mut f);
        if f.titles.is_empty() {
            apposed_before(toks, i, end, titles, orgs, &mut f);
        }
        if f.titles.is_empty() {
            listed_after_copula(toks, i, titles, orgs, &mut f);
        }
        // `the Qingdao Wang Wei`: a place word qualifying the name.
        if f.titles.is_empty()
            && i >= 2
            && toks[i - 2].text.eq_ignore_ascii_case("the")
            && let Some(place) = place_before(toks, i)
        {
            f.organisations.push(place);
        }
        titles_after(toks, end, titles, orgs, &mut f);
        if !chinese_name && f.titles.is_empty() {
            i += 1;
            continue;
        }
        out.push(f);
        i = end;
    }
    out
}

/// A name starting at token `i`: a romanised Chinese name, or two or three
/// capitalised words right after a title. Returns its end and whether it
/// is a Chinese name.
fn name_at<'t>(
    toks: &[Token<'t>],
    i: usize,
    names: &NameModel,
    titles: &TitleMatcher,
    surnames: &[bool],
    recognised: &mut foldhash::HashMap<Vec<&'t str>, bool>,
) -> Option<(usize, bool)> {
    if !toks[i].is_capitalised() {
        return None;
    }
    let word = |k: usize| {
        toks.get(k)
            .filter(|t| t.is_capitalised() && !t.after_newline || k == i)
            .map(|t| without_possessive(t.text))
    };
    // Chinese names: surname + given (one word, or two for non-pinyin).
    // Most capitalised words are no surname: test that before building
    // windows.
    let surname = surnames.get(i).copied().unwrap_or(false);
    for n in [3usize, 2].into_iter().filter(|_| surname) {
        let words: Option<Vec<&str>> = (i..i + n).map(word).collect();
        let Some(words) = words else { continue };
        // A head word ends a body's name, not a person's (`Sin Chew Daily`).
        if HEADS.contains(words[n - 1]) {
            continue;
        }
        // A possessive inside (`Hu’s Decade`) ends the name before it; a
        // capitalised word after it (`Kwong Wah Yit Poh`) makes it part of
        // a longer name.
        if toks[i..i + n - 1]
            .iter()
            .any(|t| t.text != without_possessive(t.text))
        {
            continue;
        }
        if toks
            .get(i + n)
            .is_some_and(|t| t.is_capitalised() && !t.after_newline)
            && n == 3
        {
            continue;
        }
        // Recognition first: it rejects most windows without allocating.
        let is_name = match recognised.get(&words) {
            Some(&known) => known,
            None => {
                let known = names.recognise(&words).is_some();
                recognised.insert(words.clone(), known);
                known
            }
        };
        if !is_name {
            continue;
        }
        let place = names.is_place_words(&words);
        // A capitalised word right before that is neither a title nor an
        // acronym means the words belong to a longer name (`Radio
        // Television Hong Kong China Team`).
        let inside_name = i > 0
            && toks[i - 1].is_capitalised()
            && !toks[i - 1].after_newline
            && !toks[i].after_newline
            && !titles.is_title(toks[i - 1].text)
            && !toks[i - 1]
                .text
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '.')
            && !(i >= 2 && (toks[i - 2].is_punct('.') || toks[i - 2].is_punct('“')))
            // `the Qingdao Wang Wei`: one place word after a lowercase word
            // qualifies the name; a longer capitalised run contains it.
            && (i < 2 || !toks[i - 2].text.eq_ignore_ascii_case("the"));
        if !place && !inside_name {
            // A following capitalised word that is a head word makes it an
            // organisation (`Zhou Enlai Memorial Hall`).
            if toks
                .get(i + n)
                .is_some_and(|t| t.is_capitalised() && HEADS.contains(t.text))
            {
                return None;
            }
            return Some((i + n, true));
        }
    }
    // Other names are two or three capitalised words on one line (tested
    // first: most capitalised words stand alone) with a title right before
    // them.
    let capital = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.is_capitalised() && !t.after_newline)
    };
    if i == 0 || !capital(i) || !capital(i + 1) {
        return None;
    }
    // (Or a title set off by a comma before them, closed after the name.)
    let apposed = titles.ending_at(toks, i).is_none();
    if apposed && title_apposed_before(toks, i, titles).is_none() {
        return None;
    }
    // A first word that ends a longer title is the title's (`Chief
    // Executive John Lee`: `chief` is a title, but so is `chief executive`).
    if titles.ending_at(toks, i + 1).is_some_and(|s| s < i) {
        return None;
    }
    let mut end = i;
    let mut initials = 0;
    while end < toks.len()
        && end - i < 3 + 2 * initials
        && toks[end].is_capitalised()
        && !toks[end].after_newline
    {
        // (Nor a function word in headline case: `Coordinator Of
        // Information` is a body's name.)
        if HEADS.contains(toks[end].text)
            || titles.is_title(toks[end].text)
            || crate::align::is_function_word(toks[end].text)
        {
            return None;
        }
        // A middle initial (`Anna K. Berglund`): the letter, its dot, and
        // the name goes on.
        if end > i
            && toks[end].text.len() == 1
            && toks.get(end + 1).is_some_and(|t| t.is_punct('.'))
            && capital(end + 2)
        {
            initials += 1;
            end += 2;
            continue;
        }
        end += 1;
    }
    // The name must end there: not a possessive inside, not more capitals.
    let clean = end > i
        && toks[i..end - 1]
            .iter()
            .all(|t| t.text == without_possessive(t.text))
        && !toks.get(end).is_some_and(|t| t.is_capitalised());
    (end - i >= 2 && clean && (!apposed || closes_apposition(toks, end))).then_some((end, false))
}

/// Marks the capitalised tokens that are a surname (possessive aside): the
/// person finder and resolution both ask, of every capitalised word.
pub fn surname_tokens(toks: &[Token<'_>], names: &NameModel) -> Vec<bool> {
    toks.iter()
        .map(|t| t.is_capitalised() && names.is_surname(without_possessive(t.text)))
        .collect()
}

fn name_text(text: &str, toks: &[Token<'_>]) -> String {
    without_possessive(&text[run_span(text, toks).range()]).to_string()
}

/// `[ORG] [MOD] [TITLE] NAME`.
fn titles_before(
    toks: &[Token<'_>],
    name: usize,
    titles: &TitleMatcher,
    orgs: &Orgs<'_>,
    f: &mut Finding,
) {
    let Some(start) = titles.ending_at(toks, name) else {
        return;
    };
    // A hyphenated descriptor (`pro-democracy activist`) and modifiers.
    let start = with_modifiers(toks, start);
    f.titles.push(lowercase_words(&toks[start..name]));
    if let Some(org) = org_ending_at(toks, start, orgs) {
        f.organisations.push(org);
    } else if let Some(place) = place_before(toks, start) {
        // `Qingdao vice mayor Wang Wei`: the place is where the office is,
        // which tells apart two officials of one name.
        f.organisations.push(place);
    }
}

/// Words that open a noun phrase at the start of a clause: an apposition
/// or a copula's subject starts with one of them (or a possessive).
const CLAUSE_OPENERS: &[&str] = &["the", "a", "an", "its", "his", "her", "their", "our"];

/// True when a title starting at token `start` opens its clause: after a
/// determiner or a possessive (`The vice minister`, `Xi's anti-graft
/// chief`), or first on its line or in its sentence; up to two words may
/// qualify the title in between (`the harbour commissioner`, `the US
/// secretary of state`).
fn opens_clause(toks: &[Token<'_>], start: usize) -> bool {
    let mut at = start;
    for _ in 0..3 {
        let Some(p) = at.checked_sub(1) else {
            return true;
        };
        let before = &toks[p];
        if toks[at].after_newline || before.is_punct('.') {
            return true;
        }
        if !before.is_word {
            return false;
        }
        if CLAUSE_OPENERS
            .iter()
            .any(|d| d.eq_ignore_ascii_case(before.text))
            || before.text != without_possessive(before.text)
        {
            return true;
        }
        at = p;
    }
    false
}

/// Extends a title starting at `start` leftwards over its modifiers
/// (`former`, a hyphenated descriptor such as `anti-graft`).
fn with_modifiers(toks: &[Token<'_>], mut start: usize) -> usize {
    while start > 0 {
        let t = &toks[start - 1];
        if t.is_word
            && (is_modifier(t.text)
                || (t.text.contains('-') && t.text.chars().all(|c| !c.is_uppercase())))
        {
            start -= 1;
        } else {
            break;
        }
    }
    start
}

/// `The vice minister, Dong Jingwei, was …`; `A deputy director of the
/// department, Zhang San, …`: a title set off by a comma before the name
/// (an apposition). Returns the title's first token with modifiers, its
/// end, and, when an `of`/`at` phrase stands between the title and the
/// comma, the token after its preposition. The title must open its clause,
/// so that `after meeting the minister, Wang …` (a new clause) is not read
/// as one; the apposition's closing punctuation is checked by
/// [`closes_apposition`].
fn title_apposed_before(
    toks: &[Token<'_>],
    name: usize,
    titles: &TitleMatcher,
) -> Option<(usize, usize, Option<usize>)> {
    let comma = name.checked_sub(1)?;
    if !toks[comma].is_punct(',') {
        return None;
    }
    // The title ends at the comma, or an `of`/`at` phrase of a few words
    // stands between them.
    let mut e = comma;
    loop {
        if let Some(s) = titles.ending_at(toks, e) {
            let of = (e < comma).then_some(e + 1);
            if e == comma || matches!(toks[e].text, "of" | "at" | "in" | "for") {
                let start = with_modifiers(toks, s);
                return opens_clause(toks, start).then_some((start, e, of));
            }
        }
        if e == 0 || comma - e >= 7 || !toks[e - 1].is_word || toks[e].after_newline {
            return None;
        }
        e -= 1;
    }
}

/// True when an apposition closes after a name ending at token `end` (a
/// bracket after the name aside): a comma, a full stop or a semicolon.
fn closes_apposition(toks: &[Token<'_>], end: usize) -> bool {
    let (k, _) = past_bracket(toks, end);
    toks.get(k)
        .is_some_and(|t| t.is_punct(',') || t.is_punct('.') || t.is_punct(';'))
}

/// The token after a bracket that opens at token `end` and closes on its
/// line (the name's Chinese, a birth year: `Wong Chun Wai (黃振威), …`),
/// and whether there was one; `end` itself when there is none.
fn past_bracket(toks: &[Token<'_>], end: usize) -> (usize, bool) {
    if !toks
        .get(end)
        .is_some_and(|t| t.is_punct('(') || t.is_punct('（'))
    {
        return (end, false);
    }
    toks[end..]
        .iter()
        .take(40)
        .take_while(|t| !t.after_newline)
        .position(|t| t.is_punct(')') || t.is_punct('）'))
        .map_or((end, false), |c| (end + c + 1, true))
}

/// `The vice minister, Dong Jingwei, …`: see [`title_apposed_before`].
fn apposed_before(
    toks: &[Token<'_>],
    name: usize,
    end: usize,
    titles: &TitleMatcher,
    orgs: &Orgs<'_>,
    f: &mut Finding,
) {
    let Some((start, title_end, of)) = title_apposed_before(toks, name, titles) else {
        return;
    };
    if !closes_apposition(toks, end) {
        return;
    }
    f.titles.push(lowercase_words(&toks[start..title_end]));
    let org = match of {
        Some(k) => org_starting_at(toks, k, orgs).or_else(|| named_run_at(orgs.text, toks, k)),
        None => org_ending_at(toks, start, orgs),
    };
    f.organisations.extend(org);
}

/// `The spokesman is Wang Wenbin`; `Its deputy directors are Hou Hehua and
/// Yu Guang`: a title opening its clause, then a copula, then the name (or
/// one of a list of names after a plural title).
fn listed_after_copula(
    toks: &[Token<'_>],
    name: usize,
    titles: &TitleMatcher,
    orgs: &Orgs<'_>,
    f: &mut Finding,
) {
    // Back over earlier names of a list (`Hou Hehua and`) to the copula.
    let mut k = name;
    let mut listed = false;
    for _ in 0..12 {
        let Some(p) = k.checked_sub(1) else { return };
        let t = &toks[p];
        if matches!(t.text, "is" | "was" | "are" | "were") {
            break;
        }
        if !(t.is_capitalised() || t.text == "and" || t.is_punct(',')) || t.after_newline {
            return;
        }
        listed = true;
        k = p;
    }
    let Some(copula) = k.checked_sub(1) else {
        return;
    };
    if !matches!(toks[copula].text, "is" | "was" | "are" | "were") {
        return;
    }
    let plural = matches!(toks[copula].text, "are" | "were");
    if listed && !plural {
        return;
    }
    let found = if plural {
        titles.ending_at_plural(toks, copula)
    } else {
        titles.ending_at(toks, copula)
    };
    let Some(s) = found else { return };
    let start = with_modifiers(toks, s);
    if !opens_clause(toks, start) {
        return;
    }
    f.titles.push(title_words(&toks[start..copula], plural));
    f.organisations.extend(org_ending_at(toks, start, orgs));
}

/// A title's words as the glossary shows them (see [`lowercase_words`]),
/// the last one made singular when `plural` (`deputy directors` → `deputy
/// director`).
fn title_words(toks: &[Token<'_>], plural: bool) -> String {
    let Some((last, before)) = toks.split_last() else {
        return String::new();
    };
    let mut title = lowercase_words(before);
    let last = match plural.then(|| singular(last.text)).flatten() {
        Some(s) => s,
        None => last.text.to_string(),
    };
    if !title.is_empty() {
        title.push(' ');
    }
    push_lowercase(&mut title, &last);
    title
}

/// `Li Keqiang, Liu Yunshan, and Zhang Gaoli as deputy leaders`,
/// `Wang Yi as foreign minister`: after a name (and the names listed with
/// it), `as` and a title, plural after a list. Returns the title.
fn title_after_as(toks: &[Token<'_>], end: usize, titles: &TitleMatcher) -> Option<String> {
    // Over the rest of a list of names to `as`.
    let mut k = end;
    while toks.get(k)?.text != "as" {
        let t = &toks[k];
        if k - end >= 12
            || t.after_newline
            || !(t.is_capitalised() || t.text == "and" || t.is_punct(','))
        {
            return None;
        }
        k += 1;
    }
    let mut start = k + 1;
    if toks
        .get(start)
        .is_some_and(|t| CLAUSE_OPENERS.contains(&t.text))
    {
        start += 1;
    }
    // The longest title (with its modifiers) that starts right there, in
    // the plural after a list (`…, and Zhang Gaoli as deputy leaders`).
    let starts_here =
        |s: Option<usize>| s.is_some_and(|s| s >= start && with_modifiers(toks, s) <= start);
    (start + 1..=toks.len().min(start + 6)).rev().find_map(|e| {
        if starts_here(titles.ending_at(toks, e)) {
            Some(title_words(&toks[start..e], false))
        } else if starts_here(titles.ending_at_plural(toks, e)) {
            Some(title_words(&toks[start..e], true))
        } else {
            None
        }
    })
}

/// One or two capitalised words right before a title, not a country
/// adjective or a sentence opener: the place an office belongs to.
fn place_before(toks: &[Token<'_>], at: usize) -> Option<String> {
    let t = toks.get(at.checked_sub(1)?)?;
    let skip = [
        "PRC", "CCP", "CPC", "China", "Chinese", "U.S.", "US", "American", "Former", "The", "Then",
        "Party",
    ];
    if !t.is_capitalised()
        || skip.contains(&t.text)
        || t.text != without_possessive(t.text)
        || crate::align::is_function_word(t.text)
    {
        return None;
    }
    // A head word is no place: the capitalised words before it name the
    // body (`Shaanxi Party Committee Standing Committee member …`).
    if HEADS.contains(t.text) {
        let mut k = at - 1;
        while k > 0
            && at - k < 5
            && !toks[k].after_newline
            && toks[k - 1].is_capitalised()
            && toks[k - 1].text == without_possessive(toks[k - 1].text)
            && !matches!(toks[k - 1].text, "The" | "Former" | "Then")
        {
            k -= 1;
        }
        return (k + 1 < at).then(|| {
            toks[k..at]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ")
        });
    }
    // Not the first word of a sentence.
    let prev = at.checked_sub(2).and_then(|k| toks.get(k));
    if prev.is_none_or(|p| p.is_punct('.') || p.is_punct('“') || p.is_punct('"') || t.after_newline)
    {
        return None;
    }
    Some(t.text.to_string())
}

/// The organisation whose mention ends right before token `at`, or at its
/// end when the title's first word closes the name (`United Front Work
/// Department` + `department head`).
fn org_ending_at(toks: &[Token<'_>], at: usize, orgs: &Orgs<'_>) -> Option<String> {
    let text = orgs.text;
    let prev = toks.get(at.checked_sub(1)?)?;
    let before = prev.span_in(text).end;
    // A body in the possessive (`The CPPCC's chairman`): a pattern's
    // mention takes the `'s` in, a dictionary's ends before it.
    let bare = before - (prev.text.len() - without_possessive(prev.text).len());
    let inside = toks.get(at).map_or(before, |t| t.span_in(text).end);
    let start = toks.get(at).map_or(before, |t| t.span_in(text).start);
    // The first listed of either kind.
    let ends_before = orgs
        .ending_at(before, |_| true)
        .or_else(|| orgs.ending_at(bare, |_| true));
    let ends_inside = orgs.ending_at(inside, |o| o.span.start < start);
    let i = match (ends_before, ends_inside) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(without_possessive(&orgs.list[i].english).to_string())
}

/// The organisation whose mention starts at token `at`, after `the` and a
/// `PRC`-style prefix.
fn org_starting_at(toks: &[Token<'_>], mut at: usize, orgs: &Orgs<'_>) -> Option<String> {
    for _ in 0..3 {
        if let Some(t) = toks.get(at) {
            if let Some(o) = orgs.starting_at(t.span_in(orgs.text).start) {
                return Some(without_possessive(&o.english).to_string());
            }
            if matches!(
                t.text,
                "the" | "The" | "PRC" | "CCP" | "China’s" | "China's" | "Chinese"
            ) {
                at += 1;
                continue;
            }
        }
        break;
    }
    None
}

/// The capitalised words at token `at` (after `the`) that name where a
/// title is held when no known body starts there: `executive editor of
/// Kwong Wah Yit Poh`, `governor of Hebei`. Inner `of`, `and`, `for` join
/// capitalised words (`Bank of Kunlun`); a possessive or a line break ends
/// the run, and a word that opens sentences (`When`) never starts one.
fn named_run_at(text: &str, toks: &[Token<'_>], mut at: usize) -> Option<String> {
    if toks.get(at).is_some_and(|t| t.text == "the") {
        at += 1;
    }
    let first = toks.get(at)?;
    if !first.is_capitalised() || crate::orgs::is_not_first(first.text) {
        return None;
    }
    let mut end = at;
    while end < toks.len() && end - at < 8 {
        let t = &toks[end];
        if end > at && t.after_newline {
            break;
        }
        if t.is_capitalised() {
            end += 1;
            if t.text != without_possessive(t.text) {
                return None;
            }
            continue;
        }
        let joins = matches!(t.text, "of" | "and" | "for")
            && toks
                .get(end + 1)
                .is_some_and(|n| n.is_capitalised() && !n.after_newline);
        if !joins {
            break;
        }
        end += 1;
    }
    Some(name_text(text, &toks[at..end]))
}

/// After a name ending at token `end`, a verb of appointment: `became`,
/// `was named`, `has been appointed`, `was promoted to`, `serves as`.
/// Returns the token the office starts at.
fn appointment_after(toks: &[Token<'_>], end: usize) -> Option<usize> {
    let word = |k: usize| toks.get(k).filter(|t| t.is_word).map(|t| t.text);
    let mut k = end;
    match word(k)? {
        "became" | "becomes" => return Some(k + 1),
        "serves" | "served" | "serving" => return (word(k + 1)? == "as").then_some(k + 2),
        "was" | "is" | "has" | "had" => {}
        _ => return None,
    }
    k += 1;
    if word(k) == Some("been") {
        k += 1;
    }
    match word(k)? {
        "named" | "appointed" | "elected" | "made" => {
            // `was named as`, `was appointed to the post of`: the office
            // after.
            k += 1;
            if word(k) == Some("as") {
                k += 1;
            }
            Some(k)
        }
        "promoted" => (word(k + 1)? == "to").then_some(k + 2),
        _ => None,
    }
}

/// After a name ending at token `end`, a verb of heading (`heads`, `led`,
/// `who runs`, `, who chairs`): the token the body starts at.
fn headed_after(toks: &[Token<'_>], end: usize) -> Option<usize> {
    let mut k = end;
    if toks.get(k).is_some_and(|t| t.is_punct(',')) {
        k += 1;
    }
    if toks.get(k).is_some_and(|t| t.text == "who") {
        k += 1;
    } else if k > end {
        // `Zhang Wei, heads …` is no clause.
        return None;
    }
    matches!(
        toks.get(k)?.text,
        "heads" | "headed" | "leads" | "led" | "runs" | "ran" | "chairs" | "chaired"
    )
    .then_some(k + 1)
}

/// After `who … as` at token `k` (`who has served as`, `who serves as`, a
/// few words apart), the token the office starts at.
fn after_who_as(toks: &[Token<'_>], k: usize) -> Option<usize> {
    if toks.get(k)?.text != "who" {
        return None;
    }
    (k + 1..toks.len().min(k + 5))
        .find(|&j| toks[j].text == "as")
        .map(|a| a + 1)
}

/// `NAME, a [ADJ…] TITLE (and TITLE) (at|of|in) ORG`.
fn titles_after(
    toks: &[Token<'_>],
    end: usize,
    titles: &TitleMatcher,
    orgs: &Orgs<'_>,
    f: &mut Finding,
) {
    // A bracket right after the name (its Chinese, a birth year) stands
    // between the name and the apposition: `Wong Chun Wai (黃振威), chairman …`.
    let (end, bracketed) = past_bracket(toks, end);
    // An apposition (`, a …`), or after the bracket of a biography's
    // opening a copula (`… (董经纬; born 1963) is a Chinese politician who
    // has served as vice minister of …`). (Not a bare copula: `X is the
    // rumoured defector` is a claim, not a title.)
    // Or a verb of appointment (`Dong Jun became defence minister`, `was
    // named`, `serves as`): unlike a bare copula, it says what office the
    // person holds.
    if let Some(title) = title_after_as(toks, end, titles) {
        f.titles.push(title);
        return;
    }
    // `Professor Shi Yinhong of Renmin University`: a title before the name
    // and the body right after it.
    if !f.titles.is_empty()
        && f.organisations.is_empty()
        && toks.get(end).is_some_and(|t| matches!(t.text, "of" | "at"))
        && let Some(o) =
            org_starting_at(toks, end + 1, orgs).or_else(|| named_run_at(orgs.text, toks, end + 1))
    {
        f.organisations.push(o);
        return;
    }
    // `Zhang Wei, who heads the Hunan …`, `Li Ming leads the …`: a verb of
    // heading makes the person the body's head.
    if let Some(body) = headed_after(toks, end) {
        if let Some(o) =
            org_starting_at(toks, body, orgs).or_else(|| named_run_at(orgs.text, toks, body))
        {
            f.titles.push("head".to_string());
            f.organisations.push(o);
        }
        return;
    }
    let mut k = if let Some(k) = appointment_after(toks, end) {
        k
    } else if toks
        .get(end)
        .is_some_and(|t| t.is_punct(',') || (bracketed && matches!(t.text, "is" | "was")))
    {
        end + 1
    } else {
        return;
    };
    if toks.get(k).is_some_and(|t| {
        ["a", "an", "the"]
            .iter()
            .any(|a| a.eq_ignore_ascii_case(t.text))
    }) {
        k += 1;
    }
    let mut found_any = false;
    let mut skipped = 0;
    while k < toks.len() && skipped <= 3 {
        if let Some(e) = titles.starting_at(toks, k) {
            // Keep modifiers right before the title.
            let mut m = k;
            while m > end + 1 && is_modifier(toks[m - 1].text) {
                m -= 1;
            }
            // An organisation among the adjectives: `an early CCP leader`.
            if let Some(o) = org_ending_at(toks, m, orgs) {
                f.organisations.push(o);
            }
            f.titles.push(lowercase_words(&toks[m..e]));
            found_any = true;
            k = e;
            skipped = 0;
            // `a politician who has served as vice minister of …`
            if let Some(next) = after_who_as(toks, k) {
                k = next;
                found_any = false;
                continue;
            }
            // `and jurist`, `, deputy director`
            if toks
                .get(k)
                .is_some_and(|t| t.text == "and" || t.is_punct(','))
                && toks.get(k + 1).is_some_and(|t| t.is_word)
            {
                k += 1;
                continue;
            }
            if let Some(t) = toks.get(k)
                && matches!(t.text, "at" | "of" | "in" | "with" | "for")
            {
                let named =
                    || matches!(t.text, "at" | "of").then(|| named_run_at(orgs.text, toks, k + 1));
                f.organisations
                    .extend(org_starting_at(toks, k + 1, orgs).or_else(|| named().flatten()));
            }
            break;
        }
        let t = &toks[k];
        if !t.is_word || found_any {
            break;
        }
        // `a Chinese politician who has served as …`: the office follows.
        if let Some(next) = after_who_as(toks, k) {
            k = next;
            skipped = 0;
            continue;
        }
        skipped += 1;
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_rendered_for_its_setting() {
        let t = TitleMatcher::new(&Lexicons::embedded().unwrap());
        let orgs = |o: &[&str]| o.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(t.chinese_for("president", &[], &|| true), "国家主席");
        assert_eq!(t.chinese_for("president", &[], &|| false), "总统");
        // The organisation decides before the name does.
        let university = orgs(&["Lakeside University"]);
        assert_eq!(t.chinese_for("president", &university, &|| false), "校长");
        // Whole words only: a banking association is no bank.
        let association = orgs(&["Banking Association"]);
        assert_eq!(t.chinese_for("president", &association, &|| true), "主席");
        let npc = orgs(&["NPC Standing Committee"]);
        assert_eq!(t.chinese_for("chairman", &npc, &|| true), "委员长");
        // A title with one rendering, and no title.
        assert_eq!(
            t.chinese_for("vice minister", &university, &|| false),
            "副部长"
        );
        assert_eq!(t.chinese_for("no such title", &[], &|| true), "");
    }
}
