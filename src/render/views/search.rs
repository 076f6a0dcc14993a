//! The search page: the form and its filters, whose options are every value
//! the index's records carry, and the browse pages to use when JavaScript is
//! off (the search itself runs in the reader's browser).

use serde::Serialize;

use super::{Layout, Views};
use crate::render::search::Kind;
use crate::site::urls::rel;

#[derive(Serialize)]
pub struct SearchCx<'a> {
    pub layout: Layout<'a>,
    /// The page's own link: the form asks it again, with `?q=...`.
    pub search_url: String,
    /// The folder of the index (Pagefind's `pagefind.js` is in it).
    pub index_url: String,
    pub script_url: String,
    pub kinds: Vec<&'static str>,
    pub regions: Vec<&'a str>,
    pub grades: Vec<&'a str>,
    /// Every year with an inspection or a response, newest first.
    pub years: Vec<i32>,
    /// Where to go without JavaScript.
    pub browse: Vec<(&'static str, String)>,
}

impl<'c> Views<'_, 'c> {
    pub fn search(&self) -> SearchCx<'_> {
        let site = self.site;
        let c = site.content;
        let mut years: Vec<i32> = c
            .inspections
            .iter()
            .map(|i| i.published.year())
            .chain(c.responses.iter().map(|r| r.date.year()))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        SearchCx {
            layout: self.layout(
                "Search".into(),
                "search",
                Some(&rel::search()),
                vec![self.home_crumb()],
            ),
            search_url: self.link(&rel::search()),
            index_url: self.link(&rel::search_index()),
            script_url: self.link(&rel::script("search.js")),
            kinds: [
                Kind::Authority,
                Kind::Inspection,
                Kind::Response,
                Kind::Quote,
            ]
            .map(Kind::label)
            .to_vec(),
            regions: site.regions.iter().map(|r| r.name).collect(),
            grades: site
                .rating_groups
                .iter()
                .filter(|g| !g.authorities.is_empty())
                .map(|g| g.label())
                .collect(),
            years,
            browse: vec![
                ("Every authority", self.link(&rel::authorities())),
                ("Inspections by year", self.link(&rel::inspections())),
                ("Authorities by region", self.link(&rel::regions())),
                ("Everyone quoted", self.link(&rel::people())),
                (
                    "Frameworks and their inspections",
                    self.link(&rel::frameworks()),
                ),
            ],
        }
    }
}
