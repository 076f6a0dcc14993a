//! Internal link checking for `scrutiny check`: every `href` and `src` that
//! points into the site must name a file the site has.

use std::collections::HashSet;

use scraper::{Html, Selector};

use crate::site::Urls;

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub target: String,
}

/// Internal targets in one HTML page, as written.
pub fn links_in(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = Selector::parse("[href], [src]").expect("valid selector");
    doc.select(&sel)
        .flat_map(|e| [e.value().attr("href"), e.value().attr("src")])
        .flatten()
        .map(str::to_string)
        .collect()
}

/// The output file a link on `page` resolves to, or `None` for links that
/// leave the site. A path that climbs above the site root resolves to `..`,
/// which is never a file of the site.
pub fn resolve(urls: &Urls, page: &str, link: &str) -> Option<String> {
    let link = link.split(['#', '?']).next().unwrap_or("");
    if link.is_empty() {
        return None; // a fragment on the same page
    }
    let path = if let Some(rest) = link.strip_prefix(urls.base_url()) {
        format!("{}{}", urls.base_path(), rest)
    } else if link.contains("://") || link.starts_with("mailto:") {
        return None;
    } else {
        link.to_string()
    };
    let rel = if path.starts_with('/') {
        path.strip_prefix(urls.base_path())
            .map(str::to_string)
            .unwrap_or_else(|| format!("../{path}"))
    } else {
        // Relative to the folder of the page.
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Some("..".into());
                    }
                }
                s => parts.push(s),
            }
        }
        let mut joined = parts.join("/");
        if path.ends_with('/') && !joined.is_empty() {
            joined.push('/');
        }
        joined
    };
    Some(crate::site::urls::file_for(&rel))
}

/// Checks every page's links against the set of files the site has.
pub fn check(
    urls: &Urls,
    pages: &[(String, Vec<String>)],
    files: &HashSet<String>,
) -> Vec<BrokenLink> {
    let mut broken = Vec::new();
    for (page, links) in pages {
        for l in links {
            if let Some(target) = resolve(urls, page, l)
                && !files.contains(&target)
            {
                broken.push(BrokenLink {
                    page: page.clone(),
                    target: l.clone(),
                });
            }
        }
    }
    broken.sort_by(|a, b| (&a.page, &a.target).cmp(&(&b.page, &b.target)));
    broken.dedup();
    broken
}

/// The scheme of a URL as a browser reads it (leading spaces and embedded
/// tabs and newlines ignored), if it has one.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let candidate = &cleaned[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

/// Everything in an HTML fragment that could run script or load from
/// elsewhere, as a browser would parse it: elements that run or embed, `on…`
/// attributes, and link targets whose scheme is not http, https or mailto.
/// Empty when the fragment is inert. Used by the property tests and fuzzing.
pub fn live_markup(html: &str) -> Vec<String> {
    use scraper::Node;
    let mut found = Vec::new();
    if html.to_ascii_lowercase().contains("<script") {
        found.push("<script".to_string());
    }
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        if matches!(
            name,
            "script" | "iframe" | "object" | "embed" | "style" | "img" | "svg" | "form"
        ) {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in el.attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("{attr}= on <{name}>"));
            }
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) && scheme(value)
                .is_some_and(|s| !matches!(s.as_str(), "http" | "https" | "mailto"))
            {
                found.push(format!("{attr}={value:?} on <{name}>"));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_absolute_relative_and_external_links() {
        let u = Urls::new("https://example.org/portal/");
        let page = "pages/about/index.html";
        assert_eq!(
            resolve(&u, page, "/portal/authorities/x/"),
            Some("authorities/x/index.html".into())
        );
        assert_eq!(
            resolve(&u, page, "https://example.org/portal/feed.xml"),
            Some("feed.xml".into())
        );
        assert_eq!(
            resolve(&u, page, "../methodology/"),
            Some("pages/methodology/index.html".into())
        );
        assert_eq!(resolve(&u, page, "../../../../x/"), Some("..".into()));
        assert!(
            resolve(&u, page, "/elsewhere/").unwrap().starts_with(".."),
            "outside the base path"
        );
        assert_eq!(resolve(&u, page, "https://other.org/"), None);
        assert_eq!(resolve(&u, page, "#main"), None);
        assert_eq!(resolve(&u, page, "mailto:a@b.c"), None);
    }
}
