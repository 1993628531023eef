//! The parenthetical finder: Chinese terms paired with English glosses, in
//! both directions, and acronyms paired with long forms.
//!
//! Each bracket pair is read (see [`crate::paren`]) and classified by what
//! stands before it and what is inside:
//! - English before, Chinese inside: a translation `English gloss (中文)`;
//!   the gloss's left edge is chosen by [`crate::gloss`];
//! - Chinese before, English inside: a translation `中文(English)`; the
//!   term's left edge is chosen by [`crate::term`];
//! - an acronym inside or before: `Long Form (LF)`, `LF (Long Form)`, or a
//!   remark such as `hereafter referred to as CFLA`;
//! - anything else is an aside (`(see photo)`, `(issued March 15, 2021)`,
//!   `(i.e. …)`, `(including Xi Jinping)`) and makes no pair.

use crate::acronym::{abbreviates, defined_in_remark, long_form_before};
use crate::document::{Document, Span};
use crate::finding::{Finding, Kind};
use crate::gloss::{Scratch, english_gloss_with};
use crate::paren::{self, Part, PartKind, Script};
use crate::script::{has_han, is_close_quote, is_han, is_latin_letter, rfind_char};
use crate::term::{TermContext, chinese_term};

/// Finds every pair and acronym in a document.
pub fn find(doc: &Document, ctx: &TermContext<'_, '_>) -> Vec<Finding> {
    let text = doc.text();
    let parens = paren::find(text);
    // About one finding a bracket (a finding is large: growing moves it).
    let mut out = Vec::with_capacity(parens.len() + 8);
    let mut scratch = Scratch::default();
    for p in parens {
        let mut inner = p.inner(text);
        // A doubled bracket `((讲好中国故事))` is read as one.
        let s = text[inner.range()].trim();
        if s.starts_with(['(', '（'])
            && s.ends_with([')', '）'])
            && s.matches(['(', '（']).count() == 1
        {
            continue;
        }
        let open = anchor(text, p.open);
        let parts = paren::parts(text, inner);
        if parts.is_empty() {
            continue;
        }
        inner = Span::new(
            parts[0].span.start,
            parts.last().map_or(inner.end, |x| x.span.end),
        );
        let bracket = Bracket {
            end: open,
            inner,
            parts: &parts,
            close_end: p.outer(text).end,
        };
        read_parenthetical(text, &bracket, ctx, &mut scratch, &mut out);
    }
    out
}

/// Where the text before a bracket ends: spaces and a doubled bracket are
/// skipped.
fn anchor(text: &str, open: usize) -> usize {
    let mut end = open;
    loop {
        let before = &text[..end];
        let trimmed = before.trim_end_matches([' ', '\t', '\u{3000}']);
        if let Some(c) = trimmed
            .chars()
            .next_back()
            .filter(|&c| c == '(' || c == '（')
        {
            end = trimmed.len() - c.len_utf8();
            continue;
        }
        return trimmed.len();
    }
}

/// True when the text before `end` is Chinese (a Han character, possibly
/// behind a closing quote).
fn chinese_before(text: &str, end: usize) -> bool {
    let mut it = text[..end].chars().rev();
    match it.next() {
        Some(c) if is_han(c) => true,
        // A straight quote after Chinese closes a quotation (`"脱钩"(…)`).
        Some(c) if is_close_quote(c) || c == '"' => it.next().is_some_and(is_han),
        _ => false,
    }
}

/// One bracket as the readers of a pair see it.
#[derive(Clone, Copy)]
struct Bracket<'p> {
    /// Where the text before it ends (spaces and a doubled bracket skipped).
    end: usize,
    /// Its content, from its first part to its last.
    inner: Span,
    parts: &'p [Part],
    /// Where the closing bracket ends (a finding's span ends there).
    close_end: usize,
}

fn read_parenthetical(
    text: &str,
    b: &Bracket<'_>,
    ctx: &TermContext<'_, '_>,
    scratch: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let Bracket { end, parts, .. } = *b;
    let chinese: Vec<&Part> = parts
        .iter()
        .filter(|p| matches!(p.kind, PartKind::Chinese(_)))
        .collect();
    let acronym = parts
        .iter()
        .find(|p| p.kind == PartKind::Acronym)
        .map(|p| &text[p.span.range()]);
    let english: Vec<&Part> = parts
        .iter()
        .filter(|p| p.kind == PartKind::English)
        .collect();

    if !chinese.is_empty() && !chinese_before(text, end) {
        english_then_chinese(text, b, &chinese, acronym, ctx, scratch, out);
    } else if chinese.is_empty() && chinese_before(text, end) {
        chinese_then_english(text, b, &english, acronym, ctx, out);
    } else if chinese.is_empty() {
        english_acronym(text, b, acronym, out);
    }
}

