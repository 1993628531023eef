//! Where an English gloss begins: `… English gloss (中文)`.
//!
//! The right edge is the bracket. The left edge is chosen among candidate
//! spans — every suffix of the clause before the bracket that starts on a
//! content word, plus a quoted span that ends at the bracket — by a score:
//! how much of the Chinese the candidate's words explain (dictionary and
//! transliteration), minus its unexplained content words, plus what the
//! syntax says (quotes, whole title-case names, clean boundaries).
//!
//! A romanisation right before the bracket (`“examined and approved,” or
//! shenyi (审议)`) is recognised because it spells the Chinese; it is
//! reported as pinyin and the gloss is sought before it.

use crate::align::{ChineseSide, is_function_word};
use crate::document::Span;
use crate::script::{
    char_at, closing_quote_for, is_close_quote, is_han, is_open_quote, opening_quote_for,
    rfind_char,
};
use crate::tokens::alnum_run;

/// How far back (bytes) a gloss is sought.
const WINDOW: usize = 500;
/// The most words a gloss may have.
const MAX_WORDS: usize = 30;

/// A token of the text before a bracket.
#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Word(Span),
    /// An opening quotation mark.
    Open(Span, char),
    /// A closing quotation mark.
    Close(Span, char),
    /// Clause punctuation (`,` `;` `—` …): a gloss does not cross it unless
    /// it sits inside quotes.
    Soft(Span),
    /// A hard boundary (sentence end, line start, Han text, a bracket).
    Hard,
}

/// A chosen gloss.
#[derive(Clone, Debug, PartialEq)]
pub struct Gloss {
    /// The gloss text's span (quotes excluded).
    pub span: Span,
    /// How sure the choice is, 0 to 1.
    pub confidence: f32,
    /// A romanisation that stood between the gloss and the bracket.
    pub pinyin: Option<Span>,
    /// Which rule decided.
    pub rule: &'static str,
}

/// Buffers that [`english_gloss_with`] reuses from one bracket to the next:
/// a long text has thousands of brackets, and each took a dozen small
/// vectors of its own.
#[derive(Debug, Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    lists: Lists,
}

/// The candidate lists of [`choose`].
#[derive(Debug, Default)]
struct Lists {
    cands: Vec<Candidate>,
    quoted_words: Vec<usize>,
    rev: Vec<usize>,
    fwd: Vec<usize>,
}

/// Finds the English gloss that ends right before byte `end` (the opening
/// bracket) for the Chinese term `zh`.
pub fn english_gloss(text: &str, end: usize, zh: &ChineseSide<'_>) -> Option<Gloss> {
    english_gloss_with(text, end, zh, &mut Scratch::default())
}

/// [`english_gloss`] with buffers kept by the caller.
pub fn english_gloss_with(
    text: &str,
    end: usize,
    zh: &ChineseSide<'_>,
    scratch: &mut Scratch,
) -> Option<Gloss> {
    let toks = &mut scratch.toks;
    tokenize(text, end, toks);
    // Trailing romanisation: lowercase words that spell the Chinese, after
    // `or` or a comma.
    let mut pinyin = None;
    if let Some((py, cut)) = trailing_pinyin(text, toks, zh) {
        pinyin = Some(py);
        toks.truncate(cut);
        while matches!(toks.last(), Some(Tok::Soft(_))) || last_word_is(text, toks, "or") {
            toks.pop();
        }
    }
    choose(text, toks, zh, &mut scratch.lists).map(|(span, confidence, rule)| Gloss {
        span,
        confidence,
        pinyin,
        rule,
    })
}

fn last_word_is(text: &str, toks: &[Tok], w: &str) -> bool {
    matches!(toks.last(), Some(Tok::Word(s)) if text[s.range()].eq_ignore_ascii_case(w))
}

