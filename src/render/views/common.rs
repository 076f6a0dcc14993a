//! The pieces many pages show: grades, judgements, quotes, and inspections,
//! responses and authorities as they appear in lists and timelines.

use serde::Serialize;

use super::Views;
use crate::content::{Inspection, OVERALL, Quote, Response};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, CurrentRating, RatedGrade};

/// A grade with what the page needs to show it: the inspectorate's words, and a
/// tone (1 best .. 4 worst) for colour, never used alone to carry meaning.
#[derive(Serialize, Clone)]
pub struct GradeView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub rank: usize,
    pub scale_len: usize,
    pub tone: usize,
}

impl<'a> From<RatedGrade<'a>> for GradeView<'a> {
    fn from(g: RatedGrade<'a>) -> Self {
        GradeView {
            id: g.id,
            label: g.label,
            rank: g.rank,
            scale_len: g.scale_len,
            tone: g.tone(),
        }
    }
}

#[derive(Serialize)]
pub struct JudgementView<'a> {
    pub key: &'a str,
    pub label: &'a str,
    pub grade: Option<GradeView<'a>>,
    /// Change since the previous graded inspection, in words (inspection pages).
    pub change: Option<&'static str>,
}

#[derive(Serialize)]
pub struct QuoteView<'a> {
    /// The quote's permalink `id` in its page.
    pub id: String,
    pub text: &'a str,
    pub speaker: &'a str,
    pub role: Option<&'a str>,
    pub person_url: Option<String>,
}

/// An inspection as it appears in lists and timelines.
#[derive(Serialize)]
pub struct InspectionSummary<'a> {
    pub url: String,
    pub title: &'a str,
    pub framework: &'a str,
    pub framework_short: &'a str,
    pub published: String,
    pub published_iso: String,
    pub graded: bool,
    /// The overall grade, when the inspection has one.
    pub headline: Option<GradeView<'a>>,
    /// Graded, but its framework has no overall judgement.
    pub no_overall: bool,
    /// Its outcome in words: the overall grade's label or one of the words
    /// for the rating states (from [`crate::site::rating`]).
    pub outcome: &'a str,
    pub authority_name: &'a str,
    pub authority_url: String,
    /// The inspectorate's report: the source of the inspection's facts.
    pub report_url: Option<&'a str>,
}

/// A response as it appears in lists and timelines.
#[derive(Serialize)]
pub struct ResponseSummary<'a> {
    pub url: String,
    pub title: &'a str,
    pub kind: &'a str,
    pub kind_label: &'static str,
    pub date: String,
    pub date_iso: String,
    pub publisher: &'a str,
    pub authority_name: &'a str,
    pub authority_url: String,
}

/// The current rating block.
#[derive(Serialize)]
pub struct CurrentView<'a> {
    pub rated: bool,
    /// The rating in words: the overall grade's label, or the words for an
    /// authority rated without one or not yet rated ([`CurrentRating::words`]).
    pub words: &'a str,
    pub headline: Option<GradeView<'a>>,
    pub no_overall: bool,
    pub judgements: Vec<JudgementView<'a>>,
    pub inspection: Option<InspectionSummary<'a>>,
    pub report_url: Option<&'a str>,
    pub last_overall: Option<LastOverallView<'a>>,
}

#[derive(Serialize)]
pub struct LastOverallView<'a> {
    pub grade: GradeView<'a>,
    pub inspection: InspectionSummary<'a>,
}

/// An authority in the list of all authorities.
#[derive(Serialize)]
pub struct AuthoritySummary<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub region: &'a str,
    pub kind: Option<&'a str>,
    pub url: String,
    pub current: CurrentView<'a>,
}

pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "press-release" => "Press release",
        "statement" => "Statement",
        "committee-record" => "Committee record",
        "improvement-plan" => "Improvement plan",
        "news-report" => "News report",
        "letter" => "Letter",
        _ => "Response",
    }
}

