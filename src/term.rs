//! Where a Chinese term begins: `中文(English)`.
//!
//! In `美国智库布鲁金斯学会(Brookings Institution)` only 布鲁金斯学会 is
//! translated. Candidates are the suffixes of the Chinese run before the
//! bracket that start on a jieba word boundary (names joined by `·` are never
//! split); each is scored by how many English words it explains (dictionary,
//! pinyin, transliteration characters) against how many of its characters
//! nothing explains. Names after a title (`财政部长叶伦(Janet Yellen)`) start
//! after the title.

use crate::acronym::abbreviates;
use crate::align::{ChineseSide, english_words, is_function_word, stem};
use crate::document::Span;
use crate::hanzi::Hanzi;
use crate::paren::is_acronym;
use crate::script::{is_close_quote, is_han, is_open_quote};
use crate::segment::{Segmenter, Tagging};

/// The longest term considered, in characters.
const MAX_TERM_CHARS: usize = 24;

/// Characters common in transliterations of foreign names (布鲁金斯, 叶伦,
/// 苏利文): a run of them can stand for a foreign word.
const TRANSLIT: &str = "珍琪黛薇娅凡妮阿埃艾爱安奥澳巴拜班邦鲍贝本比彼毕庇宾波伯泊博布查达戴丹道得德迪蒂丁杜顿多厄恩尔法范菲斐芬费丰弗伏福富盖甘冈戈格葛古圭哈海汉豪赫亨洪胡华霍基吉加迦贾杰捷金津卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里理利莉丽列林琳隆卢鲁路伦罗洛吕马玛迈麦曼梅门蒙米密敏明缪摩莫墨默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮珀坡普齐奇契恰乔切琴琼丘屈萨塞桑瑟森沙莎山珊尚绍舍什施史士斯松苏索塔泰坦汤唐特滕提汀廷图托瓦万威韦维温文沃乌西希锡席夏谢辛欣休修雅亚扬耶叶伊因英尤于约泽扎詹兹朱卓佐埃";

fn is_translit(c: char) -> bool {
    TRANSLIT.contains(c)
}

/// A chosen Chinese term.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The term's span.
    pub span: Span,
    /// How sure the choice is.
    pub confidence: f32,
    /// Which rule decided.
    pub rule: &'static str,
}

/// What the finder needs to know besides the text.
pub struct TermContext<'a> {
    /// Script conversion, pinyin and the dictionary.
    pub hanzi: &'a Hanzi,
    /// The segmenter.
    pub segmenter: &'a Segmenter,
    /// True for a Chinese title (simplified) such as 部长 or 国务卿.
    pub is_title: &'a dyn Fn(&str) -> bool,
}

