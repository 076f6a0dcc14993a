//! The open-data files: `authorities.json`, `inspections.json`,
//! `responses.json` and `inspections.csv`, with the fields the format lists
//! (and `ons_code` on authorities), in a stable order so that two builds give identical bytes.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::content::{Inspection, Quote, Response, Source};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, CurrentRating, Site};

/// A judgement → grade map, serialised in the framework's judgement order.
struct Grades<'a>(&'a [(String, String)]);

impl Serialize for Grades<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct LastOverall<'a> {
    grade: &'a str,
    label: &'a str,
    inspection: &'a str,
    published: String,
}

#[derive(Serialize)]
struct CurrentRatingJson<'a> {
    grade: Option<&'a str>,
    label: Option<&'a str>,
    inspection: &'a str,
    published: String,
    framework: &'a str,
    judgements: Grades<'a>,
    last_overall: Option<LastOverall<'a>>,
}

#[derive(Serialize)]
struct AuthorityJson<'a> {
    slug: &'a str,
    name: &'a str,
    region: &'a str,
    /// The ONS area code, for joining with other datasets; null when not given.
    ons_code: Option<&'a str>,
    url: String,
    current_rating: Option<CurrentRatingJson<'a>>,
}

fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(value).expect("plain data always serialises");
    out.push(b'\n');
    out
}

pub fn authorities_json(site: &Site) -> Vec<u8> {
    let list: Vec<AuthorityJson> = site
        .authorities
        .iter()
        .map(|a| authority_object(site, a))
        .collect();
    to_json(&list)
}

fn authority_object<'a>(site: &Site, a: &'a AuthorityFacts<'a>) -> AuthorityJson<'a> {
    AuthorityJson {
        slug: &a.authority.slug,
        name: &a.authority.name,
        region: &a.authority.region,
        ons_code: a.authority.ons_code.as_deref(),
        url: site.urls.absolute(&rel::authority(&a.authority.slug)),
        current_rating: match a.current {
            CurrentRating::NotYetRated => None,
            CurrentRating::Rated {
                inspection,
                headline,
                last_overall,
            } => Some(CurrentRatingJson {
                grade: headline.map(|h| h.id),
                label: headline.map(|h| h.label),
                inspection: &inspection.slug,
                published: inspection.published.iso(),
                framework: &inspection.framework,
                judgements: Grades(&inspection.grades),
                last_overall: last_overall.map(|l| LastOverall {
                    grade: l.grade.id,
                    label: l.grade.label,
                    inspection: &l.inspection.slug,
                    published: l.inspection.published.iso(),
                }),
            }),
        },
    }
}

#[derive(Serialize)]
struct InspectionJson<'a> {
    authority: &'a str,
    slug: &'a str,
    framework: &'a str,
    published: String,
    grades: Grades<'a>,
    url: String,
    responses: Vec<&'a str>,
}

pub fn inspections_json(site: &Site) -> Vec<u8> {
    let list: Vec<InspectionJson> = site
        .content
        .inspections
        .iter()
        .map(|i| inspection_object(site, i))
        .collect();
    to_json(&list)
}

fn inspection_object<'a>(site: &Site<'a>, i: &'a Inspection) -> InspectionJson<'a> {
    InspectionJson {
        authority: &i.authority,
        slug: &i.slug,
        framework: &i.framework,
        published: i.published.iso(),
        grades: Grades(&i.grades),
        url: site.urls.absolute(&rel::inspection(&i.authority, &i.slug)),
        responses: site
            .responses_to(i)
            .iter()
            .map(|r| r.slug.as_str())
            .collect(),
    }
}

#[derive(Serialize)]
struct ResponseJson<'a> {
    authority: &'a str,
    slug: &'a str,
    date: String,
    kind: &'a str,
    responds_to: &'a [String],
    source: &'a Source,
    quotes: &'a [Quote],
    url: String,
}

pub fn responses_json(site: &Site) -> Vec<u8> {
    let list: Vec<ResponseJson> = site
        .content
        .responses
        .iter()
        .map(|r| response_object(site, r))
        .collect();
    to_json(&list)
}

fn response_object<'a>(site: &Site, r: &'a Response) -> ResponseJson<'a> {
    ResponseJson {
        authority: &r.authority,
        slug: &r.slug,
        date: r.date.iso(),
        kind: &r.kind,
        responds_to: &r.responds_to,
        source: &r.source,
        quotes: &r.quotes,
        url: site.urls.absolute(&rel::response(&r.authority, &r.slug)),
    }
}

/// `/authorities/<a>/data.json`: the authority's object from
/// `authorities.json`, with its inspections and responses as in
/// `inspections.json` and `responses.json`.
#[derive(Serialize)]
struct AuthorityDataJson<'a> {
    #[serde(flatten)]
    authority: AuthorityJson<'a>,
    inspections: Vec<InspectionJson<'a>>,
    responses: Vec<ResponseJson<'a>>,
}

pub fn authority_data_json<'a>(site: &Site<'a>, a: &'a AuthorityFacts<'a>) -> Vec<u8> {
    to_json(&AuthorityDataJson {
        authority: authority_object(site, a),
        inspections: a
            .inspections
            .iter()
            .map(|i| inspection_object(site, i))
            .collect(),
        responses: a
            .responses
            .iter()
            .map(|r| response_object(site, r))
            .collect(),
    })
}

/// Spreadsheets run cells that start with these as formulas; such cells get a
/// leading apostrophe so they stay text.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// One row per inspection and judgement; an ungraded inspection has one row
/// with the judgement and grade columns empty.
pub fn inspections_csv(site: &Site) -> Vec<u8> {
    let fw = &site.content.frameworks;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "authority",
        "authority_name",
        "inspection",
        "framework",
        "published",
        "judgement",
        "judgement_label",
        "grade",
        "grade_label",
        "grade_rank",
        "url",
    ];
    w.write_record(header).expect("writing to memory");
    for i in &site.content.inspections {
        let name = site
            .authority(&i.authority)
            .map_or("", |a| a.authority.name.as_str());
        let url = site.urls.absolute(&rel::inspection(&i.authority, &i.slug));
        let published = i.published.iso();
        let row = |j: &str, jl: &str, g: &str, gl: &str, rank: String| {
            [
                &i.authority[..],
                name,
                &i.slug,
                &i.framework,
                &published,
                j,
                jl,
                g,
                gl,
                &rank,
                &url,
            ]
            .map(|c| neutralise_formula(c).into_owned())
        };
        if i.grades.is_empty() {
            w.write_record(row("", "", "", "", String::new()))
                .expect("writing to memory");
        }
        for j in &site.grades_of(i).judgements {
            let jl = fw
                .framework(&i.framework)
                .and_then(|f| f.judgement(j.key))
                .map_or("", |judgement| judgement.label.as_str());
            w.write_record(row(
                j.key,
                jl,
                j.id,
                j.grade.map_or("", |g| g.label),
                j.grade.map_or(String::new(), |g| g.rank.to_string()),
            ))
            .expect("writing to memory");
        }
    }
    w.into_inner().expect("writing to memory")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("+1"), "'+1");
        assert_eq!(neutralise_formula("-1"), "'-1");
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("Good"), "Good");
        assert_eq!(neutralise_formula("2019-07"), "2019-07");
    }
}
