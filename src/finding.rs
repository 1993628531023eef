//! Findings: what the finders report for one document, before resolution and
//! aggregation.

use crate::document::Span;

/// What a finding (and a glossary row) is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A translated term (a parenthetical pair or an acronym).
    Term,
    /// A person.
    Person,
    /// An organisation.
    Organisation,
    /// An official title.
    Title,
    /// A cadre rank.
    Rank,
}

impl Kind {
    /// The name used in the `kind` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Term => "term",
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Title => "title",
            Kind::Rank => "rank",
        }
    }

    /// Parses a `kind` column value (`organization` and `org` accepted).
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim().to_lowercase().as_str() {
            "term" => Kind::Term,
            "person" => Kind::Person,
            "organisation" | "organization" | "org" => Kind::Organisation,
            "title" => Kind::Title,
            "rank" => Kind::Rank,
            _ => return None,
        })
    }
}

/// One thing found in a document.
///
/// Empty strings mean "not known". `span` is the evidence in the original
/// text (for a pair: from the start of the gloss to the closing bracket).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub kind: Option<Kind>,
    /// English form: a gloss, a long form, a name.
    pub english: String,
    /// Chinese form as written.
    pub chinese: String,
    /// Romanisation given by the text itself (e.g. `shenyi` before a bracket).
    pub given_pinyin: String,
    /// Other scripts of the same Chinese form given by the text.
    pub chinese_variants: Vec<String>,
    /// Short form.
    pub acronym: String,
    /// Titles (persons).
    pub titles: Vec<String>,
    /// Organisations (persons).
    pub organisations: Vec<String>,
    /// Cadre rank.
    pub rank: String,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// Where it is.
    pub span: Span,
    /// Where the Chinese form is, when it stands apart from `span`'s start
    /// (a parenthetical pair): a second mention of the same row.
    pub chinese_span: Option<Span>,
    /// How sure the finder is, 0 to 1.
    pub confidence: f32,
    /// Tells apart different entities with the same name (namesakes): 0 for
    /// the first, 1, 2 … for others.
    pub sense: u32,
    /// Which rule found it (for `--mentions` and debugging).
    pub rule: &'static str,
}

impl Finding {
    /// The kind, defaulting to a term.
    pub fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Term)
    }
}

/// Room for the findings of one finder over `tokens` tokens. A finding is
/// large and each growth of a vector moves them all; English reporting on
/// China seldom names more than one thing of a kind in forty tokens.
pub(crate) fn room_for(tokens: usize) -> usize {
    tokens / 40 + 8
}