/// Tokens of the clause before `end`, in text order, into `toks`; the first
/// is always `Hard` (the window's start).
fn tokenize(text: &str, end: usize, toks: &mut Vec<Tok>) {
    let mut start = end.saturating_sub(WINDOW);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    // Nothing before the last hard boundary is ever looked at (candidates
    // and name checks stop there): start at it.
    if let Some(at) = last_hard_boundary(&text[start..end]) {
        start += at;
    }
    let s = &text[start..end];
    toks.clear();
    toks.push(Tok::Hard);
    let word_char = crate::tokens::is_word_char;
    let mut off = 0;
    let mut prev: Option<char> = None;
    let bytes = s.as_bytes();
    while let Some((c, len)) = char_at(s, off) {
        // A space only separates (and is what `prev` says it is).
        if c == ' ' {
            prev = Some(c);
            off += 1;
            continue;
        }
        let at = start + off;
        // The character after, for the few marks that look at it.
        let next = || char_at(s, off + len).map(|(c, _)| c);
        if word_char(c) {
            let mut j = off + len;
            loop {
                // ASCII letters and digits need no decoding.
                j += alnum_run(&bytes[j..]);
                let Some((d, dl)) = char_at(s, j) else {
                    break;
                };
                let inner_joiner = matches!(d, '-' | '\'' | '’' | '&' | '.')
                    && char_at(s, j + dl).is_some_and(|(n, _)| word_char(n));
                if word_char(d) || inner_joiner {
                    j += dl;
                } else {
                    break;
                }
            }
            // `U.S.` keeps its final dot.
            let mut stop = j;
            if s[j..].starts_with('.') && s[off..j].contains('.') {
                stop = j + 1;
            }
            toks.push(Tok::Word(Span::new(at, start + stop)));
            prev = s[..stop].chars().next_back();
            off = stop;
            continue;
        }
        let span = Span::new(at, at + c.len_utf8());
        match c {
            '\n' | '\r' => toks.push(Tok::Hard),
            _ if is_han(c) => toks.push(Tok::Hard),
            '(' | ')' | '（' | '）' | '[' | ']' => toks.push(Tok::Hard),
            '.' | '!' | '?' | '。' | '！' | '？' => {
                // A full stop after a single capital is an initial (`John L.`),
                // after `No` or `Dr` an abbreviation (`Document No. 9`).
                let after_space = || char_at(s, off + len + 1).map(|(c, _)| c);
                let initial = c == '.'
                    && next() == Some(' ')
                    && matches!(toks.last(), Some(Tok::Word(w))
                        if w.end - w.start == 1
                            || crate::tokens::is_abbreviation(&text[w.range()], after_space()));
                if !initial {
                    toks.push(Tok::Hard);
                }
            }
            ',' | ';' | ':' | '—' | '–' | '，' | '；' | '：' | '|' | '•' => {
                toks.push(Tok::Soft(span))
            }
            '"' => {
                // A straight quote opens when it follows a space or a
                // boundary, and closes otherwise.
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([“‘".contains(p));
                toks.push(if opens {
                    Tok::Open(span, c)
                } else {
                    Tok::Close(span, c)
                });
            }
            '\'' => {
                let opens = prev.is_none_or(|p| p.is_whitespace() || "([“".contains(p));
                let closes = next().is_none_or(|n| !n.is_alphanumeric());
                if opens {
                    toks.push(Tok::Open(span, c));
                } else if closes {
                    toks.push(Tok::Close(span, c));
                }
            }
            _ if is_open_quote(c) => toks.push(Tok::Open(span, c)),
            _ if is_close_quote(c) => toks.push(Tok::Close(span, c)),
            '-' if prev.is_some_and(char::is_whitespace)
                && next().is_some_and(char::is_whitespace) =>
            {
                toks.push(Tok::Soft(span))
            }
            _ => {}
        }
        prev = Some(c);
        off += len;
    }
}

/// Where the last character that [`tokenize`] is sure to read as a hard
/// boundary sits in `s`: a line break, a bracket, Han, `!` `?` and their
/// full-width forms, or a full stop after a plain word of two or more ASCII
/// letters (not an initial's, not inside `U.S.`).
fn last_hard_boundary(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    rfind_char(s, |i, c| match c {
        '\n' | '\r' | '(' | ')' | '（' | '）' | '[' | ']' | '!' | '?' | '。' | '！' | '？' => {
            true
        }
        '.' => {
            let next_is_word = s[i + 1..]
                .chars()
                .next()
                .is_some_and(|n| n.is_alphanumeric() && !is_han(n));
            let word = bytes[..i]
                .iter()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let abbreviation = crate::tokens::is_abbreviation(
                &s[i - word..i],
                s[i + 1..].strip_prefix(' ').and_then(|r| r.chars().next()),
            );
            // What stands before the word must end it outright.
            let before_ok = !abbreviation
                && bytes[..i - word].last().is_none_or(|&b| {
                    b.is_ascii() && !b.is_ascii_alphanumeric() && !b"-'&.".contains(&b)
                });
            !next_is_word && word >= 2 && before_ok
        }
        _ => !c.is_ascii() && is_han(c),
    })
    .map(|(i, _)| i)
}

/// A trailing run of lowercase words that spells all of the Chinese, preceded
/// by `or`, a comma or a label: returns its span and the index to cut at.
fn trailing_pinyin(text: &str, toks: &[Tok], zh: &ChineseSide<'_>) -> Option<(Span, usize)> {
    // The last six words at most, from the bracket leftwards.
    let words: Vec<(usize, Span)> = toks
        .iter()
        .enumerate()
        .rev()
        .take_while(|(_, t)| matches!(t, Tok::Word(_)))
        .take(6)
        .filter_map(|(i, t)| {
            if let Tok::Word(s) = t {
                Some((i, *s))
            } else {
                None
            }
        })
        .collect();
    let han = zh.han_len();
    for n in 1..=words.len() {
        let mut run = [""; 6];
        for (slot, (_, s)) in run[..n].iter_mut().zip(words[..n].iter().rev()) {
            *slot = &text[s.range()];
        }
        let run = &run[..n];
        if run
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            return None;
        }
        if let Some((a, b)) = zh.transliteration(run)
            && b - a == zh.len()
            && han > 0
        {
            let first = words[n - 1];
            let before_ok = match toks.get(first.0 - 1) {
                Some(Tok::Soft(_)) | Some(Tok::Close(..)) => true,
                Some(Tok::Word(s)) => {
                    let w = text[s.range()].to_lowercase();
                    matches!(w.as_str(), "or" | "as" | "called" | "termed" | "known")
                }
                _ => false,
            };
            if before_ok {
                return Some((Span::new(first.1.start, words[0].1.end), first.0));
            }
        }
    }
    None
}

/// A candidate gloss: a run of word tokens, with what surrounds it.
#[derive(Debug)]
enum Candidate {
    /// Exactly a quoted span ending at the bracket (its words are kept
    /// aside).
    Quoted,
    /// The last `n` words before the bracket.
    Suffix(usize),
}

fn choose(
    text: &str,
    toks: &[Tok],
    zh: &ChineseSide<'_>,
    lists: &mut Lists,
) -> Option<(Span, f32, &'static str)> {
    let Lists {
        cands,
        quoted_words,
        rev,
        fwd,
    } = lists;
    cands.clear();
    quoted_words.clear();
    rev.clear();
    fwd.clear();

    // 1. A quoted span ending at the bracket (a trailing comma inside the
    //    quotes is allowed: `“discourse power,” or …` was cut above).
    let mut end = toks.len();
    while end > 0 && matches!(toks[end - 1], Tok::Soft(_)) {
        end -= 1;
    }
    if end > 0
        && let Tok::Close(_, close) = toks[end - 1]
    {
        let open_char = opening_quote_for(close);
        let mut j = end - 1;
        let mut found = None;
        while j > 0 {
            j -= 1;
            match &toks[j] {
                Tok::Open(_, o)
                    if Some(*o) == open_char || closing_quote_for(*o) == Some(close) =>
                {
                    found = Some(j);
                    break;
                }
                Tok::Hard => break,
                _ => {}
            }
        }
        if let Some(j) = found {
            quoted_words.extend((j + 1..end - 1).filter(|&k| matches!(toks[k], Tok::Word(_))));
            if !quoted_words.is_empty() && quoted_words.len() <= 30 {
                cands.push(Candidate::Quoted);
            } else {
                quoted_words.clear();
            }
        }
    }

    // 2. Unquoted suffixes of the clause. Walk left over words; quotes are
    //    crossed as a unit only when they sit wholly inside the clause.
    // Word indices from the bracket leftwards; a suffix candidate is a
    // prefix of this list.
    let mut k = toks.len();
    let mut in_quote = false;
    while k > 0 {
        k -= 1;
        match &toks[k] {
            Tok::Word(_) => {
                rev.push(k);
                if rev.len() > MAX_WORDS {
                    break;
                }
                if !in_quote {
                    cands.push(Candidate::Suffix(rev.len()));
                }
            }
            Tok::Close(..) => {
                // A closing quote right at the bracket was handled above; a
                // closing quote further left starts a quoted unit.
                in_quote = true;
            }
            Tok::Open(..) => {
                if !in_quote {
                    break;
                }
                in_quote = false;
                if !rev.is_empty() {
                    cands.push(Candidate::Suffix(rev.len()));
                }
            }
            Tok::Soft(_) => {
                if !in_quote {
                    break;
                }
            }
            Tok::Hard => break,
        }
    }
    fwd.extend(rev.iter().rev());
    let (cands, quoted_words, rev, fwd) = (&*cands, &quoted_words[..], &rev[..], &fwd[..]);
    let words_of = |c: &Candidate| -> &[usize] {
        match *c {
            Candidate::Quoted => quoted_words,
            Candidate::Suffix(n) => &fwd[fwd.len() - n..],
        }
    };

    // What each word says about the term is the same in every candidate
    // that contains it: work it out once per word, not once per candidate
    // (from the bracket leftwards, as the candidates grow).
    let info_of = |i: usize| WordInfo::new(&text[word_span(toks, i).range()], zh);
    let infos: Vec<WordInfo<'_>> = rev.iter().map(|&i| info_of(i)).collect();
    let mut best: Option<(f32, Span, f32, &'static str)> = None;
    let mut suffixes = Suffixes::new(zh, &infos, false);
    for c in cands {
        let idx = words_of(c);
        let scored = match *c {
            Candidate::Quoted => {
                let quoted: Vec<WordInfo<'_>> = idx.iter().rev().map(|&i| info_of(i)).collect();
                Suffixes::new(zh, &quoted, true).score(text, toks, idx.len(), idx)
            }
            Candidate::Suffix(n) => suffixes.score(text, toks, n, idx),
        };
        let Some((score, conf, rule)) = scored else {
            continue;
        };
        // A past participle and a preposition open a verb phrase, not a
        // term (`placed under residential surveillance at a designated
        // location (指定居所监视居住)`): such a candidate is never chosen.
        if matches!(c, Candidate::Suffix(_))
            && idx.len() > 2
            && opens_verb_phrase(
                &text[word_span(toks, idx[0]).range()],
                &text[word_span(toks, idx[1]).range()],
            )
        {
            continue;
        }
        let span = Span::new(
            word_span(toks, idx[0]).start,
            word_span(toks, *idx.last()?).end,
        );
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, span, conf, rule));
        }
    }
    best.filter(|b| b.2 >= 0.4)
        .map(|(_, span, conf, rule)| (span, conf, rule))
}

