/*!
zhgloss extracts a bilingual (Chinese–English) glossary from text that mixes
the two languages: parenthesised translations in both directions, acronyms
with their long forms, and (in later stages) officials, organisations and
cadre ranks.

# Brief overview

The pipeline is a chain of small stages with plain data between them:

1. [`input`] turns paths or stdin into [`Document`]s (decoding, binary
   detection);
2. [`Extractor::extract`] runs the finders over one document — the
   parenthetical finder [`pairs`] (with [`gloss`] for the English left edge,
   [`term`] for the Chinese one and [`acronym`] for short forms), using
   [`hanzi`] (script conversion, pinyin) and [`segment`] (jieba) — and
   returns [`Finding`]s;
3. [`Glossary`] folds findings from many documents into rows;
4. [`writer`] writes the rows as the CSV glossary, atomically.

# Example

```
use zhgloss::{Document, Extractor, Glossary};

let extractor = Extractor::new()?;
let doc = Document::new("note.txt", "Officials warned of “hidden dangers” (隱患) in the sector.");
let findings = extractor.extract(&doc);
let mut glossary = Glossary::new();
glossary.add_document(&doc, &findings, &extractor);
let rows = glossary.into_rows();
assert_eq!(rows[0].english, "hidden dangers");
assert_eq!(rows[0].simplified, "隐患");
assert_eq!(rows[0].traditional, "隱患");
assert_eq!(rows[0].pinyin, "yǐn huàn");

let mut csv = Vec::new();
zhgloss::writer::write_csv(&rows, &mut csv)?;
assert!(String::from_utf8(csv)?.starts_with("id,kind,english,chinese"));
# Ok::<(), Box<dyn std::error::Error>>(())
```
*/

#![deny(missing_docs)]

pub mod acronym;
pub mod align;
pub mod batch;
pub mod cedict;
pub mod dict;
pub mod document;
pub mod error;
pub mod extractor;
pub mod finding;
pub mod gloss;
pub mod glossary;
pub mod hanzi;
pub mod input;
pub mod names;
pub mod officials;
pub mod officials_zh;
pub mod orgs;
pub mod pairs;
pub mod paren;
pub mod ranks;
pub mod resolve;
pub mod script;
pub mod segment;
pub mod term;
pub mod tokens;
pub mod writer;

pub use document::{Document, Span};

/// The README's Rust examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
pub use error::{Error, ErrorKind, Result};
pub use extractor::Extractor;
pub use finding::{Finding, Kind};
pub use glossary::{Glossary, Row};
