//! The open data: JSON files round-trip every hostile string, CSV cells never
//! start a formula.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use super::*;

#[test]
fn authorities_json_round_trips_every_hostile_string() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let parse = |rel: &str| -> Json {
            serde_json::from_str(&b.read(rel))
                .unwrap_or_else(|e| panic!("{} {rel}: invalid JSON: {e}", b.label()))
        };

        let auths = parse("data/authorities.json");
        let list = auths.as_array().expect("authorities.json is an array");
        let slugs: Vec<&str> = list.iter().map(|a| a["slug"].as_str().unwrap()).collect();
        let want: Vec<&str> = f.authorities.keys().map(String::as_str).collect();
        p.check(slugs == want, || {
            format!("authorities.json slugs {slugs:?}, expected {want:?}")
        });
        for a in list {
            let slug = a["slug"].as_str().unwrap();
            let Some(y) = f.authorities.get(slug) else {
                continue;
            };
            for field in ["name", "region"] {
                p.check(a[field].as_str() == str_of(y, field), || {
                    format!(
                        "authorities.json {slug}.{field} = {:?}, expected {:?}",
                        a[field],
                        str_of(y, field)
                    )
                });
            }
            let url = format!("{}authorities/{slug}/", b.base);
            p.check(a["url"].as_str() == Some(url.as_str()), || {
                format!("authorities.json {slug}.url = {:?}", a["url"])
            });
            // The current rating's labels come from the hostile scales.
            let cr = &a["current_rating"];
            if let Some(insp) = cr["inspection"].as_str() {
                let fw = cr["framework"].as_str().unwrap();
                if let Some(g) = cr["grade"].as_str() {
                    let l = f.grade_label(fw, g);
                    p.check(cr["label"].as_str() == Some(l.as_str()), || {
                        format!(
                            "authorities.json {slug}.current_rating.label = {:?}, expected {l:?}",
                            cr["label"]
                        )
                    });
                }
                let i = f
                    .inspections
                    .iter()
                    .find(|i| i.authority == slug && i.slug == insp)
                    .unwrap();
                let got: Vec<(String, String)> = cr["judgements"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                    .collect();
                let mut want = f.grades(i);
                let mut got_sorted = got.clone();
                want.sort();
                got_sorted.sort();
                p.check(got_sorted == want, || {
                    format!("authorities.json {slug}.current_rating.judgements = {got:?}")
                });
                let lo = &cr["last_overall"];
                if let (Some(g), Some(li)) = (lo["grade"].as_str(), lo["inspection"].as_str()) {
                    let lfw = f
                        .inspections
                        .iter()
                        .find(|i| i.authority == slug && i.slug == li)
                        .map(|i| str_of(&i.doc.front, "framework").unwrap().to_string())
                        .unwrap();
                    let l = f.grade_label(&lfw, g);
                    p.check(lo["label"].as_str() == Some(l.as_str()), || {
                        format!("authorities.json {slug}.current_rating.last_overall.label = {:?}, expected {l:?}", lo["label"])
                    });
                }
            }
        }

        p.finish(&format!("authorities.json {}", b.label()));
    }
}

