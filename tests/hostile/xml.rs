//! The Atom feed, the sitemap and robots.txt.

use super::*;

/// Elements of the Atom vocabulary.
const ATOM: &[&str] = &[
    "feed",
    "title",
    "subtitle",
    "id",
    "updated",
    "published",
    "link",
    "entry",
    "summary",
    "content",
    "author",
    "contributor",
    "name",
    "uri",
    "email",
    "generator",
    "category",
    "rights",
    "icon",
    "logo",
];

fn no_markup_in_raw_xml(rel: &str, raw: &str, p: &mut Problems) {
    let lower = raw.to_lowercase();
    for tag in [
        "<script",
        "<img",
        "<iframe",
        "<svg",
        "<style",
        "<a ",
        "<!--",
        "<![cdata[",
    ] {
        p.check(!lower.contains(tag), || {
            format!("{rel}: contains unescaped {tag:?}")
        });
    }
}

#[test]
fn feed_and_sitemap_are_well_formed_xml() {
    let f = Fixture::load();
    for b in builds() {
        let mut p = Problems::default();

        let raw = b.read("feed.xml");
        illegal_xml_chars("feed.xml", &raw, &mut p);
        let x = parse_xml("feed.xml", &raw);
        no_markup_in_raw_xml("feed.xml", &raw, &mut p);
        for e in &x.elements {
            p.check(ATOM.contains(&e.as_str()), || {
                format!("feed.xml: element <{e}> is not Atom")
            });
        }
        for (el, a, v) in &x.attributes {
            p.check(!a.starts_with("on"), || format!("feed.xml: <{el} {a}>"));
            if a == "href" {
                p.check(!dangerous_url(v), || format!("feed.xml: <{el} href={v:?}>"));
            }
        }
        let text = collapse(&x.text);
        shows(
            &mut p,
            "feed.xml",
            &text,
            "site title",
            str_of(&f.site, "title").unwrap(),
        );
        if let Some(d) = str_of(&f.site, "description") {
            shows(&mut p, "feed.xml", &text, "site description", d);
        }
        for i in &f.inspections {
            shows(
                &mut p,
                "feed.xml",
                &text,
                &format!("inspection {} title", i.slug),
                &f.inspection_title(i),
            );
        }
        for r in &f.responses {
            shows(
                &mut p,
                "feed.xml",
                &text,
                &format!("response {} title", r.slug),
                str_of(&r.doc.front, "title").unwrap(),
            );
        }
        for (el, a, v) in &x.attributes {
            if el == "link" && a == "href" {
                p.check(v.starts_with(&b.base), || {
                    format!("feed.xml: link {v:?} not under {}", b.base)
                });
            }
        }

        let raw = b.read("sitemap.xml");
        illegal_xml_chars("sitemap.xml", &raw, &mut p);
        let x = parse_xml("sitemap.xml", &raw);
        no_markup_in_raw_xml("sitemap.xml", &raw, &mut p);
        for e in &x.elements {
            p.check(
                ["urlset", "url", "loc", "lastmod", "changefreq", "priority"].contains(&e.as_str()),
                || format!("sitemap.xml: element <{e}>"),
            );
        }
        let locs = x.elements.iter().filter(|e| *e == "loc").count();
        p.check(locs >= 20, || format!("sitemap.xml: only {locs} <loc>"));
        for loc in x.text.split_whitespace() {
            p.check(
                loc.starts_with(&b.base)
                    || loc
                        .chars()
                        .all(|c| c.is_ascii_digit() || "-:T.+Z".contains(c)),
                || format!("sitemap.xml: {loc:?} is not under {}", b.base),
            );
        }
        p.finish(&format!("XML {}", b.label()));
    }
}

#[test]
fn robots_txt_is_plain() {
    for b in builds() {
        let mut p = Problems::default();
        let robots = b.read("robots.txt");
        for line in robots.lines() {
            let ok = line.is_empty()
                || ["User-agent: ", "Allow: ", "Disallow: ", "Sitemap: "]
                    .iter()
                    .any(|d| line.starts_with(d));
            p.check(ok, || format!("robots.txt: unexpected line {line:?}"));
            p.check(!line.contains(['<', '>', '"', '\'', '{', '}']), || {
                format!("robots.txt: markup in {line:?}")
            });
        }
        let sitemap = format!("Sitemap: {}sitemap.xml", b.base);
        p.check(robots.lines().any(|l| l == sitemap), || {
            format!("robots.txt lacks {sitemap:?}")
        });
        p.finish(&format!("robots.txt {}", b.label()));
    }
}