/// `English gloss (中文…)`.
fn english_then_chinese(
    text: &str,
    b: &Bracket<'_>,
    chinese: &[&Part],
    acronym: Option<&str>,
    ctx: &TermContext<'_, '_>,
    scratch: &mut Scratch,
    out: &mut Vec<Finding>,
) {
    let Bracket {
        end,
        parts,
        close_end,
        ..
    } = *b;
    // The main form: an unlabelled or simplified part first.
    let main = chinese
        .iter()
        .find(|p| p.kind != PartKind::Chinese(Script::Traditional))
        .unwrap_or(&chinese[0]);
    let zh_text = clean_chinese(&text[main.span.range()]);
    if zh_text.chars().filter(|&c| is_han(c)).count() == 0 {
        return;
    }
    let zh = ctx.terms.get(ctx.hanzi, &zh_text);
    let variants: Vec<String> = chinese
        .iter()
        .filter(|p| p.span != main.span)
        .map(|p| clean_chinese(&text[p.span.range()]))
        .filter(|v| {
            ctx.hanzi.to_simplified(v) == ctx.hanzi.to_simplified(&zh_text) && *v != zh_text
        })
        .collect();

    // Romanisation inside the bracket: labelled, or English that spells it.
    let mut given_pinyin = String::new();
    let mut remark_acronym = None;
    for p in parts {
        let s = &text[p.span.range()];
        match p.kind {
            PartKind::Pinyin => given_pinyin = s.to_string(),
            PartKind::English => {
                let words: Vec<&str> = s.split_whitespace().collect();
                if spells_whole(&zh, &words) {
                    given_pinyin = s.to_string();
                } else if let Some(a) = defined_in_remark(s) {
                    remark_acronym = Some(a.to_string());
                }
            }
            _ => {}
        }
    }

    // An acronym in the bracket (`(LAC; 法制工作委员会)`) names the long form
    // before it: Schwartz–Hearst finds it more surely than alignment.
    let mut gloss_span = None;
    let mut confidence = 0.0;
    let mut rule = "";
    if let Some(a) = acronym {
        let (words, spans) = words_before(text, end);
        if let Some(n) = long_form_before(&words, a) {
            gloss_span = Some(Span::new(
                spans[spans.len() - n].start,
                spans[spans.len() - 1].end,
            ));
            confidence = 0.92;
            rule = "acronym-long-form";
        }
    }
    let mut pinyin_before = None;
    // The acronym's long form when the Chinese translates more than it
    // (`State Council Development Research Center (DRC, 国务院发展研究中心)`:
    // DRC is the last three words, the Chinese all five).
    let mut separate_acronym: Option<(String, Span)> = None;
    let aligned = english_gloss_with(text, end, &zh, scratch);
    match (gloss_span, &aligned) {
        (None, Some(g)) => {
            gloss_span = Some(g.span);
            confidence = g.confidence;
            rule = g.rule;
            pinyin_before = g.pinyin;
        }
        (Some(sh), Some(g))
            if g.span.end == sh.end
                && g.span.start < sh.start
                && g.rule == "dictionary"
                && g.confidence >= 0.9 =>
        {
            separate_acronym = Some((clean_english(&text[sh.range()]), sh));
            gloss_span = Some(g.span);
            confidence = g.confidence;
            rule = g.rule;
        }
        _ => {}
    }
    let Some(gspan) = gloss_span else { return };
    if let Some(py) = pinyin_before {
        given_pinyin = text[py.range()].to_string();
    }
    let mut english = clean_english(&text[gspan.range()]);
    if english.is_empty() {
        return;
    }
    // A lowercase romanisation before the bracket (`gongtong fuyu (共同富裕),
    // or “common prosperity”`) spells the term rather than translating it:
    // it is the pinyin, and the translation, when the text gives one, stands
    // inside the bracket after the Chinese or right after the bracket.
    let mut span_end = close_end;
    if is_romanisation_of(&english, &zh) {
        if given_pinyin.is_empty() {
            given_pinyin = english.clone();
        }
        let inside = parts
            .iter()
            .filter(|p| p.kind == PartKind::English)
            .find_map(|p| translation_in_remark(&text[p.span.range()], &zh));
        if let Some(t) = inside {
            english = t;
            confidence = confidence.min(0.85);
            rule = "translation-in-bracket";
        } else if let Some((t, e)) = translation_after(text, close_end) {
            english = t;
            span_end = e;
            confidence = confidence.min(0.85);
            rule = "translation-after";
        }
    }
    if let (Some((long, span)), Some(a)) = (&separate_acronym, acronym) {
        out.push(Finding {
            kind: Some(Kind::Term),
            english: long.clone(),
            acronym: a.to_string(),
            span: Span::new(span.start, close_end),
            confidence: 0.92,
            rule: "acronym-long-form",
            ..Finding::default()
        });
    }
    let acr = if separate_acronym.is_some() {
        String::new()
    } else {
        acronym
            .map(str::to_string)
            .or(remark_acronym)
            .unwrap_or_default()
    };
    out.push(Finding {
        kind: Some(Kind::Term),
        english,
        chinese: zh_text,
        given_pinyin,
        chinese_variants: variants,
        acronym: acr,
        span: Span::new(gspan.start, span_end),
        chinese_span: Some(main.span),
        confidence,
        rule,
        ..Finding::default()
    });
}

