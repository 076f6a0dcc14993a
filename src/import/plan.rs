//! Working out what an import changes: each outcome is matched to an authority
//! (by ONS code, then by slug and aliases) and to an inspection (by report
//! link, then by framework and publication month), and becomes new files or
//! fields added to existing ones. Nothing an editor wrote is changed: a grade
//! that disagrees is reported, never overwritten.

use serde_yaml::Value;

use super::edit::{self, Addition};
use super::names::{kind_of, proper_name};
use super::outcomes::{Outcome, RowProblem};
use super::{ILACS, ILACS_REVISED};
use crate::content::{Content, Frameworks, OVERALL, PartialDate, is_slug, normalise_url};

/// Judgement keys of the ILACS frameworks, as `frameworks.yaml` names them.
pub const LEADERS: &str = "leaders";
pub const HELP_AND_PROTECTION: &str = "help-and-protection";
pub const CARE_COMBINED: &str = "children-in-care-and-care-leavers";
pub const IN_CARE: &str = "children-in-care";
pub const CARE_LEAVERS: &str = "care-leavers";
const CARE_KEYS: [&str; 3] = [CARE_COMBINED, IN_CARE, CARE_LEAVERS];

/// A file the import writes: new (`before` is `None`) or with fields added.
#[derive(Debug, Clone)]
pub struct PlannedFile {
    /// Relative to the content folder.
    pub rel: String,
    pub before: Option<String>,
    pub after: String,
    /// What it is or what changes, for the summary.
    pub what: String,
}

/// A value in an editor's file that the outcome file contradicts; left as written.
#[derive(Debug, Clone)]
pub struct Disagreement {
    pub rel: String,
    pub row: usize,
    pub field: String,
    pub ours: String,
    pub theirs: String,
}

/// Everything an import would do.
#[derive(Debug, Default)]
pub struct Plan {
    pub files: Vec<PlannedFile>,
    pub disagreements: Vec<Disagreement>,
    /// Rows that repeat an earlier row's report: (row, earlier row).
    pub repeats: Vec<(usize, usize)>,
    /// Rows that cannot be trusted.
    pub problems: Vec<RowProblem>,
}

/// An authority as the plan sees it: on disk or to be created.
struct AuthorityState {
    slug: String,
    ons_code: Option<String>,
    aliases: Vec<String>,
    region: String,
    name: String,
    /// The text of `authority.yaml` when it exists.
    existing: Option<String>,
    additions: Vec<Addition>,
    first_row: usize,
    inspections: Vec<InspectionState>,
}

struct InspectionState {
    slug: String,
    framework: String,
    published: PartialDate,
    report_url: Option<String>,
    has_visit: bool,
    has_notes: bool,
    grades: Vec<(String, String)>,
    /// The file's text when it exists; `None` for one this import creates.
    existing: Option<String>,
    additions: Vec<Addition>,
    /// The row that created or first matched it.
    row: Option<usize>,
    new: Option<Outcome>,
}

/// Matches outcomes against the loaded content. `read` gives an existing
/// file's text (relative path).
pub fn plan(
    content: Option<&Content>,
    frameworks: &Frameworks,
    outcomes: &[Outcome],
    read: &dyn Fn(&str) -> std::io::Result<String>,
) -> std::io::Result<Plan> {
    let mut authorities = existing_authorities(content, read)?;
    let mut plan = Plan::default();
    let shared = shared_codes(outcomes);
    for o in outcomes {
        if let Some(other) = shared
            .iter()
            .find(|(code, area, _)| *code == o.ons_code && *area != o.area)
        {
            plan.problems.push(RowProblem {
                row: o.row,
                column: "ons_code".into(),
                value: o.ons_code.clone(),
                expected: format!(
                    "a code of this area alone, but row {} gives it to `{}`",
                    other.2, other.1
                ),
                ..RowProblem::default()
            });
            continue;
        }
        match find_authority(&mut authorities, o) {
            Ok(i) => match_inspection(&mut authorities[i], o, frameworks, &mut plan),
            Err(p) => plan.problems.push(p),
        }
    }
    for a in &authorities {
        files_of(a, frameworks, &mut plan);
    }
    Ok(plan)
}

/// The first row of each (ONS code, area) pair whose code the file also gives
/// to another area: a scrape that mixed up codes (it once gave two new
/// authorities their predecessor's), so neither row can be trusted.
fn shared_codes(outcomes: &[Outcome]) -> Vec<(&str, &str, usize)> {
    let mut firsts: Vec<(&str, &str, usize)> = Vec::new();
    for o in outcomes {
        if !firsts
            .iter()
            .any(|(c, a, _)| *c == o.ons_code && *a == o.area)
        {
            firsts.push((&o.ons_code, &o.area, o.row));
        }
    }
    firsts
        .iter()
        .filter(|(c, a, _)| firsts.iter().any(|(c2, a2, _)| c2 == c && a2 != a))
        .copied()
        .collect()
}

