//! Entity rows from small texts written for one rule each.

use crate::util::{parse_csv, zhgloss};

fn rows(text: &str) -> Vec<crate::util::Row> {
    let out = zhgloss(&["extract", "-q"], Some(text.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse_csv(&out.stdout)
}

/// The row whose English is `english` (the test fails without one).
fn row<'a>(rows: &'a [crate::util::Row], english: &str) -> &'a crate::util::Row {
    rows.iter()
        .find(|r| r["english"] == english)
        .unwrap_or_else(|| panic!("no row {english:?} in {rows:?}"))
}

/// The one row of a kind (the test fails unless there is exactly one).
fn only<'a>(rows: &'a [crate::util::Row], kind: &str) -> &'a crate::util::Row {
    let of_kind: Vec<_> = rows.iter().filter(|r| r["kind"] == kind).collect();
    assert_eq!(of_kind.len(), 1, "{of_kind:?}");
    of_kind[0]
}

/// One column of the rows of a kind, in output order.
fn column<'a>(rows: &'a [crate::util::Row], kind: &str, name: &str) -> Vec<&'a str> {
    rows.iter()
        .filter(|r| r["kind"] == kind)
        .map(|r| r[name].as_str())
        .collect()
}

#[test]
fn undefined_acronym_joins_the_organisation_it_abbreviates() {
    let r =
        rows("The Provincial Inspection Office opened in May. The PIO then closed two cases.\n");
    let orgs = only(&r, "organisation");
    assert_eq!(orgs["english"], "Provincial Inspection Office");
    assert_eq!(orgs["acronym"], "PIO");
    assert_eq!(orgs["mentions"], "2");
}

#[test]
fn an_undefined_acronym_needs_the_initials_of_the_name() {
    // `HBO` can be read out of `Harbour Office` letter by letter, but an
    // acronym the text never defines must be its initials.
    let r = rows("The Harbour Office met in June. An HBO series came out later.\n");
    let office = row(&r, "Harbour Office");
    assert_eq!(office["acronym"], "", "{office:?}");
}

#[test]
fn a_gloss_of_a_body_or_person_the_text_names_is_their_row() {
    // The gloss's words alone look like neither an organisation nor a
    // person (a head word in the middle, a quoted search word), but the
    // text names them so: one row each, with the Chinese. A role word
    // opening the sentence is not part of the name.
    let r = rows(
        "Staff at the Bureau for Coastal Fisheries Research (沿海渔业研究局) met on Monday. \
         Searches for “Zhou Minghua” (周明华) were blocked after governor Zhou Minghua spoke.\n",
    );
    assert!(!r.iter().any(|r| r["kind"] == "term"), "{r:?}");
    let bureau = only(&r, "organisation");
    assert_eq!(bureau["english"], "Bureau for Coastal Fisheries Research");
    assert_eq!(bureau["chinese"], "沿海渔业研究局");
    let zhou: Vec<_> = r.iter().filter(|r| r["kind"] == "person").collect();
    assert_eq!(zhou.len(), 1, "{zhou:?}");
    assert_eq!(zhou[0]["chinese"], "周明华");
    assert_eq!(zhou[0]["titles"], "governor");
    let zhou = only(&r, "person");
    assert_eq!(zhou["chinese"], "周明华");
    assert_eq!(zhou["titles"], "governor");
}

#[test]
fn numbered_bodies_keep_their_number() {
    let r = rows(
        "He was held in the Ningbo No. 3 Detention Center before the Ningbo No.2 Intermediate Court heard the case.\n",
    );
    let orgs = column(&r, "organisation", "english");
    assert_eq!(
        orgs,
        vec![
            "Ningbo No. 3 Detention Center",
            "Ningbo No.2 Intermediate Court"
        ]
    );
}

#[test]
fn a_body_named_again_by_its_head_is_one_row() {
    // The short form ends on the head word of the full name; a body whose
    // name merely contains the words (`Party Committee` inside the office's
    // name) is not what the short form names.
    let r = rows(
        "The Coastal Leading Group for Fisheries Reform met in May. \
         The Leading Group then issued rules. The Propaganda Office of the Party Committee of Fujian Province \
         wrote to the Party Committee of Fujian Province.\n",
    );
    let orgs: Vec<(&str, &str)> = r
        .iter()
        .filter(|r| r["kind"] == "organisation")
        .map(|r| (r["english"].as_str(), r["aliases"].as_str()))
        .collect();
    assert!(
        orgs.contains(&(
            "Coastal Leading Group for Fisheries Reform",
            "Leading Group"
        )),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.0 == "Leading Group"), "{orgs:?}");
    assert!(
        orgs.iter()
            .any(|o| o.0 == "Party Committee of Fujian Province"),
        "{orgs:?}"
    );
}

#[test]
fn a_body_before_a_title_is_named_whole() {
    // The word before the title is a head word, not a place: the body is
    // the capitalised run it ends.
    let r = rows(
        "The plan was signed by Qinghai Party Committee Standing Committee member Zhao Lin in May.\n",
    );
    let zhao = row(&r, "Zhao Lin");
    assert_eq!(zhao["titles"], "standing committee member");
    assert_eq!(zhao["organisations"], "Qinghai Party Committee");
}

#[test]
fn a_foreign_name_cut_to_its_surname_is_the_glossed_person() {
    let r =
        rows("美国商务部长玛丽·雷蒙(Mary Raymond)周一抵达北京。雷蒙部长表示,双方会谈很有成果。\n");
    let persons = only(&r, "person");
    assert_eq!(persons["english"], "Mary Raymond");
    assert_eq!(persons["chinese"], "玛丽·雷蒙");
    assert_eq!(persons["aliases"], "雷蒙");
}

#[test]
fn a_foreigners_chinese_name_glossed_with_their_own_is_a_person() {
    let r = rows("例如,白德明(Thomas Brand)认为,白宫(White House)的政策会改变。\n");
    let brand = row(&r, "Thomas Brand");
    assert_eq!(brand["kind"], "person");
    assert_eq!(brand["chinese"], "白德明");
    assert!(
        r.iter()
            .filter(|r| r["english"] == "White House")
            .all(|r| r["kind"] == "organisation"),
        "{r:?}"
    );
}

#[test]
fn a_transliterated_surname_glossed_with_the_full_name_is_a_person() {
    // 纽约 is New York in the dictionary, and nothing else: a place.
    let r = rows("随后,卡斯特(Daniel Custer)飞往纽约(New York)。\n");
    let kind = |en: &str| {
        r.iter()
            .find(|r| r["english"] == en)
            .map(|r| r["kind"].clone())
    };
    assert_eq!(kind("Daniel Custer").as_deref(), Some("person"), "{r:?}");
    assert_eq!(kind("New York").as_deref(), Some("term"), "{r:?}");
}

