//! Reading Ofsted's published ILACS outcomes (the format of
//! `ofsted-ilacs-outcomes.csv`): each row becomes a checked [`Outcome`], or a
//! [`RowProblem`] naming its row, column and value. Nothing is guessed: a
//! value that is not what the format says is a problem, never repaired.

use std::fmt;
use std::path::Path;

use super::ImportError;
use super::names::{REGION_CODES, is_ons_code, region_name};
use crate::content::{PartialDate, is_web_url};

/// The columns a file must have (in any order; others are ignored).
pub const COLUMNS: [&str; 15] = [
    "urn",
    "la_code",
    "region_code",
    "ons_code",
    "local_authority",
    "report_url",
    "inspection_type",
    "visit_from",
    "visit_to",
    "published",
    "overall",
    "leaders",
    "help_and_protection",
    "in_care",
    "care_leavers",
];

/// Larger than any real outcome file by far; bounds what a wrong file costs.
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The grade words the file uses, and the grade id each stands for.
const GRADE_WORDS: [(&str, &str); 4] = [
    ("outstanding", "outstanding"),
    ("good", "good"),
    ("requires improvement", "requires-improvement"),
    ("inadequate", "inadequate"),
];

/// One inspection report's outcome, checked.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The row as a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    pub ons_code: String,
    pub region: &'static str,
    /// `local_authority` as the file wrote it (lower case).
    pub area: String,
    pub report_url: Option<String>,
    /// `standard` or `short` when the file says so.
    pub inspection_type: Option<&'static str>,
    pub visit_from: Option<PartialDate>,
    pub visit_to: Option<PartialDate>,
    pub published: PartialDate,
    /// Grade ids (`requires-improvement`), by column.
    pub overall: Option<&'static str>,
    pub leaders: Option<&'static str>,
    pub help_and_protection: Option<&'static str>,
    pub in_care: Option<&'static str>,
    pub care_leavers: Option<&'static str>,
}

impl Outcome {
    /// The day the inspection is dated by for framework rules: its first day of
    /// fieldwork, or its publication when the file gives no fieldwork dates.
    pub fn inspected(&self) -> PartialDate {
        self.visit_from.unwrap_or(self.published)
    }
}

/// A row that cannot be trusted, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowProblem {
    pub row: usize,
    pub column: String,
    pub value: String,
    pub expected: String,
    /// Who the row is about, `Southend-on-Sea (E06000033)`, as the file names
    /// it; set where the report is made, once for every problem of the row.
    pub authority: String,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "row {}{}, column `{}`: {}; expected {}",
            self.row,
            if self.authority.is_empty() {
                String::new()
            } else {
                format!(" ({})", self.authority)
            },
            self.column,
            if self.value.is_empty() {
                "blank".to_string()
            } else {
                format!("`{}`", self.value)
            },
            self.expected
        )
    }
}

/// What a file held: the rows that can be trusted and those that cannot.
#[derive(Debug, Default)]
pub struct OutcomeFile {
    pub outcomes: Vec<Outcome>,
    pub problems: Vec<RowProblem>,
}

