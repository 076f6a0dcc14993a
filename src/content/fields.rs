//! Reading typed fields out of parsed YAML, with a diagnostic for every field
//! that is missing, mistyped or unknown.
//!
//! serde_yaml gives line numbers only for syntax errors, so for field-level
//! problems [`FileCx::locate`] finds the line of a field path in the file's text.
//! That lookup runs only when something is wrong, never on the good path.

use std::sync::Arc;

use serde_yaml::{Mapping, Value};

use super::date::PartialDate;
use super::diag::{Diagnostic, did_you_mean, hint};
use super::{Link, Quote, is_web_url};

/// One step of a field path.
#[derive(Debug, Clone)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A dotted field path such as `quotes[1].text`.
#[derive(Debug, Clone, Default)]
pub struct FieldPath(pub Vec<Seg>);

impl FieldPath {
    pub fn key(&self, k: &str) -> FieldPath {
        let mut p = self.0.clone();
        p.push(Seg::Key(k.to_string()));
        FieldPath(p)
    }

    pub fn index(&self, i: usize) -> FieldPath {
        let mut p = self.0.clone();
        p.push(Seg::Index(i));
        FieldPath(p)
    }
}

impl std::fmt::Display for FieldPath {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Key(k) if i == 0 => write!(f, "{k}")?,
                Seg::Key(k) => write!(f, ".{k}")?,
                Seg::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// A diagnostic being built for a file: the same builder methods as
/// [`Diagnostic`]'s, and it goes into the file's list when dropped (at the
/// end of the statement that made it).
pub struct Pending<'a> {
    into: &'a mut Vec<Diagnostic>,
    diag: Option<Diagnostic>,
}

impl<'a> Pending<'a> {
    fn new(into: &'a mut Vec<Diagnostic>, diag: Diagnostic) -> Self {
        Pending {
            into,
            diag: Some(diag),
        }
    }

    fn map(mut self, f: impl FnOnce(Diagnostic) -> Diagnostic) -> Self {
        self.diag = self.diag.take().map(f);
        self
    }

    /// What was expected, or a suggestion (see [`super::diag::hint`]).
    pub fn help(self, help: impl Into<String>) -> Self {
        self.map(|d| d.help(help))
    }

    /// Names a different field than the one the diagnostic points at.
    pub fn field(self, field: impl Into<String>) -> Self {
        self.map(|d| d.field(field))
    }
}

impl Drop for Pending<'_> {
    fn drop(&mut self) {
        if let Some(d) = self.diag.take() {
            self.into.push(d);
        }
    }
}

/// The file being read: its path, text and the diagnostics found so far.
pub struct FileCx {
    pub path: String,
    pub text: Arc<str>,
    /// Line of the file where the YAML starts (1 for a .yaml file, 2 after `---`).
    pub yaml_first_line: usize,
    /// Number of YAML lines (front matter only), to bound the search.
    pub yaml_lines: usize,
    pub diags: Vec<Diagnostic>,
}

impl FileCx {
    pub fn new(path: String, text: Arc<str>, yaml_first_line: usize, yaml_lines: usize) -> FileCx {
        FileCx {
            path,
            text,
            yaml_first_line,
            yaml_lines,
            diags: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diags.iter().any(Diagnostic::is_error)
    }

    /// An error at a field, located in the text when possible. Add a help
    /// or another field with [`Pending`]'s builder methods; it is recorded
    /// at the end of the statement.
    pub fn error(&mut self, field: &FieldPath, message: impl Into<String>) -> Pending<'_> {
        let d = self.point(Diagnostic::error(self.path.clone(), message), field);
        Pending::new(&mut self.diags, d)
    }