#[test]
fn an_apposition_after_the_bracketed_chinese_and_an_honorific_belong_to_the_person() {
    let r = rows(
        "Speakers included Datuk Seri Lim Kok Wing (拿督斯里林國榮), chairman of the Penang Arts Council, \
         and Zhao Ming (赵明), deputy director of the Fujian Daily Media Group.\n",
    );
    assert!(!r.iter().any(|r| r["kind"] == "term"), "{r:?}");
    let lim = row(&r, "Lim Kok Wing");
    assert_eq!(
        lim["chinese"], "林國榮",
        "the honorific is no part of the name"
    );
    assert_eq!(lim["titles"], "chairman; datuk seri (拿督斯里)");
    assert_eq!(lim["organisations"], "Penang Arts Council");
    let zhao = row(&r, "Zhao Ming");
    assert_eq!(zhao["titles"], "deputy director");
    assert_eq!(zhao["organisations"], "Fujian Daily Media Group");
}

#[test]
fn a_biography_opening_gives_the_office() {
    let r = rows(
        "Lu Hanqing (simplified Chinese: 陆汉清; born 1961) is a Chinese politician who has served as \
         vice minister of the Chinese Ministry of Commerce since 2019. Critics say Lu Hanqing is the likely successor.\n",
    );
    let lu = row(&r, "Lu Hanqing");
    assert_eq!(lu["titles"], "vice minister");
    assert_eq!(lu["organisations"], "Ministry of Commerce");
}

#[test]
fn a_byline_affiliation_line_gives_titles_and_organisation() {
    let r = rows(
        "作者简介\n赵立新(Zhao Lixin) 浙江大学公共政策研究院副院长\n钱明(Qian Ming) 南京国际问题研究所所长、研究员\n",
    );
    let zhao = row(&r, "Zhao Lixin");
    assert_eq!(zhao["chinese"], "赵立新");
    assert_eq!(zhao["titles"], "vice president (副院长)");
    assert_eq!(zhao["organisations"], "浙江大学公共政策研究院");
    let qian = row(&r, "Qian Ming");
    assert_eq!(qian["titles"], "director (所长); researcher (研究员)");
    assert_eq!(qian["organisations"], "南京国际问题研究所");
    assert!(
        r.iter()
            .any(|r| r["kind"] == "organisation" && r["chinese"] == "南京国际问题研究所")
    );
    // A transliterated name with its dots, and a body with one.
    let r = rows(
        "马克·安德森(Mark Anderson) 卡尔·波普研究所高级研究员
",
    );
    let mark = row(&r, "Mark Anderson");
    assert_eq!(mark["titles"], "senior fellow (高级研究员)");
    assert_eq!(mark["organisations"], "卡尔·波普研究所");
    // A body CC-CEDICT names takes its English.
    let r = rows("马克·安德森(Mark Anderson) 牛津大学教授\n");
    assert_eq!(
        row(&r, "Mark Anderson")["organisations"],
        "University of Oxford (牛津大学)"
    );
    assert_eq!(row(&r, "University of Oxford")["chinese"], "牛津大学");
}

#[test]
fn outlets_are_found_by_how_the_text_speaks_of_them() {
    let r = rows(
        "The story first ran in the TechWatch newsletter. FeedLine had reported it a day earlier, \
         and a 2019 piece in the Coastal Morning Lantern, citing officials, said more. \
         A commentary in the Sunday edition disagreed. McDonald reported nothing.\n",
    );
    let orgs = column(&r, "organisation", "english");
    assert_eq!(
        orgs,
        vec!["Coastal Morning Lantern", "FeedLine", "TechWatch"]
    );
}

#[test]
fn a_title_that_is_also_a_verb_is_the_verb_before_its_object() {
    let r = rows("会上,王毅代表中国发言。随后,外交部长王毅表示支持。\n");
    assert_eq!(row(&r, "Wang Yi")["titles"], "foreign minister (外交部长)");
}

#[test]
fn a_thing_of_a_persons_is_no_organisation() {
    let r =
        rows("Zhou Lan's Post\nThe post was shared widely, and the People's Daily reported it.\n");
    assert_eq!(
        column(&r, "organisation", "english"),
        vec!["People's Daily"]
    );
}

#[test]
fn a_chinese_only_person_takes_the_one_name_the_dictionary_gives() {
    let r = rows("美国前总统特朗普周一表示反对。美国总统罗斯福曾经说过。\n");
    let trump = row(&r, "Donald Trump");
    assert_eq!(trump["chinese"], "特朗普");
    // 罗斯福 names two presidents in CC-CEDICT: no English is guessed.
    let roosevelt = r.iter().find(|r| r["chinese"] == "罗斯福").expect("row");
    assert_eq!(roosevelt["english"], "");
}

#[test]
fn offices_become_title_rows_with_their_chinese() {
    let r = rows("MPS vice minister Lu Hanqing met former party secretary Zhao Ziyang’s family.\n");
    let vice = r
        .iter()
        .find(|r| r["kind"] == "title" && r["english"] == "vice minister")
        .expect("title row");
    assert_eq!(vice["simplified"], "副部长");
    assert!(
        r.iter()
            .any(|r| r["kind"] == "title" && r["english"] == "party secretary"),
        "modifier dropped"
    );
    let lu = r.iter().find(|r| r["english"] == "Lu Hanqing").unwrap();
    assert_eq!(lu["organisations"], "MPS");
}

#[test]
fn namesakes_are_two_rows_with_their_own_titles() {
    let text = "MSS vice minister Dong Jingwei chaired the meeting. Dong spoke first. \
                A photo showed a retired official who happens to have the same name as the MSS vice minister.\n";
    let r = rows(text);
    let dongs: Vec<_> = r
        .iter()
        .filter(|r| r["kind"] == "person" && r["english"] == "Dong Jingwei")
        .collect();
    assert_eq!(dongs.len(), 2, "{dongs:?}");
    assert_eq!(dongs[0]["id"], "person:dong-jingwei");
    assert_eq!(dongs[1]["id"], "person:dong-jingwei-2");
    assert!(dongs[0]["titles"].contains("vice minister") && dongs[0]["aliases"] == "Dong");
    assert_eq!(dongs[1]["titles"], "retired official");
}

#[test]
fn a_person_named_in_chinese_and_in_english_is_one_row() {
    let dir = crate::util::Dir::new("crosslang");
    let a = dir.write(
        "a.txt",
        "Commerce vice minister Liang Haibo visited Ningbo.\n",
    );
    let b = dir.write("b.txt", "商务部副部长梁海波出席论坛。\n");
    let out = zhgloss(
        &["extract", "-q", a.to_str().unwrap(), b.to_str().unwrap()],
        None,
    );
    let r = parse_csv(&out.stdout);
    let liang = only(&r, "person");
    assert_eq!(liang["english"], "Liang Haibo");
    assert_eq!(liang["chinese"], "梁海波");
    assert_eq!(liang["documents"], "2");
}

