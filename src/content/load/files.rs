//! Finding and reading content files: walking the folder and placing each
//! file in the layout, then reading it as checked text (UTF-8, not binary,
//! not too big, BOM removed, line endings normalised).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::MAX_FILE_BYTES;
use crate::content::{Diagnostic, is_slug};

/// What a file in the content folder is, by its place in the layout.
#[derive(Debug, Clone)]
pub(super) enum Entry {
    Authority {
        slug: String,
    },
    Inspection {
        authority: String,
        slug: String,
    },
    Response {
        authority: String,
        slug: String,
    },
    Page {
        slug: String,
    },
    /// `map.hexjson`, the optional hex-map layout.
    Map,
}

/// A file's text after checks: UTF-8, not binary, not too big; BOM removed and
/// line endings normalised to `\n`.
pub(super) struct TextFile {
    pub(super) rel: String,
    pub(super) text: Arc<str>,
}

pub(super) fn read_text(root: &Path, rel: &str) -> Result<TextFile, Vec<Diagnostic>> {
    use std::io::Read;
    let path = root.join(rel);
    let err = |m: String| vec![Diagnostic::error(rel.to_string(), m)];
    let cannot_read = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            err("required file is missing".to_string())
        } else {
            err(format!("cannot read: {e}"))
        }
    };
    // Opened once and checked through the handle: one path lookup per file.
    let file = fs::File::open(&path).map_err(cannot_read)?;
    let meta = file.metadata().map_err(cannot_read)?;
    if meta.is_dir() {
        return Err(err("expected a file, found a folder".to_string()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(vec![
            Diagnostic::error(
                rel.to_string(),
                format!("file is too large: {} bytes", meta.len()),
            )
            .help(format!(
                "content files may be at most {} bytes (2 MiB)",
                MAX_FILE_BYTES
            )),
        ]);
    }
    // Read at most one byte past the limit: the file may have grown since
    // it was checked, and decode() refuses it then.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("cannot read: {e}")))?;
    decode(rel, &bytes)
}

/// Turns a file's bytes into checked text: UTF-8, not binary, not too big,
/// byte-order mark removed and line endings normalised.
pub(super) fn decode(rel: &str, bytes: &[u8]) -> Result<TextFile, Vec<Diagnostic>> {
    let err = |m: String| vec![Diagnostic::error(rel.to_string(), m)];
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(err(format!("file is too large: {} bytes", bytes.len())));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(vec![
            Diagnostic::error(rel.to_string(), "this is a binary file, not text")
                .help("content files are UTF-8 text: YAML front matter and Markdown"),
        ]);
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = good
                .rsplit(|&b| b == b'\n')
                .next()
                .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
                + 1;
            return Err(vec![
                Diagnostic::error(
                    rel.to_string(),
                    format!("not valid UTF-8 at byte {}", e.valid_up_to()),
                )
                .at(line, col)
                .help("save the file as UTF-8"),
            ]);
        }
    };
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let text: Arc<str> = Arc::from(crate::content::clean_text(&text).as_ref());
    Ok(TextFile {
        rel: rel.to_string(),
        text,
    })
}

/// Walks the content folder and sorts its files into the layout, reporting
/// anything that is not where the format says, or leaves the folder.
pub(super) fn walk(root: &Path) -> (Vec<(String, Entry)>, Vec<Diagnostic>) {
    let mut entries = Vec::new();
    let mut diags = Vec::new();
    let canon_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut authority_dirs = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for item in walker.filter_entry(|e| !is_hidden(e.file_name().to_str().unwrap_or(""))) {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                let rel = e
                    .path()
                    .map(|p| rel_path(root, p))
                    .unwrap_or_else(|| ".".into());
                diags.push(Diagnostic::error(rel, format!("cannot read: {e}")));
                continue;
            }
        };
        if item.depth() == 0 {
            continue;
        }
        let rel = rel_path(root, item.path());
        let ft = item.file_type();
        let is_dir = if ft.is_symlink() {
            match symlink_problem(item.path(), &canon_root) {
                Err(d) => {
                    diags.push(Diagnostic::error(rel, d.0).help_opt(d.1));
                    continue;
                }
                Ok(()) => false,
            }
        } else {
            ft.is_dir()
        };
        let parts: Vec<&str> = rel.split('/').collect();
        match classify(&parts, is_dir) {
            Place::Dir => {
                if parts.len() == 2 && parts[0] == "authorities" {
                    authority_dirs.push(parts[1].to_string());
                }
            }
            Place::File(entry) => entries.push((rel, entry)),
            Place::Known => {}
            Place::Bad(msg, help) => diags.push(Diagnostic::error(rel, msg).help_opt(help)),
            Place::Ignored => diags.push(Diagnostic::warning(
                rel,
                "not part of the content layout; ignored",
            )),
        }
    }
    for dir in authority_dirs {
        if is_slug(&dir)
            && !entries
                .iter()
                .any(|(_, e)| matches!(e, Entry::Authority { slug } if *slug == dir))
        {
            diags.push(Diagnostic::error(format!("authorities/{dir}/authority.yaml"), "required file is missing").help("every authority folder holds an authority.yaml with at least `name` and `region`"));
        }
    }
    (entries, diags)
}