#[test]
fn inspections_json_round_trips_every_hostile_string() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let parse = |rel: &str| -> Json {
            serde_json::from_str(&b.read(rel))
                .unwrap_or_else(|e| panic!("{} {rel}: invalid JSON: {e}", b.label()))
        };

        let insp = parse("data/inspections.json");
        let list = insp.as_array().expect("inspections.json is an array");
        p.check(list.len() == f.inspections.len(), || {
            format!(
                "inspections.json has {} entries, fixture {}",
                list.len(),
                f.inspections.len()
            )
        });
        for i in &f.inspections {
            let Some(j) = list
                .iter()
                .find(|j| j["authority"] == i.authority.as_str() && j["slug"] == i.slug.as_str())
            else {
                p.check(false, || {
                    format!("inspections.json lacks {}/{}", i.authority, i.slug)
                });
                continue;
            };
            let id = format!("{}/{}", i.authority, i.slug);
            p.check(
                j["framework"].as_str() == str_of(&i.doc.front, "framework"),
                || format!("inspections.json {id}.framework"),
            );
            p.check(
                j["published"].as_str() == str_of(&i.doc.front, "published"),
                || format!("inspections.json {id}.published = {:?}", j["published"]),
            );
            let mut got: Vec<(String, String)> = j["grades"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
                        .collect()
                })
                .unwrap_or_default();
            let mut want = f.grades(i);
            got.sort();
            want.sort();
            p.check(got == want, || {
                format!("inspections.json {id}.grades = {got:?}, expected {want:?}")
            });
            let url = format!(
                "{}{}",
                b.base,
                inspection_page(&i.authority, &i.slug).trim_end_matches("index.html")
            );
            p.check(j["url"].as_str() == Some(url.as_str()), || {
                format!("inspections.json {id}.url = {:?}", j["url"])
            });
            let got: BTreeSet<&str> = j["responses"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let want: BTreeSet<&str> = f.responses_to(i).iter().map(|r| r.slug.as_str()).collect();
            p.check(got == want, || {
                format!("inspections.json {id}.responses = {got:?}, expected {want:?}")
            });
        }

        p.finish(&format!("inspections.json {}", b.label()));
    }
}

#[test]
fn responses_json_round_trips_every_hostile_string() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let parse = |rel: &str| -> Json {
            serde_json::from_str(&b.read(rel))
                .unwrap_or_else(|e| panic!("{} {rel}: invalid JSON: {e}", b.label()))
        };

        let resp = parse("data/responses.json");
        let list = resp.as_array().expect("responses.json is an array");
        p.check(list.len() == f.responses.len(), || {
            format!(
                "responses.json has {} entries, fixture {}",
                list.len(),
                f.responses.len()
            )
        });
        for r in &f.responses {
            let id = format!("{}/{}", r.authority, r.slug);
            let Some(j) = list
                .iter()
                .find(|j| j["authority"] == r.authority.as_str() && j["slug"] == r.slug.as_str())
            else {
                p.check(false, || format!("responses.json lacks {id}"));
                continue;
            };
            let fm = &r.doc.front;
            p.check(j["kind"].as_str() == str_of(fm, "kind"), || {
                format!("responses.json {id}.kind")
            });
            p.check(j["date"].as_str() == str_of(fm, "date"), || {
                format!("responses.json {id}.date = {:?}", j["date"])
            });
            let rt: Vec<String> = j["responds_to"]
                .as_array()
                .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
                .unwrap_or_default();
            p.check(rt == responds_to(fm), || {
                format!("responses.json {id}.responds_to = {:?}", j["responds_to"])
            });
            for field in ["publisher", "url", "title"] {
                let got = j["source"].get(field).and_then(Json::as_str);
                let want = str_of(&fm["source"], field);
                let same = match (got, want) {
                    (Some(g), Some(w)) if field == "url" => same_url(g, w),
                    _ => got == want,
                };
                p.check(same, || {
                    format!("responses.json {id}.source.{field} = {got:?}, expected {want:?}")
                });
            }
            let got = j["quotes"].as_array().cloned().unwrap_or_default();
            let want = quotes(fm);
            p.check(got.len() == want.len(), || {
                format!(
                    "responses.json {id}: {} quotes, expected {}",
                    got.len(),
                    want.len()
                )
            });
            for (g, w) in got.iter().zip(&want) {
                p.check(g["text"].as_str() == Some(w.text.as_str()), || {
                    format!(
                        "responses.json {id} quote text = {:?}, expected {:?}",
                        g["text"], w.text
                    )
                });
                let gs = g.get("speaker").and_then(Json::as_str).map(str::trim);
                p.check(gs == w.speaker.as_deref().map(str::trim), || {
                    format!(
                        "responses.json {id} quote speaker = {gs:?}, expected {:?}",
                        w.speaker
                    )
                });
                let gr = g.get("role").and_then(Json::as_str);
                p.check(gr == w.role.as_deref(), || {
                    format!(
                        "responses.json {id} quote role = {gr:?}, expected {:?}",
                        w.role
                    )
                });
            }
            let url = format!(
                "{}{}",
                b.base,
                response_page(&r.authority, &r.slug).trim_end_matches("index.html")
            );
            p.check(j["url"].as_str() == Some(url.as_str()), || {
                format!("responses.json {id}.url = {:?}", j["url"])
            });
        }
        p.finish(&format!("responses.json {}", b.label()));
    }
}