#[test]
fn spelling_variant_in_one_document_is_an_alias() {
    let r = rows(
        "Vice minister Zhou Jianmin toured the plant. Zhou said more. Later Zhou Jianming left.\n",
    );
    let zhou = only(&r, "person");
    assert!(zhou["aliases"].contains("Zhou Jianming"));
    // Different given names are different people.
    let r = rows("Wang Qishan met Wang Liqiang.\n");
    assert_eq!(r.iter().filter(|r| r["kind"] == "person").count(), 2);
}

#[test]
fn a_rank_said_of_a_person_is_in_their_row() {
    let r = rows("Lu Hanqing, a vice-ministerial level official, spoke. 副部级官员陈立新出席。\n");
    let lu = r.iter().find(|r| r["english"] == "Lu Hanqing").unwrap();
    assert_eq!(lu["rank"], "vice-ministerial (副部级)");
    let chen = r.iter().find(|r| r["chinese"] == "陈立新").unwrap();
    assert_eq!(chen["rank"], "vice-ministerial (副部级)");
    assert!(
        r.iter()
            .any(|r| r["kind"] == "rank" && r["chinese"] == "副部级")
    );
}

#[test]
fn a_chinese_organisation_outside_the_dictionary_is_found_by_its_suffix() {
    let r = rows("湖南省公安厅副厅长王伟说。\n");
    let wang = r.iter().find(|r| r["chinese"] == "王伟").unwrap();
    assert_eq!(wang["english"], "Wang Wei");
    assert_eq!(wang["organisations"], "湖南省公安厅");
    assert!(
        r.iter()
            .any(|r| r["kind"] == "organisation" && r["chinese"] == "湖南省公安厅")
    );
    // A locative or verbal noun inside the name is part of it; at its
    // start it is not.
    let r = rows("浙江省对外文化交流中心主任王伟说。他在对外文化交流中心主任张华的陪同下参观。\n");
    let orgs = column(&r, "organisation", "chinese");
    assert!(orgs.contains(&"浙江省对外文化交流中心"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.starts_with("对外")), "{orgs:?}");
}

#[test]
fn user_dictionaries_extend_the_lexicons_and_bad_lines_name_their_place() {
    let dir = crate::util::Dir::new("dict");
    let good = dir.write(
        "orgs.tsv",
        "english\tacronym\tsimplified\ttraditional\taliases\tkind\nHarbour Study Circle\tHSC\t港湾研究会\t港灣研究會\t\tother\n",
    );
    let out = zhgloss(
        &["extract", "-q", "--dict", good.to_str().unwrap()],
        Some("The HSC met on Friday.\n".as_bytes()),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = parse_csv(&out.stdout);
    let org = r
        .iter()
        .find(|r| r["kind"] == "organisation")
        .expect("user organisation found");
    assert_eq!(org["english"], "Harbour Study Circle");
    assert_eq!(org["simplified"], "港湾研究会");

    let bad = dir.write(
        "bad.tsv",
        "english\tsimplified\ttraditional\tcategory\nenvoy\t特使\n",
    );
    let out = zhgloss(
        &["extract", "-q", "--dict", bad.to_str().unwrap()],
        Some(b"x\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.tsv:2:"), "{stderr}");
}

#[test]
fn foreign_names_in_chinese_text_are_persons() {
    // Team-written: a glossed transliteration with an interpunct, and a name
    // the title finder would cut short.
    let r = rows(
        "这一概念的提出者马丁·霍克(Martin Hock)曾经说过。\n\
         同日,国土安全部长梅奥卡斯(Alejandro Mayorkas)将出访。\n",
    );
    let persons: Vec<_> = r.iter().filter(|r| r["kind"] == "person").collect();
    let hock = persons
        .iter()
        .find(|p| p["english"] == "Martin Hock")
        .expect("interpunct name is a person");
    assert_eq!(hock["chinese"], "马丁·霍克");
    let mayorkas = persons
        .iter()
        .find(|p| p["english"] == "Alejandro Mayorkas")
        .expect("glossed name after a title is a person");
    assert_eq!(mayorkas["chinese"], "梅奥卡斯");
    assert!(mayorkas["titles"].contains("国土安全部长"), "{mayorkas:?}");
    // No row for the title finder's short cut.
    assert!(
        !persons.iter().any(|p| p["english"].is_empty()),
        "{persons:?}"
    );
}

#[test]
fn a_middle_initial_does_not_make_a_second_person() {
    let r = rows(
        "美国学者马丁·霍克(Martin K. Hock)发表文章。\n\
         后来,马丁·霍克(Martin Hock)又说。\n",
    );
    let hocks: Vec<_> = r
        .iter()
        .filter(|r| r["kind"] == "person" && r["english"].contains("Hock"))
        .collect();
    assert_eq!(hocks.len(), 1, "{hocks:?}");
    assert_eq!(hocks[0]["english"], "Martin K. Hock");
    assert_eq!(hocks[0]["aliases"], "Martin Hock");
}

#[test]
fn a_name_cut_long_in_chinese_is_the_glossed_person() {
    // jieba may join the name's last character to the next word (雷本周):
    // the glossed name of the same text delimits it.
    let r = rows(
        "联邦调查局局长克里斯托弗•雷(Christopher Wray)本周发言。局长克里斯托弗•雷本周三又说。\n",
    );
    let persons: Vec<_> = r.iter().filter(|r| r["kind"] == "person").collect();
    assert!(
        persons.iter().all(|p| p["chinese"] != "克里斯托弗•雷本"),
        "{persons:?}"
    );
    assert!(persons.iter().any(|p| p["english"] == "Christopher Wray"));
}

#[test]
fn a_glossed_name_after_a_chinese_title_is_the_whole_transliteration() {
    // jieba does not know where 布林克斯 ends; the gloss right after it does.
    let r = rows("美國國務卿布林肯(Antony Blinken)週二抵達。\n");
    let p = r
        .iter()
        .find(|r| r["kind"] == "person" && r["english"] == "Antony Blinken")
        .expect("person row");
    assert_eq!(p["chinese"], "布林肯");
    assert!(p["titles"].contains("國務卿"), "{p:?}");
    // The title that starts a longer stretch is not the name's (委员 of
    // 委员会…主任).
    let r = rows("国家安全委员会中国事务主任朱利安斯(Julian Gewirtzer)发言。\n");
    assert!(
        r.iter()
            .filter(|r| r["kind"] == "person")
            .all(|p| !p["chinese"].contains("主任")),
        "{r:?}"
    );
}

#[test]
fn a_gloss_without_a_title_joins_the_person_another_document_titles() {
    let dir = crate::util::Dir::new("fold");
    let a = dir.write("a.txt", "美国国务卿布林克斯(Antonio Blinkers)今天抵达。\n");
    let b = dir.write("b.txt", "布林克斯(Antonio Blinkers)在会后发言。\n");
    let out = zhgloss(
        &["extract", "-q", a.to_str().unwrap(), b.to_str().unwrap()],
        None,
    );
    let r = parse_csv(&out.stdout);
    let rows: Vec<_> = r
        .iter()
        .filter(|r| r["english"] == "Antonio Blinkers")
        .collect();
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["kind"], "person");
    assert_eq!(rows[0]["documents"], "2");
}

