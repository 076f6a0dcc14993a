//! Every output file of the site, rendered once each, in parallel.
//!
//! [`outputs`] lists what the site holds; [`render_one`] turns one entry into
//! bytes. The caller (the build) runs them on rayon's pool and hands each result
//! straight to a writer, so no more than a few pages are in memory at a time.

use serde::Serialize;
use tera::{Context, Tera};

use super::charts::{self, BarChart, Bucket, HistoryChart, HistoryPoint};
use super::markdown;
use super::slot;
use super::views::*;
use super::{data, feed, templates::error_chain};
use crate::content::{Inspection, Page, Response};
use crate::site::urls::{file_for, rel};
use crate::site::{AuthorityFacts, CurrentRating, Site, TimelineItem};

/// One file of the site.
#[derive(Debug, Clone)]
pub enum Output<'c> {
    Home,
    Authorities,
    Authority(usize),
    Inspection(&'c Inspection),
    Response(&'c Response),
    /// `/authorities/<a>/latest/`: a redirect to the latest graded inspection.
    Latest(usize),
    /// A former URL under an authority's alias, redirecting to the current one
    /// (site-relative folders).
    Alias {
        authority: usize,
        from: String,
        to: String,
    },
    Page(&'c Page),
    People,
    Person(usize),
    Frameworks,
    NotFound,
    AuthoritiesJson,
    InspectionsJson,
    ResponsesJson,
    InspectionsCsv,
    Feed,
    Sitemap,
    Robots,
}

impl Output<'_> {
    /// Where a page lives, relative to the site root (`authorities/x/`), for
    /// the outputs that are folders; `None` for named files.
    pub fn location(&self, site: &Site) -> Option<String> {
        Some(match self {
            Output::Home => rel::home(),
            Output::Authorities => rel::authorities(),
            Output::Authority(i) => rel::authority(&site.authorities[*i].authority.slug),
            Output::Inspection(i) => rel::inspection(&i.authority, &i.slug),
            Output::Response(r) => rel::response(&r.authority, &r.slug),
            Output::Latest(i) => rel::latest(&site.authorities[*i].authority.slug),
            Output::Alias { from, .. } => from.clone(),
            Output::Page(p) => rel::page(&p.slug),
            Output::People => rel::people(),
            Output::Person(i) => rel::person(&site.people[*i].slug),
            Output::Frameworks => rel::frameworks(),
            _ => return None,
        })
    }

    /// The file this output is written to, relative to the output folder.
    pub fn path(&self, site: &Site) -> String {
        if let Some(location) = self.location(site) {
            return file_for(&location);
        }
        match self {
            Output::NotFound => "404.html".into(),
            Output::AuthoritiesJson => rel::data("authorities.json"),
            Output::InspectionsJson => rel::data("inspections.json"),
            Output::ResponsesJson => rel::data("responses.json"),
            Output::InspectionsCsv => rel::data("inspections.csv"),
            Output::Feed => "feed.xml".into(),
            Output::Sitemap => "sitemap.xml".into(),
            Output::Robots => "robots.txt".into(),
            _ => unreachable!("every page has a location"),
        }
    }

    /// A page a reader reads, with an address of its own: what the sitemap
    /// lists and the build counts. Not redirects (`latest/`, former
    /// addresses), the 404 page, data files, the feed or robots.txt.
    pub fn is_page(&self) -> bool {
        matches!(
            self,
            Output::Home
                | Output::Authorities
                | Output::Authority(_)
                | Output::Inspection(_)
                | Output::Response(_)
                | Output::Page(_)
                | Output::People
                | Output::Person(_)
                | Output::Frameworks
        )
    }
}

/// A rendered file: its path under the output folder and its bytes.
pub struct Rendered {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page that failed to render: which page, and Tera's error (its whole
/// chain of causes is in the message).
#[derive(Debug, thiserror::Error)]
#[error("rendering {page}: {}", error_chain(.source))]
pub struct RenderError {
    pub page: String,
    #[source]
    pub source: tera::Error,
}

/// Every output of the site.
pub fn outputs<'c>(site: &Site<'c>) -> Vec<Output<'c>> {
    let c = site.content;
    let mut out = vec![
        Output::Home,
        Output::Authorities,
        Output::People,
        Output::Frameworks,
        Output::NotFound,
        Output::AuthoritiesJson,
        Output::InspectionsJson,
        Output::ResponsesJson,
        Output::InspectionsCsv,
        Output::Feed,
        Output::Sitemap,
        Output::Robots,
    ];
    for (i, a) in site.authorities.iter().enumerate() {
        out.push(Output::Authority(i));
        if a.current.inspection().is_some() {
            out.push(Output::Latest(i));
        }
        out.extend(
            alias_redirects(a)
                .into_iter()
                .map(|(from, to)| Output::Alias {
                    authority: i,
                    from,
                    to,
                }),
        );
    }
    out.extend(c.inspections.iter().map(Output::Inspection));
    out.extend(c.responses.iter().map(Output::Response));
    out.extend(c.pages.iter().map(Output::Page));
    out.extend((0..site.people.len()).map(Output::Person));
    out
}

