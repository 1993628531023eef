//! Organisations, by dictionary and by pattern, in English and Chinese.
//!
//! The dictionary (`dictionaries/organisations.tsv`) names PRC party-state
//! organs, media and foreign bodies with their acronyms and both scripts.
//! Outside it, an English organisation is a title-case phrase ending in a
//! head word (`… Commission`, `… Institute of Virology`) or starting with
//! one (`Ministry of …`, `Bank of …`); a prefix such as `PRC` or `CCP` is
//! folded off (`PRC Ministry of State Security` = `Ministry of State
//! Security`) and a possessive splits two organisations (`State Council’s
//! Financial Stability and Development Committee`). A Chinese organisation
//! outside the dictionary is a run of jieba words ending in an organisation
//! suffix (部, 委员会, 局, 办公室, 银行, 研究所 …, see [`ZH_SUFFIXES`]); it is
//! read where it matters, before a title (see [`crate::officials_zh`]).

use crate::dict::ChineseAutomaton;

use crate::dict::{Lexicons, Organisation, WordMatcher, WordSet};
use crate::document::Span;
use crate::finding::{Finding, Kind};
use crate::tokens::{Token, run_span, without_possessive};

/// [`HEAD_WORDS`] as a set.
pub static HEADS: WordSet = WordSet::new(HEAD_WORDS);
/// Words that end an English organisation name.
pub const HEAD_WORDS: &[&str] = &[
    "Ministry",
    "Commission",
    "Department",
    "Committee",
    "Bureau",
    "Office",
    "Bank",
    "Institute",
    "Institution",
    "Agency",
    "Council",
    "Army",
    "Brigade",
    "Party",
    "Organization",
    "Organisation",
    "University",
    "Museum",
    "Foundation",
    "Center",
    "Centre",
    "Association",
    "Administration",
    "Court",
    "Procuratorate",
    "Police",
    "Corporation",
    "Company",
    "Group",
    "League",
    "Federation",
    "Academy",
    "School",
    "College",
    "Times",
    "Post",
    "Daily",
    "News",
    "Journal",
    "Herald",
    "Tribune",
    "Television",
    "Radio",
    "Network",
    "Service",
    "Front",
    "Force",
    "Forces",
    "Navy",
    "Guard",
    "Assembly",
    "Congress",
    "Parliament",
    "Senate",
    "Union",
    "Society",
    "Embassy",
    "Consulate",
    "Government",
    "Secretariat",
    "Leadership",
    "Politburo",
    "Xinhua",
    "Agency",
];

/// True when English words name a body by their head: all capitalised (or
/// connectors), with a head word before the first `of` (`People's
/// Government of Chongqing Municipality`, `Office Of The Coordinator Of
/// Information` in headline case) or, with no `of`, last (`Hubei Daily`).
/// `Resolution of the Central Committee` is a document, whatever its last
/// word.
pub fn names_body_by_head(words: &[&str]) -> bool {
    words.len() >= 2
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || matches!(*w, "of" | "for" | "and" | "the" | "on" | "in")
        })
        && match words.iter().position(|w| w.eq_ignore_ascii_case("of")) {
            Some(k) if k > 0 => HEADS.contains(words[k - 1]),
            _ => words.last().is_some_and(|w| HEADS.contains(w)),
        }
}

/// Capitalised words that begin sentences or name people's roles, never an
/// organisation's first word (`When the Central Commission …`, `Members of
/// the Politburo …`).
static NOT_FIRST: WordSet = WordSet::new(NOT_FIRST_WORDS);