#[test]
fn an_acronym_gloss_of_a_known_body_is_that_body() {
    // The same body glossed by acronym and named by the dictionary: one row
    // under the text's gloss, the dictionary's name an alias.
    for text in [
        "报告批评世界卫生组织（WHO）反应迟缓。世界卫生组织随后回应。\n",
        // Another of its Chinese names, in the other script.
        "報告批評世衛組織（WHO）反應遲緩。世界衛生組織隨後回應。\n",
    ] {
        let r = rows(text);
        let who = only(&r, "organisation");
        assert_eq!(who["english"], "WHO");
        assert_eq!(who["aliases"], "World Health Organization");
        assert_eq!(who["mentions"], "2");
    }
    // The acronym glossing other Chinese is left as the text gives it.
    let r = rows("该协会（WHO）成立于去年，设在某市。\n");
    let gloss = r
        .iter()
        .find(|x| x["chinese"] == "协会")
        .expect("the gloss");
    assert_eq!(gloss["english"], "WHO");
}

#[test]
fn a_title_takes_the_chinese_of_its_setting() {
    let r = rows(
        "President Xu Haoran met President Anna Lindqvist in Beijing. \
         Qiao Mingde, president of the Eastern China University, spoke, \
         and Lu Anping, president of the Coastal Commercial Bank, left early.\n",
    );
    let president: Vec<&str> = r
        .iter()
        .filter(|x| x["kind"] == "title" && x["english"] == "president")
        .map(|x| x["chinese"].as_str())
        .collect();
    // The usual rendering for a Chinese name in pinyin, 总统 for another
    // name, and the organisation's word where there is one.
    for zh in ["国家主席", "总统", "校长", "行长"] {
        assert!(president.contains(&zh), "{zh} in {president:?}");
    }
    assert_eq!(president.len(), 4, "{president:?}");
}

#[test]
fn a_body_glossed_in_another_spelling_keeps_the_texts_name() {
    let r =
        rows("美国智库布鲁金斯学会(Brooking Institute)发表报告。布鲁金斯学会的学者随后回应。\n");
    let org = only(&r, "organisation");
    assert_eq!(org["english"], "Brooking Institute");
    assert_eq!(org["aliases"], "Brookings Institution");
    assert_eq!(org["mentions"], "2");
}

#[test]
fn a_defined_acronym_of_a_known_body_keeps_the_texts_long_form() {
    // The text defines the acronym with another of the body's names: one
    // row under the text's, the dictionary's an alias.
    let r = rows(
        "Deputies of the NPC Standing Committee (NPCSC) met on Monday. The NPCSC then adjourned.\n",
    );
    let org = only(&r, "organisation");
    assert_eq!(org["english"], "NPC Standing Committee");
    assert_eq!(org["acronym"], "NPCSC");
    assert!(
        org["aliases"].contains("Standing Committee of the National People's Congress"),
        "{org:?}"
    );
    assert_eq!(org["mentions"], "2");
}

#[test]
fn an_acronym_the_text_defines_means_what_the_text_says() {
    // `ICC` is also the dictionary's International Criminal Court: here the
    // text defines it (in the plural), and every later use, singular or
    // plural, is a mention of the text's term.
    let r = rows(
        "Coastal provinces opened regional media hubs (RMHs) and international \
         communication centers (ICCs). Its ICC opened in 2019; two more ICCs followed, \
         and the RMHs grew.\n",
    );
    assert!(
        r.iter()
            .all(|x| x["english"] != "International Criminal Court"),
        "{r:?}"
    );
    let icc = row(&r, "international communication centers");
    assert_eq!(icc["acronym"], "ICCs");
    assert_eq!(icc["aliases"], "ICC");
    assert_eq!(icc["mentions"], "3");
    assert_eq!(row(&r, "regional media hubs")["mentions"], "2");
    // A text that defines the dictionary's reading keeps it.
    let r = rows("The International Criminal Court (ICC) sat in May. The ICC ruled in June.\n");
    let court = only(&r, "organisation");
    assert_eq!(court["english"], "International Criminal Court");
    assert_eq!(court["mentions"], "2");
}

#[test]
fn a_known_acronym_never_spelt_out_may_shorten_a_name_in_the_text() {
    // The text never names the International Criminal Court; `the ICC` is
    // the end of its own centre's name.
    let r = rows(
        "The Lanzhou International Communication Center opened in 2022. \
         The ICC runs accounts abroad.\n",
    );
    let org = only(&r, "organisation");
    assert_eq!(org["english"], "Lanzhou International Communication Center");
    assert_eq!(org["aliases"], "ICC");
    assert_eq!(org["mentions"], "2");
    // A name ending in the body's own dictionary name is not a second body.
    let r = rows(
        "The Standing Committee of the National People's Congress met. \
         Every NPC delegate voted.\n",
    );
    assert!(
        r.iter()
            .any(|x| x["english"] == "National People's Congress"),
        "{r:?}"
    );
}

#[test]
fn an_acronym_gloss_of_a_known_body_written_otherwise_is_that_body() {
    // The dictionary has 东南亚国家联盟 and 二十国集团; the texts write the
    // names otherwise, and the acronym says which body they are.
    let r = rows("部長們出席東南亞國家協會(ASEAN)會議，並討論20國集團(G20)議程。\n");
    let asean = row(&r, "ASEAN");
    assert_eq!(asean["chinese"], "東南亞國家協會");
    assert_eq!(asean["aliases"], "Association of Southeast Asian Nations");
    let g20 = row(&r, "G20");
    assert_eq!(g20["chinese"], "20國集團");
    assert_eq!(g20["aliases"], "Group of Twenty");
    assert_eq!(r.len(), 2, "{r:?}");
    // Other Chinese under a known acronym is another body.
    let r = rows("美国海军分析中心(CNA)发表报告。\n");
    assert!(
        r.iter().all(|x| x["english"] != "Central News Agency"),
        "{r:?}"
    );
}

