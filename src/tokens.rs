//! English tokens: words and punctuation with their spans, for the entity
//! finders.
//!
//! A word is a run of letters and digits, joined by inner hyphens,
//! apostrophes and dots (`Kai-shek`, `People’s`, `U.S.`). Everything else
//! that is not space is a one-character punctuation token. Han characters
//! are punctuation here: English entity patterns never span them.

use crate::document::Span;
use crate::script::{char_at, is_han};

/// A token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text.
    pub text: &'a str,
    /// True for a word, false for punctuation.
    pub is_word: bool,
    /// True when a newline separates it from the previous token.
    pub after_newline: bool,
    /// True for a word of ASCII letters and digits only (no joiner, no
    /// other letter): most English words, which callers need not look into.
    pub plain: bool,
    /// True for a word that starts with a capital letter (every finder asks,
    /// of every word: it is worked out once).
    capitalised: bool,
}

impl Token<'_> {
    /// Where it is in `text`, the text it was cut from. A token holds no span
    /// of its own: its text says where it is, and a token of three words
    /// (24 bytes) instead of five is a smaller vector to write and to walk.
    #[inline]
    pub fn span_in(&self, text: &str) -> Span {
        Span::within(text, self.text)
    }

    /// True for a word starting with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.capitalised
    }

    /// True for punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        !self.is_word && self.text.starts_with(c)
    }
}

/// ASCII letters and digits, by byte: the tokenizer's inner loop, where a
/// table is cheaper than the three range tests.
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Curly quotes and dashes, the non-ASCII of English text, are general
    // punctuation (U+2000–U+206F), which holds no letter: no table lookup.
    if ('\u{2000}'..='\u{206F}').contains(&c) {
        return false;
    }
    c.is_alphanumeric() && !is_han(c)
}

/// Where a run of tokens of `text` lies, from its first token's start to its
/// last one's end.
///
/// # Panics
///
/// When `run` is empty (a caller's defect).
pub(crate) fn run_span(text: &str, run: &[Token<'_>]) -> Span {
    let (first, last) = (&run[0], &run[run.len() - 1]);
    Span::new(first.span_in(text).start, last.span_in(text).end)
}

/// True when a full stop after `word`, followed by `next` (the first
/// character after the space), abbreviates it rather than ending a sentence:
/// `Document No. 9`, `Dr. Chen`, `Art. 23`.
pub fn is_abbreviation(word: &str, next: Option<char>) -> bool {
    matches!(
        word,
        "No" | "Nos"
            | "Art"
            | "Vol"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "St"
            | "Gen"
            | "Col"
            | "Lt"
            | "Sen"
            | "Rep"
            | "Gov"
            | "Adm"
            | "Maj"
            | "Capt"
            | "Sgt"
    ) && next.is_some_and(|c| c.is_ascii_digit() || c.is_uppercase())
}

/// A word without its possessive ending (`Hu’s` → `Hu`).
pub fn without_possessive(w: &str) -> &str {
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// Tokenises `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    // English averages a token every four to five bytes: one allocation.
    let mut out = Vec::with_capacity(text.len() / 4 + 16);
    let bytes = text.as_bytes();
    let mut newline = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // ASCII, most of English text, is classified by its byte alone.
        let (end, is_word, plain) = if b.is_ascii() {
            if matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
                newline |= b == b'\n';
                i += 1;
                continue;
            }
            if ASCII_ALNUM[usize::from(b)] {
                let run = i + 1 + alnum_run(&bytes[i + 1..]);
                // Most words end at a space or a mark that joins nothing:
                // only a joiner or a non-ASCII character needs a look.
                let end = match bytes.get(run) {
                    Some(&c) if !c.is_ascii() || is_joiner(char::from(c)) => word_end(text, i, run),
                    _ => run,
                };
                (end, true, end == run)
            } else {
                (i + 1, false, false)
            }
        } else {
            let Some((c, len)) = char_at(text, i) else {
                break;
            };
            if c.is_whitespace() {
                i += len;
                continue;
            }
            if is_word_char(c) {
                (word_end(text, i, i + len), true, false)
            } else if is_han(c) {
                // A run of Chinese is one separator token: English patterns
                // never span it, and Chinese text costs one token a run.
                let mut end = i + len;
                while let Some((_, dl)) = char_at(text, end).filter(|&(d, _)| is_han(d)) {
                    end += dl;
                }
                (end, false, false)
            } else {
                (i + len, false, false)
            }
        };
        // (ASCII needs no decoding.)
        let capitalised = is_word
            && if b.is_ascii() {
                b.is_ascii_uppercase()
            } else {
                text[i..end].chars().next().is_some_and(char::is_uppercase)
            };
        out.push(Token {
            text: &text[i..end],
            is_word,
            after_newline: newline,
            plain,
            capitalised,
        });
        newline = false;
        i = end;
    }
    out
}