/// Finds the Chinese term ending right before byte `end` (the bracket) that
/// `english` translates.
pub fn chinese_term(text: &str, end: usize, english: &str, ctx: &TermContext<'_>) -> Option<Term> {
    let before = &text[..end];
    // A quoted term: 称为“锐实力”(sharp power).
    if let Some(close) = before.chars().next_back().filter(|&c| is_close_quote(c)) {
        let inner_end = end - close.len_utf8();
        let open_at = before[..inner_end]
            .char_indices()
            .rev()
            .take(40)
            .find(|&(_, c)| is_open_quote(c))
            .map(|(i, c)| i + c.len_utf8())?;
        let span = Span::new(open_at, inner_end);
        if text[span.range()].chars().any(is_han) {
            return Some(Term {
                span,
                confidence: 0.85,
                rule: "quoted",
            });
        }
        return None;
    }

    // The run of Chinese (with digits, Latin letters and name dots) before
    // the bracket.
    let mut start = end;
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        let ok = is_han(c) || c.is_ascii_alphanumeric() || matches!(c, '·' | '•' | '‧' | '・');
        if !ok || n >= MAX_TERM_CHARS {
            break;
        }
        start = i;
    }
    let run = &text[start..end];
    if !run.chars().any(is_han) {
        return None;
    }
    let chars: Vec<char> = run.chars().collect();
    let byte_at: Vec<usize> = run
        .char_indices()
        .map(|(i, _)| start + i)
        .chain([end])
        .collect();
    let simplified = ctx.hanzi.to_simplified(run);
    let words = ctx.segmenter.cut(&simplified, Tagging::Off);
    let simp_chars: Vec<char> = simplified.chars().collect();

    // Left edges: word starts, but never inside a dotted name.
    let is_dot = |c: char| matches!(c, '·' | '•' | '‧' | '・');
    let mut edges: Vec<usize> = words.iter().map(|w| w.chars.start).collect();
    edges.retain(|&b| {
        let prev_dot = b > 0 && is_dot(chars[b - 1]);
        let next_dot = chars.get(b).is_some_and(|&c| is_dot(c));
        !prev_dot && !next_dot
    });
    // A dotted name's left edge also falls where its transliteration
    // characters begin (jieba may cut 珍妮特 as 珍妮/特).
    if let Some(first_dot) = chars.iter().position(|&c| is_dot(c)).filter(|&d| d > 0) {
        let word_start = words
            .iter()
            .find(|w| w.chars.contains(&(first_dot - 1)))
            .map_or(first_dot, |w| w.chars.start);
        let mut b = first_dot;
        while b > 0 && is_translit(simp_chars[b - 1]) && first_dot - (b - 1) <= 5 {
            b -= 1;
        }
        let b = b.min(word_start);
        edges.retain(|&e| e <= b || e > first_dot);
        if !edges.contains(&b) {
            edges.push(b);
        }
        let dotted = Span::new(byte_at[b], end);
        if english_looks_like_name(english)
            && chars[first_dot..].iter().all(|&c| is_han(c) || is_dot(c))
        {
            return Some(Term {
                span: dotted,
                confidence: 0.85,
                rule: "dotted-name",
            });
        }
    }
    // Dictionary headwords are edges too, whatever jieba made of them.
    let mut key = String::new();
    for b in 0..simp_chars.len() {
        if simp_chars.len() - b <= ctx.hanzi.cedict().max_chars() {
            key.clear();
            key.extend(&simp_chars[b..]);
            if ctx.hanzi.cedict().contains(&key) {
                edges.push(b);
            }
        }
    }
    edges.sort_unstable();
    edges.dedup();

    let eng: Vec<&str> = english_words(english).collect();
    let content: Vec<&str> = eng
        .iter()
        .copied()
        .filter(|w| !is_function_word(w))
        .collect();
    let acronym = is_acronym(english);

    let mut best: Option<(f32, usize, f32, &'static str)> = None;
    for &b in &edges {
        let cand: String = simp_chars[b..].iter().collect();
        if !cand
            .chars()
            .next()
            .is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric())
        {
            continue;
        }
        let Some((score, conf, rule)) = score(&cand, &eng, &content, acronym, ctx) else {
            continue;
        };
        // A title right before the candidate is a clean left edge.
        let after_title = (1..=4)
            .any(|k| b >= k && (ctx.is_title)(&simp_chars[b - k..b].iter().collect::<String>()));
        let score = score + if after_title { 0.15 } else { 0.0 };
        if best.is_none_or(|x| score > x.0) {
            best = Some((score, b, conf, rule));
        }
    }
    if let Some((_, b, conf, rule)) = best {
        return Some(Term {
            span: Span::new(byte_at[b], end),
            confidence: conf,
            rule,
        });
    }

    // No alignment: a name right after a title, or a short run on its own.
    if english_looks_like_name(english) {
        for k in (1..chars.len()).rev() {
            let rest = chars.len() - k;
            if !(1..=4).contains(&rest) || !edges.contains(&k) {
                continue;
            }
            let title_here = (1..=4).any(|t| {
                k >= t && (ctx.is_title)(&simp_chars[k - t..k].iter().collect::<String>())
            });
            if title_here {
                return Some(Term {
                    span: Span::new(byte_at[k], end),
                    confidence: 0.7,
                    rule: "after-title",
                });
            }
        }
        if chars.len() <= 4 && chars.iter().all(|&c| is_han(c)) {
            return Some(Term {
                span: Span::new(start, end),
                confidence: 0.65,
                rule: "short-run",
            });
        }
    }
    None
}

