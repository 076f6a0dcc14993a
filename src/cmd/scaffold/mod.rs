//! `scrutiny new` and `scrutiny init`: files an editor starts from. Each is
//! written from what the loader knows (the frameworks and their judgements,
//! the response kinds, the authorities and inspections already there), is
//! never written over an existing file, and is loaded again once written so
//! a scaffold that would not build is never left behind.

mod init;
mod text;

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Options, load};
use crate::content::diag::hint;
use crate::content::{Authority, Content, PartialDate};
use crate::error::Error;

pub use init::init;

/// Writes `authorities/<authority>/inspections/<YYYY-MM>-<framework>.md`.
pub fn new_inspection(
    content_dir: &Path,
    authority: &str,
    framework: Option<&str>,
    published: Option<&str>,
) -> Result<PathBuf, Error> {
    let content = load_content(content_dir)?;
    let a = find_authority(&content, authority)?;
    let framework = match framework {
        Some(f) => f.to_string(),
        None => current_framework(&content)?,
    };
    let def = content.frameworks.framework(&framework).ok_or_else(|| {
        let known: Vec<&str> = content
            .frameworks
            .frameworks
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        Error::Usage(format!(
            "unknown framework `{framework}`; {}frameworks in frameworks.yaml: {}",
            hint(&framework, known.iter().copied()),
            known.join(", ")
        ))
    })?;
    let published = match published {
        Some(p) => PartialDate::parse(p).map_err(|e| {
            Error::Usage(format!("--published `{p}`: {e} (for example `2026-07-14`)"))
        })?,
        None => today(),
    };
    let month = published.iso().chars().take(7).collect::<String>();
    let rel = format!("authorities/{}/inspections/{month}-{framework}.md", a.slug);
    let scale = content.frameworks.scale_of(def);
    write_new(content_dir, &rel, &text::inspection(def, scale, &published))
}

/// Writes `authorities/<authority>/responses/<today>-response-to-<inspection>.md`.
pub fn new_response(content_dir: &Path, authority: &str, to: &str) -> Result<PathBuf, Error> {
    let content = load_content(content_dir)?;
    let a = find_authority(&content, authority)?;
    let theirs: Vec<_> = content
        .inspections
        .iter()
        .filter(|i| i.authority == a.slug)
        .collect();
    let Some(inspection) = theirs.iter().find(|i| i.slug == to) else {
        let known: Vec<&str> = theirs.iter().map(|i| i.slug.as_str()).collect();
        return Err(Error::Usage(format!(
            "{} has no inspection `{to}`; {}its inspections: {}",
            a.slug,
            hint(to, known.iter().copied()),
            if known.is_empty() {
                "none yet".into()
            } else {
                known.join(", ")
            }
        )));
    };
    let date = today();
    let rel = format!(
        "authorities/{}/responses/{}-response-to-{to}.md",
        a.slug,
        date.iso()
    );
    let title = content
        .frameworks
        .framework(&inspection.framework)
        .map_or(inspection.framework.as_str(), |f| f.short.as_str());
    write_new(
        content_dir,
        &rel,
        &text::response(a, inspection, title, &date),
    )
}

/// The content as it is; a scaffold is added only to content that builds.
fn load_content(content_dir: &Path) -> Result<Content, Error> {
    if !content_dir.is_dir() {
        return Err(Error::Usage(format!(
            "no content folder at {}; run scrutiny in the project folder, point to the content with `--content DIR`, or start one with `scrutiny init DIR`",
            content_dir.display()
        )));
    }
    let opts = Options::new(content_dir.to_path_buf(), PathBuf::from("public"));
    Ok(load(&opts)?.0)
}

fn find_authority<'c>(content: &'c Content, slug: &str) -> Result<&'c Authority, Error> {
    content
        .authorities
        .iter()
        .find(|a| a.slug == slug)
        .ok_or_else(|| {
            let known: Vec<&str> = content
                .authorities
                .iter()
                .map(|a| a.slug.as_str())
                .collect();
            Error::Usage(format!(
                "unknown authority `{slug}`; {}authorities (folders under authorities/): {}",
                hint(slug, known.iter().copied()),
                known.join(", ")
            ))
        })
}

/// The framework of the most recently published inspection: the one in force.
fn current_framework(content: &Content) -> Result<String, Error> {
    content
        .inspections
        .iter()
        .max_by(|a, b| a.published.cmp(&b.published))
        .map(|i| i.framework.clone())
        .ok_or_else(|| {
            Error::Usage(
                "no inspection yet to take the framework from; give `--framework ID`".into(),
            )
        })
}

fn today() -> PartialDate {
    let day = chrono::Local::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    PartialDate::parse(&day).expect("today is a date")
}

/// Creates `rel` under the content folder (never over an existing file),
/// then loads the content again: a scaffold that does not load is removed.
fn write_new(content_dir: &Path, rel: &str, text: &str) -> Result<PathBuf, Error> {
    let path = content_dir.join(rel);
    create(&path, text)?;
    let opts = Options::new(content_dir.to_path_buf(), PathBuf::from("public"));
    if let Err(e) = load(&opts) {
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok(path)
}

/// Writes a new file, making its folders; refuses one that exists.
fn create(path: &Path, text: &str) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Usage(format!("cannot write {}: {e}", path.display()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut file = match OpenOptions::new().write(true).create_new(true).open(path) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!(
                "{} already exists; scrutiny never writes over a file (edit it, or remove it first)",
                path.display()
            )));
        }
        other => other.map_err(io)?,
    };
    file.write_all(text.as_bytes()).map_err(io)
}
