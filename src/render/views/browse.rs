//! The browse pages: every authority, inspections by year, authorities by current rating and
//! by region, one framework's inspections; and the region-by-rating table
//! the home page shares.

use serde::Serialize;

use super::frameworks::FrameworkView;
use super::{AuthoritySummary, GradeView, InspectionSummary, Layout, Views};
use crate::site::browse::{RatingGroup, RatingKey};
use crate::site::rating::grades_of;
use crate::site::urls::rel;

#[derive(Serialize)]
pub struct AuthoritiesCx<'a> {
    pub layout: Layout<'a>,
    /// Every authority, by name.
    pub authorities: Vec<AuthorityRow<'a>>,
    pub count: usize,
    /// For the filters (and the links shown without JavaScript).
    pub regions: Vec<(&'a str, String)>,
    pub groups: Vec<GroupLink<'a>>,
    /// The shared script the page's own needs first (`static/dom.js`).
    pub dom_url: String,
    pub script_url: String,
    pub data: DataBehind,
}

/// One authority in the list, with what its row is filtered and sorted by.
#[derive(Serialize)]
pub struct AuthorityRow<'a> {
    pub summary: AuthoritySummary<'a>,
    /// The slug of its rating group (`good`, `not-yet-rated`...).
    pub rating: &'a str,
    /// Its rating's position for sorting (best first); unrated last.
    pub order: usize,
    /// Its current rating's publication date, `YYYY-MM-DD`-like, or empty.
    pub since: String,
}

/// A link to one rating group, with how many authorities it holds.
#[derive(Serialize)]
pub struct GroupLink<'a> {
    pub label: &'a str,
    pub grade: Option<GradeView<'a>>,
    pub url: String,
    pub count: usize,
    pub current: bool,
}

/// Authorities by region (rows) and current rating (columns).
#[derive(Serialize)]
pub struct RegionTable<'a> {
    pub columns: Vec<GroupLink<'a>>,
    pub rows: Vec<RegionRow<'a>>,
    pub total: usize,
}

#[derive(Serialize)]
pub struct RegionRow<'a> {
    pub name: &'a str,
    pub url: String,
    pub total: usize,
    pub counts: Vec<usize>,
}

/// Links to the data files behind a list page.
#[derive(Serialize)]
pub struct DataBehind {
    pub json: String,
    pub csv: Option<String>,
}

#[derive(Serialize)]
pub struct RatingCx<'a> {
    pub layout: Layout<'a>,
    pub heading: String,
    pub explanation: &'static str,
    pub authorities: Vec<AuthorityRow<'a>>,
    pub groups: Vec<GroupLink<'a>>,
    pub data: DataBehind,
}

#[derive(Serialize)]
pub struct RegionsCx<'a> {
    pub layout: Layout<'a>,
    pub table: RegionTable<'a>,
    pub data: DataBehind,
}

#[derive(Serialize)]
pub struct RegionCx<'a> {
    pub layout: Layout<'a>,
    pub name: &'a str,
    pub authorities: Vec<AuthorityRow<'a>>,
    pub groups: Vec<GroupLink<'a>>,
    pub regions_url: String,
    pub data: DataBehind,
    pub map: Option<super::MapView>,
}

#[derive(Serialize)]
pub struct YearView<'a> {
    pub year: i32,
    pub url: String,
    pub current: bool,
    pub inspections: Vec<InspectionSummary<'a>>,
}

#[derive(Serialize)]
pub struct InspectionsCx<'a> {
    pub layout: Layout<'a>,
    pub total: usize,
    pub years: Vec<YearView<'a>>,
    pub data: DataBehind,
}

#[derive(Serialize)]
pub struct YearCx<'a> {
    pub layout: Layout<'a>,
    pub year: i32,
    pub inspections: Vec<InspectionSummary<'a>>,
    /// Every year, for moving between them (no inspections listed).
    pub years: Vec<YearView<'a>>,
    pub all_url: String,
    pub data: DataBehind,
}

#[derive(Serialize)]
pub struct FrameworkCx<'a> {
    pub layout: Layout<'a>,
    pub framework: FrameworkView<'a>,
    pub grades: Vec<GradeView<'a>>,
    pub inspections: Vec<InspectionSummary<'a>>,
    pub frameworks_url: String,
    pub data: DataBehind,
}

