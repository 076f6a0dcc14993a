//! Full-text search at `/search/`: one record per authority, inspection,
//! response and quote, taken from the site model (not scraped back out of the
//! rendered pages), written in the format of Pagefind's client by
//! [`writer`] (Pagefind's own indexer, [`index`], is the reference the tests
//! compare it with). The index is a folder of files under
//! `/search/pagefind/` that the search page's script reads, through
//! Pagefind's client, in the reader's browser; nothing runs on a server.
//!
//! Quotes are records of their own, pointing at their permalinks, and are left
//! out of their inspection's or response's record, so a phrase from a quote
//! finds the quote first.

mod index;
mod job;
mod writer;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

pub use job::{IndexError, Priority, SearchFile};
pub use writer::FORMAT_OF;

use super::markdown;
use crate::content::date::PartialDate;
use crate::content::{Inspection, Quote, Response};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, INSPECTORS, Site};

/// The names of the filters every record carries (a record without a year
/// has none): the index and the search page's form both use these.
pub mod filter {
    pub const KIND: &str = "kind";
    pub const REGION: &str = "region";
    pub const GRADE: &str = "grade";
    pub const YEAR: &str = "year";
}

/// What a record is: the search page's "kind" filter.
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

/// One thing a reader can find: its link, its words and its filters.
#[derive(Debug, Clone)]
pub struct SearchRecord {
    /// Site-absolute link (with the base path), a quote's with its `#id`.
    pub url: String,
    pub title: String,
    /// "Inspection · Stockton-on-Tees · 15 July 2025": shown under the title.
    pub context: String,
    pub text: String,
    pub kind: Kind,
    pub region: String,
    /// The authority's current rating in words ("Good", "Not yet rated").
    pub grade: String,
    pub year: Option<i32>,
}

/// What the index is made from: its records, its language and its
/// fingerprint (see [`fingerprint`]).
pub struct SearchPlan {
    pub records: Vec<SearchRecord>,
    /// The site's language, which Pagefind stems the words by.
    pub language: String,
    pub fingerprint: u128,
}

impl SearchPlan {
    /// The records of `site`, whose [`fingerprint`] is `fingerprint`.
    pub fn new(site: &Site, fingerprint: u128) -> SearchPlan {
        SearchPlan {
            records: records(site),
            language: site.content.site.language.clone(),
            fingerprint,
        }
    }