/// Reads and checks an outcome file. A file that is missing, empty, not UTF-8,
/// not CSV or without the format's columns is refused whole.
pub fn read(path: &Path) -> Result<OutcomeFile, ImportError> {
    let shown = path.display().to_string();
    let too_big = std::fs::metadata(path)
        .map(|m| m.len() > MAX_BYTES)
        .unwrap_or(false);
    if too_big {
        return Err(ImportError::File {
            file: shown,
            message: format!("the file is larger than {} MiB", MAX_BYTES >> 20),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read {
        file: shown.clone(),
        source,
    })?;
    parse(&shown, &bytes)
}

/// Checks an outcome file's bytes (`file` names it in errors).
pub fn parse(file: &str, bytes: &[u8]) -> Result<OutcomeFile, ImportError> {
    let refuse = |message: String| ImportError::File {
        file: file.to_string(),
        message,
    };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        refuse(format!(
            "not valid UTF-8 at byte {} (row {line}); save it as UTF-8 CSV",
            e.valid_up_to()
        ))
    })?;
    if text.trim().is_empty() {
        return Err(refuse(format!(
            "the file is empty; expected a header row with the columns {}",
            COLUMNS.join(",")
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| refuse(format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let index = column_index(&header).map_err(refuse)?;
    let mut out = OutcomeFile::default();
    for (i, record) in reader.records().enumerate() {
        let row = i + 2;
        let record = record.map_err(|e| refuse(format!("row {row} is not valid CSV: {e}")))?;
        if record.len() != header.len() {
            out.problems.push(RowProblem {
                row,
                column: "(whole row)".into(),
                value: format!("{} fields", record.len()),
                expected: format!("{} fields, as in the header", header.len()),
                ..RowProblem::default()
            });
            continue;
        }
        let cell = |name: &str| record[index[column(name)]].trim();
        match check_row(row, &cell) {
            Ok(o) => out.outcomes.push(o),
            Err(problems) => {
                let about = about(cell("local_authority"), cell("ons_code"));
                out.problems
                    .extend(problems.into_iter().map(|p| RowProblem {
                        authority: about.clone(),
                        ..p
                    }));
            }
        }
    }
    if out.outcomes.is_empty() && out.problems.is_empty() {
        return Err(refuse("the file has a header but no rows".into()));
    }
    Ok(out)
}

/// A row's authority as a report names it: its proper name and its code.
pub fn about(area: &str, ons_code: &str) -> String {
    match (area.is_empty(), ons_code.is_empty()) {
        (false, false) => format!("{}, {ons_code}", super::names::proper_name(area)),
        (false, true) => super::names::proper_name(area),
        (true, _) => ons_code.to_string(),
    }
}

fn column(name: &str) -> usize {
    COLUMNS
        .iter()
        .position(|c| *c == name)
        .expect("a column of the format")
}

/// For each column of the format, its position in the header.
fn column_index(header: &[String]) -> Result<Vec<usize>, String> {
    let mut index = Vec::with_capacity(COLUMNS.len());
    let mut missing = Vec::new();
    for name in COLUMNS {
        match header.iter().position(|h| h == name) {
            Some(_) if header.iter().filter(|h| *h == name).count() > 1 => {
                return Err(format!("the column `{name}` appears more than once"));
            }
            Some(i) => index.push(i),
            None => missing.push(name),
        }
    }
    if missing.is_empty() {
        Ok(index)
    } else {
        Err(format!(
            "the header has no column {}; the format's columns are {} (found: {})",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(", "),
            COLUMNS.join(","),
            header.join(",")
        ))
    }
}

/// One row's cells as they are read, with every problem found so far.
struct Cells<'a, 'r> {
    row: usize,
    cell: &'a dyn Fn(&str) -> &'r str,
    problems: Vec<RowProblem>,
}

impl<'r> Cells<'_, 'r> {
    fn get(&self, column: &str) -> &'r str {
        (self.cell)(column)
    }

    fn problem(&mut self, column: &str, expected: &str) {
        self.problems.push(RowProblem {
            row: self.row,
            column: column.to_string(),
            value: self.get(column).to_string(),
            expected: expected.to_string(),
            ..RowProblem::default()
        });
    }

    /// Where the inspection was: the codes, the region, the ONS code, the
    /// area's name and the report's link, each checked.
    fn place(&mut self) -> (Option<&'static str>, &'r str, &'r str) {
        for code in ["urn", "la_code"] {
            let value = self.get(code);
            if !value.is_empty() && !value.bytes().all(|b| b.is_ascii_digit()) {
                self.problem(code, "digits only");
            }
        }
        let region = region_name(self.get("region_code"));
        if region.is_none() {
            let expected = format!("one of the region codes {REGION_CODES}");
            self.problem("region_code", &expected);
        }
        if !is_ons_code(self.get("ons_code")) {
            self.problem("ons_code", "an ONS area code: `E` and eight digits");
        }
        let area = self.get("local_authority");
        if area.is_empty() || area.chars().any(char::is_control) {
            self.problem("local_authority", "the area's name");
        }
        let report_url = self.get("report_url");
        if !report_url.is_empty() && !is_web_url(report_url) {
            self.problem("report_url", "an absolute http(s) link to the report");
        }
        (region, area, report_url)
    }

    /// A day written `YYYY-MM-DD`; a blank cell is allowed unless `required`.
    fn day(&mut self, column: &str, required: bool) -> Option<PartialDate> {
        match self.get(column) {
            "" if !required => None,
            text => match PartialDate::parse(text) {
                Ok(d) if d.precision() == crate::content::date::Precision::Day => Some(d),
                _ => {
                    self.problem(column, "a date written YYYY-MM-DD");
                    None
                }
            },
        }
    }

    /// A grade in words, as its id; blank is no grade.
    fn grade(&mut self, column: &str) -> Option<&'static str> {
        let text = self.get(column);
        if text.is_empty() {
            return None;
        }
        let word = text.to_lowercase();
        let id = GRADE_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, id)| *id);
        if id.is_none() {
            self.problem(
                column,
                "a grade: outstanding, good, requires improvement or inadequate",
            );
        }
        id
    }
}

