//! The search index written by us, in the format Pagefind 1.6's client
//! (`pagefind.js`, its worker and WebAssembly) reads: the same files, with
//! the same contents, that Pagefind's indexer makes of the same records, but
//! streamed: records are read in parallel batches, each batch's postings
//! merged into flat per-word buffers, its fragments gzipped and let go, and
//! the chunk and filter files compressed in parallel at a fast level
//! (libdeflate's).
//!
//! The format was read from Pagefind's source and is checked against its
//! indexer (`tests/browser/`, and [`FORMAT_OF`] with the version pinned in
//! `Cargo.toml`).

mod cbor;
mod chunks;
mod files;
mod meta;
mod page;
mod postings;
mod words;

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::SearchRecord;
use super::index::client_files;
use super::job::{IndexError, Priority, SearchFile, run_at};
use crate::site::urls::rel;
use files::{Names, content_hash, gzip};
use meta::{Meta, MetaPage};
use page::Page;
use postings::Index;
use words::Words;

/// The Pagefind version whose format this writer was checked against, by
/// the browser suite's comparison of the two indexes. The `pagefind` crate
/// (the client's source) is pinned to it.
pub const FORMAT_OF: &str = meta::VERSION;

/// How many records are read in parallel before they are merged: enough to
/// keep the cores busy, few enough that their postings stay small.
const BATCH: usize = 256;

/// The gzip level of every file (libdeflate's fastest): on the benchmark
/// corpus the index is 1.5 % smaller than zlib's level 2 was, about 3 %
/// larger than Pagefind's level 9.
const LEVEL: i32 = 1;

/// Writes the index of the records `make` makes of `records` (each made
/// as its batch is read), in `language` (the site's): its files under
/// [`rel::search_index`], the client's included.
pub fn write_index<T: Send>(
    records: Vec<T>,
    make: impl Fn(T) -> SearchRecord + Sync + Send,
    language: &str,
    priority: Priority,
) -> Result<Vec<SearchFile>, IndexError> {
    run_at(priority, || {
        let (client, index) = rayon::join(
            || client_files(language, Priority::Normal),
            || index_files(records, make, language),
        );
        let mut files = client?;
        let dir = rel::search_index();
        files.extend(index.into_iter().map(|(path, bytes)| SearchFile {
            path: format!("{dir}{path}"),
            bytes,
        }));
        Ok(files)
    })
}

/// The index's own files: (path in the index folder, bytes), of the
/// records `make` makes of `records`. Records are made and let go batch by
/// batch, so their text is not held beside the postings and fragments made
/// of it. Each batch is merged (in page order, on one thread) while the
/// next is read, so the merge keeps no core idle.
fn index_files<T: Send>(
    records: Vec<T>,
    make: impl Fn(T) -> SearchRecord + Sync,
    language: &str,
) -> Vec<(String, Vec<u8>)> {
    let words = Words::new(language);
    let mut site = Site::new(language);
    let mut records = records.into_iter();
    let mut read: Vec<Option<Page>> = Vec::new();
    loop {
        let batch: Vec<T> = records.by_ref().take(BATCH).collect();
        let last = batch.is_empty();
        let previous = std::mem::take(&mut read);
        ((), read) = rayon::join(
            || previous.into_iter().flatten().for_each(|p| site.add(p)),
            || {
                batch
                    .into_par_iter()
                    .map(|r| page::read(&make(r), &words, language, LEVEL))
                    .collect()
            },
        );
        if last {
            break;
        }
    }
    site.finish(&words)
}

/// The index so far.
struct Site<'l> {
    language: &'l str,
    index: Index,
    pages: Vec<MetaPage>,
    filters: BTreeMap<&'static str, BTreeMap<String, Vec<u32>>>,
    fragment_names: Names,
    files: Vec<(String, Vec<u8>)>,
}

impl<'l> Site<'l> {
    fn new(language: &'l str) -> Site<'l> {
        Site {
            language,
            index: Index::default(),
            pages: Vec::new(),
            filters: BTreeMap::new(),
            fragment_names: Names::new(language, 1),
            files: Vec::new(),
        }
    }

    /// Adds the next page.
    fn add(&mut self, page: Page) {
        let number = self.pages.len() as u32;
        self.index.add(number, &page);
        for (name, value) in page.filters {
            let values = self.filters.entry(name).or_default();
            values.entry(value).or_default().push(number);
        }
        let name = self.fragment_names.name(&page.fragment.hash);
        let path = format!("fragment/{name}.pf_fragment");
        self.files.push((path, page.fragment.gzipped));
        self.pages.push(MetaPage {
            fragment: name,
            word_count: page.fragment.word_count,
        });
    }

    /// The chunk, filter, metadata and entry files, after the fragments.
    fn finish(mut self, words: &Words) -> Vec<(String, Vec<u8>)> {
        let language = self.language;
        let entry =
            |meta: Option<&str>| meta::entry(language, meta, words.stems(), self.pages.len());
        if self.pages.is_empty() {
            return vec![("pagefind-entry.json".into(), entry(None))];
        }
        let sorted = self.index.into_sorted();
        let chunks = chunks::cut(&sorted);
        let encoded: Vec<(String, Vec<u8>)> = chunks
            .par_iter()
            .map(|c| {
                let cbor = chunks::encode(&sorted[c.words.clone()]);
                (content_hash(&cbor), gzip(&cbor, LEVEL))
            })
            .collect();
        drop(sorted);
        let mut names = Names::new(language, 2);
        let mut chunk_meta = Vec::new();
        for (chunk, (hash, gz)) in chunks.into_iter().zip(encoded) {
            let name = names.name(&format!("{language}_{hash}"));
            self.files.push((format!("index/{name}.pf_index"), gz));
            chunk_meta.push((chunk.from, chunk.to, name));
        }
        let mut names = Names::new(language, 2);
        let mut filters = Vec::new();
        for (filter, values) in &self.filters {
            let cbor = meta::filter(filter, values);
            let name = names.name(&format!("{language}_{}", content_hash(&cbor)));
            self.files
                .push((format!("filter/{name}.pf_filter"), gzip(&cbor, LEVEL)));
            filters.push((*filter, name));
        }
        let cbor = meta::meta(&Meta {
            pages: &self.pages,
            chunks: chunk_meta,
            filters,
        });
        let hash = content_hash(&cbor);
        let name = format!(
            "{language}_{}",
            &hash[..(language.len() + 8).min(hash.len())]
        );
        self.files
            .push((format!("pagefind.{name}.pf_meta"), gzip(&cbor, LEVEL)));
        self.files
            .push(("pagefind-entry.json".into(), entry(Some(&name))));
        self.files
    }
}
