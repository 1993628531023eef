//! Glossary aggregation: findings from many documents folded into rows.
//!
//! A row is keyed by its kind, its English form (case and spacing folded) and
//! the simplified form of its Chinese, so the same pair seen again adds to
//! `mentions` and `documents`, a term written in both scripts is one row, and
//! one Chinese term with two glosses is two rows.
//!
//! Everything that decides a row's content is order-free — counts add,
//! confidence is the maximum, the context kept is the earliest by
//! (document, line) — so folding documents in any order, or merging
//! glossaries of shards, gives the same rows. Output is sorted, so it is
//! byte-identical too.

use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeMap;

use crate::document::Document;
use crate::finding::{Finding, Kind};

/// One glossary row (the CSV contract's columns).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    /// Stable id, unique in a glossary (`term:gossip`, `person:dong-jingwei`).
    pub id: String,
    /// What the row is about.
    pub kind: Option<Kind>,
    /// English form.
    pub english: String,
    /// Chinese form as first written.
    pub chinese: String,
    /// Simplified form.
    pub simplified: String,
    /// Traditional form.
    pub traditional: String,
    /// Tone-marked pinyin, syllables separated by spaces.
    pub pinyin: String,
    /// Short form.
    pub acronym: String,
    /// Titles (persons).
    pub titles: Vec<String>,
    /// Organisations (persons).
    pub organisations: Vec<String>,
    /// Cadre rank.
    pub rank: String,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// How often it was found.
    pub mentions: u64,
    /// In how many documents.
    pub documents: u64,
    /// 0 to 1.
    pub confidence: f32,
    /// The sentence of the earliest occurrence.
    pub context: String,
    /// `document:line` of the earliest occurrence.
    pub source: String,
    /// Tells apart namesakes (0 for the first).
    pub sense: u32,
    /// The earliest occurrence's (document, line), for ordering.
    pub(crate) first: (String, usize),
    /// Where the Chinese form was first seen.
    pub(crate) chinese_first: Option<(String, usize)>,
    /// The last document counted in `documents` (during one run).
    pub(crate) last_doc: Option<u64>,
}

impl Row {
    /// The row's kind, defaulting to a term.
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Term)
    }
}

/// A row's key. Terms are keyed by English and simplified Chinese (one
/// Chinese term with two glosses is two rows); persons and organisations by
/// their English name and sense, so that mentions with and without the
/// Chinese form meet (by the Chinese when no English is known); ranks by
/// their Chinese, so renderings of one rank meet.
pub fn row_key(
    kind: Kind,
    english: &str,
    simplified: &str,
    sense: u32,
) -> (Kind, String, String, u32) {
    // One pass: spaces single, curly apostrophes straight, lower case.
    let mut en = String::with_capacity(english.len());
    for w in english.split_whitespace() {
        if !en.is_empty() {
            en.push(' ');
        }
        if w.is_ascii() {
            let at = en.len();
            en.push_str(w);
            en[at..].make_ascii_lowercase();
        } else {
            en.extend(
                w.chars()
                    .flat_map(|c| if c == '’' { '\'' } else { c }.to_lowercase()),
            );
        }
    }
    // A person's middle initials do not tell them apart from the same
    // name without them (`Joseph S. Nye`, `Kurt M.Campbell`, `Joseph Nye`):
    // the other forms become aliases.
    if kind == Kind::Person {
        en = without_initials(&en);
    }
    let zh: String = if simplified.contains(char::is_whitespace) {
        simplified.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        simplified.to_string()
    };
    match kind {
        // (A title is keyed like a term: one English title rendered two ways,
        // `director` as 局长 and as 厅长, is two rows.)
        Kind::Person | Kind::Organisation if !en.is_empty() => (kind, en, String::new(), sense),
        Kind::Rank if !zh.is_empty() => (kind, String::new(), zh, 0),
        _ => (kind, en, zh, sense),
    }
}

/// A folded name without its middle initials, when two words or more
/// remain (`joseph s. nye` → `joseph nye`; `kurt m.campbell` → `kurt
/// campbell`).
fn without_initials(name: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    let mut initials = 0;
    for w in name.split(' ') {
        // `m.campbell`: an initial glued to the next word.
        let (initial, rest) = match w.char_indices().nth(1) {
            Some((i, '.')) if w[..i].chars().all(char::is_alphabetic) => (true, &w[i + 1..]),
            _ => (false, w),
        };
        initials += usize::from(initial);
        if !rest.is_empty() {
            words.push(rest);
        }
    }
    if initials == 0 || words.len() < 2 {
        return name.to_string();
    }
    words.join(" ")
}

/// A row's identity while the glossary is built (see [`row_key`]).
pub type Key = (Kind, String, String, u32);

/// Computes the script forms and pinyin of a Chinese form.
pub trait Scripts {
    /// (simplified, traditional, tone-marked pinyin).
    fn scripts(&self, chinese: &str) -> (String, String, String);

    /// The simplified form alone (what a row's key needs).
    fn simplified(&self, chinese: &str) -> String {
        self.scripts(chinese).0
    }

    /// True when `b` is a spelling variant of the romanised name `a`
    /// (`Zhou Jianming` of `Zhou Jianmin`). Without a name model, never.
    fn is_name_variant(&self, _a: &str, _b: &str) -> bool {
        false
    }

    /// The people a dictionary knows by name (see [`Famous`]). Without a
    /// dictionary, none.
    fn famous(&self) -> Option<&Famous> {
        None
    }
}

/// The people of our time that CC-CEDICT names, by folded name (as in a
/// person row's key), each with the simplified Chinese of their entries.
///
/// A person row is split by profile across documents: two officials called
/// Wang Wei whose titles share nothing are two rows. A public figure, though,
/// is given a different title by nearly every text (`leader`, `president`,
/// `general secretary`), and a glossary with four rows for one head of state
/// helps nobody. When the dictionary dates exactly one person of a name, born
/// since 1850, documents that give that name the dictionary's Chinese (or no
/// Chinese) are taken to mean that person unless their organisations
/// disagree. A name the dictionary gives to two people (in any era: two
/// years of birth) is not in the set.
#[derive(Debug, Default)]
pub struct Famous {
    by_name: HashMap<String, Vec<&'static str>>,
}

/// People born before this year are history, not news: a namesake of
/// theirs in a text is more likely someone else (Wang Wei the Tang poet).
const MODERN_SINCE: u32 = 1850;

