//! The fixture's own YAML, read back so expected values come from the tree.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::Value as Yaml;

use super::FIXTURE;

// ---------------------------------------------------------------- the fixture

pub(crate) struct Doc {
    pub(crate) front: Yaml,
    pub(crate) body: String,
}

pub(crate) struct Item {
    pub(crate) authority: String,
    pub(crate) slug: String,
    pub(crate) doc: Doc,
}

pub(crate) struct Fixture {
    pub(crate) site: Yaml,
    pub(crate) frameworks: Yaml,
    pub(crate) authorities: BTreeMap<String, Yaml>,
    pub(crate) inspections: Vec<Item>,
    pub(crate) responses: Vec<Item>,
    pub(crate) pages: Vec<(String, Doc)>,
}

pub(crate) fn yaml(text: &str, what: &str) -> Yaml {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{what}: {e}"))
}

pub(crate) fn doc(path: &Path) -> Doc {
    let text = fs::read_to_string(path).unwrap();
    let rest = text
        .strip_prefix("---\n")
        .unwrap_or_else(|| panic!("{}: no front matter", path.display()));
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
        .unwrap_or_else(|| panic!("{}: no closing ---", path.display()));
    Doc {
        front: yaml(&rest[..end + 1], &path.display().to_string()),
        body: rest[(end + 5).min(rest.len())..].to_string(),
    }
}

pub(crate) fn md_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut v: Vec<(String, PathBuf)> = match fs::read_dir(dir) {
        Err(_) => return Vec::new(),
        Ok(rd) => rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "md"))
            .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
            .collect(),
    };
    v.sort();
    v
}

impl Fixture {
    pub(crate) fn load() -> Fixture {
        let root = Path::new(FIXTURE);
        let read = |rel: &str| fs::read_to_string(root.join(rel)).unwrap();
        let mut f = Fixture {
            site: yaml(&read("site.yaml"), "site.yaml"),
            frameworks: yaml(&read("frameworks.yaml"), "frameworks.yaml"),
            authorities: BTreeMap::new(),
            inspections: Vec::new(),
            responses: Vec::new(),
            pages: md_files(&root.join("pages"))
                .into_iter()
                .map(|(s, p)| (s, doc(&p)))
                .collect(),
        };
        let mut slugs: Vec<String> = fs::read_dir(root.join("authorities"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        slugs.sort();
        for a in slugs {
            let dir = root.join("authorities").join(&a);
            f.authorities.insert(
                a.clone(),
                yaml(&fs::read_to_string(dir.join("authority.yaml")).unwrap(), &a),
            );
            for (slug, p) in md_files(&dir.join("inspections")) {
                f.inspections.push(Item {
                    authority: a.clone(),
                    slug,
                    doc: doc(&p),
                });
            }
            for (slug, p) in md_files(&dir.join("responses")) {
                f.responses.push(Item {
                    authority: a.clone(),
                    slug,
                    doc: doc(&p),
                });
            }
        }
        f
    }

    pub(crate) fn framework(&self, id: &str) -> &Yaml {
        &self.frameworks["frameworks"][id]
    }

    pub(crate) fn judgement_label(&self, fw: &str, key: &str) -> String {
        str_of(&self.framework(fw)["judgements"], key)
            .unwrap_or_else(|| panic!("judgement {fw}.{key}"))
            .to_string()
    }

    pub(crate) fn grade_label(&self, fw: &str, grade: &str) -> String {
        let scale = str_of(self.framework(fw), "scale").expect("graded framework");
        self.frameworks["scales"][scale]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|g| str_of(g, "id") == Some(grade))
            .and_then(|g| str_of(g, "label"))
            .unwrap_or_else(|| panic!("grade {scale}.{grade}"))
            .to_string()
    }

    pub(crate) fn authority_name(&self, a: &str) -> String {
        str_of(&self.authorities[a], "name").unwrap().to_string()
    }

    /// An inspection's shown title: its own, or its framework's name.
    pub(crate) fn inspection_title(&self, i: &Item) -> String {
        str_of(&i.doc.front, "title")
            .map(str::to_string)
            .unwrap_or_else(|| {
                let fw = str_of(&i.doc.front, "framework").unwrap();
                str_of(self.framework(fw), "name").unwrap().to_string()
            })
    }

    /// Grades as (judgement key, grade id), in file order.
    pub(crate) fn grades(&self, i: &Item) -> Vec<(String, String)> {
        i.doc.front["grades"]
            .as_mapping()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.as_str().unwrap().into(), v.as_str().unwrap().into()))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(crate) fn responses_to(&self, i: &Item) -> Vec<&Item> {
        self.responses
            .iter()
            .filter(|r| r.authority == i.authority && responds_to(&r.doc.front).contains(&i.slug))
            .collect()
    }

    /// Every explicitly named speaker (trimmed) with the quotes they gave and the
    /// authorities they gave them in.
    pub(crate) fn speakers(&self) -> BTreeMap<String, (Vec<Quote>, BTreeSet<String>)> {
        let mut m: BTreeMap<String, (Vec<Quote>, BTreeSet<String>)> = BTreeMap::new();
        for it in self.inspections.iter().chain(&self.responses) {
            for q in quotes(&it.doc.front) {
                if let Some(s) = &q.speaker {
                    let e = m.entry(s.trim().to_string()).or_default();
                    e.1.insert(it.authority.clone());
                    e.0.push(q);
                }
            }
        }
        m
    }
}

pub(crate) fn str_of<'a>(v: &'a Yaml, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Yaml::as_str)
}

pub(crate) fn strings(v: &Yaml, k: &str) -> Vec<String> {
    match v.get(k) {
        None => Vec::new(),
        Some(Yaml::String(s)) => vec![s.clone()],
        Some(Yaml::Sequence(s)) => s.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
        Some(other) => panic!("{k}: unexpected {other:?}"),
    }
}

pub(crate) fn responds_to(front: &Yaml) -> Vec<String> {
    strings(front, "responds_to")
}

#[derive(Clone, Debug)]
pub(crate) struct Quote {
    pub(crate) text: String,
    pub(crate) speaker: Option<String>,
    pub(crate) role: Option<String>,
}

pub(crate) fn quotes(front: &Yaml) -> Vec<Quote> {
    front
        .get("quotes")
        .and_then(Yaml::as_sequence)
        .map(|qs| {
            qs.iter()
                .map(|q| Quote {
                    text: str_of(q, "text").unwrap().to_string(),
                    speaker: str_of(q, "speaker").map(str::to_string),
                    role: str_of(q, "role").map(str::to_string),
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn inspection_page(a: &str, i: &str) -> String {
    format!("authorities/{a}/inspections/{i}/index.html")
}

pub(crate) fn response_page(a: &str, r: &str) -> String {
    format!("authorities/{a}/responses/{r}/index.html")
}

// ---------------------------------------------------------------- checking helpers
