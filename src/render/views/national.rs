//! The national picture: the map (home and region pages, `/map.svg`) and
//! `/ratings/` (every rating with its count, and grades over time as a
//! stacked bar chart beside a table of the same figures).

use serde::Serialize;

use super::browse::{DataBehind, GroupLink};
use super::charts::{self, Series, StackedChart};
use super::{Layout, Views};
use crate::render::map::{self, MapSpec};
use crate::site::browse::RatingKey;
use crate::site::urls::rel;

/// The map on a page.
#[derive(Serialize)]
pub struct MapView {
    /// SVG written by quick-xml, which escapes every text and attribute, so
    /// the template puts it in as it is.
    pub svg: String,
    pub file_url: String,
    /// Authorities without a hexagon, listed under the map.
    pub missing: Vec<MissingLink>,
}

#[derive(Serialize)]
pub struct MissingLink {
    pub name: String,
    pub url: String,
}

/// One date's row of the grades-over-time table.
#[derive(Serialize)]
pub struct DateRow {
    pub label: String,
    pub iso: String,
    pub counts: Vec<usize>,
}

#[derive(Serialize)]
pub struct RatingsCx<'a> {
    pub layout: Layout<'a>,
    pub groups: Vec<GroupLink<'a>>,
    pub total: usize,
    /// The ratings held at some date: the table's columns, the chart's series.
    pub columns: Vec<String>,
    pub chart: Option<StackedChart>,
    pub rows: Vec<DateRow>,
    pub data: DataBehind,
    pub authorities_data: DataBehind,
}

impl<'c> Views<'_, 'c> {
    /// The map for the home page (`region: None`) or a region's page.
    pub fn map_view(&self, region: Option<usize>) -> Option<MapView> {
        let site = self.site;
        let m = site.map.as_ref()?;
        let (title, desc) = match region {
            None => (
                "Map of England's children's services by current Ofsted rating".to_string(),
                "Each hexagon is a local authority, placed roughly where it is in England and coloured by its current rating; the legend gives each rating's colour and count.".to_string(),
            ),
            Some(r) => {
                let name = site.regions[r].name;
                (
                    format!("Map of England with the authorities of {name} picked out by current Ofsted rating"),
                    format!("Each hexagon is a local authority; those in {name} are coloured by their current rating and link to their pages, the others are grey."),
                )
            }
        };
        let spec = MapSpec {
            region,
            standalone: false,
            title: &title,
            desc,
        };
        let picked = |i: &usize| region.is_none_or(|r| site.regions[r].authorities.contains(i));
        Some(MapView {
            svg: map::svg(site, m, &spec),
            file_url: self.link(&rel::map_svg()),
            missing: m
                .missing
                .iter()
                .filter(|i| picked(i))
                .map(|&i| {
                    let a = &site.authorities[i].authority;
                    MissingLink {
                        name: a.name.clone(),
                        url: self.link(&rel::authority(&a.slug)),
                    }
                })
                .collect(),
        })
    }

    /// `/map.svg`: the whole country, links absolute, dated.
    pub fn map_file(&self) -> String {
        let site = self.site;
        let Some(m) = site.map.as_ref() else {
            return String::new();
        };
        let title = format!(
            "Current Ofsted ratings of children's services in England, from {}",
            site.content.site.title
        );
        let desc = match site.latest_publication {
            Some(d) => format!(
                "Each hexagon is a local authority, coloured by its current rating and linking to its page. The ratings reflect every report published up to {}.",
                d.human()
            ),
            None => {
                "Each hexagon is a local authority; no inspection is on record yet.".to_string()
            }
        };
        let spec = MapSpec {
            region: None,
            standalone: true,
            title: &title,
            desc,
        };
        let mut svg = map::svg(site, m, &spec);
        svg.push('\n');
        svg
    }

    pub fn ratings(&self) -> RatingsCx<'_> {
        let site = self.site;
        let groups = &site.rating_groups;
        let series: Vec<Series> = groups
            .iter()
            .map(|g| Series {
                label: g.label().to_string(),
                class: match (g.key, g.grade) {
                    (RatingKey::NotYetRated, _) => "unrated".to_string(),
                    (_, Some(grade)) => format!("tone-{}", grade.tone()),
                    _ => "tone-0".to_string(),
                },
            })
            .collect();
        // Only ratings someone held at some date are drawn and tabled.
        let held: Vec<usize> = (0..groups.len())
            .filter(|&g| site.ratings_by_year.iter().any(|at| at.counts[g] > 0))
            .collect();
        let last = site.ratings_by_year.len().saturating_sub(1);
        let rows: Vec<DateRow> = site
            .ratings_by_year
            .iter()
            .enumerate()
            .map(|(n, at)| DateRow {
                label: if n == last {
                    at.as_at.format("%-d %B %Y").to_string()
                } else {
                    at.as_at.format("%Y").to_string()
                },
                iso: at.as_at.format("%Y-%m-%d").to_string(),
                counts: held.iter().map(|&g| at.counts[g]).collect(),
            })
            .collect();
        let chart_series: Vec<Series> = held
            .iter()
            .map(|&g| Series {
                label: series[g].label.clone(),
                class: series[g].class.clone(),
            })
            .collect();
        let bars: Vec<(String, Vec<usize>)> = rows
            .iter()
            .map(|r| (r.label.clone(), r.counts.clone()))
            .collect();
        RatingsCx {
            layout: self.layout(
                "Ratings".into(),
                "ratings",
                Some(&rel::ratings_index()),
                vec![self.home_crumb()],
            ),
            groups: self.rating_links(),
            columns: chart_series.iter().map(|s| s.label.clone()).collect(),
            total: site.authorities.len(),
            chart: (!rows.is_empty()).then(|| charts::stacked_chart(&chart_series, &bars)),
            rows,
            data: DataBehind {
                json: self.link(&rel::data("ratings-by-year.json")),
                csv: Some(self.link(&rel::data("ratings-by-year.csv"))),
            },
            authorities_data: self.authorities_data(),
        }
    }
}