fn existing_authorities(
    content: Option<&Content>,
    read: &dyn Fn(&str) -> std::io::Result<String>,
) -> std::io::Result<Vec<AuthorityState>> {
    let Some(c) = content else {
        return Ok(Vec::new());
    };
    c.authorities
        .iter()
        .map(|a| {
            let inspections = c
                .inspections
                .iter()
                .filter(|i| i.authority == a.slug)
                .map(|i| {
                    Ok(InspectionState {
                        slug: i.slug.clone(),
                        framework: i.framework.clone(),
                        published: i.published,
                        report_url: i.report.as_ref().map(|r| normalise_url(&r.url)),
                        has_visit: i.visit.is_some(),
                        has_notes: !i.notes.is_empty(),
                        grades: i.grades.clone(),
                        existing: Some(read(&i.file.path)?),
                        additions: Vec::new(),
                        row: None,
                        new: None,
                    })
                })
                .collect::<std::io::Result<_>>()?;
            Ok(AuthorityState {
                slug: a.slug.clone(),
                ons_code: a.ons_code.clone(),
                aliases: a.aliases.clone(),
                region: a.region.clone(),
                name: a.name.clone(),
                existing: Some(read(&a.file.path)?),
                additions: Vec::new(),
                first_row: 0,
                inspections,
            })
        })
        .collect()
}

/// The authority a row is about: by ONS code, then by slug or alias, else new.
fn find_authority(all: &mut Vec<AuthorityState>, o: &Outcome) -> Result<usize, RowProblem> {
    if let Some(i) = all
        .iter()
        .position(|a| a.ons_code.as_deref() == Some(&o.ons_code))
    {
        return Ok(i);
    }
    let name = proper_name(&o.area);
    let slug = slug::slugify(&name);
    if !is_slug(&slug) {
        return Err(RowProblem {
            row: o.row,
            column: "local_authority".into(),
            value: o.area.clone(),
            expected: "a name that gives a folder name of letters and digits".into(),
            ..RowProblem::default()
        });
    }
    if let Some(i) = all
        .iter()
        .position(|a| a.slug == slug || a.aliases.contains(&slug))
    {
        let a = &mut all[i];
        return match &a.ons_code {
            Some(other) => Err(RowProblem {
                row: o.row,
                column: "ons_code".into(),
                value: o.ons_code.clone(),
                expected: format!(
                    "`{other}`, the code authorities/{}/authority.yaml gives this area",
                    a.slug
                ),
                ..RowProblem::default()
            }),
            None => {
                a.ons_code = Some(o.ons_code.clone());
                a.additions
                    .push(Addition::top("ons_code", Value::String(o.ons_code.clone())));
                Ok(i)
            }
        };
    }
    all.push(AuthorityState {
        slug,
        ons_code: Some(o.ons_code.clone()),
        aliases: Vec::new(),
        region: o.region.to_string(),
        name,
        existing: None,
        additions: Vec::new(),
        first_row: o.row,
        inspections: Vec::new(),
    });
    Ok(all.len() - 1)
}

/// The framework a row's report is under: without an overall grade, the
/// framework from April 2026 (rows are checked to be dated from then).
fn framework_of(o: &Outcome) -> &'static str {
    if o.overall.is_some() {
        ILACS
    } else {
        ILACS_REVISED
    }
}

/// The first day inspections judged children in care and care leavers apart.
fn care_split_start() -> PartialDate {
    PartialDate::parse("2023-01-01").expect("a valid date")
}

/// A row's grades under the framework's judgement keys, and a note when the
/// file leaves a judgement uncertain.
fn judgements(o: &Outcome, frameworks: &Frameworks) -> (Vec<(String, String)>, Option<String>) {
    let mut grades: Vec<(String, String)> = [
        (OVERALL, o.overall),
        (LEADERS, o.leaders),
        (HELP_AND_PROTECTION, o.help_and_protection),
    ]
    .into_iter()
    .filter_map(|(k, g)| Some((k.to_string(), g?.to_string())))
    .collect();
    let mut note = None;
    if o.inspected() >= care_split_start() {
        for (k, g) in [(IN_CARE, o.in_care), (CARE_LEAVERS, o.care_leavers)] {
            if let Some(g) = g {
                grades.push((k.to_string(), g.to_string()));
            }
        }
    } else {
        match (o.in_care, o.care_leavers) {
            (Some(a), Some(b)) if a != b => {
                let label = |id: &str| {
                    frameworks
                        .framework(ILACS)
                        .and_then(|f| frameworks.scale_of(f))
                        .and_then(|s| s.grade(id))
                        .map_or(id.to_string(), |(_, g)| g.label.clone())
                };
                note = Some(format!(
                    "Inspections before January 2023 judged children in care and care leavers together, but Ofsted's outcome data gives two grades for that judgement (children in care: {}; care leavers: {}), so neither is shown here. The report gives the judgement.",
                    label(a),
                    label(b)
                ));
            }
            (Some(g), _) | (None, Some(g)) => {
                grades.push((CARE_COMBINED.to_string(), g.to_string()))
            }
            (None, None) => {}
        }
    }
    (grades, note)
}

