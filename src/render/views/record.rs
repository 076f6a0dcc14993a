//! The pages of single records: an inspection (with the responses to it), a
//! response, a free page, the 404 page, and a redirect.

use serde::Serialize;

use super::{InspectionSummary, JudgementView, Layout, QuoteView, ResponseSummary, Views};
use crate::content::{Inspection, Link, Page, Response, Source, Visit};
use crate::render::slot;
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, INSPECTORS};

#[derive(Serialize)]
pub struct InspectionCx<'a> {
    pub layout: Layout<'a>,
    pub inspection: InspectionSummary<'a>,
    pub framework_name: &'a str,
    pub visit: Option<String>,
    pub judgements: Vec<JudgementView<'a>>,
    pub report: Option<&'a Link>,
    pub strengths: &'a [String],
    pub concerns: &'a [String],
    pub recommendations: &'a [String],
    pub recommendation_count: Option<u32>,
    pub quotes: Vec<QuoteView<'a>>,
    /// Notes on the record: what its sources leave uncertain.
    pub notes: &'a [String],
    pub body_html: &'static str,
    pub responses: Vec<ResponseBlock<'a>>,
    pub is_current: bool,
}

/// A response shown on the page of the inspection it answers.
#[derive(Serialize)]
pub struct ResponseBlock<'a> {
    pub response: ResponseSummary<'a>,
    pub quotes: Vec<QuoteView<'a>>,
    pub commitments: &'a [String],
}

#[derive(Serialize)]
pub struct ResponseCx<'a> {
    pub layout: Layout<'a>,
    pub response: ResponseSummary<'a>,
    pub source: &'a Source,
    pub quotes: Vec<QuoteView<'a>>,
    pub commitments: &'a [String],
    pub answers: Vec<InspectionSummary<'a>>,
    pub body_html: &'static str,
}

/// A free page.
#[derive(Serialize)]
pub struct PageCx<'a> {
    pub layout: Layout<'a>,
    pub body_html: &'static str,
}

#[derive(Serialize)]
pub struct NotFoundCx<'a> {
    pub layout: Layout<'a>,
    pub home_url: &'a str,
    pub authorities_url: String,
}

#[derive(Serialize)]
pub struct RedirectCx<'a> {
    pub layout: Layout<'a>,
    pub target: String,
    pub target_label: String,
}

/// The dates of a visit in words.
fn visit_dates(v: Visit) -> Option<String> {
    match (v.from, v.to) {
        (Some(f), Some(t)) if f == t => Some(f.human()),
        (Some(f), Some(t)) => Some(format!("{} to {}", f.human(), t.human())),
        (Some(f), None) => Some(format!("from {}", f.human())),
        (None, Some(t)) => Some(format!("until {}", t.human())),
        (None, None) => None,
    }
}

impl<'c> Views<'_, 'c> {
    /// `body` is the inspection's Markdown as HTML, put in after rendering.
    pub fn inspection(&self, i: &'c Inspection, body: &str) -> InspectionCx<'_> {
        let site = self.site;
        let a = site
            .authority(&i.authority)
            .expect("inspections belong to loaded authorities");
        let framework = site.content.frameworks.framework(&i.framework);
        let summary = self.inspection_summary(i);
        let responses = site
            .responses_to(i)
            .iter()
            .map(|r| ResponseBlock {
                response: self.response_summary(r),
                quotes: self.quotes(&r.quotes, site.response_quote_anchors(r), ""),
                commitments: &r.commitments,
            })
            .collect();
        let title = format!(
            "{}: {}, {}",
            a.authority.short_name, summary.title, summary.published
        );
        let share = self.inspection_share(i, &title);
        let mut layout = self.layout(
            title,
            "authorities",
            Some(&rel::inspection(&i.authority, &i.slug)),
            self.authority_crumbs(a),
        );
        layout.share = Some(share);
        InspectionCx {
            layout,
            framework_name: framework.map_or(i.framework.as_str(), |f| f.name.as_str()),
            visit: i.visit.and_then(visit_dates),
            judgements: self.judgements_with_changes(a, i),
            report: i.report.as_ref(),
            strengths: &i.strengths,
            concerns: &i.concerns,
            recommendations: &i.recommendations,
            recommendation_count: i.recommendation_count,
            quotes: self.quotes(&i.quotes, site.inspection_quote_anchors(i), INSPECTORS),
            notes: &i.notes,
            body_html: slot::body_marker(body),
            responses,
            is_current: a.current.inspection().is_some_and(|c| std::ptr::eq(c, i)),
            inspection: summary,
        }
    }

    /// An inspection's judgements, each with its change since the
    /// authority's previous graded inspection.
    fn judgements_with_changes(
        &self,
        a: &AuthorityFacts<'c>,
        i: &'c Inspection,
    ) -> Vec<JudgementView<'c>> {
        let changes = a.changes_of(i);
        let mut judgements = self.judgements(i);
        for j in &mut judgements {
            j.change = changes
                .iter()
                .find(|(k, _)| k == j.key)
                .map(|(_, c)| c.label());
        }
        judgements
    }

    pub fn response(&self, r: &'c Response, body: &str) -> ResponseCx<'_> {
        let a = self
            .site
            .authority(&r.authority)
            .expect("responses belong to loaded authorities");
        let title = format!("{}: {}", a.authority.short_name, r.title);
        let share = self.response_share(r, &title);
        let mut layout = self.layout(
            title,
            "authorities",
            Some(&rel::response(&r.authority, &r.slug)),
            self.authority_crumbs(a),
        );
        layout.share = Some(share);
        ResponseCx {
            layout,
            source: &r.source,
            quotes: self.quotes(&r.quotes, self.site.response_quote_anchors(r), ""),
            commitments: &r.commitments,
            answers: self.answers(r),
            body_html: slot::body_marker(body),
            response: self.response_summary(r),
        }
    }

    pub fn free_page(&self, p: &'c Page, body: &str) -> PageCx<'_> {
        let mut layout = self.layout(
            p.title.clone(),
            "",
            Some(&rel::page(&p.slug)),
            vec![self.home_crumb()],
        );
        layout.description = p.description.clone();
        PageCx {
            layout,
            body_html: slot::body_marker(body),
        }
    }

    pub fn not_found(&self) -> NotFoundCx<'_> {
        NotFoundCx {
            layout: self.layout("Page not found".into(), "", None, vec![self.home_crumb()]),
            home_url: &self.links.home,
            authorities_url: self.link(&rel::authorities()),
        }
    }

    /// A page that sends the reader on to `target_rel` (site-relative).
    pub fn redirect(&self, target_rel: &str, label: String) -> RedirectCx<'_> {
        RedirectCx {
            layout: self.layout(
                format!("Moved: {label}"),
                "",
                Some(target_rel),
                vec![self.home_crumb()],
            ),
            target: self.link(target_rel),
            target_label: label,
        }
    }
}
