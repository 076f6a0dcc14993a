//! The search page: the form and its filters, whose options are every value
//! the index's records carry, and the browse pages to use when JavaScript is
//! off (the search itself runs in the reader's browser).

use std::borrow::Cow;

use serde::Serialize;

use super::{Layout, Views};
use crate::render::search::{Kind, filter};
use crate::site::urls::rel;

#[derive(Serialize)]
pub struct SearchCx<'a> {
    pub layout: Layout<'a>,
    /// The page's own link: the form asks it again, with `?q=...`.
    pub search_url: String,
    /// The folder of the index (Pagefind's `pagefind.js` is in it).
    pub index_url: String,
    /// The shared script the page's own needs first (`static/dom.js`).
    pub dom_url: String,
    pub script_url: String,
    /// Kind, region, current rating and year, as the index's records carry
    /// them.
    pub filters: [SearchFilter<'a>; 4],
    /// Where to go without JavaScript.
    pub browse: Vec<(&'static str, String)>,
}

/// One `<select>` of the search form: its values are exactly those the
/// records carry under `name`.
#[derive(Serialize)]
pub struct SearchFilter<'a> {
    pub name: &'static str,
    pub label: &'static str,
    /// The option that does not narrow ("Any region").
    pub any: &'static str,
    pub options: Vec<Cow<'a, str>>,
}

fn select<'a>(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    options: impl IntoIterator<Item = Cow<'a, str>>,
) -> SearchFilter<'a> {
    SearchFilter {
        name,
        label,
        any,
        options: options.into_iter().collect(),
    }
}

impl<'c> Views<'_, 'c> {
    pub fn search(&self) -> SearchCx<'_> {
        let site = self.site;
        SearchCx {
            layout: self.layout(
                "Search".into(),
                "search",
                Some(&rel::search()),
                vec![self.home_crumb()],
            ),
            search_url: self.link(&rel::search()),
            index_url: self.link(&rel::search_index()),
            dom_url: self.link(&rel::script("dom.js")),
            script_url: self.link(&rel::script("search.js")),
            filters: [
                select(
                    filter::KIND,
                    "Kind",
                    "Any kind",
                    Kind::ALL.map(|k| Cow::Borrowed(k.label())),
                ),
                select(
                    filter::REGION,
                    "Region",
                    "Any region",
                    site.regions.iter().map(|r| Cow::Borrowed(r.name)),
                ),
                select(
                    filter::GRADE,
                    "Current rating",
                    "Any rating",
                    site.rating_groups
                        .iter()
                        .filter(|g| !g.authorities.is_empty())
                        .map(|g| Cow::Borrowed(g.label())),
                ),
                select(
                    filter::YEAR,
                    "Year",
                    "Any year",
                    (site.record_years().into_iter()).map(|y| Cow::Owned(y.to_string())),
                ),
            ],
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
