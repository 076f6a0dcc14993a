//! Every field's payload shows up as literal text on the pages that show
//! that field; links to editors' URLs lead to that URL.

use serde_yaml::Value as Yaml;

use super::*;

/// The text of every HTML page, one after another.
fn all_text(b: &Built) -> String {
    let mut all = String::new();
    for (rel, path) in b.files() {
        if rel.ends_with(".html") {
            all.push_str(&doc_text(&Html::parse_document(
                &fs::read_to_string(path).unwrap(),
            )));
            all.push('\n');
        }
    }
    all
}

#[test]
fn every_page_shows_the_site_title_and_template_syntax_literally() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let site_title = str_of(&f.site, "title").unwrap();
        let mut all_text = String::new();

        // Every page: the site title, in <title> and in the text.
        for (rel, path) in b.files() {
            if !rel.ends_with(".html") {
                continue;
            }
            let doc = Html::parse_document(&fs::read_to_string(&path).unwrap());
            let t = doc_text(&doc);
            shows(
                &mut p,
                &rel,
                &title_text(&doc),
                "site title in <title>",
                site_title,
            );
            shows(&mut p, &rel, &t, "site title", site_title);
            all_text.push_str(&t);
            all_text.push('\n');
        }

        let home = b.html("index.html");
        let home_text = doc_text(&home);
        shows(
            &mut p,
            "index.html",
            &home_text,
            "site description",
            str_of(&f.site, "description").unwrap(),
        );

        // Template syntax stays literal.
        for s in ["tpl{{ 7*7 }}tpl", "{{7*7}}", "{% raw %}", "{#"] {
            shows(&mut p, "(any page)", &all_text, "template syntax", s);
        }
        p.finish(&format!("site title {}", b.label()));
    }
}

#[test]
fn authority_fields_show_literally() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        let all_text = all_text(b);

        // Authorities: the index and each authority's page.
        let index_text = doc_text(&b.html("authorities/index.html"));
        for (slug, a) in &f.authorities {
            let page = format!("authorities/{slug}/index.html");
            let doc = b.html(&page);
            let text = doc_text(&doc);
            for field in ["name", "region", "kind"] {
                if let Some(v) = str_of(a, field) {
                    shows(
                        &mut p,
                        "authorities/index.html",
                        &index_text,
                        &format!("{slug} {field}"),
                        v,
                    );
                }
            }
            for field in ["name", "region", "kind", "ons_code"] {
                if let Some(v) = str_of(a, field) {
                    shows(&mut p, &page, &text, field, v);
                }
            }
            shows(
                &mut p,
                &page,
                &title_text(&doc),
                "name in <title>",
                str_of(a, "name").unwrap(),
            );
            for field in ["website", "press_page"] {
                if let Some(url) = str_of(a, field) {
                    let found = doc
                        .select(&sel("a[href]"))
                        .any(|e| e.value().attr("href").is_some_and(|h| same_url(h, url)));
                    p.check(found, || format!("{page}: no link to the {field} {url:?}"));
                }
            }
            if let Some(short) = str_of(a, "short_name") {
                shows(
                    &mut p,
                    "(any page)",
                    &all_text,
                    &format!("{slug} short_name"),
                    short,
                );
            }
            for i in f.inspections.iter().filter(|i| &i.authority == slug) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("timeline: {} title", i.slug),
                    &f.inspection_title(i),
                );
            }
            for r in f.responses.iter().filter(|r| &r.authority == slug) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("timeline: {} title", r.slug),
                    str_of(&r.doc.front, "title").unwrap(),
                );
            }
        }
        p.finish(&format!("authority fields {}", b.label()));
    }
}

