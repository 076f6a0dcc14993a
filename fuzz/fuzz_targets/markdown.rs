//! Markdown bodies to HTML: whatever an editor types, the output carries no
//! script. No element that runs or loads anything, no `on…` attribute, and
//! every link target is relative or `http`, `https` or `mailto`.
//!
//! This is the only line of defence (there is no HTML sanitiser after
//! `to_html`), so it is checked on the parsed output, as a browser would see it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scraper::{Html, Node};
use scrutiny::render::markdown::to_html;

/// The scheme of a URL as a browser would read it, if it has one.
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

fuzz_target!(|markdown: &str| {
    let html = to_html(markdown);
    assert!(
        !html.to_ascii_lowercase().contains("<script"),
        "{markdown:?} → {html}"
    );
    let doc = Html::parse_fragment(&html);
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        assert!(
            !matches!(
                name,
                "script" | "iframe" | "object" | "embed" | "style" | "img" | "svg" | "form"
            ),
            "<{name}> in {html} from {markdown:?}"
        );
        for (attr, value) in el.attrs() {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "{attr}= on <{name}> in {html} from {markdown:?}"
            );
            if matches!(
                attr,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                let s = scheme(value);
                assert!(
                    s.is_none() || matches!(s.as_deref(), Some("http" | "https" | "mailto")),
                    "{attr}={value:?} in {html} from {markdown:?}"
                );
            }
        }
    }
});