/// Checks one row's cells; every problem in the row is reported.
fn check_row<'r>(row: usize, cell: &dyn Fn(&str) -> &'r str) -> Result<Outcome, Vec<RowProblem>> {
    let mut c = Cells {
        row,
        cell,
        problems: Vec::new(),
    };
    let (region, area, report_url) = c.place();
    let inspection_type = match c.get("inspection_type") {
        "standard" => Some("standard"),
        "short" => Some("short"),
        // Blank or free text: the type is simply not known.
        _ => None,
    };
    let visit_from = c.day("visit_from", false);
    let visit_to = c.day("visit_to", false);
    let published = c.day("published", true);
    if let (Some(from), Some(to)) = (visit_from, visit_to)
        && to < from
    {
        c.problem("visit_to", "a day on or after `visit_from`");
    }
    let outcome = Outcome {
        row,
        ons_code: c.get("ons_code").to_string(),
        region: region.unwrap_or_default(),
        area: area.to_string(),
        report_url: (!report_url.is_empty()).then(|| report_url.to_string()),
        inspection_type,
        visit_from,
        visit_to,
        published: published.unwrap_or(PartialDate::parse("1900").expect("a year")),
        overall: c.grade("overall"),
        leaders: c.grade("leaders"),
        help_and_protection: c.grade("help_and_protection"),
        in_care: c.grade("in_care"),
        care_leavers: c.grade("care_leavers"),
    };
    let mut problems = c.problems;
    if published.is_some() {
        check_judgements(&outcome, cell, &mut problems);
    }
    if problems.is_empty() {
        Ok(outcome)
    } else {
        Err(problems)
    }
}

/// The first day of the framework without an overall judgement.
pub fn revised_framework_start() -> PartialDate {
    PartialDate::parse("2026-04-01").expect("a valid date")
}

/// A report before April 2026 must have an overall grade, and every report at
/// least one judgement.
fn check_judgements<'r>(
    o: &Outcome,
    cell: &dyn Fn(&str) -> &'r str,
    problems: &mut Vec<RowProblem>,
) {
    if cell("overall").is_empty() && o.inspected() < revised_framework_start() {
        problems.push(RowProblem {
            row: o.row,
            column: "overall".into(),
            value: cell("overall").to_string(),
            expected: format!(
                "a grade: only inspections from April 2026 have no overall grade, and this one is dated {}",
                o.inspected()
            ),
            ..RowProblem::default()
        });
    }
    let blank = [
        "overall",
        "leaders",
        "help_and_protection",
        "in_care",
        "care_leavers",
    ];
    if blank.iter().all(|c| cell(c).is_empty()) {
        problems.push(RowProblem {
            row: o.row,
            column: "leaders".into(),
            value: String::new(),
            expected: "at least one judgement's grade".into(),
            ..RowProblem::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "urn,la_code,region_code,ons_code,local_authority,report_url,inspection_type,visit_from,visit_to,published,overall,leaders,help_and_protection,in_care,care_leavers\n";

    fn one(row: &str) -> Result<OutcomeFile, ImportError> {
        parse("t.csv", format!("{HEADER}{row}\n").as_bytes())
    }

    #[test]
    fn a_good_row_becomes_an_outcome() {
        let f = one("80486,301,GL,E09000002,barking and dagenham,https://files.ofsted.gov.uk/v1/file/1,standard,2019-02-18,2019-03-01,2019-04-01,requires improvement,good,good,good,inadequate").unwrap();
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        let o = &f.outcomes[0];
        assert_eq!(o.row, 2);
        assert_eq!(o.region, "London");
        assert_eq!(o.overall, Some("requires-improvement"));
        assert_eq!(o.care_leavers, Some("inadequate"));
        assert_eq!(o.published.iso(), "2019-04-01");
    }

    #[test]
    fn bad_cells_are_reported_with_row_and_column() {
        let f = one("1,2,XX,E0900000,brent,javascript:alert(1),short,2019-13-01,,2019,to requires improvement,good,good,good,good").unwrap();
        let columns: Vec<&str> = f.problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(
            columns,
            [
                "region_code",
                "ons_code",
                "report_url",
                "visit_from",
                "published",
                "overall"
            ]
        );
        assert!(f.problems.iter().all(|p| p.row == 2));
        assert!(f.outcomes.is_empty());
    }

    #[test]
    fn a_blank_overall_grade_is_only_trusted_from_april_2026() {
        let before = one("1,2,SW,E10000027,somerset,,short,2026-03-27,2026-04-01,2026-06-17,,good,good,good,good").unwrap();
        assert_eq!(before.problems[0].column, "overall");
        let after = one("1,2,SW,E10000027,somerset,,short,2026-04-27,2026-05-01,2026-06-17,,good,good,good,good").unwrap();
        assert!(after.problems.is_empty());
        assert_eq!(after.outcomes[0].overall, None);
    }

    #[test]
    fn files_of_the_wrong_shape_are_refused_whole() {
        for (bytes, says) in [
            (&b""[..], "empty"),
            (b"\xEF\xBB\xBF  \n", "empty"),
            (HEADER.as_bytes(), "no rows"),
            (b"a,b\n1,2\n", "no column"),
            (b"urn,la_code\n\xff\n", "UTF-8"),
        ] {
            let e = parse("t.csv", bytes).unwrap_err().to_string();
            assert!(e.contains(says), "{e}");
        }
    }
}