#[test]
fn inspection_fields_show_literally() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        // Inspections.
        for i in &f.inspections {
            let page = inspection_page(&i.authority, &i.slug);
            let doc = b.html(&page);
            let text = doc_text(&doc);
            let fm = &i.doc.front;
            let fw = str_of(fm, "framework").unwrap();
            let title = f.inspection_title(i);
            shows(&mut p, &page, &text, "title", &title);
            shows(&mut p, &page, &title_text(&doc), "title in <title>", &title);
            shows(
                &mut p,
                &page,
                &text,
                "authority name",
                &f.authority_name(&i.authority),
            );
            shows(
                &mut p,
                &page,
                &text,
                "framework name",
                str_of(f.framework(fw), "name").unwrap(),
            );
            shows(
                &mut p,
                &page,
                &text,
                "framework short",
                str_of(f.framework(fw), "short").unwrap(),
            );
            for (j, g) in f.grades(i) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("judgement label {j}"),
                    &f.judgement_label(fw, &j),
                );
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("grade label {g}"),
                    &f.grade_label(fw, &g),
                );
            }
            for list in ["strengths", "concerns", "recommendations"] {
                for s in strings(fm, list) {
                    shows(&mut p, &page, &text, list, &s);
                }
            }
            for q in quotes(fm) {
                shows(&mut p, &page, &text, "quote text", &q.text);
                if let Some(s) = &q.speaker {
                    shows(&mut p, &page, &text, "quote speaker", s.trim());
                }
                if let Some(r) = &q.role {
                    shows(&mut p, &page, &text, "quote role", r);
                }
            }
            if let Some(report) = fm.get("report") {
                if let Some(t) = str_of(report, "title") {
                    shows(&mut p, &page, &text, "report title", t);
                }
                let url = str_of(report, "url").unwrap();
                let found = doc
                    .select(&sel("a[href]"))
                    .any(|e| e.value().attr("href").is_some_and(|h| same_url(h, url)));
                p.check(found, || {
                    format!("{page}: no link to the report url {url:?}")
                });
            }
            for r in f.responses_to(i) {
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("response {} title", r.slug),
                    str_of(&r.doc.front, "title").unwrap(),
                );
            }
        }
        p.finish(&format!("inspection fields {}", b.label()));
    }
}

#[test]
fn response_fields_show_literally() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        // Responses.
        for r in &f.responses {
            let page = response_page(&r.authority, &r.slug);
            let doc = b.html(&page);
            let text = doc_text(&doc);
            let fm = &r.doc.front;
            let title = str_of(fm, "title").unwrap();
            shows(&mut p, &page, &text, "title", title);
            shows(&mut p, &page, &title_text(&doc), "title in <title>", title);
            shows(
                &mut p,
                &page,
                &text,
                "authority name",
                &f.authority_name(&r.authority),
            );
            let src = &fm["source"];
            shows(
                &mut p,
                &page,
                &text,
                "source.publisher",
                str_of(src, "publisher").unwrap(),
            );
            if let Some(t) = str_of(src, "title") {
                shows(&mut p, &page, &text, "source.title", t);
            }
            if let Some(url) = str_of(src, "url") {
                let found = doc
                    .select(&sel("a[href]"))
                    .any(|e| e.value().attr("href").is_some_and(|h| same_url(h, url)));
                p.check(found, || format!("{page}: no link to source.url {url:?}"));
            }
            for q in quotes(fm) {
                shows(&mut p, &page, &text, "quote text", &q.text);
                if let Some(s) = &q.speaker {
                    shows(&mut p, &page, &text, "quote speaker", s.trim());
                }
                if let Some(ro) = &q.role {
                    shows(&mut p, &page, &text, "quote role", ro);
                }
            }
            for c in strings(fm, "commitments") {
                shows(&mut p, &page, &text, "commitment", &c);
            }
            for slug in responds_to(fm) {
                let i = f
                    .inspections
                    .iter()
                    .find(|i| i.authority == r.authority && i.slug == slug)
                    .unwrap();
                shows(
                    &mut p,
                    &page,
                    &text,
                    &format!("responds_to {slug} title"),
                    &f.inspection_title(i),
                );
            }
        }
        p.finish(&format!("response fields {}", b.label()));
    }
}

#[test]
fn framework_fields_show_literally() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        // Frameworks and grades.
        let fw_text = doc_text(&b.html("frameworks/index.html"));
        for (id, fw) in f.frameworks["frameworks"].as_mapping().unwrap() {
            let id = id.as_str().unwrap();
            for field in ["name", "short"] {
                shows(
                    &mut p,
                    "frameworks/index.html",
                    &fw_text,
                    &format!("{id}.{field}"),
                    str_of(fw, field).unwrap(),
                );
            }
            if let Some(js) = fw.get("judgements").and_then(Yaml::as_mapping) {
                for (k, label) in js {
                    shows(
                        &mut p,
                        "frameworks/index.html",
                        &fw_text,
                        &format!("{id} judgement {}", k.as_str().unwrap()),
                        label.as_str().unwrap(),
                    );
                }
            }
        }
        for (scale, grades) in f.frameworks["scales"].as_mapping().unwrap() {
            for g in grades.as_sequence().unwrap() {
                shows(
                    &mut p,
                    "frameworks/index.html",
                    &fw_text,
                    &format!("{} grade label", scale.as_str().unwrap()),
                    str_of(g, "label").unwrap(),
                );
            }
        }
        p.finish(&format!("framework fields {}", b.label()));
    }
}

