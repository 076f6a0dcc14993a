//! The people quoted: the list, and each person's quotes across the site.

use serde::Serialize;

use super::{Layout, Views};
use crate::site::QuoteRef;
use crate::site::urls::rel;

#[derive(Serialize)]
pub struct PersonSummary<'a> {
    pub name: &'a str,
    pub url: String,
    pub roles: &'a [&'a str],
    pub count: usize,
}

#[derive(Serialize)]
pub struct PeopleCx<'a> {
    pub layout: Layout<'a>,
    pub people: Vec<PersonSummary<'a>>,
}

#[derive(Serialize)]
pub struct PersonQuote<'a> {
    /// The quote's `id` in the page at `context_url`.
    pub anchor: String,
    pub text: &'a str,
    pub role: Option<&'a str>,
    pub date: String,
    pub date_iso: String,
    pub context_title: &'a str,
    pub context_url: String,
    pub authority_name: &'a str,
    pub authority_url: String,
}

#[derive(Serialize)]
pub struct PersonCx<'a> {
    pub layout: Layout<'a>,
    pub name: &'a str,
    pub roles: &'a [&'a str],
    pub quotes: Vec<PersonQuote<'a>>,
}

impl Views<'_, '_> {
    pub fn people(&self) -> PeopleCx<'_> {
        PeopleCx {
            layout: self.layout(
                "People quoted".into(),
                "people",
                Some(&rel::people()),
                vec![self.home_crumb()],
            ),
            people: self
                .site
                .people
                .iter()
                .map(|p| PersonSummary {
                    name: p.name,
                    url: self.link(&rel::person(&p.slug)),
                    roles: &p.roles,
                    count: p.quotes.len(),
                })
                .collect(),
        }
    }

    /// A person's quotes, newest first.
    pub fn person(&self, index: usize) -> PersonCx<'_> {
        let site = self.site;
        let p = &site.people[index];
        let mut quotes: Vec<PersonQuote> = p
            .quotes
            .iter()
            .map(|q| match *q {
                QuoteRef::Inspection(i, quote) => PersonQuote {
                    anchor: site.quote_anchor(*q),
                    text: &quote.text,
                    role: quote.role.as_deref(),
                    date: i.published.human(),
                    date_iso: i.published.iso(),
                    context_title: site.inspection_title(i),
                    context_url: self.link(&rel::inspection(&i.authority, &i.slug)),
                    authority_name: site.authority_name(&i.authority),
                    authority_url: self.link(&rel::authority(&i.authority)),
                },
                QuoteRef::Response(r, quote) => PersonQuote {
                    anchor: site.quote_anchor(*q),
                    text: &quote.text,
                    role: quote.role.as_deref(),
                    date: r.date.human(),
                    date_iso: r.date.iso(),
                    context_title: &r.title,
                    context_url: self.link(&rel::response(&r.authority, &r.slug)),
                    authority_name: site.authority_name(&r.authority),
                    authority_url: self.link(&rel::authority(&r.authority)),
                },
            })
            .collect();
        quotes.sort_by(|a, b| b.date_iso.cmp(&a.date_iso));
        PersonCx {
            layout: self.layout(
                p.name.to_string(),
                "people",
                Some(&rel::person(&p.slug)),
                vec![self.home_crumb(), self.crumb("People", &rel::people())],
            ),
            name: p.name,
            roles: &p.roles,
            quotes,
        }
    }
}