impl<'c> Views<'_, 'c> {
    /// Quotes with their permalink ids (from [`crate::site::Site`]).
    pub fn quotes(
        &self,
        quotes: &'c [Quote],
        anchors: Vec<String>,
        default_speaker: &'c str,
    ) -> Vec<QuoteView<'c>> {
        quotes
            .iter()
            .zip(anchors)
            .map(|(q, id)| self.quote(q, id, default_speaker))
            .collect()
    }

    fn quote(&self, q: &'c Quote, id: String, default_speaker: &'c str) -> QuoteView<'c> {
        let speaker = q
            .speaker
            .as_deref()
            .map(str::trim)
            .unwrap_or(default_speaker);
        QuoteView {
            id,
            text: &q.text,
            speaker,
            role: q.role.as_deref(),
            // The inspectors have a page too, for their unattributed quotes.
            person_url: Some(speaker)
                .filter(|s| !s.is_empty())
                .and_then(|s| self.site.person_slug(s))
                .map(|p| self.link(&rel::person(p))),
        }
    }

    pub fn inspection_summary(&self, i: &'c Inspection) -> InspectionSummary<'c> {
        let framework = self.site.content.frameworks.framework(&i.framework);
        let grades = self.site.grades_of(i);
        InspectionSummary {
            url: self.link(&rel::inspection(&i.authority, &i.slug)),
            title: self.site.inspection_title(i),
            framework: &i.framework,
            framework_short: framework.map_or(i.framework.as_str(), |f| f.short.as_str()),
            published: i.published.human(),
            published_iso: i.published.iso(),
            graded: grades.graded,
            no_overall: grades.no_overall(),
            outcome: grades.outcome(),
            headline: grades.headline.map(GradeView::from),
            authority_name: self.site.authority_name(&i.authority),
            authority_url: self.link(&rel::authority(&i.authority)),
            report_url: i.report.as_ref().map(|r| r.url.as_str()),
        }
    }

    pub fn judgements(&self, i: &'c Inspection) -> Vec<JudgementView<'c>> {
        let Some(framework) = self.site.content.frameworks.framework(&i.framework) else {
            return Vec::new();
        };
        let grades = self.site.grades_of(i);
        framework
            .judgements
            .iter()
            .filter_map(|j| {
                let graded = grades.judgement(&j.key)?;
                Some(JudgementView {
                    key: &j.key,
                    label: &j.label,
                    grade: graded.grade.map(GradeView::from),
                    change: None,
                })
            })
            .collect()
    }

    pub fn response_summary(&self, r: &'c Response) -> ResponseSummary<'c> {
        ResponseSummary {
            url: self.link(&rel::response(&r.authority, &r.slug)),
            title: &r.title,
            kind: &r.kind,
            kind_label: kind_label(&r.kind),
            date: r.date.human(),
            date_iso: r.date.iso(),
            publisher: &r.source.publisher,
            authority_name: self.site.authority_name(&r.authority),
            authority_url: self.link(&rel::authority(&r.authority)),
        }
    }

    pub fn current(&self, a: &AuthorityFacts<'c>) -> CurrentView<'c> {
        match a.current {
            CurrentRating::NotYetRated => CurrentView {
                rated: false,
                words: a.current.words(),
                headline: None,
                no_overall: false,
                judgements: Vec::new(),
                inspection: None,
                report_url: None,
                last_overall: None,
            },
            CurrentRating::Rated {
                inspection,
                headline,
                last_overall,
            } => CurrentView {
                rated: true,
                words: a.current.words(),
                headline: headline.map(GradeView::from),
                no_overall: headline.is_none(),
                judgements: self
                    .judgements(inspection)
                    .into_iter()
                    .filter(|j| j.key != OVERALL)
                    .collect(),
                inspection: Some(self.inspection_summary(inspection)),
                report_url: inspection.report.as_ref().map(|r| r.url.as_str()),
                last_overall: last_overall.map(|l| LastOverallView {
                    grade: l.grade.into(),
                    inspection: self.inspection_summary(l.inspection),
                }),
            },
        }
    }

    pub fn authority_summary(&self, a: &AuthorityFacts<'c>) -> AuthoritySummary<'c> {
        let au = a.authority;
        AuthoritySummary {
            slug: &au.slug,
            name: &au.name,
            short_name: &au.short_name,
            region: &au.region,
            kind: au.kind.as_deref(),
            url: self.link(&rel::authority(&au.slug)),
            current: self.current(a),
        }
    }
}
