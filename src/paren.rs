//! Parentheticals: finding bracket pairs and reading what is inside them.
//!
//! Brackets are matched in one pass with a bounded stack, so a line of two
//! million `(` or deep nesting costs linear time: a bracket pair never spans
//! a line, an over-long inside is not a gloss, and only the innermost
//! [`MAX_DEPTH`] open brackets are remembered.
//!
//! The inside is split into [`Part`]s — Chinese forms, acronyms, pinyin,
//! English, labels such as `Chinese:` and asides — which the finders then read.

use crate::document::Span;
use crate::script::{has_han, has_latin, is_han};

/// The most bytes a parenthetical's inside may have to be read at all.
pub const MAX_INNER_BYTES: usize = 600;

/// How many unclosed brackets are remembered.
pub const MAX_DEPTH: usize = 16;

/// A matched bracket pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parenthetical {
    /// Byte offset of the opening bracket.
    pub open: usize,
    /// Byte offset of the closing bracket.
    pub close: usize,
    /// Nesting depth: 0 for an outermost pair.
    pub depth: usize,
}

impl Parenthetical {
    /// The span between the brackets.
    pub fn inner(&self, text: &str) -> Span {
        let open_len = text[self.open..].chars().next().map_or(1, char::len_utf8);
        Span::new(self.open + open_len, self.close)
    }

    /// The span including both brackets.
    pub fn outer(&self, text: &str) -> Span {
        let close_len = text[self.close..].chars().next().map_or(1, char::len_utf8);
        Span::new(self.open, self.close + close_len)
    }
}

/// Every matched bracket pair in `text`, ordered by opening offset.
pub fn find(text: &str) -> Vec<Parenthetical> {
    let mut stack: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    // Brackets are a few bytes in hundreds, so the scan jumps between
    // candidates with a vectorised search: `(`, `)` and the lead byte of
    // the full-width brackets (EF BC 88 / EF BC 89, a sequence UTF-8 gives
    // no other character). A pair never spans a line: the stack only ever
    // holds brackets of one line, checked when it is next used.
    let bytes = text.as_bytes();
    for i in memchr::memchr3_iter(b'(', b')', 0xEF, bytes) {
        let open = match bytes[i] {
            b'(' => true,
            b')' => false,
            _ => match bytes.get(i + 1..i + 3) {
                Some([0xBC, 0x88]) => true,
                Some([0xBC, 0x89]) => false,
                _ => continue,
            },
        };
        if stack
            .last()
            .is_some_and(|&top| memchr::memchr(b'\n', &bytes[top..i]).is_some())
        {
            stack.clear();
        }
        if open {
            if stack.len() == MAX_DEPTH {
                stack.remove(0);
            }
            stack.push(i);
        } else if let Some(open) = stack.pop()
            && i - open <= MAX_INNER_BYTES + 3
        {
            out.push(Parenthetical {
                open,
                close: i,
                depth: stack.len(),
            });
        }
    }
    out.sort_by_key(|p| p.open);
    out
}

/// What one piece of a parenthetical's inside is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// Chinese text (it has Han characters); `script` says which label, if
    /// any, introduced it.
    Chinese(Script),
    /// A short form such as `MSS` or `G20`.
    Acronym,
    /// Romanisation (labelled `pinyin:` or recognised by the caller).
    Pinyin,
    /// Other Latin-script text: a gloss in Chinese text, else an aside.
    English,
    /// Anything else: numbers, dates, `see photo`, a nested bracket, …
    Aside,
}

/// Which script label introduced a Chinese part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// No label, or `Chinese:`.
    Unlabelled,
    /// `simplified Chinese:` / `simplified:`.
    Simplified,
    /// `traditional Chinese:` / `traditional:`.
    Traditional,
}

/// A piece of a parenthetical's inside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// What it is.
    pub kind: PartKind,
    /// Its span in the document (label excluded, trimmed).
    pub span: Span,
}

