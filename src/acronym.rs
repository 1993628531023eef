//! Acronyms and their long forms, after Schwartz & Hearst (2003).
//!
//! `Long Form (LF)` and `LF (Long Form)`. As in Schwartz–Hearst the short
//! form's characters are matched right to left against the words before it,
//! within a window of min(|SF| + 5, 2·|SF|) words, and the first character
//! must start a word. Two changes make it stricter, which is what the known
//! failure modes ask for: every *content* word of the long form must give at
//! least its initial (so a letter is never taken from the middle of an
//! unrelated word), while function words (`of`, `for`, `the`, `and`) may give
//! a letter or none (`Ministry of State Security` = MSS, `People's Bank of
//! China` = PBOC).

use crate::align::is_function_word;

/// Splits a long form into words for matching: whitespace and hyphens
/// separate words (`Asia-Pacific` gives A and P).
fn match_words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '/')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The letters and digits of a short form, lowercased.
fn short_letters(sf: &str) -> Vec<char> {
    sf.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Given the words before a `(SF)` (in text order), returns how many of the
/// last words form the long form, or `None` when they do not match.
pub fn long_form_before(words: &[&str], sf: &str) -> Option<usize> {
    let letters = short_letters(sf);
    if letters.len() < 2 || !letters[0].is_alphabetic() {
        return None;
    }
    let window = (letters.len() + 5).min(2 * letters.len());
    let lo = words.len().saturating_sub(window);
    // Each word split once; a candidate is a suffix of the pieces.
    let mut pieces: Vec<&str> = Vec::new();
    let mut first_piece = vec![0; words.len() - lo + 1];
    for (k, w) in words[lo..].iter().enumerate() {
        first_piece[k] = pieces.len();
        pieces.extend(match_words(w));
    }
    first_piece[words.len() - lo] = pieces.len();
    // The shortest long form that matches wins: try starts from the right.
    for start in (lo..words.len()).rev() {
        let cand = &pieces[first_piece[start - lo]..];
        if cand.is_empty() || is_function_word(cand[0]) {
            continue;
        }
        // The short form's first letter starts the first word.
        let initial = cand[0]
            .chars()
            .next()
            .into_iter()
            .flat_map(char::to_lowercase)
            .next();
        if initial != Some(letters[0]) {
            continue;
        }
        if matches_all(cand, &letters, true) {
            return Some(words.len() - start);
        }
    }
    None
}

/// True when the short form `sf` abbreviates the whole of `long` (used for
/// `SF (Long Form)` and for checking a long form found by other means).
pub fn abbreviates(sf: &str, long: &str) -> bool {
    let letters = short_letters(sf);
    let words = match_words(long);
    letters.len() >= 2 && !words.is_empty() && matches_all(&words, &letters, true)
}

/// True when the short form `sf` is the initials of `long`: every content
/// word gives its initial and nothing more, a function word its initial or
/// nothing. This is the test for a short form the text never defines, where
/// letters from inside words would tie it to any long name (`CMP` is not
/// `Communist Party`).
pub fn initials_of(sf: &str, long: &str) -> bool {
    let letters = short_letters(sf);
    let words = match_words(long);
    letters.len() >= 2 && !words.is_empty() && matches_all(&words, &letters, false)
}

/// Matches letters to words: each content word gives its initial and maybe
/// more letters from inside it (in order); a function word gives its initial
/// or nothing. All letters and all content words must be used. Without
/// `inner`, words give their initials only.
fn matches_all(words: &[&str], letters: &[char], inner: bool) -> bool {
    fn go(
        words: &[Vec<char>],
        content: &[bool],
        wi: usize,
        letters: &[char],
        li: usize,
        inner: bool,
    ) -> bool {
        if wi == words.len() {
            return li == letters.len();
        }
        if li == letters.len() {
            return content[wi..].iter().all(|c| !c);
        }
        let w = &words[wi];
        // A function word may give nothing.
        if !content[wi] && go(words, content, wi + 1, letters, li, inner) {
            return true;
        }
        if w[0] != letters[li] {
            return false;
        }
        // The initial, then 0.. more letters from inside the word, in order.
        let mut li2 = li + 1;
        if go(words, content, wi + 1, letters, li2, inner) {
            return true;
        }
        let mut pos = 1;
        while inner && li2 < letters.len() {
            match w[pos..].iter().position(|&c| c == letters[li2]) {
                Some(p) => {
                    pos += p + 1;
                    li2 += 1;
                    if go(words, content, wi + 1, letters, li2, inner) {
                        return true;
                    }
                }
                None => break,
            }
        }
        false
    }
    let lower: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.chars().flat_map(|c| c.to_lowercase()).collect())
        .collect();
    let content: Vec<bool> = words
        .iter()
        .map(|w| !is_function_word(w) && *w != "&")
        .collect();
    if lower.iter().any(|w| w.is_empty()) || lower.len() > 3 * letters.len() + 3 {
        return false;
    }
    go(&lower, &content, 0, letters, 0, inner)
}