#[test]
fn a_chinese_name_ending_a_longer_one_in_the_text_is_that_body() {
    // 國務院 alone is the State Council; after 美國國務院 it is the US
    // department, and so is the spokesman's organisation.
    let r =
        rows("美國國務院今天表示，國務卿將出訪。國務院發言人米勒(Matthew Miller)說，會談坦率。\n");
    assert!(r.iter().all(|x| x["english"] != "State Council"), "{r:?}");
    let dept = row(&r, "Department of State");
    assert_eq!(dept["chinese"], "美國國務院");
    assert_eq!(dept["aliases"], "國務院");
    assert_eq!(dept["mentions"], "2");
    assert_eq!(
        row(&r, "Matthew Miller")["organisations"],
        "Department of State (美國國務院)"
    );
    let r = rows("国务院总理今天出席会议。\n");
    assert_eq!(only(&r, "organisation")["english"], "State Council");
}

#[test]
fn a_persons_organisation_is_written_in_the_texts_script() {
    let r = rows("白宮國家安全顧問蘇利文(Jake Sullivan)今天抵達。\n");
    assert_eq!(
        row(&r, "Jake Sullivan")["organisations"],
        "White House (白宮)"
    );
}

#[test]
fn a_body_the_text_glosses_is_one_row_under_the_texts_name() {
    // The dictionary knows 中央军委政治工作部 as the Political Work
    // Department (PWD); the text glosses it with a longer name and uses
    // the dictionary's names later: one row, the text's name first.
    let r = rows(
        "The Political Work Department of the Central Military Commission (中央军委政治工作部) \
         was set up in 2016. The CMC Political Work Department now runs the old department's work.\n",
    );
    assert!(
        r.iter()
            .all(|x| x["english"] != "Political Work Department"),
        "{r:?}"
    );
    let pwd = row(
        &r,
        "Political Work Department of the Central Military Commission",
    );
    assert_eq!(pwd["chinese"], "中央军委政治工作部");
    assert_eq!(pwd["acronym"], "PWD");
    assert!(
        pwd["aliases"].contains("CMC Political Work Department"),
        "{pwd:?}"
    );
    assert_eq!(pwd["mentions"], "2");
}

#[test]
fn a_short_form_the_dictionary_names_joins_the_texts_long_form() {
    // The dictionary knows the paper as `PLA Daily` (解放军报); the text
    // gives its long form in brackets.
    let r = rows(
        "An office of the PLA Daily (People's Liberation Army Daily) compiled the book. \
         The PLA Daily printed it in 1964.\n",
    );
    let paper = row(&r, "People's Liberation Army Daily");
    assert!(r.iter().all(|x| x["english"] != "PLA Daily"), "{r:?}");
    assert_eq!(paper["acronym"], "PLA Daily");
    assert_eq!(paper["chinese"], "解放军报");
    assert_eq!(paper["mentions"], "2");
}

#[test]
fn a_known_name_after_a_sentences_first_word_is_found() {
    // `For` is capitalised as the sentence's first word, not as part of a
    // longer name.
    let r = rows("For China’s Communist Party leaders, slogans matter.\n");
    assert_eq!(
        only(&r, "organisation")["english"],
        "Communist Party of China"
    );
}

#[test]
fn an_apostrophe_is_no_other_form_of_a_name() {
    // The dictionary writes `People's Bank of China`, the text a curly
    // apostrophe: the same name as written, not an alias.
    let r = rows("The People’s Bank of China cut rates on Monday.\n");
    let bank = only(&r, "organisation");
    assert_eq!(bank["english"], "People's Bank of China");
    assert_eq!(bank["aliases"], "", "{bank:?}");
}

#[test]
fn a_middle_initial_after_a_title_is_part_of_the_name() {
    let r = rows("The economist Anna K. Berglund replied on Tuesday.\n");
    assert_eq!(only(&r, "person")["english"], "Anna K. Berglund");
}

#[test]
fn a_portfolio_between_a_body_and_a_title_leaves_the_body_to_the_person() {
    let r = rows("美国国务院东亚事务助理国务卿康达(Daniel Kritenbrink)今天表示，会谈富有成果。\n");
    assert_eq!(
        row(&r, "Daniel Kritenbrink")["organisations"],
        "Department of State (美国国务院)"
    );
    // A body outside the dictionary is read by its suffix, an adjective
    // inside it (国家 | 安全 | 委员会); a bare suffix word is no body.
    let r = rows("国家安全委员会中国事务主任朱利安(Julian Gewirtz)出席。\n");
    assert_eq!(row(&r, "Julian Gewirtz")["organisations"], "国家安全委员会");
    assert!(r.iter().all(|x| x["chinese"] != "委员会"), "{r:?}");
    let r = rows("他曾任委员会中国事务主任朱利安(Julian Gewirtz)的助手。\n");
    assert_eq!(row(&r, "Julian Gewirtz")["organisations"], "");
}

#[test]
fn a_longer_portfolio_runs_back_to_where_the_body_ends() {
    // 拜登政府 | 印度太平洋事务 | 协调员: the field is the title's, the
    // government the body.
    let r = rows("国家安全委员会印度太平洋事务协调员马丁(Martin Hale)表示。\n");
    let hale = row(&r, "Martin Hale");
    assert_eq!(hale["titles"], "coordinator (协调员)");
    assert_eq!(hale["organisations"], "国家安全委员会");
}

#[test]
fn a_function_word_in_headline_case_is_no_name() {
    let r = rows("It grew out of the Office Of The Coordinator Of Information in 1941.\n");
    assert!(r.iter().all(|x| x["kind"] != "person"), "{r:?}");
}

#[test]
fn a_grade_before_a_chinese_title_is_the_titles() {
    // 高级 and 资深 make any post senior, 首席 chief; a title the lexicon
    // holds with its grade (高级研究员, senior fellow) keeps its own English.
    let r = rows("美国安全委员会亚洲事务高级主任马丁(Martin Hale)发言。\n");
    assert_eq!(
        row(&r, "Martin Hale")["titles"],
        "senior director (高级主任)"
    );
    let r = rows("研究所資深研究員麥可·霍爾(Michael Hall)表示。\n");
    assert_eq!(
        row(&r, "Michael Hall")["titles"],
        "senior researcher (資深研究員)"
    );
    let r = rows("智库高级研究员马丁(Martin Hale)表示。\n");
    assert_eq!(
        row(&r, "Martin Hale")["titles"],
        "senior fellow (高级研究员)"
    );
}

#[test]
fn a_central_organ_written_after_the_party_is_that_organ() {
    // 中共 + 中央外事工作委员会办公室: the office, not the Central Committee
    // with the rest of the name lost.
    let r = rows("中共中央外事工作委员会办公室主任杨洁篪会见了来访的代表团。\n");
    let org = only(&r, "organisation");
    assert_eq!(
        org["english"],
        "Office of the Central Foreign Affairs Commission"
    );
    assert_eq!(org["chinese"], "中共中央外事工作委员会办公室");
}