/// Splits the inside of a parenthetical (the span between its brackets) into
/// parts. Separators are `;` `,` `/` and their full-width forms; a Chinese
/// term that itself contains a comma (`能打胜仗, 作风优良`) is kept whole.
pub fn parts(text: &str, inner: Span) -> Vec<Part> {
    let s = &text[inner.range()];
    let mut raw: Vec<(Span, char)> = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            ';' | '；' | ',' | '，' | '/' | '／' if depth == 0 => {
                raw.push((Span::new(inner.start + start, inner.start + i), c));
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    raw.push((Span::new(inner.start + start, inner.end), '\0'));

    let mut out: Vec<Part> = Vec::new();
    let mut prev_sep = '\0';
    for (span, sep) in raw {
        let part = classify(text, span);
        // A comma between two Chinese pieces belongs to one Chinese phrase
        // (`推动系统性变革,构建…`); semicolons and slashes separate forms.
        if let (Some(last), Some(p)) = (out.last_mut(), &part) {
            let both_chinese = matches!(last.kind, PartKind::Chinese(Script::Unlabelled))
                && p.kind == PartKind::Chinese(Script::Unlabelled)
                && mostly_han(&text[p.span.range()]);
            if both_chinese && matches!(prev_sep, ',' | '，') {
                last.span.end = p.span.end;
                prev_sep = sep;
                continue;
            }
        }
        if let Some(mut p) = part {
            if !out.is_empty()
                && matches!(p.kind, PartKind::Chinese(_))
                && REMARK_OPENERS
                    .iter()
                    .any(|w| text[p.span.range()].starts_with(w))
            {
                p.kind = PartKind::Aside;
            }
            out.push(p);
        }
        prev_sep = sep;
    }
    out
}

/// Labels that introduce a part, lowercase, with the kind they force.
const LABELS: &[(&str, Option<Script>)] = &[
    ("simplified chinese", Some(Script::Simplified)),
    ("traditional chinese", Some(Script::Traditional)),
    ("simplified", Some(Script::Simplified)),
    ("traditional", Some(Script::Traditional)),
    ("chinese", Some(Script::Unlabelled)),
    ("mandarin", Some(Script::Unlabelled)),
    ("zh", Some(Script::Unlabelled)),
    ("pinyin", None),
    ("hanyu pinyin", None),
    ("wade–giles", None),
    ("wade-giles", None),
    ("jyutping", None),
    ("cantonese", None),
    ("英文", None),
    ("英語", None),
    ("英语", None),
];

fn classify(text: &str, span: Span) -> Option<Part> {
    let (span, label) = strip_label(text, trim(text, span));
    if span.is_empty() {
        return None;
    }
    let s = &text[span.range()];
    let kind = match label {
        Some(Label::Script(script)) if has_han(s) => PartKind::Chinese(script),
        Some(Label::Pinyin) => PartKind::Pinyin,
        Some(Label::English) => {
            if is_acronym(s) {
                PartKind::Acronym
            } else {
                PartKind::English
            }
        }
        _ if s.starts_with(['(', '（']) => PartKind::Aside,
        // A Chinese term may hold digits and a few letters (`V字旅`,
        // `1213专案组`); Han among mostly Latin text or markup is not one.
        _ if has_han(s) && chinese_enough(s) => PartKind::Chinese(Script::Unlabelled),
        _ if has_han(s) => PartKind::Aside,
        _ if is_acronym(s) => PartKind::Acronym,
        _ if has_latin(s) => PartKind::English,
        _ => PartKind::Aside,
    };
    Some(Part { kind, span })
}

/// Chinese words that open an explanation after a form inside a bracket:
/// "that is", "meaning", "referring to" (`英文:…,即CIA前身`). Only after a
/// first part: a bracket that starts so may hold a term (即时通讯).
const REMARK_OPENERS: &[&str] = &[
    "即",
    "亦即",
    "也就是",
    "就是",
    "意即",
    "意为",
    "意為",
    "意思是",
    "是指",
];

enum Label {
    Script(Script),
    Pinyin,
    English,
}

fn strip_label(text: &str, span: Span) -> (Span, Option<Label>) {
    let s = &text[span.range()];
    let Some(colon) = s.find([':', '：']) else {
        return (span, None);
    };
    let head = s[..colon].trim().to_lowercase();
    let Some((name, script)) = LABELS.iter().find(|(l, _)| *l == head) else {
        return (span, None);
    };
    let colon_len = s[colon..].chars().next().map_or(1, char::len_utf8);
    let rest = trim(text, Span::new(span.start + colon + colon_len, span.end));
    let label = match (name, script) {
        (_, Some(sc)) => Label::Script(*sc),
        (n, None) if n.starts_with('英') => Label::English,
        _ => Label::Pinyin,
    };
    (rest, Some(label))
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    Span::new(span.start + lead, (span.end - trail).max(span.start + lead))
}

/// True for an acronym-like token: 2–12 characters, no spaces (or two short
/// words), starting alphanumeric, at least two capitals, and mostly capitals
/// or digits (`MSS`, `CCDI`, `G20`, `PLA Daily` is not).
pub fn is_acronym(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    if !(2..=12).contains(&n) || s.contains(char::is_whitespace) {
        return false;
    }
    if !s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    if s.chars()
        .any(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '&' | '.')))
    {
        return false;
    }
    let upper = s.chars().filter(|c| c.is_ascii_uppercase()).count();
    let lower = s.chars().filter(|c| c.is_ascii_lowercase()).count();
    let digits = s.chars().filter(|c| c.is_ascii_digit()).count();
    upper >= 1 && upper + digits >= 2 && upper > lower
}