    /// Indexes the records with the [`Indexer::chosen`] one.
    pub fn build(self, priority: Priority) -> Result<Vec<SearchFile>, IndexError> {
        match Indexer::chosen() {
            Indexer::Ours => writer::write_index(self.records, &self.language, priority),
            Indexer::Pagefind => index::build_index(self.records, &self.language, priority),
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

/// Every record of the site, authority by authority (made on every core,
/// kept in that order).
pub fn records(site: &Site) -> Vec<SearchRecord> {
    let each: Vec<Vec<SearchRecord>> = site
        .authorities
        .par_iter()
        .map(|facts| authority_records(site, facts))
        .collect();
    each.into_iter().flatten().collect()
}

/// The records of one authority: its own, then each inspection's and
/// response's, each followed by its quotes'.
fn authority_records(site: &Site, facts: &AuthorityFacts) -> Vec<SearchRecord> {
    let mut out = Vec::new();
    let grade = facts.current.words();
    let of = Of { site, facts, grade };
    out.push(of.authority());
    for inspection in &facts.inspections {
        out.push(of.inspection(inspection));
        out.extend(of.quotes(Quoted {
            quotes: &inspection.quotes,
            anchors: site.inspection_quote_anchors(inspection),
            page: rel::inspection(&inspection.authority, &inspection.slug),
            date: inspection.published,
            unnamed: INSPECTORS,
        }));
    }
    for response in &facts.responses {
        out.push(of.response(response));
        out.extend(of.quotes(Quoted {
            quotes: &response.quotes,
            anchors: site.response_quote_anchors(response),
            page: rel::response(&response.authority, &response.slug),
            date: response.date,
            unnamed: "",
        }));
    }
    out
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

/// The quotes of one inspection or response, with what their records need.
struct Quoted<'q> {
    quotes: &'q [Quote],
    /// Their permalinks' ids, in order.
    anchors: Vec<String>,
    /// Their page (site-relative).
    page: String,
    date: PartialDate,
    /// Who a quote without a speaker is shown as.
    unnamed: &'static str,
}

/// The records of one authority, sharing its filters.
struct Of<'a, 's, 'c> {
    site: &'s Site<'c>,
    facts: &'a AuthorityFacts<'c>,
    grade: &'c str,
}

impl Of<'_, '_, '_> {
    fn record(&self, kind: Kind, rel: &str, title: String, context: String) -> SearchRecord {
        SearchRecord {
            url: self.site.urls.link(rel),
            title,
            context,
            text: String::new(),
            kind,
            region: self.facts.authority.region.clone(),
            grade: self.grade.to_string(),
            year: None,
        }
    }

    fn context(&self, kind: Kind, date: &str) -> String {
        let name = &self.facts.authority.name;
        if date.is_empty() {
            format!("{} · {name}", kind.label())
        } else {
            format!("{} · {name} · {date}", kind.label())
        }
    }

    fn authority(&self) -> SearchRecord {
        let a = self.facts.authority;
        let context = format!("Authority · {} · Current rating: {}", a.region, self.grade);
        let mut r = self.record(
            Kind::Authority,
            &rel::authority(&a.slug),
            a.name.clone(),
            context,
        );
        let mut words = vec![a.short_name.as_str(), a.region.as_str()];
        words.extend(a.kind.as_deref());
        words.extend(a.ons_code.as_deref());
        words.extend(a.aliases.iter().map(String::as_str));
        r.text = lines(words);
        r
    }

    fn inspection(&self, i: &Inspection) -> SearchRecord {
        let title = self.site.inspection_title(i).to_string();
        let context = self.context(Kind::Inspection, &i.published.human());
        let mut r = self.record(
            Kind::Inspection,
            &rel::inspection(&i.authority, &i.slug),
            title,
            context,
        );
        let frameworks = &self.site.content.frameworks;
        let framework = frameworks.framework(&i.framework);
        let judgements = i.grades.iter().map(|(key, grade)| {
            let label = framework
                .and_then(|f| f.judgement(key))
                .map_or(key.as_str(), |j| &j.label);
            let grade = self
                .site
                .grades_of(i)
                .judgement(key)
                .map_or(grade.as_str(), |j| j.label());
            format!("{label}: {grade}")
        });
        let mut words: Vec<String> = judgements.collect();
        words.extend(
            i.strengths
                .iter()
                .chain(&i.concerns)
                .chain(&i.recommendations)
                .cloned(),
        );
        words.extend(i.notes.iter().cloned());
        words.push(markdown::to_text(&i.body));
        r.text = lines(words);
        r.year = Some(i.published.year());
        r
    }

    fn response(&self, x: &Response) -> SearchRecord {
        let context = self.context(Kind::Response, &x.date.human());
        let mut r = self.record(
            Kind::Response,
            &rel::response(&x.authority, &x.slug),
            x.title.clone(),
            context,
        );
        let mut words = vec![x.source.publisher.clone()];
        words.extend(x.commitments.iter().cloned());
        words.push(markdown::to_text(&x.body));
        r.text = lines(words);
        r.year = Some(x.date.year());
        r
    }

    /// A record's quotes, each found by its words and its speaker, leading
    /// to its permalink.
    fn quotes<'q>(&'q self, q: Quoted<'q>) -> impl Iterator<Item = SearchRecord> + 'q {
        let context = self.context(Kind::Quote, &q.date.human());
        q.quotes.iter().zip(q.anchors).map(move |(quote, id)| {
            let speaker = quote.speaker.as_deref().unwrap_or(q.unnamed);
            let title = match (&quote.role, speaker.is_empty()) {
                (Some(role), false) => format!("{speaker}, {role}"),
                (Some(role), true) => role.clone(),
                (None, false) => speaker.to_string(),
                (None, true) => "Unattributed quote".to_string(),
            };
            let mut r = self.record(
                Kind::Quote,
                &format!("{}#{id}", q.page),
                title,
                context.clone(),
            );
            r.text = quote.text.clone();
            r.year = Some(q.date.year());
            r
        })
    }
}

/// Parts of a record's text, each ended as a sentence on a line of its own.
fn lines<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for p in parts {
        out.push_str(p.as_ref());
        markdown::end_block(&mut out);
    }
    out
}
