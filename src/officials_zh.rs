//! Officials in Chinese text: `国家安全部副部长董经纬`, `中共中央总书记习近平`,
//! `财政部长叶伦`.
//!
//! In each run of Chinese, titles are found by dictionary; the name is what
//! follows a title: a surname character and one or two more (the jieba word
//! decides), a dotted transliteration (`约翰·博尔顿`), or a word of
//! transliteration characters (`布林肯`). An organisation right before the
//! title (dictionary, or a jieba `nt` word) is the person's organisation.

use foldhash::HashSet;

use crate::dict::ChineseAutomaton;

use crate::dict::Lexicons;
use crate::document::Span;
use crate::finding::{Finding, Kind};
use crate::hanzi::{Hanzi, strip_tones};
use crate::orgs::OrgFinder;
use crate::script::{is_han, is_latin_personal_name, is_name_dot};
use crate::segment::{Segmenter, Tagging};

/// Finds officials in Chinese text.
#[derive(Clone, Debug)]
pub struct ChineseOfficials {
    titles: ChineseAutomaton,
    /// English of each title pattern.
    title_english: Vec<String>,
    /// Single- and two-character surnames, both scripts.
    surnames: HashSet<String>,
}

/// Surname characters that are, in running text, almost always another word.
const NOT_SURNAME: &str = "和都居也就在对从向与及将把被让给为是有这那之其所以而且但又还才只已可能会要上下中大小多少高时年月日本";

/// Titles that are also verbs (represent, preside, lead, guide, supervise,
/// be in charge of, edit, translate, direct).
/// The text before a 兼 or 、 that ends `before`, or stands a few Chinese
/// characters before its end: those are the next title's own body
/// (`政治局常委、中央纪委书记`: 中央 is 纪委书记's).
fn joined_before(before: &str) -> Option<&str> {
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if c == '兼' || c == '、' {
            return Some(&before[..i]);
        }
        if n >= 8 || !is_han(c) {
            return None;
        }
    }
    None
}

/// A grade written before a title that the lexicon does not hold with it
/// (高级主任, senior director; 首席代表, chief representative): the title's
/// start and English with the grade. A grade is a modifier of any post, so
/// it is read here rather than listed with every title.
fn with_grade(text: &str, start: usize, english: &str) -> (usize, String) {
    let before = &text[..start];
    for (zh, en) in [
        ("高级", "senior"),
        ("高級", "senior"),
        ("资深", "senior"),
        ("資深", "senior"),
        ("首席", "chief"),
    ] {
        if before.ends_with(zh) && !english.starts_with(en) {
            return (start - zh.len(), format!("{en} {english}"));
        }
    }
    (start, english.to_string())
}

/// Countries whose officials Chinese news names, other than China's own
/// (simplified; 中华民国 and Taiwan's offices romanise otherwise too, but
/// are not foreign to the text).
const COUNTRIES: &[&str] = &[
    "美国",
    "英国",
    "日本",
    "韩国",
    "朝鲜",
    "法国",
    "德国",
    "俄罗斯",
    "俄国",
    "澳大利亚",
    "澳洲",
    "加拿大",
    "印度",
    "意大利",
    "义大利",
    "西班牙",
    "巴西",
    "墨西哥",
    "以色列",
    "伊朗",
    "土耳其",
    "越南",
    "菲律宾",
    "新加坡",
    "马来西亚",
    "印尼",
    "印度尼西亚",
    "泰国",
    "乌克兰",
    "荷兰",
    "瑞典",
    "波兰",
    "新西兰",
];

fn starts_with_country(s: &str) -> bool {
    COUNTRIES.iter().any(|c| s.starts_with(c))
}

/// True when a country's name stands right before a title (`日本首相`):
/// `before` is the text up to the title, simplified.
fn foreign_before(before: &str) -> bool {
    COUNTRIES.iter().any(|c| before.ends_with(c))
}

/// Verbs that give the office a person takes or holds, in both scripts
/// (elected, appointed, serves as, promoted to, formerly, now …).
const APPOINTED: &[&str] = &[
    "被任命为",
    "被任命為",
    "任命为",
    "任命為",
    "被选为",
    "被選為",
    "当选为",
    "當選為",
    "当选",
    "當選",
    "担任",
    "擔任",
    "出任",
    "升任",
    "陞任",
    "调任",
    "調任",
    "转任",
    "轉任",
    "兼任",
    "曾任",
    "现任",
    "現任",
    "改任",
    "就任",
    "获任",
    "獲任",
];

