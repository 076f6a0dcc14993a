//! Reading a content folder: walking it, reading files in parallel, splitting
//! front matter from Markdown, and turning YAML into typed records.
//!
//! Every file is read once. Problems become [`Diagnostic`]s; nothing here panics
//! on bad bytes. Cross-file checks (duplicate aliases, `responds_to`) live in
//! [`super::validate`].

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde_yaml::{Mapping, Value};

use super::fields::{FieldPath, FileCx, Obj, describe};
use super::{
    Authority, Body, Content, Diagnostic, Framework, Frameworks, Grade, Inspection, Judgement,
    OVERALL, Page, RESPONSE_KINDS, Response, Scale, SiteConfig, Source, SourceFile, Visit, is_slug,
    is_web_url, validate,
};
use crate::content::diag::hint;

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

/// What a file in the content folder is, by its place in the layout.
#[derive(Debug, Clone)]
enum Entry {
    Authority { slug: String },
    Inspection { authority: String, slug: String },
    Response { authority: String, slug: String },
    Page { slug: String },
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

    let mut authorities = Vec::new();
    let mut inspections = Vec::new();
    let mut responses = Vec::new();
    let mut pages = Vec::new();
    for r in records {
        match r {
            Ok(Record::Authority(a, d)) => {
                diags.extend(d);
                authorities.push(a)
            }
            Ok(Record::Inspection(i, d)) => {
                diags.extend(d);
                inspections.push(i)
            }
            Ok(Record::Response(r, d)) => {
                diags.extend(d);
                responses.push(r)
            }
            Ok(Record::Page(p, d)) => {
                diags.extend(d);
                pages.push(p)
            }
            Err(d) => diags.extend(d),
        }
    }
    authorities.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    inspections.sort_by(|a, b| {
        (&a.authority, a.published, &a.slug).cmp(&(&b.authority, b.published, &b.slug))
    });
    responses.sort_by(|a, b| (&a.authority, a.date, &a.slug).cmp(&(&b.authority, b.date, &b.slug)));

    let usable = site.is_some() && frameworks.is_some();
    let content = Content {
        site: site.unwrap_or_else(placeholder_site),
        frameworks: frameworks.unwrap_or_default(),
        authorities,
        inspections,
        responses,
        pages,
        settings_hash,
    };
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

/// A file's text after checks: UTF-8, not binary, not too big; BOM removed and
/// line endings normalised to `\n`.
struct TextFile {
    rel: String,
    text: Arc<str>,
}

fn read_text(root: &Path, rel: &str) -> Result<TextFile, Vec<Diagnostic>> {
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
fn decode(rel: &str, bytes: &[u8]) -> Result<TextFile, Vec<Diagnostic>> {
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
    let text: Arc<str> = Arc::from(super::clean_text(&text).as_ref());
    Ok(TextFile {
        rel: rel.to_string(),
        text,
    })
}

/// Front matter split off a `.md` file: YAML lines and the Markdown body.
struct Split {
    /// 1-based line where the YAML starts.
    yaml_first_line: usize,
    yaml_lines: usize,
    yaml: String,
    body: Body,
}

fn split_front_matter(file: &TextFile) -> Result<Split, Diagnostic> {
    let text = &*file.text;
    let e = |m: &str| Diagnostic::error(file.rel.clone(), m.to_string());
    if text.trim().is_empty() {
        return Err(e("the file is empty")
            .help("a content file starts with YAML front matter between two `---` lines"));
    }
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(e("missing front matter: the first line must be `---`")
            .at(1, 1)
            .source(file.text.clone())
            .help("a content file starts with YAML front matter between two `---` lines"));
    }
    let mut offset = first.len();
    let yaml_start = offset;
    for (i, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            return Ok(Split {
                yaml_first_line: 2,
                yaml_lines: i,
                yaml: text[yaml_start..offset].to_string(),
                body: Body::new(file.text.clone(), offset + line.len()),
            });
        }
        offset += line.len();
    }
    Err(e("front matter is not closed: no second `---` line")
        .at(1, 1)
        .source(file.text.clone())
        .help("end the front matter with a line holding only `---`"))
}