impl Famous {
    /// The people CC-CEDICT dates, born since 1850, whose name it gives no
    /// one else. (One person may have several entries: 孙中山, 孙文.)
    pub fn from_cedict(cedict: &crate::cedict::Cedict) -> Famous {
        let mut named: HashMap<String, Option<(u32, Vec<&'static str>)>> = HashMap::new();
        // (Most entries date no one: a byte search rules them out before
        // their senses are split.)
        let dated = |e: &&crate::cedict::Entry| {
            let g = e.glosses.as_bytes();
            e.is_proper()
                && memchr::memchr_iter(b'(', g).any(|i| {
                    g.get(i + 1..i + 6)
                        .is_some_and(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-')
                })
        };
        for e in cedict.entries().iter().filter(dated) {
            for sense in e.senses() {
                let Some((name, born)) = crate::cedict::dated_person(sense) else {
                    continue;
                };
                let key = row_key(Kind::Person, name, "", 0).1;
                let slot = named.entry(key).or_insert_with(|| Some((born, Vec::new())));
                match slot {
                    Some((b, chinese)) if *b == born => {
                        if !chinese.contains(&e.simplified) {
                            chinese.push(e.simplified);
                        }
                    }
                    // Another year of birth: two people.
                    _ => *slot = None,
                }
            }
        }
        Famous {
            by_name: named
                .into_iter()
                .filter_map(|(k, v)| {
                    let (born, chinese) = v?;
                    (born >= MODERN_SINCE).then_some((k, chinese))
                })
                .collect(),
        }
    }

    /// The simplified Chinese forms of the one modern person called
    /// `key_name` (folded as in a row's key), when there is one.
    pub fn chinese_of(&self, key_name: &str) -> Option<&[&'static str]> {
        self.by_name.get(key_name).map(Vec::as_slice)
    }

    /// The number of people known.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// True when no one is known.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

/// The glossary being built.
#[derive(Debug, Default)]
pub struct Glossary {
    rows: HashMap<Key, Row>,
    /// Person rows by folded name: their senses (so placing a person does not
    /// scan the glossary).
    person_senses: HashMap<String, Vec<u32>>,
    /// Folded person names by their first word (the surname), for variants.
    person_names: HashMap<String, Vec<String>>,
}

/// What folding a document's findings in needs that depends on the document
/// alone: the findings grouped by the row they go to before persons are
/// placed (a document names the same things again and again), with each
/// group's key and the simplified form of its Chinese. Worked out by
/// [`prepare`] beside extraction, on the worker threads, so that the fold
/// (one thread for all workers) looks each row up once per document rather
/// than once per mention.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    /// Findings in all (so a caller cannot pair it with another document).
    findings: usize,
    groups: Vec<Group>,
}

/// Findings of one document with the same row key (and, for persons, the
/// same name as written, folded: a person is placed by it).
#[derive(Clone, Debug, PartialEq)]
struct Group {
    key: Key,
    simplified: String,
    /// A person's name lowercased, when it has one.
    person: Option<String>,
    /// The findings, in document order.
    members: Vec<usize>,
}

/// Prepares one document's findings for [`Glossary::add_prepared`].
pub fn prepare(findings: &[Finding], scripts: &dyn Scripts) -> Prepared {
    // A finding's group is a function of its kind, English (or acronym),
    // Chinese and sense: findings alike in those, most of a document's, are
    // grouped by them as written, and the key (folded, converted to
    // simplified) is worked out once for each such set.
    type Raw<'f> = (Kind, &'f str, &'f str, u32);
    let mut by_raw: HashMap<Raw<'_>, usize> = HashMap::new();
    // Groups by their (key, person), which findings written differently
    // may share (case, spacing, script).
    let mut by_key: HashMap<(Key, Option<String>), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if f.english.is_empty() && f.chinese.is_empty() && f.acronym.is_empty() {
            continue;
        }
        let raw = (f.kind(), display_english(f), f.chinese.as_str(), f.sense);
        let g = match by_raw.get(&raw) {
            Some(&g) => g,
            None => {
                // The key needs only the simplified form; the other script
                // and the pinyin are worked out when a row takes this
                // Chinese.
                let simplified = if f.chinese.is_empty() {
                    String::new()
                } else {
                    scripts.simplified(&f.chinese)
                };
                let key = row_key(f.kind(), display_english(f), &simplified, f.sense);
                let person = (f.kind() == Kind::Person && !f.english.is_empty())
                    .then(|| f.english.to_lowercase());
                let g = *by_key
                    .entry((key.clone(), person.clone()))
                    .or_insert(groups.len());
                if g == groups.len() {
                    groups.push(Group {
                        key,
                        simplified,
                        person,
                        members: Vec::new(),
                    });
                }
                by_raw.insert(raw, g);
                g
            }
        };
        groups[g].members.push(i);
    }
    Prepared {
        findings: findings.len(),
        groups,
    }
}

/// Which of one row's findings in a document lie within another of them:
/// one place in the text, found twice (`Ministry of State Security (MSS)`
/// as a pair, and its name and acronym by the dictionary), is one mention.
/// Of findings with the same span the first counts.
fn within_another(findings: &[Finding], members: &[usize]) -> Vec<bool> {
    if members.len() == 1 {
        return vec![false];
    }
    let mut order: Vec<usize> = (0..members.len()).collect();
    // By start, then the longest first: whatever lies within an earlier
    // span ends no later than the furthest end seen so far.
    order.sort_by_key(|&m| {
        let s = findings[members[m]].span;
        (s.start, std::cmp::Reverse(s.end), m)
    });
    let mut out = vec![false; members.len()];
    let mut furthest: Option<usize> = None;
    for m in order {
        let end = findings[members[m]].span.end;
        if furthest.is_some_and(|f| f >= end) {
            out[m] = true;
        }
        furthest = Some(furthest.map_or(end, |f| f.max(end)));
    }
    out
}

/// The row each finding of a document went to.
#[derive(Clone, Debug, Default)]
pub struct Placed {
    keys: Vec<Key>,
    /// Per finding, its index in `keys` (`None`: nothing to show).
    of: Vec<Option<usize>>,
    /// Per finding, true when it lies within another finding of its row
    /// (the same place in the text, not another mention).
    repeat: Vec<bool>,
}

impl Placed {
    /// The key of the row finding `i` went to (`None` for a finding with
    /// nothing to show).
    pub fn key(&self, i: usize) -> Option<&Key> {
        self.of.get(i).copied().flatten().map(|k| &self.keys[k])
    }

    /// True when finding `i` is a mention of its row in its own right, not
    /// a place within another finding of the row (which counts once).
    pub fn is_mention(&self, i: usize) -> bool {
        self.key(i).is_some() && !self.repeat.get(i).copied().unwrap_or(false)
    }
}

/// The English a finding's row shows: its English, or its acronym.
fn display_english(f: &Finding) -> &str {
    if f.english.is_empty() {
        &f.acronym
    } else {
        &f.english
    }
}

impl Glossary {
    /// An empty glossary.
    pub fn new() -> Glossary {
        Glossary::default()
    }