/// True when what follows a title ends the office's phrase (a mark, or
/// `一职`, `期间`, `后` …), so that the title is the office taken and not
/// part of a longer word (委员 of 委员会).
fn ends_office(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) if !is_han(c) => true,
        _ => [
            "一职", "一職", "职务", "職務", "期间", "期間", "以来", "以來", "后", "後", "时", "時",
            "的", "至", "和", "及", "兼", "、",
        ]
        .iter()
        .any(|p| rest.starts_with(p)),
    }
}

/// Function words and verbs that follow a name in a sentence (`朱凤莲则批评`,
/// `李明也说`) and that jieba sometimes joins to it.
const AFTER_NAME: &str = "则也就还又便却都曾将亦即乃等在对和与说称向为被把从";

const VERB_TITLES: &[&str] = &[
    "代表", "主持", "领导", "指导", "监督", "主管", "编辑", "翻译", "导演",
];

/// Characters that end a name rather than continue it.
const STOP_AFTER_NAME: &str = "的在说称表示与和及等是于对将也就已曾为被向同跟";

impl ChineseOfficials {
    /// Builds the matchers from the lexicons.
    ///
    /// # Errors
    ///
    /// When the titles are too many for the matcher.
    pub fn new(lex: &Lexicons) -> crate::error::Result<ChineseOfficials> {
        let mut patterns: Vec<String> = Vec::new();
        let mut title_english = Vec::new();
        for t in &lex.titles {
            for zh in [&t.simplified, &t.traditional] {
                if zh.chars().count() >= 2 && !patterns.contains(zh) {
                    patterns.push(zh.clone());
                    title_english.push(t.english.clone());
                }
            }
        }
        let titles = ChineseAutomaton::new(&patterns)?;
        let surnames = lex.chinese_surnames();
        Ok(ChineseOfficials {
            titles,
            title_english,
            surnames,
        })
    }

