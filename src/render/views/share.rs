//! What a page gives the sites that link to it: link-preview metadata (Open
//! Graph, Twitter cards), schema.org JSON-LD, a "Cite this page" block, and on
//! an authority's page the badge snippet to copy.

use serde::Serialize;

use super::Views;
use crate::content::{Inspection, Response};
use crate::render::{badge, jsonld};
use crate::site::AuthorityFacts;
use crate::site::rating::NO_OVERALL_GRADE;
use crate::site::urls::rel;

/// Link-preview metadata and structured data for a page with an address.
#[derive(Serialize)]
pub struct Share {
    /// `og:type`: `website`, or `article` for records.
    pub og_type: &'static str,
    /// The preview image's full URL.
    pub image_url: String,
    pub image_alt: String,
    /// Used when the page has no `description` of its own.
    pub description: String,
    /// schema.org JSON-LD, already safe to put inside a `<script>` element.
    pub jsonld: Option<String>,
    /// The "Cite this page" block.
    pub cite: Option<Cite>,
}

/// A citation of a page: the date accessed is left to the reader.
#[derive(Serialize)]
pub struct Cite {
    pub title: String,
    pub portal: String,
    /// The date the page's record was published, in words and ISO form.
    pub date: String,
    pub date_iso: String,
    /// What the date is: "Published" or "Last updated".
    pub date_label: &'static str,
    /// The permanent, full URL.
    pub url: String,
}

/// The "Show this rating on your website" section of an authority's page.
#[derive(Serialize)]
pub struct BadgeSnippet {
    /// The badge, for the preview on the page.
    pub src: String,
    pub alt: String,
    pub width: u32,
    pub height: u32,
    /// The HTML to copy (shown as text, escaped by the template).
    pub html: String,
    pub script_url: String,
}

impl<'c> Views<'_, 'c> {
    /// The preview metadata every page with an address gets.
    pub fn default_share(&self) -> Share {
        let c = self.site.content;
        Share {
            og_type: "website",
            image_url: self.site.urls.absolute(&rel::share_image()),
            image_alt: c.site.title.clone(),
            description: c
                .site
                .description
                .clone()
                .unwrap_or_else(|| c.site.title.clone()),
            jsonld: None,
            cite: None,
        }
    }

    fn cite(
        &self,
        title: String,
        date: Option<crate::content::PartialDate>,
        date_label: &'static str,
        rel_url: &str,
    ) -> Option<Cite> {
        let date = date?;
        Some(Cite {
            title,
            portal: self.site.content.site.title.clone(),
            date: date.human(),
            date_iso: date.iso(),
            date_label,
            url: self.site.urls.absolute(rel_url),
        })
    }

    pub fn authority_share(&self, a: &AuthorityFacts<'c>) -> Share {
        let au = a.authority;
        let b = badge::Badge::of(self.site, a);
        Share {
            description: b.description.clone(),
            jsonld: Some(jsonld::authority(self.site, a)),
            cite: self
                .cite(
                    format!("{}: children's services inspections", au.name),
                    a.newest_record(),
                    "Last updated",
                    &rel::authority(&au.slug),
                )
                .or_else(|| {
                    // An authority with no record yet: cite it undated.
                    Some(Cite {
                        title: format!("{}: children's services inspections", au.name),
                        portal: self.site.content.site.title.clone(),
                        date: String::new(),
                        date_iso: String::new(),
                        date_label: "Last updated",
                        url: self.site.urls.absolute(&rel::authority(&au.slug)),
                    })
                }),
            ..self.default_share()
        }
    }

    pub fn inspection_share(&self, i: &'c Inspection, title: &str) -> Share {
        let summary = self.inspection_summary(i);
        let grade = match (&summary.headline, summary.no_overall) {
            (Some(g), _) => format!(" Overall: {}.", g.label),
            (None, true) => format!(" {NO_OVERALL_GRADE}."),
            _ => String::new(),
        };
        Share {
            og_type: "article",
            description: format!(
                "Ofsted's {} of {}'s children's services, published {}.{}",
                summary.title, summary.authority_name, summary.published, grade
            ),
            jsonld: Some(jsonld::inspection(self.site, i)),
            cite: self.cite(
                title.to_string(),
                Some(i.published),
                "Published",
                &rel::inspection(&i.authority, &i.slug),
            ),
            ..self.default_share()
        }
    }

    pub fn response_share(&self, r: &'c Response, title: &str) -> Share {
        Share {
            og_type: "article",
            description: format!(
                "{} by {}, {}: {}",
                super::kind_label(&r.kind),
                r.source.publisher,
                r.date.human(),
                r.title
            ),
            jsonld: Some(jsonld::response(self.site, r)),
            cite: self.cite(
                title.to_string(),
                Some(r.date),
                "Published",
                &rel::response(&r.authority, &r.slug),
            ),
            ..self.default_share()
        }
    }

    pub fn badge_snippet(&self, a: &AuthorityFacts<'c>) -> BadgeSnippet {
        let slug = &a.authority.slug;
        let b = badge::Badge::of(self.site, a);
        let urls = &self.site.urls;
        BadgeSnippet {
            src: self.link(&rel::badge(slug)),
            html: badge::snippet(
                &b,
                &urls.absolute(&rel::authority(slug)),
                &urls.absolute(&rel::badge(slug)),
            ),
            alt: b.description,
            width: badge::WIDTH,
            height: b.height,
            script_url: self.link(&rel::copy_script()),
        }
    }
}