/// True for a lowercase past participle followed by a preposition
/// (`placed under`, `held in`).
fn opens_verb_phrase(first: &str, second: &str) -> bool {
    first.len() > 4
        && first.ends_with("ed")
        && first.starts_with(|c: char| c.is_ascii_lowercase())
        && matches!(
            second,
            "under" | "in" | "into" | "at" | "on" | "to" | "by" | "from" | "with" | "for"
        )
}

fn word_span(toks: &[Tok], i: usize) -> Span {
    match toks[i] {
        Tok::Word(s) => s,
        _ => Span::default(),
    }
}

fn is_capitalised(w: &str) -> bool {
    w.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Lowercase words that may sit inside a title-case name.
fn is_name_connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "and"
            | "for"
            | "on"
            | "in"
            | "to"
            | "de"
            | "&"
            | "at"
            | "du"
            | "la"
            | "van"
            | "von"
    )
}

fn is_all_caps(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(|c| c.is_lowercase())
}

/// True when word token `i` continues a title-case name that starts further
/// left (`Exit and | Entry Administration`), so a gloss starting there would
/// cut the name. A leading acronym or possessive (`PRC`, `China’s`) is a
/// modifier, not part of the name.
fn inside_name(text: &str, toks: &[Tok], i: usize) -> bool {
    let word = |k: usize| match toks.get(k) {
        Some(Tok::Word(s)) => Some(&text[s.range()]),
        _ => None,
    };
    let mut k = i;
    let mut connectors = 0;
    while k > 0 {
        let Some(w) = word(k - 1) else { break };
        if is_name_connector(w) {
            connectors += 1;
            if connectors > 2 {
                return false;
            }
            k -= 1;
            continue;
        }
        // A lowercase word, a capitalised `The` opening a sentence, or a
        // role word (`Staff at the …`, `Officials of …`) ends the name.
        if !is_capitalised(w) || is_function_word(w) || crate::orgs::is_not_first(w) {
            return false;
        }
        // Inside a name `the` follows a connector (`Bank of the …`), never
        // a capitalised word: `Later the Propaganda Office …` starts after
        // `the`.
        if connectors > 0 && word(k) == Some("the") {
            return false;
        }
        // A capitalised word before: the candidate splits a name unless that
        // word is only a modifier.
        let modifier =
            (is_all_caps(w) && connectors == 0) || w.ends_with("’s") || w.ends_with("'s");
        return !modifier;
    }
    false
}