    /// Persons with titles and organisations in the Chinese runs of `text`.
    pub fn find(
        &self,
        text: &str,
        hanzi: &Hanzi,
        seg: &Segmenter,
        orgs: &OrgFinder,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        // Titles are found in the text as written (the patterns hold both
        // scripts); only the few characters around a title are converted and
        // segmented, so text without titles costs one automaton pass.
        for m in self.titles.find_iter(text) {
            let (start, english) =
                with_grade(text, m.start(), &self.title_english[m.pattern().as_usize()]);
            if let Some(found) = self.affiliation(text, start, m.end(), &english, hanzi, orgs) {
                out.extend(found);
                continue;
            }
            if let Some(found) = self.appointed(text, start, m.end(), &english, hanzi, seg, orgs) {
                out.extend(found);
                continue;
            }
            let after: Vec<(usize, char)> = text[m.end()..]
                .char_indices()
                .take_while(|&(_, c)| is_han(c) || is_name_dot(c))
                .take(16)
                .map(|(i, c)| (m.end() + i, c))
                .collect();
            if after.is_empty() {
                continue;
            }
            let title: String = text[start..m.end()].to_string();
            let window_end = after.last().map_or(m.end(), |&(i, c)| i + c.len_utf8());
            let window = &text[start..window_end];
            let chars: Vec<char> = window.chars().collect();
            let byte_at: Vec<usize> = window
                .char_indices()
                .map(|(i, _)| start + i)
                .chain([window_end])
                .collect();
            let simplified = hanzi.to_simplified(window);
            let simp: Vec<char> = simplified.chars().collect();
            let words = seg.cut(&simplified, Tagging::On);
            let te = title.chars().count();
            // `习近平总书记`: a name jieba knows as a person right before the title.
            if let Some(f) = self.name_before(text, start, &title, &english, hanzi, seg) {
                out.push(f);
            }
            // `国务卿布林肯(Antony Blinken)`: a name the text glosses right
            // after the title is all of the run up to the bracket (jieba
            // does not know where a transliteration ends).
            // (Only from the last title before the bracket: `委员会…主任朱利安`
            // is 主任's name, not 委员's.)
            let glossed = (2..=10).contains(&(chars.len() - te))
                && Self::glossed_as_name(&text[window_end..])
                && self
                    .titles
                    .find_iter(&text[m.end()..window_end])
                    .next()
                    .is_none();
            let ne = if glossed {
                chars.len()
            } else {
                let Some(ne) = self.name_after(&simp, te, &words, hanzi) else {
                    continue;
                };
                ne
            };
            let name: String = chars[te..ne].iter().collect();
            let mut f = Finding {
                kind: Some(Kind::Person),
                chinese: name,
                english: self.romanise(&simp[te..ne], hanzi),
                // Both languages, so the row reads in either: `vice minister (副部长)`.
                titles: vec![format!("{english} ({title})")],
                span: Span::new(byte_at[te], byte_at[ne]),
                confidence: 0.75,
                rule: "zh-title-name",
                ..Finding::default()
            };
            // The organisation right before the title, and titles joined to
            // it by 兼 (concurrently) or 、 (`国务委员兼外交部长王毅`), each
            // with the organisation right before it.
            out.extend(self.organisation_before(text, 0, start, hanzi, seg, orgs, &mut f));
            let mut at = start;
            for _ in 0..3 {
                let Some(joined) = joined_before(&text[..at]) else {
                    break;
                };
                let from = joined
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_han(c))
                    .take(12)
                    .last()
                    .map_or(joined.len(), |(i, _)| i);
                let Some(t) = self
                    .titles
                    .find_iter(&joined[from..])
                    .filter(|t| from + t.end() == joined.len())
                    .last()
                else {
                    break;
                };
                at = from + t.start();
                let written = &joined[at..];
                f.titles.push(format!(
                    "{} ({written})",
                    self.title_english[t.pattern().as_usize()]
                ));
                out.extend(self.organisation_before(text, 0, at, hanzi, seg, orgs, &mut f));
            }
            // An official of another country (`日本首相`, `英国情报人员`, a
            // body of its: `美国国务院`) has a name pinyin does not spell
            // (尹锡悦 is Yoon Suk-yeol, not Yin Xiyue): no English but the
            // text's own.
            // (Only the few characters before the title are converted.)
            let tail = text[..start]
                .char_indices()
                .rev()
                .nth(5)
                .map_or(&text[..start], |(i, _)| &text[i..start]);
            if !f.english.is_empty()
                && (foreign_before(&hanzi.to_simplified(tail))
                    || f.organisations.iter().any(|o| {
                        let zh = o.rsplit('(').next().unwrap_or(o);
                        starts_with_country(&hanzi.to_simplified(zh))
                    }))
            {
                f.english.clear();
            }
            out.push(f);
        }
        out
    }

    /// The organisation right before a title at byte `at`, into `f`'s
    /// organisations: a dictionary name, or one outside the dictionary by
    /// its suffix, which is also returned as an organisation finding.
    ///
    /// The body starts at byte `from` or later (after a verb of appointment).
    #[allow(clippy::too_many_arguments)]
    fn organisation_before(
        &self,
        text: &str,
        from: usize,
        at: usize,
        hanzi: &Hanzi,
        seg: &Segmenter,
        orgs: &OrgFinder,
        f: &mut Finding,
    ) -> Option<Finding> {
        // A body glossed by its acronym before the title (`联邦调查局(FBI)局长`)
        // is read before the gloss; one written as a known acronym (`FBI局长`)
        // is that body.
        let head = &text[from..at];
        let mut at = at;
        if let Some(inner) = head.strip_suffix([')', '）'])
            && let Some(open) = inner.rfind(['(', '（'])
            && crate::paren::is_acronym(&inner[open + inner[open..].chars().next()?.len_utf8()..])
        {
            at = from + open;
        } else {
            let acronym = &head[head
                .trim_end_matches(|c: char| c.is_ascii_uppercase())
                .len()..];
            if acronym.len() >= 2
                && let [o] = orgs.with_acronym(acronym)[..]
            {
                let o = format!("{} ({acronym})", o.english);
                if !f.organisations.contains(&o) {
                    f.organisations.push(o);
                }
                return None;
            }
        }
        let before: String = text[from..at]
            .chars()
            .rev()
            .take_while(|&c| is_han(c))
            .take(16)
            .collect();
        let mut before_orig: String = before.chars().rev().collect();
        let mut before: String = hanzi.to_simplified(&before_orig);
        // A portfolio between the body and the title (国家安全委员会 |
        // 中国事务 | 主任: director for China affairs) is the title's.
        if let Some(n) = portfolio_len(&before) {
            let keep = before.chars().count() - n;
            before = before.chars().take(keep).collect();
            let kept: String = before_orig.chars().take(keep).collect();
            at -= before_orig.len() - kept.len();
            before_orig = kept;
        }
        // A title that starts with its body's last word (办公室主任, office
        // director; 办公厅主任) leaves that word to a body the dictionary
        // names with it (中共中央外事办公室 | 主任).
        let office = [
            ("办公室", "办公室"),
            ("辦公室", "办公室"),
            ("办公厅", "办公厅"),
            ("辦公廳", "办公厅"),
        ]
        .into_iter()
        .find(|(written, _)| text[at..].starts_with(written));
        let with_office = office.and_then(|(written, simplified)| {
            org_suffix(
                &format!("{before}{simplified}"),
                &format!("{before_orig}{written}"),
                orgs,
            )
        });
        if let Some(o) = with_office.or_else(|| org_suffix(&before, &before_orig, orgs)) {
            if !f.organisations.contains(&o) {
                f.organisations.push(o);
            }
            None
        } else {
            let n = org_by_suffix(&before, seg)?;
            // An organisation outside the lexicon, by its suffix (湖南省公安厅
            // | 副厅长): as written, with the English CC-CEDICT gives the
            // whole name when it names a body (哈佛大学, Harvard University).
            let written: String = before_orig
                .chars()
                .skip(before_orig.chars().count() - n)
                .collect();
            let simplified: String = before.chars().skip(before.chars().count() - n).collect();
            let english = body_in_dictionary(hanzi, &simplified).unwrap_or_default();
            f.organisations.push(if english.is_empty() {
                written.clone()
            } else {
                format!("{english} ({written})")
            });
            Some(Finding {
                kind: Some(Kind::Organisation),
                span: Span::new(at - written.len(), at),
                chinese: written,
                english,
                confidence: 0.6,
                rule: "org-zh-suffix",
                ..Finding::default()
            })
        }
    }

    /// A byline's affiliation line: the glossed name first, the titles last
    /// (`王义桅(Wang Yiwei) 中国人民大学…研究院副院长`, `李岩(Li Yan) …研究所所长、研究员`).
    /// The title at `start..end` ends the line or a list of titles; what
    /// stands between the name's bracket and the first title is the
    /// organisation. Returns the person and, when the affiliation ends in an
    /// organisation suffix, the organisation.
    fn affiliation(
        &self,
        text: &str,
        start: usize,
        end: usize,
        title_english: &str,
        hanzi: &Hanzi,
        orgs: &OrgFinder,
    ) -> Option<Vec<Finding>> {
        // (Both checks look a few bytes around the title: this runs for
        // every title in Chinese prose.)
        let rest = &text[end..];
        let blank = rest.trim_start_matches([' ', '\t', '\r']);
        if !(blank.is_empty() || blank.starts_with('\n') || rest.starts_with(['、', '，', ','])) {
            return None;
        }
        // An affiliation line is short: its start is near.
        let mut from = start.saturating_sub(240);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let line_start = match text[from..start].rfind('\n') {
            Some(i) => from + i + 1,
            None if from == 0 => 0,
            None => return None,
        };
        let line = &text[line_start..start];
        let open = line.find(['(', '（'])?;
        let name = &line[..open];
        // A Chinese name (two to four characters) or a transliterated one
        // with its dots (`特德·盖伦·卡彭特`, `约瑟夫·奈`).
        let chinese_name = (2..=4).contains(&name.chars().count()) && name.chars().all(is_han);
        let foreign_name = name.chars().any(is_name_dot)
            && name.chars().count() <= 16
            && name.chars().all(|c| is_han(c) || is_name_dot(c))
            && !name.starts_with(is_name_dot)
            && !name.ends_with(is_name_dot);
        if !(chinese_name || foreign_name) {
            return None;
        }
        let open_len = line[open..].chars().next().map_or(1, char::len_utf8);
        let close = open + line[open..].find([')', '）'])?;
        let english = line[open + open_len..close].trim();
        if !is_latin_personal_name(&english.split_whitespace().collect::<Vec<_>>()) {
            return None;
        }
        let close_len = line[close..].chars().next().map_or(1, char::len_utf8);
        let affiliation = line[close + close_len..].trim();
        // Earlier titles of a list (`所长、`) are not the organisation.
        let body = match self.titles.find_iter(affiliation).next() {
            Some(t) => &affiliation[..t.start()],
            None => affiliation,
        }
        .trim_end_matches(['、', '，', ',', ' ']);
        if body.chars().count() > 40 || !body.chars().all(|c| is_han(c) || is_name_dot(c)) {
            return None;
        }
        let title = &text[start..end];
        let mut person = Finding {
            kind: Some(Kind::Person),
            chinese: name.to_string(),
            english: english.to_string(),
            titles: vec![format!("{title_english} ({title})")],
            span: Span::new(line_start, line_start + open),
            confidence: 0.75,
            rule: "zh-affiliation",
            ..Finding::default()
        };
        let mut out = Vec::new();
        if !body.is_empty() {
            let simplified = hanzi.to_simplified(body);
            if let Some(o) =
                org_suffix(&simplified, body, orgs).filter(|o| o.ends_with(&format!("({body})")))
            {
                person.organisations.push(o);
            } else {
                let english = body_in_dictionary(hanzi, &simplified).unwrap_or_default();
                person.organisations.push(if english.is_empty() {
                    body.to_string()
                } else {
                    format!("{english} ({body})")
                });
                if crate::orgs::ZH_SUFFIXES
                    .iter()
                    .any(|s| simplified.ends_with(s))
                {
                    let at =
                        line_start + (line.len() - line[close + close_len..].trim_start().len());
                    out.push(Finding {
                        kind: Some(Kind::Organisation),
                        span: Span::new(at, at + body.len()),
                        chinese: body.to_string(),
                        english,
                        confidence: 0.6,
                        rule: "org-zh-suffix",
                        ..Finding::default()
                    });
                }
            }
        }
        out.push(person);
        Some(out)
    }

    /// True when `rest` opens with a bracket holding a personal name in Latin
    /// letters: two to four capitalised words or initials (`(Antony Blinken)`,
    /// `(Janet L. Yellen)`).
    fn glossed_as_name(rest: &str) -> bool {
        let Some(inside) = rest
            .strip_prefix(['(', '（'])
            .and_then(|r| r.split([')', '）']).next())
        else {
            return false;
        };
        let words: Vec<&str> = inside.split_whitespace().collect();
        is_latin_personal_name(&words)
    }

    /// A person's name (jieba tag `nr`, two to four characters) ending where
    /// a title starts.
    fn name_before(
        &self,
        text: &str,
        title_start: usize,
        title: &str,
        english: &str,
        hanzi: &Hanzi,
        seg: &Segmenter,
    ) -> Option<Finding> {
        // A title that is also a verb, with its object after it, is the verb
        // (`王毅代表中国出席`, "Wang Yi represents China").
        if VERB_TITLES.contains(&hanzi.to_simplified(title).as_str())
            && text[title_start + title.len()..]
                .chars()
                .next()
                .is_some_and(is_han)
        {
            return None;
        }
        let (chinese, romanised, span) =
            self.name_ending_at(text, title_start, title, hanzi, seg)?;
        Some(Finding {
            kind: Some(Kind::Person),
            chinese,
            english: romanised,
            titles: vec![format!("{english} ({title})")],
            span,
            confidence: 0.7,
            rule: "zh-name-title",
            ..Finding::default()
        })
    }

    /// A person's name (jieba tag `nr`, two to four characters) ending at
    /// byte `at`, where `next` follows it (segmented with it, as jieba cuts
    /// a name by what follows): the name as written, romanised, and where.
    fn name_ending_at(
        &self,
        text: &str,
        at: usize,
        next: &str,
        hanzi: &Hanzi,
        seg: &Segmenter,
    ) -> Option<(String, String, Span)> {
        let before: Vec<(usize, char)> = text[..at]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .take(6)
            .collect();
        let &(start, _) = before.last()?;
        let window = &text[start..at];
        let simplified = hanzi.to_simplified(&format!("{window}{next}"));
        let n = window.chars().count();
        let words = seg.cut(&simplified, Tagging::On);
        let w = words.iter().find(|w| {
            w.chars.end == n && w.tag.starts_with("nr") && (2..=4).contains(&w.chars.len())
        })?;
        let simp: Vec<char> = simplified.chars().collect();
        // jieba guesses `nr` for words it does not know; a dictionary word
        // that is not a person (白宫, 高阶) is not a name.
        let word: String = simp[w.chars.clone()].iter().collect();
        let head: String = simp[w.chars.clone()].iter().take(2).collect();
        if [word.as_str(), head.as_str()]
            .iter()
            .any(|x| dictionary_non_person(hanzi, x))
        {
            return None;
        }
        let chars: Vec<(usize, char)> =
            window.char_indices().map(|(i, c)| (start + i, c)).collect();
        let name: String = chars[w.chars.clone()].iter().map(|&(_, c)| c).collect();
        let span = Span::new(chars[w.chars.start].0, at);
        Some((name, self.romanise(&simp[w.chars.clone()], hanzi), span))
    }

    /// The subject of a verb of appointment before the title at
    /// `start..end` (`杜如松(Rush Doshi)被选为国家安全委员会中国事务主任`,
    /// `王毅担任外交部长`): a name glossed right before the verb, or a name
    /// jieba knows there. The person takes the title and the body before it;
    /// returns the person and any body found by its suffix.
    #[allow(clippy::too_many_arguments)]
    fn appointed(
        &self,
        text: &str,
        start: usize,
        end: usize,
        english: &str,
        hanzi: &Hanzi,
        seg: &Segmenter,
        orgs: &OrgFinder,
    ) -> Option<Vec<Finding>> {
        if !ends_office(&text[end..]) {
            return None;
        }
        // The verb stands in the Chinese run right before the title, the
        // body and portfolio between them.
        let run_start = text[..start]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| is_han(c))
            .take(24)
            .last()
            .map(|(i, _)| i)?;
        let run = &text[run_start..start];
        let (at, verb) = APPOINTED
            .iter()
            .filter_map(|v| run.rfind(v).map(|i| (i, *v)))
            .max_by_key(|&(i, v)| (i + v.len(), v.len()))?;
        let verb_start = run_start + at;
        let title = &text[start..end];
        // A glossed name right before the run is its clause's subject
        // (`塔伦·查布拉(Tarun Chhabra)进入白宫担任…`); a name in Chinese only
        // stands right before the verb.
        let mut person = if let Some(inside) = text[..run_start].strip_suffix([')', '）']) {
            let open = inside.rfind(['(', '（'])?;
            let name = &inside[open..];
            let name = name[name.chars().next()?.len_utf8()..].trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            if !is_latin_personal_name(&words) {
                return None;
            }
            let name_at = open + inside[open..].find(name)?;
            Finding {
                kind: Some(Kind::Person),
                english: name.to_string(),
                span: Span::new(name_at, name_at + name.len()),
                ..Finding::default()
            }
        } else {
            let (chinese, romanised, span) =
                self.name_ending_at(text, verb_start, verb, hanzi, seg)?;
            Finding {
                kind: Some(Kind::Person),
                chinese,
                english: romanised,
                span,
                ..Finding::default()
            }
        };
        person.titles.push(format!("{english} ({title})"));
        person.confidence = 0.7;
        person.rule = "zh-appointed";
        let mut out: Vec<Finding> = self
            .organisation_before(
                text,
                verb_start + verb.len(),
                start,
                hanzi,
                seg,
                orgs,
                &mut person,
            )
            .into_iter()
            .collect();
        out.push(person);
        Some(out)
    }

    /// The end (char index) of a name starting at `at`, if one does.
    fn name_after(
        &self,
        simp: &[char],
        at: usize,
        words: &[crate::segment::Word],
        hanzi: &Hanzi,
    ) -> Option<usize> {
        let rest = simp.get(at..)?;
        if rest.is_empty() || !is_han(rest[0]) {
            return None;
        }
        // A dotted transliteration.
        if let Some(dot) = rest.iter().take(6).position(|&c| is_name_dot(c))
            && dot > 0
        {
            // Parts joined by dots; the last part ends where jieba's word
            // ends (史密斯 | 也声称).
            let mut end = dot + 1;
            loop {
                let word_end = words
                    .iter()
                    .find(|w| w.chars.start == at + end)
                    .map(|w| w.chars.end - at);
                let Some(we) = word_end.filter(|&e| e > end && e <= end + 4) else {
                    break;
                };
                end = we;
                // jieba may cut a long transliteration (奥多 | 奈尔).
                while end < rest.len() && end < 16 && crate::term::is_translit(rest[end]) {
                    end += 1;
                }
                if rest.get(end).is_some_and(|&c| is_name_dot(c)) && end < 16 {
                    end += 1;
                    continue;
                }
                break;
            }
            return (end > dot + 1).then_some(at + end);
        }
        // A transliteration jieba cuts into names (布 | 林肯, where 布林 is
        // also a word): the names together, all of transliteration
        // characters.
        let mut end = at;
        let mut parts = 0;
        while let Some(w) = words.iter().find(|w| {
            w.chars.start == end
                && w.tag.starts_with("nr")
                && simp[w.chars.clone()]
                    .iter()
                    .all(|&c| crate::term::is_translit(c))
        }) {
            end = w.chars.end;
            parts += 1;
        }
        if parts >= 2 && end - at >= 3 {
            return Some(end);
        }
        let word = words.iter().find(|w| w.chars.start == at);
        // Characters that are surnames but far more often words of their own.
        if NOT_SURNAME.contains(rest[0]) && !word.is_some_and(|w| w.tag.starts_with("nr")) {
            return None;
        }
        // A Chinese name: surname (one or two characters) + one or two.
        let two: String = rest.iter().take(2).collect();
        let surname_len = if self.surnames.contains(&two) && rest.len() >= 3 {
            2
        } else if self.surnames.contains(&rest[0].to_string()) {
            1
        } else {
            0
        };
        if surname_len > 0 {
            if let Some(w) =
                word.filter(|w| w.tag.starts_with("nr") && (2..=4).contains(&w.chars.len()))
            {
                // jieba may join a function word to a name (朱凤莲 | 则):
                // a given name is one or two characters.
                let given = w.chars.len() - surname_len;
                if given > 2 && AFTER_NAME.contains(simp[w.chars.end - 1]) {
                    return Some(w.chars.end - 1);
                }
                return Some(w.chars.end);
            }
            // A surname character that starts a common word (安全, 高度) is
            // not a name.
            let common = |w: &crate::segment::Word| {
                let text: String = simp[w.chars.clone()].iter().collect();
                hanzi
                    .cedict()
                    .lookup_simplified(&text)
                    .any(|e| !e.is_proper())
            };
            if word.is_some_and(|w| w.chars.len() >= 2 && !w.tag.starts_with("nr") && common(w)) {
                return None;
            }
            // Nor one that jieba reads as an adverb, a verb or a particle here
            // (曾 "once", 向 "towards").
            if word.is_some_and(|w| {
                matches!(
                    w.tag.as_str(),
                    "d" | "p" | "c" | "v" | "vd" | "ad" | "r" | "u" | "f" | "m" | "q" | "uj" | "ul"
                )
            }) {
                return None;
            }
            // Nor one whose first two characters are a dictionary word that
            // is not a person (白宫 the White House, 高阶 high-level); people's
            // entries give their years.
            let head: String = rest.iter().take(2).collect();
            if dictionary_non_person(hanzi, &head) {
                return None;
            }
            // Nor is one followed by a common word (曾 | 多次 "many times").
            let given = words.iter().find(|w| w.chars.start == at + surname_len);
            if word.is_none_or(|w| !w.tag.starts_with("nr"))
                && given
                    .is_some_and(|w| w.chars.len() >= 2 && !w.tag.starts_with("nr") && common(w))
            {
                return None;
            }
            let max = (surname_len + 2).min(rest.len());
            let mut end = surname_len + 1;
            if end > rest.len() || !is_han(rest[end - 1]) {
                return None;
            }
            if max > end && is_han(rest[end]) && !STOP_AFTER_NAME.contains(rest[end]) {
                end += 1;
            }
            // The name ends where a word ends.
            let boundary = |e: usize| e == simp.len() || words.iter().any(|w| w.chars.end == e);
            if !boundary(at + end) && boundary(at + end - 1) && end - 1 > surname_len {
                end -= 1;
            }
            return boundary(at + end).then_some(at + end);
        }
        // A transliterated foreign name jieba keeps as one word.
        let w = word?;
        (w.tag == "nr" || w.tag == "nrt" || w.tag == "nrfg")
            .then_some(w.chars.end)
            .filter(|&e| e - at >= 2)
    }

    /// `Dong Jingwei` from 董经纬: the surname's syllables, then the given
    /// name's, each part capitalised.
    fn romanise(&self, name: &[char], hanzi: &Hanzi) -> String {
        if name.iter().any(|&c| is_name_dot(c)) {
            return String::new();
        }
        let s: String = name.iter().collect();
        // All transliteration characters: a foreign name (叶伦, 苏利文),
        // whose English only the text can give.
        if name.iter().all(|&c| crate::term::is_translit(c)) {
            return String::new();
        }
        let two: String = name.iter().take(2).collect();
        let surname_len = if name.len() >= 3 && self.surnames.contains(&two) {
            2
        } else {
            1
        };
        let surname: String = name[..surname_len].iter().collect();
        let given: String = name[surname_len..].iter().collect();
        if !self.surnames.contains(&surname) && !self.surnames.contains(&s) {
            return String::new();
        }
        let part = |x: &str| -> String {
            let p = strip_tones(&hanzi.pinyin_of_words([x]))
                .replace(' ', "")
                .replace('v', "ü");
            let mut c = p.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        };
        format!("{} {}", part(&surname), part(&given))
    }
}