    /// The number of rows so far.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Folds one document's findings in, returning the row each finding went
    /// to.
    ///
    /// A person is matched to an earlier row of the same name only when
    /// their profiles agree (no two disjoint sets of titles or of
    /// organisations); otherwise the name gets a new sense: two officials
    /// called Wang Wei stay two rows.
    pub fn add_document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        scripts: &dyn Scripts,
    ) -> Placed {
        let prepared = prepare(findings, scripts);
        self.add_prepared(doc, findings, prepared, scripts)
    }

    /// [`Glossary::add_document`] with the findings already prepared (by
    /// [`prepare`], on another thread).
    ///
    /// # Panics
    ///
    /// When `prepared` was made from other findings (a caller's defect).
    pub fn add_prepared(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        prepared: Prepared,
        scripts: &dyn Scripts,
    ) -> Placed {
        assert_eq!(
            findings.len(),
            prepared.findings,
            "one preparation per document"
        );
        let senses = self.place_persons(findings, &prepared.groups, scripts);
        // Each group's row, once its persons are placed: a person's place may
        // give another sense and, for a spelling variant, the row's English.
        let mut rows: Vec<(Key, Option<&str>, Vec<usize>)> = Vec::new();
        let mut row_of: HashMap<Key, usize> = HashMap::new();
        for g in prepared.groups {
            let (mut key, mut rename) = (g.key, None);
            if let Some(name) = g.person
                && let Some((s, to)) = senses.get(&(name, key.3))
                && (*s != key.3 || to.is_some())
            {
                rename = to.as_deref();
                let english = rename.unwrap_or(display_english(&findings[g.members[0]]));
                key = row_key(key.0, english, &g.simplified, *s);
            }
            // Two groups meet in one row only when a person's spelling
            // variant takes the English of a name also in the document.
            match row_of.get(&key) {
                Some(&r) => {
                    rows[r].2.extend(g.members);
                    rows[r].2.sort_unstable();
                }
                None => {
                    row_of.insert(key.clone(), rows.len());
                    rows.push((key, rename, g.members));
                }
            }
        }
        let mut placed = Placed {
            keys: Vec::with_capacity(rows.len()),
            of: vec![None; findings.len()],
            repeat: vec![false; findings.len()],
        };
        for (key, rename, members) in rows {
            let repeats = within_another(findings, &members);
            for (&i, &repeat) in members.iter().zip(&repeats) {
                placed.of[i] = Some(placed.keys.len());
                placed.repeat[i] = repeat;
            }
            self.fold_row(doc, findings, &key, rename, &members, &repeats, scripts);
            placed.keys.push(key);
        }
        placed
    }

