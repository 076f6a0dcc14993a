//! One content file through exactly what a build does with it.
//!
//! The first byte picks the kind of file (inspection, response, authority,
//! page); the rest is the file's bytes. The file is checked against a fixed,
//! valid `frameworks.yaml`, its diagnostics are drawn as the command line would
//! draw them, and the bytes are also rendered as a Markdown body.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use scrutiny::content::Frameworks;
use scrutiny::content::diag::render_all;
use scrutiny::content::load::{check_file, parse_frameworks_bytes};
use scrutiny::render::markdown::to_html;

static FRAMEWORKS: LazyLock<Frameworks> = LazyLock::new(|| {
    parse_frameworks_bytes(include_bytes!("../frameworks.yaml")).unwrap_or_else(|d| {
        panic!(
            "fuzz/frameworks.yaml must be valid: {}",
            render_all(&d, false)
        )
    })
});

/// Where the file sits in the content layout, by kind.
const KINDS: [&str; 4] = [
    "authorities/fuzzshire/inspections/2019-05-ilacs.md",
    "authorities/fuzzshire/responses/2019-07-01-council-responds.md",
    "authorities/fuzzshire/authority.yaml",
    "pages/about.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let rel = KINDS[usize::from(kind) % KINDS.len()];
    let diags = check_file(rel, bytes, &FRAMEWORKS);
    for d in &diags {
        let _ = d.headline();
    }
    let _ = render_all(&diags, false);
    let _ = to_html(&String::from_utf8_lossy(bytes));
});