/// True when Han characters outnumber Latin letters.
/// True when Han characters are at least as many as Latin letters and ASCII
/// punctuation together (digits, spaces and name dots do not count).
fn chinese_enough(s: &str) -> bool {
    let han = s.chars().filter(|&c| is_han(c)).count();
    let other = s
        .chars()
        .filter(|&c| c.is_ascii_alphabetic() || (c.is_ascii_punctuation() && c != '-'))
        .count();
    han >= other
}

fn mostly_han(s: &str) -> bool {
    s.chars().filter(|&c| is_han(c)).count()
        >= s.chars().filter(|c| c.is_ascii_alphabetic()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(PartKind, &str)> {
        let p = find(text);
        let inner = p[0].inner(text);
        parts(text, inner)
            .into_iter()
            .map(|p| (p.kind, &text[p.span.range()]))
            .collect()
    }

    #[test]
    fn finds_pairs_of_both_widths() {
        let t = "a (b) c（d）e (f (g) h";
        let p = find(t);
        assert_eq!(p.len(), 3);
        assert_eq!(&t[p[0].inner(t).range()], "b");
        assert_eq!(&t[p[1].inner(t).range()], "d");
        assert_eq!(&t[p[2].inner(t).range()], "g");
    }

    #[test]
    fn nesting_and_lines() {
        let t = "x (outer (inner) tail) y\n(unclosed\n)";
        let p = find(t);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].depth, 0);
        assert_eq!(p[1].depth, 1);
    }

    #[test]
    fn pathological_input_is_linear() {
        let t = "(".repeat(2_000_000);
        assert!(find(&t).is_empty());
        let t = format!("{}{}", "(".repeat(100_000), ")".repeat(100_000));
        assert_eq!(find(&t).len(), MAX_DEPTH);
    }

    #[test]
    fn parts_of_labelled_insides() {
        assert_eq!(
            kinds(
                "X (simplified Chinese: 董经纬; traditional Chinese: 董經緯; pinyin: Dǒng Jīngwěi; born 1963)"
            ),
            vec![
                (PartKind::Chinese(Script::Simplified), "董经纬"),
                (PartKind::Chinese(Script::Traditional), "董經緯"),
                (PartKind::Pinyin, "Dǒng Jīngwěi"),
                (PartKind::English, "born 1963"),
            ]
        );
        assert_eq!(
            kinds("X (LAC; 法制工作委员会)"),
            vec![
                (PartKind::Acronym, "LAC"),
                (PartKind::Chinese(Script::Unlabelled), "法制工作委员会")
            ]
        );
        assert_eq!(
            kinds("X (中華自由閃電軍, hereafter referred to as CFLA)"),
            vec![
                (PartKind::Chinese(Script::Unlabelled), "中華自由閃電軍"),
                (PartKind::English, "hereafter referred to as CFLA"),
            ]
        );
        assert_eq!(
            kinds("“x” (能打胜仗, 作风优良)"),
            vec![(PartKind::Chinese(Script::Unlabelled), "能打胜仗, 作风优良")]
        );
        assert_eq!(
            kinds("会议(Asia-Pacific Economic Cooperation, APEC)"),
            vec![
                (PartKind::English, "Asia-Pacific Economic Cooperation"),
                (PartKind::Acronym, "APEC")
            ]
        );
        assert_eq!(
            kinds("局(英文:Office of Strategic Services,即CIA前身)"),
            vec![
                (PartKind::English, "Office of Strategic Services"),
                (PartKind::Aside, "即CIA前身"),
            ],
            "a remark after the form is an aside"
        );
        assert_eq!(
            kinds("x (即时通讯)"),
            vec![(PartKind::Chinese(Script::Unlabelled), "即时通讯")],
            "a term may start with a remark word"
        );
        assert_eq!(
            kinds("x (V字旅 )"),
            vec![(PartKind::Chinese(Script::Unlabelled), "V字旅")]
        );
        assert_eq!(kinds("x (; )"), vec![]);
        assert_eq!(
            kinds("markup (`(左)`, `(路透)`)")[0].0,
            PartKind::Aside,
            "Han amid markup is no term"
        );
        assert_eq!(
            kinds("x (1213专案组)")[0].0,
            PartKind::Chinese(Script::Unlabelled)
        );
    }

    #[test]
    fn acronyms() {
        for a in ["MSS", "CCDI", "G20", "COVID-19", "R&D", "U.S."] {
            assert!(is_acronym(a), "{a}");
        }
        for a in ["Mss", "M", "PLA Daily", "see", "2021", "Ab"] {
            assert!(!is_acronym(a), "{a}");
        }
    }
}
