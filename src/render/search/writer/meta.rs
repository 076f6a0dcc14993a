//! The small files the client reads first: the entry file (which index to
//! load for the page's language), the metadata file (every page's fragment
//! and word count, the chunks' word ranges, the filter files) and one file
//! per filter (each value's pages).

use std::collections::BTreeMap;

use serde::Serialize;

use super::cbor::Cbor;
use super::words::WORD_SYMBOLS;

/// The client version the files are written for.
pub const VERSION: &str = "1.6.0";

/// A page as the metadata file lists it.
pub struct MetaPage {
    pub fragment: String,
    pub word_count: usize,
}

/// What the metadata file lists.
pub struct Meta<'a> {
    pub pages: &'a [MetaPage],
    /// Each chunk's first and last word (shortened) and file name.
    pub chunks: Vec<(String, String, String)>,
    /// Each filter's name and file name, by name.
    pub filters: Vec<(&'static str, String)>,
}

/// `[version, pages, chunks, filters, sorts, meta fields]`.
pub fn meta(m: &Meta) -> Vec<u8> {
    let mut c = Cbor::default();
    c.array(6).str(VERSION).array(m.pages.len());
    for p in m.pages {
        c.array(3)
            .str(&p.fragment)
            .uint(p.word_count as u64)
            .str("");
    }
    c.array(m.chunks.len());
    for (from, to, name) in &m.chunks {
        c.array(3).str(from).str(to).str(name);
    }
    c.array(m.filters.len());
    for (filter, name) in &m.filters {
        c.array(2).str(filter).str(name);
    }
    // No sort orders; the metadata fields every record has, by name.
    c.array(0).array(2).str("context").str("title");
    c.into_bytes()
}

/// `[name, [[value, [page...]]...]]`, values in order.
pub fn filter(name: &str, values: &BTreeMap<String, Vec<u32>>) -> Vec<u8> {
    let mut c = Cbor::default();
    c.array(2).str(name).array(values.len());
    for (value, pages) in values {
        c.array(2).str(value).array(pages.len());
        for &p in pages {
            c.uint(u64::from(p));
        }
    }
    c.into_bytes()
}

#[derive(Serialize)]
struct Entry<'a> {
    version: &'a str,
    languages: BTreeMap<&'a str, Language<'a>>,
    include_characters: [char; 10],
}

#[derive(Serialize)]
struct Language<'a> {
    hash: &'a str,
    wasm: Option<&'a str>,
    page_count: usize,
}

/// `pagefind-entry.json`: the one language's metadata file (`meta`, or
/// none for an empty index) and whether it has its own WebAssembly.
pub fn entry(language: &str, meta: Option<&str>, stems: bool, pages: usize) -> Vec<u8> {
    let languages = meta.map(|hash| {
        let wasm = stems.then_some(language);
        (
            language,
            Language {
                hash,
                wasm,
                page_count: pages,
            },
        )
    });
    let entry = Entry {
        version: VERSION,
        languages: languages.into_iter().collect(),
        include_characters: WORD_SYMBOLS,
    };
    serde_json::to_vec(&entry).expect("the entry serialises")
}
