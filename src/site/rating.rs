//! The rating rule: an authority's current rating is its graded inspection with
//! the latest `published` date; ungraded visits never change it. When that
//! inspection's framework has no overall judgement there is no headline grade,
//! and the last overall grade before it is kept as history, never as current.

use crate::content::{Frameworks, Inspection, OVERALL, Scale};

/// A grade as the inspectorate wrote it, with its rank for comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatedGrade<'c> {
    pub id: &'c str,
    pub label: &'c str,
    /// 1 = best.
    pub rank: usize,
    /// Number of grades on its scale.
    pub scale_len: usize,
    pub scale: &'c str,
}

/// An overall grade with the inspection that gave it.
#[derive(Debug, Clone, Copy)]
pub struct OverallGrade<'c> {
    pub grade: RatedGrade<'c>,
    pub inspection: &'c Inspection,
}

/// The words for an authority rated by an inspection with no overall grade:
/// the one place they are written (views, badges, search and the templates'
/// contexts all read them from here).
pub const NO_OVERALL_GRADE: &str = "No overall grade";
/// The words for an authority with no graded inspection.
pub const NOT_YET_RATED: &str = "Not yet rated";
/// The words for an inspection that gives no grades (a focused visit).
pub const NOT_GRADED: &str = "Not graded";

/// What the site says about an authority's rating today.
#[derive(Debug, Clone, Copy)]
pub enum CurrentRating<'c> {
    NotYetRated,
    Rated {
        /// The latest graded inspection.
        inspection: &'c Inspection,
        /// Its overall grade; `None` when its framework has no overall judgement.
        headline: Option<RatedGrade<'c>>,
        /// When `headline` is `None`: the latest earlier overall grade, if any.
        last_overall: Option<OverallGrade<'c>>,
    },
}

impl<'c> CurrentRating<'c> {
    pub fn inspection(&self) -> Option<&'c Inspection> {
        match self {
            CurrentRating::NotYetRated => None,
            CurrentRating::Rated { inspection, .. } => Some(inspection),
        }
    }

    /// The rating in words: the overall grade's label, [`NO_OVERALL_GRADE`]
    /// or [`NOT_YET_RATED`].
    pub fn words(&self) -> &'c str {
        match self {
            CurrentRating::NotYetRated => NOT_YET_RATED,
            CurrentRating::Rated {
                headline: Some(g), ..
            } => g.label,
            CurrentRating::Rated { headline: None, .. } => NO_OVERALL_GRADE,
        }
    }
}

impl<'c> RatedGrade<'c> {
    /// The grade's colour tone, 1 (best) to 4 (worst), spread over its
    /// scale: pages, badges, charts and the map colour by it, never using
    /// colour alone to carry meaning.
    pub fn tone(&self) -> usize {
        if self.scale_len <= 1 {
            1
        } else {
            1 + (self.rank - 1) * 3 / (self.scale_len - 1)
        }
    }

    /// The `index`th grade (0 = best) of a scale, with its rank.
    pub fn on_scale(scale: &'c Scale, index: usize) -> RatedGrade<'c> {
        let grade = &scale.grades[index];
        RatedGrade {
            id: &grade.id,
            label: &grade.label,
            rank: index + 1,
            scale_len: scale.grades.len(),
            scale: &scale.id,
        }
    }
}

/// Every grade of a scale, best first.
pub fn grades_of(scale: &Scale) -> impl Iterator<Item = RatedGrade<'_>> {
    (0..scale.grades.len()).map(|i| RatedGrade::on_scale(scale, i))
}

/// How many authorities are at each current rating: each grade held by at
/// least one authority (ordered by rank, then by the scale's position in
/// frameworks.yaml, so grades of different scales keep their own words),
/// then those rated with no overall grade, and those not yet rated.
#[derive(Debug, Default)]
pub struct RatingCounts<'c> {
    pub by_grade: Vec<(RatedGrade<'c>, usize)>,
    pub no_overall: usize,
    pub not_rated: usize,
}

impl<'c> RatingCounts<'c> {
    pub fn count(fw: &'c Frameworks, ratings: &[CurrentRating<'c>]) -> RatingCounts<'c> {
        let mut counts = RatingCounts::default();
        let mut graded: Vec<((usize, usize), RatedGrade<'c>, usize)> = Vec::new();
        for (si, scale) in fw.scales.iter().enumerate() {
            for grade in grades_of(scale) {
                let count = ratings
                    .iter()
                    .filter(|r| matches!(r, CurrentRating::Rated { headline: Some(h), .. } if h.scale == scale.id && h.id == grade.id))
                    .count();
                if count > 0 {
                    graded.push(((grade.rank, si), grade, count));
                }
            }
        }
        graded.sort_by_key(|(key, _, _)| *key);
        counts.by_grade = graded.into_iter().map(|(_, g, n)| (g, n)).collect();
        for r in ratings {
            match r {
                CurrentRating::Rated { headline: None, .. } => counts.no_overall += 1,
                CurrentRating::NotYetRated => counts.not_rated += 1,
                CurrentRating::Rated { .. } => {}
            }
        }
        counts
    }
}

