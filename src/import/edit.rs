//! Writing YAML for the importer: new files, and fields added to an editor's
//! file without touching a byte of what is there.
//!
//! Additions are made to the text (lines inserted, never rewritten), then
//! proven: the edited YAML is parsed again and must equal the original with
//! exactly the additions. An edit that cannot be proven is not made.

use serde_yaml::{Mapping, Value};

/// A field to add: a top-level key, or a key inside a top-level mapping
/// (`grades.leaders`).
#[derive(Debug, Clone, PartialEq)]
pub struct Addition {
    pub parent: Option<&'static str>,
    pub key: String,
    pub value: Value,
}

impl Addition {
    pub fn top(key: &str, value: Value) -> Addition {
        Addition {
            parent: None,
            key: key.to_string(),
            value,
        }
    }

    pub fn within(parent: &'static str, key: &str, value: Value) -> Addition {
        Addition {
            parent: Some(parent),
            key: key.to_string(),
            value,
        }
    }

    /// `grades.leaders` or `report`, for messages.
    pub fn field(&self) -> String {
        match self.parent {
            Some(p) => format!("{p}.{}", self.key),
            None => self.key.clone(),
        }
    }
}

/// YAML for one key and value at an indent, block style, ending in a newline.
pub fn entry(indent: usize, key: &str, value: &Value) -> String {
    let pad = " ".repeat(indent);
    let mut one = Mapping::new();
    one.insert(Value::String(key.to_string()), value.clone());
    let yaml = serde_yaml::to_string(&Value::Mapping(one)).expect("plain data serialises");
    yaml.lines().map(|l| format!("{pad}{l}\n")).collect()
}

/// A mapping built from pairs, in order.
pub fn mapping<'a>(pairs: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    Value::Mapping(
        pairs
            .into_iter()
            .map(|(k, v)| (Value::String(k.to_string()), v))
            .collect(),
    )
}

/// Why an addition could not be made to a file's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

/// Adds fields to a content file's text: a `.md` file's front matter
/// (`front_matter` true) or a whole YAML file. Keeps the byte-order mark,
/// line endings and every existing line.
pub fn add_fields(
    text: &str,
    front_matter: bool,
    additions: &[Addition],
) -> Result<String, EditError> {
    let (bom, text) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let (start, end) = if front_matter {
        let close = lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == "---")
            .ok_or_else(|| EditError("the front matter is not closed".into()))?;
        (1, close + 1)
    } else {
        (0, lines.len())
    };
    let yaml_before: String = lines[start..end].concat();
    let mut inserted: Vec<(usize, String)> = Vec::new();
    let mut top = String::new();
    for a in additions {
        match a.parent {
            None => top.push_str(&entry(0, &a.key, &a.value)),
            Some(parent) => match block_child_slot(&lines[start..end], parent) {
                Some((after, indent)) => {
                    inserted.push((start + after, entry(indent, &a.key, &a.value)))
                }
                None if has_top_key(&lines[start..end], parent) => {
                    return Err(EditError(format!(
                        "`{parent}` is not written as an indented block, so `{}` cannot be added to it safely",
                        a.field()
                    )));
                }
                None => top.push_str(&entry(
                    0,
                    parent,
                    &mapping([(a.key.as_str(), a.value.clone())]),
                )),
            },
        }
    }
    let mut out = String::from(bom);
    for (i, line) in lines.iter().enumerate() {
        if i == end {
            if !out.ends_with('\n') && !out.is_empty() && !out.ends_with('\u{feff}') {
                out.push_str(newline);
            }
            out.push_str(&with_newline(&top, newline));
        }
        out.push_str(line);
        for (_, text) in inserted.iter().filter(|(at, _)| *at == i) {
            if !line.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(&with_newline(text, newline));
        }
    }
    if end == lines.len() {
        if !out.ends_with('\n') && !text.is_empty() {
            out.push_str(newline);
        }
        out.push_str(&with_newline(&top, newline));
    }
    prove(&yaml_before, &out, front_matter, additions)?;
    Ok(out)
}

fn with_newline(text: &str, newline: &str) -> String {
    if newline == "\n" {
        text.to_string()
    } else {
        text.replace('\n', newline)
    }
}

fn is_neutral(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn has_top_key(lines: &[&str], key: &str) -> bool {
    lines.iter().any(|l| top_key_rest(l, key).is_some())
}

/// The rest of a line after `key:` at column 0.
fn top_key_rest<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    line.strip_prefix(key)?.strip_prefix(':')
}