/// An organisation at the end of `before` (simplified) by its suffix: the
/// last word ends in an organisation suffix and the words before it are
/// names of places or organisations, or nouns. Returns its length in
/// characters.
fn org_by_suffix(before: &str, seg: &Segmenter) -> Option<usize> {
    let words = seg.cut(before, Tagging::On);
    let chars: Vec<char> = before.chars().collect();
    let last = words.last()?;
    let last_word: String = chars[last.chars.clone()].iter().collect();
    if !crate::orgs::ZH_SUFFIXES
        .iter()
        .any(|s| last_word.ends_with(s))
    {
        return None;
    }
    let mut start = last.chars.start;
    // Names of bodies are runs of nouns, places and abbreviations; a verbal
    // noun, an adjective or a locative (`对外`, `发展`, `安全`) may stand inside one
    // (美国对外关系委员会亚洲中心), but not at its start: only a noun moves
    // the start, so such words count once a noun stands before them.
    for w in words.iter().rev().skip(1).take(5) {
        // (An adjective too: 国家 | 安全 | 委员会.)
        let inner = matches!(w.tag.as_str(), "s" | "vn" | "a" | "an" | "b");
        let noun = w.tag.starts_with("ns")
            || w.tag.starts_with("nt")
            || w.tag == "n"
            || w.tag == "nz"
            || w.tag == "j";
        if !(inner || noun) {
            break;
        }
        if noun {
            start = w.chars.start;
        }
    }
    // A bare suffix word is not a name (局, 部, 委员会 alone).
    if chars.len() - start < 3
        || start == last.chars.start
            && (last.chars.len() < 3 || crate::orgs::ZH_SUFFIXES.contains(&last_word.as_str()))
    {
        return None;
    }
    Some(chars.len() - start)
}

