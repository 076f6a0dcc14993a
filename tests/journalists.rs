//! The journalists' features, on trees built here: quote permalinks, browse
//! pages, changes between inspections, feeds and per-authority data.

mod common;

use std::collections::HashSet;

use common::*;

/// The `id`s of every quote's blockquote in a page, in order.
fn quote_ids(page: &std::path::Path) -> Vec<String> {
    let doc = html(page);
    let sel = scraper::Selector::parse("figure.quote blockquote").unwrap();
    doc.select(&sel)
        .map(|b| {
            b.value()
                .attr("id")
                .expect("every quote has an id")
                .to_string()
        })
        .collect()
}

const QUOTES: &str = "framework: ilacs\npublished: 2019-07\ngrades: { overall: good }\nquotes:\n  - { text: First words, speaker: Ann Lee, role: Leader }\n  - { text: Second words, speaker: Ann Lee }\n  - { text: First words, speaker: Ann Lee }\n";

#[test]
fn quote_permalinks_are_unique_stable_and_linked_from_people_pages() {
    let t = Tree::new();
    t.authority("a-town", "")
        .inspection("a-town", "2019-ilacs", QUOTES);
    t.build_ok();
    let page = t
        .out()
        .join("authorities/a-town/inspections/2019-ilacs/index.html");
    let ids = quote_ids(&page);
    assert_eq!(ids.len(), 3);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        3,
        "unique: {ids:?}"
    );
    let text = read(&page);
    for id in &ids {
        assert!(text.contains(&format!("href=\"#{id}\"")), "a link to {id}");
    }
    // A quote added before the others, and a second build: the ids stay.
    t.replace(
        "content/authorities/a-town/inspections/2019-ilacs.md",
        "quotes:\n",
        "quotes:\n  - { text: New words, speaker: Bo Day }\n",
    );
    t.build_ok();
    let again = quote_ids(&page);
    assert_eq!(&again[1..], &ids[..]);
    // The person page links each of their quotes by its permalink.
    let person = read(t.out().join("people/ann-lee/index.html"));
    for id in &ids {
        assert!(
            person.contains(&format!("/authorities/a-town/inspections/2019-ilacs/#{id}")),
            "{id} in {person}"
        );
    }
}
