//! English tokens: words and punctuation with their spans, for the entity
//! finders.
//!
//! A word is a run of letters and digits, joined by inner hyphens,
//! apostrophes and dots (`Kai-shek`, `People’s`, `U.S.`). Everything else
//! that is not space is a one-character punctuation token. Han characters
//! are punctuation here: English entity patterns never span them.

use crate::document::Span;
use crate::script::is_han;

/// A token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The text.
    pub text: &'a str,
    /// Where it is.
    pub span: Span,
    /// True for a word, false for punctuation.
    pub is_word: bool,
    /// True when a newline separates it from the previous token.
    pub after_newline: bool,
}

impl Token<'_> {
    /// True for a word starting with a capital letter.
    pub fn is_capitalised(&self) -> bool {
        self.is_word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// True for punctuation `c`.
    pub fn is_punct(&self, c: char) -> bool {
        !self.is_word && self.text.starts_with(c)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// Tokenises `text`.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut newline = false;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            newline |= c == '\n';
            continue;
        }
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_word_char(d) {
                    end = j + d.len_utf8();
                    it.next();
                    continue;
                }
                if matches!(d, '-' | '\'' | '’' | '.' | '‐') {
                    // A joiner only when a word character follows.
                    let next = text[j + d.len_utf8()..].chars().next();
                    if next.is_some_and(is_word_char) {
                        end = j + d.len_utf8();
                        it.next();
                        continue;
                    }
                    // `U.S.`: a final dot after dotted single letters.
                    if d == '.'
                        && text[i..j].contains('.')
                        && text[i..j].split('.').all(|p| p.chars().count() <= 1)
                    {
                        end = j + 1;
                        it.next();
                    }
                }
                break;
            }
            out.push(Token {
                text: &text[i..end],
                span: Span::new(i, end),
                is_word: true,
                after_newline: newline,
            });
        } else {
            // A run of Chinese is one separator token: English patterns
            // never span it, and Chinese text costs one token a run.
            let mut end = i + c.len_utf8();
            while is_han(c) {
                match it.peek() {
                    Some(&(j, d)) if is_han(d) => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    _ => break,
                }
            }
            out.push(Token {
                text: &text[i..end],
                span: Span::new(i, end),
                is_word: false,
                after_newline: newline,
            });
        }
        newline = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
