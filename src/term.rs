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
use crate::script::{is_close_quote, is_han, is_name_dot, is_open_quote};
use crate::segment::{Segmenter, Tagging};

/// The longest term considered, in characters.
const MAX_TERM_CHARS: usize = 24;

/// Characters common in transliterations of foreign names (布鲁金斯, 叶伦,
/// 苏利文): a run of them can stand for a foreign word.
const TRANSLIT: &str = "珍琪黛薇娅凡妮阿埃艾爱安奥澳巴拜班邦鲍贝本比彼毕庇宾波伯泊博布查达戴丹道得德迪蒂丁杜顿多厄恩尔法范菲斐芬费丰弗伏福富盖甘冈戈格葛古圭哈海汉豪赫亨洪胡华霍基吉加迦贾杰捷金津卡凯坎康考柯科克肯库奎拉莱赖兰朗劳勒雷蕾里理利莉丽列林琳隆卢鲁路伦罗洛吕马玛迈麦曼梅门蒙米密敏明缪摩莫墨默姆穆纳娜奈南内尼妮涅宁纽努诺欧帕潘庞佩彭皮珀坡普齐奇契恰乔切琴琼丘屈萨塞桑瑟森沙莎山珊尚绍舍什施史士斯松苏索塔泰坦汤唐特滕提汀廷图托瓦万威韦维温文沃乌西希锡席夏谢辛欣休修雅亚扬耶叶伊因英尤于约泽扎詹兹朱卓佐埃";

/// True for a character common in transliterations of foreign names.
pub fn is_translit(c: char) -> bool {
    TRANSLIT.contains(c)
}

/// Characters of transliterated given names that are also common words of
/// their own (可, 保, 治: 麦可, 保罗, 乔治): they count only right before a
/// name's dot, where no word of prose stands.
const BEFORE_DOT: &str = "可丝露茜逊廉翰治保瑞茨赛";

/// True for a character that may end the first part of a dotted foreign
/// name (`麦可·霍尔`).
fn is_given_name_char(c: char) -> bool {
    is_translit(c) || BEFORE_DOT.contains(c)
}

/// Word endings of organisations and groupings, for acronyms the
/// dictionary does not know.
const ORG_ENDINGS: &[&str] = &[
    "协会",
    "组织",
    "集团",
    "联盟",
    "委员会",
    "局",
    "部",
    "署",
    "院",
    "会",
    "会议",
    "公司",
    "中心",
    "银行",
    "基金",
    "联合会",
    "大学",
    "党",
    "军",
    "台",
    "社",
    "报",
    "论坛",
    "峰会",
    "协定",
    "条约",
    "计划",
    "倡议",
    "框架",
    "机制",
];

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
pub struct TermContext<'a, 'h> {
    /// Script conversion, pinyin and the dictionary.
    pub hanzi: &'h Hanzi,
    /// English-side terms already prepared for alignment.
    pub terms: &'a crate::align::TermCache<'h>,
    /// The segmenter.
    pub segmenter: &'a Segmenter,
    /// True for a Chinese title (simplified) such as 部长 or 国务卿.
    pub is_title: &'a dyn Fn(&str) -> bool,
}