    /// Folds the mentions `members` (in document order) of one row in;
    /// those that `repeats` marks add what they say but are not counted.
    #[allow(clippy::too_many_arguments)]
    fn fold_row(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        key: &Key,
        rename: Option<&str>,
        members: &[usize],
        repeats: &[bool],
        scripts: &dyn Scripts,
    ) {
        let doc_no = doc.ordinal();
        if key.0 == Kind::Person && !self.rows.contains_key(key) {
            self.index_person(key);
        }
        let first = &findings[members[0]];
        let row = self.rows.entry(key.clone()).or_insert_with(|| {
            let line = doc.line_of(first.span.start);
            Row {
                kind: Some(first.kind()),
                english: rename.unwrap_or(display_english(first)).to_string(),
                sense: key.3,
                context: doc.sentence(first.span).to_string(),
                source: format!("{}:{}", doc.id(), line),
                first: (doc.id().to_string(), line),
                ..Row::default()
            }
        });
        if row.last_doc != Some(doc_no) {
            row.last_doc = Some(doc_no);
            row.documents += 1;
        }
        for (&i, &repeat) in members.iter().zip(repeats) {
            let f = &findings[i];
            // Where this mention is, compared with a row's earliest without
            // allocating (most mentions are not a row's earliest); its line
            // is looked up only when the document does not decide (a later
            // piece of the same text starts after the row's earliest line).
            let mut looked_up = None;
            let mut earlier = |first: &(String, usize)| match doc.id().cmp(first.0.as_str()) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Equal => {
                    doc.first_line() < first.1
                        && *looked_up.get_or_insert_with(|| doc.line_of(f.span.start)) < first.1
                }
            };
            row.mentions += u64::from(!repeat);
            row.confidence = row.confidence.max(f.confidence);
            let first_here = earlier(&row.first);
            let chinese_here =
                !f.chinese.is_empty() && row.chinese_first.as_ref().is_none_or(&mut earlier);
            let line = || looked_up.unwrap_or_else(|| doc.line_of(f.span.start));
            if first_here {
                let line = line();
                row.first = (doc.id().to_string(), line);
                row.context = doc.sentence(f.span).to_string();
                row.source = format!("{}:{}", doc.id(), line);
                row.english = rename.unwrap_or(display_english(f)).to_string();
            }
            // The Chinese form comes from the earliest mention that has one.
            if chinese_here {
                let (simplified, traditional, pinyin) = scripts.scripts(&f.chinese);
                row.chinese_first = Some((doc.id().to_string(), line()));
                row.chinese = f.chinese.clone();
                row.simplified = simplified;
                row.traditional = traditional;
                row.pinyin = pinyin;
            }
            prefer(&mut row.acronym, &f.acronym);
            if !f.given_pinyin.is_empty() && row.pinyin.is_empty() {
                row.pinyin = f.given_pinyin.to_lowercase();
            }
            for v in &f.chinese_variants {
                if row.traditional.is_empty() || row.traditional == row.simplified {
                    row.traditional = v.clone();
                }
            }
            union_into(&mut row.titles, &f.titles);
            union_organisations(&mut row.organisations, &f.organisations);
            union_into(&mut row.aliases, &f.aliases);
            if f.kind() == Kind::Person {
                // Every form a person was written in: a spelling variant, a
                // form with or without middle initials (the row's own English
                // is left out when the rows are taken).
                union_into(&mut row.aliases, std::slice::from_ref(&f.english));
            }
            prefer(&mut row.rank, &f.rank);
        }
    }

    /// Maps each (name, local sense) of the document's persons to a sense of
    /// the glossary: the lowest existing one whose profile agrees, else a
    /// new one. A name seen nowhere before that is a spelling variant of a
    /// row whose titles or organisations it shares becomes that row (and the
    /// mentions take the row's English).
    fn place_persons(
        &self,
        findings: &[Finding],
        prepared: &[Group],
        scripts: &dyn Scripts,
    ) -> HashMap<(String, u32), (u32, Option<String>)> {
        // A name's profile, and the last mention that wrote it (its form is
        // the one compared with other spellings).
        let mut profiles: BTreeMap<(String, u32), (Profile, usize)> = BTreeMap::new();
        for g in prepared {
            let Some(name) = &g.person else { continue };
            let (p, last) = profiles.entry((name.clone(), g.key.3)).or_default();
            for &i in &g.members {
                let f = &findings[i];
                p.titles.extend(f.titles.iter().cloned());
                p.orgs.extend(f.organisations.iter().cloned());
                if !f.chinese.is_empty() && !p.chinese.contains(&f.chinese) {
                    p.chinese.push(f.chinese.clone());
                }
                if i >= *last {
                    *last = i;
                    p.written.clone_from(&f.english);
                }
            }
        }
        let groups = profiles.into_iter().map(|(k, (p, _))| (k, p));
        let mut out = HashMap::new();
        let mut taken: Vec<(String, u32)> = Vec::new();
        for ((name, local), p) in groups {
            let key_name = row_key(Kind::Person, &name, "", 0).1;
            let existing = self.senses_of(&key_name);
            if existing.is_empty() {
                let mut variants: Vec<(Key, &Row)> = self
                    .same_surname(&key_name)
                    .into_iter()
                    .filter(|(_, r)| {
                        scripts.is_name_variant(&r.english, &p.written)
                            && ((shares(&r.titles, &p.titles)
                                && compatible(&r.organisations, &p.orgs))
                                || (shares(&r.organisations, &p.orgs)
                                    && compatible(&r.titles, &p.titles)))
                    })
                    .collect();
                variants.sort_by(|a, b| a.0.cmp(&b.0));
                if let Some((k, r)) = variants.first() {
                    out.insert((name, local), (k.3, Some(r.english.clone())));
                    continue;
                }
            }
            // (The Chinese forms matter only for a public figure's name.)
            let famous = scripts.famous().and_then(|f| f.chinese_of(&key_name));
            let simplified: Vec<String> = match famous {
                Some(_) => p.chinese.iter().map(|c| scripts.simplified(c)).collect(),
                None => Vec::new(),
            };
            let chinese: Vec<&str> = simplified.iter().map(String::as_str).collect();
            let sense = place_sense(
                &existing,
                |r| same_person(r, &p.titles, &p.orgs, &chinese, famous),
                |s| !taken.contains(&(name.clone(), s)),
            );
            taken.push((name.clone(), sense));
            out.insert((name, local), (sense, None));
        }
        out
    }

    /// Records a new person row in the indexes.
    fn index_person(&mut self, key: &Key) {
        let senses = self.person_senses.entry(key.1.clone()).or_default();
        if senses.is_empty() {
            let surname = key.1.split(' ').next().unwrap_or("").to_string();
            self.person_names
                .entry(surname)
                .or_default()
                .push(key.1.clone());
        }
        if !senses.contains(&key.3) {
            senses.push(key.3);
        }
    }

    /// The rows of a person's name (folded), by sense.
    fn senses_of(&self, key_name: &str) -> BTreeMap<u32, &Row> {
        let Some(senses) = self.person_senses.get(key_name) else {
            return BTreeMap::new();
        };
        senses
            .iter()
            .filter_map(|&s| {
                let key = (Kind::Person, key_name.to_string(), String::new(), s);
                self.rows.get(&key).map(|r| (s, r))
            })
            .collect()
    }

    /// Person rows whose name starts with the same word as `key_name`.
    fn same_surname(&self, key_name: &str) -> Vec<(Key, &Row)> {
        let surname = key_name.split(' ').next().unwrap_or("");
        let mut out = Vec::new();
        for name in self
            .person_names
            .get(surname)
            .map(Vec::as_slice)
            .unwrap_or(&[])
        {
            for (s, r) in self.senses_of(name) {
                out.push(((Kind::Person, name.clone(), String::new(), s), r));
            }
        }
        out
    }

    /// Adds the rows of one glossary (for `merge`). A person row joins the
    /// row of the same name whose profile agrees; namesakes stay apart.
    pub fn add_rows(&mut self, rows: Vec<Row>, famous: &Famous) {
        let mut taken: Vec<(String, u32)> = Vec::new();
        for mut row in rows {
            if row.kind() == Kind::Person && !row.english.is_empty() {
                let key_name = row_key(Kind::Person, &row.english, "", 0).1;
                let existing = self.senses_of(&key_name);
                let sense = place_sense(
                    &existing,
                    |r| {
                        same_person(
                            r,
                            &row.titles,
                            &row.organisations,
                            &[row.simplified.as_str()],
                            famous.chinese_of(&key_name),
                        )
                    },
                    |s| !taken.contains(&(key_name.clone(), s)),
                );
                taken.push((key_name, sense));
                row.sense = sense;
            }
            self.add_row(row);
        }
    }

    /// Adds a row read back from a glossary (for `merge`).
    pub fn add_row(&mut self, mut row: Row) {
        let key = row_key(row.kind(), &row.english, &row.simplified, row.sense);
        row.last_doc = None;
        match self.rows.get_mut(&key) {
            None => {
                if key.0 == Kind::Person {
                    self.index_person(&key);
                }
                self.rows.insert(key, row);
            }
            Some(have) => merge_rows(have, row),
        }
    }

    /// The finished rows: acronym-only rows folded into the pair that has the
    /// same English, ids assigned, sorted by kind, English and Chinese.
    pub fn into_rows(self) -> Vec<Row> {
        self.into_rows_with_ids().0
    }

    /// The finished rows, and the id each key ended in (for `--mentions`).
    pub fn into_rows_with_ids(self) -> (Vec<Row>, HashMap<Key, String>) {
        let mut rows: BTreeMap<Key, Row> = self.rows.into_iter().collect();
        let mut folded = fold_acronyms(&mut rows);
        folded.extend(fold_terms_into_persons(&mut rows));
        folded.extend(fold_organisation_names(&mut rows));
        let mut rows: Vec<(Key, Row)> = rows.into_iter().collect();
        // Namesakes (person rows of one name, or with no English at all)
        // come in the order the texts first name them, not by their sense
        // numbers: those depend on the order documents (or the glossaries
        // of shards) were folded in.
        let namesake_order = |r: &Row| (r.kind() == Kind::Person).then(|| r.first.clone());
        rows.sort_by(|(ka, a), (kb, b)| {
            (
                a.kind(),
                a.english.to_lowercase(),
                namesake_order(a),
                ka.3,
                &a.simplified,
                &a.chinese,
            )
                .cmp(&(
                    b.kind(),
                    b.english.to_lowercase(),
                    namesake_order(b),
                    kb.3,
                    &b.simplified,
                    &b.chinese,
                ))
        });
        let mut plain: Vec<Row> = rows.iter().map(|(_, r)| r.clone()).collect();
        for r in &mut plain {
            let english = r.english.clone();
            // (Neither the row's name, in any case or apostrophe, nor its
            // acronym is another form.)
            if r.acronym == english {
                r.acronym.clear();
            }
            let acronym = r.acronym.clone();
            r.aliases.retain(|a| {
                !crate::align::same_but_case_and_apostrophes(a, &english) && *a != acronym
            });
            // A title the English text gave bare and the Chinese text gave
            // with its Chinese is one title: `datuk seri (拿督斯里)`.
            let with_chinese: Vec<String> = r
                .titles
                .iter()
                .filter_map(|t| t.strip_suffix(')').and_then(|t| t.rsplit_once(" (")))
                .map(|(bare, _)| bare.to_string())
                .collect();
            r.titles.retain(|t| !with_chinese.contains(t));
        }
        assign_ids(&mut plain);
        let mut ids: HashMap<Key, String> = rows
            .into_iter()
            .zip(&plain)
            .map(|((k, _), r)| (k, r.id.clone()))
            .collect();
        for (from, to) in folded {
            if let Some(id) = ids.get(&to).cloned() {
                ids.insert(from, id);
            }
        }
        (plain, ids)
    }
}