/// True when `english` is lowercase words that spell all of the term in
/// pinyin (`gongtong fuyu` for 共同富裕): a romanisation, not a translation.
/// (A capitalised one is a name's English: `Xu Zhiyong`, `Zhongnanhai`.)
fn is_romanisation_of(english: &str, zh: &crate::align::ChineseSide<'_>) -> bool {
    let words: Vec<&str> = english.split_whitespace().collect();
    !words.is_empty()
        && words
            .iter()
            .all(|w| w.chars().all(|c| c.is_lowercase() || c == '-' || c == '\''))
        && spells_whole(zh, &words)
}

/// True when `words` spell the pinyin of all of the term.
fn spells_whole(zh: &crate::align::ChineseSide<'_>, words: &[&str]) -> bool {
    zh.transliteration(words)
        .is_some_and(|(a, b)| b - a == zh.len())
}

/// Words a translation is introduced by, after a romanised term and its
/// bracket (`, or “…”`, `, meaning …`) or inside the bracket after the
/// Chinese (`(躺平, lit. “lying flat”)`).
const TRANSLATION_CUES: &[&str] = &[
    "which means",
    "which translates as",
    "translated as",
    "literally",
    "meaning",
    "lit.",
    "or",
];

/// The translation a bracket's English part gives (quotes and a cue such
/// as `lit.` stripped), unless the part spells the term (its pinyin).
fn translation_in_remark(part: &str, zh: &crate::align::ChineseSide<'_>) -> Option<String> {
    let mut s = part.trim();
    for cue in TRANSLATION_CUES {
        if let Some(rest) = strip_prefix_ignore_case(s, cue)
            && rest.starts_with([' ', '“', '"', '‘', '\''])
        {
            s = rest.trim_start();
            break;
        }
    }
    let s = clean_english(s.trim_matches(|c: char| "\"“”'‘’".contains(c)));
    let words: Vec<&str> = s.split_whitespace().collect();
    (!s.is_empty()
        && words.len() <= 8
        && !spells_whole(zh, &words)
        && s.chars().all(|c| c.is_alphabetic() || " -'’".contains(c)))
    .then_some(s)
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A translation right after a bracket at byte `from`: `, or “common
/// prosperity”`, `, meaning involution`, `, literally “the right to
/// speak”`. A quoted phrase is taken whole; bare words up to the next
/// punctuation, at most six. Returns it and where it ends.
fn translation_after(text: &str, from: usize) -> Option<(String, usize)> {
    let rest = &text[from..];
    let after_comma = rest.strip_prefix(',').unwrap_or(rest);
    let trimmed = after_comma.trim_start_matches(' ');
    let cue_at = from + (rest.len() - trimmed.len());
    let (cue_end, _) = TRANSLATION_CUES.iter().find_map(|cue| {
        let r = strip_prefix_ignore_case(trimmed, cue)?;
        r.starts_with(' ').then_some((cue_at + cue.len(), *cue))
    })?;
    let body = text[cue_end..].trim_start_matches(' ');
    let start = text.len() - body.len();
    let (phrase, end) = if let Some(q) = body.strip_prefix(['“', '"']) {
        let open = body.len() - q.len();
        let close = q.find(['”', '"'])?;
        (
            &q[..close],
            start + open + close + q[close..].chars().next()?.len_utf8(),
        )
    } else {
        let len = body
            .find(|c: char| !(c.is_alphabetic() || " -'’".contains(c)))
            .unwrap_or(body.len());
        (&body[..len], start + len)
    };
    let phrase = clean_english(phrase.trim_end_matches([',', '.', ' ']));
    let words = phrase.split_whitespace().count();
    ((1..=6).contains(&words)
        && phrase
            .chars()
            .all(|c| c.is_alphabetic() || " -'’".contains(c)))
    .then_some((phrase, end))
}

/// `中文(English…)`, `中文（WHO）`, `中文(Long Form, LF)`.
fn chinese_then_english(
    text: &str,
    b: &Bracket<'_>,
    english: &[&Part],
    acronym: Option<&str>,
    ctx: &TermContext<'_, '_>,
    out: &mut Vec<Finding>,
) {
    let Bracket { end, close_end, .. } = *b;
    let long = english
        .first()
        .map(|p| clean_english(&text[p.span.range()]));
    // Only the first English part is the gloss; a second one is a remark.
    let gloss = match (&long, acronym) {
        (Some(l), _) if !l.is_empty() => l.clone(),
        (_, Some(a)) => a.to_string(),
        _ => return,
    };
    if !gloss.chars().any(is_latin_letter) {
        return;
    }
    let acr = match (&long, acronym) {
        (Some(l), Some(a)) if abbreviates(a, l) => a.to_string(),
        (None, Some(a)) => a.to_string(),
        _ => String::new(),
    };
    let Some(term) = chinese_term(text, end, &gloss, ctx) else {
        return;
    };
    let chinese = clean_chinese(&text[term.span.range()]);
    if !has_han(&chinese) {
        return;
    }
    out.push(Finding {
        kind: Some(Kind::Term),
        english: gloss,
        chinese,
        acronym: acr,
        span: Span::new(term.span.start, close_end),
        confidence: term.confidence,
        rule: term.rule,
        ..Finding::default()
    });
}

/// English text with an acronym: `Long Form (LF)` or `LF (Long Form)`.
fn english_acronym(text: &str, b: &Bracket<'_>, acronym: Option<&str>, out: &mut Vec<Finding>) {
    let Bracket {
        end,
        inner,
        parts,
        close_end,
    } = *b;
    let (words, spans) = words_before(text, end);
    if let (Some(a), 1) = (acronym, parts.len()) {
        if let Some(n) = long_form_before(&words, a) {
            let span = Span::new(spans[spans.len() - n].start, spans[spans.len() - 1].end);
            out.push(Finding {
                kind: Some(Kind::Term),
                english: clean_english(&text[span.range()]),
                acronym: a.to_string(),
                span: Span::new(span.start, close_end),
                confidence: 0.9,
                rule: "acronym",
                ..Finding::default()
            });
        }
        return;
    }
    // `SF (Long Form)`: the word before is the short form, or an acronym and
    // one more word (`PLA Daily (People's Liberation Army Daily)`).
    if parts.len() != 1 || parts[0].kind != PartKind::English {
        return;
    }
    let long = clean_english(&text[inner.range()]);
    if long.split_whitespace().count() < 2 {
        return;
    }
    let n = words.len();
    for take in [1, 2] {
        if n < take {
            break;
        }
        let sf_words = &words[n - take..];
        if !paren::is_acronym(sf_words[0])
            || (take == 2 && !sf_words[1].chars().next().is_some_and(char::is_uppercase))
        {
            continue;
        }
        let sf = sf_words.join(" ");
        if abbreviates(&sf, &long) {
            out.push(Finding {
                kind: Some(Kind::Term),
                english: long,
                acronym: sf,
                span: Span::new(spans[n - take].start, close_end),
                confidence: 0.85,
                rule: "acronym-reversed",
                ..Finding::default()
            });
            return;
        }
    }
}

/// The words of the clause before `end` (back to a sentence end, bracket,
/// line start or clause punctuation), with their spans.
fn words_before(text: &str, end: usize) -> (Vec<&str>, Vec<Span>) {
    let mut start = end.saturating_sub(300);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let window = &text[start..end];
    let cut = rfind_char(window, |i, c| {
        matches!(
            c,
            '\n' | '(' | ')' | '（' | '）' | ';' | ':' | ',' | '，' | '—' | '“' | '”' | '"'
        ) || (!c.is_ascii() && is_han(c))
            || (c == '.' && window[i + 1..].starts_with(' ') && !abbreviation_before(window, i))
    })
    .map_or(0, |(i, c)| i + c.len_utf8());
    // (A clause has a dozen words or so: room for them at once.)
    let mut words = Vec::with_capacity(16);
    let mut spans = Vec::with_capacity(16);
    let mut pos = start + cut;
    for w in text[start + cut..end].split(' ') {
        let t = w.trim_matches(|c: char| !c.is_alphanumeric());
        if !t.is_empty() {
            // `t` is a slice of `w`: its offset is where it starts.
            let off = t.as_ptr() as usize - w.as_ptr() as usize;
            words.push(t);
            spans.push(Span::new(pos + off, pos + off + t.len()));
        }
        pos += w.len() + 1;
    }
    (words, spans)
}

/// True for a full stop that ends an abbreviation such as `U.S.` or `Mr.`.
fn abbreviation_before(window: &str, dot: usize) -> bool {
    let word: &str = window[..dot].rsplit([' ', '\n']).next().unwrap_or("");
    let next = window[dot + 1..]
        .strip_prefix(' ')
        .and_then(|r| r.chars().next());
    word.contains('.') || crate::tokens::is_abbreviation(word, next)
}

/// Trims a Chinese form: outer spaces and stray punctuation; a form doubled
/// by a copying accident (`计划单列市计划单列市`) is halved.
fn clean_chinese(s: &str) -> String {
    let t = s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | '，' | '、' | '。' | ';' | '；' | ':' | '：')
    });
    let n = t.chars().count();
    if n >= 4 && n % 2 == 0 {
        let half = t.char_indices().nth(n / 2).map_or(t.len(), |(i, _)| i);
        if t[..half] == t[half..] {
            return t[..half].to_string();
        }
    }
    t.to_string()
}