/// Every former URL under an authority's aliases and where it now lives: the
/// authority page, its `latest/`, and each inspection and response.
fn alias_redirects(a: &AuthorityFacts) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let slug = &a.authority.slug;
    for alias in &a.authority.aliases {
        out.push((rel::authority(alias), rel::authority(slug)));
        if let Some(latest) = a.current.inspection() {
            out.push((rel::latest(alias), rel::inspection(slug, &latest.slug)));
        }
        for i in &a.inspections {
            out.push((
                rel::inspection(alias, &i.slug),
                rel::inspection(slug, &i.slug),
            ));
        }
        for r in &a.responses {
            out.push((rel::response(alias, &r.slug), rel::response(slug, &r.slug)));
        }
    }
    out
}

/// Site-relative URLs of the pages (see [`Output::is_page`]), for the sitemap.
pub fn page_urls(site: &Site) -> Vec<String> {
    outputs(site)
        .iter()
        .filter(|o| o.is_page())
        .filter_map(|o| o.location(site))
        .collect()
}

/// Options that change what pages contain.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Set by `serve`: the URL of the live-reload script to add to every page.
    pub reload_url: Option<String>,
}

pub struct Renderer<'s, 'c> {
    pub site: &'s Site<'c>,
    pub tera: &'s Tera,
    pub options: RenderOptions,
    views: Views<'s, 'c>,
    /// The header for each navigation section (in `header_sections` order),
    /// and the footer: the same on thousands of pages, so rendered once here
    /// and put in place of their slot markers after each page is rendered.
    header_sections: Vec<String>,
    headers: Vec<String>,
    footer: String,
}

#[derive(Serialize)]
struct FrameCx<'a> {
    layout: FrameLayout<'a>,
}

#[derive(Serialize)]
struct FrameLayout<'a> {
    base_path: &'a str,
    site_title: &'a str,
    site_description: Option<&'a str>,
    feed_url: String,
    section: &'a str,
    nav: &'a [NavItem],
}

#[derive(Serialize)]
struct HomeCx<'a> {
    layout: Layout<'a>,
    chart: BarChart<'a>,
    authorities: usize,
    inspections: usize,
    responses: usize,
    latest_inspections: Vec<InspectionSummary<'a>>,
    latest_responses: Vec<ResponseSummary<'a>>,
}

#[derive(Serialize)]
struct AuthoritiesCx<'a> {
    layout: Layout<'a>,
    regions: Vec<RegionGroup<'a>>,
    count: usize,
}

#[derive(Serialize)]
struct RegionGroup<'a> {
    region: &'a str,
    authorities: Vec<AuthoritySummary<'a>>,
}

