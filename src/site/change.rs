//! Change since the previous inspection: for each judgement of a graded
//! inspection, how it compares by rank with the same judgement of the
//! authority's previous graded inspection (the contract's rule), and the
//! changes of headline rating across the country.

use serde::Serialize;

use super::AuthorityFacts;
use super::rating::{self, RatedGrade, is_graded};
use crate::content::{Frameworks, Inspection, OVERALL};

/// How a judgement moved since the previous graded inspection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Change {
    Improved,
    Declined,
    Unchanged,
    /// No previous graded inspection, or no judgement of that key in it.
    NotComparable,
}

impl Change {
    /// The words a page shows.
    pub fn label(self) -> &'static str {
        match self {
            Change::Improved => "Improved",
            Change::Declined => "Declined",
            Change::Unchanged => "Unchanged",
            Change::NotComparable => "Not comparable",
        }
    }

    fn between(before: Option<RatedGrade>, now: RatedGrade) -> Change {
        match before {
            None => Change::NotComparable,
            Some(b) if now.rank < b.rank => Change::Improved,
            Some(b) if now.rank > b.rank => Change::Declined,
            Some(_) => Change::Unchanged,
        }
    }
}

/// The graded inspection before `i` among an authority's inspections (in
/// any order), by publication date then slug, as the rating rule orders them.
pub fn previous_graded<'c>(
    fw: &Frameworks,
    inspections: &[&'c Inspection],
    i: &Inspection,
) -> Option<&'c Inspection> {
    inspections
        .iter()
        .copied()
        .filter(|p| is_graded(fw, p) && (p.published, &p.slug) < (i.published, &i.slug))
        .max_by(|a, b| (a.published, &a.slug).cmp(&(b.published, &b.slug)))
}

/// Each of `i`'s judgements (key, in its file's order) with its change.
pub fn judgement_changes(
    fw: &Frameworks,
    inspections: &[&Inspection],
    i: &Inspection,
) -> Vec<(String, Change)> {
    let previous = previous_graded(fw, inspections, i);
    i.grades
        .iter()
        .filter_map(|(key, grade)| {
            let now = rating::rated(fw, i, grade)?;
            let before = previous
                .and_then(|p| p.grade(key).map(|g| (p, g)))
                .and_then(|(p, g)| rating::rated(fw, p, g));
            Some((key.clone(), Change::between(before, now)))
        })
        .collect()
}

/// A change of an authority's headline grade between two graded inspections.
#[derive(Debug, Clone, Copy)]
pub struct RatingChange<'c> {
    pub authority: &'c str,
    pub inspection: &'c Inspection,
    pub from: RatedGrade<'c>,
    pub to: RatedGrade<'c>,
    pub change: Change,
}

/// Every change of an overall grade across the country, newest first (at
/// the same date, by authority, descending).
pub fn all_rating_changes<'c>(
    fw: &'c Frameworks,
    authorities: &[AuthorityFacts<'c>],
) -> Vec<RatingChange<'c>> {
    let mut changes: Vec<RatingChange> = authorities
        .iter()
        .flat_map(|a| rating_changes(fw, &a.authority.slug, &a.inspections))
        .collect();
    changes.sort_by(|a, b| {
        (b.inspection.published, b.authority).cmp(&(a.inspection.published, a.authority))
    });
    changes
}

/// Every change of overall grade in one authority's history (inspections
/// oldest first): an inspection whose overall grade differs by rank from the
/// overall grade of the previous graded inspection.
pub fn rating_changes<'c>(
    fw: &'c Frameworks,
    authority: &'c str,
    inspections: &[&'c Inspection],
) -> Vec<RatingChange<'c>> {
    inspections
        .iter()
        .filter_map(|i| {
            let to = rating::overall(fw, i)?;
            let previous = previous_graded(fw, inspections, i)?;
            let from = rating::rated(fw, previous, previous.grade(OVERALL)?)?;
            let change = Change::between(Some(from), to);
            (change != Change::Unchanged).then_some(RatingChange {
                authority,
                inspection: i,
                from,
                to,
                change,
            })
        })
        .collect()
}