/// Does a date written at its own precision cover another's month?
fn same_month(ours: PartialDate, theirs: PartialDate) -> bool {
    let (a, b) = (ours.iso(), theirs.iso());
    let n = a.len().min(7);
    b.len() >= n && a[..n] == b[..n]
}

fn match_inspection(a: &mut AuthorityState, o: &Outcome, fw: &Frameworks, plan: &mut Plan) {
    let framework = framework_of(o);
    let url = o.report_url.as_deref().map(normalise_url);
    let found = url
        .as_ref()
        .and_then(|u| {
            a.inspections
                .iter()
                .position(|i| i.report_url.as_ref() == Some(u))
        })
        .or_else(|| {
            a.inspections
                .iter()
                .position(|i| i.framework == framework && same_month(i.published, o.published))
        });
    let (grades, note) = judgements(o, fw);
    let Some(i) = found else {
        let slug = new_inspection_slug(a, o, framework);
        a.inspections.push(InspectionState {
            slug,
            framework: framework.to_string(),
            published: o.published,
            report_url: url,
            has_visit: o.visit_from.is_some() || o.visit_to.is_some(),
            has_notes: note.is_some(),
            grades,
            existing: None,
            additions: Vec::new(),
            row: Some(o.row),
            new: Some(o.clone()),
        });
        return;
    };
    let rel = inspection_rel(&a.slug, &a.inspections[i].slug);
    let insp = &mut a.inspections[i];
    if let Some(earlier) = insp.row.filter(|_| insp.existing.is_none()) {
        if grades != insp.grades {
            plan.problems.push(RowProblem {
                row: o.row,
                column: "overall".into(),
                value: o.overall.unwrap_or_default().to_string(),
                expected: format!("the grades of row {earlier}, which has the same report"),
                ..RowProblem::default()
            });
        } else {
            plan.repeats.push((o.row, earlier));
        }
        return;
    }
    if let Some(earlier) = insp.row {
        plan.repeats.push((o.row, earlier));
        return;
    }
    insp.row = Some(o.row);
    add_missing(insp, o, url, grades, note, &rel, plan);
}

/// Fields the file lacks and the row gives; disagreements for the rest.
fn add_missing(
    insp: &mut InspectionState,
    o: &Outcome,
    url: Option<String>,
    grades: Vec<(String, String)>,
    note: Option<String>,
    rel: &str,
    plan: &mut Plan,
) {
    let mut disagree = |field: String, ours: &str, theirs: &str| {
        plan.disagreements.push(Disagreement {
            rel: rel.to_string(),
            row: o.row,
            field,
            ours: ours.to_string(),
            theirs: theirs.to_string(),
        })
    };
    match (&insp.report_url, url) {
        (None, Some(u)) => {
            insp.additions.push(Addition::top(
                "report",
                edit::mapping([("url", Value::String(u.clone()))]),
            ));
            insp.report_url = Some(u);
        }
        (Some(ours), Some(theirs)) if *ours != theirs => {
            disagree("report.url".into(), ours, &theirs)
        }
        _ => {}
    }
    if !insp.has_visit
        && let Some(v) = visit_value(o)
    {
        insp.additions.push(Addition::top("visit", v));
        insp.has_visit = true;
    }
    let has_care = insp
        .grades
        .iter()
        .any(|(k, _)| CARE_KEYS.contains(&k.as_str()));
    for (key, grade) in grades {
        match insp.grades.iter().find(|(k, _)| *k == key) {
            Some((_, ours)) if *ours != grade => disagree(format!("grades.{key}"), ours, &grade),
            Some(_) => {}
            None if has_care && CARE_KEYS.contains(&key.as_str()) => {}
            None => {
                insp.additions.push(Addition::within(
                    "grades",
                    &key,
                    Value::String(grade.clone()),
                ));
                insp.grades.push((key, grade));
            }
        }
    }
    if let Some(n) = note.filter(|_| !insp.has_notes && !has_care) {
        insp.additions.push(Addition::top(
            "notes",
            Value::Sequence(vec![Value::String(n)]),
        ));
        insp.has_notes = true;
    }
}

fn visit_value(o: &Outcome) -> Option<Value> {
    let pairs: Vec<(&str, Value)> = [("from", o.visit_from), ("to", o.visit_to)]
        .into_iter()
        .filter_map(|(k, d)| Some((k, Value::String(d?.iso()))))
        .collect();
    (!pairs.is_empty()).then(|| edit::mapping(pairs))
}

