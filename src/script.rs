//! Character classes: which characters are Han, Latin, brackets or quotes.
//!
//! Finders decide where a term begins by the class of the characters around
//! it, so these predicates are shared by every stage.

/// The character at byte `i` of `s` and its length, ASCII without decoding
/// (the tokenizers step through text this way).
pub fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b.is_ascii() {
        return Some((char::from(b), 1));
    }
    s.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// The last character of `s` (with its byte offset) for which `pred` holds:
/// `s.char_indices().rev().find(…)`, walking bytes and decoding only those
/// that start a multi-byte character (the text before a bracket is read
/// this way for every bracket, and it is mostly ASCII).
pub fn rfind_char(s: &str, mut pred: impl FnMut(usize, char) -> bool) -> Option<(usize, char)> {
    let bytes = s.as_bytes();
    (0..bytes.len()).rev().find_map(|i| {
        let c = match bytes[i] {
            b if b.is_ascii() => char::from(b),
            // A continuation byte: the character starts further left.
            0x80..=0xBF => return None,
            _ => s[i..].chars().next()?,
        };
        pred(i, c).then_some((i, c))
    })
}

/// `word` lowercased into `buf` when it is ASCII and fits (lookups of
/// tokens in word lists run for every token, and need no allocation for
/// them); `None` otherwise.
pub fn ascii_lowercase<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    if !word.is_ascii() || word.len() > buf.len() {
        return None;
    }
    let lower = &mut buf[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    // SAFETY: the bytes are those of an ASCII `&str`, lowercased within
    // ASCII, so they are valid UTF-8. This runs for nearly every token, and
    // validating again cost more than the lowering itself.
    Some(unsafe { std::str::from_utf8_unchecked(lower) })
}

/// `f` of `word` lowercased: a short ASCII word is folded on the stack (word
/// lists are asked about nearly every token), any other allocated.
pub fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 24];
    match ascii_lowercase(word, &mut buf) {
        Some(lower) => f(lower),
        None => f(&word.to_lowercase()),
    }
}

/// Appends `s` lowercased (ASCII without going through Unicode tables).
pub fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&s.to_lowercase());
    }
}

/// The dots that join the parts of a foreign name in Chinese (`约瑟夫·奈`):
/// the middle dot, the bullet, the hyphenation point and the katakana dot.
pub fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '‧' | '・')
}

/// True for a personal name in Latin letters: two to four capitalised
/// words or initials (`Antony Blinken`, `Janet L. Yellen`, `O'Donnell`).
pub fn is_latin_personal_name(words: &[&str]) -> bool {
    (2..=4).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | '’'))
        })
}

/// True for CJK ideographs (the unified blocks and their extensions) and the
/// iteration mark 〇.
pub fn is_han(c: char) -> bool {
    // Most characters asked about are ASCII or Latin: one comparison.
    let u = c as u32;
    u >= 0x3007
        && matches!(u,
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x30000..=0x3134F
        | 0x3007)
}

/// True when `s` contains at least one Han character.
pub fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// True for ASCII and Latin-1/Latin Extended letters (including pinyin tone
/// vowels such as ǎ and ü).
pub fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (c.is_alphabetic() && (c as u32) < 0x0250)
        || matches!(c as u32, 0x1E00..=0x1EFF)
}

/// True when `s` contains a Latin letter.
pub fn has_latin(s: &str) -> bool {
    s.chars().any(is_latin_letter)
}

/// Opening quotation marks used in English and Chinese text.
pub fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '‘' | '「' | '『' | '《' | '〈' | '«')
}

/// Closing quotation marks used in English and Chinese text.
pub fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '》' | '〉' | '»')
}

/// The closing mark that pairs with an opening one (`"` pairs with itself).
pub fn closing_quote_for(open: char) -> Option<char> {
    Some(match open {
        '“' => '”',
        '‘' => '’',
        '「' => '」',
        '『' => '』',
        '《' => '》',
        '〈' => '〉',
        '«' => '»',
        '"' => '"',
        '\'' => '\'',
        _ => return None,
    })
}

/// The opening mark that pairs with a closing one.
pub fn opening_quote_for(close: char) -> Option<char> {
    Some(match close {
        '”' => '“',
        '’' => '‘',
        '」' => '「',
        '』' => '『',
        '》' => '《',
        '〉' => '〈',
        '»' => '«',
        '"' => '"',
        '\'' => '\'',
        _ => return None,
    })
}

/// Punctuation that ends a clause in Chinese text (a term never spans it).
pub fn is_zh_clause_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '…'
            | '—'
            | '–'
            | '•'
            | '‧'
            | '|'
    )
}

/// Sentence-final punctuation in either language.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backward_search_finds_what_char_indices_finds() {
        let s = "ab（中文）“q” é.x";
        for pred in [
            (|c: char| c == '（') as fn(char) -> bool,
            is_han,
            |c| c == '.',
            |c| c == 'é',
            |c| c == 'a',
            |c| c == 'z',
        ] {
            let want = s.char_indices().rev().find(|&(_, c)| pred(c));
            assert_eq!(rfind_char(s, |_, c| pred(c)), want);
        }
        assert_eq!(rfind_char("", |_, _| true), None);
    }

    #[test]
    fn stack_lowercasing_and_stepping() {
        let mut buf = [0u8; 24];
        assert_eq!(ascii_lowercase("Minister", &mut buf), Some("minister"));
        assert_eq!(ascii_lowercase("Lü", &mut buf), None);
        assert_eq!(ascii_lowercase(&"A".repeat(25), &mut buf), None);
        assert_eq!(char_at("a中", 0), Some(('a', 1)));
        assert_eq!(char_at("a中", 1), Some(('中', 3)));
        assert_eq!(char_at("a中", 2), None);
        assert_eq!(char_at("a中", 4), None);
    }

    #[test]
    fn classes() {
        assert!(is_han('長') && is_han('长') && is_han('〇'));
        assert!(!is_han('a') && !is_han('（'));
        assert!(is_latin_letter('ǎ') && is_latin_letter('ü') && is_latin_letter('Z'));
        assert!(!is_latin_letter('字') && !is_latin_letter('1'));
        assert!(has_han("V字旅") && has_latin("V字旅"));
        assert_eq!(closing_quote_for('“'), Some('”'));
        assert_eq!(opening_quote_for('」'), Some('「'));
    }
}
