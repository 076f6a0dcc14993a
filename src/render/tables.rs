//! The CSV beside each JSON data file (`authorities.csv`, `responses.csv`,
//! each authority's `data.csv`: the same rows, a header row), and grades over
//! time, `ratings-by-year.csv` and `.json`. Every cell goes through
//! [`neutralise_formula`], so a spreadsheet never runs editors' text.

use serde::Serialize;

use super::data::neutralise_formula;
use crate::content::{Inspection, Response};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, CurrentRating, Site};

/// A CSV file in memory, written a row at a time.
struct Table(csv::Writer<Vec<u8>>);

impl Table {
    fn new(header: &[&str]) -> Table {
        let mut t = Table(csv::Writer::from_writer(Vec::new()));
        t.row(header.iter().map(|h| h.to_string()));
        t
    }

    fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        let cells: Vec<String> = cells
            .into_iter()
            .map(|c| neutralise_formula(&c).into_owned())
            .collect();
        self.0.write_record(&cells).expect("writing to memory");
    }

    fn bytes(self) -> Vec<u8> {
        self.0.into_inner().expect("writing to memory")
    }
}

/// `key=grade` pairs in the framework's order, joined by `; `.
fn grades_cell(grades: &[(String, String)]) -> String {
    grades
        .iter()
        .map(|(k, g)| format!("{k}={g}"))
        .collect::<Vec<_>>()
        .join("; ")
}

const AUTHORITY_HEADER: [&str; 15] = [
    "slug",
    "name",
    "region",
    "ons_code",
    "url",
    "current_grade",
    "current_label",
    "current_inspection",
    "current_published",
    "current_framework",
    "current_judgements",
    "last_overall_grade",
    "last_overall_label",
    "last_overall_inspection",
    "last_overall_published",
];

/// The columns of one authority's row, as its object in `authorities.json`.
fn authority_cells(site: &Site, a: &AuthorityFacts) -> Vec<String> {
    let au = a.authority;
    let mut cells = vec![
        au.slug.clone(),
        au.name.clone(),
        au.region.clone(),
        au.ons_code.clone().unwrap_or_default(),
        site.urls.absolute(&rel::authority(&au.slug)),
    ];
    match a.current {
        CurrentRating::NotYetRated => cells.extend(std::iter::repeat_n(String::new(), 10)),
        CurrentRating::Rated {
            inspection,
            headline,
            last_overall,
        } => {
            cells.extend([
                headline.map_or(String::new(), |h| h.id.to_string()),
                headline.map_or(String::new(), |h| h.label.to_string()),
                inspection.slug.clone(),
                inspection.published.iso(),
                inspection.framework.clone(),
                grades_cell(&inspection.grades),
            ]);
            match last_overall {
                Some(l) => cells.extend([
                    l.grade.id.to_string(),
                    l.grade.label.to_string(),
                    l.inspection.slug.clone(),
                    l.inspection.published.iso(),
                ]),
                None => cells.extend(std::iter::repeat_n(String::new(), 4)),
            }
        }
    }
    cells
}

/// `/data/authorities.csv`: one row per authority, sorted by slug.
pub fn authorities_csv(site: &Site) -> Vec<u8> {
    let mut t = Table::new(&AUTHORITY_HEADER);
    for a in &site.authorities {
        t.row(authority_cells(site, a));
    }
    t.bytes()
}

const RESPONSE_HEADER: [&str; 11] = [
    "authority",
    "slug",
    "date",
    "kind",
    "responds_to",
    "source_publisher",
    "source_title",
    "source_url",
    "quotes",
    "speakers",
    "url",
];

