//! `authorities/<a>/inspections/<slug>.md`: where each field of an
//! inspection is checked, grades against its framework's scale.

use super::Located;
use crate::content::diag::hint;
use crate::content::fields::{FieldPath, FileCx, Obj, describe};
use crate::content::{Framework, Frameworks, Inspection, OVERALL, Scale, Visit};

/// An inspection's fields; `fw_ok` says whether frameworks.yaml loaded (if
/// not, an unknown framework is not reported again here).
pub(super) fn parse_inspection(
    cx: &mut FileCx,
    o: &Obj,
    at: Located,
    fw: &Frameworks,
    fw_ok: bool,
) -> Option<Inspection> {
    o.check_unknown(
        cx,
        &[
            "framework",
            "title",
            "visit",
            "published",
            "grades",
            "report",
            "strengths",
            "concerns",
            "recommendations",
            "recommendation_count",
            "quotes",
            "notes",
            "aliases",
        ],
    );
    let framework = o.req_text(cx, "framework");
    let title = o.opt_text(cx, "title");
    let published = o.req_date(cx, "published");
    let visit = visit(cx, o);
    let report = o.link(cx, "report");
    let strengths = o.text_list(cx, "strengths");
    let concerns = o.text_list(cx, "concerns");
    let recommendations = o.text_list(cx, "recommendations");
    let recommendation_count = recommendation_count(cx, o, recommendations.len());
    let quotes = o.quotes(cx, "quotes");
    let notes = o.text_list(cx, "notes");
    let aliases = super::record_aliases(cx, o, &at.slug);

    let grades = grades(cx, o, framework.as_deref(), fw, fw_ok);

    Some(Inspection {
        authority: at.authority,
        slug: at.slug,
        framework: framework?,
        title,
        visit,
        published: published?,
        grades,
        report,
        strengths,
        concerns,
        recommendations,
        recommendation_count,
        quotes,
        notes,
        aliases,
        body: at.body,
        file: at.file,
    })
}

/// `visit: { from, to }`, `to` not before `from`.
fn visit(cx: &mut FileCx, o: &Obj) -> Option<Visit> {
    let root = FieldPath::default();
    o.opt_obj(cx, "visit").map(|v| {
        v.check_unknown(cx, &["from", "to"]);
        let visit = Visit {
            from: v.opt_date(cx, "from"),
            to: v.opt_date(cx, "to"),
        };
        if let (Some(from), Some(to)) = (visit.from, visit.to)
            && to.earliest_day() < from.earliest_day()
        {
            cx.error(
                &root.key("visit").key("to"),
                format!("`to` ({}) is before `from` ({})", to.iso(), from.iso()),
            )
            .help("fieldwork ends on or after the day it starts");
        }
        visit
    })
}

/// `recommendation_count`: a whole number, never fewer than the list.
fn recommendation_count(cx: &mut FileCx, o: &Obj, listed: usize) -> Option<u32> {
    let root = FieldPath::default();
    match o.get("recommendation_count") {
        None => None,
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if (n as usize) < listed => {
                cx.error(
                    &root.key("recommendation_count"),
                    format!(
                        "{n} is less than the {} recommendations listed",
                        listed
                    ),
                ).help("the count may exceed the list when a source gives only some of them, never fall short of it");
                None
            }
            Some(n) => Some(n),
            None => {
                cx.error(
                    &root.key("recommendation_count"),
                    format!(
                        "expected a whole number of 0 or more, found {}",
                        describe(v)
                    ),
                );
                None
            }
        },
    }
}

