//! `scrutiny check --previous PATH`: would publishing this site lose a URL
//! the previous build published? PATH is that build's `data/urls.txt`, or the
//! folder it is in (the build's output, or its `data/`).
//!
//! Each lost URL is named with the alias that would keep it: a renamed
//! inspection or response needs its old slug in the new file's `aliases`, a
//! renamed authority its old folder name in `authority.yaml`'s `aliases`.
//! The new file is guessed among the records the previous build did not
//! publish, by the most similar slug.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::error::{Error, LostUrl};
use crate::render::outputs::published_urls;
use crate::site::Site;
use crate::site::urls::rel;

/// The previous build's URL list: `path` itself, or `urls.txt` in it or in
/// its `data/`.
fn previous_list(path: &Path) -> Result<(PathBuf, String), Error> {
    let candidates: Vec<PathBuf> = if path.is_dir() {
        vec![path.join("data").join("urls.txt"), path.join("urls.txt")]
    } else {
        vec![path.to_path_buf()]
    };
    for c in &candidates {
        if let Ok(text) = std::fs::read_to_string(c) {
            return Ok((c.clone(), text));
        }
    }
    Err(Error::Usage(format!(
        "--previous: no URL list at {}; give a previous build's data/urls.txt or its output folder",
        candidates
            .iter()
            .map(|c| c.display().to_string())
            .collect::<Vec<_>>()
            .join(" or ")
    )))
}

/// The URLs of the previous build at `path` that `site` would not publish.
pub fn lost_urls(site: &Site, path: &Path) -> Result<Vec<LostUrl>, Error> {
    let (_, text) = previous_list(path)?;
    let previous: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let previous_set: HashSet<&str> = previous.iter().copied().collect();
    let now: HashSet<String> = published_urls(site).into_iter().collect();
    let mut lost: Vec<LostUrl> = previous
        .iter()
        .filter(|u| !now.contains(**u))
        .map(|u| LostUrl {
            url: u.to_string(),
            advice: advice(site, u, &previous_set),
        })
        .collect();
    lost.sort_by(|a, b| a.url.cmp(&b.url));
    lost.dedup_by(|a, b| a.url == b.url);
    Ok(lost)
}

/// The most similar of `candidates` to `old` (by normalised Levenshtein).
fn closest<'a, T>(old: &str, candidates: impl Iterator<Item = (&'a str, T)>) -> Option<T> {
    candidates
        .map(|(slug, t)| (strsim::normalized_levenshtein(old, slug), t))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, t)| t)
}

/// What would keep `url`.
fn advice(site: &Site, url: &str, previous: &HashSet<&str>) -> String {
    let Some(path) = url.strip_prefix(site.urls.base_url()) else {
        return format!(
            "it is not under this build's base URL {}; publish under the same base URL",
            site.urls.base_url()
        );
    };
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let was_published = |r: &str| previous.contains(site.urls.absolute(r).as_str());
    match parts.as_slice() {
        ["authorities", a, rest @ ..] => {
            if let Some(facts) = site.authority(a) {
                // The authority is still here: a record of it was renamed.
                match rest {
                    ["inspections", old] => {
                        let new = closest(
                            old,
                            facts
                                .inspections
                                .iter()
                                .filter(|i| !was_published(&rel::inspection(a, &i.slug)))
                                .map(|i| (i.slug.as_str(), &i.file.path)),
                        );
                        record_advice(old, new.map(String::as_str), "inspection", a)
                    }
                    ["responses", old] => {
                        let new = closest(
                            old,
                            facts
                                .responses
                                .iter()
                                .filter(|r| !was_published(&rel::response(a, &r.slug)))
                                .map(|r| (r.slug.as_str(), &r.file.path)),
                        );
                        record_advice(old, new.map(String::as_str), "response", a)
                    }
                    ["latest"] => format!(
                        "`{a}` has no graded inspection now, so it has no `latest/`; restore the inspection that was its latest"
                    ),
                    _ => "restore the record it showed".to_string(),
                }
            } else {
                // The authority itself was renamed (or removed).
                let new = closest(
                    a,
                    site.authorities
                        .iter()
                        .filter(|f| !was_published(&rel::authority(&f.authority.slug)))
                        .map(|f| (f.authority.slug.as_str(), &f.authority.file.path)),
                );
                match new {
                    Some(file) => format!("add `aliases: [{a}]` to {file}"),
                    None => format!(
                        "add `aliases: [{a}]` to the authority.yaml of the authority that was `{a}`"
                    ),
                }
            }
        }
        _ => "no alias can keep it: it is not an authority's, inspection's or response's page; restore what it showed".to_string(),
    }
}

fn record_advice(old: &str, new_file: Option<&str>, kind: &str, authority: &str) -> String {
    match new_file {
        Some(file) => format!("add `aliases: [{old}]` to {file}"),
        None => format!(
            "add `aliases: [{old}]` to the {kind} file under authorities/{authority}/ that replaced `{old}`"
        ),
    }
}