#[test]
fn free_page_fields_show_literally() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        // Free pages.
        for (slug, d) in &f.pages {
            let page = format!("pages/{slug}/index.html");
            let doc = b.html(&page);
            let title = str_of(&d.front, "title").unwrap();
            let h1 = doc
                .select(&sel("h1"))
                .next()
                .map(element_text)
                .unwrap_or_default();
            p.check(h1 == collapse(title), || {
                format!("{page}: <h1> is {h1:?}, expected the title {title:?}")
            });
            shows(&mut p, &page, &title_text(&doc), "title in <title>", title);
            if let Some(desc) = str_of(&d.front, "description") {
                let meta = doc
                    .select(&sel("meta[name=description]"))
                    .next()
                    .and_then(|e| e.value().attr("content").map(str::to_string));
                p.check(meta.as_deref() == Some(desc), || {
                    format!("{page}: meta description is {meta:?}, expected exactly {desc:?}")
                });
            }
            p.check(!d.body.is_empty(), || format!("{page}: fixture body empty"));
        }
        p.finish(&format!("free pages {}", b.label()));
    }
}

#[test]
fn markdown_bodies_show_raw_html_as_text_and_keep_safe_links() {
    for b in builds() {
        let mut p = Problems::default();
        // Markdown bodies: raw HTML shown as text; safe links kept.
        for (page, snippets) in BODY_SNIPPETS {
            let text = doc_text(&b.html(page));
            for s in *snippets {
                shows(&mut p, page, &text, "Markdown body", s);
            }
        }
        for (page, href) in KEPT_LINKS {
            let doc = b.html(page);
            let found = doc
                .select(&sel("a[href]"))
                .any(|e| e.value().attr("href") == Some(href));
            p.check(found, || {
                format!("{page}: the safe Markdown link {href:?} was not kept")
            });
        }
        p.finish(&format!("Markdown bodies {}", b.label()));
    }
}

#[test]
fn every_speaker_has_one_page_with_all_their_quotes() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();
        // People: every named speaker has exactly one page with all their quotes,
        // from every authority they were quoted in.
        let people_text = doc_text(&b.html("people/index.html"));
        // (h1 text, page, page text) for each person page.
        let mut person_pages: Vec<(String, String, String)> = Vec::new();
        for (rel, path) in b.files() {
            if rel.starts_with("people/")
                && rel != "people/index.html"
                && rel.ends_with("/index.html")
            {
                let doc = Html::parse_document(&fs::read_to_string(&path).unwrap());
                let h1 = doc
                    .select(&sel("h1"))
                    .next()
                    .map(element_text)
                    .unwrap_or_default();
                person_pages.push((h1, rel, doc_text(&doc)));
            }
        }
        for (speaker, (qs, auths)) in f.speakers() {
            shows(
                &mut p,
                "people/index.html",
                &people_text,
                "speaker",
                &speaker,
            );
            let pages: Vec<&(String, String, String)> = person_pages
                .iter()
                .filter(|(h, _, _)| *h == collapse(&speaker))
                .collect();
            p.check(pages.len() == 1, || {
                let rels: Vec<&String> = pages.iter().map(|x| &x.1).collect();
                format!(
                    "speaker {speaker:?} has {} person pages: {rels:?}",
                    pages.len()
                )
            });
            let Some((_, rel, text)) = pages.first() else {
                continue;
            };
            for q in &qs {
                shows(&mut p, rel, text, "quote text", &q.text);
                if let Some(r) = &q.role {
                    shows(&mut p, rel, text, "role", r);
                    shows(&mut p, "people/index.html", &people_text, "role", r);
                }
            }
            for a in &auths {
                shows(
                    &mut p,
                    rel,
                    text,
                    &format!("authority {a} name"),
                    &f.authority_name(a),
                );
            }
        }

        p.finish(&format!("people {}", b.label()));
    }
}