#[test]
fn a_title_starting_with_its_bodys_last_word_leaves_it_to_the_body() {
    // 办公室主任 (office director) after 中共中央外事: the body is the office.
    let r = rows("他会晤了中共中央外事办公室主任兼外交部长王毅。\n");
    assert_eq!(
        row(&r, "Wang Yi")["organisations"],
        "Office of the Central Foreign Affairs Commission (中共中央外事办公室)"
    );
    let r = rows("国务院办公厅主任王明出席会议。\n");
    assert_eq!(
        row(&r, "Wang Ming")["organisations"],
        "General Office of the State Council (国务院办公厅)"
    );
}

#[test]
fn a_transliteration_jieba_cuts_into_names_is_one_name() {
    // jieba reads 布 | 林肯 (Lincoln), and 布林 is also a dictionary word.
    let r = rows("国务卿布林肯下周访问东京。\n");
    let p = only(&r, "person");
    assert_eq!(p["chinese"], "布林肯");
    assert_eq!(p["titles"], "secretary of state (国务卿)");
}

#[test]
fn titles_joined_by_jian_are_one_persons() {
    // 兼: the same person holds both offices.
    let r = rows("国务委员兼外交部长王毅今天会见了来访的客人。\n");
    let wang = only(&r, "person");
    assert!(wang["titles"].contains("(国务委员)"), "{wang:?}");
    assert!(wang["titles"].contains("(外交部长)"), "{wang:?}");
}

#[test]
fn a_gloss_of_a_rank_takes_the_words_the_rank_finder_read() {
    // The dictionary knows `rank` but not the phrase: the rank finder
    // reads `full ministerial rank` whole, and the gloss is those words.
    let r = rows("The deputy, who holds full ministerial rank (正部级), retired.\n");
    let terms: Vec<_> = r
        .iter()
        .filter(|x| x["chinese"] == "正部级")
        .map(|x| x["english"].as_str())
        .collect();
    assert!(!terms.is_empty(), "{r:?}");
    assert!(
        terms.iter().all(|e| *e == "full ministerial rank"),
        "{terms:?}"
    );
}

#[test]
fn a_title_set_off_by_commas_before_a_name_is_that_persons() {
    let r = rows(
        "The harbour commissioner, Gao Minghui, opened the pier. \
         A deputy director of the Provincial Inspection Office, Tan Ruolin, spoke next. \
         Reporters then met the secretary of state, Daniel Ortmann, in Geneva.\n",
    );
    // (`harbour` qualifies the title; the title is the lexicon's words.)
    assert_eq!(row(&r, "Gao Minghui")["titles"], "commissioner");
    let tan = row(&r, "Tan Ruolin");
    assert_eq!(tan["titles"], "deputy director");
    assert_eq!(tan["organisations"], "Provincial Inspection Office");
    // A name that is not Chinese is a person only beside a title: here the
    // apposition is that title.
    assert_eq!(row(&r, "Daniel Ortmann")["titles"], "secretary of state");
}

#[test]
fn a_comma_that_starts_a_new_clause_sets_off_no_title() {
    // `After meeting the vice minister,` is a clause of its own: the name
    // after it is not the minister's, and no apposition closes after it.
    let r = rows("After meeting the vice minister, Gao Minghui flew home.\n");
    assert_eq!(row(&r, "Gao Minghui")["titles"], "", "{r:?}");
    let r = rows("After meeting the vice minister, Daniel Ortmann flew home.\n");
    assert!(r.iter().all(|x| x["kind"] != "person"), "{r:?}");
}

#[test]
fn a_title_before_a_copula_is_the_listed_names() {
    let r = rows(
        "The office opened in May. Its deputy directors are Gao Minghui and Tan Ruolin. \
         The spokesman is Zhou Peiran.\n",
    );
    assert_eq!(row(&r, "Gao Minghui")["titles"], "deputy director");
    assert_eq!(row(&r, "Tan Ruolin")["titles"], "deputy director");
    assert_eq!(row(&r, "Zhou Peiran")["titles"], "spokesman");
}

#[test]
fn a_name_does_not_begin_inside_a_longer_title() {
    // `chief` is a title and so is `chief executive`: the name is the
    // words after the longer one.
    let r =
        rows("Chief Executive Daniel Ortmann opened the session. Harbour chief Anna Lind spoke.\n");
    assert_eq!(row(&r, "Daniel Ortmann")["titles"], "chief executive");
    assert_eq!(row(&r, "Anna Lind")["titles"], "chief");
    assert!(
        r.iter().all(|x| x["english"] != "Executive Daniel Ortmann"),
        "{r:?}"
    );
}

#[test]
fn a_gloss_whose_chinese_ends_as_a_bodys_name_is_an_organisation() {
    // No English head word in a romanised newspaper name; 日报 and 晚报
    // are heads. `Daily` is an English head: the name of a body, never a
    // person's, even where its first words could be a Cantonese name.
    let r = rows(
        "Gao Minghui, an editor of Nam Fong Yat Po (南方日報), left for the Hoi Sang Daily (海生日報) \
         in March. The tiger cub (虎仔) was born.\n",
    );
    assert_eq!(row(&r, "Nam Fong Yat Po")["kind"], "organisation");
    assert_eq!(row(&r, "Hoi Sang Daily")["kind"], "organisation");
    assert_eq!(row(&r, "tiger cub")["kind"], "term");
    // The body after `editor of` is where the title is held.
    assert_eq!(row(&r, "Gao Minghui")["organisations"], "Nam Fong Yat Po");
}

#[test]
fn a_given_name_may_end_in_a_character_that_ends_bodies_names() {
    // 军 ends armies' names and many given names: one character is no head.
    let r = rows("The farmer Guo Qingjun (郭庆军) sold his land.\n");
    assert_eq!(row(&r, "Guo Qingjun")["kind"], "person");
}

#[test]
fn party_posts_in_a_chinese_list_of_titles_are_the_persons() {
    // 党委委员 is one post (not 委员 after a body 党委), and it joins the
    // title before it by 、.
    let r = rows("水利部副部长、党委委员高明辉出席会议。\n");
    let p = only(&r, "person");
    assert_eq!(
        p["titles"], "party committee member (党委委员); vice minister (副部长)",
        "{p:?}"
    );
    assert_eq!(p["organisations"], "Ministry of Water Resources (水利部)");
}