/// A response's row: lists (`responds_to`, quotes, speakers) one item a line.
fn response_cells(site: &Site, r: &Response) -> Vec<String> {
    let speakers: Vec<&str> = r
        .quotes
        .iter()
        .map(|q| q.speaker.as_deref().unwrap_or(""))
        .collect();
    vec![
        r.authority.clone(),
        r.slug.clone(),
        r.date.iso(),
        r.kind.clone(),
        r.responds_to.join("\n"),
        r.source.publisher.clone(),
        r.source.title.clone().unwrap_or_default(),
        r.source.url.clone().unwrap_or_default(),
        r.quotes
            .iter()
            .map(|q| q.text.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        speakers.join("\n"),
        site.urls.absolute(&rel::response(&r.authority, &r.slug)),
    ]
}

/// `/data/responses.csv`: one row per response, in `responses.json`'s order.
pub fn responses_csv(site: &Site) -> Vec<u8> {
    let mut t = Table::new(&RESPONSE_HEADER);
    for r in &site.content.responses {
        t.row(response_cells(site, r));
    }
    t.bytes()
}

/// An inspection's row in an authority's `data.csv`.
fn inspection_cells(site: &Site, i: &Inspection) -> Vec<String> {
    vec![
        i.slug.clone(),
        i.published.iso(),
        i.framework.clone(),
        grades_cell(&i.grades),
        site.responses_to(i)
            .iter()
            .map(|r| r.slug.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        site.urls.absolute(&rel::inspection(&i.authority, &i.slug)),
    ]
}

/// `/authorities/<a>/data.csv`: the rows of `data.json` in one table, a
/// `record` column saying which: the authority (its columns as in
/// `authorities.csv`), then each inspection, then each response.
pub fn authority_data_csv(site: &Site, a: &AuthorityFacts) -> Vec<u8> {
    let inspection_cols = [
        "slug",
        "published",
        "framework",
        "grades",
        "responses",
        "url",
    ];
    let mut header: Vec<String> = vec!["record".into()];
    header.extend(AUTHORITY_HEADER.iter().map(|h| format!("authority_{h}")));
    header.extend(inspection_cols.iter().map(|h| format!("inspection_{h}")));
    header.extend(
        RESPONSE_HEADER
            .iter()
            .skip(1)
            .map(|h| format!("response_{h}")),
    );
    let blank = |n: usize| std::iter::repeat_n(String::new(), n);
    let (na, ni, nr) = (
        AUTHORITY_HEADER.len(),
        inspection_cols.len(),
        RESPONSE_HEADER.len() - 1,
    );
    let mut t = Table::new(&header.iter().map(String::as_str).collect::<Vec<_>>());
    t.row(
        std::iter::once("authority".to_string())
            .chain(authority_cells(site, a))
            .chain(blank(ni + nr)),
    );
    for i in &a.inspections {
        t.row(
            std::iter::once("inspection".to_string())
                .chain(blank(na))
                .chain(inspection_cells(site, i))
                .chain(blank(nr)),
        );
    }
    for r in &a.responses {
        let cells = response_cells(site, r).into_iter().skip(1);
        t.row(
            std::iter::once("response".to_string())
                .chain(blank(na + ni))
                .chain(cells),
        );
    }
    t.bytes()
}

/// One row of grades over time.
#[derive(Serialize)]
struct RatingsRow<'a> {
    as_at: String,
    rating: &'a str,
    authorities: usize,
}

/// Every (date, rating) with its count, dates oldest first, ratings in the
/// order of `/ratings/`.
fn ratings_rows<'a>(site: &'a Site) -> Vec<RatingsRow<'a>> {
    site.ratings_by_year
        .iter()
        .flat_map(|at| {
            site.rating_groups
                .iter()
                .zip(&at.counts)
                .map(move |(g, &n)| RatingsRow {
                    as_at: at.as_at.format("%Y-%m-%d").to_string(),
                    rating: g.key.slug(),
                    authorities: n,
                })
        })
        .collect()
}

/// `/data/ratings-by-year.json`: an array of `{as_at, rating, authorities}`.
pub fn ratings_by_year_json(site: &Site) -> Vec<u8> {
    let mut out =
        serde_json::to_vec_pretty(&ratings_rows(site)).expect("plain data always serialises");
    out.push(b'\n');
    out
}

/// `/data/ratings-by-year.csv`: the same rows.
pub fn ratings_by_year_csv(site: &Site) -> Vec<u8> {
    let mut t = Table::new(&["as_at", "rating", "authorities"]);
    for r in ratings_rows(site) {
        t.row([r.as_at, r.rating.to_string(), r.authorities.to_string()]);
    }
    t.bytes()
}