/// Where each named column is in a CSV header.
fn columns<const N: usize>(header: &[String], names: [&str; N]) -> [usize; N] {
    names.map(|name| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("CSV has no column {name}: {header:?}"))
    })
}

#[test]
fn csv_cells_never_start_a_formula() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let bytes = b.read("data/inspections.csv");
        let mut rd = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes.as_bytes());
        let header: Vec<String> = rd
            .headers()
            .expect("CSV header")
            .iter()
            .map(str::to_string)
            .collect();
        let [c_auth, c_name, c_insp, c_fw, c_j, c_jl, c_g, c_gl, c_url] = columns(
            &header,
            [
                "authority",
                "authority_name",
                "inspection",
                "framework",
                "judgement",
                "judgement_label",
                "grade",
                "grade_label",
                "url",
            ],
        );
        let mut seen = BTreeSet::new();
        for (n, rec) in rd.records().enumerate() {
            let rec =
                rec.unwrap_or_else(|e| panic!("{} inspections.csv row {}: {e}", b.label(), n + 2));
            let row = n + 2;
            for (k, cell) in rec.iter().enumerate() {
                p.check(!formula_start(cell), || {
                    format!(
                        "inspections.csv row {row} column {}: cell starts a formula: {cell:?}",
                        header[k]
                    )
                });
            }
            let a = &rec[c_auth];
            seen.insert((a.to_string(), rec[c_insp].to_string()));
            if let Some(y) = f.authorities.get(a) {
                let want = csv_cell(str_of(y, "name").unwrap());
                p.check(rec[c_name] == want, || {
                    format!(
                        "inspections.csv row {row} authority_name = {:?}, expected {want:?}",
                        &rec[c_name]
                    )
                });
            } else {
                p.check(false, || {
                    format!("inspections.csv row {row}: unknown authority {a:?}")
                });
            }
            let fw = &rec[c_fw];
            if !rec[c_j].is_empty() {
                let want = csv_cell(&f.judgement_label(fw, &rec[c_j]));
                p.check(rec[c_jl] == want, || {
                    format!(
                        "inspections.csv row {row} judgement_label = {:?}, expected {want:?}",
                        &rec[c_jl]
                    )
                });
                let want = csv_cell(&f.grade_label(fw, &rec[c_g]));
                p.check(rec[c_gl] == want, || {
                    format!(
                        "inspections.csv row {row} grade_label = {:?}, expected {want:?}",
                        &rec[c_gl]
                    )
                });
            }
            p.check(rec[c_url].starts_with(&b.base), || {
                format!(
                    "inspections.csv row {row} url {:?} not under {}",
                    &rec[c_url], b.base
                )
            });
        }
        let want: BTreeSet<(String, String)> = f
            .inspections
            .iter()
            .map(|i| (i.authority.clone(), i.slug.clone()))
            .collect();
        p.check(seen == want, || {
            format!("inspections.csv covers {seen:?}, expected {want:?}")
        });
        // The fixture does put formula starts into all three text columns.
        p.check(
            f.authorities
                .values()
                .any(|a| formula_start(str_of(a, "name").unwrap())),
            || "fixture: no formula-start authority name".into(),
        );
        p.finish(&format!("CSV {}", b.label()));
    }
}
