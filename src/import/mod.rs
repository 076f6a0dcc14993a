//! `scrutiny import`: bringing a content folder in line with Ofsted's published
//! outcomes. [`outcomes`] reads and checks the file, [`plan`] matches it
//! against the content and works out every file to create or add fields to,
//! [`edit`] writes YAML without touching what editors wrote, and this module
//! runs the whole: check everything first, then write each file atomically,
//! or nothing at all.
//!
//! The import sits beside the build, above the `content` layer it reads.

pub mod edit;
pub mod names;
pub mod outcomes;
pub mod plan;

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use crate::content::{self, Diagnostic, Frameworks};
pub use outcomes::RowProblem;
pub use plan::Plan;

/// The framework of ILACS reports with an overall grade (January 2018 – March 2026).
pub const ILACS: &str = "ilacs";
/// The framework from April 2026, without an overall judgement.
pub const ILACS_REVISED: &str = "ilacs-2026";

/// Settings for a content folder that has none yet: the project's own.
pub const DEFAULT_SITE: &str = include_str!("../../content/site.yaml");
pub const DEFAULT_FRAMEWORKS: &str = include_str!("../../content/frameworks.yaml");

/// What to import, and whether to write.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub file: PathBuf,
    pub content: PathBuf,
    pub write: bool,
    pub skip_bad: bool,
}

