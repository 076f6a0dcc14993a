//! The home page: counts, the chart of current ratings, the newest records.

use serde::Serialize;

use super::browse::RegionTable;
use super::charts::{self, BarChart, Bucket};
use super::{GradeView, InspectionSummary, Layout, ResponseSummary, Views};
use crate::site::rating;
use crate::site::urls::rel;

#[derive(Serialize)]
pub struct HomeCx<'a> {
    pub layout: Layout<'a>,
    pub authorities_url: String,
    pub frameworks_url: String,
    pub chart: BarChart<'a>,
    pub authorities: usize,
    pub inspections: usize,
    pub responses: usize,
    pub latest_inspections: Vec<InspectionSummary<'a>>,
    pub latest_responses: Vec<ResponseSummary<'a>>,
    /// Authorities by region and current rating.
    pub regions: RegionTable<'a>,
    pub regions_url: String,
    pub inspections_url: String,
    /// The newest changes of overall grade across the country.
    pub changes: Vec<ChangeView<'a>>,
    pub map: Option<super::MapView>,
    pub ratings_url: String,
}

/// An authority's overall grade moving between two inspections.
#[derive(Serialize)]
pub struct ChangeView<'a> {
    pub inspection: InspectionSummary<'a>,
    pub from: GradeView<'a>,
    pub to: GradeView<'a>,
    pub change: &'static str,
}

/// How many of the newest inspections and responses the home page lists.
const NEWEST: usize = 10;

impl<'c> Views<'_, 'c> {
    pub fn home(&self) -> HomeCx<'_> {
        let site = self.site;
        let c = site.content;
        let mut layout = self.layout(c.site.title.clone(), "home", Some(&rel::home()), Vec::new());
        layout.description = c.site.description.clone();
        HomeCx {
            layout,
            authorities_url: self.link(&rel::authorities()),
            frameworks_url: self.link(&rel::frameworks()),
            chart: charts::bar_chart(self.rating_buckets()),
            authorities: site.authorities.len(),
            inspections: c.inspections.len(),
            responses: c.responses.len(),
            latest_inspections: site
                .newest_inspections(NEWEST)
                .into_iter()
                .map(|i| self.inspection_summary(i))
                .collect(),
            latest_responses: site
                .newest_responses(NEWEST)
                .into_iter()
                .map(|r| self.response_summary(r))
                .collect(),
            regions: self.region_table(),
            map: self.map_view(None),
            ratings_url: self.link(&rel::ratings_index()),
            regions_url: self.link(&rel::regions()),
            inspections_url: self.link(&rel::inspections()),
            changes: site
                .rating_changes
                .iter()
                .take(NEWEST)
                .map(|c| ChangeView {
                    inspection: self.inspection_summary(c.inspection),
                    from: c.from.into(),
                    to: c.to.into(),
                    change: c.change.label(),
                })
                .collect(),
        }
    }

    /// The chart's bars: the site's count of authorities at each current
    /// grade, then "No overall grade" (only when there are some) and "Not
    /// yet rated".
    fn rating_buckets(&self) -> Vec<Bucket<'c>> {
        let counts = &self.site.rating_counts;
        let mut buckets: Vec<Bucket<'c>> = counts
            .by_grade
            .iter()
            .map(|&(grade, count)| Bucket {
                label: grade.label.to_string(),
                count,
                tone: grade.tone(),
                grade: Some(GradeView::from(grade)),
            })
            .collect();
        if counts.no_overall > 0 {
            buckets.push(Bucket {
                label: rating::NO_OVERALL_GRADE.into(),
                count: counts.no_overall,
                tone: 0,
                grade: None,
            });
        }
        buckets.push(Bucket {
            label: rating::NOT_YET_RATED.into(),
            count: counts.not_rated,
            tone: 0,
            grade: None,
        });
        buckets
    }
}