/// A symbolic link is read only when it leads to a file inside the content
/// folder; otherwise what is wrong and what to do.
fn symlink_problem(
    path: &Path,
    canon_root: &Path,
) -> Result<(), (&'static str, Option<&'static str>)> {
    match fs::canonicalize(path) {
        Ok(target) if target.starts_with(canon_root) => {
            if target.is_dir() {
                Err((
                    "a symbolic link to a folder is not followed",
                    Some("copy or move the folder instead"),
                ))
            } else {
                Ok(())
            }
        }
        Ok(_) => Err((
            "symbolic link leads outside the content folder",
            Some("content files must live inside the content folder"),
        )),
        Err(_) => Err(("broken symbolic link", None)),
    }
}

pub(super) fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

pub(super) fn rel_path(root: &Path, p: &Path) -> String {
    let rel: PathBuf = p
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

pub(super) enum Place {
    Dir,
    File(Entry),
    /// A file handled elsewhere (site.yaml, frameworks.yaml).
    Known,
    Bad(String, Option<String>),
    Ignored,
}

const SLUG_HELP: &str = "names are lower-case letters and digits in groups joined by single hyphens, e.g. `2019-05-ilacs`";

pub(super) fn classify(parts: &[&str], is_dir: bool) -> Place {
    let md_slug = |name: &str| -> Result<String, Place> {
        match name.strip_suffix(".md") {
            Some(_) if is_dir => Err(Place::Bad(
                "a folder is named like a content file".into(),
                Some("content files are files; rename or remove this folder".into()),
            )),
            Some(stem) if is_slug(stem) => Ok(stem.to_string()),
            Some(stem) => Err(Place::Bad(
                format!("`{stem}` is not a valid slug"),
                Some(SLUG_HELP.into()),
            )),
            None => Err(Place::Ignored),
        }
    };
    match parts {
        ["site.yaml"] | ["frameworks.yaml"] if !is_dir => Place::Known,
        ["site.yaml"] | ["frameworks.yaml"] => {
            Place::Bad("expected a file, found a folder".into(), None)
        }
        ["map.hexjson"] if !is_dir => Place::File(Entry::Map),
        ["map.hexjson"] => Place::Bad("expected a file, found a folder".into(), None),
        ["pages"] | ["authorities"] if is_dir => Place::Dir,
        ["pages", name] => match md_slug(name) {
            Ok(slug) => Place::File(Entry::Page { slug }),
            Err(p) => p,
        },
        ["authorities", a] if is_dir => {
            if is_slug(a) {
                Place::Dir
            } else {
                Place::Bad(
                    format!("`{a}` is not a valid authority slug"),
                    Some(SLUG_HELP.into()),
                )
            }
        }
        ["authorities", a, rest @ ..] if !is_slug(a) => {
            let _ = rest;
            Place::Known // reported once, at the folder
        }
        ["authorities", a, "authority.yaml"] => {
            if is_dir {
                Place::Bad("expected a file, found a folder".into(), None)
            } else {
                Place::File(Entry::Authority {
                    slug: a.to_string(),
                })
            }
        }
        ["authorities", _, "inspections"] | ["authorities", _, "responses"] if is_dir => Place::Dir,
        ["authorities", a, kind @ ("inspections" | "responses"), name] => match md_slug(name) {
            Ok(slug) if *kind == "inspections" => Place::File(Entry::Inspection {
                authority: a.to_string(),
                slug,
            }),
            Ok(slug) => Place::File(Entry::Response {
                authority: a.to_string(),
                slug,
            }),
            Err(p) => p,
        },
        _ if is_dir
            && parts.len() >= 2
            && matches!(parts.last(), Some(n) if n.ends_with(".md") || n.ends_with(".yaml")) =>
        {
            Place::Bad(
                "a folder is named like a content file".into(),
                Some("rename or remove this folder".into()),
            )
        }
        _ if is_dir => Place::Ignored,
        _ => Place::Ignored,
    }
}