/// What one word of the text before a bracket says about the term.
#[derive(Clone, Debug)]
struct WordInfo<'t> {
    text: &'t str,
    function: bool,
    capitalised: bool,
    /// Character ranges of the term that its pieces (`counter-espionage`
    /// is two) align to by the dictionary.
    aligned: Vec<(usize, usize)>,
    /// True when a piece translates the term's last word (its head).
    head: bool,
}

impl<'t> WordInfo<'t> {
    fn new(text: &'t str, zh: &ChineseSide<'_>) -> WordInfo<'t> {
        // (Most words hold no hyphen or dash, whose bytes are `-` and E2…:
        // they are one piece.)
        let aligned: Vec<(usize, usize)> = if text.bytes().any(|b| b == b'-' || b == 0xE2) {
            text.split(['-', '–'])
                .filter(|p| !p.is_empty())
                .filter_map(|p| zh.align_word(p))
                .collect()
        } else {
            zh.align_word(text).into_iter().collect()
        };
        WordInfo {
            text,
            function: is_function_word(text),
            capitalised: is_capitalised(text),
            head: aligned.iter().any(|&(_, b)| b == zh.len()),
            aligned,
        }
    }
}

/// Candidates made of the last `n` words of a run (the clause before the
/// bracket, or a quotation ending at it), scored for growing `n`: what a
/// candidate's score depends on is kept as running counts over its words,
/// so each candidate costs little more than its new word.
struct Suffixes<'a, 'h, 'w> {
    zh: &'a ChineseSide<'h>,
    /// The run is a quotation ending at the bracket.
    quoted: bool,
    /// Word infos from the bracket leftwards.
    words: &'a [WordInfo<'w>],
    /// Words taken in so far.
    taken: usize,
    /// Characters the taken words explain by the dictionary.
    mask: Vec<bool>,
    covered: usize,
    /// `prefix[j]`: what the first `j` words add up to.
    prefix: Vec<Prefix>,
    /// Capitalised words right before the bracket.
    caps: usize,
    /// `spelled[m]`: what the last `m` words spell (m ≤ 6), once asked.
    spelled: [Option<Option<(usize, usize)>>; 7],
}

