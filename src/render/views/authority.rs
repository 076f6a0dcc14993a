//! Each authority's page (current rating, history chart and table,
//! timeline, addresses); the list of every authority is in `browse.rs`.

use serde::Serialize;

use super::charts::{self, HistoryChart, HistoryPoint};
use super::{AuthoritySummary, InspectionSummary, JudgementView, Layout, ResponseSummary, Views};
use crate::content::{Inspection, Response};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, TimelineItem};

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
    /// What the council committed to after each inspection, beside what the
    /// next inspection or visit found.
    pub promises: Vec<PromiseBlock<'a>>,
    pub feed_url: String,
    pub data_url: String,
    pub csv_url: String,
    /// "Show this rating on your website".
    pub badge: super::BadgeSnippet,
}

#[derive(Serialize)]
pub struct PromiseBlock<'a> {
    pub inspection: InspectionSummary<'a>,
    pub sources: Vec<PromiseSource<'a>>,
    pub next: Option<FollowUp<'a>>,
}

#[derive(Serialize)]
pub struct PromiseSource<'a> {
    pub response: ResponseSummary<'a>,
    pub commitments: &'a [String],
}

#[derive(Serialize)]
pub struct FollowUp<'a> {
    pub inspection: InspectionSummary<'a>,
    /// The change of its overall grade, when both have one.
    pub overall_change: Option<&'static str>,
    pub strengths: &'a [String],
    pub concerns: &'a [String],
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
    /// The history chart's grade axis: for each rank, best first, the names
    /// of the grades at that rank on the scales of these inspections'
    /// frameworks ("Requires improvement to be good / Adequate").
    fn grade_axis(&self, graded: &[&Inspection]) -> Vec<String> {
        let fw = &self.site.content.frameworks;
        let mut scales: Vec<&crate::content::Scale> = Vec::new();
        for i in graded
            .iter()
            .filter(|i| self.site.grades_of(i).headline.is_some())
        {
            if let Some(s) = fw.framework(&i.framework).and_then(|f| fw.scale_of(f))
                && !scales.iter().any(|x| x.id == s.id)
            {
                scales.push(s);
            }
        }
        let ranks = scales.iter().map(|s| s.grades.len()).max().unwrap_or(0);
        (0..ranks)
            .map(|r| {
                let mut names: Vec<&str> = Vec::new();
                for s in &scales {
                    if let Some(g) = s.grades.get(r)
                        && !names.contains(&g.label.as_str())
                    {
                        names.push(&g.label);
                    }
                }
                names.join(" / ")
            })
            .collect()
    }

    pub fn authority(&self, a: &AuthorityFacts<'c>) -> AuthorityCx<'_> {
        let au = a.authority;
        let graded: Vec<&Inspection> = a
            .inspections
            .iter()
            .copied()
            .filter(|i| self.site.grades_of(i).graded)
            .collect();
        let points = graded
            .iter()
            .filter_map(|i| {
                let g = self.site.grades_of(i).headline?;
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
            chart: charts::history_chart(points, &self.grade_axis(&graded)),
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
            promises: self.promises(a),
            feed_url: self.link(&rel::authority_feed(&au.slug)),
            data_url: self.link(&rel::authority_data(&au.slug)),
            csv_url: self.link(&rel::authority_csv(&au.slug)),
        }
    }

    /// For each inspection answered by responses with commitments: those
    /// commitments, and the next inspection or visit.
    fn promises(&self, a: &AuthorityFacts<'c>) -> Vec<PromiseBlock<'c>> {
        a.inspections
            .iter()
            .rev()
            .filter_map(|&i| {
                let sources: Vec<PromiseSource> = self
                    .site
                    .responses_to(i)
                    .iter()
                    .filter(|r| !r.commitments.is_empty())
                    .map(|r| PromiseSource {
                        response: self.response_summary(r),
                        commitments: &r.commitments,
                    })
                    .collect();
                if sources.is_empty() {
                    return None;
                }
                let next = a.next_after(i).map(|n| FollowUp {
                    inspection: self.inspection_summary(n),
                    overall_change: a.overall_change_of(n).map(|c| c.label()),
                    strengths: &n.strengths,
                    concerns: &n.concerns,
                });
                Some(PromiseBlock {
                    inspection: self.inspection_summary(i),
                    sources,
                    next,
                })
            })
            .collect()
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