/// One judgement's grade in an inspection: the grade id as written and, when
/// that id is on the scale of the inspection's framework, the grade it names.
#[derive(Debug, Clone, Copy)]
pub struct JudgementGrade<'c> {
    pub key: &'c str,
    pub id: &'c str,
    pub grade: Option<RatedGrade<'c>>,
}

impl<'c> JudgementGrade<'c> {
    /// The grade in words: its label, or the id as written when the scale
    /// has no such grade.
    pub fn label(&self) -> &'c str {
        self.grade.map_or(self.id, |g| g.label)
    }
}

/// What the rating rule makes of one inspection's grades, computed once when
/// the site is built (see [`crate::site::Site::grades_of`]); views, data
/// files, feeds, badges and search only read it.
#[derive(Debug, Clone)]
pub struct InspectionGrades<'c> {
    /// A graded framework and at least one grade (see [`is_graded`]).
    pub graded: bool,
    /// Its overall grade, if it has one.
    pub headline: Option<RatedGrade<'c>>,
    /// Each of its grades, in its file's order.
    pub judgements: Vec<JudgementGrade<'c>>,
}

impl<'c> InspectionGrades<'c> {
    pub fn of(fw: &'c Frameworks, inspection: &'c Inspection) -> InspectionGrades<'c> {
        InspectionGrades {
            graded: is_graded(fw, inspection),
            headline: overall(fw, inspection),
            judgements: inspection
                .grades
                .iter()
                .map(|(key, id)| JudgementGrade {
                    key,
                    id,
                    grade: rated(fw, inspection, id),
                })
                .collect(),
        }
    }

    /// The grade the inspection gives a judgement, as written.
    pub fn judgement(&self, key: &str) -> Option<&JudgementGrade<'c>> {
        self.judgements.iter().find(|j| j.key == key)
    }

    /// The grade the inspection gives a judgement, when it is on the scale.
    pub fn grade(&self, key: &str) -> Option<RatedGrade<'c>> {
        self.judgement(key).and_then(|j| j.grade)
    }

    /// Graded, but with no overall grade.
    pub fn no_overall(&self) -> bool {
        self.graded && self.headline.is_none()
    }

    /// The outcome in words: the overall grade's label, [`NO_OVERALL_GRADE`]
    /// or [`NOT_GRADED`].
    pub fn outcome(&self) -> &'c str {
        match (self.headline, self.graded) {
            (Some(g), _) => g.label,
            (None, true) => NO_OVERALL_GRADE,
            (None, false) => NOT_GRADED,
        }
    }
}

/// Looks a grade id up on the scale of an inspection's framework.
pub(super) fn rated<'c>(
    fw: &'c Frameworks,
    inspection: &Inspection,
    grade_id: &str,
) -> Option<RatedGrade<'c>> {
    let framework = fw.framework(&inspection.framework)?;
    let scale = fw.scale_of(framework)?;
    let (rank, _) = scale.grade(grade_id)?;
    Some(RatedGrade::on_scale(scale, rank - 1))
}

/// Is this inspection graded (a graded framework and at least one grade)?
pub(super) fn is_graded(fw: &Frameworks, inspection: &Inspection) -> bool {
    !inspection.grades.is_empty()
        && fw
            .framework(&inspection.framework)
            .is_some_and(|f| f.scale.is_some())
}

/// The overall grade of an inspection, if it has one.
pub(super) fn overall<'c>(
    fw: &'c Frameworks,
    inspection: &'c Inspection,
) -> Option<RatedGrade<'c>> {
    inspection
        .grade(OVERALL)
        .and_then(|g| rated(fw, inspection, g))
}

