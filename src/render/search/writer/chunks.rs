//! The sorted words cut into chunk files of about the same number of
//! postings, each loaded by the client only for the words of a query that
//! fall in its range, which the metadata file gives as short prefixes.

use std::ops::Range;
use std::sync::Arc;

use super::cbor::Cbor;
use super::postings::{PageList, Postings};

/// How many postings a chunk holds before it is cut (Pagefind's default).
const CHUNK_SIZE: usize = 20_000;

/// One chunk: its range of words, as the metadata file names it, and
/// where its words are in the sorted list.
pub struct Chunk {
    pub from: String,
    pub to: String,
    pub words: Range<usize>,
}

/// Cuts `words` (sorted) into chunks, which [`encode`] then writes one by
/// one (so the whole index is never held twice).
pub fn cut(words: &[(Arc<str>, Postings)]) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (_, postings)) in words.iter().enumerate() {
        size += postings.weight();
        if size >= CHUNK_SIZE || i + 1 == words.len() {
            chunks.push(Chunk {
                from: words[start].0.to_string(),
                to: words[i].0.to_string(),
                words: start..i + 1,
            });
            (start, size) = (i + 1, 0);
        }
    }
    shorten_ranges(&mut chunks);
    chunks
}

/// A chunk's contents: `[[word, pages, [[form, pages]...]]...]` inside a
/// one-field record (CBOR, not yet gzipped).
pub fn encode(words: &[(Arc<str>, Postings)]) -> Vec<u8> {
    let mut c = Cbor::default();
    c.array(1).array(words.len());
    for (word, postings) in words {
        c.array(3).str(word);
        list(&mut c, &postings.main);
        c.array(postings.variants.len());
        for (form, pages) in &postings.variants {
            c.array(2).str(form);
            list(&mut c, pages);
        }
    }
    c.into_bytes()
}

fn list(c: &mut Cbor, pages: &PageList) {
    c.array(pages.pages).raw(&pages.cbor);
}

/// Each boundary between two chunks named by the shortest prefixes that
/// tell its two words apart (the end kept whole when its prefix would sort
/// before the chunk's start).
fn shorten_ranges(chunks: &mut [Chunk]) {
    for i in 1..chunks.len() {
        let (before, after) = chunks.split_at_mut(i);
        let (a, b) = (before[i - 1].to.clone(), after[0].from.clone());
        let common = b.chars().zip(a.chars()).take_while(|(x, y)| x == y).count();
        let a_prefix: String = a.chars().take(common + 1).collect();
        if a_prefix >= before[i - 1].from {
            before[i - 1].to = a_prefix;
        }
        after[0].from = b.chars().take(common + 1).collect();
    }
}