/// Parses YAML text into a mapping, with the parser's line on failure.
fn parse_yaml(cx: &mut FileCx, yaml: &str) -> Option<Mapping> {
    match serde_yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(m)) => Some(m),
        Ok(Value::Null) => {
            cx.error(
                &FieldPath::default(),
                "no fields: expected a mapping of fields",
            );
            None
        }
        Ok(other) => {
            cx.error(
                &FieldPath::default(),
                format!("expected a mapping of fields, found {}", describe(&other)),
            );
            None
        }
        Err(err) => {
            let mut msg = err.to_string();
            // serde_yaml appends " at line L column C"; we show the place ourselves.
            if let Some(pos) = msg.find(" at line ") {
                msg.truncate(pos);
            }
            let mut d = Diagnostic::error(cx.path.clone(), format!("YAML error: {msg}"));
            if let Some(loc) = err.location() {
                d = d
                    .at(cx.yaml_first_line + loc.line() - 1, loc.column())
                    .source(cx.text.clone());
            }
            cx.diags.push(d);
            None
        }
    }
}

/// Stands in for an unusable site.yaml so that the other files still get checked.
fn placeholder_site() -> SiteConfig {
    SiteConfig {
        title: String::new(),
        base_url: "https://invalid.example/".into(),
        description: None,
        language: "en-GB".into(),
    }
}

fn parse_site(file: TextFile) -> (SiteConfig, Vec<Diagnostic>) {
    let lines = file.text.lines().count();
    let mut cx = FileCx::new(file.rel.clone(), file.text.clone(), 1, lines);
    let Some(map) = parse_yaml(&mut cx, &file.text) else {
        return (placeholder_site(), cx.diags);
    };
    let o = Obj::root(&map);
    o.check_unknown(&mut cx, &["title", "base_url", "description", "language"]);
    let title = o.req_text(&mut cx, "title").unwrap_or_default();
    let mut base_url = o.req_text(&mut cx, "base_url").unwrap_or_default();
    if !base_url.is_empty() && !is_web_url(&base_url) {
        cx.error(
            &FieldPath::default().key("base_url"),
            format!("`{base_url}` is not an absolute http(s) URL"),
        )
        .help("for example https://example.org/ or https://example.org/portal/");
    }
    if !base_url.ends_with('/') {
        base_url.push('/');
    }
    let site = SiteConfig {
        title,
        base_url,
        description: o.opt_text(&mut cx, "description"),
        language: o
            .opt_text(&mut cx, "language")
            .unwrap_or_else(|| "en-GB".to_string()),
    };
    (site, cx.diags)
}

