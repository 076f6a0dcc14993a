//! Reading a content folder: walking it, reading files in parallel, splitting
//! front matter from Markdown, and turning YAML into typed records.
//!
//! Every file is read once. Problems become [`Diagnostic`]s; nothing here panics
//! on bad bytes. Cross-file checks (duplicate aliases, `responds_to`) live in
//! [`super::validate`]. Where a field is checked: the file named after its
//! record (`authority.rs`, `inspection.rs`, `response.rs`, `page.rs`,
//! `settings.rs` for site.yaml and frameworks.yaml); how a field is read and
//! reported: `content/fields.rs`.

mod authority;
mod files;
mod front_matter;
mod inspection;
mod map;
mod page;
mod reload;
mod response;
mod settings;

pub use reload::{Reload, reload_one};

use authority::parse_authority;
use files::{Entry, Place, TextFile, classify, decode, read_text, walk};
use front_matter::{parse_yaml, split_front_matter};
use inspection::parse_inspection;
use map::parse_map;
use page::parse_page;
use response::parse_response;
use settings::{parse_frameworks, parse_site, placeholder_site};

use std::collections::HashSet;
use std::path::Path;

use rayon::prelude::*;

use crate::content::fields::{FileCx, Obj};
use crate::content::{
    Authority, Body, Content, Diagnostic, Frameworks, Inspection, Page, Response, SourceFile,
    validate,
};

/// Files larger than this are refused: no hand-written content file comes near it,
/// and it bounds the memory a hostile file can take.
pub const MAX_FILE_BYTES: u64 = 2 * 1024 * 1024;