/// Reads a definition of a short form in a remark such as `hereafter
/// referred to as CFLA`, `hereafter CFLA`, `abbreviated as CFLA`, `or CFLA`.
pub fn defined_in_remark(remark: &str) -> Option<&str> {
    let lower = remark.to_lowercase();
    let starts = [
        "hereafter referred to as",
        "hereinafter referred to as",
        "hereafter called",
        "hereafter",
        "hereinafter",
        "abbreviated as",
        "abbreviated",
        "short for",
        "known as",
        "or",
    ];
    for s in starts {
        if let Some(rest) = lower.strip_prefix(s) {
            let at = remark.len() - rest.len();
            let token = remark[at..]
                .trim()
                .trim_matches(|c: char| "\"“”'‘’".contains(c));
            if crate::paren::is_acronym(token) {
                return Some(token);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lf(text: &str, sf: &str) -> Option<String> {
        let words: Vec<&str> = text.split_whitespace().collect();
        long_form_before(&words, sf).map(|n| words[words.len() - n..].join(" "))
    }

    #[test]
    fn long_forms() {
        assert_eq!(
            lf(
                "a vice minister at the PRC Ministry of State Security",
                "MSS"
            )
            .unwrap(),
            "Ministry of State Security"
        );
        assert_eq!(
            lf(
                "published by the Central Commission for Discipline Inspection",
                "CCDI"
            )
            .unwrap(),
            "Central Commission for Discipline Inspection"
        );
        assert_eq!(
            lf("on June 21 the People’s Bank of China", "PBOC").unwrap(),
            "People’s Bank of China"
        );
        assert_eq!(
            lf(
                "members of the Association of Southeast Asian Nations",
                "ASEAN"
            )
            .unwrap(),
            "Association of Southeast Asian Nations"
        );
        assert_eq!(
            lf("the Asia-Pacific Economic Cooperation", "APEC").unwrap(),
            "Asia-Pacific Economic Cooperation"
        );
        assert_eq!(
            lf("the Legislative Affairs Commission", "LAC").unwrap(),
            "Legislative Affairs Commission"
        );
    }

    #[test]
    fn no_letters_from_unrelated_words() {
        // S&H would take the d of "Derived" mid-word; we do not.
        assert_eq!(lf("Derived from a large sample of data", "DLS"), None);
        assert_eq!(lf("see photo and video", "CIA"), None);
        assert_eq!(lf("in the whole of 2020", "CCDI"), None);
    }

    #[test]
    fn reverse_and_remarks() {
        assert!(abbreviates("PAP", "People’s Armed Police"));
        assert!(abbreviates("PLA", "People's Liberation Army"));
        assert!(!abbreviates("PLA", "People's Daily"));
        assert!(initials_of("NSB", "National Security Bureau"));
        assert!(initials_of("PBOC", "People's Bank of China"));
        assert!(initials_of("MSS", "Ministry of State Security"));
        assert!(abbreviates("CMP", "Communist Party"));
        assert!(!initials_of("CMP", "Communist Party"));
        assert_eq!(
            defined_in_remark("hereafter referred to as CFLA"),
            Some("CFLA")
        );
        assert_eq!(defined_in_remark("hereafter “SLF”"), Some("SLF"));
        assert_eq!(defined_in_remark("see below"), None);
    }
}
