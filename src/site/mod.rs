//! The site model: facts derived from the content once, then only read.
//!
//! For each authority: its inspections and responses in date order, its current
//! rating, and a timeline; for each inspection: the responses that answer it; for
//! each speaker: every quote they gave. Rendering borrows from this; nothing here
//! touches the disk or produces markup.

pub mod browse;
pub mod change;
pub mod hexmap;
pub mod history;
pub mod people;
pub mod rating;
pub mod urls;

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::content::{Authority, Content, Inspection, PartialDate, Response};
pub use people::{Person, QuoteRef};
pub use rating::{CurrentRating, InspectionGrades, RatedGrade, RatingCounts};
pub use urls::Urls;

/// Who an inspection's quote is shown as said by when it names no speaker.
pub const INSPECTORS: &str = "Ofsted inspectors";

/// One authority with everything derived about it.
#[derive(Debug)]
pub struct AuthorityFacts<'c> {
    pub authority: &'c Authority,
    /// Oldest first.
    pub inspections: Vec<&'c Inspection>,
    /// Oldest first.
    pub responses: Vec<&'c Response>,
    pub current: CurrentRating<'c>,
    /// For each of `inspections` (same order): each judgement's change since
    /// the previous graded inspection (see [`change::judgement_changes`]).
    pub judgement_changes: Vec<Vec<(String, change::Change)>>,
}

/// An entry of an authority's timeline.
#[derive(Debug, Clone, Copy)]
pub enum TimelineItem<'c> {
    Inspection(&'c Inspection),
    Response(&'c Response),
}

impl TimelineItem<'_> {
    pub fn date(&self) -> PartialDate {
        match self {
            TimelineItem::Inspection(i) => i.published,
            TimelineItem::Response(r) => r.date,
        }
    }
}

impl<'c> AuthorityFacts<'c> {
    /// The change of each of an inspection's judgements (key, change), for
    /// one of this authority's inspections.
    pub fn changes_of(&self, i: &Inspection) -> &[(String, change::Change)] {
        self.inspections
            .iter()
            .position(|x| std::ptr::eq(*x, i))
            .map_or(&[], |n| &self.judgement_changes[n])
    }

    /// The change of an inspection's overall grade, if it has one.
    pub fn overall_change_of(&self, i: &Inspection) -> Option<change::Change> {
        self.changes_of(i)
            .iter()
            .find(|(k, _)| k == crate::content::OVERALL)
            .map(|(_, c)| *c)
    }

    /// The date of the authority's newest inspection or response.
    pub fn newest_record(&self) -> Option<PartialDate> {
        self.inspections
            .iter()
            .map(|i| i.published)
            .chain(self.responses.iter().map(|r| r.date))
            .max()
    }

    /// Inspections and responses interleaved, newest first; at the same date an
    /// inspection comes after (below) the responses to it.
    pub fn timeline(&self) -> Vec<TimelineItem<'c>> {
        let mut items: Vec<TimelineItem<'c>> = self
            .inspections
            .iter()
            .map(|i| TimelineItem::Inspection(i))
            .chain(self.responses.iter().map(|r| TimelineItem::Response(r)))
            .collect();
        items.sort_by(|a, b| {
            let key = |t: &TimelineItem| match t {
                TimelineItem::Inspection(i) => (t.date(), 0, i.slug.clone()),
                TimelineItem::Response(r) => (t.date(), 1, r.slug.clone()),
            };
            key(b).cmp(&key(a))
        });
        items
    }
}