/// Two to four capitalised words and nothing else: `Janet L. Yellen`.
pub fn english_looks_like_name(english: &str) -> bool {
    let words: Vec<&str> = english.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !is_acronym(english)
}

fn score(
    cand: &str,
    eng: &[&str],
    content: &[&str],
    acronym: bool,
    ctx: &TermContext<'_>,
) -> Option<(f32, f32, &'static str)> {
    let zh = ChineseSide::new(ctx.hanzi, cand);
    let han = zh.han_len();
    if han == 0 {
        return None;
    }
    if acronym {
        // The dictionary names the short form or its long form abbreviates
        // to it: 联邦调查局 "Federal Bureau of Investigation (FBI)".
        let sf = eng.concat();
        let knows = ctx.hanzi.cedict().lookup(cand).any(|e| {
            e.senses().any(|s| {
                s.split(|c: char| !c.is_alphanumeric())
                    .any(|t| t.eq_ignore_ascii_case(&sf))
                    || abbreviates(&sf, s)
            })
        });
        return knows.then_some((1.0 - 0.01 * han as f32, 0.9, "dictionary-acronym"));
    }
    if content.is_empty() {
        return None;
    }
    let mut mask = vec![false; zh.len()];
    let mut aligned = vec![false; content.len()];
    for (i, w) in content.iter().enumerate() {
        if let Some((a, b)) = zh.align_word(w) {
            aligned[i] = true;
            mask[a..b].iter_mut().for_each(|m| *m = true);
        }
    }
    // Pinyin of Chinese names: Wang Yiwei ↔ 王义桅.
    if let Some((a, b)) = zh.transliteration(eng)
        && b - a >= 2
    {
        mask[a..b].iter_mut().for_each(|m| *m = true);
        aligned.iter_mut().for_each(|x| *x = true);
    }
    // Transliteration characters stand for unexplained capitalised words.
    let cand_chars: Vec<char> = cand.chars().collect();
    let mut i = 0;
    while i < cand_chars.len() {
        if mask[i] || !is_translit(cand_chars[i]) {
            i += 1;
            continue;
        }
        let s = i;
        while i < cand_chars.len()
            && !mask[i]
            && (is_translit(cand_chars[i]) || matches!(cand_chars[i], '·' | '•'))
        {
            i += 1;
        }
        if i - s < 2 {
            continue;
        }
        let initial = ctx
            .hanzi
            .syllables(cand_chars[s])
            .first()
            .and_then(|p| p.chars().next());
        let partner = content.iter().enumerate().find(|(k, w)| {
            !aligned[*k]
                && w.chars().next().is_some_and(char::is_uppercase)
                && sounds_alike(w, initial)
        });
        if let Some((k, _)) = partner {
            aligned[k] = true;
            mask[s..i].iter_mut().for_each(|m| *m = true);
        }
    }
    let n_aligned = aligned.iter().filter(|&&a| a).count();
    if n_aligned == 0 {
        return None;
    }
    let en_cov = n_aligned as f32 / content.len() as f32;
    let unexplained = cand_chars
        .iter()
        .zip(&mask)
        .filter(|&(&c, &m)| is_han(c) && !m && !is_particle(c))
        .count();
    let s = en_cov - 0.12 * unexplained as f32 - 0.005 * han as f32;
    let conf = (0.4 + 0.55 * en_cov - 0.08 * unexplained as f32).clamp(0.3, 0.97);
    Some((s, conf, "alignment"))
}

/// Structural particles that need no English partner (胜利的中国 ↔
/// triumphant China).
fn is_particle(c: char) -> bool {
    matches!(c, '的' | '之' | '和' | '与' | '及')
}

