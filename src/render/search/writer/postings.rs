//! Every word's postings across the site, merged page by page in page order
//! into flat buffers: each word's list of pages is kept as the CBOR the
//! client reads (page numbers as deltas), so nothing is held per page once
//! the page is merged, and a chunk file is the words' buffers end to end.

use std::collections::HashMap;
use std::sync::Arc;

use foldhash::fast::FixedState;

use super::cbor::Cbor;
use super::page::{OnPage, Page};

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
    /// Adds page `page`, whose positions are `positions` (CBOR) and weigh
    /// `weight`.
    fn push(&mut self, page: u32, positions: &[u8], weight: usize) {
        let mut c = Cbor::on(std::mem::take(&mut self.cbor));
        c.array(3)
            .uint(u64::from(page - self.last_page))
            .raw(positions);
        self.cbor = c.into_bytes();
        self.pages += 1;
        self.last_page = page;
        self.weight += weight;
    }
}

/// A word's pages, and its accented forms' in the order they were first met.
#[derive(Default)]
pub struct Postings {
    pub main: PageList,
    pub variants: Vec<(Arc<str>, PageList)>,
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
    words: HashMap<Arc<str>, Postings, FixedState>,
}

impl Index {
    /// Adds the words of `page`, numbered `number` (pages come in
    /// increasing order).
    pub fn add(&mut self, number: u32, page: &Page) {
        let mut current: Option<(&Arc<str>, &mut Postings)> = None;
        for OnPage {
            word,
            form,
            cbor,
            weight,
        } in &page.words
        {
            let postings = match current.take() {
                Some((w, p)) if w == word => p,
                _ => self.words.entry(word.clone()).or_default(),
            };
            let positions = &page.positions[cbor.clone()];
            match form {
                None => postings.main.push(number, positions, *weight),
                Some(form) => {
                    let at = postings.variants.iter().position(|(f, _)| f == form);
                    let at = at.unwrap_or_else(|| {
                        postings.variants.push((form.clone(), PageList::default()));
                        postings.variants.len() - 1
                    });
                    postings.variants[at].1.push(number, positions, *weight);
                }
            }
            current = Some((word, postings));
        }
    }

    /// The words in order.
    pub fn into_sorted(self) -> Vec<(Arc<str>, Postings)> {
        let mut words: Vec<_> = self.words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }
}