fn parse_frameworks(file: TextFile) -> (Frameworks, Vec<Diagnostic>) {
    let lines = file.text.lines().count();
    let mut cx = FileCx::new(file.rel.clone(), file.text.clone(), 1, lines);
    let Some(map) = parse_yaml(&mut cx, &file.text) else {
        return (Frameworks::default(), cx.diags);
    };
    let o = Obj::root(&map);
    o.check_unknown(&mut cx, &["scales", "frameworks"]);
    let mut out = Frameworks::default();
    if let Some(scales) = mapping_of(&mut cx, &o, "scales") {
        for (k, v) in scales.map {
            let Some(id) = slug_key(&mut cx, &scales.path, k) else {
                continue;
            };
            let path = scales.path.key(&id);
            let Value::Sequence(items) = v else {
                cx.error(
                    &path,
                    format!(
                        "expected a list of grades, best first, found {}",
                        describe(v)
                    ),
                );
                continue;
            };
            let mut grades = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let ip = path.index(i);
                let Value::Mapping(m) = item else {
                    cx.error(
                        &ip,
                        format!(
                            "expected `{{ id: ..., label: ... }}`, found {}",
                            describe(item)
                        ),
                    );
                    continue;
                };
                let g = Obj {
                    map: m,
                    path: ip.clone(),
                };
                g.check_unknown(&mut cx, &["id", "label"]);
                let (Some(gid), Some(label)) =
                    (g.req_text(&mut cx, "id"), g.req_text(&mut cx, "label"))
                else {
                    continue;
                };
                if !is_slug(&gid) {
                    cx.error(&ip.key("id"), format!("grade id `{gid}` is not a slug"));
                } else if grades.iter().any(|x: &Grade| x.id == gid) {
                    cx.error(
                        &ip.key("id"),
                        format!("grade `{gid}` appears twice in scale `{id}`"),
                    );
                } else {
                    grades.push(Grade { id: gid, label });
                }
            }
            if grades.is_empty() {
                cx.error(&path, format!("scale `{id}` has no grades"));
            }
            out.scales.push(Scale { id, grades });
        }
    }
    if let Some(frameworks) = mapping_of(&mut cx, &o, "frameworks") {
        for (k, v) in frameworks.map {
            let Some(id) = slug_key(&mut cx, &frameworks.path, k) else {
                continue;
            };
            let path = frameworks.path.key(&id);
            let Value::Mapping(m) = v else {
                cx.error(
                    &path,
                    format!(
                        "expected a mapping with `name` and `judgements`, found {}",
                        describe(v)
                    ),
                );
                continue;
            };
            let f = Obj {
                map: m,
                path: path.clone(),
            };
            f.check_unknown(&mut cx, &["name", "short", "scale", "judgements"]);
            let name = f.req_text(&mut cx, "name").unwrap_or_else(|| id.clone());
            let short = f.opt_text(&mut cx, "short").unwrap_or_else(|| name.clone());
            let scale = f.opt_text(&mut cx, "scale");
            if let Some(s) = &scale
                && out.scale(s).is_none()
            {
                let known: Vec<&str> = out.scales.iter().map(|s| s.id.as_str()).collect();
                cx.error(&path.key("scale"), format!("unknown scale `{s}`"))
                    .help(format!("scales defined: {}", known.join(", ")));
            }
            let mut judgements = Vec::new();
            let judgements_obj = if scale.is_some() {
                mapping_of(&mut cx, &f, "judgements")
            } else {
                f.opt_obj(&mut cx, "judgements")
            };
            if let Some(js) = judgements_obj {
                for (jk, jv) in js.map {
                    let Some(key) = slug_key(&mut cx, &js.path, jk) else {
                        continue;
                    };
                    let Some(label) = jv
                        .as_str()
                        .map(str::to_string)
                        .filter(|s| !s.trim().is_empty())
                    else {
                        cx.error(
                            &js.path.key(&key),
                            format!(
                                "expected the judgement's name as text, found {}",
                                describe(jv)
                            ),
                        );
                        continue;
                    };
                    judgements.push(Judgement { key, label });
                }
            }
            if scale.is_some() && judgements.is_empty() {
                cx.error(&path, format!("graded framework `{id}` has no judgements"))
                    .field(path.key("judgements").to_string())
                    .help("list at least one judgement, e.g. `overall: Overall effectiveness`");
            }
            out.frameworks.push(Framework {
                id,
                name,
                short,
                scale,
                judgements,
            });
        }
    }
    (out, cx.diags)
}

fn mapping_of<'m>(cx: &mut FileCx, o: &Obj<'m>, key: &str) -> Option<Obj<'m>> {
    match o.get(key) {
        None => {
            cx.error(&o.path, format!("missing required field `{key}`"))
                .field(o.path.key(key).to_string());
            None
        }
        Some(_) => o.opt_obj(cx, key),
    }
}

fn slug_key(cx: &mut FileCx, parent: &FieldPath, k: &Value) -> Option<String> {
    let Some(s) = k.as_str() else {
        cx.error(parent, format!("keys must be text, found {}", describe(k)));
        return None;
    };
    if !is_slug(s) {
        cx.error(&parent.key(s), format!("`{s}` is not a valid id"))
            .help("ids are lower-case letters and digits joined by single hyphens");
        return None;
    }
    Some(s.to_string())
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
        Err(d) => d,
    }
}

