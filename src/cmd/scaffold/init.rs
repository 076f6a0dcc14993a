//! `scrutiny init DIR`: a new portal that builds at once: the project's own
//! `site.yaml` and `frameworks.yaml`, an about page, and one example
//! authority with an inspection and a response, made by the same scaffolds
//! as `scrutiny new`.

use std::path::{Path, PathBuf};

use super::{create, new_inspection, new_response};
use crate::error::Error;
use crate::import::{DEFAULT_FRAMEWORKS, DEFAULT_SITE};

const EXAMPLE: &str = "example-borough";
const AUTHORITY: &str = "name: Example Borough Council\nshort_name: Example Borough\nregion: North East\nkind: Metropolitan district\n";
const ABOUT: &str = "---\ntitle: About\n---\nWho runs this portal, and how to reach them.\n";

/// Writes a new portal into `dir` (its content in `dir/content/`); returns
/// the files written. Refuses a folder that already has content.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let content = dir.join("content");
    if content.exists() {
        return Err(Error::Usage(format!(
            "{} already exists; scrutiny init starts a new portal in a folder without one",
            content.display()
        )));
    }
    let mut written = Vec::new();
    for (rel, text) in [
        ("site.yaml", DEFAULT_SITE),
        ("frameworks.yaml", DEFAULT_FRAMEWORKS),
        ("pages/about.md", ABOUT),
        (
            &format!("authorities/{EXAMPLE}/authority.yaml") as &str,
            AUTHORITY,
        ),
    ] {
        let path = content.join(rel);
        create(&path, text)?;
        written.push(path);
    }
    let inspection = new_inspection(&content, EXAMPLE, Some("ilacs-2026"), None)?;
    let slug = inspection
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a scaffold's name is text")
        .to_string();
    written.push(inspection);
    written.push(new_response(&content, EXAMPLE, &slug)?);
    Ok(written)
}