#[test]
fn a_romanised_term_takes_the_translation_the_text_gives_after_it() {
    let r = rows(
        "Cadres were told to practise zhengzhi xuexi (政治学习), or “political study,” weekly. \
         Young workers call it bailan (摆烂), meaning giving up. \
         Others prefer foxi (佛系, lit. “Buddha-like”) as a word. \
         The shuanggui (双规) system was feared.\n",
    );
    let english_of = |zh: &str| -> Vec<&str> {
        r.iter()
            .filter(|x| x["chinese"] == zh)
            .map(|x| x["english"].as_str())
            .collect()
    };
    assert_eq!(english_of("政治学习"), ["political study"], "{r:?}");
    assert_eq!(english_of("摆烂"), ["giving up"]);
    // Inside the bracket after the Chinese, a cue (`lit.`) and quotes aside.
    assert_eq!(english_of("佛系"), ["Buddha-like"]);
    // With no translation given, the romanisation is the text's English.
    assert_eq!(english_of("双规"), ["shuanggui"]);
}

#[test]
fn a_body_in_the_possessive_before_a_title_is_the_persons() {
    // A body the pattern finder names (its mention takes the `'s` in) and
    // one the dictionary knows (its mention ends before it).
    let r = rows(
        "In the spring the Provincial Inspection Office's director Gao Minghui spoke to \
         reporters, and later the NDRC's director Tan Ruolin answered their questions.\n",
    );
    let gao = row(&r, "Gao Minghui");
    assert_eq!(gao["titles"], "director");
    assert_eq!(gao["organisations"], "Provincial Inspection Office");
    let tan = row(&r, "Tan Ruolin");
    assert_eq!(tan["organisations"], "NDRC", "{tan:?}");
}

#[test]
fn a_chinese_term_in_straight_quotes_is_glossed_by_the_bracket_after_it() {
    let r =
        rows("他们所谓的\"稳就业\"(job stabilisation)与“保民生”(protecting livelihoods)并列。\n");
    assert_eq!(row(&r, "job stabilisation")["chinese"], "稳就业", "{r:?}");
    assert_eq!(row(&r, "protecting livelihoods")["chinese"], "保民生");
}

#[test]
fn a_chinese_committee_chair_is_a_chairman() {
    // 主席 read from Chinese is a chairman; 国家主席 is its own title.
    let r = rows("港口委员会主席高明辉(Gao Minghui)表示欢迎。国家主席谭若林出席。\n");
    assert_eq!(row(&r, "Gao Minghui")["titles"], "chairman (主席)", "{r:?}");
    let tan = r.iter().find(|x| x["chinese"] == "谭若林").expect("谭若林");
    assert_eq!(tan["titles"], "president (国家主席)");
}

#[test]
fn a_verb_of_appointment_after_a_name_gives_the_office() {
    let r = rows(
        "Gao Minghui became harbour commissioner in May, and Tan Ruolin was named vice minister \
         of the Ministry of Water Resources. Zhou Peiran serves as spokesman. \
         Lin Huaiyu is the rumoured successor.\n",
    );
    assert_eq!(row(&r, "Gao Minghui")["titles"], "commissioner", "{r:?}");
    let tan = row(&r, "Tan Ruolin");
    assert_eq!(tan["titles"], "vice minister");
    assert_eq!(tan["organisations"], "Ministry of Water Resources");
    assert_eq!(row(&r, "Zhou Peiran")["titles"], "spokesman");
    // A bare copula is a claim, not an appointment.
    assert_eq!(row(&r, "Lin Huaiyu")["titles"], "");
}

#[test]
fn a_definition_in_other_words_of_a_known_body_gets_its_chinese() {
    // The dictionary knows NPCSC as the Standing Committee of the National
    // People's Congress; the text defines it with the words reordered.
    let r = rows(
        "Next week the National People’s Congress Standing Committee (NPCSC) will review \
         the draft, and the NPCSC may then adopt it.\n",
    );
    let row = r
        .iter()
        .find(|x| x["acronym"] == "NPCSC")
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(
        row["english"],
        "National People’s Congress Standing Committee"
    );
    assert_eq!(row["chinese"], "全国人民代表大会常务委员会");
    assert_eq!(
        row["aliases"],
        "Standing Committee of the National People's Congress"
    );
}

#[test]
fn a_verb_of_heading_makes_the_person_the_bodys_head() {
    let r = rows(
        "Gao Minghui, who heads the Provincial Inspection Office, spoke first. \
         Tan Ruolin leads the Harbour Authority of Ningbo. Zhou Peiran, heads turned, left.\n",
    );
    let gao = row(&r, "Gao Minghui");
    assert_eq!(gao["titles"], "head");
    assert_eq!(gao["organisations"], "Provincial Inspection Office");
    assert_eq!(
        row(&r, "Tan Ruolin")["organisations"],
        "Harbour Authority of Ningbo"
    );
    assert_eq!(row(&r, "Zhou Peiran")["titles"], "", "{r:?}");
}

#[test]
fn a_chinese_title_joined_by_a_list_mark_before_another_titles_body() {
    // 、 stands before 水利部, the second title's body: the first title is
    // the person's too.
    let r = rows("省委常委、水利部副部长谭若林出席会议。\n");
    let p = only(&r, "person");
    assert_eq!(
        p["titles"], "standing committee member (常委); vice minister (副部长)",
        "{p:?}"
    );
}

#[test]
fn a_word_after_a_chinese_name_is_not_part_of_it() {
    // jieba may read 凤莲则 as a given name; a given name is one or two
    // characters, and 则 (then) follows names.
    let r = rows("国台办发言人朱凤莲则批评了这一做法。\n");
    let p = only(&r, "person");
    assert_eq!(p["chinese"], "朱凤莲", "{p:?}");
}

#[test]
fn an_abbreviation_full_stop_does_not_end_the_gloss() {
    // `No.` before a number is no sentence end, and a hedge before the
    // term is the writer's.
    let r = rows("The bureau circulated the so-called Circular No. 14 (14号通知) to cadres.\n");
    let t = r
        .iter()
        .find(|x| x["chinese"] == "14号通知")
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(t["english"], "Circular No. 14");
}

#[test]
fn an_acronym_in_a_title_keeps_its_capitals() {
    let r = rows("On Monday FBI director Daniel Ortmann spoke to reporters about the case.\n");
    assert_eq!(row(&r, "Daniel Ortmann")["titles"], "FBI director");
    assert_eq!(only(&r, "title")["english"], "FBI director");
}

#[test]
fn a_gloss_does_not_open_with_a_verb_phrase() {
    // `placed` meets 居所's `dwelling place` in the dictionary, but `placed
    // under` opens a verb phrase: the term starts after it.
    let r = rows(
        "Last year the lawyer was placed under residential surveillance at a designated \
         location (指定居所监视居住) for six months.\n",
    );
    let t = r
        .iter()
        .find(|x| x["chinese"] == "指定居所监视居住")
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(
        t["english"],
        "residential surveillance at a designated location"
    );
}