/// Applies the rating rule to one authority's inspections, in any order.
/// Ties on `published` go to the later slug, so the result never depends on
/// file-system order.
pub fn current_rating<'c>(fw: &'c Frameworks, inspections: &[&'c Inspection]) -> CurrentRating<'c> {
    let latest = inspections
        .iter()
        .copied()
        .filter(|i| is_graded(fw, i))
        .max_by(|a, b| (a.published, &a.slug).cmp(&(b.published, &b.slug)));
    let Some(inspection) = latest else {
        return CurrentRating::NotYetRated;
    };
    let headline = overall(fw, inspection);
    let last_overall = if headline.is_some() {
        None
    } else {
        inspections
            .iter()
            .copied()
            .filter(|i| i.published < inspection.published)
            .filter_map(|i| {
                overall(fw, i).map(|grade| OverallGrade {
                    grade,
                    inspection: i,
                })
            })
            .max_by(|a, b| {
                (a.inspection.published, &a.inspection.slug)
                    .cmp(&(b.inspection.published, &b.inspection.slug))
            })
    };
    CurrentRating::Rated {
        inspection,
        headline,
        last_overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Framework, Grade, Judgement, PartialDate, Scale, SourceFile};

    fn frameworks() -> Frameworks {
        let grades = |ids: &[&str]| {
            ids.iter()
                .map(|g| Grade {
                    id: g.to_string(),
                    label: g.to_uppercase(),
                })
                .collect()
        };
        let j = |keys: &[&str]| {
            keys.iter()
                .map(|k| Judgement {
                    key: k.to_string(),
                    label: k.to_string(),
                })
                .collect()
        };
        Frameworks {
            scales: vec![
                Scale {
                    id: "s13".into(),
                    grades: grades(&["outstanding", "good", "requires-improvement", "inadequate"]),
                },
                Scale {
                    id: "s09".into(),
                    grades: grades(&["outstanding", "good", "adequate", "inadequate"]),
                },
            ],
            frameworks: vec![
                Framework {
                    id: "ilacs".into(),
                    name: "ILACS".into(),
                    short: "ILACS".into(),
                    scale: Some("s13".into()),
                    judgements: j(&["overall", "leaders"]),
                },
                Framework {
                    id: "old".into(),
                    name: "Old".into(),
                    short: "Old".into(),
                    scale: Some("s09".into()),
                    judgements: j(&["overall"]),
                },
                Framework {
                    id: "new".into(),
                    name: "New".into(),
                    short: "New".into(),
                    scale: Some("s13".into()),
                    judgements: j(&["leaders", "care"]),
                },
                Framework {
                    id: "visit".into(),
                    name: "Visit".into(),
                    short: "FV".into(),
                    scale: None,
                    judgements: vec![],
                },
            ],
        }
    }

    fn insp(slug: &str, framework: &str, published: &str, grades: &[(&str, &str)]) -> Inspection {
        Inspection {
            authority: "a".into(),
            slug: slug.into(),
            framework: framework.into(),
            title: None,
            visit: None,
            published: PartialDate::parse(published).unwrap(),
            grades: grades
                .iter()
                .map(|(k, g)| (k.to_string(), g.to_string()))
                .collect(),
            report: None,
            strengths: vec![],
            concerns: vec![],
            recommendations: vec![],
            recommendation_count: None,
            quotes: vec![],
            notes: vec![],
            aliases: vec![],
            body: Default::default(),
            file: SourceFile::new(String::new(), "".into()),
        }
    }

    #[test]
    fn latest_graded_inspection_wins_and_visits_never_count() {
        let fw = frameworks();
        let a = insp("2010", "old", "2010", &[("overall", "adequate")]);
        let b = insp(
            "2019",
            "ilacs",
            "2019-07",
            &[("overall", "requires-improvement")],
        );
        let v = insp("2022", "visit", "2022-10", &[]);
        let r = current_rating(&fw, &[&v, &b, &a]);
        let CurrentRating::Rated {
            inspection,
            headline,
            last_overall,
        } = r
        else {
            panic!("rated")
        };
        assert_eq!(inspection.slug, "2019");
        assert_eq!(headline.unwrap().label, "REQUIRES-IMPROVEMENT");
        assert_eq!(headline.unwrap().rank, 3);
        assert!(last_overall.is_none());
    }

    #[test]
    fn only_visits_means_not_yet_rated() {
        let fw = frameworks();
        let v = insp("2022", "visit", "2022-10", &[]);
        assert!(matches!(
            current_rating(&fw, &[&v]),
            CurrentRating::NotYetRated
        ));
        assert!(matches!(
            current_rating(&fw, &[]),
            CurrentRating::NotYetRated
        ));
    }

    #[test]
    fn no_overall_framework_keeps_last_overall_as_history() {
        let fw = frameworks();
        let a = insp("2010", "old", "2010", &[("overall", "adequate")]);
        let b = insp("2019", "ilacs", "2019-07", &[("overall", "good")]);
        let c = insp("2026", "new", "2026-06", &[("leaders", "good")]);
        let CurrentRating::Rated {
            inspection,
            headline,
            last_overall,
        } = current_rating(&fw, &[&a, &c, &b])
        else {
            panic!()
        };
        assert_eq!(inspection.slug, "2026");
        assert!(headline.is_none());
        let last = last_overall.unwrap();
        assert_eq!(last.inspection.slug, "2019");
        assert_eq!(last.grade.id, "good");

        let CurrentRating::Rated { last_overall, .. } = current_rating(&fw, &[&c]) else {
            panic!()
        };
        assert!(last_overall.is_none(), "no earlier overall grade");
    }

    #[test]
    fn partial_dates_sort_at_their_earliest_day() {
        let fw = frameworks();
        let a = insp("x", "ilacs", "2019", &[("overall", "good")]);
        let b = insp("y", "ilacs", "2019-01-02", &[("overall", "inadequate")]);
        let r = current_rating(&fw, &[&b, &a]);
        assert_eq!(r.inspection().unwrap().slug, "y");
    }
}