/// Why an import stopped; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{} row(s) cannot be trusted; nothing was written (give --skip-bad to import the other rows)", distinct_rows(.0))]
    BadRows(Vec<RowProblem>),
    #[error("the content folder is invalid; fix it (see `scrutiny check`) before importing")]
    Content(Vec<Diagnostic>),
    #[error("frameworks.yaml cannot hold ILACS outcomes: {0}")]
    Frameworks(String),
    #[error("an imported file would not be valid content (a bug in scrutiny; nothing was written)")]
    Generated(Vec<Diagnostic>),
    #[error("{file} changed while importing; nothing more was written, run the import again")]
    Changed { file: String },
    #[error("cannot write {file}: {source}")]
    Write {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

fn distinct_rows(problems: &[RowProblem]) -> usize {
    let mut rows: Vec<usize> = problems.iter().map(|p| p.row).collect();
    rows.dedup();
    rows.len()
}

impl ImportError {
    /// 1 when the file or content is at fault, 2 for I/O.
    pub fn exit_code(&self) -> u8 {
        match self {
            ImportError::Read { .. }
            | ImportError::Write { .. }
            | ImportError::Changed { .. }
            | ImportError::Generated(_) => 2,
            _ => 1,
        }
    }
}

/// What an import did or would do.
#[derive(Debug)]
pub struct ImportReport {
    pub plan: Plan,
    pub rows: usize,
    pub written: bool,
}

/// Reads the file, plans against the content, and writes when asked.
pub fn import(opts: &ImportOptions) -> Result<ImportReport, ImportError> {
    let file = outcomes::read(&opts.file)?;
    let rows = file.outcomes.len() + distinct_rows(&file.problems);
    let (content, mut settings) = load_content(&opts.content)?;
    let frameworks = match &content {
        Some(c) => c.frameworks.clone(),
        None => content::load::parse_frameworks_bytes(DEFAULT_FRAMEWORKS.as_bytes())
            .map_err(ImportError::Generated)?,
    };
    check_frameworks(&frameworks)?;
    let read = |rel: &str| std::fs::read_to_string(opts.content.join(rel));
    let mut plan =
        plan::plan(content.as_ref(), &frameworks, &file.outcomes, &read).map_err(|source| {
            ImportError::Read {
                file: opts.content.display().to_string(),
                source,
            }
        })?;
    // The rows the plan refused were read fine: name their authority too.
    for p in plan.problems.iter_mut() {
        if let Some(o) = file.outcomes.iter().find(|o| o.row == p.row) {
            p.authority = outcomes::about(&o.area, &o.ons_code);
        }
    }
    plan.problems.extend(file.problems);
    plan.problems.sort_by_key(|p| p.row);
    if !plan.problems.is_empty() && !opts.skip_bad {
        return Err(ImportError::BadRows(plan.problems));
    }
    settings.append(&mut plan.files);
    plan.files = settings;
    check_generated(&plan, &frameworks)?;
    if opts.write {
        write_all(&opts.content, &plan)?;
    }
    Ok(ImportReport {
        plan,
        rows,
        written: opts.write,
    })
}

/// The content as it is, or `None` with the settings files to create when the
/// folder is new (missing, or holding neither settings nor authorities).
fn load_content(
    root: &Path,
) -> Result<(Option<content::Content>, Vec<plan::PlannedFile>), ImportError> {
    let is_new = ["site.yaml", "frameworks.yaml", "authorities"]
        .iter()
        .all(|f| !root.join(f).exists());
    if is_new {
        let settings = [
            (
                "site.yaml",
                DEFAULT_SITE,
                "site settings: set `title` and `base_url` to your own",
            ),
            (
                "frameworks.yaml",
                DEFAULT_FRAMEWORKS,
                "inspection frameworks and grade scales",
            ),
        ]
        .into_iter()
        .map(|(rel, text, what)| plan::PlannedFile {
            rel: rel.to_string(),
            before: None,
            after: text.to_string(),
            what: what.to_string(),
        })
        .collect();
        return Ok((None, settings));
    }
    let loaded = content::load::load(root);
    match loaded.content {
        Some(c) if !loaded.has_errors() => Ok((Some(c), Vec::new())),
        _ => Err(ImportError::Content(loaded.diagnostics)),
    }
}

/// The frameworks an import writes must exist, with the judgements and grades it uses.
fn check_frameworks(fw: &Frameworks) -> Result<(), ImportError> {
    use plan::{CARE_COMBINED, CARE_LEAVERS, HELP_AND_PROTECTION, IN_CARE, LEADERS};
    let needs: [(&str, &[&str]); 2] = [
        (
            ILACS,
            &[
                content::OVERALL,
                LEADERS,
                HELP_AND_PROTECTION,
                CARE_COMBINED,
                IN_CARE,
                CARE_LEAVERS,
            ],
        ),
        (
            ILACS_REVISED,
            &[LEADERS, HELP_AND_PROTECTION, IN_CARE, CARE_LEAVERS],
        ),
    ];
    for (id, keys) in needs {
        let f = fw
            .framework(id)
            .ok_or_else(|| ImportError::Frameworks(format!("it has no framework `{id}`")))?;
        if let Some(k) = keys.iter().find(|k| f.judgement(k).is_none()) {
            return Err(ImportError::Frameworks(format!(
                "framework `{id}` has no judgement `{k}`"
            )));
        }
        let scale = fw
            .scale_of(f)
            .ok_or_else(|| ImportError::Frameworks(format!("framework `{id}` has no scale")))?;
        for g in ["outstanding", "good", "requires-improvement", "inadequate"] {
            if scale.grade(g).is_none() {
                return Err(ImportError::Frameworks(format!(
                    "scale `{}` has no grade `{g}`",
                    scale.id
                )));
            }
        }
    }
    Ok(())
}

/// Every file the import would write must load as a build would load it.
fn check_generated(plan: &Plan, fw: &Frameworks) -> Result<(), ImportError> {
    let diags: Vec<Diagnostic> = plan
        .files
        .iter()
        .filter(|f| f.rel.starts_with("authorities/"))
        .flat_map(|f| content::load::check_file(&f.rel, f.after.as_bytes(), fw))
        .filter(Diagnostic::is_error)
        .collect();
    if diags.is_empty() {
        Ok(())
    } else {
        Err(ImportError::Generated(diags))
    }
}

/// Writes each file atomically (a temporary file renamed over it). A file
/// that changed since it was read, or a new one that appeared, stops the run.
fn write_all(root: &Path, plan: &Plan) -> Result<(), ImportError> {
    for f in &plan.files {
        let path = root.join(&f.rel);
        let fail = |source| ImportError::Write {
            file: path.display().to_string(),
            source,
        };
        let dir = path.parent().expect("a file inside the content folder");
        std::fs::create_dir_all(dir).map_err(fail)?;
        let now = std::fs::read_to_string(&path).ok();
        if now != f.before {
            return Err(ImportError::Changed {
                file: path.display().to_string(),
            });
        }
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
        tmp.write_all(f.after.as_bytes()).map_err(fail)?;
        tmp.as_file().sync_all().map_err(fail)?;
        let done = match f.before {
            None => tmp.persist_noclobber(&path),
            Some(_) => tmp.persist(&path),
        };
        done.map_err(|e| fail(e.error))?;
    }
    Ok(())
}

/// The summary printed after an import, file by file.
pub fn summary(r: &ImportReport, content: &Path) -> String {
    let p = &r.plan;
    let mut s = String::new();
    let created = p.files.iter().filter(|f| f.before.is_none()).count();
    let changed = p.files.len() - created;
    for f in &p.files {
        let verb = if f.before.is_none() {
            "create"
        } else {
            "change"
        };
        let _ = writeln!(s, "{verb}  {}  {}", f.rel, f.what);
    }
    for d in &p.disagreements {
        let _ = writeln!(
            s,
            "differs  {}  row {}: `{}` is `{}` in the file, `{}` in the outcomes; left as written",
            d.rel, d.row, d.field, d.ours, d.theirs
        );
    }
    if !p.repeats.is_empty() {
        let pairs: Vec<String> = p
            .repeats
            .iter()
            .map(|(r, e)| format!("{r} (as {e})"))
            .collect();
        let _ = writeln!(
            s,
            "repeats  {} row(s) repeat an earlier row's report and add nothing: {}",
            p.repeats.len(),
            pairs.join(", ")
        );
    }
    for problem in &p.problems {
        let _ = writeln!(s, "skipped  {problem}");
    }
    let where_ = content.display();
    if p.files.is_empty() {
        let _ = writeln!(
            s,
            "Nothing to do: {where_} already holds every outcome in the file's {} row(s).",
            r.rows
        );
    } else if r.written {
        let _ = writeln!(
            s,
            "Wrote {created} new and {changed} changed file(s) into {where_}."
        );
    } else {
        let _ = writeln!(
            s,
            "Would create {created} and change {changed} file(s) in {where_}; nothing was written. Run again with --write to write them."
        );
    }
    if !p.disagreements.is_empty() {
        let _ = writeln!(
            s,
            "{} value(s) differ from the outcomes and were left as written: check them against the reports.",
            p.disagreements.len()
        );
    }
    s
}