#[test]
fn a_body_right_after_a_titled_name_is_the_persons() {
    let r = rows(
        "Professor Gao Minghui of the Harbour Institute of Technology disagreed, and economist \
         Tan Ruolin (谭若林) at Ningbo University agreed with him.\n",
    );
    assert_eq!(
        row(&r, "Gao Minghui")["organisations"],
        "Harbour Institute of Technology"
    );
    assert_eq!(row(&r, "Tan Ruolin")["organisations"], "Ningbo University");
}

#[test]
fn a_title_after_as_is_each_listed_names() {
    let r = rows(
        "The board named Gao Minghui as its chairman, and Tan Ruolin, Zhou Peiran, and \
         Lin Huaiyu as deputy directors.\n",
    );
    assert_eq!(row(&r, "Gao Minghui")["titles"], "chairman");
    for name in ["Tan Ruolin", "Zhou Peiran", "Lin Huaiyu"] {
        assert_eq!(row(&r, name)["titles"], "deputy director", "{name}");
    }
}

#[test]
fn a_rank_gloss_leaves_out_rank_of() {
    let r = rows("In 2019 she was promoted to the rank of deputy department director (副厅级).\n");
    let t = r
        .iter()
        .find(|x| x["chinese"] == "副厅级" && x["kind"] == "term")
        .unwrap_or_else(|| panic!("{r:?}"));
    assert_eq!(t["english"], "deputy department director");
}

#[test]
fn a_gloss_names_a_body_by_the_noun_before_its_first_of() {
    let r = rows(
        "Letters went to the People's Government of Linyi Municipality (临沂市人民政府). \
         It quoted the Resolution of the Provincial Committee on Rural Work (省委关于农村工作的决议).\n",
    );
    assert_eq!(
        row(&r, "People's Government of Linyi Municipality")["kind"],
        "organisation"
    );
    assert_eq!(
        row(&r, "Resolution of the Provincial Committee on Rural Work")["kind"],
        "term"
    );
}

#[test]
fn two_glosses_of_one_body_are_one_row() {
    // The same Chinese glossed twice by names with one head word: one
    // body, the first name its row's, the second an alias. 国务院 glossed
    // by two heads stays two bodies.
    let r = rows(
        "The Propaganda Office of the Hubei Provincial Committee of the Chinese Communist Party \
         (中共湖北省委宣传部) runs the papers. Later the Propaganda Office of the Hubei Provincial \
         Committee of the CCP (中共湖北省委宣传部) hired staff.\n",
    );
    let office = row(
        &r,
        "Propaganda Office of the Hubei Provincial Committee of the Chinese Communist Party",
    );
    assert_eq!(
        column(&r, "organisation", "chinese")
            .iter()
            .filter(|c| **c == "中共湖北省委宣传部")
            .count(),
        1
    );
    assert_eq!(
        office["aliases"],
        "Propaganda Office of the Hubei Provincial Committee of the CCP"
    );
    assert_eq!(office["mentions"], "2");
    let r = rows(
        "A note from the State Council (国务院) reached the Department of State (国务院) in May.\n",
    );
    assert_eq!(column(&r, "organisation", "english").len(), 2, "{r:?}");
}

#[test]
fn a_chinese_verb_of_appointment_gives_its_subject_the_office() {
    // A glossed name before the clause, or a Chinese name right before the
    // verb; the body between verb and title is the person's, a portfolio
    // left to the title.
    let r = rows(
        "例如，马丁(Martin Hale)被选为国家安全委员会亚洲事务主任，\
         艾伦·格雷(Alan Grey)进入白宫担任高级顾问。\n",
    );
    let hale = row(&r, "Martin Hale");
    assert_eq!(hale["titles"], "director (主任)");
    assert_eq!(hale["organisations"], "国家安全委员会");
    assert_eq!(row(&r, "Alan Grey")["titles"], "senior adviser (高级顾问)");
    let r = rows("王毅担任外交部长期间多次出访。\n");
    assert_eq!(row(&r, "Wang Yi")["titles"], "foreign minister (外交部长)");
    // A title inside a longer word is no office (委员 of 委员会), and a
    // pronoun is no name.
    let r = rows("会后，他被任命为委员会主任。\n");
    assert!(r.iter().all(|x| x["kind"] != "person"), "{r:?}");
}

#[test]
fn a_body_before_a_chinese_title_may_be_written_as_its_acronym() {
    // Glossed by its acronym, or written as one the dictionary knows; the
    // person's row lists the body once, by its Chinese.
    let r = rows(
        "美国联邦调查局(FBI)局长马丁(Martin Hale)表示反对。\n\nFBI局长马丁(Martin Hale)又说。\n",
    );
    assert_eq!(
        row(&r, "Martin Hale")["organisations"],
        "Federal Bureau of Investigation (联邦调查局)"
    );
    let r = rows("FBI局长马丁(Martin Hale)又说。\n");
    assert_eq!(
        row(&r, "Martin Hale")["organisations"],
        "Federal Bureau of Investigation (FBI)"
    );
    // An acronym glossing a Chinese body's name is the body.
    let r = rows("哥伦比亚广播公司(CBS)报道了此事。\n");
    assert_eq!(row(&r, "CBS")["kind"], "organisation");
}

#[test]
fn a_persons_body_written_as_an_acronym_the_text_defines_is_spelt_out() {
    let r = rows(
        "Wu Dehai is a vice minister at the Ministry of Water Resources (MWR). \
         Later, MWR vice minister Wu Dehai toured the dams.\n",
    );
    assert_eq!(
        row(&r, "Wu Dehai")["organisations"],
        "Ministry of Water Resources"
    );
}

#[test]
fn bodies_listed_beside_a_known_one_are_bodies() {
    // 布鲁金斯学会 is known; the items after it that end as bodies' names do
    // are bodies, up to 等 and across 及; the first item, whose start the
    // text does not mark, and an item with no body's head are not.
    let r = rows(
        "他们访问了包括东方战略研究中心、布鲁金斯学会、西岸政策研究会、太平洋论坛及南方发展协会等机构。\n",
    );
    let orgs = column(&r, "organisation", "chinese");
    assert!(orgs.contains(&"西岸政策研究会"), "{orgs:?}");
    assert!(orgs.contains(&"南方发展协会"), "{orgs:?}");
    assert!(
        !orgs
            .iter()
            .any(|o| o.contains("论坛") || o.contains("东方")),
        "{orgs:?}"
    );
}

#[test]
fn an_official_of_another_country_is_not_romanised_as_pinyin() {
    // 尹锡悦 reads Yin Xiyue in pinyin, but is Yoon Suk-yeol; a Chinese
    // official keeps his pinyin name.
    let r = rows("韩国总统尹锡悦出席。中国外交部长王毅会见了他。\n");
    let yoon = r.iter().find(|x| x["chinese"] == "尹锡悦").expect("row");
    assert_eq!(yoon["english"], "", "{yoon:?}");
    assert_eq!(row(&r, "Wang Yi")["chinese"], "王毅");
}