/// True for a capitalised word that opens a sentence or names a role
/// (`When`, `Officials`, `Staff`): it never starts the name of a body, so
/// a title-case run that begins with it begins after it.
pub fn is_not_first(word: &str) -> bool {
    NOT_FIRST.contains(word)
}
const NOT_FIRST_WORDS: &[&str] = &[
    "When",
    "Where",
    "While",
    "After",
    "Before",
    "As",
    "If",
    "In",
    "On",
    "At",
    "For",
    "With",
    "By",
    "From",
    "Under",
    "During",
    "Since",
    "Members",
    "Member",
    "Leaders",
    "Leader",
    "Officials",
    "Official",
    "Head",
    "Heads",
    "Chief",
    "Director",
    "Directors",
    "Staff",
    "Officers",
    "Employees",
    "Workers",
    "Researchers",
    "Experts",
    "Scholars",
    "Representatives",
    "Delegates",
    "Sources",
    "Both",
    "Many",
    "Some",
    "Most",
    "Each",
    "Every",
    "All",
    "Only",
    "Even",
    "Also",
    "According",
    "Meanwhile",
    "However",
    "But",
    "And",
    "Or",
    "So",
    "Then",
    "Now",
    "Today",
    "Last",
    "Next",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "Their",
    "His",
    "Her",
    "Our",
    "We",
    "They",
    "He",
    "She",
    "I",
    "Former",
    "Under",
    "Inside",
    "Within",
    "Without",
    "Against",
    "Between",
    "Like",
    "Unlike",
    "Although",
    "Though",
    "Because",
    "Once",
    "Until",
    "Why",
    "How",
    "What",
    "Who",
    "Which",
    "Whose",
    "Not",
    "No",
    "Yes",
    "Staff",
    "Spokesman",
    "Spokesperson",
    "Secretary",
    "Minister",
    "President",
    "Premier",
    "Chairman",
    "Vice",
    "Deputy",
];

/// Prefixes folded off an organisation name.
static PREFIXES: WordSet = WordSet::new(PREFIX_WORDS);
const PREFIX_WORDS: &[&str] = &[
    "PRC",
    "CCP",
    "CPC",
    "China’s",
    "China's",
    "Beijing’s",
    "Beijing's",
    "U.S.",
    "US",
    "the",
    "The",
];

/// Chinese organisation suffixes (simplified): what ends an organisation
/// outside the dictionary (see [`crate::officials_zh`]).
pub const ZH_SUFFIXES: &[&str] = &[
    "委员会",
    "办公室",
    "办公厅",
    "研究所",
    "研究会",
    "研究院",
    "研究中心",
    "中心",
    "银行",
    "部",
    "局",
    "署",
    "厅",
    "院",
    "会",
    "党",
    "军",
    "社",
    "报",
    "台",
    "集团",
    "政府",
    "公司",
    "大学",
    "学会",
    "协会",
    "联合会",
    "基金会",
    "法院",
    "检察院",
];

/// A body's Chinese names in both scripts, and for a central organ of the
/// party or the army (中央外事工作委员会) the same name after 中共, as texts
/// also write it (中共中央外事工作委员会): without it, 中共中央 would be read
/// as the Central Committee and the rest of the name lost.
fn party_forms(o: &Organisation) -> Vec<String> {
    let mut forms = vec![o.simplified.clone(), o.traditional.clone()];
    if matches!(o.kind.as_str(), "party" | "military") {
        for zh in [&o.simplified, &o.traditional] {
            if zh.starts_with("中央") {
                forms.push(format!("中共{zh}"));
            }
        }
    }
    forms
}

/// Finds organisations.
#[derive(Clone, Debug)]
pub struct OrgFinder {
    orgs: Vec<Organisation>,
    /// Lowercase English names and aliases → index.
    by_name: foldhash::HashMap<String, usize>,
    /// Acronyms as written.
    by_acronym: foldhash::HashMap<String, usize>,
    /// Chinese names in either script → index (the first body listed).
    by_chinese: foldhash::HashMap<String, usize>,
    english: WordMatcher,
    english_org: Vec<usize>,
    chinese: ChineseAutomaton,
    chinese_org: Vec<usize>,
}

impl OrgFinder {
    /// Builds the matchers from the organisation lexicon.
    ///
    /// # Errors
    ///
    /// When the names are too many for the matcher.
    pub fn new(lex: &Lexicons) -> crate::error::Result<OrgFinder> {
        let mut english = Vec::new();
        let mut english_org = Vec::new();
        let mut chinese = Vec::new();
        let mut chinese_org = Vec::new();
        for (i, o) in lex.organisations.iter().enumerate() {
            let names = std::iter::once(o.english.as_str())
                .chain(o.aliases.split('|'))
                .chain(std::iter::once(o.acronym.as_str()))
                .map(str::trim)
                .filter(|n| n.len() >= 2);
            for n in names {
                for form in [n.to_string(), n.replace('\'', "’")] {
                    if !english.contains(&form) {
                        english.push(form);
                        english_org.push(i);
                    }
                }
            }
            for zh in party_forms(o) {
                if zh.chars().count() >= 2 && !chinese.contains(&zh) {
                    chinese.push(zh);
                    chinese_org.push(i);
                }
            }
        }

        let mut by_name = foldhash::HashMap::default();
        let mut by_acronym = foldhash::HashMap::default();
        let mut by_chinese = foldhash::HashMap::default();
        for (i, o) in lex.organisations.iter().enumerate() {
            for zh in party_forms(o) {
                if !zh.is_empty() {
                    by_chinese.entry(zh).or_insert(i);
                }
            }
            let names = std::iter::once(o.english.as_str()).chain(o.aliases.split('|'));
            for n in names.map(str::trim).filter(|n| !n.is_empty()) {
                by_name.entry(n.to_lowercase()).or_insert(i);
            }
            if !o.acronym.is_empty() {
                by_acronym.entry(o.acronym.clone()).or_insert(i);
            }
        }
        Ok(OrgFinder {
            english: WordMatcher::new(&english),
            english_org,
            chinese: ChineseAutomaton::new(&chinese)?,
            chinese_org,
            orgs: lex.organisations.clone(),
            by_name,
            by_acronym,
            by_chinese,
        })
    }

