//! One record to what the index holds of it: the positions of each of its
//! words, already encoded as the client reads them (weights and deltas), and
//! its fragment (the JSON the client shows a result from), gzipped and named
//! by its hash. Records are read in parallel; nothing here knows the
//! record's page number, which the merge gives it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use serde::Serialize;

use super::cbor::Cbor;
use super::files::{content_hash, gzip};
use super::words::{Indexed, Words};
use crate::render::search::{SearchRecord, filter};

/// The weight of a body word: Pagefind's weight 1 on its scale of 24 a unit.
const WORD_WEIGHT: u8 = 24;
/// The weight the client assumes until told otherwise.
const DEFAULT_WEIGHT: u8 = 25;

/// What one record puts in the index.
pub struct Page {
    /// Its words, sorted, each with its encoded positions.
    pub words: Vec<(String, WordOnPage)>,
    pub fragment: Fragment,
    /// Its filters: (name, value), in the fragment's order.
    pub filters: Vec<(&'static str, String)>,
}

/// A record's fragment file, ready to write.
pub struct Fragment {
    /// `{language}_{sha1 of the JSON}`, shortened when named.
    pub hash: String,
    pub gzipped: Vec<u8>,
    pub word_count: usize,
}

/// One word's positions on one page: as written (`main`), and under each
/// accented form it was written in.
#[derive(Default)]
pub struct WordOnPage {
    pub main: Option<Positions>,
    pub variants: Vec<(String, Positions)>,
}

/// The CBOR of a page's `locs` and `meta_locs` arrays, and the count
/// Pagefind sizes its chunks by (positions + 1).
pub struct Positions {
    pub cbor: Vec<u8>,
    pub weight: usize,
}

/// A body word's position and weight; a title or context word's field and
/// position.
type Body = Vec<(u32, u8)>;
type Meta = Vec<(u16, u32)>;

#[derive(Default)]
struct Found {
    body: Body,
    meta: Meta,
    /// By accented form.
    accented: BTreeMap<String, (Body, Meta)>,
}

#[derive(Serialize)]
struct FragmentJson<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<&'static str, [&'a str; 1]>,
    meta: BTreeMap<&'static str, &'a str>,
    anchors: [(); 0],
}

/// The index's share of `record`, or `None` when its text has no word to
/// find (Pagefind leaves such a record out).
pub fn read(record: &SearchRecord, words: &Words, language: &str, level: u32) -> Option<Page> {
    let mut found: HashMap<String, Found, Xxh3DefaultBuilder> = HashMap::default();
    let mut content = String::with_capacity(record.text.len());
    let word_count = read_body(&record.text, words, &mut found, &mut content);
    if found.is_empty() {
        return None;
    }
    // The metadata fields in name order: context is field 0, title field 1.
    for (field, text) in [&record.context, &record.title].into_iter().enumerate() {
        for (at, raw) in text.split_whitespace().enumerate() {
            for w in cached(words, raw, false).iter() {
                let entry = entry(&mut found, &w.key);
                let meta = match &w.accented {
                    Some(a) => &mut entry.accented.entry(a.clone()).or_default().1,
                    None => &mut entry.meta,
                };
                meta.push((field as u16, at as u32));
            }
        }
    }
    let year = record.year.map(|y| y.to_string());
    let mut filters = vec![
        (filter::GRADE, record.grade.clone()),
        (filter::KIND, record.kind.label().to_string()),
        (filter::REGION, record.region.clone()),
    ];
    filters.extend(year.map(|y| (filter::YEAR, y)));
    let json = FragmentJson {
        url: &record.url,
        content: &content,
        word_count,
        filters: filters.iter().map(|(k, v)| (*k, [v.as_str()])).collect(),
        meta: BTreeMap::from([
            ("context", record.context.as_str()),
            ("title", &record.title),
        ]),
        anchors: [],
    };
    let json = serde_json::to_vec(&json).expect("a fragment serialises");
    let fragment = Fragment {
        hash: format!("{language}_{}", content_hash(&json)),
        gzipped: gzip(&json, level),
        word_count,
    };
    let mut words: Vec<(String, WordOnPage)> = found
        .into_iter()
        .map(|(key, f)| (key, on_page(f)))
        .collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Some(Page {
        words,
        fragment,
        filters,
    })
}