#[derive(Serialize)]
struct TimelineEntry<'a> {
    kind: &'static str,
    inspection: Option<InspectionSummary<'a>>,
    response: Option<ResponseSummary<'a>>,
    /// For responses: the inspections they answer.
    answers: Vec<InspectionSummary<'a>>,
}

#[derive(Serialize)]
struct HistoryRow<'a> {
    inspection: InspectionSummary<'a>,
    judgements: Vec<JudgementView<'a>>,
}

#[derive(Serialize)]
struct AuthorityCx<'a> {
    layout: Layout<'a>,
    authority: AuthoritySummary<'a>,
    ons_code: Option<&'a str>,
    website: Option<&'a str>,
    press_page: Option<&'a str>,
    aliases: &'a [String],
    chart: Option<HistoryChart<'a>>,
    history: Vec<HistoryRow<'a>>,
    timeline: Vec<TimelineEntry<'a>>,
    latest_url: Option<String>,
}

#[derive(Serialize)]
struct ResponseBlock<'a> {
    response: ResponseSummary<'a>,
    quotes: Vec<QuoteView<'a>>,
    commitments: &'a [String],
}

#[derive(Serialize)]
struct InspectionCx<'a> {
    layout: Layout<'a>,
    inspection: InspectionSummary<'a>,
    framework_name: &'a str,
    visit: Option<String>,
    judgements: Vec<JudgementView<'a>>,
    report: Option<&'a crate::content::Link>,
    strengths: &'a [String],
    concerns: &'a [String],
    recommendations: &'a [String],
    recommendation_count: Option<u32>,
    quotes: Vec<QuoteView<'a>>,
    body_html: &'static str,
    responses: Vec<ResponseBlock<'a>>,
    is_current: bool,
}

#[derive(Serialize)]
struct ResponseCx<'a> {
    layout: Layout<'a>,
    response: ResponseSummary<'a>,
    source: &'a crate::content::Source,
    quotes: Vec<QuoteView<'a>>,
    commitments: &'a [String],
    answers: Vec<InspectionSummary<'a>>,
    body_html: &'static str,
}

#[derive(Serialize)]
struct PageCx<'a> {
    layout: Layout<'a>,
    body_html: &'static str,
}

#[derive(Serialize)]
struct PersonSummary<'a> {
    name: &'a str,
    url: String,
    roles: &'a [&'a str],
    count: usize,
}

#[derive(Serialize)]
struct PeopleCx<'a> {
    layout: Layout<'a>,
    people: Vec<PersonSummary<'a>>,
}

#[derive(Serialize)]
struct PersonQuote<'a> {
    text: &'a str,
    role: Option<&'a str>,
    date: String,
    date_iso: String,
    context_title: &'a str,
    context_url: String,
    authority_name: &'a str,
    authority_url: String,
}

#[derive(Serialize)]
struct PersonCx<'a> {
    layout: Layout<'a>,
    name: &'a str,
    roles: &'a [&'a str],
    quotes: Vec<PersonQuote<'a>>,
}

#[derive(Serialize)]
struct ScaleView<'a> {
    id: &'a str,
    grades: Vec<GradeView<'a>>,
}

#[derive(Serialize)]
struct FrameworkView<'a> {
    id: &'a str,
    name: &'a str,
    short: &'a str,
    scale: Option<&'a str>,
    judgements: Vec<(&'a str, &'a str)>,
}

#[derive(Serialize)]
struct FrameworksCx<'a> {
    layout: Layout<'a>,
    scales: Vec<ScaleView<'a>>,
    frameworks: Vec<FrameworkView<'a>>,
}

#[derive(Serialize)]
struct RedirectCx<'a> {
    layout: Layout<'a>,
    target: String,
    target_label: String,
}