    /// The organisation an English name or acronym names, if the dictionary
    /// knows it (exact match on a name, alias or acronym).
    pub fn lookup(&self, name: &str) -> Option<&Organisation> {
        // Names are looked up folded (case, curly apostrophes), acronyms as
        // written; an ASCII name costs one allocation.
        let (folded, acronym) = if name.is_ascii() {
            (name.to_ascii_lowercase(), std::borrow::Cow::Borrowed(name))
        } else {
            let straight = name.replace('’', "'");
            (straight.to_lowercase(), std::borrow::Cow::Owned(straight))
        };
        self.by_name
            .get(&folded)
            .or_else(|| self.by_acronym.get(acronym.as_ref()))
            .map(|&i| &self.orgs[i])
    }

    /// Every dictionary row with acronym `acronym` (one body may have several
    /// Chinese names, and one acronym several bodies).
    pub fn with_acronym(&self, acronym: &str) -> Vec<&Organisation> {
        self.orgs.iter().filter(|o| o.acronym == acronym).collect()
    }

    /// The organisation a Chinese name names.
    pub fn lookup_chinese(&self, name: &str) -> Option<&Organisation> {
        self.by_chinese.get(name).map(|&i| &self.orgs[i])
    }

    /// Dictionary organisations in `text`: English names, aliases and
    /// acronyms on word boundaries, and Chinese names.
    /// `toks` are the text's tokens (empty when `english` is false).
    pub fn find_known(
        &self,
        text: &str,
        toks: &[Token<'_>],
        english: bool,
        chinese: bool,
    ) -> Vec<Finding> {
        let mut out = Vec::with_capacity(crate::finding::room_for(toks.len()));
        let english_matches = if english {
            self.english.find_in(text, toks)
        } else {
            Vec::new()
        };
        for m in english_matches {
            let o = &self.orgs[self.english_org[m.pattern]];
            let surface = &text[m.start..m.end];
            // An alias inside a longer capitalised name is that name's part
            // (`… Organization Security Council`), not the organisation.
            let prev_word = text[..m.start]
                .trim_end_matches(' ')
                .rsplit([' ', '\n'])
                .next()
                .unwrap_or("");
            let inside = m.start > 0
                && text[..m.start].ends_with(' ')
                && prev_word.chars().next().is_some_and(char::is_uppercase)
                && !PREFIXES.contains(prev_word)
                // (`For China’s Communist Party leaders`: a sentence's
                // first word is capitalised, not a name's.)
                && !crate::align::is_function_word(prev_word)
                && surface != o.english
                && surface != o.acronym;
            if inside {
                continue;
            }
            out.push(self.finding(o, Span::new(m.start, m.end), surface, "org-dictionary"));
        }
        let chinese_matches = if chinese {
            self.chinese.find_iter(text)
        } else {
            self.chinese.find_iter("")
        };
        for m in chinese_matches {
            let o = &self.orgs[self.chinese_org[m.pattern().as_usize()]];
            let mut f = self.finding(o, Span::new(m.start(), m.end()), "", "org-dictionary-zh");
            f.chinese = text[m.start()..m.end()].to_string();
            out.push(f);
        }
        out
    }

    fn finding(&self, o: &Organisation, span: Span, surface: &str, rule: &'static str) -> Finding {
        let mut aliases = Vec::new();
        if !surface.is_empty() && surface != o.english && surface != o.acronym {
            aliases.push(surface.to_string());
        }
        Finding {
            kind: Some(Kind::Organisation),
            english: o.english.clone(),
            acronym: o.acronym.clone(),
            chinese: o.simplified.clone(),
            aliases,
            span,
            confidence: 0.9,
            rule,
            ..Finding::default()
        }
    }

    /// Publications and outlets that no head word marks, by how the text
    /// speaks of them: `the SpyTalk newsletter`, `a 2016 piece in the
    /// Washington Free Beacon`, `RedState had reported`.
    pub fn find_media(&self, text: &str, toks: &[Token<'_>]) -> Vec<Finding> {
        let capitalised = |t: &Token<'_>| {
            t.is_capitalised() && t.text == without_possessive(t.text) && !is_date_word(t.text)
        };
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (k, t) in toks.iter().enumerate() {
            // (This runs for every token: the length sends the short words
            // past. Media nouns and pieces are lowercase and four letters or
            // more; an outlet's two-part name is capitalised.)
            let b = t.text.as_bytes();
            if !t.is_word || b.len() < 4 {
                continue;
            }
            if b[0].is_ascii_uppercase() {
                if is_camel_case(t.text) {
                    let verb = match toks.get(k + 1) {
                        Some(n) if matches!(n.text, "had" | "has") => toks.get(k + 2),
                        n => n,
                    };
                    if verb.is_some_and(|v| REPORTING.contains(&v.text)) {
                        spans.push((k, k + 1));
                    }
                }
                continue;
            }
            if k > 0 && toks[k - 1].is_capitalised() && is_media_noun(t.text) {
                let mut start = k;
                while start > 0
                    && k - start < 4
                    && capitalised(&toks[start - 1])
                    && !toks[start].after_newline
                {
                    start -= 1;
                }
                if start < k && start > 0 && matches!(toks[start - 1].text, "the" | "The") {
                    spans.push((start, k));
                }
            } else if is_piece(t.text)
                && toks
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.text, "in" | "for"))
            {
                let mut start = k + 2;
                if toks
                    .get(start)
                    .is_some_and(|n| matches!(n.text, "the" | "The"))
                {
                    start += 1;
                }
                let mut end = start;
                while end < toks.len()
                    && end - start < 5
                    && capitalised(&toks[end])
                    && (end == start || !toks[end].after_newline)
                {
                    end += 1;
                }
                // A name that goes on (`Ministry of Commerce`) is the other
                // finders' to read; one a noun follows qualifies it (`the
                // Monday edition`).
                let goes_on = toks.get(end).is_some_and(|n| {
                    matches!(n.text, "of" | "for" | "and")
                        || (n.is_word
                            && !n.is_capitalised()
                            && !crate::align::is_function_word(n.text))
                });
                if end > start && !goes_on {
                    spans.push((start, end));
                }
            }
        }
        spans
            .into_iter()
            .map(|(a, b)| {
                let span = run_span(text, &toks[a..b]);
                Finding {
                    kind: Some(Kind::Organisation),
                    english: text[span.range()].to_string(),
                    span,
                    confidence: 0.6,
                    rule: "org-media",
                    ..Finding::default()
                }
            })
            .collect()
    }

    /// Organisations by pattern in English tokens: title-case phrases with
    /// an organisation head word. Spans already covered (by the dictionary,
    /// or by a person's name) are skipped by the caller.
    pub fn find_by_pattern(&self, text: &str, toks: &[Token<'_>]) -> Vec<Finding> {
        let mut out = Vec::with_capacity(crate::finding::room_for(toks.len()));
        let headline = headline_tokens(toks);
        let quoted = inside_quotes(toks);
        let mut i = 0;
        while i < toks.len() {
            if headline[i] || !starts_run(&toks[i]) {
                i += 1;
                continue;
            }
            // A maximal title-case run, connectors allowed inside.
            let mut j = i + 1;
            while j < toks.len() {
                let t = &toks[j];
                if t.after_newline {
                    break;
                }
                if t.is_capitalised() || is_number(t) {
                    j += 1;
                } else if t.is_punct('.')
                    && toks[j - 1].text == "No"
                    && toks.get(j + 1).is_some_and(is_number)
                {
                    // `Tianjin No. 1 Detention Center`: a numbered body.
                    j += 1;
                } else if t.text == "and"
                    && (toks.get(j + 1).is_some_and(|n| n.text == "the")
                        || HEADS.contains(toks[j - 1].text))
                {
                    // `… Virology and the CCP Museum`: two names.
                    break;
                } else if t.is_word
                    && matches!(
                        t.text,
                        "of" | "for" | "and" | "on" | "the" | "in" | "&" | "to"
                    )
                    && toks.get(j + 1).is_some_and(|n| {
                        n.is_capitalised()
                            || (n.text == "the"
                                && toks.get(j + 2).is_some_and(|m| m.is_capitalised()))
                    })
                {
                    j += 1;
                } else {
                    break;
                }
            }
            // Inside a quoted title (`“Never Betraying the Party Is …”`) a
            // capitalised phrase is part of the title, unless it is the
            // whole quotation.
            let opened = i > 0 && (toks[i - 1].is_punct('“') || toks[i - 1].is_punct('"'));
            let closed = toks
                .get(j)
                .is_some_and(|t| t.is_punct('”') || t.is_punct('"'));
            let whole_quotation = opened && closed;
            if (!whole_quotation && (opened || quoted[i])) || after_literally(toks, i) {
                i = j.max(i + 1);
                continue;
            }
            split_possessives(&toks[i..j], |part| {
                if let Some(f) = org_from_run(text, part) {
                    out.push(f);
                }
            });
            i = j.max(i + 1);
        }
        out
    }
}