    /// A warning at a field; as [`FileCx::error`].
    pub fn warning(&mut self, field: &FieldPath, message: impl Into<String>) -> Pending<'_> {
        let d = self.point(Diagnostic::warning(self.path.clone(), message), field);
        Pending::new(&mut self.diags, d)
    }

    fn point(&self, d: Diagnostic, field: &FieldPath) -> Diagnostic {
        let d = if field.0.is_empty() {
            d
        } else {
            d.field(field.to_string())
        };
        match self.locate(field) {
            Some((line, col)) => d.at(line, col).source(self.text.clone()),
            None => d
                .at(self.yaml_first_line.max(1), 1)
                .source(self.text.clone()),
        }
    }

    /// 1-based (line, column) of a field path in the YAML text, best effort:
    /// block mappings and sequences are followed by indentation, and a key inside
    /// a flow mapping on one line (`visit: { from: x, to: y }`) is found on it.
    pub fn locate(&self, field: &FieldPath) -> Option<(usize, usize)> {
        let lines: Vec<&str> = self
            .text
            .lines()
            .skip(self.yaml_first_line - 1)
            .take(self.yaml_lines)
            .collect();
        // The current block: a range of lines and the column its content starts at.
        let (mut start, mut end) = (0usize, lines.len());
        let mut found: Option<(usize, usize)> = None;
        let mut min_col = 0usize;
        for seg in &field.0 {
            let children = child_lines(&lines, start, end, min_col);
            match seg {
                Seg::Key(k) => {
                    let hit = children
                        .iter()
                        .find_map(|&(i, col)| key_at(&lines[i][col..], k).map(|_| (i, col)));
                    match hit {
                        Some((i, col)) => {
                            found = Some((i, col));
                            let stop = block_end(&lines, i, end, col);
                            start = i;
                            end = stop;
                            min_col = col + 1;
                        }
                        None => {
                            // A flow mapping on the line we are at?
                            let (i, _) = found?;
                            let line = lines[i];
                            let pos = find_flow_key(line, k)?;
                            return Some((self.yaml_first_line + i, pos + 1));
                        }
                    }
                }
                Seg::Index(n) => {
                    // Items are lines starting with "- " at the shallowest column.
                    let (first_line, _) = found.unwrap_or((start, 0));
                    let items: Vec<(usize, usize)> = lines[start..end]
                        .iter()
                        .enumerate()
                        .filter_map(|(off, l)| {
                            let trimmed = l.trim_start();
                            let col = l.len() - trimmed.len();
                            let i = start + off;
                            let on_key_line = i == first_line && found.is_some();
                            let line_rest = if on_key_line {
                                // `key: - x` is invalid; look after the key only for a block.
                                return None;
                            } else {
                                trimmed
                            };
                            (line_rest.starts_with("- ") || line_rest == "-").then_some((i, col))
                        })
                        .collect();
                    let min = items.iter().map(|&(_, c)| c).min()?;
                    let items: Vec<_> = items.into_iter().filter(|&(_, c)| c == min).collect();
                    let &(i, col) = items.get(*n)?;
                    let next = items.get(n + 1).map_or(end, |&(j, _)| j);
                    found = Some((i, col + 2));
                    start = i;
                    end = next;
                    min_col = col + 2;
                }
            }
        }
        found.map(|(i, col)| (self.yaml_first_line + i, col + 1))
    }
}

/// Lines in `start..end` that hold direct children: the shallowest content
/// column at or after `min_col` (an item's `- ` counts as indentation).
fn child_lines(lines: &[&str], start: usize, end: usize, min_col: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate().take(end).skip(start) {
        let col = content_col(line);
        if col >= min_col && !line.trim().is_empty() && !line.trim_start().starts_with('#') {
            out.push((i, col));
        }
    }
    let min = out.iter().map(|&(_, c)| c).min().unwrap_or(0);
    out.retain(|&(_, c)| c == min);
    out
}

/// Column where a line's content starts, treating list dashes as indentation.
fn content_col(line: &str) -> usize {
    let mut col = 0;
    let bytes = line.as_bytes();
    loop {
        while col < bytes.len() && bytes[col] == b' ' {
            col += 1;
        }
        if col + 1 < bytes.len() && bytes[col] == b'-' && bytes[col + 1] == b' ' {
            col += 2;
        } else {
            return col;
        }
    }
}

/// The line after the block that starts at line `i` with content at `col`.
fn block_end(lines: &[&str], i: usize, end: usize, col: usize) -> usize {
    for (j, line) in lines.iter().enumerate().take(end).skip(i + 1) {
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if indent < col || (indent == col && !line.trim_start().starts_with("- ")) {
            return j;
        }
    }
    end
}

fn key_at(s: &str, key: &str) -> Option<()> {
    for quote in ["", "\"", "'"] {
        let k = format!("{quote}{key}{quote}");
        if let Some(rest) = s.strip_prefix(&k)
            && rest.trim_start().starts_with(':')
        {
            return Some(());
        }
    }
    None
}