/// Everything derived from the content.
#[derive(Debug)]
pub struct Site<'c> {
    pub content: &'c Content,
    pub urls: Urls,
    /// Sorted by slug.
    pub authorities: Vec<AuthorityFacts<'c>>,
    /// Each authority's place in `authorities`, by slug.
    authority_at: HashMap<&'c str, usize, Fast>,
    /// Responses answering each (authority, inspection), oldest first.
    responses_to: Answers<'c>,
    /// Each inspection's grades on its framework's scale (see
    /// [`Site::grades_of`]).
    grades: ByRecord<'c, Inspection, InspectionGrades<'c>>,
    /// The `id` of each quote of each inspection and response, in order.
    /// (Made when first asked for: `serve` needs only those of the pages
    /// it renders first after an edit.)
    inspection_anchors: ByRecord<'c, Inspection, OnceLock<Vec<String>>>,
    response_anchors: ByRecord<'c, Response, OnceLock<Vec<String>>>,
    /// Sorted by name.
    pub people: Vec<Person<'c>>,
    /// Each person's place in `people`, by name.
    person_at: HashMap<&'c str, usize, Fast>,
    /// How many authorities are at each current rating.
    pub rating_counts: RatingCounts<'c>,
    /// Regions in name order, with their authorities and counts.
    pub regions: Vec<browse::Region<'c>>,
    /// Authorities by current rating, for `/ratings/<key>/`.
    pub rating_groups: Vec<browse::RatingGroup<'c>>,
    /// Inspections by year of publication, newest first.
    pub years: Vec<browse::Year<'c>>,
    /// Every change of an overall grade across the country, newest first.
    pub rating_changes: Vec<change::RatingChange<'c>>,
    /// How many authorities held each rating at each year's end and at the
    /// latest publication (counts in `rating_groups` order).
    pub ratings_by_year: Vec<history::RatingsAt>,
    /// The latest `published` date of any inspection: the date the current
    /// ratings (and the map) reflect.
    pub latest_publication: Option<PartialDate>,
    /// The map of England, when the content has `map.hexjson`.
    pub map: Option<hexmap::SiteMap>,
}

/// A hasher for the site's short keys (slugs, names): much faster than the
/// standard library's, and these maps are only looked up, never iterated.
type Fast = foldhash::fast::FixedState;

/// A fact about each inspection (or each response), found from the record
/// without a search.
pub struct ByRecord<'c, R, T> {
    records: &'c [R],
    /// In the order of `records`.
    facts: Vec<T>,
}

impl<'c, R: Record + Sync, T: Send> ByRecord<'c, R, T> {
    /// The `fact` of each of `records`, made on every core.
    pub fn of(records: &'c [R], fact: impl Fn(&'c R) -> T + Send + Sync) -> ByRecord<'c, R, T> {
        ByRecord {
            records,
            facts: records.par_iter().map(fact).collect(),
        }
    }

    /// The fact of `record`, one of this site's records.
    pub fn get(&self, record: &R) -> &T {
        let at = self.place(record).expect("a record of this site's content");
        &self.facts[at]
    }

    /// Where `record` is in `records`: found from its address (the site's
    /// records are all borrowed from that slice), or else by its key.
    fn place(&self, record: &R) -> Option<usize> {
        let size = std::mem::size_of::<R>().max(1);
        let offset = (record as *const R as usize).wrapping_sub(self.records.as_ptr() as usize);
        let at = offset / size;
        match self.records.get(at) {
            Some(r) if std::ptr::eq(r, record) => Some(at),
            _ => self.records.iter().position(|r| r.key() == record.key()),
        }
    }
}

impl<R, T> std::fmt::Debug for ByRecord<'_, R, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ByRecord({} facts)", self.facts.len())
    }
}

/// An inspection or a response: what [`ByRecord`] keys its facts by.
pub trait Record {
    fn key(&self) -> (&str, &str);
}

impl Record for Inspection {
    fn key(&self) -> (&str, &str) {
        (&self.authority, &self.slug)
    }
}

impl Record for Response {
    fn key(&self) -> (&str, &str) {
        (&self.authority, &self.slug)
    }
}

/// The `id` of each of an inspection's quotes, in order (see
/// [`urls::quote_anchors`]).
fn inspection_anchors(i: &Inspection) -> Vec<String> {
    let speakers = i.quotes.iter().map(|q| {
        let shown = q.speaker.as_deref().unwrap_or(INSPECTORS);
        (shown, q.text.as_str())
    });
    urls::quote_anchors(&urls::rel::inspection(&i.authority, &i.slug), speakers)
}

/// The `id` of each of a response's quotes, in order.
fn response_anchors(r: &Response) -> Vec<String> {
    let speakers = r.quotes.iter().map(|q| {
        let shown = q.speaker.as_deref().unwrap_or("");
        (shown, q.text.as_str())
    });
    urls::quote_anchors(&urls::rel::response(&r.authority, &r.slug), speakers)
}

