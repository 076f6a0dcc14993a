//! The date a page was last changed, for the sitemap's `<lastmod>`: the
//! newest date the page shows (an inspection's publication and the responses
//! to it, a response's date, an authority's newest record). Pages that show
//! no dated record have none; [`crate::render::outputs`] says which is which.

use crate::content::{Inspection, PartialDate};
use crate::site::{AuthorityFacts, Person, QuoteRef, Site};

/// An authority page: its newest inspection or response.
pub fn authority(a: &AuthorityFacts) -> Option<PartialDate> {
    a.newest_record()
}

/// An inspection page: its publication and the responses to it.
pub fn inspection(site: &Site, i: &Inspection) -> Option<PartialDate> {
    std::iter::once(i.published)
        .chain(site.responses_to(i).iter().map(|r| r.date))
        .max()
}

/// A person's page: the newest record they are quoted in.
pub fn person(p: &Person) -> Option<PartialDate> {
    p.quotes
        .iter()
        .map(|q| match q {
            QuoteRef::Inspection(i, _) => i.published,
            QuoteRef::Response(r, _) => r.date,
        })
        .max()
}

/// The pages that list the newest records (home, authorities): the newest
/// record of the site.
pub fn newest(site: &Site) -> Option<PartialDate> {
    site.content
        .inspections
        .iter()
        .map(|i| i.published)
        .chain(site.content.responses.iter().map(|r| r.date))
        .max()
}