/// `grades`, checked against the framework: present exactly when it is
/// graded, and each judgement's grade on its scale.
fn grades(
    cx: &mut FileCx,
    o: &Obj,
    framework: Option<&str>,
    fw: &Frameworks,
    fw_ok: bool,
) -> Vec<(String, String)> {
    let root = FieldPath::default();
    let mut grades = Vec::new();
    let grades_obj = o.opt_obj(cx, "grades");
    let framework_def = framework.and_then(|f| fw.framework(f));
    match (framework, framework_def) {
        (Some(f), None) if fw_ok => {
            let known: Vec<&str> = fw.frameworks.iter().map(|f| f.id.as_str()).collect();
            let suggestion = hint(f, known.iter().copied());
            cx.error(&root.key("framework"), format!("unknown framework `{f}`"))
                .help(format!(
                    "{suggestion}frameworks in frameworks.yaml: {}",
                    known.join(", ")
                ));
        }
        (Some(_), Some(def)) => match (fw.scale_of(def), &grades_obj) {
            (None, Some(_)) => {
                cx.error(
                    &root.key("grades"),
                    format!(
                        "framework `{}` is ungraded, so this inspection cannot have grades",
                        def.id
                    ),
                )
                .help("remove `grades`, or use a graded framework");
            }
            (Some(_), None) if o.get("grades").is_none() => {
                cx.error(
                    &root,
                    format!(
                        "missing required field `grades`: framework `{}` is graded",
                        def.id
                    ),
                )
                .field("grades")
                .help(format!(
                    "give {}at least one of: {}",
                    if def.has_overall() {
                        "`overall` and "
                    } else {
                        ""
                    },
                    def.judgements
                        .iter()
                        .map(|j| j.key.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            (Some(scale), Some(g)) => grades = judged(cx, def, scale, g),
            (None, None) | (Some(_), None) => {}
        },
        _ => {}
    }
    grades
}

/// The grades of a graded framework's judgements, in the framework's order.
fn judged(cx: &mut FileCx, def: &Framework, scale: &Scale, g: &Obj) -> Vec<(String, String)> {
    let mut grades = Vec::new();
    let allowed: Vec<&str> = scale.grades.iter().map(|g| g.id.as_str()).collect();
    for (k, v) in g.map {
        let Some(key) = k.as_str() else {
            cx.error(
                &g.path,
                format!("judgement keys must be text, found {}", describe(k)),
            );
            continue;
        };
        let path = g.path.key(key);
        if def.judgement(key).is_none() {
            let keys: Vec<&str> = def.judgements.iter().map(|j| j.key.as_str()).collect();
            let suggestion = hint(key, keys.iter().copied());
            cx.error(
                &path,
                format!("`{key}` is not a judgement of framework `{}`", def.id),
            )
            .help(format!("{suggestion}judgements: {}", keys.join(", ")));
            continue;
        }
        // A judgement listed with no grade yet (as `scrutiny new` writes
        // them) is not shown until the editor gives it one.
        if v.is_null() {
            cx.warning(
                &path,
                format!("`{key}` has no grade yet, so it is not shown"),
            )
            .help(format!(
                "grades of scale `{}`: {}",
                scale.id,
                allowed.join(", ")
            ));
            continue;
        }
        let Some(grade) = v.as_str() else {
            cx.error(&path, format!("expected a grade id, found {}", describe(v)))
                .help(format!(
                    "grades of scale `{}`: {}",
                    scale.id,
                    allowed.join(", ")
                ));
            continue;
        };
        if scale.grade(grade).is_none() {
            let suggestion = hint(grade, allowed.iter().copied());
            cx.error(
                &path,
                format!("unknown grade `{grade}` for scale `{}`", scale.id),
            )
            .help(format!(
                "{suggestion}allowed grades: {}",
                allowed.join(", ")
            ));
            continue;
        }
        grades.push((key.to_string(), grade.to_string()));
    }
    if def.has_overall()
        && !grades.iter().any(|(k, _)| k == OVERALL)
        && !g.map.contains_key(OVERALL)
    {
        cx.error(
            &g.path,
            format!(
                "missing `grades.overall`: framework `{}` has an overall judgement",
                def.id
            ),
        )
        .field("grades.overall")
        .help(format!("allowed grades: {}", allowed.join(", ")));
    }
    if g.map.is_empty() {
        cx.error(&g.path, "give at least one judgement's grade");
    }
    grades.sort_by_key(|(k, _)| def.judgements.iter().position(|j| &j.key == k));
    grades
}