/// Where to insert a child of the top-level block mapping `parent`: the index
/// (within `lines`) of its last child line, and the children's indent.
fn block_child_slot(lines: &[&str], parent: &str) -> Option<(usize, usize)> {
    let at = lines.iter().position(|l| {
        top_key_rest(l, parent).is_some_and(|rest| {
            let rest = rest.trim();
            rest.is_empty() || rest.starts_with('#')
        })
    })?;
    let mut last = None;
    let mut indent = None;
    for (i, line) in lines.iter().enumerate().skip(at + 1) {
        if is_neutral(line) {
            continue;
        }
        let col = line.len() - line.trim_start_matches(' ').len();
        if col == 0 {
            break;
        }
        indent.get_or_insert(col);
        last = Some(i);
    }
    Some((last?, indent?))
}

/// Parses the YAML before and after, and checks that the only difference is
/// the additions.
fn prove(
    yaml_before: &str,
    edited: &str,
    front_matter: bool,
    additions: &[Addition],
) -> Result<(), EditError> {
    let edited = edited.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let yaml_after = if front_matter {
        let mut lines = edited.split_inclusive('\n').skip(1);
        let mut yaml = String::new();
        for l in lines.by_ref() {
            if l.trim_end() == "---" {
                break;
            }
            yaml.push_str(l);
        }
        yaml
    } else {
        edited
    };
    let parse = |y: &str| match serde_yaml::from_str::<Value>(&y.replace("\r\n", "\n")) {
        Ok(Value::Mapping(m)) => Ok(m),
        Ok(Value::Null) => Ok(Mapping::new()),
        _ => Err(EditError("the file's YAML could not be read back".into())),
    };
    let mut expected = parse(yaml_before)?;
    for a in additions {
        let key = Value::String(a.key.clone());
        match a.parent {
            None => {
                expected.insert(key, a.value.clone());
            }
            Some(p) => {
                let parent = expected
                    .entry(Value::String(p.to_string()))
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                match parent {
                    Value::Mapping(m) => {
                        m.insert(key, a.value.clone());
                    }
                    _ => return Err(EditError(format!("`{p}` is not a mapping"))),
                }
            }
        }
    }
    if parse(&yaml_after)? == expected {
        Ok(())
    } else {
        Err(EditError(
            "adding the fields as lines would change what is written; add them by hand".into(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grade(key: &str, g: &str) -> Addition {
        Addition::within("grades", key, Value::String(g.into()))
    }

    #[test]
    fn fields_are_added_as_lines_and_nothing_else_changes() {
        let text = "---\r\nframework: ilacs # the 2018 one\r\ngrades:\r\n    overall: good   # kept\r\n\r\nquotes:\r\n  - text: \"x: y\"\r\n---\r\n\r\nBody *kept*.\r\n";
        let out = add_fields(
            text,
            true,
            &[
                grade("leaders", "good"),
                Addition::top(
                    "report",
                    mapping([("url", Value::String("https://e.org/1".into()))]),
                ),
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\r\nframework: ilacs # the 2018 one\r\ngrades:\r\n    overall: good   # kept\r\n    leaders: good\r\n\r\nquotes:\r\n  - text: \"x: y\"\r\nreport:\r\n  url: https://e.org/1\r\n---\r\n\r\nBody *kept*.\r\n"
        );
    }

    #[test]
    fn a_mapping_written_in_flow_style_is_left_alone() {
        let text = "---\ngrades: { overall: good }\n---\n";
        let e = add_fields(text, true, &[grade("leaders", "good")]).unwrap_err();
        assert!(e.0.contains("indented block"), "{e}");
    }

    #[test]
    fn a_missing_parent_is_added_whole_and_yaml_files_get_fields_at_the_end() {
        let out = add_fields(
            "---\nframework: ilacs\n---\n",
            true,
            &[grade("overall", "good")],
        )
        .unwrap();
        assert_eq!(
            out,
            "---\nframework: ilacs\ngrades:\n  overall: good\n---\n"
        );
        let out = add_fields(
            "\u{feff}name: A\nregion: B",
            false,
            &[Addition::top("ons_code", Value::String("E06000004".into()))],
        )
        .unwrap();
        assert_eq!(out, "\u{feff}name: A\nregion: B\nons_code: E06000004\n");
    }

    #[test]
    fn values_that_need_quotes_get_them() {
        let e = entry(
            0,
            "notes",
            &Value::Sequence(vec![Value::String("a: b # c".into())]),
        );
        let back: Value = serde_yaml::from_str(&e).unwrap();
        assert_eq!(back["notes"][0], Value::String("a: b # c".into()));
    }
}