/// The sense a person takes among the existing senses of the name: the
/// lowest free one that `agrees`, else a new one.
fn place_sense(
    existing: &BTreeMap<u32, &Row>,
    agrees: impl Fn(&Row) -> bool,
    free: impl Fn(u32) -> bool,
) -> u32 {
    existing
        .iter()
        .filter(|(s, _)| free(**s))
        .find(|(_, r)| agrees(r))
        .map(|(s, _)| *s)
        .unwrap_or_else(|| {
            let mut s = existing.keys().max().map_or(0, |m| m + 1);
            while !free(s) {
                s += 1;
            }
            s
        })
}

/// A title or body without the form the text wrote it in (`director (局长)`
/// → `director`).
fn without_written_form(t: &str) -> &str {
    match t.rfind(" (") {
        Some(i) if t.ends_with(')') && i > 0 => &t[..i],
        _ => t,
    }
}

/// Two lists of titles (or organisations) can describe one person unless
/// both are given and none of one is in the other. A title's Chinese in
/// brackets is left out of the comparison: `director (局长)` and
/// `director (局長)` are one title in two scripts.
fn compatible(a: &[String], b: &[String]) -> bool {
    if a.is_empty() || b.is_empty() {
        return true;
    }
    let core = |t: &str| without_written_form(t).to_lowercase();
    a.iter().any(|x| {
        let x = core(x);
        b.iter().any(|y| {
            let y = core(y);
            x.contains(&y) || y.contains(&x)
        })
    })
}

/// True when a person with these titles, organisations and (simplified)
/// Chinese forms may be the person of `row`: their organisations agree, and
/// so do their titles or, for a name the dictionary gives one person of our
/// time (`famous`, that person's Chinese), their Chinese forms.
fn same_person(
    row: &Row,
    titles: &[String],
    orgs: &[String],
    chinese: &[&str],
    famous: Option<&[&str]>,
) -> bool {
    if !compatible(&row.organisations, orgs) {
        return false;
    }
    compatible(&row.titles, titles)
        || famous.is_some_and(|known| {
            let fits = |zh: &str| zh.is_empty() || known.contains(&zh);
            fits(&row.simplified) && chinese.iter().all(|zh| fits(zh))
        })
}

/// A person's titles, organisations, name as written and Chinese forms, in
/// one document.
#[derive(Debug, Default)]
struct Profile {
    titles: Vec<String>,
    orgs: Vec<String>,
    written: String,
    chinese: Vec<String>,
}

/// True when both lists are given and share an entry.
fn shares(a: &[String], b: &[String]) -> bool {
    !a.is_empty() && !b.is_empty() && compatible(a, b)
}

/// Keeps the smaller non-empty value, so the result does not depend on
/// the order values arrive in.
fn prefer(into: &mut String, value: &str) {
    if !value.is_empty() && (into.is_empty() || value < into.as_str()) {
        *into = value.to_string();
    }
}

/// Adds `b` into `a` (same key): counts add, lists union, the earliest
/// occurrence's context wins.
fn merge_rows(a: &mut Row, b: Row) {
    // (A person's row keeps both names as written; the earlier one heads it.)
    let a_english = (a.kind() == Kind::Person).then(|| a.english.clone());
    a.mentions += b.mentions;
    a.documents += b.documents;
    a.confidence = a.confidence.max(b.confidence);
    if b.first < a.first {
        a.first = b.first.clone();
        a.context = b.context.clone();
        a.source = b.source.clone();
        a.english = b.english.clone();
        if !b.chinese.is_empty() {
            a.chinese = b.chinese.clone();
            a.simplified = b.simplified.clone();
            a.traditional = b.traditional.clone();
            a.pinyin = b.pinyin.clone();
        }
    }
    if a.chinese.is_empty() && !b.chinese.is_empty() {
        a.chinese = b.chinese.clone();
        a.simplified = b.simplified.clone();
        a.traditional = b.traditional.clone();
        a.pinyin = b.pinyin.clone();
    }
    prefer(&mut a.acronym, &b.acronym);
    prefer(&mut a.rank, &b.rank);
    union_into(&mut a.titles, &b.titles);
    union_organisations(&mut a.organisations, &b.organisations);
    union_into(&mut a.aliases, &b.aliases);
    if let Some(a_english) = a_english {
        union_into(&mut a.aliases, &[a_english, b.english]);
    }
}

fn union_into(into: &mut Vec<String>, from: &[String]) {
    let before = into.len();
    for x in from {
        if !x.is_empty() && !into.iter().any(|y| y.eq_ignore_ascii_case(x)) {
            into.push(x.clone());
        }
    }
    // Lists are kept sorted (they start empty, or sorted when read from a
    // file): only an addition needs a sort.
    if into.len() != before {
        sort_list(into);
    }
}

