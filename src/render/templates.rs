//! Templates: Tera, loaded and compiled once per build.
//!
//! The built-in templates are compiled into the binary, so a content folder
//! built from anywhere gets the full site. A `templates/` folder beside the
//! content folder's parent overrides them file by file. Tera autoescapes every
//! `.html` and `.xml` template; editor text is only ever inserted as data.

use std::path::Path;

use tera::Tera;

use super::builtin;

/// A template folder that failed to load or compile, with its cause.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("templates: {0}")]
    Walk(#[source] walkdir::Error),
    #[error("templates: {path}: {source}")]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Tera's message, with every cause on the same line.
    #[error("templates: {}", error_chain(.0))]
    Compile(#[source] tera::Error),
}

/// Compiled templates and a hash of their sources (for incremental builds).
pub struct Templates {
    pub tera: Tera,
    pub hash: u128,
}

/// Compiles the built-in templates, then any overrides from `dir`.
pub fn load(dir: Option<&Path>) -> Result<Templates, TemplateError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Escapes & < > " and ' (enough for text and quoted attributes), leaving `/`
    // readable in URLs, unlike Tera's default.
    tera.set_escape_fn(escape);
    let mut all: Vec<(String, String)> = builtin::templates()
        .into_iter()
        .map(|(n, s)| (n, s.to_string()))
        .collect();
    if let Some(dir) = dir.filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(TemplateError::Walk)?;
            if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "html")
            {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let name = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let text =
                std::fs::read_to_string(entry.path()).map_err(|source| TemplateError::Read {
                    path: entry.path().display().to_string(),
                    source,
                })?;
            all.retain(|(n, _)| n != &name);
            all.push((name, text));
        }
    }
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for (name, text) in &all {
        h.update(name.as_bytes());
        h.update(&[0]);
        h.update(text.as_bytes());
        h.update(&[0]);
    }
    for (name, bytes) in builtin::static_files() {
        h.update(name.as_bytes());
        h.update(bytes);
    }
    let hash = h.digest128();
    tera.add_raw_templates(all)
        .map_err(TemplateError::Compile)?;
    Ok(Templates { tera, hash })
}

fn escape(s: &str) -> String {
    // Most values (names, dates, URLs) hold nothing to escape: a scan in
    // blocks, which the compiler can vectorise, tells so before html_escape
    // walks the text byte by byte.
    let special = |b: &u8| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'');
    let clean = s
        .as_bytes()
        .chunks(32)
        .all(|block| !block.iter().fold(false, |hit, b| hit | special(b)));
    if clean {
        s.to_owned()
    } else {
        html_escape::encode_quoted_attribute(s).into_owned()
    }
}

/// Tera's error with all its causes, on one line each.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes_and_leaves_other_text() {
        assert_eq!(super::escape("Plain text / a URL"), "Plain text / a URL");
        let long = "x".repeat(40) + "<b a=\"1\">'&'</b>";
        assert_eq!(
            super::escape(&long),
            "x".repeat(40) + "&lt;b a=&quot;1&quot;&gt;&#x27;&amp;&#x27;&lt;/b&gt;"
        );
    }

    /// Tera is patched (`vendor/tera/PATCHED.md`) to unescape a lookup's
    /// segments only when they hold a `~`: lookups must find what upstream
    /// finds, escaped keys included.
    #[test]
    fn the_patched_tera_looks_up_dotted_paths_as_upstream_does() {
        let cx = tera::Context::from_value(serde_json::json!({
            "page": {"title": "T", "quotes": [{"text": "first"}, {"text": "second"}]},
            "odd": {"a/b": "slash", "c~d": "tilde", "e~1f": "literal"},
        }))
        .expect("an object");
        let template = "{{ page.title }} {{ page.quotes.1.text }} {% for q in page.quotes %}{{ q.text }};{% endfor %} \
            {{ odd['a~1b'] }} {{ odd['c~0d'] }} {{ odd['e~01f'] }} {{ page.missing | default(value='none') }}";
        let html = tera::Tera::one_off(template, &cx, false).expect("renders");
        assert_eq!(html, "T second first;second; slash tilde literal none");
    }

    /// Tera is patched to test a plain name in `{% if %}` with one lookup:
    /// every kind of value, and a missing one, must be as true or false as
    /// upstream has them, negated or not, with and without autoescaping.
    #[test]
    fn the_patched_tera_tests_names_in_conditions_as_upstream_does() {
        let cx = tera::Context::from_value(serde_json::json!({
            "text": "<b>", "empty": "", "yes": true, "no": false, "zero": 0, "one": 1,
            "none": null, "list": [1], "nolist": [], "map": {"a": 1, "e": ""},
        }))
        .expect("an object");
        let names = [
            "text",
            "empty",
            "yes",
            "no",
            "zero",
            "one",
            "none",
            "list",
            "nolist",
            "map",
            "map.a",
            "map.e",
            "missing",
            "map.missing",
            "list.0",
            "list.5",
        ];
        let template: String = names
            .iter()
            .map(|n| format!("{{% if {n} %}}1{{% else %}}0{{% endif %}}{{% if not {n} %}}1{{% else %}}0{{% endif %}} "))
            .collect();
        // Upstream Tera 1.20.1's answers (checked with the patch taken out).
        let upstream = "10 01 10 01 01 10 01 10 01 10 10 01 01 01 10 01 ";
        for escape in [false, true] {
            let html = tera::Tera::one_off(&template, &cx, escape).expect("renders");
            assert_eq!(html, upstream, "autoescape {escape}");
        }
    }
}
