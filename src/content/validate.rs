//! Checks that span files: aliases against slugs, and `responds_to` against the
//! inspections of the same authority. Per-file checks happen while loading.

use super::diag::hint;
use std::collections::{HashMap, HashSet};

use super::fields::{FieldPath, FileCx};
use super::{Content, Diagnostic, SourceFile};

/// A diagnostic builder for a record's file, locating fields in its YAML.
fn cx_for(file: &SourceFile) -> FileCx {
    let is_md = file.path.ends_with(".md");
    let (first, count) = if is_md {
        let n = file
            .text
            .lines()
            .skip(1)
            .take_while(|l| l.trim_end() != "---")
            .count();
        (2, n)
    } else {
        (1, file.text.lines().count())
    };
    FileCx::new(file.path.clone(), file.text.clone(), first, count)
}

/// `existing` holds every inspection file found, parsed or not.
pub fn cross_check(content: &Content, existing: &HashSet<(String, String)>) -> Vec<Diagnostic> {
    let mut diags = check_aliases(content);
    if let Some(map) = &content.map {
        diags.extend(map.check(&content.authorities));
    }
    diags.extend(check_record_aliases(
        content
            .inspections
            .iter()
            .map(|i| (&i.authority, &i.slug, &i.aliases, &i.file)),
        "inspection",
    ));
    diags.extend(check_record_aliases(
        content
            .responses
            .iter()
            .map(|r| (&r.authority, &r.slug, &r.aliases, &r.file)),
        "response",
    ));
    diags.extend(check_responds_to(content, existing));
    diags
}

/// Aliases must not collide with slugs or with each other.
fn check_aliases(content: &Content) -> Vec<Diagnostic> {
    let mut diags = Vec::new();

    let slugs: HashSet<&str> = content
        .authorities
        .iter()
        .map(|a| a.slug.as_str())
        .collect();
    let mut alias_owner: HashMap<&str, &str> = HashMap::new();
    for a in &content.authorities {
        for (i, alias) in a.aliases.iter().enumerate() {
            let path = FieldPath::default().key("aliases").index(i);
            if alias != &a.slug && slugs.contains(alias.as_str()) {
                let mut cx = cx_for(&a.file);
                cx.error(
                    &path,
                    format!("alias `{alias}` is the slug of another authority"),
                ).help(format!(
                    "`/authorities/{alias}/` already belongs to that authority; an alias must be a former slug no one uses now"
                ));
                diags.extend(cx.diags);
            } else if let Some(owner) = alias_owner.insert(alias, &a.slug) {
                if owner != a.slug {
                    let mut cx = cx_for(&a.file);
                    cx.error(
                        &path,
                        format!("alias `{alias}` is also an alias of `{owner}`"),
                    )
                    .help("each alias redirects to one authority");
                    diags.extend(cx.diags);
                } else {
                    let mut cx = cx_for(&a.file);
                    cx.error(&path, format!("alias `{alias}` is listed twice"));
                    diags.extend(cx.diags);
                }
            }
        }
    }
    diags
}

/// Aliases of inspections (or of responses) must not be the slug of another
/// record of the same kind in the same authority, nor an alias of two records.
fn check_record_aliases<'a>(
    records: impl Iterator<Item = (&'a String, &'a String, &'a Vec<String>, &'a SourceFile)> + Clone,
    kind: &str,
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let slugs: HashSet<(&str, &str)> = records
        .clone()
        .map(|(a, s, _, _)| (a.as_str(), s.as_str()))
        .collect();
    let mut owner: HashMap<(&str, &str), &str> = HashMap::new();
    for (authority, slug, aliases, file) in records {
        for (i, alias) in aliases.iter().enumerate() {
            let path = FieldPath::default().key("aliases").index(i);
            let key = (authority.as_str(), alias.as_str());
            if alias == slug {
                continue; // reported while loading
            }
            let mut cx = cx_for(file);
            if slugs.contains(&key) {
                cx.error(
                    &path,
                    format!("alias `{alias}` is the slug of another {kind} of `{authority}`"),
                )
                .help(format!(
                    "that address already belongs to `{alias}`; an alias must be a former slug no {kind} uses now"
                ));
            } else if let Some(other) = owner.insert(key, slug) {
                if other == slug {
                    cx.error(&path, format!("alias `{alias}` is listed twice"));
                } else {
                    cx.error(
                        &path,
                        format!("alias `{alias}` is also an alias of the {kind} `{other}`"),
                    )
                    .help(format!("each alias redirects to one {kind}"));
                }
            }
            diags.extend(cx.diags);
        }
    }
    diags
}

/// `responds_to` names inspections of the same authority.
fn check_responds_to(content: &Content, existing: &HashSet<(String, String)>) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let inspections: HashSet<(&str, &str)> = content
        .inspections
        .iter()
        .map(|i| (i.authority.as_str(), i.slug.as_str()))
        .collect();
    for r in &content.responses {
        let exists = |target: &String| {
            inspections.contains(&(r.authority.as_str(), target.as_str()))
                || existing.contains(&(r.authority.clone(), target.clone()))
        };
        if r.responds_to.iter().all(exists) {
            continue;
        }
        let mut cx = cx_for(&r.file);
        let list_form = r
            .file
            .text
            .lines()
            .any(|l| l.trim_start().starts_with("responds_to:") && l.trim_end().ends_with(':'));
        for (i, target) in r.responds_to.iter().enumerate() {
            if exists(target) {
                continue;
            }
            let path = if list_form || r.responds_to.len() > 1 {
                FieldPath::default().key("responds_to").index(i)
            } else {
                FieldPath::default().key("responds_to")
            };
            let help = responds_to_help(content, &r.authority, target);
            cx.error(
                &path,
                format!("`{target}` is not an inspection of `{}`", r.authority),
            )
            .help(help)
            .field("responds_to");
        }
        diags.extend(cx.diags);
    }
    diags
}

/// What to say about a `responds_to` target that is not an inspection of
/// `authority`: whose it is, or which inspections it has.
fn responds_to_help(content: &Content, authority: &str, target: &str) -> String {
    let elsewhere: Vec<&str> = content
        .inspections
        .iter()
        .filter(|x| x.slug == target)
        .map(|x| x.authority.as_str())
        .collect();
    let own: Vec<&str> = content
        .inspections
        .iter()
        .filter(|x| x.authority == authority)
        .map(|x| x.slug.as_str())
        .collect();
    if !elsewhere.is_empty() {
        format!(
            "`{target}` is an inspection of {}, not of `{}`; a response answers its own authority's inspections",
            elsewhere.join(", "),
            authority
        )
    } else {
        let suggestion = hint(target, own.iter().copied());
        format!(
            "{suggestion}inspections of `{}`: {}",
            authority,
            if own.is_empty() {
                "none".to_string()
            } else {
                own.join(", ")
            }
        )
    }
}