fn find_flow_key(line: &str, key: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(pos) = line[from..].find(key) {
        let at = from + pos;
        let before_ok =
            at == 0 || matches!(line.as_bytes()[at - 1], b'{' | b' ' | b',' | b'"' | b'\'');
        let after = &line[at + key.len()..];
        if before_ok
            && after
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
        {
            return Some(line[..at].chars().count());
        }
        from = at + key.len();
    }
    None
}

/// What a YAML value is, in an editor's words.
pub fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping of fields",
        Value::Tagged(_) => "a tagged value",
    }
}

/// A YAML mapping being read, with its place in the file.
pub struct Obj<'m> {
    pub map: &'m Mapping,
    pub path: FieldPath,
}

impl<'m> Obj<'m> {
    pub fn root(map: &'m Mapping) -> Obj<'m> {
        Obj {
            map,
            path: FieldPath::default(),
        }
    }

    pub fn get(&self, key: &str) -> Option<&'m Value> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// Reports keys that are not `known`: an error for non-text keys, a warning
    /// with the nearest known name otherwise.
    pub fn check_unknown(&self, cx: &mut FileCx, known: &[&str]) {
        for k in self.map.keys() {
            match k.as_str() {
                Some(name) if known.contains(&name) => {}
                Some(name) => {
                    cx.warning(
                        &self.path.key(name),
                        format!("unknown field `{name}`, ignored"),
                    )
                    .help(format!(
                        "{}known fields: {}",
                        hint(name, known.iter().copied()),
                        known.join(", ")
                    ));
                }
                None => {
                    cx.error(
                        &self.path,
                        format!("field names must be text, found {}", describe(k)),
                    );
                }
            }
        }
    }

    /// A missing required field; suggests a near-miss key the editor did write.
    fn missing(&self, cx: &mut FileCx, key: &str, what: &str) {
        let near = self
            .map
            .keys()
            .filter_map(Value::as_str)
            .find(|k| *k != key && did_you_mean(k, [key]).is_some());
        match near {
            Some(typo) => {
                cx.error(
                    &self.path.key(typo),
                    format!("missing required field `{}`", self.path.key(key)),
                )
                .help(format!(
                    "found `{typo}`: did you mean `{key}`? expected {what}"
                ))
                .field(self.path.key(key).to_string());
            }
            None => {
                cx.error(
                    &self.path,
                    format!("missing required field `{}`", self.path.key(key)),
                )
                .field(self.path.key(key).to_string())
                .help(format!("expected {what}"));
            }
        }
    }

    pub fn req_text(&self, cx: &mut FileCx, key: &str) -> Option<String> {
        match self.get(key) {
            None => {
                self.missing(cx, key, "text");
                None
            }
            Some(v) => text(cx, &self.path.key(key), v),
        }
    }

    pub fn opt_text(&self, cx: &mut FileCx, key: &str) -> Option<String> {
        self.get(key).and_then(|v| text(cx, &self.path.key(key), v))
    }

    pub fn req_date(&self, cx: &mut FileCx, key: &str) -> Option<PartialDate> {
        match self.get(key) {
            None => {
                self.missing(cx, key, "a date: YYYY, YYYY-MM or YYYY-MM-DD");
                None
            }
            Some(v) => date(cx, &self.path.key(key), v),
        }
    }

    pub fn opt_date(&self, cx: &mut FileCx, key: &str) -> Option<PartialDate> {
        self.get(key).and_then(|v| date(cx, &self.path.key(key), v))
    }

    pub fn opt_url(&self, cx: &mut FileCx, key: &str) -> Option<String> {
        let path = self.path.key(key);
        let url = self.opt_text(cx, key)?;
        if is_web_url(&url) {
            Some(super::normalise_url(&url))
        } else {
            cx.error(&path, format!("`{url}` is not an absolute http(s) URL"))
                .help("links must start with https:// or http://");
            None
        }
    }

    pub fn opt_obj(&self, cx: &mut FileCx, key: &str) -> Option<Obj<'m>> {
        let v = self.get(key)?;
        let path = self.path.key(key);
        match v {
            Value::Mapping(map) => Some(Obj { map, path }),
            other => {
                cx.error(
                    &path,
                    format!("expected a mapping of fields, found {}", describe(other)),
                );
                None
            }
        }
    }

