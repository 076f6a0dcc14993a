//! The date a page was last changed, for the sitemap's `<lastmod>`: the
//! newest date the page shows (an inspection's publication and the responses
//! to it, a response's date, an authority's newest record). Pages that show
//! no dated record have none.

use super::outputs::Output;
use crate::content::PartialDate;
use crate::site::{QuoteRef, Site};

/// The newest date `output` shows, if it shows any.
pub fn lastmod(site: &Site, output: &Output) -> Option<PartialDate> {
    match output {
        Output::Authority(i) => {
            let a = &site.authorities[*i];
            a.inspections
                .iter()
                .map(|i| i.published)
                .chain(a.responses.iter().map(|r| r.date))
                .max()
        }
        Output::Inspection(i) => std::iter::once(i.published)
            .chain(site.responses_to(i).iter().map(|r| r.date))
            .max(),
        Output::Response(r) => Some(r.date),
        Output::Person(p) => site.people[*p]
            .quotes
            .iter()
            .map(|q| match q {
                QuoteRef::Inspection(i, _) => i.published,
                QuoteRef::Response(r, _) => r.date,
            })
            .max(),
        Output::Home | Output::Authorities => site
            .content
            .inspections
            .iter()
            .map(|i| i.published)
            .chain(site.content.responses.iter().map(|r| r.date))
            .max(),
        _ => None,
    }
}