/// What re-reading one edited file did.
pub enum Reload {
    /// The record was replaced; these are the diagnostics of the whole content
    /// after the change (the caller decides whether errors block it).
    Replaced(Vec<Diagnostic>),
    /// The file is not a record already loaded (new, removed, or a settings
    /// file): load everything again.
    NeedsFullLoad,
}

/// Re-reads one edited content file into `content`, for `serve`: only that
/// file is parsed, then the cross-file checks run again.
pub fn reload_one(root: &Path, rel: &str, content: &mut Content) -> Reload {
    let parts: Vec<&str> = rel.split('/').collect();
    let Place::File(entry) = classify(&parts, false) else {
        return Reload::NeedsFullLoad;
    };
    if !root.join(rel).is_file() {
        return Reload::NeedsFullLoad;
    }
    let record =
        read_text(root, rel).and_then(|f| parse_entry(f, &entry, &content.frameworks, true));
    let mut diags = match record {
        Err(d) => return Reload::Replaced(d),
        Ok(Record::Authority(a, d)) => {
            match content.authorities.iter_mut().find(|x| x.file.path == rel) {
                Some(slot) => {
                    *slot = a;
                    d
                }
                None => return Reload::NeedsFullLoad,
            }
        }
        Ok(Record::Inspection(i, d)) => match content
            .inspections
            .iter_mut()
            .find(|x| x.file.path == rel)
        {
            Some(slot) => {
                *slot = i;
                content.inspections.sort_by(|a, b| {
                    (&a.authority, a.published, &a.slug).cmp(&(&b.authority, b.published, &b.slug))
                });
                d
            }
            None => return Reload::NeedsFullLoad,
        },
        Ok(Record::Response(r, d)) => {
            match content.responses.iter_mut().find(|x| x.file.path == rel) {
                Some(slot) => {
                    *slot = r;
                    content.responses.sort_by(|a, b| {
                        (&a.authority, a.date, &a.slug).cmp(&(&b.authority, b.date, &b.slug))
                    });
                    d
                }
                None => return Reload::NeedsFullLoad,
            }
        }
        Ok(Record::Page(p, d)) => match content.pages.iter_mut().find(|x| x.file.path == rel) {
            Some(slot) => {
                *slot = p;
                d
            }
            None => return Reload::NeedsFullLoad,
        },
    };
    // Every inspection file is loaded here (a broken edit keeps its previous
    // record), so the loaded ones are all that exist.
    diags.extend(validate::cross_check(content, &HashSet::new()));
    Reload::Replaced(diags)
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

enum Record {
    Authority(Authority, Vec<Diagnostic>),
    Inspection(Inspection, Vec<Diagnostic>),
    Response(Response, Vec<Diagnostic>),
    Page(Page, Vec<Diagnostic>),
}

fn parse_entry(
    file: TextFile,
    entry: &Entry,
    fw: &Frameworks,
    fw_ok: bool,
) -> Result<Record, Vec<Diagnostic>> {
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
    let src = SourceFile::new(file.rel.clone(), file.text.clone());
    match entry {
        Entry::Inspection { authority, slug } => {
            let i = parse_inspection(&mut cx, &o, authority, slug, split.body, src, fw, fw_ok);
            finish(cx, i).map(|(i, d)| Record::Inspection(i, d))
        }
        Entry::Response { authority, slug } => {
            let r = parse_response(&mut cx, &o, authority, slug, split.body, src);
            finish(cx, r).map(|(r, d)| Record::Response(r, d))
        }
        Entry::Page { slug } => {
            o.check_unknown(&mut cx, &["title", "description"]);
            let title = o.req_text(&mut cx, "title");
            let description = o.opt_text(&mut cx, "description");
            let p = title.map(|title| Page {
                slug: slug.clone(),
                title,
                description,
                body: split.body,
                file: src,
            });
            finish(cx, p).map(|(p, d)| Record::Page(p, d))
        }
        Entry::Authority { .. } => unreachable!("handled above"),
    }
}

fn finish<T>(cx: FileCx, value: Option<T>) -> Result<(T, Vec<Diagnostic>), Vec<Diagnostic>> {
    match value {
        Some(v) if !cx.has_errors() => Ok((v, cx.diags)),
        _ => Err(cx.diags),
    }
}

fn parse_authority(
    cx: &mut FileCx,
    map: &Mapping,
    slug: &str,
    file: &TextFile,
) -> Option<Authority> {
    let o = Obj::root(map);
    o.check_unknown(
        cx,
        &[
            "name",
            "short_name",
            "region",
            "kind",
            "ons_code",
            "website",
            "press_page",
            "aliases",
        ],
    );
    let name = o.req_text(cx, "name");
    let region = o.req_text(cx, "region");
    let short_name = o.opt_text(cx, "short_name");
    let kind = o.opt_text(cx, "kind");
    let ons_code = o.opt_text(cx, "ons_code");
    let website = o.opt_url(cx, "website");
    let press_page = o.opt_url(cx, "press_page");
    let aliases = o.text_list(cx, "aliases");
    for (i, a) in aliases.iter().enumerate() {
        if !is_slug(a) {
            cx.error(
                &FieldPath::default().key("aliases").index(i),
                format!("alias `{a}` is not a slug"),
            ).help("aliases are former folder names: lower-case letters and digits joined by single hyphens");
        } else if a == slug {
            cx.error(
                &FieldPath::default().key("aliases").index(i),
                format!("alias `{a}` is the authority's own slug"),
            );
        }
    }
    let name = name?;
    Some(Authority {
        slug: slug.to_string(),
        short_name: short_name.unwrap_or_else(|| name.clone()),
        name,
        region: region?,
        kind,
        ons_code,
        website,
        press_page,
        aliases,
        file: SourceFile::new(file.rel.clone(), file.text.clone()),
    })
}

#[allow(clippy::too_many_arguments)]
fn parse_inspection(
    cx: &mut FileCx,
    o: &Obj,
    authority: &str,
    slug: &str,
    body: Body,
    file: SourceFile,
    fw: &Frameworks,
    fw_ok: bool,
) -> Option<Inspection> {
    let root = FieldPath::default();
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
        ],
    );
    let framework = o.req_text(cx, "framework");
    let title = o.opt_text(cx, "title");
    let published = o.req_date(cx, "published");
    let visit = o.opt_obj(cx, "visit").map(|v| {
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
    });
    let report = o.link(cx, "report");
    let strengths = o.text_list(cx, "strengths");
    let concerns = o.text_list(cx, "concerns");
    let recommendations = o.text_list(cx, "recommendations");
    let recommendation_count = match o.get("recommendation_count") {
        None => None,
        Some(v) => match v.as_u64().and_then(|n| u32::try_from(n).ok()) {
            Some(n) if (n as usize) < recommendations.len() => {
                cx.error(
                    &root.key("recommendation_count"),
                    format!(
                        "{n} is less than the {} recommendations listed",
                        recommendations.len()
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
    };
    let quotes = o.quotes(cx, "quotes");

    // Grades, checked against the framework.
    let mut grades = Vec::new();
    let grades_obj = o.opt_obj(cx, "grades");
    let framework_def = framework.as_deref().and_then(|f| fw.framework(f));
    match (&framework, framework_def) {
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
            (Some(scale), Some(g)) => {
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
                        let keys: Vec<&str> =
                            def.judgements.iter().map(|j| j.key.as_str()).collect();
                        let suggestion = hint(key, keys.iter().copied());
                        cx.error(
                            &path,
                            format!("`{key}` is not a judgement of framework `{}`", def.id),
                        )
                        .help(format!("{suggestion}judgements: {}", keys.join(", ")));
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
            }
            (None, None) | (Some(_), None) => {}
        },
        _ => {}
    }

    Some(Inspection {
        authority: authority.to_string(),
        slug: slug.to_string(),
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
        body,
        file,
    })
}

fn parse_response(
    cx: &mut FileCx,
    o: &Obj,
    authority: &str,
    slug: &str,
    body: Body,
    file: SourceFile,
) -> Option<Response> {
    let root = FieldPath::default();
    o.check_unknown(
        cx,
        &[
            "title",
            "date",
            "kind",
            "responds_to",
            "source",
            "quotes",
            "commitments",
        ],
    );
    let title = o.req_text(cx, "title");
    let date = o.req_date(cx, "date");
    let kind = o.req_text(cx, "kind");
    if let Some(k) = &kind
        && !RESPONSE_KINDS.contains(&k.as_str())
    {
        let suggestion = hint(k, RESPONSE_KINDS);
        cx.error(&root.key("kind"), format!("unknown kind `{k}`"))
            .help(format!("{suggestion}kinds: {}", RESPONSE_KINDS.join(", ")));
    }
    let responds_to = o.one_or_many(cx, "responds_to");
    if let Some(list) = &responds_to
        && list.is_empty()
    {
        cx.error(&root.key("responds_to"), "names no inspection");
    }
    let source = match o.get("source") {
        None => {
            cx.error(&root, "missing required field `source`")
                .field("source")
                .help("give `source: { publisher: ..., url: ..., title: ... }`");
            None
        }
        Some(_) => o.opt_obj(cx, "source").and_then(|s| {
            s.check_unknown(cx, &["publisher", "url", "title"]);
            let publisher = s.req_text(cx, "publisher");
            let url = s.opt_url(cx, "url");
            let title = s.opt_text(cx, "title");
            Some(Source {
                publisher: publisher?,
                url,
                title,
            })
        }),
    };
    let quotes = o.quotes(cx, "quotes");
    if quotes.is_empty() {
        cx.warning(&root, "this response quotes no one")
            .help("add `quotes:` with what was said, verbatim");
    }
    let commitments = o.text_list(cx, "commitments");
    Some(Response {
        authority: authority.to_string(),
        slug: slug.to_string(),
        title: title?,
        date: date?,
        kind: kind?,
        responds_to: responds_to?,
        source: source?,
        quotes,
        commitments,
        body,
        file,
    })
}

/// Walks the content folder and sorts its files into the layout, reporting
/// anything that is not where the format says, or leaves the folder.
fn walk(root: &Path) -> (Vec<(String, Entry)>, Vec<Diagnostic>) {
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
        let mut is_dir = ft.is_dir();
        if ft.is_symlink() {
            match fs::canonicalize(item.path()) {
                Ok(target) if target.starts_with(&canon_root) => {
                    is_dir = target.is_dir();
                    if is_dir {
                        diags.push(
                            Diagnostic::error(rel, "a symbolic link to a folder is not followed")
                                .help("copy or move the folder instead"),
                        );
                        continue;
                    }
                }
                Ok(_) => {
                    diags.push(
                        Diagnostic::error(rel, "symbolic link leads outside the content folder")
                            .help("content files must live inside the content folder"),
                    );
                    continue;
                }
                Err(_) => {
                    diags.push(Diagnostic::error(rel, "broken symbolic link"));
                    continue;
                }
            }
        }
        let parts: Vec<&str> = rel.split('/').collect();
        match classify(&parts, is_dir) {
            Place::Dir => {
                if parts.len() == 2 && parts[0] == "authorities" {
                    authority_dirs.push(parts[1].to_string());
                }
            }
            Place::File(entry) => entries.push((rel, entry)),
            Place::Known => {}
            Place::Bad(msg, help) => {
                let mut d = Diagnostic::error(rel, msg);
                if let Some(h) = help {
                    d = d.help(h);
                }
                diags.push(d);
            }
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

fn is_hidden(name: &str) -> bool {
    name.starts_with('.')
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel: PathBuf = p
        .strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| p.to_path_buf());
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

enum Place {
    Dir,
    File(Entry),
    /// A file handled elsewhere (site.yaml, frameworks.yaml).
    Known,
    Bad(String, Option<String>),
    Ignored,
}

const SLUG_HELP: &str = "names are lower-case letters and digits in groups joined by single hyphens, e.g. `2019-05-ilacs`";

fn classify(parts: &[&str], is_dir: bool) -> Place {
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
