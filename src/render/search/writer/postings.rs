//! Every word's postings across the site, merged page by page in page order
//! into flat buffers: each word's list of pages is kept as the CBOR the
//! client reads (page numbers as deltas), so nothing is held per page once
//! the page is merged, and a chunk file is the words' buffers end to end.

use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::cbor::Cbor;
use super::page::{Positions, WordOnPage};

/// One list of pages (a word's, or one accented form's).
#[derive(Default)]
pub struct PageList {
    /// The CBOR of its pages: `[page delta, locs, meta_locs]` each.
    pub cbor: Vec<u8>,
    pub pages: usize,
    last_page: u32,
    /// Positions + pages: what Pagefind sizes its chunks by.
    pub weight: usize,
}

impl PageList {
    fn push(&mut self, page: u32, positions: Positions) {
        let mut head = Cbor::default();
        head.array(3).uint(u64::from(page - self.last_page));
        self.cbor.extend_from_slice(&head.into_bytes());
        self.cbor.extend_from_slice(&positions.cbor);
        self.pages += 1;
        self.last_page = page;
        self.weight += positions.weight;
    }
}

/// A word's pages, and its accented forms' in the order they were first met.
#[derive(Default)]
pub struct Postings {
    pub main: PageList,
    pub variants: Vec<(String, PageList)>,
}

impl Postings {
    /// The size Pagefind's chunking counts for the word.
    pub fn weight(&self) -> usize {
        self.main.weight
            + self
                .variants
                .iter()
                .map(|(_, list)| list.weight + 1)
                .sum::<usize>()
    }
}

/// All words' postings.
#[derive(Default)]
pub struct Index {
    words: HashMap<String, Postings, Xxh3DefaultBuilder>,
}

impl Index {
    /// Adds the words of page `page` (pages come in increasing order).
    pub fn add(&mut self, page: u32, words: Vec<(String, WordOnPage)>) {
        for (word, on_page) in words {
            let postings = self.words.entry(word).or_default();
            if let Some(main) = on_page.main {
                postings.main.push(page, main);
            }
            for (form, positions) in on_page.variants {
                let at = postings.variants.iter().position(|(f, _)| *f == form);
                let at = at.unwrap_or_else(|| {
                    postings.variants.push((form, PageList::default()));
                    postings.variants.len() - 1
                });
                postings.variants[at].1.push(page, positions);
            }
        }
    }

    /// The words in order.
    pub fn into_sorted(self) -> Vec<(String, Postings)> {
        let mut words: Vec<_> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }
}