/// `2019-02-ilacs`, from the month fieldwork began (or the report was
/// published), with `-2`, `-3` ... when the authority already has that slug.
fn new_inspection_slug(a: &AuthorityState, o: &Outcome, framework: &str) -> String {
    let base = format!("{}-{framework}", &o.inspected().iso()[..7]);
    let taken = |s: &str| a.inspections.iter().any(|i| i.slug == s);
    (1..)
        .map(|n| {
            if n == 1 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| !taken(s))
        .expect("an unused slug")
}

fn inspection_rel(authority: &str, slug: &str) -> String {
    format!("authorities/{authority}/inspections/{slug}.md")
}

/// The files one authority's state turns into.
fn files_of(a: &AuthorityState, fw: &Frameworks, plan: &mut Plan) {
    let rel = format!("authorities/{}/authority.yaml", a.slug);
    match &a.existing {
        None => plan.files.push(PlannedFile {
            rel: rel.clone(),
            before: None,
            after: new_authority_text(a),
            what: format!("{}, {} (row {})", a.name, a.region, a.first_row),
        }),
        Some(text) if !a.additions.is_empty() => {
            push_edit(plan, rel.clone(), text, false, &a.additions, a.first_row)
        }
        Some(_) => {}
    }
    for i in &a.inspections {
        let rel = inspection_rel(&a.slug, &i.slug);
        match (&i.existing, &i.new) {
            (None, Some(o)) => plan.files.push(PlannedFile {
                rel,
                before: None,
                after: new_inspection_text(i, o, fw),
                what: format!("{} published {} (row {})", i.framework, o.published, o.row),
            }),
            (Some(text), _) if !i.additions.is_empty() => {
                push_edit(plan, rel, text, true, &i.additions, i.row.unwrap_or(0))
            }
            _ => {}
        }
    }
}

fn push_edit(plan: &mut Plan, rel: String, text: &str, md: bool, adds: &[Addition], row: usize) {
    let fields: Vec<String> = adds.iter().map(Addition::field).collect();
    match edit::add_fields(text, md, adds) {
        Ok(after) => plan.files.push(PlannedFile {
            rel,
            before: Some(text.to_string()),
            after,
            what: format!("add {} (row {row})", fields.join(", ")),
        }),
        Err(e) => plan.disagreements.push(Disagreement {
            rel,
            row,
            field: fields.join(", "),
            ours: "(missing)".into(),
            theirs: e.to_string(),
        }),
    }
}

fn new_authority_text(a: &AuthorityState) -> String {
    let mut text = String::from(
        "# Created by `scrutiny import ilacs` from Ofsted's published outcomes.\n\
         # Edit freely: an import never changes what is written here.\n",
    );
    text.push_str(&edit::entry(0, "name", &Value::String(a.name.clone())));
    text.push_str(&edit::entry(0, "region", &Value::String(a.region.clone())));
    if let Some(code) = &a.ons_code {
        if let Some(kind) = kind_of(code) {
            text.push_str(&edit::entry(0, "kind", &Value::String(kind.into())));
        }
        text.push_str(&edit::entry(0, "ons_code", &Value::String(code.clone())));
    }
    text
}

fn new_inspection_text(i: &InspectionState, o: &Outcome, fw: &Frameworks) -> String {
    let s = |v: &str| Value::String(v.to_string());
    let mut text = String::from(
        "---\n\
         # Imported by `scrutiny import ilacs` from Ofsted's published outcomes: the\n\
         # dates, grades and report link are Ofsted's. Add a summary below, and\n\
         # strengths, concerns and quotes, from the report; an import never changes them.\n",
    );
    text.push_str(&edit::entry(0, "framework", &s(&i.framework)));
    if let (Some(kind), Some(f)) = (o.inspection_type, fw.framework(&i.framework)) {
        text.push_str(&edit::entry(
            0,
            "title",
            &s(&format!("{} ({kind} inspection)", f.name)),
        ));
    }
    if let Some(v) = visit_value(o) {
        text.push_str(&edit::entry(0, "visit", &v));
    }
    text.push_str(&edit::entry(0, "published", &s(&o.published.iso())));
    let grades = edit::mapping(i.grades.iter().map(|(k, g)| (k.as_str(), s(g))));
    text.push_str(&edit::entry(0, "grades", &grades));
    if let Some(u) = &i.report_url {
        text.push_str(&edit::entry(0, "report", &edit::mapping([("url", s(u))])));
    }
    if let (_, Some(note)) = judgements(o, fw) {
        text.push_str(&edit::entry(0, "notes", &Value::Sequence(vec![s(&note)])));
    }
    text.push_str("---\n");
    text
}
