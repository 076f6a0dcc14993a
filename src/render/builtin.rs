//! The templates and static files shipped in the binary: the `templates/` and
//! `static/` folders embedded whole (`build.rs` rebuilds when they change), so
//! a content folder built from anywhere gets the full site and a new file
//! needs no list kept by hand.

use include_dir::{Dir, File, include_dir};

static TEMPLATES: Dir = include_dir!("$CARGO_MANIFEST_DIR/templates");
static STATIC: Dir = include_dir!("$CARGO_MANIFEST_DIR/static");

/// Every file under `dir`, depth first, sorted by path.
fn files(dir: &'static Dir<'static>) -> Vec<&'static File<'static>> {
    let mut out: Vec<&File> = dir.files().collect();
    for d in dir.dirs() {
        out.extend(files(d));
    }
    out.sort_by_key(|f| f.path());
    out
}

/// The path of an embedded file with `/` between folders.
fn name(f: &File) -> String {
    f.path()
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The built-in templates (`.html`), by name (`partials/quote.html`).
pub fn templates() -> Vec<(String, &'static str)> {
    files(&TEMPLATES)
        .into_iter()
        .filter(|f| f.path().extension().is_some_and(|e| e == "html"))
        .filter_map(|f| Some((name(f), f.contents_utf8()?)))
        .collect()
}

/// The built-in static files, by path under `static/`.
pub fn static_files() -> Vec<(String, &'static [u8])> {
    files(&STATIC)
        .into_iter()
        .map(|f| (name(f), f.contents()))
        .collect()
}

/// The built-in stylesheet, which holds the site's colours.
pub fn stylesheet() -> &'static str {
    STATIC
        .get_file("style.css")
        .and_then(File::contents_utf8)
        .unwrap_or("")
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_and_static_file_is_embedded() {
        let templates = super::templates();
        let names: Vec<&str> = templates.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"base.html"), "{names:?}");
        assert!(names.contains(&"partials/quote.html"), "{names:?}");
        let statics = super::static_files();
        assert!(statics.iter().any(|(n, _)| n == "style.css"));
        assert!(statics.iter().any(|(n, _)| n == "share.png"));
    }
}