/// The result of loading: the content when it is usable, and every diagnostic.
pub struct Loaded {
    pub content: Option<Content>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and checks everything under `root`.
pub fn load(root: &Path) -> Loaded {
    let mut diags = Vec::new();
    if !root.is_dir() {
        diags.push(Diagnostic::error(
            root.display().to_string(),
            "the content folder does not exist or is not a folder",
        ));
        return Loaded {
            content: None,
            diagnostics: diags,
        };
    }
    let settings = |rel: &str| {
        read_text(root, rel).map(|f| (xxhash_rust::xxh3::xxh3_128(f.text.as_bytes()), f))
    };
    let (site, frameworks) = rayon::join(
        || settings("site.yaml").map(|(h, f)| (h, parse_site(f))),
        || settings("frameworks.yaml").map(|(h, f)| (h, parse_frameworks(f))),
    );
    let settings_hash = match (&site, &frameworks) {
        (Ok((a, _)), Ok((b, _))) => a ^ b.rotate_left(1),
        _ => 0,
    };
    let site = site.map(|(_, r)| r);
    let frameworks = frameworks.map(|(_, r)| r);
    let site = collect(site, &mut diags);
    let frameworks = collect(frameworks, &mut diags);
    let (entries, walk_diags) = walk(root);
    diags.extend(walk_diags);

    let fw = frameworks.clone().unwrap_or_default();
    let fw_ok = frameworks.is_some();
    let records: Vec<Result<Record, Vec<Diagnostic>>> = entries
        .par_iter()
        .map(|(rel, entry)| {
            let file = read_text(root, rel)?;
            parse_entry(file, entry, &fw, fw_ok)
        })
        .collect();

    let usable = site.is_some() && frameworks.is_some();
    let mut content = Content {
        site: site.unwrap_or_else(placeholder_site),
        frameworks: frameworks.unwrap_or_default(),
        authorities: Vec::new(),
        inspections: Vec::new(),
        responses: Vec::new(),
        pages: Vec::new(),
        map: None,
        settings_hash,
    };
    gather(records, &mut content, &mut diags);
    content.sort();
    // Cross-file checks run even when some files failed, against every
    // inspection file that exists, so one bad file never makes others look wrong.
    let existing: HashSet<(String, String)> = entries
        .iter()
        .filter_map(|(_, e)| match e {
            Entry::Inspection { authority, slug } => Some((authority.clone(), slug.clone())),
            _ => None,
        })
        .collect();
    diags.extend(validate::cross_check(&content, &existing));
    if !usable {
        return Loaded {
            content: None,
            diagnostics: diags,
        };
    }
    Loaded {
        content: Some(content),
        diagnostics: diags,
    }
}

/// Puts each parsed record into `content`, and every file's diagnostics into `diags`.
fn gather(
    records: Vec<Result<Record, Vec<Diagnostic>>>,
    content: &mut Content,
    diags: &mut Vec<Diagnostic>,
) {
    for r in records {
        match r {
            Ok(Record::Authority(a, d)) => {
                diags.extend(d);
                content.authorities.push(a)
            }
            Ok(Record::Inspection(i, d)) => {
                diags.extend(d);
                content.inspections.push(i)
            }
            Ok(Record::Response(r, d)) => {
                diags.extend(d);
                content.responses.push(r)
            }
            Ok(Record::Page(p, d)) => {
                diags.extend(d);
                content.pages.push(p)
            }
            Ok(Record::Map(m, d)) => {
                diags.extend(d);
                content.map = Some(m)
            }
            Err(d) => diags.extend(d),
        }
    }
}

fn collect<T>(
    r: Result<(T, Vec<Diagnostic>), Vec<Diagnostic>>,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    match r {
        Ok((v, d)) => {
            let ok = !d.iter().any(Diagnostic::is_error);
            diags.extend(d);
            ok.then_some(v)
        }
        Err(d) => {
            diags.extend(d);
            None
        }
    }
}

/// Where a front-matter record lives and what it carries besides its
/// fields: its authority and slug (from its path), its Markdown body and its
/// file.
pub(super) struct Located {
    /// Empty for free pages.
    pub(super) authority: String,
    pub(super) slug: String,
    pub(super) body: Body,
    pub(super) file: SourceFile,
}

enum Record {
    Authority(Authority, Vec<Diagnostic>),
    Inspection(Inspection, Vec<Diagnostic>),
    Response(Response, Vec<Diagnostic>),
    Page(Page, Vec<Diagnostic>),
    Map(crate::content::map::HexMap, Vec<Diagnostic>),
}

fn parse_entry(
    file: TextFile,
    entry: &Entry,
    fw: &Frameworks,
    fw_ok: bool,
) -> Result<Record, Vec<Diagnostic>> {
    if let Entry::Map = entry {
        return parse_map(file).map(|(m, d)| Record::Map(m, d));
    }
    if let Entry::Authority { slug } = entry {
        let lines = file.text.lines().count();
        let mut cx = FileCx::new(file.rel.clone(), file.text.clone(), 1, lines);
        let map = parse_yaml(&mut cx, &file.text).ok_or_else(|| cx.diags.clone())?;
        let a = parse_authority(&mut cx, &map, slug, &file);
        return finish(cx, a.map(|a| (a, ())).map(|(a, _)| a))
            .map(|(a, d)| Record::Authority(a, d));
    }
    let split = split_front_matter(&file).map_err(|d| vec![d])?;
    let mut cx = FileCx::new(
        file.rel.clone(),
        file.text.clone(),
        split.yaml_first_line,
        split.yaml_lines,
    );
    let map = parse_yaml(&mut cx, &split.yaml).ok_or_else(|| cx.diags.clone())?;
    let o = Obj::root(&map);
    let located = |authority: &str, slug: &str| Located {
        authority: authority.to_string(),
        slug: slug.to_string(),
        body: split.body.clone(),
        file: SourceFile::new(file.rel.clone(), file.text.clone()),
    };
    match entry {
        Entry::Inspection { authority, slug } => {
            let i = parse_inspection(&mut cx, &o, located(authority, slug), fw, fw_ok);
            finish(cx, i).map(|(i, d)| Record::Inspection(i, d))
        }
        Entry::Response { authority, slug } => {
            let r = parse_response(&mut cx, &o, located(authority, slug));
            finish(cx, r).map(|(r, d)| Record::Response(r, d))
        }
        Entry::Page { slug } => {
            let p = parse_page(&mut cx, &o, located("", slug));
            finish(cx, p).map(|(p, d)| Record::Page(p, d))
        }
        Entry::Authority { .. } | Entry::Map => unreachable!("handled above"),
    }
}

fn finish<T>(cx: FileCx, value: Option<T>) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> {
    match value {
        Some(v) if !cx.has_errors() => Ok((v, cx.diags)),
        _ => Err(cx.diags),
    }
}

/// Checks one content file given as bytes, exactly as a build would, and
/// returns its diagnostics. `rel` places it in the layout
/// (`authorities/<a>/inspections/<i>.md`, `.../responses/<r>.md`,
/// `authorities/<a>/authority.yaml` or `pages/<p>.md`). Used by fuzzing and
/// by tools that check a single file.
pub fn check_file(rel: &str, bytes: &[u8], frameworks: &Frameworks) -> Vec<Diagnostic> {
    let parts: Vec<&str> = rel.split('/').collect();
    let entry = match classify(&parts, false) {
        Place::File(e) => e,
        _ => {
            return vec![Diagnostic::error(
                rel.to_string(),
                "not a content file of the layout",
            )];
        }
    };
    match decode(rel, bytes).and_then(|f| parse_entry(f, &entry, frameworks, true)) {
        Ok(
            Record::Authority(_, d)
            | Record::Inspection(_, d)
            | Record::Response(_, d)
            | Record::Page(_, d),
        ) => d,
        Ok(Record::Map(_, d)) => d,
        Err(d) => d,
    }
}

/// Parses `frameworks.yaml` from bytes (for fuzzing and tests).
pub fn parse_frameworks_bytes(bytes: &[u8]) -> Result<Frameworks, Vec<Diagnostic>> {
    let file = decode("frameworks.yaml", bytes)?;
    let (fw, diags) = parse_frameworks(file);
    if diags.iter().any(Diagnostic::is_error) {
        Err(diags)
    } else {
        Ok(fw)
    }
}

/// `aliases` of an inspection or response: former slugs of the record within
/// its authority, each a slug other than its own. Clashes with other records
/// are checked across files in [`crate::content::validate`].
pub(super) fn record_aliases(cx: &mut FileCx, o: &Obj, slug: &str) -> Vec<String> {
    use crate::content::fields::FieldPath;
    let aliases = o.text_list(cx, "aliases");
    for (i, a) in aliases.iter().enumerate() {
        let path = FieldPath::default().key("aliases").index(i);
        if !crate::content::is_slug(a) {
            cx.error(&path, format!("alias `{a}` is not a slug")).help(
                "aliases are former file names without `.md`: lower-case letters and digits joined by single hyphens",
            );
        } else if a == slug {
            cx.error(&path, format!("alias `{a}` is the record's own slug"));
        }
    }
    aliases
}