/// True when an English word could be transliterated starting with a
/// syllable whose first letter is `initial`.
fn sounds_alike(word: &str, initial: Option<char>) -> bool {
    let Some(p) = initial else { return false };
    let w = stem(word);
    let Some(e) = w.chars().next() else {
        return false;
    };
    let class = |c: char| match c {
        'b' | 'p' => 'b',
        'd' | 't' => 'd',
        'g' | 'k' | 'c' | 'q' | 'j' | 'x' | 'z' | 's' => 'g',
        'f' | 'v' | 'w' | 'h' => 'f',
        'l' | 'r' => 'l',
        'm' | 'n' => 'm',
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' => 'a',
        other => other,
    };
    class(e) == class(p) || (class(e) == 'a' && class(p) == 'a')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cedict::Cedict;

    fn ctx_run(text: &str, english: &str) -> Option<String> {
        let dict = "\
美國 美国 [Mei3 guo2] /United States/USA/
智庫 智库 [zhi4 ku4] /think tank/
學會 学会 [xue2 hui4] /to learn/institute/learned society/
聯邦調查局 联邦调查局 [Lian2 bang1 Diao4 cha2 ju2] /Federal Bureau of Investigation (FBI)/
軟實力 软实力 [ruan3 shi2 li4] /soft power/
硬實力 硬实力 [ying4 shi2 li4] /hard power/
和 和 [he2] /and/
勝利 胜利 [sheng4 li4] /victory/triumph/
的 的 [de5] /of/
中國 中国 [Zhong1 guo2] /China/
王 王 [Wang2] /surname Wang/
義 义 [yi4] /justice/
桅 桅 [wei2] /mast/
部長 部长 [bu4 zhang3] /head of a ministry/
財政 财政 [cai2 zheng4] /finances/
布 布 [bu4] /cloth/
魯 鲁 [lu3] /rash/
金 金 [jin1] /gold/
斯 斯 [si1] /this/
叶 叶 [ye4] /leaf/
伦 伦 [lun2] /order/
";
        let hanzi = Hanzi::new(Cedict::parse("t", dict.as_bytes()).unwrap());
        let seg = Segmenter::new();
        let is_title = |s: &str| matches!(s, "部长" | "国务卿" | "主任" | "学者");
        let ctx = TermContext {
            hanzi: &hanzi,
            segmenter: &seg,
            is_title: &is_title,
        };
        let end = text.find(['(', '（']).unwrap();
        chinese_term(text, end, english, &ctx).map(|t| text[t.span.range()].to_string())
    }

    #[test]
    fn left_edge_by_alignment() {
        assert_eq!(
            ctx_run(
                "美国智库布鲁金斯学会(Brookings Institution)",
                "Brookings Institution"
            )
            .unwrap(),
            "布鲁金斯学会"
        );
        assert_eq!(
            ctx_run("我们应当重新思考软实力(soft power)", "soft power").unwrap(),
            "软实力"
        );
        assert_eq!(
            ctx_run("许多学者指出,软实力和硬实力(hard power)", "hard power").unwrap(),
            "硬实力"
        );
        assert_eq!(
            ctx_run("四种情形:胜利的中国(triumphant China)", "triumphant China").unwrap(),
            "胜利的中国"
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            ctx_run("自由派智库学者杰克·苏利文(Jake Sullivan)", "Jake Sullivan").unwrap(),
            "杰克·苏利文"
        );
        assert_eq!(
            ctx_run(
                "美国财政部长珍妮特·耶伦(Janet L. Yellen)",
                "Janet L. Yellen"
            )
            .unwrap(),
            "珍妮特·耶伦"
        );
        assert_eq!(
            ctx_run("财政部长叶伦(Janet Yellen)", "Janet Yellen").unwrap(),
            "叶伦"
        );
        assert_eq!(
            ctx_run("2021-03-25 王义桅(Wang Yiwei)", "Wang Yiwei").unwrap(),
            "王义桅"
        );
    }

    #[test]
    fn acronyms_by_dictionary() {
        assert_eq!(ctx_run("美国联邦调查局(FBI)", "FBI").unwrap(), "联邦调查局");
    }

    #[test]
    fn quoted_chinese() {
        assert_eq!(
            ctx_run("称为“锐实力”(sharp power)", "sharp power").unwrap(),
            "锐实力"
        );
    }
}
