//! Full-text search at `/search/`: one record per authority, inspection and
//! response, taken from the site model (not scraped back out of the rendered
//! pages; [`records`]), written in the format of Pagefind's client by
//! [`writer`] (Pagefind's own indexer, [`index`], is the reference the tests
//! compare it with). The index is a folder of files under
//! `/search/pagefind/` that the search page's script reads, through
//! Pagefind's client, in the reader's browser; nothing runs on a server.
//!
//! An inspection's or response's quotes are anchored sections at the end of
//! its record ([`anchor`]): the search page's script shows a match inside
//! one as that quote, at its permalink, and the kind filter lists such a
//! record under "Quote" too. (Records of their own, as quotes once were,
//! cost the index two files in three.)

mod index;
mod job;
mod records;
mod texts;
mod writer;

use xxhash_rust::xxh3::Xxh3;

pub use job::{IndexError, Priority, SearchFile};
pub use records::records;
pub use texts::{BodyTexts, KeptText};
pub use writer::FORMAT_OF;

use crate::site::Site;

/// The names of the filters every record carries (a record without a year
/// has none): the index and the search page's form both use these.
pub mod filter {
    pub const KIND: &str = "kind";
    pub const REGION: &str = "region";
    pub const GRADE: &str = "grade";
    pub const YEAR: &str = "year";
}

/// The values of the search page's "kind" filter: what a record is, or
/// (`Quote`) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Authority,
    Inspection,
    Response,
    Quote,
}

impl Kind {
    pub const ALL: [Kind; 4] = [
        Kind::Authority,
        Kind::Inspection,
        Kind::Response,
        Kind::Quote,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Kind::Authority => "Authority",
            Kind::Inspection => "Inspection",
            Kind::Response => "Response",
            Kind::Quote => "Quote",
        }
    }
}

/// The marks of a quote's sections in a record's text, as Pagefind's
/// indexer reads them: a word `{MARK}{element}:{n}:{id}` is no word of the
/// text but an anchor `{element, id, location}` in the record's fragment, at
/// the position of the next word (`n` only keeps marks distinct). Each quote
/// is two sections, both anchored with its permalink's id: who said it
/// ([`CITE`]), then what was said ([`SAID`]), up to the next mark or the
/// end; `static/search.js` reads them so.
pub mod anchor {
    pub const MARK: &str = "___PAGEFIND_ANCHOR___";
    pub const CITE: &str = "cite";
    pub const SAID: &str = "blockquote";
}

/// One thing a reader can find: its link, its words and its filters.
#[derive(Debug, Clone)]
pub struct SearchRecord {
    /// Site-absolute link (with the base path).
    pub url: String,
    pub title: String,
    /// "Inspection · Stockton-on-Tees · 15 July 2025": shown under the title.
    pub context: String,
    /// Its words, then its quotes' [`anchor`]ed sections. Editors' text in
    /// it never reads as a mark of Pagefind's ([`records`] sees to it).
    pub text: String,
    /// What the record is (its page).
    pub kind: Kind,
    /// Whether it holds quotes: then the kind filter lists it under
    /// [`Kind::Quote`] too.
    pub quoted: bool,
    pub region: String,
    /// The authority's current rating in words ("Good", "Not yet rated").
    pub grade: String,
    pub year: Option<i32>,
}

impl SearchRecord {
    /// Its values of the kind filter.
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds = vec![self.kind.label()];
        if self.quoted {
            kinds.push(Kind::Quote.label());
        }
        kinds
    }
}

/// What the index is made from: its records, its language and its
/// fingerprint (see [`fingerprint`]).
pub struct SearchPlan<'s> {
    records: Records<'s>,
    /// The site's language, which Pagefind stems the words by.
    pub language: String,
    pub fingerprint: u128,
}

/// The records of a [`SearchPlan`].
enum Records<'s> {
    /// Made already (the plan outlives the site model: `serve`).
    Made(Vec<SearchRecord>),
    /// Made batch by batch as the index reads them, so they are never all
    /// held at once (`build`).
    Lazy {
        site: &'s Site<'s>,
        texts: &'s BodyTexts<'s>,
    },
}

impl SearchPlan<'static> {
    /// The records of `site`, whose [`fingerprint`] is `fingerprint`, made
    /// now.
    pub fn new(site: &Site, fingerprint: u128) -> SearchPlan<'static> {
        SearchPlan {
            records: Records::Made(records(site, &BodyTexts::new(site.content))),
            language: site.content.site.language.clone(),
            fingerprint,
        }
    }
}

impl<'s> SearchPlan<'s> {
    /// The records of `site`, whose [`fingerprint`] is `fingerprint`, made
    /// as the index reads them, taking the bodies' texts from `texts`.
    pub fn lazy(site: &'s Site<'s>, fingerprint: u128, texts: &'s BodyTexts<'s>) -> SearchPlan<'s> {
        SearchPlan {
            records: Records::Lazy { site, texts },
            language: site.content.site.language.clone(),
            fingerprint,
        }
    }

    /// Indexes the records with the [`Indexer::chosen`] one.
    pub fn build(self, priority: Priority) -> Result<Vec<SearchFile>, IndexError> {
        let language = &self.language;
        match (Indexer::chosen(), self.records) {
            (Indexer::Ours, Records::Made(made)) => {
                writer::write_index(made, |r| r, language, priority)
            }
            (Indexer::Ours, Records::Lazy { site, texts }) => {
                let make = |s| records::record(site, texts, s);
                writer::write_index(records::sources(site), make, language, priority)
            }
            (Indexer::Pagefind, Records::Made(made)) => {
                index::build_index(made, language, priority)
            }
            (Indexer::Pagefind, Records::Lazy { site, texts }) => {
                index::build_index(records(site, texts), language, priority)
            }
        }
    }
}

/// Which code writes the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indexer {
    /// [`writer`]: the site's.
    Ours,
    /// Pagefind's own indexer: the reference the browser suite compares
    /// ours with, chosen by `SCRUTINY_SEARCH_INDEXER=pagefind` (for tests
    /// only, so not among the command's options).
    Pagefind,
}

impl Indexer {
    pub fn chosen() -> Indexer {
        match std::env::var("SCRUTINY_SEARCH_INDEXER").as_deref() {
            Ok("pagefind") => Indexer::Pagefind,
            _ => Indexer::Ours,
        }
    }
}

/// A hash of everything the records are made from: the authority,
/// inspection and response files, `site.yaml` and `frameworks.yaml` (the
/// language, the words of judgements and grades), and `environment` (the
/// binary, so a new Pagefind too, and the base URL) and the [`Indexer`].
/// Made from the files' hashes, already known, so a build that keeps the
/// previous index never makes the records at all. An
/// edit that changes no record (a report's link) changes it too, which costs
/// only a rebuild of the index.
pub fn fingerprint(site: &Site, environment: u128) -> u128 {
    let c = site.content;
    let mut h = Xxh3::new();
    h.update(&environment.to_le_bytes());
    h.update(&[Indexer::chosen() as u8]);
    h.update(&c.settings_hash.to_le_bytes());
    let files = c.authorities.iter().map(|a| a.file.hash);
    let files = files.chain(c.inspections.iter().map(|i| i.file.hash));
    for hash in files.chain(c.responses.iter().map(|r| r.file.hash)) {
        h.update(&hash.to_le_bytes());
    }
    h.digest128()
}
