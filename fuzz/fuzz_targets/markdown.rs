//! Markdown bodies to HTML: whatever an editor types, the output carries no
//! script. No element that runs or loads anything, no `on…` attribute, and
//! every link target is relative or `http`, `https` or `mailto`.
//!
//! This is the only line of defence (there is no HTML sanitiser after
//! `to_html`), so it is checked on the parsed output, as a browser would see it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use scrutiny::output::links::live_markup;
use scrutiny::render::markdown::to_html;

fuzz_target!(|markdown: &str| {
    let html = to_html(markdown);
    let found = live_markup(&html);
    assert!(found.is_empty(), "{found:?} in {html} from {markdown:?}");
});
