//! Grades over time, nationally: the rating rule applied as at the end of
//! each year from the first inspection's year, and as at the latest
//! publication date in the content (never the day of the build, so two
//! builds of the same content agree). An inspection counts from the earliest
//! day its partial date can mean, as everywhere else it is sorted.

use chrono::{Datelike, NaiveDate};

use super::AuthorityFacts;
use super::browse::{RatingGroup, RatingKey};
use super::rating::current_rating;
use crate::content::{Frameworks, Inspection};

/// How many authorities held each rating at one date.
#[derive(Debug)]
pub struct RatingsAt {
    pub as_at: NaiveDate,
    /// One count per rating group (in `Site::rating_groups` order); they sum
    /// to the number of authorities.
    pub counts: Vec<usize>,
}

/// The dates figures are given at: 31 December of each year from the first
/// inspection's up to the last that has ended by the latest publication,
/// then the latest publication itself (once, if it is a 31 December).
pub fn dates(inspections: &[Inspection]) -> Vec<NaiveDate> {
    let days = inspections.iter().map(|i| i.published.earliest_day());
    let (Some(first), Some(latest)) = (days.clone().min(), days.max()) else {
        return Vec::new();
    };
    let mut out: Vec<NaiveDate> = (first.year()..=latest.year())
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 12, 31))
        .filter(|d| *d < latest)
        .collect();
    out.push(latest);
    out
}

/// The rating rule as at `date`: only inspections published by then count.
pub fn rating_key_at<'c>(
    fw: &'c Frameworks,
    inspections: &[&'c Inspection],
    date: NaiveDate,
) -> RatingKey<'c> {
    let known: Vec<&Inspection> = inspections
        .iter()
        .copied()
        .filter(|i| i.published.earliest_day() <= date)
        .collect();
    RatingKey::of(&current_rating(fw, &known))
}

/// The figures at every date of [`dates`].
pub fn ratings_by_date<'c>(
    fw: &'c Frameworks,
    inspections: &[Inspection],
    authorities: &[AuthorityFacts<'c>],
    groups: &[RatingGroup<'c>],
) -> Vec<RatingsAt> {
    dates(inspections)
        .into_iter()
        .map(|as_at| {
            let mut counts = vec![0; groups.len()];
            for a in authorities {
                let key = rating_key_at(fw, &a.inspections, as_at);
                if let Some(g) = groups.iter().position(|g| g.key == key) {
                    counts[g] += 1;
                }
            }
            RatingsAt { as_at, counts }
        })
        .collect()
}