/// Normalises an English form: whitespace collapsed, outer quotes and
/// trailing clause punctuation dropped.
pub fn clean_english(s: &str) -> String {
    // One string, built and then cut down in place (this runs for every
    // gloss).
    let mut joined = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(w);
    }
    let trimmed = joined.trim_matches(|c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '“' | '”' | '"' | '‘' | '’' | '\'' | '「' | '」' | '《' | '》'
        ) || c.is_whitespace()
    });
    // A hedge is the writer's, not the term's: `so-called Document No. 9`.
    let trimmed = ["so-called ", "So-called "]
        .iter()
        .find_map(|h| trimmed.strip_prefix(h))
        .unwrap_or(trimmed);
    // A possessive is not part of a name: `the Party’s (CCP)`.
    let kept = Span::within(&joined, crate::tokens::without_possessive(trimmed));
    joined.truncate(kept.end);
    joined.drain(..kept.start);
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning() {
        assert_eq!(clean_english("  “discourse  power,”  "), "discourse power");
        assert_eq!(clean_english("the Party’s"), "the Party");
        assert_eq!(clean_english("so-called Document No. 9"), "Document No. 9");
        assert_eq!(clean_english("\u{3000}“Xi’s”\n"), "Xi");
        assert_eq!(clean_english(" ,; "), "");
        assert_eq!(clean_chinese(" V字旅 "), "V字旅");
        assert!(chinese_before("中文”x", "中文”".len()));
        assert!(!chinese_before("word (", 4));
    }

    #[test]
    fn words_before_stop_at_clauses() {
        let t = "Dong Jingwei, a vice minister at the PRC Ministry of State Security (MSS)";
        let end = t.find(" (").unwrap();
        let (w, _) = words_before(t, end);
        assert_eq!(
            w,
            vec![
                "a", "vice", "minister", "at", "the", "PRC", "Ministry", "of", "State", "Security"
            ]
        );
        let t = "the U.S. Department of State (DOS)";
        let (w, _) = words_before(t, t.find(" (").unwrap());
        assert_eq!(w[0], "the");
    }
}