/// Files the body's words by position into `found`, writes the text the
/// excerpts are cut from into `content`, and returns the word count.
fn read_body(
    text: &str,
    words: &Words,
    found: &mut HashMap<String, Found, Xxh3DefaultBuilder>,
    content: &mut String,
) -> usize {
    let mut position: u32 = 0;
    let mut last = 0;
    for raw in text.split_whitespace() {
        let raw = match raw.contains('\u{200B}') {
            true => Cow::Owned(raw.replace('\u{200B}', "")),
            false => Cow::Borrowed(raw),
        };
        if raw.is_empty() {
            continue;
        }
        content.push_str(&raw);
        content.push(' ');
        let filed = cached(words, &raw, true);
        let parts = filed.iter().filter(|w| w.part).count();
        let part_weight = match parts {
            0 => 0,
            n => (WORD_WEIGHT / n.min(255) as u8).max(1),
        };
        for w in filed.iter() {
            let weight = if w.part { part_weight } else { WORD_WEIGHT };
            let entry = entry(found, &w.key);
            let body = match &w.accented {
                Some(a) => &mut entry.accented.entry(a.clone()).or_default().0,
                None => &mut entry.body,
            };
            body.push((position, weight));
        }
        last = position;
        position += 1;
    }
    if content.ends_with(' ') {
        content.pop();
    }
    last as usize + 1
}

/// The page's entry for `key`, made on first use.
fn entry<'f>(
    found: &'f mut HashMap<String, Found, Xxh3DefaultBuilder>,
    key: &str,
) -> &'f mut Found {
    if !found.contains_key(key) {
        found.insert(key.to_string(), Found::default());
    }
    found.get_mut(key).expect("just inserted")
}

/// The words filed for `raw` ([`Words::of`]), remembered by each thread:
/// a site's text has far fewer distinct words than words, and stemming and
/// splitting compounds are the costly part of reading it.
fn cached(words: &Words, raw: &str, tails: bool) -> Rc<[Indexed]> {
    /// How many words a thread remembers before it starts afresh.
    const MOST: usize = 200_000;
    type Memo = HashMap<String, Rc<[Indexed]>, Xxh3DefaultBuilder>;
    thread_local! {
        static MEMO: RefCell<(String, [Memo; 2])> = RefCell::default();
    }
    MEMO.with_borrow_mut(|(language, memos)| {
        // Words of one language only: another starts afresh.
        if language != words.language() || memos.iter().any(|m| m.len() >= MOST) {
            memos.iter_mut().for_each(Memo::clear);
            *language = words.language().to_string();
        }
        let memo = &mut memos[usize::from(tails)];
        if let Some(filed) = memo.get(raw) {
            return filed.clone();
        }
        let filed: Rc<[Indexed]> = words.of(raw, tails).into();
        memo.insert(raw.to_string(), filed.clone());
        filed
    })
}

fn on_page(found: Found) -> WordOnPage {
    let main = (!found.body.is_empty() || !found.meta.is_empty())
        .then(|| positions(found.body, found.meta));
    // Pagefind lists the forms found in the body first, then those found
    // only in the title or context, each in order.
    let mut accented: Vec<(String, (Body, Meta))> = found.accented.into_iter().collect();
    accented.sort_by_key(|(_, (body, _))| body.is_empty());
    let variants = accented
        .into_iter()
        .map(|(form, (body, meta))| (form, positions(body, meta)))
        .collect();
    WordOnPage { main, variants }
}

/// The `locs` and `meta_locs` arrays: body positions grouped by weight (the
/// default first), each group's first position absolute after a marker
/// `-(weight + 1)`, the rest as deltas; metadata positions grouped by field
/// after a marker `-(field + 1)`, as deltas.
fn positions(mut body: Body, mut meta: Meta) -> Positions {
    body.sort_by_key(|&(at, w)| (if w == DEFAULT_WEIGHT { 0 } else { w }, at));
    let mut locs = Vec::with_capacity(body.len() + 2);
    let (mut current, mut last) = (DEFAULT_WEIGHT, 0);
    for (at, w) in body {
        if w == current {
            locs.push((at - last) as i32);
        } else {
            locs.push(-(w as i32) - 1);
            locs.push(at as i32);
            current = w;
        }
        last = at;
    }
    meta.sort_unstable();
    let mut meta_locs = Vec::with_capacity(meta.len() + 2);
    let (mut field, mut last) = (None, 0);
    for (f, at) in meta {
        if field != Some(f) {
            meta_locs.push(-(f as i32) - 1);
            field = Some(f);
            last = 0;
        }
        meta_locs.push((at - last) as i32);
        last = at;
    }
    let mut cbor = Cbor::default();
    cbor.ints(&locs);
    cbor.ints(&meta_locs);
    Positions {
        cbor: cbor.into_bytes(),
        weight: locs.len() + meta_locs.len() + 1,
    }
}