/// A mark that joins two word characters into one word (`Kai-shek`,
/// `China’s`, `U.S`).
fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '‐')
}

/// The length of the run of ASCII letters and digits that starts `bytes`.
pub(crate) fn alnum_run(bytes: &[u8]) -> usize {
    // Eight bytes at a time while they are ASCII letters: each byte's high
    // bit says whether it is one, and the first that is not ends the run
    // (or, a digit, hands over to the table).
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_le_bytes(eight);
        if x & HIGH != 0 {
            break;
        }
        // Lowercased, each byte is a letter when it is at least `a` and
        // below `{`; the additions cannot carry between ASCII bytes.
        let y = x | 0x2020_2020_2020_2020;
        let at_least_a = y.wrapping_add(0x1f1f_1f1f_1f1f_1f1f);
        let past_z = y.wrapping_add(0x0505_0505_0505_0505);
        let other = !(at_least_a & !past_z) & HIGH;
        if other != 0 {
            i += (other.trailing_zeros() / 8) as usize;
            break;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(bytes.len() - i)
}

/// The end of the word that starts at `start` and runs at least to `end`.
fn word_end(text: &str, start: usize, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // Most of a word is ASCII letters: no decoding for them.
        end += alnum_run(&bytes[end..]);
        let Some((d, dl)) = char_at(text, end) else {
            return end;
        };
        // (A joiner is no word character: it is tested first, as the
        // apostrophe of `China’s` is the usual reason to be here.)
        let joiner = is_joiner(d);
        if !joiner && is_word_char(d) {
            end += dl;
            continue;
        }
        if joiner {
            // A joiner only when a word character follows.
            if char_at(text, end + dl).is_some_and(|(n, _)| is_word_char(n)) {
                end += dl;
                continue;
            }
            // `U.S.`: a final dot after dotted single letters.
            if d == '.'
                && text[start..end].contains('.')
                && text[start..end].split('.').all(|p| p.chars().count() <= 1)
            {
                end += 1;
            }
        }
        return end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alnum_runs_match_a_byte_by_byte_count() {
        let text = "Zhao Kezhi's 2024 [abc]@` xyzXYZ{ 0123456789abcdefghij Ökonom z1-a ";
        for start in 0..text.len() {
            let bytes = &text.as_bytes()[start..];
            let want = bytes
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len());
            assert_eq!(alnum_run(bytes), want, "from byte {start}");
        }
        // Every ASCII byte after seven letters.
        for b in 0..128u8 {
            let run = [b'a', b'b', b'c', b'd', b'e', b'f', b'g', b, b'x'];
            let want = if b.is_ascii_alphanumeric() { 9 } else { 7 };
            assert_eq!(alnum_run(&run), want, "byte {b}");
            let run = [b, b'x', b'y'];
            let want = if b.is_ascii_alphanumeric() { 3 } else { 0 };
            assert_eq!(alnum_run(&run), want, "byte {b}");
        }
    }

    #[test]
    fn words_and_joiners() {
        let t = "Generalissimo Chiang Kai-shek, the U.S. side’s “gossip” (小道).";
        let words: Vec<&str> = tokenize(t)
            .iter()
            .filter(|t| t.is_word)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            vec![
                "Generalissimo",
                "Chiang",
                "Kai-shek",
                "the",
                "U.S.",
                "side’s",
                "gossip"
            ]
        );
        let toks = tokenize("a\nB");
        assert!(toks[1].after_newline && !toks[0].after_newline);
        let plain: Vec<bool> = tokenize("Kai-shek U.S. Zhao café 2024 ,")
            .iter()
            .map(|t| t.plain)
            .collect();
        assert_eq!(plain, vec![false, false, true, false, true, false]);
        let caps: Vec<bool> = tokenize("Zhao zhao Ömer ömer 2024 “ É-cole U.S.")
            .iter()
            .map(Token::is_capitalised)
            .collect();
        assert_eq!(
            caps,
            vec![true, false, true, false, false, false, true, true]
        );
    }

    #[test]
    fn a_token_knows_its_place_in_its_text() {
        let text = "Ms Ōta, “the U.S. side” (美方)\nsaid 2024—\tno.";
        let toks = tokenize(text);
        let mut last_end = 0;
        for t in &toks {
            let span = t.span_in(text);
            assert_eq!(&text[span.range()], t.text);
            assert!(span.start >= last_end, "tokens in order, none overlapping");
            last_end = span.end;
        }
        // The place is the token's own, not the first equal text's.
        let twice = tokenize("Hu and Hu");
        assert_eq!(twice[2].span_in("Hu and Hu"), Span::new(7, 9));
    }
}
