//! schema.org JSON-LD for the pages of authorities, inspections and
//! responses: an authority is a `GovernmentOrganization`, an inspection a
//! `Report` published by Ofsted, a response the kind of work it is.
//!
//! Built as `serde_json` values and serialised by serde_json; then `<`, `>`
//! and `&` are written as JSON's `\u003c`, `\u003e`, `\u0026`, so no editor
//! text can end the `<script type="application/ld+json">` element it is put in
//! (the JSON means exactly the same).

use serde_json::{Value, json};

use crate::content::{Inspection, Response};
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, Site};

/// Ofsted, the publisher of every inspection report.
fn ofsted() -> Value {
    json!({
        "@type": "GovernmentOrganization",
        "name": "Ofsted",
        "url": "https://www.gov.uk/government/organisations/ofsted",
    })
}

/// The authority as an organisation, by name and URL on this site.
fn authority_ref(site: &Site, slug: &str) -> Value {
    let mut v = json!({
        "@type": "GovernmentOrganization",
        "name": site.authority_name(slug),
        "url": site.urls.absolute(&rel::authority(slug)),
    });
    if let Some(a) = site.authority(slug)
        && let Some(web) = &a.authority.website
    {
        v["sameAs"] = json!(web);
    }
    v
}

/// The authority page's JSON-LD.
pub fn authority(site: &Site, a: &AuthorityFacts) -> String {
    let au = a.authority;
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": au.name,
        "alternateName": au.short_name,
        "url": site.urls.absolute(&rel::authority(&au.slug)),
        "areaServed": au.region,
    });
    if let Some(web) = &au.website {
        v["sameAs"] = json!(web);
    }
    if let Some(code) = &au.ons_code {
        v["identifier"] = json!({"@type": "PropertyValue", "propertyID": "ONS", "value": code});
    }
    script_safe(&v)
}

/// An inspection page's JSON-LD: a `Report` by Ofsted about the authority.
pub fn inspection(site: &Site, i: &Inspection) -> String {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "name": site.inspection_title(i),
        "headline": format!("{}: {}", site.authority_name(&i.authority), site.inspection_title(i)),
        "url": site.urls.absolute(&rel::inspection(&i.authority, &i.slug)),
        "datePublished": i.published.iso(),
        "publisher": ofsted(),
        "author": ofsted(),
        "about": authority_ref(site, &i.authority),
    });
    if let Some(r) = &i.report {
        v["sameAs"] = json!(r.url);
    }
    script_safe(&v)
}

/// The schema.org type of a response of this kind.
pub fn response_type(kind: &str) -> &'static str {
    match kind {
        "news-report" => "NewsArticle",
        "committee-record" | "improvement-plan" => "Report",
        "letter" => "DigitalDocument",
        // Press releases and statements: articles by the council.
        _ => "Article",
    }
}

/// A response page's JSON-LD.
pub fn response(site: &Site, r: &Response) -> String {
    let answers: Vec<Value> = r
        .responds_to
        .iter()
        .filter_map(|slug| site.inspection(&r.authority, slug))
        .map(|i| {
            json!({
                "@type": "Report",
                "name": site.inspection_title(i),
                "url": site.urls.absolute(&rel::inspection(&i.authority, &i.slug)),
            })
        })
        .collect();
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": response_type(&r.kind),
        "name": r.title,
        "headline": r.title,
        "url": site.urls.absolute(&rel::response(&r.authority, &r.slug)),
        "datePublished": r.date.iso(),
        "publisher": {"@type": "Organization", "name": r.source.publisher},
        "about": authority_ref(site, &r.authority),
    });
    if !answers.is_empty() {
        v["citation"] = json!(answers);
    }
    if let Some(u) = &r.source.url {
        v["sameAs"] = json!(u);
    }
    script_safe(&v)
}

/// Serialises JSON for a `<script>` element: `<`, `>` and `&` as unicode
/// escapes (they can occur only inside strings, where the escapes mean the
/// same characters).
pub fn script_safe(v: &Value) -> String {
    let s = serde_json::to_string(v).expect("JSON values always serialise");
    // Most pages' JSON has none of these (0xE2 starts U+2028 and U+2029):
    // it is returned as it is, not copied character by character.
    if !s.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_and_means_the_same() {
        let v = json!({"name": "</script><script>alert(1)</script> & <!--"});
        let s = script_safe(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
        let plain = json!({"name": "Café – Leeds", "line": "a\u{2028}b"});
        let s = script_safe(&plain);
        assert!(s.contains("Café – Leeds") && s.contains("\\u2028"), "{s}");
        assert_eq!(serde_json::from_str::<Value>(&s).unwrap(), plain);
    }
}
