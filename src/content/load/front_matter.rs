//! Front matter: splitting a `.md` file into YAML and Markdown, and parsing
//! YAML into a mapping with the parser's own line on failure.

use serde_yaml::{Mapping, Value};

use super::files::TextFile;
use crate::content::fields::{FieldPath, FileCx, describe};
use crate::content::{Body, Diagnostic};

/// Front matter split off a `.md` file: YAML lines and the Markdown body.
pub(super) struct Split {
    /// 1-based line where the YAML starts.
    pub(super) yaml_first_line: usize,
    pub(super) yaml_lines: usize,
    pub(super) yaml: String,
    pub(super) body: Body,
}

pub(super) fn split_front_matter(file: &TextFile) -> Result<Split, Diagnostic> {
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
pub(super) fn parse_yaml(cx: &mut FileCx, yaml: &str) -> Option<Mapping> {
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
