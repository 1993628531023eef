//! Documents: the text of one input with its name, line index and sentence
//! boundaries.

use std::ops::Range;

use crate::script::is_sentence_end;

/// A byte span into a document's original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Inclusive start byte.
    pub start: usize,
    /// Exclusive end byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span as a range, for slicing.
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// True when the span is empty.
    pub fn is_empty(self) -> bool {
        self.start >= self.end
    }

    /// Where `part`, a slice of `whole`, lies in it (read off their
    /// addresses: no search).
    pub fn within(whole: &str, part: &str) -> Span {
        let start = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
        debug_assert!(
            start
                .checked_add(part.len())
                .is_some_and(|end| end <= whole.len()),
            "a slice of another string"
        );
        Span::new(start, start + part.len())
    }
}

/// One input document.
#[derive(Clone, Debug)]
pub struct Document {
    id: String,
    text: String,
    line_starts: Vec<usize>,
    /// The line number of the text's first line (a piece of a long document
    /// starts further down).
    first_line: usize,
    /// The document's place in the run; pieces of one document share it.
    ordinal: u64,
    /// Where the text starts in the whole document (for pieces).
    byte_offset: u64,
}

impl Document {
    /// A document named `id` (a path, `<stdin>`, or a record id).
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Document {
            id: id.into(),
            text,
            line_starts,
            first_line: 1,
            ordinal: 0,
            byte_offset: 0,
        }
    }

    /// The same document, numbered `ordinal` in its run.
    pub fn with_ordinal(mut self, ordinal: u64) -> Document {
        self.ordinal = ordinal;
        self
    }

    /// The same document, its first line being line `first_line` of the
    /// whole (for pieces of a long document).
    pub fn with_first_line(mut self, first_line: usize) -> Document {
        self.first_line = first_line.max(1);
        self
    }

    /// The line of the whole document that the text starts on.
    pub fn first_line(&self) -> usize {
        self.first_line
    }

    /// The same document, its text starting at byte `offset` of the whole.
    pub fn with_byte_offset(mut self, offset: u64) -> Document {
        self.byte_offset = offset;
        self
    }

    /// Where the text starts in the whole document (0 unless a piece).
    pub fn byte_offset(&self) -> u64 {
        self.byte_offset
    }

    /// The document's place in the run; pieces of one document share it.
    pub fn ordinal(&self) -> u64 {
        self.ordinal
    }

    /// The document's name as it appears in `source` columns.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The 1-based line number of a byte offset.
    pub fn line_of(&self, byte: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= byte) + self.first_line - 1
    }

    /// The sentence around a span: from the previous sentence end (or line
    /// start) to the next one, trimmed, at most about 400 bytes.
    pub fn sentence(&self, span: Span) -> &str {
        let t = &self.text;
        let line = self.line_starts.partition_point(|&s| s <= span.start);
        let line_start = self.line_starts[line - 1];
        let line_end = self
            .line_starts
            .get(line)
            .map(|&e| e - 1)
            .unwrap_or(t.len());
        let mut start = line_start;
        for (i, c) in t[line_start..span.start.min(t.len())].char_indices().rev() {
            if is_sentence_end(c) && self.ends_sentence(line_start + i) {
                start = line_start + i + c.len_utf8();
                break;
            }
        }
        let from = span.end.clamp(start, line_end.max(start));
        let mut end = line_end.max(from);
        for (i, c) in t[from..end].char_indices() {
            if is_sentence_end(c) && self.ends_sentence(from + i) {
                end = from + i + c.len_utf8();
                break;
            }
        }
        let s = t[start..end].trim();
        if s.len() > 400 {
            truncate_around(s, 400)
        } else {
            s
        }
    }

    /// A full stop ends a sentence unless it sits inside an abbreviation or a
    /// number (`U.S.`, `i.e.`, `18.576`).
    fn ends_sentence(&self, at: usize) -> bool {
        let t = self.text.as_bytes();
        if t[at] != b'.' {
            return true;
        }
        let next = t.get(at + 1).copied();
        let prev2 = if at >= 2 {
            t.get(at - 2).copied()
        } else {
            None
        };
        match next {
            None => true,
            Some(b) if b.is_ascii_alphanumeric() => false,
            Some(_) => !matches!(prev2, Some(b'.') | Some(b' ')) || at < 2,
        }
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a grapheme
/// boundary, so a context never ends inside a character with its combining
/// marks.
fn truncate_around(s: &str, max: usize) -> &str {
    use unicode_segmentation::UnicodeSegmentation;
    let end = s
        .grapheme_indices(true)
        .map(|(i, g)| i + g.len())
        .take_while(|&e| e <= max)
        .last()
        .unwrap_or(0);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_knows_where_it_lies() {
        let whole = "ab ab “c”";
        let second = &whole[3..5];
        assert_eq!(second, "ab");
        // Its own place, not the first equal text's.
        assert_eq!(Span::within(whole, second), Span::new(3, 5));
        assert_eq!(Span::within(whole, &whole[5..]), Span::new(5, whole.len()));
        assert_eq!(Span::within(whole, &whole[..0]), Span::new(0, 0));
    }

    #[test]
    fn lines_are_one_based() {
        let d = Document::new("d", "ab\ncd\n\nef");
        assert_eq!(d.line_of(0), 1);
        assert_eq!(d.line_of(2), 1);
        assert_eq!(d.line_of(3), 2);
        assert_eq!(d.line_of(7), 4);
    }

    #[test]
    fn sentence_skips_abbreviations() {
        let text = "First one. The U.S. side said “gossip” (小道消息) spread. Next one.";
        let d = Document::new("d", text);
        let at = text.find("小道").unwrap();
        assert_eq!(
            d.sentence(Span::new(at, at + 3)),
            "The U.S. side said “gossip” (小道消息) spread."
        );
    }

    #[test]
    fn long_contexts_end_on_a_grapheme_boundary() {
        let s = "e\u{301}".repeat(300);
        let cut = truncate_around(&s, 400);
        assert!(
            cut.len() <= 400 && cut.ends_with('\u{301}'),
            "never between a letter and its accent"
        );
    }

    #[test]
    fn sentence_in_chinese() {
        let text = "第一句。美国智库布鲁金斯学会(Brookings Institution)发表报告。";
        let d = Document::new("d", text);
        let at = text.find("布鲁").unwrap();
        assert_eq!(
            d.sentence(Span::new(at, at + 3)),
            "美国智库布鲁金斯学会(Brookings Institution)发表报告。"
        );
    }
}