/// Finds the Chinese term ending right before byte `end` (the bracket) that
/// `english` translates.
pub fn chinese_term(
    text: &str,
    end: usize,
    english: &str,
    ctx: &TermContext<'_, '_>,
) -> Option<Term> {
    let before = &text[..end];
    // A quoted term: 称为“锐实力”(sharp power); with straight quotes, the
    // one before opens it (`所谓"脱钩"(decoupling)`).
    let straight = |c: char| c == '"' && before[..end - 1].chars().next_back().is_some_and(is_han);
    if let Some(close) = before
        .chars()
        .next_back()
        .filter(|&c| is_close_quote(c) || straight(c))
    {
        let inner_end = end - close.len_utf8();
        let opens = |c: char| {
            if close == '"' {
                c == '"'
            } else {
                is_open_quote(c)
            }
        };
        let open_at = before[..inner_end]
            .char_indices()
            .rev()
            .take(40)
            .find(|&(_, c)| opens(c))
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
    // A quoted name inside the term (`“一带一路”倡议`) is crossed whole.
    let mut start = end;
    let mut quoted: Option<(usize, usize)> = None;
    let mut n = 0;
    let mut iter = before.char_indices().rev().peekable();
    while let Some((i, c)) = iter.next() {
        let ok = is_han(c) || c.is_ascii_alphanumeric() || is_name_dot(c);
        if n >= MAX_TERM_CHARS {
            break;
        }
        if !ok {
            let open = (quoted.is_none() && is_close_quote(c))
                .then(|| {
                    before[..i]
                        .char_indices()
                        .rev()
                        .take(20)
                        .find(|&(_, o)| is_open_quote(o))
                })
                .flatten();
            match open {
                Some((o, _)) if before[o..i].chars().skip(1).all(is_han) && o + 3 < i => {
                    quoted = Some((o, i + c.len_utf8()));
                    start = o;
                    while iter.peek().is_some_and(|&(k, _)| k > o) {
                        iter.next();
                    }
                    iter.next();
                    continue;
                }
                _ => break,
            }
        }
        start = i;
        n += 1;
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
    let is_dot = is_name_dot;
    let mut edges: Vec<usize> = words.iter().map(|w| w.chars.start).collect();
    edges.retain(|&b| {
        let prev_dot = b > 0 && is_dot(chars[b - 1]);
        let next_dot = chars.get(b).is_some_and(|&c| is_dot(c));
        !prev_dot && !next_dot
    });
    // A dotted name at the end of the run (约翰·桑顿, 特德·盖伦·卡彭特) is
    // one unit. Its first part starts where jieba's word or the run of
    // transliteration characters before the first dot starts, whichever is
    // earlier (jieba may cut 珍妮特 as 珍妮/特).
    if let Some(first_dot) = trailing_dotted_name(&chars) {
        let word_start = words
            .iter()
            .find(|w| w.chars.contains(&(first_dot - 1)))
            .map_or(first_dot, |w| w.chars.start);
        let mut b = first_dot;
        while b > 0 && is_given_name_char(simp_chars[b - 1]) && first_dot - (b - 1) <= 5 {
            b -= 1;
        }
        let b = b.min(word_start).max(first_dot.saturating_sub(6));
        edges.retain(|&e| e <= b || e > first_dot);
        if !edges.contains(&b) {
            edges.push(b);
        }
        if english_looks_like_name(english) {
            return Some(Term {
                span: Span::new(byte_at[b], end),
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
            .is_some_and(|c| is_han(c) || c.is_ascii_alphanumeric() || is_open_quote(c))
        {
            continue;
        }
        if quoted.is_some_and(|(qs, qe)| byte_at[b] > qs && byte_at[b] < qe) {
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

    // An acronym the dictionary does not know: the noun phrase before the
    // bracket that ends in an organisation word (出席 | 东南亚 国家 协会).
    if acronym {
        let tagged = ctx.segmenter.cut(&simplified, Tagging::On);
        let last = tagged.last()?;
        let last_word: String = simp_chars[last.chars.clone()].iter().collect();
        if ORG_ENDINGS.iter().any(|e| last_word.ends_with(e)) {
            let mut b = last.chars.start;
            for w in tagged.iter().rev().skip(1) {
                let nominal = w.tag.starts_with('n')
                    || matches!(w.tag.as_str(), "j" | "vn" | "m" | "b" | "eng");
                if !nominal
                    || (ctx.is_title)(&simp_chars[w.chars.clone()].iter().collect::<String>())
                {
                    break;
                }
                b = w.chars.start;
            }
            return Some(Term {
                span: Span::new(byte_at[b], end),
                confidence: 0.6,
                rule: "acronym-noun-phrase",
            });
        }
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

/// The index of the first dot of a dotted name that ends the run, if one
/// does: each part between dots is 1 to 6 Han characters.
fn trailing_dotted_name(chars: &[char]) -> Option<usize> {
    let is_dot = is_name_dot;
    let last = chars.iter().rposition(|&c| is_dot(c))?;
    let tail = &chars[last + 1..];
    if tail.is_empty() || tail.len() > 6 || !tail.iter().all(|&c| is_han(c)) {
        return None;
    }
    let mut first = last;
    loop {
        // The part before `first`: Han characters back to another dot.
        let mut k = first;
        while k > 0 && is_han(chars[k - 1]) && first - k < 6 {
            k -= 1;
        }
        if k == first {
            return None;
        }
        if k > 0 && is_dot(chars[k - 1]) && k - 1 > 0 {
            first = k - 1;
        } else {
            return Some(first);
        }
    }
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
    ctx: &TermContext<'_, '_>,
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
            && (is_translit(cand_chars[i]) || is_name_dot(cand_chars[i]))
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
    // Chinese words nothing explains. As many of them as there are English
    // words nothing explains may be their (unknown) translations — 胜利的中国
    // ↔ triumphant China — but a title never is (国务卿布林肯 ↔ Antony
    // Blinken is only 布林肯).
    let u_en = content.len() - n_aligned;
    // Units of unexplained Chinese, nearest the bracket first: a wholly
    // unexplained word, or the unexplained rest of a partly explained one.
    let mut units: Vec<usize> = Vec::new();
    let mut title_chars = 0usize;
    for w in ctx.segmenter.cut(cand, Tagging::Off).into_iter().rev() {
        let span = w.chars.clone();
        let unexplained = span
            .clone()
            .filter(|&i| is_han(cand_chars[i]) && !mask[i] && !is_particle(cand_chars[i]))
            .count();
        if unexplained == 0 {
            continue;
        }
        let word: String = cand_chars[span.clone()].iter().collect();
        // A word that is or ends in a title (财政部长 ends in 部长).
        let is_title = !span.clone().any(|i| mask[i])
            && (0..word.chars().count().saturating_sub(1)).any(|k| {
                let suffix: String = word.chars().skip(k).collect();
                (ctx.is_title)(&suffix)
            });
        if is_title {
            title_chars += unexplained;
        } else {
            units.push(unexplained);
        }
    }
    // A person's name explains nothing around it: 财政部叶伦 is not Janet
    // L. Yellen, 叶伦 is.
    let matched = if english_looks_like_name(&eng.join(" ")) {
        0
    } else {
        u_en.min(units.len())
    };
    let excess_chars: usize = units[matched..].iter().sum::<usize>() + title_chars;
    let en_cov = (n_aligned as f32 + 0.5 * matched as f32) / content.len() as f32;
    let s = en_cov - 0.12 * excess_chars as f32 - 0.005 * han as f32;
    let conf = (0.4 + 0.55 * en_cov - 0.08 * excess_chars as f32).clamp(0.3, 0.97);
    Some((s, conf, "alignment"))
}

/// Structural particles that need no English partner (胜利的中国 ↔
/// triumphant China).
fn is_particle(c: char) -> bool {
    matches!(
        c,
        '的' | '之' | '和' | '与' | '及' | '暨' | '在' | '对' | '于'
    )
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
        let terms = crate::align::TermCache::new();
        let ctx = TermContext {
            hanzi: &hanzi,
            terms: &terms,
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
        // 可 and 保 are words of prose too, but not right before a dot.
        assert_eq!(
            ctx_run("资深研究员麦可·霍尔(Michael Hall)", "Michael Hall").unwrap(),
            "麦可·霍尔"
        );
        assert_eq!(
            ctx_run("他说保罗·瑞安(Paul Ryan)", "Paul Ryan").unwrap(),
            "保罗·瑞安"
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