    /// A list of short strings; absent means empty.
    pub fn text_list(&self, cx: &mut FileCx, key: &str) -> Vec<String> {
        let path = self.path.key(key);
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, v)| text(cx, &path.index(i), v))
                .collect(),
            Some(other) => {
                cx.error(
                    &path,
                    format!("expected a list of text, found {}", describe(other)),
                );
                Vec::new()
            }
        }
    }

    /// One text or a list of texts, always returned as a list.
    pub fn one_or_many(&self, cx: &mut FileCx, key: &str) -> Option<Vec<String>> {
        match self.get(key) {
            None => {
                self.missing(cx, key, "text or a list of text");
                None
            }
            Some(Value::Sequence(_)) => Some(self.text_list(cx, key)),
            Some(v) => text(cx, &self.path.key(key), v).map(|t| vec![t]),
        }
    }

    pub fn quotes(&self, cx: &mut FileCx, key: &str) -> Vec<Quote> {
        let path = self.path.key(key);
        let items = match self.get(key) {
            None => return Vec::new(),
            Some(Value::Sequence(items)) => items,
            Some(other) => {
                cx.error(
                    &path,
                    format!("expected a list of quotes, found {}", describe(other)),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let ipath = path.index(i);
            let Value::Mapping(map) = item else {
                cx.error(
                    &ipath,
                    format!("expected a quote with `text`, found {}", describe(item)),
                )
                .help("write `- text: \"...\"` with optional `speaker:` and `role:`");
                continue;
            };
            let q = Obj { map, path: ipath };
            q.check_unknown(cx, &["text", "speaker", "role"]);
            if let Some(text) = q.req_text(cx, "text") {
                out.push(Quote {
                    text,
                    speaker: q.opt_text(cx, "speaker"),
                    role: q.opt_text(cx, "role"),
                });
            }
        }
        out
    }

    pub fn link(&self, cx: &mut FileCx, key: &str) -> Option<Link> {
        let obj = self.opt_obj(cx, key)?;
        obj.check_unknown(cx, &["url", "title"]);
        let title = obj.opt_text(cx, "title");
        if obj.get("url").is_none() {
            obj.missing(cx, "url", "an absolute http(s) URL");
            return None;
        }
        let url = obj.opt_url(cx, "url")?;
        Some(Link { url, title })
    }
}

/// A scalar as text; numbers and booleans are taken as written.
fn text(cx: &mut FileCx, path: &FieldPath, v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => super::clean_text(s.trim_end()).into_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => {
            cx.error(path, format!("expected text, found {}", describe(other)));
            return None;
        }
    };
    if s.trim().is_empty() {
        cx.error(path, "must not be empty");
        return None;
    }
    Some(s)
}

fn date(cx: &mut FileCx, path: &FieldPath, v: &Value) -> Option<PartialDate> {
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) if n.is_u64() => n.to_string(),
        other => {
            cx.error(path, format!("expected a date, found {}", describe(other)))
                .help("write YYYY, YYYY-MM or YYYY-MM-DD");
            return None;
        }
    };
    match PartialDate::parse(&s) {
        Ok(d) => Some(d),
        Err(e) => {
            cx.error(path, e.to_string())
                .help("write YYYY, YYYY-MM or YYYY-MM-DD with a real month and day");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx(text: &str) -> FileCx {
        let n = text.lines().count();
        FileCx::new("f.md".into(), Arc::from(text), 1, n)
    }

    fn p(segs: &[Seg]) -> FieldPath {
        FieldPath(segs.to_vec())
    }

    fn k(s: &str) -> Seg {
        Seg::Key(s.into())
    }

    #[test]
    fn locates_nested_keys_list_items_and_flow_keys() {
        let c = cx(
            "framework: ilacs\ngrades:\n  overall: good\n  leaders: bad\nvisit: { from: 2019, to: 2018 }\nquotes:\n  - text: a\n    speaker: b\n  - text: c\n    role: d\n",
        );
        assert_eq!(c.locate(&p(&[k("framework")])), Some((1, 1)));
        assert_eq!(c.locate(&p(&[k("grades"), k("leaders")])), Some((4, 3)));
        assert_eq!(c.locate(&p(&[k("visit"), k("to")])), Some((5, 22)));
        assert_eq!(
            c.locate(&p(&[k("quotes"), Seg::Index(1), k("role")])),
            Some((10, 5))
        );
        assert_eq!(c.locate(&p(&[k("quotes"), Seg::Index(1)])), Some((9, 5)));
        assert_eq!(c.locate(&p(&[k("nothing")])), None);
    }
}