/// Each authority's inspections and responses, and the responses answering
/// each (authority, inspection), all oldest first (in the content's order).
type Records<'c> = HashMap<&'c str, (Vec<&'c Inspection>, Vec<&'c Response>), Fast>;
type Answers<'c> = HashMap<&'c str, HashMap<&'c str, Vec<&'c Response>, Fast>, Fast>;

fn records_by_authority(content: &Content) -> (Records<'_>, Answers<'_>) {
    let mut by_authority: Records = HashMap::default();
    for i in &content.inspections {
        by_authority.entry(&i.authority).or_default().0.push(i);
    }
    let mut responses_to: Answers = HashMap::default();
    for r in &content.responses {
        by_authority.entry(&r.authority).or_default().1.push(r);
        for target in &r.responds_to {
            responses_to
                .entry(r.authority.as_str())
                .or_default()
                .entry(target.as_str())
                .or_default()
                .push(r);
        }
    }
    (by_authority, responses_to)
}

/// Every authority with its records, current rating and judgement changes.
fn authority_facts<'c>(content: &'c Content, mut records: Records<'c>) -> Vec<AuthorityFacts<'c>> {
    let fw = &content.frameworks;
    let each: Vec<_> = (content.authorities.iter())
        .map(|a| (a, records.remove(a.slug.as_str()).unwrap_or_default()))
        .collect();
    // Made on every core: `serve` makes them again after every edit.
    each.into_par_iter()
        .map(|(a, (inspections, responses))| {
            let current = rating::current_rating(fw, &inspections);
            let judgement_changes = inspections
                .iter()
                .map(|i| change::judgement_changes(fw, &inspections, i))
                .collect();
            AuthorityFacts {
                authority: a,
                inspections,
                responses,
                current,
                judgement_changes,
            }
        })
        .collect()
}

impl<'c> Site<'c> {
    pub fn new(content: &'c Content, base_url: &str) -> Site<'c> {
        let fw = &content.frameworks;
        // Made side by side, as far as they do not depend on each other:
        // `serve` makes the site model again after every edit, before it
        // serves the edited page.
        let ((authorities, responses_to), (people, years)) = rayon::join(
            || {
                let (records, responses_to) = records_by_authority(content);
                (authority_facts(content, records), responses_to)
            },
            || {
                rayon::join(
                    || people::gather(content),
                    || browse::years(&content.inspections),
                )
            },
        );
        let ratings: Vec<CurrentRating> = authorities.iter().map(|a| a.current).collect();
        let rating_groups = browse::rating_groups(fw, &authorities);
        let ((rating_changes, ratings_by_year), grades) = rayon::join(
            || {
                rayon::join(
                    || change::all_rating_changes(fw, &authorities),
                    || {
                        let inspections = &content.inspections;
                        history::ratings_by_date(fw, inspections, &authorities, &rating_groups)
                    },
                )
            },
            || ByRecord::of(&content.inspections, |i| InspectionGrades::of(fw, i)),
        );
        Site {
            content,
            urls: Urls::new(base_url),
            rating_counts: RatingCounts::count(fw, &ratings),
            regions: browse::regions(&authorities),
            ratings_by_year,
            latest_publication: content.inspections.iter().map(|i| i.published).max(),
            map: content
                .map
                .as_ref()
                .map(|m| hexmap::SiteMap::new(m, &authorities)),
            rating_groups,
            years,
            rating_changes,
            authority_at: (authorities.iter().enumerate())
                .map(|(n, a)| (a.authority.slug.as_str(), n))
                .collect(),
            authorities,
            responses_to,
            grades,
            inspection_anchors: ByRecord::of(&content.inspections, |_| OnceLock::new()),
            response_anchors: ByRecord::of(&content.responses, |_| OnceLock::new()),
            person_at: people
                .iter()
                .enumerate()
                .map(|(n, p)| (p.name, n))
                .collect(),
            people,
        }
    }

    /// An inspection's grades: whether it is graded, its overall grade, and
    /// each judgement's grade on its framework's scale.
    pub fn grades_of(&self, i: &Inspection) -> &InspectionGrades<'c> {
        self.grades.get(i)
    }