/// True when the run at `i` is a literal translation (`lit. 'State Affairs
/// Court Constituent Department'`, `literally “…”`): a rendering of the
/// Chinese word by word, not the body's name.
fn after_literally(toks: &[Token<'_>], i: usize) -> bool {
    let mut k = i;
    if k > 0 && toks[k - 1].text.chars().all(|c| "'‘\"“".contains(c)) && !toks[k - 1].is_word {
        k -= 1;
    }
    (k >= 2 && toks[k - 1].is_punct('.') && toks[k - 2].text.eq_ignore_ascii_case("lit"))
        || (k >= 1 && toks[k - 1].text.eq_ignore_ascii_case("literally"))
}

/// Bodies listed with 、 beside one the dictionary knows (`包括布鲁金斯学会、
/// 国际战略研究中心、美国进步中心等`): an item that ends as bodies' names do
/// (two-character heads such as 中心, 学会) is a body too. The list's first
/// item is taken only when known, since where it starts is not marked (the
/// verb before it runs on), and its last stops at 等 or joins at 和/及.
/// `simplified` converts an item to simplified script (the heads are
/// listed so).
pub fn find_listed(
    text: &str,
    known: &[Finding],
    simplified: &dyn Fn(&str) -> String,
) -> Vec<Finding> {
    let mut out = Vec::new();
    // Known bodies by start: each list is walked once, from the first known
    // body in it, and an item is checked against the bodies near it only.
    let mut spans: Vec<Span> = known.iter().map(|k| k.span).collect();
    spans.sort_unstable_by_key(|s| (s.start, s.end));
    let mut starts: Vec<Span> = known
        .iter()
        .filter(|k| k.rule == "org-dictionary-zh")
        .map(|k| k.span)
        .collect();
    starts.sort_unstable_by_key(|s| (s.start, s.end));
    let known = &spans[..];
    let mut walked_to = 0;
    for k in starts {
        let (start, end) = (k.start, k.end);
        if start < walked_to {
            continue;
        }
        // Only a known body that is a whole item: a 、 on one side, a 、,
        // the list's start or its end on the other.
        let before_mark = text[..start].ends_with('、');
        let after_mark = text[end..].starts_with('、');
        if !(before_mark || after_mark) {
            continue;
        }
        // The list around it: back to the first item, on to the last.
        let mut from = start;
        while text[..from].ends_with('、') {
            let item_end = from - '、'.len_utf8();
            let item_start = han_run_start(text, item_end);
            // (The first item, whose start is not marked, is left out.)
            if !text[..item_start].ends_with('、') {
                break;
            }
            push_listed(text, item_start, item_end, known, simplified, &mut out);
            from = item_start;
        }
        let mut to = end;
        while text[to..].starts_with('、') {
            let item_start = to + '、'.len_utf8();
            let run_end = han_run_end(text, item_start);
            let run = &text[item_start..run_end];
            // The last item stops at 等 ("and others"), or is two joined
            // by 和/及.
            let cut = run.find('等').map(|i| item_start + i);
            let item_end = cut.unwrap_or(run_end);
            let item = &text[item_start..item_end];
            match item.find(['和', '及']) {
                Some(i) if cut.is_some() || !text[item_end..].starts_with('、') => {
                    push_listed(
                        text,
                        item_start,
                        item_start + i,
                        known,
                        simplified,
                        &mut out,
                    );
                    let second = item_start + i + '和'.len_utf8();
                    push_listed(text, second, item_end, known, simplified, &mut out);
                }
                _ => push_listed(text, item_start, item_end, known, simplified, &mut out),
            }
            to = item_end;
            if cut.is_some() {
                break;
            }
        }
        walked_to = to;
    }
    out.sort_by_key(|f| f.span.start);
    out.dedup_by_key(|f| f.span);
    out
}

/// Pushes the item at `start..end` when it ends as a body's name and no
/// known body covers it.
fn push_listed(
    text: &str,
    start: usize,
    end: usize,
    known: &[Span],
    simplified: &dyn Fn(&str) -> String,
    out: &mut Vec<Finding>,
) {
    let item = &text[start..end];
    let n = item.chars().count();
    let body = (3..=14).contains(&n) && {
        let item = simplified(item);
        ZH_SUFFIXES
            .iter()
            .any(|s| (s.chars().count() >= 2 || matches!(*s, "报" | "社")) && item.ends_with(s))
    };
    // (Spans by start; a body's name is far shorter than 256 bytes.)
    let before = &known[..known.partition_point(|k| k.start < end)];
    let covered = before
        .iter()
        .rev()
        .take_while(|k| k.start + 256 > start)
        .any(|k| start < k.end);
    if body && !covered {
        out.push(Finding {
            kind: Some(Kind::Organisation),
            span: Span::new(start, end),
            chinese: item.to_string(),
            confidence: 0.55,
            rule: "org-zh-listed",
            ..Finding::default()
        });
    }
}

/// Where the run of Han characters ending at byte `end` starts.
fn han_run_start(text: &str, end: usize) -> usize {
    text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| crate::script::is_han(c))
        .last()
        .map_or(end, |(i, _)| i)
}

