//! The settings files: `site.yaml` and `frameworks.yaml` (grade scales and
//! inspection frameworks), and where each of their fields is checked.

use serde_yaml::Value;

use super::files::TextFile;
use super::front_matter::parse_yaml;
use crate::content::fields::{FieldPath, FileCx, Obj, describe};
use crate::content::{
    Diagnostic, Framework, Frameworks, Grade, Judgement, Scale, SiteConfig, is_slug, is_web_url,
};

/// Stands in for an unusable site.yaml so that the other files still get checked.
pub(super) fn placeholder_site() -> SiteConfig {
    SiteConfig {
        title: String::new(),
        base_url: "https://invalid.example/".into(),
        description: None,
        language: "en-GB".into(),
    }
}

pub(super) fn parse_site(file: TextFile) -> (SiteConfig, Vec<Diagnostic>) {
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

pub(super) fn parse_frameworks(file: TextFile) -> (Frameworks, Vec<Diagnostic>) {
    let lines = file.text.lines().count();
    let mut cx = FileCx::new(file.rel.clone(), file.text.clone(), 1, lines);
    let Some(map) = parse_yaml(&mut cx, &file.text) else {
        return (Frameworks::default(), cx.diags);
    };
    let o = Obj::root(&map);
    o.check_unknown(&mut cx, &["scales", "frameworks"]);
    let mut out = Frameworks::default();
    if let Some(scales) = mapping_of(&mut cx, &o, "scales") {
        out.scales = parse_scales(&mut cx, &scales);
    }
    if let Some(frameworks) = mapping_of(&mut cx, &o, "frameworks") {
        out.frameworks = parse_framework_list(&mut cx, &frameworks, &out);
    }
    (out, cx.diags)
}

pub(super) fn mapping_of<'m>(cx: &mut FileCx, o: &Obj<'m>, key: &str) -> Option<Obj<'m>> {
    match o.get(key) {
        None => {
            cx.error(&o.path, format!("missing required field `{key}`"))
                .field(o.path.key(key).to_string());
            None
        }
        Some(_) => o.opt_obj(cx, key),
    }
}

pub(super) fn slug_key(cx: &mut FileCx, parent: &FieldPath, k: &Value) -> Option<String> {
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

/// `scales`: each a list of grades, best first, with unique ids.
fn parse_scales(cx: &mut FileCx, scales: &Obj) -> Vec<Scale> {
    let mut out = Vec::new();
    for (k, v) in scales.map {
        let Some(id) = slug_key(cx, &scales.path, k) else {
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
            g.check_unknown(cx, &["id", "label"]);
            let (Some(gid), Some(label)) = (g.req_text(cx, "id"), g.req_text(cx, "label")) else {
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
        out.push(Scale { id, grades });
    }
    out
}

/// `frameworks`: each with a name, an optional scale among those `defined`,
/// and its judgements (required when graded).
fn parse_framework_list(cx: &mut FileCx, frameworks: &Obj, defined: &Frameworks) -> Vec<Framework> {
    let mut out = Vec::new();
    for (k, v) in frameworks.map {
        let Some(id) = slug_key(cx, &frameworks.path, k) else {
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
        f.check_unknown(cx, &["name", "short", "scale", "judgements"]);
        let name = f.req_text(cx, "name").unwrap_or_else(|| id.clone());
        let short = f.opt_text(cx, "short").unwrap_or_else(|| name.clone());
        let scale = f.opt_text(cx, "scale");
        if let Some(s) = &scale
            && defined.scale(s).is_none()
        {
            let known: Vec<&str> = defined.scales.iter().map(|s| s.id.as_str()).collect();
            cx.error(&path.key("scale"), format!("unknown scale `{s}`"))
                .help(format!("scales defined: {}", known.join(", ")));
        }
        let mut judgements = Vec::new();
        let judgements_obj = if scale.is_some() {
            mapping_of(cx, &f, "judgements")
        } else {
            f.opt_obj(cx, "judgements")
        };
        if let Some(js) = judgements_obj {
            for (jk, jv) in js.map {
                let Some(key) = slug_key(cx, &js.path, jk) else {
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
        out.push(Framework {
            id,
            name,
            short,
            scale,
            judgements,
        });
    }
    out
}