    pub fn authority(&self, slug: &str) -> Option<&AuthorityFacts<'c>> {
        let at = *self.authority_at.get(slug)?;
        Some(&self.authorities[at])
    }

    /// The responses that answer an inspection, oldest first.
    pub fn responses_to(&self, inspection: &Inspection) -> &[&'c Response] {
        self.responses_to
            .get(inspection.authority.as_str())
            .and_then(|m| m.get(inspection.slug.as_str()))
            .map_or(&[], Vec::as_slice)
    }

    /// The inspection a response names, if it exists.
    pub fn inspection(&self, authority: &str, slug: &str) -> Option<&'c Inspection> {
        self.authority(authority)
            .and_then(|a| a.inspections.iter().copied().find(|i| i.slug == slug))
    }

    /// An inspection's title: its own, else its framework's name, else the
    /// framework id as written.
    pub fn inspection_title(&self, i: &'c Inspection) -> &'c str {
        match &i.title {
            Some(t) => t,
            None => self
                .content
                .frameworks
                .framework(&i.framework)
                .map_or(i.framework.as_str(), |f| f.name.as_str()),
        }
    }

    /// The name of the authority a record belongs to (its slug if unknown).
    pub fn authority_name<'a>(&self, slug: &'a str) -> &'a str
    where
        'c: 'a,
    {
        self.authority(slug)
            .map_or(slug, |a| a.authority.name.as_str())
    }

    /// The `n` most recently published inspections, newest first (ties by
    /// authority, then slug, both descending).
    pub fn newest_inspections(&self, n: usize) -> Vec<&'c Inspection> {
        let mut all: Vec<&Inspection> = self.content.inspections.iter().collect();
        all.sort_by(|a, b| {
            (b.published, &b.authority, &b.slug).cmp(&(a.published, &a.authority, &a.slug))
        });
        all.truncate(n);
        all
    }

    /// The `n` most recent responses, newest first (ties as for inspections).
    pub fn newest_responses(&self, n: usize) -> Vec<&'c Response> {
        let mut all: Vec<&Response> = self.content.responses.iter().collect();
        all.sort_by(|a, b| (b.date, &b.authority, &b.slug).cmp(&(a.date, &a.authority, &a.slug)));
        all.truncate(n);
        all
    }

    /// The `id` of each of an inspection's quotes, in order (see
    /// [`urls::quote_anchors`]).
    pub fn inspection_quote_anchors(&self, i: &Inspection) -> Vec<String> {
        (self.inspection_anchors.get(i))
            .get_or_init(|| inspection_anchors(i))
            .clone()
    }

    /// The `id` of each of a response's quotes, in order.
    pub fn response_quote_anchors(&self, r: &Response) -> Vec<String> {
        (self.response_anchors.get(r))
            .get_or_init(|| response_anchors(r))
            .clone()
    }

    /// The `id` of one quote in its record's page.
    pub fn quote_anchor(&self, q: QuoteRef) -> String {
        let (anchors, quotes, quote) = match q {
            QuoteRef::Inspection(i, quote) => (
                (self.inspection_anchors.get(i)).get_or_init(|| inspection_anchors(i)),
                &i.quotes,
                quote,
            ),
            QuoteRef::Response(r, quote) => (
                (self.response_anchors.get(r)).get_or_init(|| response_anchors(r)),
                &r.quotes,
                quote,
            ),
        };
        let at = quotes
            .iter()
            .position(|x| std::ptr::eq(x, quote))
            .expect("a quote of its own record");
        anchors[at].clone()
    }

    /// The people page slug of a speaker.
    pub fn person_slug(&self, speaker: &str) -> Option<&str> {
        let at = *self.person_at.get(speaker)?;
        Some(self.people[at].slug.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{ByRecord, Record};

    #[derive(Clone)]
    struct Rec(&'static str, &'static str);

    impl Record for Rec {
        fn key(&self) -> (&str, &str) {
            (self.0, self.1)
        }
    }

    #[test]
    fn a_records_fact_is_found_by_its_place_or_else_by_its_key() {
        let records = [Rec("a", "x"), Rec("a", "y"), Rec("b", "x")];
        let facts = ByRecord::of(&records, |r| format!("{}/{}", r.0, r.1));
        for r in &records {
            assert_eq!(facts.get(r), &format!("{}/{}", r.0, r.1));
        }
        // A copy lives elsewhere in memory: found by its key.
        let copy = records[1].clone();
        assert_eq!(facts.place(&copy), Some(1));
        assert_eq!(facts.place(&Rec("c", "z")), None);
    }
}