impl<'c> Views<'_, 'c> {
    /// Every authority by name, with what the list's filters need.
    pub fn authorities(&self) -> AuthoritiesCx<'_> {
        let site = self.site;
        let all: Vec<usize> = (0..site.authorities.len()).collect();
        let rows = self.authority_rows(&all);
        AuthoritiesCx {
            layout: self.layout(
                "Authorities".into(),
                "authorities",
                Some(&rel::authorities()),
                vec![self.home_crumb()],
            ),
            count: rows.len(),
            authorities: rows,
            regions: site
                .regions
                .iter()
                .map(|r| (r.name, self.link(&rel::region(&r.slug))))
                .collect(),
            groups: self.rating_links(),
            dom_url: self.link(&rel::script("dom.js")),
            script_url: self.link(&rel::script("authorities.js")),
            data: self.authorities_data(),
        }
    }

    /// Rows of an authorities table (indexes into `Site::authorities`), by name.
    pub fn authority_rows(&self, authorities: &[usize]) -> Vec<AuthorityRow<'c>> {
        let site = self.site;
        let mut rows: Vec<AuthorityRow> = authorities
            .iter()
            .map(|&i| {
                let a = &site.authorities[i];
                let group = site.rating_group_of(i).unwrap_or(usize::MAX);
                AuthorityRow {
                    summary: self.authority_summary(a),
                    rating: site.rating_groups.get(group).map_or("", |g| g.key.slug()),
                    order: group,
                    since: a
                        .current
                        .inspection()
                        .map_or(String::new(), |i| i.published.iso()),
                }
            })
            .collect();
        rows.sort_by(|a, b| a.summary.name.cmp(b.summary.name));
        rows
    }

    /// Links to every rating group with its national count.
    pub fn rating_links(&self) -> Vec<GroupLink<'c>> {
        self.group_links(|g| g.authorities.len(), None)
    }

    pub fn authorities_data(&self) -> DataBehind {
        DataBehind {
            json: self.link(&rel::data("authorities.json")),
            csv: Some(self.link(&rel::data("authorities.csv"))),
        }
    }

    fn inspections_data(&self) -> DataBehind {
        DataBehind {
            json: self.link(&rel::data("inspections.json")),
            csv: Some(self.link(&rel::data("inspections.csv"))),
        }
    }

    /// Links to the rating groups; `count` says how many of `among` each holds.
    fn group_links(
        &self,
        count: impl Fn(&RatingGroup) -> usize,
        current: Option<usize>,
    ) -> Vec<GroupLink<'c>> {
        self.site
            .rating_groups
            .iter()
            .enumerate()
            .map(|(i, g)| GroupLink {
                label: g.label(),
                grade: g.grade.map(GradeView::from),
                url: self.link(&rel::ratings(g.key.slug())),
                count: count(g),
                current: current == Some(i),
            })
            .collect()
    }

    /// The region-by-rating table: a column for each rating some authority holds.
    pub fn region_table(&self) -> RegionTable<'c> {
        let site = self.site;
        let held: Vec<&RatingGroup> = site
            .rating_groups
            .iter()
            .filter(|g| !g.authorities.is_empty())
            .collect();
        RegionTable {
            columns: self
                .group_links(|g| g.authorities.len(), None)
                .into_iter()
                .filter(|l| l.count > 0)
                .collect(),
            rows: site
                .regions
                .iter()
                .map(|r| RegionRow {
                    name: r.name,
                    url: self.link(&rel::region(&r.slug)),
                    total: r.authorities.len(),
                    counts: held.iter().map(|g| r.count_in(g)).collect(),
                })
                .collect(),
            total: site.authorities.len(),
        }
    }

    pub fn rating(&self, index: usize) -> RatingCx<'_> {
        let g = &self.site.rating_groups[index];
        let label = g.label();
        let (heading, explanation) = match g.key {
            RatingKey::Grade(_) => (
                format!("Authorities rated {label}"),
                "Authorities whose latest graded inspection gave this overall grade.",
            ),
            RatingKey::NoOverallGrade => (
                "Authorities rated without an overall grade".to_string(),
                "Authorities whose latest graded inspection was under a framework that gives no overall grade (from April 2026): they are rated by their judgement areas.",
            ),
            RatingKey::NotYetRated => (
                "Authorities not yet rated".to_string(),
                "Authorities with no graded inspection on record here.",
            ),
        };
        let crumbs = vec![
            self.home_crumb(),
            self.crumb("Ratings", &rel::ratings_index()),
        ];
        RatingCx {
            layout: self.layout(
                heading.clone(),
                "ratings",
                Some(&rel::ratings(g.key.slug())),
                crumbs,
            ),
            heading,
            explanation,
            authorities: self.authority_rows(&g.authorities),
            groups: self.group_links(|g| g.authorities.len(), Some(index)),
            data: self.authorities_data(),
        }
    }

    pub fn regions(&self) -> RegionsCx<'_> {
        RegionsCx {
            layout: self.layout(
                "Regions".into(),
                "regions",
                Some(&rel::regions()),
                vec![self.home_crumb()],
            ),
            table: self.region_table(),
            data: self.authorities_data(),
        }
    }

    pub fn region(&self, index: usize) -> RegionCx<'_> {
        let r = &self.site.regions[index];
        RegionCx {
            layout: self.layout(
                format!("Authorities in {}", r.name),
                "regions",
                Some(&rel::region(&r.slug)),
                vec![self.home_crumb(), self.crumb("Regions", &rel::regions())],
            ),
            name: r.name,
            authorities: self.authority_rows(&r.authorities),
            groups: self
                .group_links(|g| r.count_in(g), None)
                .into_iter()
                .filter(|l| l.count > 0)
                .collect(),
            regions_url: self.link(&rel::regions()),
            data: self.authorities_data(),
            map: self.map_view(Some(index)),
        }
    }

    fn year_views(&self, current: Option<i32>, with_inspections: bool) -> Vec<YearView<'c>> {
        self.site
            .years
            .iter()
            .map(|y| YearView {
                year: y.year,
                url: self.link(&rel::inspections_in(y.year)),
                current: current == Some(y.year),
                inspections: if with_inspections {
                    y.inspections
                        .iter()
                        .map(|i| self.inspection_summary(i))
                        .collect()
                } else {
                    Vec::new()
                },
            })
            .collect()
    }

    pub fn inspections(&self) -> InspectionsCx<'_> {
        InspectionsCx {
            layout: self.layout(
                "Inspections by year".into(),
                "inspections",
                Some(&rel::inspections()),
                vec![self.home_crumb()],
            ),
            total: self.site.content.inspections.len(),
            years: self.year_views(None, true),
            data: self.inspections_data(),
        }
    }

    pub fn inspections_in(&self, index: usize) -> YearCx<'_> {
        let y = &self.site.years[index];
        YearCx {
            layout: self.layout(
                format!("Inspections published in {}", y.year),
                "inspections",
                Some(&rel::inspections_in(y.year)),
                vec![
                    self.home_crumb(),
                    self.crumb("Inspections", &rel::inspections()),
                ],
            ),
            year: y.year,
            inspections: y
                .inspections
                .iter()
                .map(|i| self.inspection_summary(i))
                .collect(),
            years: self.year_views(Some(y.year), false),
            all_url: self.link(&rel::inspections()),
            data: self.inspections_data(),
        }
    }

    pub fn framework(&self, index: usize) -> FrameworkCx<'_> {
        let fw = &self.site.content.frameworks;
        let f = &fw.frameworks[index];
        FrameworkCx {
            layout: self.layout(
                f.name.clone(),
                "frameworks",
                Some(&rel::framework(&f.id)),
                vec![
                    self.home_crumb(),
                    self.crumb("Frameworks", &rel::frameworks()),
                ],
            ),
            framework: FrameworkView::of(f, self.link(&rel::framework(&f.id))),
            grades: fw
                .scale_of(f)
                .map(|s| grades_of(s).map(GradeView::from).collect())
                .unwrap_or_default(),
            inspections: (self.site.inspections_under(&f.id).into_iter())
                .map(|i| self.inspection_summary(i))
                .collect(),
            frameworks_url: self.link(&rel::frameworks()),
            data: self.inspections_data(),
        }
    }
}
