//! Browsing the country: authorities grouped by region and by current rating,
//! inspections grouped by year. Each grouping is computed once, here, and the
//! browse pages and their counts read it.

use super::rating::{self, CurrentRating, RatedGrade, grades_of};
use super::{AuthorityFacts, Site};
use crate::content::{Frameworks, Inspection};

/// One region and its authorities (indexes into `Site::authorities`).
#[derive(Debug)]
pub struct Region<'c> {
    pub name: &'c str,
    /// The name in slug form: `yorkshire-and-the-humber`.
    pub slug: String,
    pub authorities: Vec<usize>,
}

impl Region<'_> {
    /// How many of this region's authorities are in a rating group.
    pub fn count_in(&self, group: &RatingGroup) -> usize {
        group
            .authorities
            .iter()
            .filter(|a| self.authorities.binary_search(a).is_ok())
            .count()
    }
}

/// What an authority's current rating is, as `/ratings/<key>/` groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingKey<'c> {
    /// A headline grade id (`good` on any scale).
    Grade(&'c str),
    NoOverallGrade,
    NotYetRated,
}

impl<'c> RatingKey<'c> {
    pub fn of(current: &CurrentRating<'c>) -> RatingKey<'c> {
        match current {
            CurrentRating::NotYetRated => RatingKey::NotYetRated,
            CurrentRating::Rated { headline: None, .. } => RatingKey::NoOverallGrade,
            CurrentRating::Rated {
                headline: Some(h), ..
            } => RatingKey::Grade(h.id),
        }
    }

    /// The URL segment: the grade id, `no-overall-grade` or `not-yet-rated`.
    pub fn slug(&self) -> &'c str {
        match self {
            RatingKey::Grade(id) => id,
            RatingKey::NoOverallGrade => "no-overall-grade",
            RatingKey::NotYetRated => "not-yet-rated",
        }
    }
}

/// One `/ratings/<key>/` page: the authorities at that rating.
#[derive(Debug)]
pub struct RatingGroup<'c> {
    pub key: RatingKey<'c>,
    /// The grade as its scale words it; `None` for the two groups without one.
    pub grade: Option<RatedGrade<'c>>,
    pub authorities: Vec<usize>,
}

impl<'c> RatingGroup<'c> {
    /// "Requires improvement to be good", "No overall grade", "Not yet rated".
    pub fn label(&self) -> &'c str {
        match (self.key, self.grade) {
            (_, Some(grade)) => grade.label,
            (RatingKey::NoOverallGrade, _) => rating::NO_OVERALL_GRADE,
            _ => rating::NOT_YET_RATED,
        }
    }
}

/// Inspections published in one year, newest first.
#[derive(Debug)]
pub struct Year<'c> {
    pub year: i32,
    pub inspections: Vec<&'c Inspection>,
}

/// Regions in name order.
pub fn regions<'c>(authorities: &[AuthorityFacts<'c>]) -> Vec<Region<'c>> {
    let mut names: Vec<&str> = authorities
        .iter()
        .map(|a| a.authority.region.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let members: Vec<usize> = (0..authorities.len())
                .filter(|&i| authorities[i].authority.region == name)
                .collect();
            Region {
                name,
                slug: slug::slugify(name),
                authorities: members,
            }
        })
        .collect()
}

/// A group for every headline grade a framework with an overall judgement
/// can give (best first; a grade id shared by scales is one group), then
/// "no overall grade" and "not yet rated". Groups exist even when empty, so
/// their addresses never disappear while the frameworks stay.
pub fn rating_groups<'c>(
    fw: &'c Frameworks,
    authorities: &[AuthorityFacts<'c>],
) -> Vec<RatingGroup<'c>> {
    let mut grades: Vec<RatedGrade> = fw
        .frameworks
        .iter()
        .filter(|f| f.has_overall())
        .filter_map(|f| fw.scale_of(f))
        .flat_map(grades_of)
        .collect();
    grades.sort_by_key(|g| g.rank);
    let mut keys: Vec<(RatingKey, Option<RatedGrade>)> = Vec::new();
    for g in grades {
        if !keys.iter().any(|(k, _)| *k == RatingKey::Grade(g.id)) {
            keys.push((RatingKey::Grade(g.id), Some(g)));
        }
    }
    keys.push((RatingKey::NoOverallGrade, None));
    keys.push((RatingKey::NotYetRated, None));
    keys.into_iter()
        .map(|(key, grade)| RatingGroup {
            key,
            grade,
            authorities: (0..authorities.len())
                .filter(|&i| RatingKey::of(&authorities[i].current) == key)
                .collect(),
        })
        .collect()
}

/// Every year with a published inspection, newest first.
pub fn years<'c>(inspections: &'c [Inspection]) -> Vec<Year<'c>> {
    let mut all: Vec<&Inspection> = inspections.iter().collect();
    all.sort_by(|a, b| {
        (b.published, &b.authority, &b.slug).cmp(&(a.published, &a.authority, &a.slug))
    });
    let mut years: Vec<Year> = Vec::new();
    for i in all {
        match years.last_mut() {
            Some(y) if y.year == i.published.year() => y.inspections.push(i),
            _ => years.push(Year {
                year: i.published.year(),
                inspections: vec![i],
            }),
        }
    }
    years
}

impl<'c> AuthorityFacts<'c> {
    /// The inspection or visit after `i` in this authority's history.
    pub fn next_after(&self, i: &Inspection) -> Option<&'c Inspection> {
        let at = self.inspections.iter().position(|x| std::ptr::eq(*x, i))?;
        self.inspections.get(at + 1).copied()
    }
}

impl<'c> Site<'c> {
    /// Every year with an inspection published or a response dated, newest
    /// first (the search page's filter).
    pub fn record_years(&self) -> Vec<i32> {
        let c = self.content;
        let mut years: Vec<i32> = c
            .inspections
            .iter()
            .map(|i| i.published.year())
            .chain(c.responses.iter().map(|r| r.date.year()))
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }

    /// The inspections under a framework, newest first (ties by authority,
    /// descending, then in the content's order).
    pub fn inspections_under(&self, framework: &str) -> Vec<&'c Inspection> {
        let mut inspections: Vec<&Inspection> = self
            .content
            .inspections
            .iter()
            .filter(|i| i.framework == framework)
            .collect();
        inspections.sort_by(|a, b| (b.published, &b.authority).cmp(&(a.published, &a.authority)));
        inspections
    }

    /// The rating group an authority is in.
    pub fn rating_group_of(&self, authority: usize) -> Option<usize> {
        self.rating_groups
            .iter()
            .position(|g| g.authorities.binary_search(&authority).is_ok())
    }
}