/// Like [`union_into`], for a person's organisations: one body written two
/// ways (`Federal Bureau of Investigation (FBI)`, `Federal Bureau of
/// Investigation (联邦调查局)`) is listed once, by its Chinese form where
/// there is one. The choice depends on the set alone, so merging stays
/// order-free.
fn union_organisations(into: &mut Vec<String>, from: &[String]) {
    let before = into.len();
    union_into(into, from);
    if into.len() == before {
        return;
    }
    let name = |o: &str| without_written_form(o).to_lowercase();
    // A form with its Chinese first, then one with any written form, then
    // the earlier in the (sorted) list.
    let rank = |k: usize| {
        let o = &into[k];
        (
            o.chars().any(crate::script::is_han),
            o.contains(" ("),
            std::cmp::Reverse(k),
        )
    };
    // (Lists are short: a quadratic pass is the plain way.)
    let mut keep = vec![true; into.len()];
    for i in 0..into.len() {
        keep[i] = !(0..into.len())
            .any(|j| j != i && keep[j] && name(&into[i]) == name(&into[j]) && rank(j) > rank(i));
    }
    let mut k = 0;
    into.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// The order of a row's lists (titles, organisations, aliases): case folded.
pub(crate) fn sort_list(list: &mut [String]) {
    list.sort_by_key(|s| s.to_lowercase());
}

/// An acronym row with no Chinese whose long form is also the English of a
/// pair becomes part of that pair's row. Returns which keys went where.
/// A term row whose English is the name of exactly one person row, with
/// the same Chinese or none there, is that person: a gloss the text gave
/// without a title (`布林肯(Antony Blinken)`) in one document, with one in
/// another. (Not when both rows start in one document: their document counts
/// could not be added.) Returns which keys went where.
fn fold_terms_into_persons(rows: &mut BTreeMap<Key, Row>) -> Vec<(Key, Key)> {
    let mut persons: BTreeMap<&str, Vec<&Key>> = BTreeMap::new();
    for k in rows.keys().filter(|k| k.0 == Kind::Person) {
        persons.entry(k.1.as_str()).or_default().push(k);
    }
    let moves: Vec<(Key, Key)> = rows
        .iter()
        .filter(|(k, _)| k.0 == Kind::Term && !k.2.is_empty())
        .filter_map(|(k, _)| {
            let [p] = persons.get(k.1.as_str())?.as_slice() else {
                return None;
            };
            let person = &rows[*p];
            let term = &rows[k];
            ((person.simplified.is_empty() || person.simplified == k.2)
                && person.first.0 != term.first.0)
                .then(|| (k.clone(), (*p).clone()))
        })
        .collect();
    fold_rows(rows, &moves, false);
    moves
}

/// Folds each row `from` into the row `to` (counts add, lists union); with
/// `alias`, the folded row's English becomes an alias of the other.
fn fold_rows(rows: &mut BTreeMap<Key, Row>, moves: &[(Key, Key)], alias: bool) {
    for (from, to) in moves {
        if let Some(r) = rows.remove(from)
            && let Some(into) = rows.get_mut(to)
        {
            let english = alias.then(|| r.english.clone());
            merge_rows(into, r);
            if let Some(english) = english {
                union_into(&mut into.aliases, &[english]);
            }
        }
    }
}

/// Organisation rows with the same Chinese whose English is the same words
/// spelt otherwise (`Brooking Institute` and `Brookings Institution` for
/// 布鲁金斯学会: word by word, the same stem), or whose English is the
/// other's acronym or alias (`FBI` and `Federal Bureau of Investigation`,
/// FBI, for 联邦调查局), are one body: the later rows fold into the one
/// the texts name first, their English an alias.
/// (As for terms and persons, not when the rows start in one document,
/// whose count could not be added.) Returns which keys went where.
fn fold_organisation_names(rows: &mut BTreeMap<Key, Row>) -> Vec<(Key, Key)> {
    let mut by_chinese: BTreeMap<&str, Vec<&Key>> = BTreeMap::new();
    for (k, r) in rows.iter() {
        if k.0 == Kind::Organisation && !r.simplified.is_empty() && !r.english.is_empty() {
            by_chinese.entry(r.simplified.as_str()).or_default().push(k);
        }
    }
    let mut moves: Vec<(Key, Key)> = Vec::new();
    for group in by_chinese.values_mut().filter(|g| g.len() > 1) {
        // The row the texts name first takes the others that spell it.
        group.sort_by(|a, b| rows[*a].first.cmp(&rows[*b].first).then(a.cmp(b)));
        let mut taken = vec![false; group.len()];
        for t in 0..group.len() {
            if taken[t] {
                continue;
            }
            let target = &rows[group[t]];
            for v in t + 1..group.len() {
                let row = &rows[group[v]];
                if !taken[v]
                    && row.first.0 != target.first.0
                    && (crate::align::same_words_spelt_otherwise(&row.english, &target.english)
                        || names_the_other(row, target)
                        || names_the_other(target, row))
                {
                    taken[v] = true;
                    moves.push((group[v].clone(), group[t].clone()));
                }
            }
        }
    }
    fold_rows(rows, &moves, true);
    moves
}

/// True when `a`'s name is `b`'s acronym or one of `b`'s other forms (`FBI`
/// glossing 联邦调查局 in one text, the `Federal Bureau of Investigation`,
/// FBI, named by 聯邦調查局 in another).
fn names_the_other(a: &Row, b: &Row) -> bool {
    let same = |x: &str| crate::align::same_but_case_and_apostrophes(x, &a.english);
    (!b.acronym.is_empty() && same(&b.acronym)) || b.aliases.iter().any(|x| same(x))
}

fn fold_acronyms(rows: &mut BTreeMap<Key, Row>) -> Vec<(Key, Key)> {
    let acronym_only: Vec<Key> = rows
        .iter()
        .filter(|(k, r)| k.2.is_empty() && !r.acronym.is_empty() && r.kind() == Kind::Term)
        .map(|(k, _)| k.clone())
        .collect();
    let mut moved = Vec::new();
    for k in acronym_only {
        let target = rows
            .keys()
            .find(|t| t.0 == k.0 && t.1 == k.1 && !t.2.is_empty() && t.3 == k.3)
            .cloned();
        if let Some(t) = target
            && let Some(r) = rows.remove(&k)
            && let Some(into) = rows.get_mut(&t)
        {
            prefer(&mut into.acronym, &r.acronym);
            moved.push((k, t));
        }
    }
    moved
}

/// `kind:slug`, with `-2`, `-3` … for repeats, in output order.
fn assign_ids(rows: &mut [Row]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in rows.iter_mut() {
        let base_text = if !r.english.is_empty() {
            r.english.clone()
        } else if !r.pinyin.is_empty() {
            r.pinyin.clone()
        } else {
            r.chinese.clone()
        };
        let slug = slug(&base_text);
        let base = format!(
            "{}:{}",
            r.kind().as_str(),
            if slug.is_empty() {
                "x".to_string()
            } else {
                slug
            }
        );
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        r.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}

/// Lowercase ASCII words joined by `-`; tone marks dropped; Chinese kept.
pub fn slug(s: &str) -> String {
    let plain = crate::hanzi::strip_tones(s);
    let mut out = String::new();
    let mut dash = false;
    for c in plain.chars() {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
        if out.len() > 60 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Span;

    struct Same;
    impl Scripts for Same {
        fn scripts(&self, chinese: &str) -> (String, String, String) {
            (
                chinese.replace('長', "长"),
                chinese.replace('长', "長"),
                String::new(),
            )
        }
    }

    fn pair(en: &str, zh: &str, at: usize) -> Finding {
        Finding {
            kind: Some(Kind::Term),
            english: en.into(),
            chinese: zh.into(),
            span: Span::new(at, at + 1),
            confidence: 0.8,
            ..Finding::default()
        }
    }

    #[test]
    fn same_pair_counts_up_and_two_glosses_are_two_rows() {
        let mut g = Glossary::new();
        let d1 = Document::new("a.txt", "x\ny");
        let d2 = Document::new("b.txt", "z").with_ordinal(1);
        g.add_document(
            &d1,
            &[pair("gossip", "小道消息", 0), pair("Gossip", "小道消息", 2)],
            &Same,
        );
        g.add_document(
            &d2,
            &[
                pair("gossip", "小道消息", 0),
                pair("hearsay", "小道消息", 0),
            ],
            &Same,
        );
        let rows = g.into_rows();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (
                rows[0].english.as_str(),
                rows[0].mentions,
                rows[0].documents
            ),
            ("gossip", 3, 2)
        );
        assert_eq!(rows[0].source, "a.txt:1");
        assert_eq!(rows[0].id, "term:gossip");
        assert_eq!(rows[1].english, "hearsay");
    }

    #[test]
    fn the_earliest_mention_gives_context_and_source_whatever_the_order() {
        // Two pieces of one text, the later folded first, and a later
        // mention listed before an earlier one within a piece: the row's
        // source and context are the earliest line's.
        let mut g = Glossary::new();
        let pieces = [
            (
                Document::new("a.txt", "late one\nlate two").with_first_line(10),
                vec![9],
            ),
            (Document::new("a.txt", "first\nsecond\nthird"), vec![13, 6]),
        ];
        for (doc, at) in &pieces {
            let found: Vec<Finding> = at.iter().map(|&a| pair("gossip", "小道消息", a)).collect();
            g.add_document(doc, &found, &Same);
        }
        let rows = g.into_rows();
        assert_eq!(rows.len(), 1, "{rows:?}");
        let r = &rows[0];
        assert_eq!(
            (r.source.as_str(), r.context.as_str()),
            ("a.txt:2", "second")
        );
        assert_eq!((r.mentions, r.documents), (3, 1));
    }

    /// Scripts for which `Zhou Jianmin` is a spelling variant of `Zhou Jianming`.
    struct Variants;
    impl Scripts for Variants {
        fn scripts(&self, chinese: &str) -> (String, String, String) {
            Same.scripts(chinese)
        }
        fn is_name_variant(&self, a: &str, b: &str) -> bool {
            a == "Zhou Jianming" && b.eq_ignore_ascii_case("Zhou Jianmin")
        }
    }

    fn person(en: &str, at: usize) -> Finding {
        Finding {
            kind: Some(Kind::Person),
            english: en.into(),
            titles: vec!["vice minister".into()],
            span: Span::new(at, at + 1),
            confidence: 0.7,
            ..Finding::default()
        }
    }

    #[test]
    fn a_spelling_variant_and_its_name_in_one_document_fold_into_one_row() {
        let mut g = Glossary::new();
        let d1 = Document::new("a.txt", "x");
        g.add_document(&d1, &[person("Zhou Jianming", 0)], &Variants);
        // The variant comes first in the document and is placed on the
        // row of the name, which the document also names.
        let d2 = Document::new("b.txt", "x\ny").with_ordinal(1);
        let found = [
            person("Zhou Jianmin", 2),
            person("Zhou Jianming", 0),
            person("zhou jianmin", 1),
        ];
        let placed = g.add_document(&d2, &found, &Variants);
        assert_eq!(placed.key(0), placed.key(1));
        assert_eq!(placed.key(1), placed.key(2));
        let rows = g.into_rows();
        assert_eq!(rows.len(), 1, "{rows:?}");
        let r = &rows[0];
        assert_eq!(
            (r.english.as_str(), r.mentions, r.documents),
            ("Zhou Jianming", 4, 2)
        );
        assert_eq!(r.source, "a.txt:1");
        assert!(
            r.aliases.iter().any(|a| a == "Zhou Jianmin"),
            "{:?}",
            r.aliases
        );
    }

    /// A small dictionary of invented people: one of our time, one of the
    /// Tang, a name two people share, and one person with two entries.
    fn famous() -> Famous {
        let text = "\
喬文翰 乔文翰 [Qiao2 Wen2 han4] /Qiao Wenhan (1950-), statesman/
盧承風 卢承风 [Lu2 Cheng2 feng1] /Lu Chengfeng (701-761), poet/
方明 方明 [Fang1 Ming2] /Fang Ming (1960-), singer/
房明 房明 [Fang2 Ming2] /Fang Ming (1921-1990), general/
席遠 席远 [Xi2 Yuan3] /Xi Yuan (1899-1975), reformer/
席子遠 席子远 [Xi2 Zi3 yuan3] /Xi Yuan (1899-1975), reformer/also called 席遠/
";
        Famous::from_cedict(&crate::cedict::Cedict::parse_str("test", text).unwrap())
    }

    #[test]
    fn famous_people_are_modern_and_named_once() {
        let f = famous();
        assert_eq!(f.chinese_of("qiao wenhan"), Some(&["乔文翰"][..]));
        assert_eq!(f.chinese_of("lu chengfeng"), None, "born before 1850");
        assert_eq!(f.chinese_of("fang ming"), None, "two people");
        assert_eq!(f.chinese_of("xi yuan"), Some(&["席远", "席子远"][..]));
        assert_eq!(f.len(), 2);
    }

    struct Knows(Famous);
    impl Scripts for Knows {
        fn scripts(&self, chinese: &str) -> (String, String, String) {
            Same.scripts(chinese)
        }
        fn famous(&self) -> Option<&Famous> {
            Some(&self.0)
        }
    }

    fn titled(en: &str, zh: &str, title: &str, org: &str) -> Finding {
        Finding {
            kind: Some(Kind::Person),
            english: en.into(),
            chinese: zh.into(),
            titles: vec![title.into()],
            organisations: [org]
                .iter()
                .filter(|o| !o.is_empty())
                .map(|o| o.to_string())
                .collect(),
            span: Span::new(0, 1),
            confidence: 0.7,
            ..Finding::default()
        }
    }

    /// Persons, each in a document of its own: the rows they make with
    /// `scripts`, as (titles, Chinese).
    fn placed(scripts: &dyn Scripts, people: &[Finding]) -> Vec<(Vec<String>, String)> {
        let mut g = Glossary::new();
        for (i, p) in people.iter().enumerate() {
            let d = Document::new(format!("{i}.txt"), "x").with_ordinal(i as u64);
            g.add_document(&d, std::slice::from_ref(p), scripts);
        }
        g.into_rows()
            .into_iter()
            .map(|r| (r.titles, r.chinese))
            .collect()
    }

    #[test]
    fn a_public_figure_given_other_titles_elsewhere_is_one_row() {
        let people = [
            titled("Qiao Wenhan", "", "president", ""),
            titled("Qiao Wenhan", "乔文翰", "party leader", ""),
            titled("Qiao Wenhan", "", "chairman", "Military Commission"),
        ];
        let rows = placed(&Knows(famous()), &people);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].0, ["chairman", "party leader", "president"]);
        assert_eq!(rows[0].1, "乔文翰");
        // Without the dictionary, titles that share nothing are namesakes.
        assert_eq!(placed(&Same, &people).len(), 3);
    }

    #[test]
    fn a_public_figures_namesake_stays_apart() {
        let k = Knows(famous());
        // Another Chinese name spelt the same way.
        let other_chinese = [
            titled("Qiao Wenhan", "乔文翰", "president", ""),
            titled("Qiao Wenhan", "乔文汉", "professor", ""),
        ];
        assert_eq!(placed(&k, &other_chinese).len(), 2);
        // Organisations that share nothing.
        let other_body = [
            titled("Qiao Wenhan", "", "president", "State Council"),
            titled("Qiao Wenhan", "", "professor", "Fudan University"),
        ];
        assert_eq!(placed(&k, &other_body).len(), 2);
        // A name the dictionary gives two people.
        let shared = [
            titled("Fang Ming", "", "singer", ""),
            titled("Fang Ming", "", "general", ""),
        ];
        assert_eq!(placed(&k, &shared).len(), 2);
    }

    #[test]
    fn merging_places_a_public_figure_as_extraction_does() {
        let people = [
            titled("Qiao Wenhan", "", "president", ""),
            titled("Qiao Wenhan", "乔文翰", "party leader", ""),
            titled("Qiao Wenhan", "乔文汉", "professor", ""),
        ];
        let k = Knows(famous());
        let whole = placed(&k, &people);
        let shards: Vec<Vec<Row>> = people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let mut g = Glossary::new();
                let d = Document::new(format!("{i}.txt"), "x").with_ordinal(i as u64);
                g.add_document(&d, std::slice::from_ref(p), &k);
                g.into_rows()
            })
            .collect();
        for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let mut g = Glossary::new();
            for i in order {
                g.add_rows(shards[i].clone(), &k.0);
            }
            let merged: Vec<(Vec<String>, String)> = g
                .into_rows()
                .into_iter()
                .map(|r| (r.titles, r.chinese))
                .collect();
            assert_eq!(merged, whole, "order {order:?}");
        }
        assert_eq!(whole.len(), 2, "{whole:?}");
    }

    #[test]
    fn a_place_within_another_of_the_row_is_no_new_mention() {
        let at = |a: usize, b: usize| Finding {
            span: Span::new(a, b),
            ..Finding::default()
        };
        // Found: a pair over 10..40, the name (10..30) and the acronym
        // (33..36) inside it, the same pair again, a later mention, and one
        // that overlaps the pair without lying within it.
        let found = [
            at(10, 30),
            at(50, 53),
            at(10, 40),
            at(33, 36),
            at(10, 40),
            at(38, 45),
        ];
        let all: Vec<usize> = (0..found.len()).collect();
        assert_eq!(
            within_another(&found, &all),
            [true, false, false, true, true, false]
        );
        // Only the row's own findings count: without the pair, its name
        // and acronym are mentions.
        assert_eq!(within_another(&found, &[0, 3]), [false, false]);
    }

    #[test]
    fn an_organisation_spelt_otherwise_elsewhere_is_one_row() {
        let org = |en: &str| Finding {
            kind: Some(Kind::Organisation),
            english: en.into(),
            chinese: "湖畔政策研究所".into(),
            span: Span::new(0, 1),
            confidence: 0.9,
            ..Finding::default()
        };
        let fold = |docs: &[(&str, &[&str])]| {
            let mut g = Glossary::new();
            for (i, (name, names)) in docs.iter().enumerate() {
                let d = Document::new(*name, "x").with_ordinal(i as u64);
                let found: Vec<Finding> = names.iter().map(|n| org(n)).collect();
                g.add_document(&d, &found, &Same);
            }
            g.into_rows()
        };
        // The later document's spelling becomes an alias of the earlier's.
        let rows = fold(&[
            ("b.txt", &["Lakeside Policy Institutes"]),
            ("a.txt", &["Lakeside Policy Institute"]),
        ]);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].english, "Lakeside Policy Institute");
        assert_eq!(rows[0].aliases, ["Lakeside Policy Institutes"]);
        assert_eq!((rows[0].mentions, rows[0].documents), (2, 2));
        // Other words, or both spellings from the start of one text: apart.
        let rows = fold(&[
            ("a.txt", &["Lakeside Policy Institute"]),
            ("b.txt", &["Lakeside Research Institute"]),
        ]);
        assert_eq!(rows.len(), 2, "{rows:?}");
        let rows = fold(&[(
            "a.txt",
            &["Lakeside Policy Institute", "Lakeside Policy Institutes"],
        )]);
        assert_eq!(rows.len(), 2, "{rows:?}");
    }

    #[test]
    fn an_organisation_named_by_its_acronym_elsewhere_is_one_row() {
        // One text glosses the body by its acronym, another names it in
        // full with that acronym: one row, under the name the texts give
        // first.
        let org = |en: &str, acronym: &str| Finding {
            kind: Some(Kind::Organisation),
            english: en.into(),
            chinese: "湖畔研究所".into(),
            acronym: acronym.into(),
            span: Span::new(0, 1),
            confidence: 0.9,
            ..Finding::default()
        };
        let mut g = Glossary::new();
        let a = Document::new("a.txt", "x").with_ordinal(0);
        let b = Document::new("b.txt", "x").with_ordinal(1);
        g.add_document(&a, &[org("LPI", "")], &Same);
        g.add_document(&b, &[org("Lakeside Policy Institute", "LPI")], &Same);
        let rows = g.into_rows();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].english, "LPI");
        assert_eq!(rows[0].aliases, ["Lakeside Policy Institute"]);
        assert_eq!(rows[0].acronym, "", "its name is the acronym");
        assert_eq!(rows[0].documents, 2);
    }

    #[test]
    fn scripts_meet_in_one_row() {
        let mut g = Glossary::new();
        let d = Document::new("a", "x");
        g.add_document(
            &d,
            &[
                pair("Chang An Jian", "長安劍", 0),
                pair("Chang An Jian", "长安劍", 0),
            ],
            &Same,
        );
        assert_eq!(g.into_rows().len(), 1);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Dong Jingwei"), "dong-jingwei");
        assert_eq!(slug("People’s Bank of China"), "people-s-bank-of-china");
        assert_eq!(slug("dǒng jīng wěi"), "dong-jing-wei");
    }
}