impl<'s, 'c> Renderer<'s, 'c> {
    /// Prepares rendering: renders the header for every navigation section and
    /// the footer once, so a template error there is reported before any page.
    pub fn new(
        site: &'s Site<'c>,
        tera: &'s Tera,
        options: RenderOptions,
    ) -> Result<Self, RenderError> {
        let views = Views { site };
        let nav = views.nav();
        fn frame<'a>(site: &'a Site, nav: &'a [NavItem], section: &'a str) -> FrameCx<'a> {
            let c = site.content;
            FrameCx {
                layout: FrameLayout {
                    base_path: site.urls.base_path(),
                    site_title: &c.site.title,
                    site_description: c.site.description.as_deref(),
                    feed_url: site.urls.link("feed.xml"),
                    section,
                    nav,
                },
            }
        }
        let mut r = Renderer {
            site,
            tera,
            options,
            views,
            header_sections: Vec::new(),
            headers: Vec::new(),
            footer: String::new(),
        };
        let mut sections: Vec<String> = nav.iter().map(|n| n.key.clone()).collect();
        sections.push(String::new());
        for s in sections {
            let html = String::from_utf8(r.render(
                "partials/header.html",
                "header",
                &frame(site, &nav, &s),
            )?)
            .unwrap_or_default();
            r.headers.push(html);
            r.header_sections.push(s);
        }
        r.footer = String::from_utf8(r.render(
            "partials/footer.html",
            "footer",
            &frame(site, &nav, ""),
        )?)
        .unwrap_or_default();
        Ok(r)
    }

    fn render<T: Serialize>(
        &self,
        template: &str,
        page: &str,
        cx: &T,
    ) -> Result<Vec<u8>, RenderError> {
        self.render_with_body(template, page, cx, "")
    }

    /// Renders a template whose context may hold slot markers, then fills them:
    /// the header and footer from `Renderer::new`, and `body` (the page's
    /// Markdown as HTML) where the context said [`slot::BODY`].
    fn render_with_body<T: Serialize>(
        &self,
        template: &str,
        page: &str,
        cx: &T,
        body: &str,
    ) -> Result<Vec<u8>, RenderError> {
        let err = |source: tera::Error| RenderError {
            page: page.to_string(),
            source,
        };
        let context = Context::from_serialize(cx).map_err(err)?;
        let html = self.tera.render(template, &context).map_err(err)?;
        Ok(slot::fill(html, &self.headers, &self.footer, body))
    }

    fn layout(
        &self,
        title: String,
        section: &str,
        rel_url: Option<&str>,
        crumbs: Vec<Crumb>,
    ) -> Layout<'c> {
        let mut l = self.views.layout(title, section, rel_url, crumbs);
        l.reload_url = self.options.reload_url.clone();
        let header = self
            .header_sections
            .iter()
            .position(|s| s == section)
            .or_else(|| self.header_sections.iter().position(String::is_empty))
            .unwrap_or(0);
        l.header_html = slot::header(header);
        l.footer_html = slot::FOOTER;
        l
    }

    /// Renders one output.
    pub fn render_one(&self, output: &Output<'c>) -> Result<Rendered, RenderError> {
        let site = self.site;
        let bytes = match output {
            Output::Home => self.home()?,
            Output::Authorities => self.authorities()?,
            Output::Authority(i) => self.authority(&site.authorities[*i])?,
            Output::Inspection(i) => self.inspection(i)?,
            Output::Response(r) => self.response(r)?,
            Output::Latest(i) => {
                let a = &site.authorities[*i];
                let target = a.current.inspection().expect("listed only when rated");
                let label = format!(
                    "{}: {}",
                    a.authority.short_name,
                    self.views.inspection_title(target)
                );
                self.redirect(&rel::inspection(&target.authority, &target.slug), label)?
            }
            Output::Alias { authority, to, .. } => {
                self.redirect(to, site.authorities[*authority].authority.name.clone())?
            }
            Output::Page(p) => self.free_page(p)?,
            Output::People => self.people()?,
            Output::Person(i) => self.person(*i)?,
            Output::Frameworks => self.frameworks()?,
            Output::NotFound => self.not_found()?,
            Output::AuthoritiesJson => data::authorities_json(site),
            Output::InspectionsJson => data::inspections_json(site),
            Output::ResponsesJson => data::responses_json(site),
            Output::InspectionsCsv => data::inspections_csv(site),
            Output::Feed => feed::atom(site),
            Output::Sitemap => feed::sitemap(site, &page_urls(site)),
            Output::Robots => format!(
                "User-agent: *\nAllow: /\n\nSitemap: {}\n",
                site.urls.absolute("sitemap.xml")
            )
            .into_bytes(),
        };
        Ok(Rendered {
            path: output.path(site),
            bytes,
        })
    }

    /// Renders a redirect page to a site-relative target.
    pub fn redirect(&self, target_rel: &str, label: String) -> Result<Vec<u8>, RenderError> {
        let cx = RedirectCx {
            layout: self.layout(
                format!("Moved: {label}"),
                "",
                Some(target_rel),
                vec![self.views.home_crumb()],
            ),
            target: self.site.urls.link(target_rel),
            target_label: label,
        };
        self.render("redirect.html", target_rel, &cx)
    }

    fn home(&self) -> Result<Vec<u8>, RenderError> {
        let site = self.site;
        let c = site.content;
        let mut latest_inspections: Vec<&Inspection> = c.inspections.iter().collect();
        latest_inspections.sort_by(|a, b| {
            (b.published, &b.authority, &b.slug).cmp(&(a.published, &a.authority, &a.slug))
        });
        let mut latest_responses: Vec<&Response> = c.responses.iter().collect();
        latest_responses
            .sort_by(|a, b| (b.date, &b.authority, &b.slug).cmp(&(a.date, &a.authority, &a.slug)));
        let cx = HomeCx {
            layout: {
                let mut l =
                    self.layout(c.site.title.clone(), "home", Some(&rel::home()), Vec::new());
                l.description = c.site.description.clone();
                l
            },
            chart: charts::bar_chart(self.grade_buckets()),
            authorities: site.authorities.len(),
            inspections: c.inspections.len(),
            responses: c.responses.len(),
            latest_inspections: latest_inspections
                .into_iter()
                .take(10)
                .map(|i| self.views.inspection_summary(i))
                .collect(),
            latest_responses: latest_responses
                .into_iter()
                .take(10)
                .map(|r| self.views.response_summary(r))
                .collect(),
        };
        self.render("home.html", "/", &cx)
    }

    /// How many authorities sit at each current grade: grades by rank, then by
    /// scale order; then "No overall grade" and "Not yet rated".
    fn grade_buckets(&self) -> Vec<Bucket<'c>> {
        let fw = &self.site.content.frameworks;
        // (rank, scale position) orders grades of different scales by rank,
        // each keeping its own label.
        let mut graded: Vec<((usize, usize), Bucket<'c>)> = Vec::new();
        for (si, scale) in fw.scales.iter().enumerate() {
            for (gi, grade) in scale.grades.iter().enumerate() {
                let count = self
                    .site
                    .authorities
                    .iter()
                    .filter(|a| matches!(a.current, CurrentRating::Rated { headline: Some(h), .. } if h.scale == scale.id && h.id == grade.id))
                    .count();
                if count > 0 {
                    let view = GradeView::from(crate::site::RatedGrade {
                        id: &grade.id,
                        label: &grade.label,
                        rank: gi + 1,
                        scale_len: scale.grades.len(),
                        scale: &scale.id,
                    });
                    graded.push((
                        (gi, si),
                        Bucket {
                            label: grade.label.clone(),
                            count,
                            tone: view.tone,
                            grade: Some(view),
                        },
                    ));
                }
            }
        }
        graded.sort_by_key(|(key, _)| *key);
        let mut sorted: Vec<Bucket<'c>> = graded.into_iter().map(|(_, b)| b).collect();
        let no_overall = self
            .site
            .authorities
            .iter()
            .filter(|a| matches!(a.current, CurrentRating::Rated { headline: None, .. }))
            .count();
        if no_overall > 0 {
            sorted.push(Bucket {
                label: "No overall grade".into(),
                count: no_overall,
                tone: 0,
                grade: None,
            });
        }
        let not_rated = self
            .site
            .authorities
            .iter()
            .filter(|a| matches!(a.current, CurrentRating::NotYetRated))
            .count();
        sorted.push(Bucket {
            label: "Not yet rated".into(),
            count: not_rated,
            tone: 0,
            grade: None,
        });
        sorted
    }

    fn authorities(&self) -> Result<Vec<u8>, RenderError> {
        let mut regions: Vec<RegionGroup> = Vec::new();
        let mut facts: Vec<&AuthorityFacts> = self.site.authorities.iter().collect();
        facts.sort_by(|a, b| {
            (&a.authority.region, &a.authority.name).cmp(&(&b.authority.region, &b.authority.name))
        });
        for a in facts {
            let summary = self.views.authority_summary(a);
            match regions.last_mut() {
                Some(g) if g.region == a.authority.region => g.authorities.push(summary),
                _ => regions.push(RegionGroup {
                    region: &a.authority.region,
                    authorities: vec![summary],
                }),
            }
        }
        let cx = AuthoritiesCx {
            layout: self.layout(
                "Authorities".into(),
                "authorities",
                Some(&rel::authorities()),
                vec![self.views.home_crumb()],
            ),
            count: self.site.authorities.len(),
            regions,
        };
        self.render("authorities.html", "/authorities/", &cx)
    }

    fn authority(&self, a: &AuthorityFacts<'c>) -> Result<Vec<u8>, RenderError> {
        let fw = &self.site.content.frameworks;
        let au = a.authority;
        let graded: Vec<&Inspection> = a
            .inspections
            .iter()
            .copied()
            .filter(|i| crate::site::rating::is_graded(fw, i))
            .collect();
        let points = graded
            .iter()
            .filter_map(|i| {
                let g = crate::site::rating::overall(fw, i)?;
                Some(HistoryPoint {
                    day: i.published.ordinal(),
                    year: i.published.year(),
                    date: i.published.human(),
                    grade: g.into(),
                    url: self.views.link(&rel::inspection(&i.authority, &i.slug)),
                })
            })
            .collect();
        let timeline = a
            .timeline()
            .into_iter()
            .map(|t| match t {
                TimelineItem::Inspection(i) => TimelineEntry {
                    kind: "inspection",
                    inspection: Some(self.views.inspection_summary(i)),
                    response: None,
                    answers: Vec::new(),
                },
                TimelineItem::Response(r) => TimelineEntry {
                    kind: "response",
                    inspection: None,
                    response: Some(self.views.response_summary(r)),
                    answers: self.answers(r),
                },
            })
            .collect();
        let mut crumbs = self.views.authority_crumbs(a);
        crumbs.pop();
        let cx = AuthorityCx {
            layout: {
                let mut l = self.layout(
                    au.name.clone(),
                    "authorities",
                    Some(&rel::authority(&au.slug)),
                    crumbs,
                );
                l.description = Some(format!(
                    "Ofsted inspections of {}'s children's services, and what the council said.",
                    au.name
                ));
                l
            },
            authority: self.views.authority_summary(a),
            ons_code: au.ons_code.as_deref(),
            website: au.website.as_deref(),
            press_page: au.press_page.as_deref(),
            aliases: &au.aliases,
            chart: charts::history_chart(points),
            history: graded
                .iter()
                .rev()
                .map(|i| HistoryRow {
                    inspection: self.views.inspection_summary(i),
                    judgements: self.views.judgements(i),
                })
                .collect(),
            timeline,
            latest_url: a
                .current
                .inspection()
                .map(|_| self.views.link(&rel::latest(&au.slug))),
        };
        self.render("authority.html", &rel::authority(&au.slug), &cx)
    }

    fn answers(&self, r: &'c Response) -> Vec<InspectionSummary<'c>> {
        r.responds_to
            .iter()
            .filter_map(|s| self.site.inspection(&r.authority, s))
            .map(|i| self.views.inspection_summary(i))
            .collect()
    }

    fn inspection(&self, i: &'c Inspection) -> Result<Vec<u8>, RenderError> {
        let body = markdown::to_html(&i.body);
        let site = self.site;
        let a = site
            .authority(&i.authority)
            .expect("inspections belong to loaded authorities");
        let framework = site.content.frameworks.framework(&i.framework);
        let visit = i.visit.and_then(|v| match (v.from, v.to) {
            (Some(f), Some(t)) if f == t => Some(f.human()),
            (Some(f), Some(t)) => Some(format!("{} to {}", f.human(), t.human())),
            (Some(f), None) => Some(format!("from {}", f.human())),
            (None, Some(t)) => Some(format!("until {}", t.human())),
            (None, None) => None,
        });
        let summary = self.views.inspection_summary(i);
        let responses = site
            .responses_to(i)
            .iter()
            .map(|r| ResponseBlock {
                response: self.views.response_summary(r),
                quotes: r.quotes.iter().map(|q| self.views.quote(q, "")).collect(),
                commitments: &r.commitments,
            })
            .collect();
        let crumbs = self.views.authority_crumbs(a);
        let title = format!(
            "{}: {}, {}",
            a.authority.short_name, summary.title, summary.published
        );
        let cx = InspectionCx {
            layout: self.layout(
                title,
                "authorities",
                Some(&rel::inspection(&i.authority, &i.slug)),
                crumbs,
            ),
            framework_name: framework.map_or(i.framework.as_str(), |f| f.name.as_str()),
            visit,
            judgements: self.views.judgements(i),
            report: i.report.as_ref(),
            strengths: &i.strengths,
            concerns: &i.concerns,
            recommendations: &i.recommendations,
            recommendation_count: i.recommendation_count,
            quotes: i
                .quotes
                .iter()
                .map(|q| self.views.quote(q, "Ofsted inspectors"))
                .collect(),
            body_html: slot::body_marker(&body),
            responses,
            is_current: a.current.inspection().is_some_and(|c| std::ptr::eq(c, i)),
            inspection: summary,
        };
        self.render_with_body(
            "inspection.html",
            &rel::inspection(&i.authority, &i.slug),
            &cx,
            &body,
        )
    }

    fn response(&self, r: &'c Response) -> Result<Vec<u8>, RenderError> {
        let body = markdown::to_html(&r.body);
        let a = self
            .site
            .authority(&r.authority)
            .expect("responses belong to loaded authorities");
        let summary = self.views.response_summary(r);
        let cx = ResponseCx {
            layout: self.layout(
                format!("{}: {}", a.authority.short_name, r.title),
                "authorities",
                Some(&rel::response(&r.authority, &r.slug)),
                self.views.authority_crumbs(a),
            ),
            source: &r.source,
            quotes: r.quotes.iter().map(|q| self.views.quote(q, "")).collect(),
            commitments: &r.commitments,
            answers: self.answers(r),
            body_html: slot::body_marker(&body),
            response: summary,
        };
        self.render_with_body(
            "response.html",
            &rel::response(&r.authority, &r.slug),
            &cx,
            &body,
        )
    }

    fn free_page(&self, p: &'c Page) -> Result<Vec<u8>, RenderError> {
        let body = markdown::to_html(&p.body);
        let mut layout = self.layout(
            p.title.clone(),
            "",
            Some(&rel::page(&p.slug)),
            vec![self.views.home_crumb()],
        );
        layout.description = p.description.clone();
        let cx = PageCx {
            layout,
            body_html: slot::body_marker(&body),
        };
        self.render_with_body("page.html", &rel::page(&p.slug), &cx, &body)
    }

    fn people(&self) -> Result<Vec<u8>, RenderError> {
        let cx = PeopleCx {
            layout: self.layout(
                "People quoted".into(),
                "people",
                Some(&rel::people()),
                vec![self.views.home_crumb()],
            ),
            people: self
                .site
                .people
                .iter()
                .map(|p| PersonSummary {
                    name: p.name,
                    url: self.views.link(&rel::person(&p.slug)),
                    roles: &p.roles,
                    count: p.quotes.len(),
                })
                .collect(),
        };
        self.render("people.html", "/people/", &cx)
    }

    fn person(&self, index: usize) -> Result<Vec<u8>, RenderError> {
        use crate::site::QuoteRef;
        let p = &self.site.people[index];
        let mut quotes: Vec<PersonQuote> = p
            .quotes
            .iter()
            .map(|q| match *q {
                QuoteRef::Inspection(i, quote) => PersonQuote {
                    text: &quote.text,
                    role: quote.role.as_deref(),
                    date: i.published.human(),
                    date_iso: i.published.iso(),
                    context_title: self.views.inspection_title(i),
                    context_url: self.views.link(&rel::inspection(&i.authority, &i.slug)),
                    authority_name: self
                        .site
                        .authority(&i.authority)
                        .map_or(i.authority.as_str(), |a| a.authority.name.as_str()),
                    authority_url: self.views.link(&rel::authority(&i.authority)),
                },
                QuoteRef::Response(r, quote) => PersonQuote {
                    text: &quote.text,
                    role: quote.role.as_deref(),
                    date: r.date.human(),
                    date_iso: r.date.iso(),
                    context_title: &r.title,
                    context_url: self.views.link(&rel::response(&r.authority, &r.slug)),
                    authority_name: self
                        .site
                        .authority(&r.authority)
                        .map_or(r.authority.as_str(), |a| a.authority.name.as_str()),
                    authority_url: self.views.link(&rel::authority(&r.authority)),
                },
            })
            .collect();
        quotes.sort_by(|a, b| b.date_iso.cmp(&a.date_iso));
        let cx = PersonCx {
            layout: self.layout(
                p.name.to_string(),
                "people",
                Some(&rel::person(&p.slug)),
                vec![
                    self.views.home_crumb(),
                    self.views.crumb("People", &rel::people()),
                ],
            ),
            name: p.name,
            roles: &p.roles,
            quotes,
        };
        self.render("person.html", &rel::person(&p.slug), &cx)
    }

    fn frameworks(&self) -> Result<Vec<u8>, RenderError> {
        let fw = &self.site.content.frameworks;
        let cx = FrameworksCx {
            layout: self.layout(
                "Inspection frameworks and grades".into(),
                "frameworks",
                Some(&rel::frameworks()),
                vec![self.views.home_crumb()],
            ),
            scales: fw
                .scales
                .iter()
                .map(|s| ScaleView {
                    id: &s.id,
                    grades: s
                        .grades
                        .iter()
                        .enumerate()
                        .map(|(i, g)| {
                            GradeView::from(crate::site::RatedGrade {
                                id: &g.id,
                                label: &g.label,
                                rank: i + 1,
                                scale_len: s.grades.len(),
                                scale: &s.id,
                            })
                        })
                        .collect(),
                })
                .collect(),
            frameworks: fw
                .frameworks
                .iter()
                .map(|f| FrameworkView {
                    id: &f.id,
                    name: &f.name,
                    short: &f.short,
                    scale: f.scale.as_deref(),
                    judgements: f
                        .judgements
                        .iter()
                        .map(|j| (j.key.as_str(), j.label.as_str()))
                        .collect(),
                })
                .collect(),
        };
        self.render("frameworks.html", "/frameworks/", &cx)
    }

    fn not_found(&self) -> Result<Vec<u8>, RenderError> {
        let cx = PageCx {
            layout: self.layout(
                "Page not found".into(),
                "",
                None,
                vec![self.views.home_crumb()],
            ),
            body_html: "",
        };
        self.render("404.html", "404.html", &cx)
    }
}