/// What the first words of a run add up to.
#[derive(Clone, Copy, Debug)]
struct Prefix {
    /// Content words among them.
    content: usize,
    /// Content words without alignment among them.
    unaligned: usize,
    /// They fit a title-case name.
    title_case: bool,
    /// They are capitalised or connectors.
    name_like: bool,
}

impl<'a, 'h, 'w> Suffixes<'a, 'h, 'w> {
    fn new(
        zh: &'a ChineseSide<'h>,
        words: &'a [WordInfo<'w>],
        quoted: bool,
    ) -> Suffixes<'a, 'h, 'w> {
        let caps = words.iter().take_while(|w| w.capitalised).count();
        let n = words.len();
        Suffixes {
            zh,
            quoted,
            words,
            taken: 0,
            mask: vec![false; zh.len()],
            covered: 0,
            prefix: {
                let mut v = Vec::with_capacity(n + 1);
                v.push(Prefix {
                    content: 0,
                    unaligned: 0,
                    title_case: true,
                    name_like: true,
                });
                v
            },
            caps,
            spelled: [None; 7],
        }
    }

    /// Takes in words up to the `n`th.
    fn take(&mut self, n: usize) {
        while self.taken < n.min(self.words.len()) {
            let w = &self.words[self.taken];
            for &(a, b) in &w.aligned {
                // A word whose reading other words have explained already
                // may explain another part of the term by another reading.
                let (a, b) = if w.aligned.len() == 1 && self.mask[a..b].iter().all(|&m| m) {
                    self.zh
                        .align_word_avoiding(w.text, &self.mask)
                        .unwrap_or((a, b))
                } else {
                    (a, b)
                };
                for m in &mut self.mask[a..b] {
                    self.covered += usize::from(!*m);
                    *m = true;
                }
            }
            let last = self.prefix[self.taken];
            self.prefix.push(Prefix {
                content: last.content + usize::from(!w.function),
                unaligned: last.unaligned + usize::from(!w.function && w.aligned.is_empty()),
                title_case: last.title_case
                    && (w.capitalised || w.function || is_name_connector(w.text)),
                name_like: last.name_like && (w.capitalised || is_name_connector(w.text)),
            });
            self.taken += 1;
        }
    }

    /// The range the last `m` words spell, when long enough to count.
    fn spelled(&mut self, m: usize) -> Option<(usize, usize)> {
        if let Some(hit) = self.spelled[m] {
            return hit;
        }
        let mut run = [""; 6];
        for (slot, w) in run[..m].iter_mut().zip(self.words[..m].iter().rev()) {
            *slot = w.text;
        }
        let zh = self.zh;
        let hit = zh
            .transliteration(&run[..m])
            .filter(|&(a, b)| b - a >= 2 || zh.len() == 1);
        self.spelled[m] = Some(hit);
        hit
    }

    /// The score of the last `n` words (`idx`, their tokens in text order).
    fn score(
        &mut self,
        text: &str,
        toks: &[Tok],
        n: usize,
        idx: &[usize],
    ) -> Option<(f32, f32, &'static str)> {
        self.take(n);
        // The dictionary mask holds the words taken so far: only the
        // candidate of that many words may use it (candidates come longest
        // last).
        if n == 0 || n != self.taken {
            return None;
        }
        let first = &self.words[n - 1];
        let last = &self.words[0];
        // A quotation is taken whole; an unquoted gloss starts and ends on
        // content words.
        if !self.quoted && (first.function || last.function) {
            return None;
        }
        // Transliteration: the whole candidate, or its trailing capitalised
        // run (a few words; longer runs never spell one).
        let mut translit_words = 0;
        let mut spelled: [Option<(usize, usize)>; 2] = [None; 2];
        for (k, m) in [n, n.min(self.caps)].into_iter().enumerate() {
            if (1..=6).contains(&m)
                && let Some(range) = self.spelled(m)
            {
                spelled[k] = Some(range);
                translit_words = translit_words.max(m);
            }
        }
        let covered = if spelled.iter().all(Option::is_none) {
            self.covered
        } else {
            let mut mask = self.mask.clone();
            for (a, b) in spelled.into_iter().flatten() {
                mask[a..b].iter_mut().for_each(|m| *m = true);
            }
            mask.iter().filter(|&&m| m).count()
        };
        let zh = self.zh;
        let whole_sense = zh.may_be_whole_sense(n) && {
            let mut phrase = String::with_capacity(16 * n);
            for w in self.words[..n].iter().rev() {
                if !phrase.is_empty() {
                    phrase.push(' ');
                }
                phrase.push_str(w.text);
            }
            zh.is_whole_sense(&phrase)
        };
        evaluate(&Features {
            quoted: self.quoted,
            n_words: n,
            content_words: self.prefix[n].content,
            unexplained: self.prefix[n].unaligned - self.prefix[translit_words].unaligned,
            covered,
            han: zh.han_len().max(1),
            translit_words,
            all_title: first.capitalised && last.capitalised && self.prefix[n].title_case,
            splits_name: !self.quoted
                && translit_words < n
                && first.capitalised
                && inside_name(text, toks, idx[0]),
            whole_sense,
            first,
            rest_is_name: self.prefix[n - 1].name_like,
        })
    }
}