/// Where the run of Han characters starting at byte `start` ends.
fn han_run_end(text: &str, start: usize) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !crate::script::is_han(c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// Marks tokens inside curly double quotes (a quotation never spans a line).
fn inside_quotes(toks: &[Token<'_>]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut open = false;
    for (k, t) in toks.iter().enumerate() {
        if t.after_newline {
            open = false;
        }
        if t.is_punct('“') {
            open = true;
        } else if t.is_punct('”') {
            open = false;
        } else {
            out[k] = open;
        }
    }
    out
}

/// Marks tokens on headline lines: four or more words, at least 70% of them
/// capitalised (title case says nothing about organisations there).
fn headline_tokens(toks: &[Token<'_>]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut start = 0;
    for k in 0..=toks.len() {
        if k == toks.len() || (k > start && toks[k].after_newline) {
            let (words, caps) = toks[start..k]
                .iter()
                .filter(|t| t.is_word)
                .fold((0usize, 0usize), |(w, c), t| {
                    (w + 1, c + usize::from(t.is_capitalised()))
                });
            // A line that ends a sentence with a lowercase verb or noun in
            // it is a short sentence (`The Provincial Inspection Office
            // opened.`), not a headline.
            let line = &toks[start..k];
            let sentence = line.last().is_some_and(|t| t.is_punct('.'))
                && line.iter().any(|t| {
                    t.is_word
                        && t.text.starts_with(|c: char| c.is_lowercase())
                        && !crate::align::is_function_word(t.text)
                });
            if words >= 4 && caps * 10 >= words * 7 && !sentence {
                out[start..k].iter_mut().for_each(|x| *x = true);
            }
            start = k;
        }
    }
    out
}

/// True for a noun that makes the capitalised name right before it a
/// publication or outlet (`the SpyTalk newsletter`). (A `match`: this runs
/// for every word.)
fn is_media_noun(w: &str) -> bool {
    matches!(
        w,
        "newsletter"
            | "newspaper"
            | "magazine"
            | "website"
            | "blog"
            | "outlet"
            | "tabloid"
            | "broadcaster"
            | "podcast"
    )
}

/// True for a piece of writing: `a piece in the X` names where it ran.
fn is_piece(w: &str) -> bool {
    matches!(
        w,
        "piece" | "article" | "op-ed" | "editorial" | "column" | "story" | "commentary"
    )
}

/// Verbs of reporting after an outlet's name (`RedState had reported`).
const REPORTING: &[&str] = &[
    "reported", "reports", "claimed", "claims", "revealed", "wrote",
];

/// A word written in two capitalised halves (`RedState`, `SpyTalk`), as
/// brands and outlets are, not a surname (`McDonald`, `MacArthur`,
/// `DeSantis`: the first half is a name prefix of two or three letters).
fn is_camel_case(w: &str) -> bool {
    let b = w.as_bytes();
    if b.len() < 6 || !b[0].is_ascii_uppercase() {
        return false;
    }
    // (Most capitalised words have no second capital: one pass finds out.)
    let Some(i) = (1..b.len()).find(|&i| b[i].is_ascii_uppercase()) else {
        return false;
    };
    if !b.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let prefix = &w[..i];
    i >= 3
        && b.len() - i >= 3
        && b[i + 1..].iter().all(u8::is_ascii_lowercase)
        && !matches!(
            prefix,
            "Mac" | "Van" | "Von" | "Del" | "Dela" | "Della" | "Das"
        )
}

/// True for a party congress named by its number (`the 20th Party
/// Congress`, `18th, 19th National Congress`): a session held every five
/// years, an event rather than a body. (A numbered legislature, `the 14th
/// National People's Congress`, is still the body.)
pub fn is_numbered_session(text: &str, span: Span) -> bool {
    let surface = &text[span.range()];
    if !(surface.ends_with("Party Congress") || surface == "National Congress") {
        return false;
    }
    let before = text[..span.start].trim_end_matches([' ', ',']);
    let word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let ordinal_suffix = ["st", "nd", "rd", "th"].iter().any(|s| {
        word.strip_suffix(s)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    ordinal_suffix
        || matches!(
            word,
            "First"
                | "Second"
                | "Third"
                | "Fourth"
                | "Fifth"
                | "Sixth"
                | "Seventh"
                | "Eighth"
                | "Ninth"
                | "Tenth"
                | "Eleventh"
                | "Twelfth"
                | "Thirteenth"
                | "Fourteenth"
                | "Fifteenth"
                | "Sixteenth"
                | "Seventeenth"
                | "Eighteenth"
                | "Nineteenth"
                | "Twentieth"
        )
}

/// Days and months, capitalised in English but never an outlet's name.
fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
            | "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// True for a word of digits (`1`, `2018`).
fn is_number(t: &Token<'_>) -> bool {
    t.is_word && t.text.bytes().all(|b| b.is_ascii_digit())
}

fn starts_run(t: &Token<'_>) -> bool {
    t.is_capitalised()
}

/// Splits a run at possessives: `State Council’s Financial … Committee`.
/// Each part goes to `part` in order (a callback: this runs for every
/// capitalised run, and most have one part).
fn split_possessives<'r, 't>(run: &'r [Token<'t>], mut part: impl FnMut(&'r [Token<'t>])) {
    let mut start = 0;
    for (k, t) in run.iter().enumerate() {
        let bare = without_possessive(t.text);
        if bare.len() < t.text.len() && HEADS.contains(bare) {
            part(&run[start..=k]);
            start = k + 1;
        }
    }
    if start < run.len() {
        part(&run[start..]);
    }
}

/// An organisation from a title-case run, if its words make one.
fn org_from_run(text: &str, run: &[Token<'_>]) -> Option<Finding> {
    // A name is two words or more; most capitalised runs are one word (a
    // name, a sentence's first word) and need no lookups.
    if run.len() < 2 {
        return None;
    }
    let mut a = 0;
    let mut b = run.len();
    // Sentence openers and role words, with the connectors after them
    // (`No` opens a sentence, but `No. 1 …` names a body).
    let numbered = |k: usize| run[k].text == "No" && run.get(k + 1).is_some_and(|t| !t.is_word);
    while a < b && NOT_FIRST.contains(run[a].text) && !numbered(a) {
        a += 1;
        while a < b
            && matches!(
                run[a].text,
                "of" | "the" | "The" | "for" | "and" | "on" | "in" | "to"
            )
        {
            a += 1;
        }
    }
    // Fold prefixes (but never down to a bare head word: `CCP Museum`).
    while a < b && PREFIXES.contains(run[a].text) && b - a > 2 {
        a += 1;
    }
    while a < b && (run[a].text == "the" || run[a].text == "The") {
        a += 1;
    }
    // Trim trailing non-head words after the last head word.
    fn bare<'a>(t: &Token<'a>) -> &'a str {
        without_possessive(t.text)
    }
    let last_head = (a..b).rev().find(|&k| HEADS.contains(bare(&run[k])));
    let first_is_head =
        a < b && HEADS.contains(bare(&run[a])) && run.get(a + 1).is_some_and(|t| t.text == "of");
    // `Zhejiang Party Secretary`: the head word starts a title.
    if let Some(h) = last_head
        && run.get(h + 1).is_some_and(|t| {
            matches!(
                t.text,
                "Secretary"
                    | "Chairman"
                    | "Chief"
                    | "Head"
                    | "Director"
                    | "Spokesman"
                    | "Spokesperson"
                    | "Member"
                    | "Members"
            )
        })
    {
        return None;
    }
    match last_head {
        // `Institute of Virology`, `University of Delhi`: the complement stays.
        Some(h)
            if h + 1 < b && !first_is_head && !matches!(run[h + 1].text, "of" | "for" | "to") =>
        {
            b = h + 1
        }
        Some(_) => {}
        None if first_is_head => {}
        None => return None,
    }
    if b - a < 2 {
        return None;
    }
    let span = run_span(text, &run[a..b]);
    let mut english = text[span.range()].to_string();
    for s in ["’s", "'s"] {
        if let Some(x) = english.strip_suffix(s) {
            english = x.to_string();
        }
    }
    Some(Finding {
        kind: Some(Kind::Organisation),
        english,
        span,
        confidence: 0.7,
        rule: "org-pattern",
        ..Finding::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::tokenize;

    fn finder() -> OrgFinder {
        OrgFinder::new(&Lexicons::embedded().unwrap()).unwrap()
    }

    /// The English of the bodies the pattern finder names in `text`.
    fn pattern_names(f: &OrgFinder, text: &str) -> Vec<String> {
        f.find_by_pattern(text, &tokenize(text))
            .into_iter()
            .map(|x| x.english)
            .collect()
    }

    #[test]
    fn numbered_party_congresses_are_sessions() {
        let at = |t: &str, name: &str| {
            let i = t.find(name).unwrap();
            is_numbered_session(t, Span::new(i, i + name.len()))
        };
        assert!(at("at the 20th Party Congress in", "Party Congress"));
        assert!(at("18th, 19th National Congress", "National Congress"));
        assert!(at("the Nineteenth Party Congress", "Party Congress"));
        assert!(!at("the Party Congress elected", "Party Congress"));
        assert!(!at(
            "the 14th National People's Congress",
            "National People's Congress"
        ));
    }

    #[test]
    fn patterns_fold_prefixes_and_split_possessives() {
        let f = finder();
        let text = "the PRC State Council’s Financial Stability and Development Committee held a meeting at the Wuhan Institute of Virology and the CCP Museum.";
        assert_eq!(
            pattern_names(&f, text),
            vec![
                "State Council",
                "Financial Stability and Development Committee",
                "Wuhan Institute of Virology",
                "CCP Museum"
            ]
        );
    }

    #[test]
    fn a_literal_translation_names_no_body() {
        let f = finder();
        let names = |text: &str| pattern_names(&f, text);
        assert!(
            names("the offices (Chinese: 办事处; lit. 'Affairs Handling Office') opened")
                .is_empty()
        );
        assert!(
            names("the offices (办事处, literally “Affairs Handling Office”) opened").is_empty()
        );
        assert_eq!(
            names("the offices of the 'Affairs Handling Office' opened"),
            vec!["Affairs Handling Office"]
        );
    }

    #[test]
    fn a_headline_is_no_source_of_names_but_a_short_sentence_is() {
        let f = finder();
        let names = |text: &str| pattern_names(&f, text);
        // Title case makes every word look like a name's.
        assert!(names("Harbour Inspection Office Opens New Branch\n").is_empty());
        assert_eq!(
            names("The Harbour Inspection Office opened.\n"),
            ["Harbour Inspection Office"]
        );
    }

    #[test]
    fn dictionary_finds_names_and_acronyms() {
        let f = finder();
        let text = "the MSS and the Ministry of State Security; 国家安全部 and 國家安全部; MSSX";
        let found = f.find_known(text, &tokenize(text), true, true);
        let en: Vec<&str> = found.iter().map(|x| x.english.as_str()).collect();
        assert_eq!(en, vec!["Ministry of State Security"; 4]);
        assert_eq!(found[3].chinese, "國家安全部");
    }
}
