//! The list of authorities and each authority's page (current rating, history
//! chart and table, timeline, addresses).

use serde::Serialize;

use super::{AuthoritySummary, InspectionSummary, JudgementView, Layout, ResponseSummary, Views};
use crate::content::{Inspection, Response};
use crate::render::charts::{self, HistoryChart, HistoryPoint};
use crate::site::rating::{is_graded, overall};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, TimelineItem};

#[derive(Serialize)]
pub struct AuthoritiesCx<'a> {
    pub layout: Layout<'a>,
    pub regions: Vec<RegionGroup<'a>>,
    pub count: usize,
}

#[derive(Serialize)]
pub struct RegionGroup<'a> {
    pub region: &'a str,
    pub authorities: Vec<AuthoritySummary<'a>>,
}

#[derive(Serialize)]
pub struct AuthorityCx<'a> {
    pub layout: Layout<'a>,
    pub authority: AuthoritySummary<'a>,
    pub ons_code: Option<&'a str>,
    pub website: Option<&'a str>,
    pub press_page: Option<&'a str>,
    /// The addresses of the authority's former slugs, which redirect here.
    pub aliases: Vec<String>,
    pub chart: Option<HistoryChart<'a>>,
    pub history: Vec<HistoryRow<'a>>,
    pub timeline: Vec<TimelineEntry<'a>>,
    pub latest_url: Option<String>,
    /// "Show this rating on your website".
    pub badge: super::BadgeSnippet,
}

#[derive(Serialize)]
pub struct HistoryRow<'a> {
    pub inspection: InspectionSummary<'a>,
    pub judgements: Vec<JudgementView<'a>>,
}

#[derive(Serialize)]
pub struct TimelineEntry<'a> {
    pub kind: &'static str,
    pub inspection: Option<InspectionSummary<'a>>,
    pub response: Option<ResponseSummary<'a>>,
    /// For responses: the inspections they answer.
    pub answers: Vec<InspectionSummary<'a>>,
}

impl<'c> Views<'_, 'c> {
    /// Every authority, grouped by region, by name within each.
    pub fn authorities(&self) -> AuthoritiesCx<'_> {
        let mut regions: Vec<RegionGroup> = Vec::new();
        let mut facts: Vec<&AuthorityFacts> = self.site.authorities.iter().collect();
        facts.sort_by(|a, b| {
            (&a.authority.region, &a.authority.name).cmp(&(&b.authority.region, &b.authority.name))
        });
        for a in facts {
            let summary = self.authority_summary(a);
            match regions.last_mut() {
                Some(g) if g.region == a.authority.region => g.authorities.push(summary),
                _ => regions.push(RegionGroup {
                    region: &a.authority.region,
                    authorities: vec![summary],
                }),
            }
        }
        AuthoritiesCx {
            layout: self.layout(
                "Authorities".into(),
                "authorities",
                Some(&rel::authorities()),
                vec![self.home_crumb()],
            ),
            count: self.site.authorities.len(),
            regions,
        }
    }

    pub fn authority(&self, a: &AuthorityFacts<'c>) -> AuthorityCx<'_> {
        let fw = &self.site.content.frameworks;
        let au = a.authority;
        let graded: Vec<&Inspection> = a
            .inspections
            .iter()
            .copied()
            .filter(|i| is_graded(fw, i))
            .collect();
        let points = graded
            .iter()
            .filter_map(|i| {
                let g = overall(fw, i)?;
                Some(HistoryPoint {
                    day: i.published.ordinal(),
                    year: i.published.year(),
                    date: i.published.human(),
                    grade: g.into(),
                    url: self.link(&rel::inspection(&i.authority, &i.slug)),
                })
            })
            .collect();
        let mut crumbs = self.authority_crumbs(a);
        crumbs.pop();
        let mut layout = self.layout(
            au.name.clone(),
            "authorities",
            Some(&rel::authority(&au.slug)),
            crumbs,
        );
        layout.description = Some(format!(
            "Ofsted inspections of {}'s children's services, and what the council said.",
            au.name
        ));
        layout.share = Some(self.authority_share(a));
        AuthorityCx {
            badge: self.badge_snippet(a),
            layout,
            authority: self.authority_summary(a),
            ons_code: au.ons_code.as_deref(),
            website: au.website.as_deref(),
            press_page: au.press_page.as_deref(),
            aliases: au
                .aliases
                .iter()
                .map(|alias| self.link(&rel::authority(alias)))
                .collect(),
            chart: charts::history_chart(points),
            history: graded
                .iter()
                .rev()
                .map(|i| HistoryRow {
                    inspection: self.inspection_summary(i),
                    judgements: self.judgements(i),
                })
                .collect(),
            timeline: self.timeline(a),
            latest_url: a
                .current
                .inspection()
                .map(|_| self.link(&rel::latest(&au.slug))),
        }
    }

    fn timeline(&self, a: &AuthorityFacts<'c>) -> Vec<TimelineEntry<'c>> {
        a.timeline()
            .into_iter()
            .map(|t| match t {
                TimelineItem::Inspection(i) => TimelineEntry {
                    kind: "inspection",
                    inspection: Some(self.inspection_summary(i)),
                    response: None,
                    answers: Vec::new(),
                },
                TimelineItem::Response(r) => TimelineEntry {
                    kind: "response",
                    inspection: None,
                    response: Some(self.response_summary(r)),
                    answers: self.answers(r),
                },
            })
            .collect()
    }

    /// The inspections a response answers.
    pub fn answers(&self, r: &'c Response) -> Vec<InspectionSummary<'c>> {
        r.responds_to
            .iter()
            .filter_map(|s| self.site.inspection(&r.authority, s))
            .map(|i| self.inspection_summary(i))
            .collect()
    }
}