/// What the score of a candidate is computed from.
struct Features<'a> {
    quoted: bool,
    n_words: usize,
    content_words: usize,
    /// Content words neither the dictionary nor the transliteration explain.
    unexplained: usize,
    /// Characters of the term explained.
    covered: usize,
    /// Han characters of the term (at least 1).
    han: usize,
    /// Trailing words that spell the term.
    translit_words: usize,
    /// A whole title-case name.
    all_title: bool,
    /// Starts inside a longer title-case name.
    splits_name: bool,
    /// The dictionary's own rendering of the whole term.
    whole_sense: bool,
    first: &'a WordInfo<'a>,
    /// The words after the first are a name (capitalised or connectors).
    rest_is_name: bool,
}

/// The score, confidence and rule of a candidate; `None` when it may not be
/// a gloss at all.
fn evaluate(f: &Features<'_>) -> Option<(f32, f32, &'static str)> {
    let Features {
        quoted,
        n_words,
        content_words,
        unexplained,
        covered,
        han,
        translit_words,
        all_title,
        splits_name,
        whole_sense,
        first,
        rest_is_name,
    } = *f;
    let cov = covered as f32 / han as f32;
    // Among candidates that explain the Chinese equally, the one whose words
    // are all explained and most numerous wins (`Xi Jinping` over `Jinping`
    // when the dictionary knows the full name).
    let explained = content_words - unexplained;
    // When nothing is explained the candidate stands or falls as a unit (a
    // name, a noun phrase): its length is not a fault.
    let penalised = if covered == 0 {
        unexplained.min(1)
    } else {
        unexplained
    };
    let mut s = cov - 0.15 * penalised as f32 + 0.03 * explained as f32
        - 0.01 * (n_words - content_words) as f32;
    // A quotation that ends at the bracket is what the bracket glosses.
    if quoted {
        s += 1.0;
    }
    // The dictionary's own rendering of the whole term.
    if whole_sense {
        s += 0.5;
    }
    // Chinese puts the head of a noun phrase last and English first: a
    // candidate that starts with the translation of the term's last word
    // (`cities … (计划单列市)`, `regulations on … (…规定)`) starts where the
    // phrase does.
    let head_first = first.head;
    // (Not before a name: `newspaper Gansu Daily`, `investor Hong Rong`;
    // nor an adverb: `formerly known as …`.)
    let adverb = first.text.ends_with("ly");
    if head_first
        && !quoted
        && n_words > 1
        && !first.capitalised
        && !rest_is_name
        && !adverb
        // (Nor when words spell the term: `broadcasts the nightly Xinwen
        // Lianbo (新闻联播)` is a name.)
        && translit_words == 0
    {
        s += 0.3;
    }
    if all_title && !splits_name {
        s += 0.12;
    }
    if splits_name {
        s -= 0.3;
    }
    // With no alignment at all, prefer short clean noun phrases.
    let confidence;
    let rule;
    if quoted {
        confidence = (0.75 + 0.25 * cov).min(1.0);
        rule = "quoted";
    } else if covered > 0 {
        confidence = (0.45 + 0.5 * cov - 0.1 * unexplained as f32).clamp(0.4, 0.98);
        rule = if translit_words > 0 {
            "transliteration"
        } else {
            "dictionary"
        };
    } else if all_title && !splits_name {
        confidence = 0.6;
        rule = "title-case";
    } else if splits_name {
        // Part of a name nothing explains (`Poh` of `Kwong Wah Yit Poh`).
        return None;
    } else if n_words <= 4 && content_words == n_words {
        confidence = 0.4;
        s += 0.02 * n_words as f32;
        rule = "noun-phrase";
    } else {
        confidence = 0.2;
        rule = "weak";
    }
    Some((s, confidence, rule))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cedict::Cedict;
    use crate::hanzi::Hanzi;

    fn hanzi() -> Hanzi {
        let text = "\
規定 规定 [gui1 ding4] /to stipulate/regulations; rules; provisions/
反間諜 反间谍 [fan3 jian4 die2] /counterintelligence/protection against espionage/
安全 安全 [an1 quan2] /safe; secure/safety; security/
工作 工作 [gong1 zuo4] /to work/job/work/
防範 防范 [fang2 fan4] /to be on guard/
長 长 [chang2] /long/
安 安 [an1] /peace/
劍 剑 [jian4] /double-edged sword/
審議 审议 [shen3 yi4] /deliberation/
許 许 [Xu3] /surname Xu/
志 志 [zhi4] /will/
永 永 [yong3] /forever/
人民 人民 [ren2 min2] /the people/
銀行 银行 [yin2 hang2] /bank/
中國 中国 [Zhong1 guo2] /China/
國務院 国务院 [Guo2 wu4 yuan4] /State Council (PRC)/State Department (USA)/
部門 部门 [bu4 men2] /department/branch/section/
";
        Hanzi::new(Cedict::parse("t", text.as_bytes()).unwrap())
    }

    fn gloss(text: &str) -> Option<(String, Option<String>)> {
        let h = hanzi();
        let open = text.rfind(['(', '（']).unwrap();
        let close = text.rfind([')', '）']).unwrap();
        let zh = ChineseSide::new(&h, text[open..close].trim_start_matches(['(', '（']));
        let mut end = open;
        while text[..end].ends_with(' ') {
            end -= 1;
        }
        english_gloss(text, end, &zh).map(|g| {
            (
                text[g.span.range()].to_string(),
                g.pinyin.map(|p| text[p.range()].to_string()),
            )
        })
    }

    #[test]
    fn dictionary_sets_the_left_edge() {
        let t = "to study and implement regulations on counter-espionage and work safety (反間諜安全防範工作規定)";
        assert_eq!(
            gloss(t).unwrap().0,
            "regulations on counter-espionage and work safety"
        );
    }

    #[test]
    fn a_word_explains_another_part_when_its_first_reading_is_taken() {
        // 国务院 is also `State Department`: once `State Council` has
        // explained it, `departments` can only mean 部门.
        let t = "It listed the departments of the State Council (国务院部门) by name";
        let t = &t[..t.find(" by").unwrap()];
        assert_eq!(gloss(t).unwrap().0, "departments of the State Council");
    }

    #[test]
    fn a_capitalised_word_before_the_opens_no_name() {
        // `Later` opens the sentence: the name starts after `the`.
        let t = "Later the Provincial People's Bank (人民银行)";
        assert_eq!(gloss(t).unwrap().0, "Provincial People's Bank");
    }

    #[test]
    fn quotes_win() {
        assert_eq!(gloss("he heard “gossip” (小道消息)").unwrap().0, "gossip");
        let t = "catch “spies,” “traitors,” and “behind-the-scenes funders” (幕後金主)";
        assert_eq!(gloss(t).unwrap().0, "behind-the-scenes funders");
    }

    #[test]
    fn transliteration_in_quotes_and_bare() {
        assert_eq!(
            gloss("1. “Chang An Jian” (長安劍), the account").unwrap().0,
            "Chang An Jian"
        );
        assert_eq!(
            gloss("went into hiding, including Xu Zhiyong (许志永)")
                .unwrap()
                .0,
            "Xu Zhiyong"
        );
    }

    #[test]
    fn pinyin_before_bracket() {
        let (g, p) = gloss("to be “examined and approved,” or shenyi (审议)").unwrap();
        assert_eq!(g, "examined and approved");
        assert_eq!(p.as_deref(), Some("shenyi"));
    }

    #[test]
    fn the_dictionary_rendering_of_the_whole_term_wins() {
        let h = Hanzi::new(
            Cedict::parse(
                "t",
                "毛主席語錄 毛主席语录 [Mao2 Zhu3 xi2 Yu3 lu4] /Quotations from Chairman Mao Tse-tung, published 1964/\n"
                    .as_bytes(),
            )
            .unwrap(),
        );
        let text = "Quotations from Chairman Mao Tse-tung (毛主席语录)";
        let zh = ChineseSide::new(&h, "毛主席语录");
        let g = english_gloss(text, text.find(" (").unwrap(), &zh).unwrap();
        assert_eq!(
            &text[g.span.range()],
            "Quotations from Chairman Mao Tse-tung"
        );
    }

    #[test]
    fn an_english_head_noun_first_starts_the_gloss() {
        let h = Hanzi::new(
            Cedict::parse(
                "t",
                "計劃 计划 [ji4 hua4] /plan/project/\n市 市 [shi4] /market/city/\n國家 国家 [guo2 jia1] /country/state/\n"
                    .as_bytes(),
            )
            .unwrap(),
        );
        let text = "five of them are cities specifically designated in the state plan (计划单列市)";
        let zh = ChineseSide::new(&h, "计划单列市");
        let g = english_gloss(text, text.find(" (").unwrap(), &zh).unwrap();
        assert_eq!(
            &text[g.span.range()],
            "cities specifically designated in the state plan"
        );
    }

    #[test]
    fn the_window_starts_at_a_sure_sentence_end() {
        fn cut(s: &str) -> Option<&str> {
            last_hard_boundary(s).map(|i| &s[i..])
        }
        assert_eq!(cut("He said so. The U.S. side"), Some(". The U.S. side"));
        // An initial, a dotted abbreviation and a decimal are no boundary.
        assert_eq!(cut("met John L. Smith"), None);
        assert_eq!(cut("the U.S. side"), None);
        assert_eq!(cut("at 3.5 percent"), None);
        assert_eq!(cut("a line\nbreak"), Some("\nbreak"));
        assert_eq!(cut("中文 and more"), Some("文 and more"));
    }

    #[test]
    fn running_counts_give_the_scores_of_candidates_read_afresh() {
        let h = hanzi();
        for (text, term) in [
            (
                "to study and implement the regulations on counter-espionage and work safety",
                "反間諜安全防範工作規定",
            ),
            ("went into hiding, including Xu Zhiyong", "许志永"),
            ("On June 21, the People’s Bank of China", "中国人民银行"),
            ("an account called Chang An Jian", "長安劍"),
        ] {
            let zh = ChineseSide::new(&h, term);
            let mut toks = Vec::new();
            tokenize(text, text.len(), &mut toks);
            let rev: Vec<usize> = (0..toks.len())
                .rev()
                .take_while(|&k| matches!(toks[k], Tok::Word(_)))
                .collect();
            let info: Vec<WordInfo<'_>> = rev
                .iter()
                .map(|&k| WordInfo::new(&text[word_span(&toks, k).range()], &zh))
                .collect();
            let fwd: Vec<usize> = rev.iter().rev().copied().collect();
            let mut running = Suffixes::new(&zh, &info, false);
            let mut scored = 0;
            for n in 1..=rev.len() {
                let idx = &fwd[fwd.len() - n..];
                let afresh = Suffixes::new(&zh, &info, false).score(text, &toks, n, idx);
                let incremental = running.score(text, &toks, n, idx);
                assert_eq!(afresh, incremental, "{text}: the last {n} words");
                scored += usize::from(afresh.is_some());
            }
            assert!(scored > 0, "{text}");
        }
    }

    #[test]
    fn title_case_names() {
        let t = "On June 21, the People’s Bank of China (中国人民银行)";
        assert_eq!(gloss(t).unwrap().0, "People’s Bank of China");
    }
}