/// The English CC-CEDICT gives `simplified` when that is the name of a body:
/// the first sense of an entry that names a body by its head
/// ([`crate::orgs::names_body_by_head`]: `Harvard University`, `University
/// of Oxford`).
fn body_in_dictionary(hanzi: &Hanzi, simplified: &str) -> Option<String> {
    hanzi.cedict().lookup_simplified(simplified).find_map(|e| {
        let sense = e.senses().next()?;
        let words: Vec<&str> = sense.split(' ').collect();
        crate::orgs::names_body_by_head(&words).then(|| sense.to_string())
    })
}

/// True when `word` is in CC-CEDICT and none of its entries is a person
/// (people's entries give their years: "Zhou Enlai (1898-1976)").
pub(crate) fn dictionary_non_person(hanzi: &Hanzi, word: &str) -> bool {
    let mut entries = hanzi.cedict().lookup_simplified(word).peekable();
    entries.peek().is_some() && !entries.any(|e| e.people().next().is_some())
}

/// The English (or Chinese) name of a dictionary organisation that ends
/// `before`.
/// The length in characters of a portfolio ending `before` (`中国事务`,
/// `印度太平洋事务`: a field and 事务), if one does: the field runs back to
/// where a body's name ends (国家安全委员会 | 中国事务, 拜登政府 |
/// 印度太平洋事务), or is two characters when no body's end is seen.
fn portfolio_len(before: &str) -> Option<usize> {
    let chars: Vec<char> = before.chars().collect();
    let n = chars.len();
    if n < 4 || chars[n - 2..] != ['事', '务'] {
        return None;
    }
    let body_ends_at = |end: usize| {
        let body: String = chars[..end].iter().collect();
        crate::orgs::ZH_SUFFIXES.iter().any(|s| body.ends_with(s))
    };
    Some(
        (2..=6)
            .take_while(|&k| k + 2 < n)
            .find(|&k| body_ends_at(n - 2 - k))
            .map_or(4, |k| k + 2),
    )
}

/// `written` is `before` as the text writes it (character for character),
/// the script the organisation is given in.
fn org_suffix(before: &str, written: &str, orgs: &OrgFinder) -> Option<String> {
    let chars: Vec<char> = before.chars().collect();
    let written: Vec<char> = written.chars().collect();
    for k in (0..chars.len())
        .rev()
        .take(chars.len().min(16))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        let cand: String = chars[k..].iter().collect();
        if let Some(o) = orgs.lookup_chinese(&cand) {
            let as_written: String = written[k.min(written.len())..].iter().collect();
            return Some(format!("{} ({as_written})", o.english));
        }
    }
    None
}
