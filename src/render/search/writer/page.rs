//! One record to what the index holds of it: the positions of each of its
//! words, already encoded as the client reads them (weights and deltas), and
//! its fragment (the JSON the client shows a result from), gzipped and named
//! by its hash. Records are read in parallel; nothing here knows the
//! record's page number, which the merge gives it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use serde::Serialize;

use super::cbor::Cbor;
use super::files::{content_hash, gzip};
use super::words::Words;
use crate::render::search::{SearchRecord, anchor, filter};

/// The weight of a body word: Pagefind's weight 1 on its scale of 24 a unit.
const WORD_WEIGHT: u8 = 24;
/// The weight the client assumes until told otherwise.
const DEFAULT_WEIGHT: u8 = 25;
/// The form of a word filed as written (no accented variant).
const PLAIN: u32 = u32::MAX;

/// What one record puts in the index.
pub struct Page {
    /// Its words, each word's plain list first, then its accented forms'
    /// in the order Pagefind lists them.
    pub words: Vec<OnPage>,
    /// The CBOR of every list's `locs` and `meta_locs`, end to end.
    pub positions: Vec<u8>,
    pub fragment: Fragment,
    /// Its filters: (name, value), in the fragment's order.
    pub filters: Vec<(&'static str, String)>,
}

/// One word's (or one accented form's) positions on a page.
pub struct OnPage {
    pub word: Arc<str>,
    /// The accented form, or `None` for the word as filed.
    pub form: Option<Arc<str>>,
    /// Where its CBOR is in [`Page::positions`].
    pub cbor: std::ops::Range<usize>,
    /// Positions + 1: what Pagefind sizes its chunks by.
    pub weight: usize,
}

/// A record's fragment file, ready to write.
pub struct Fragment {
    /// `{language}_{hash of the JSON}`, shortened when named.
    pub hash: String,
    pub gzipped: Vec<u8>,
    pub word_count: usize,
}

/// One word filed at one place: the ids (in the thread's [`Table`]) of its
/// key and accented form, whether it is in the metadata (then `group` is
/// the field) or the body (then `group` is the weight's sort key), where,
/// and its weight. Packed into one integer whose order is that of the
/// fields in this order, so that sorting a page's hits (the costliest step
/// of reading a record) compares integers: it groups the words as the
/// client reads them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit(u128);

impl Hit {
    fn new(word: u32, form: u32, meta: bool, group: u8, at: u32, weight: u8) -> Hit {
        Hit((u128::from(word) << 96)
            | (u128::from(form) << 64)
            | (u128::from(meta) << 48)
            | (u128::from(group) << 40)
            | (u128::from(at) << 8)
            | u128::from(weight))
    }
    fn word(self) -> u32 {
        (self.0 >> 96) as u32
    }
    fn form(self) -> u32 {
        (self.0 >> 64) as u32
    }
    fn meta(self) -> bool {
        (self.0 >> 48) & 1 == 1
    }
    fn group(self) -> u8 {
        (self.0 >> 40) as u8
    }
    fn at(self) -> u32 {
        (self.0 >> 8) as u32
    }
    fn weight(self) -> u8 {
        self.0 as u8
    }
}

/// A word as a thread files it: ids in its [`Table`], and the weight of
/// the word in the body (a compound's parts share a whole word's weight).
#[derive(Clone, Copy)]
struct Filed {
    key: u32,
    form: u32,
    weight: u8,
}

/// Where a raw word's [`Filed`] words are in [`Table::filed`].
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    len: u32,
}

/// A hasher for the short strings of a site's words: much faster than the
/// standard library's, and the tables are never iterated, so their order
/// does not matter.
type Fast = foldhash::fast::FixedState;

/// A thread's words: each distinct string once, by id, and what each raw
/// word of the text is filed under (a site's text has far fewer distinct
/// words than words, and stemming and splitting compounds are the costly
/// part of reading it).
#[derive(Default)]
struct Table {
    language: String,
    names: Vec<Arc<str>>,
    ids: HashMap<Arc<str>, u32, Fast>,
    /// By raw word, without and with dotted tails.
    memo: [HashMap<Box<str>, Span, Fast>; 2],
    /// The words of every raw word in `memo`, end to end.
    filed: Vec<Filed>,
    /// The page being read, reused.
    hits: Vec<Hit>,
    by_word: ByWord,
}

impl Table {
    /// How many raw words a thread remembers before it starts afresh.
    const MOST: usize = 200_000;

    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.names.len() as u32;
        let name: Arc<str> = name.into();
        self.names.push(name.clone());
        self.ids.insert(name, id);
        id
    }

    /// The words filed for `raw` ([`Words::of`]).
    fn filed(&mut self, words: &Words, raw: &str, tails: bool) -> &[Filed] {
        let span = match self.memo[usize::from(tails)].get(raw) {
            Some(&span) => span,
            None => self.file(words, raw, tails),
        };
        &self.filed[span.start as usize..(span.start + span.len) as usize]
    }

    /// Files `raw` for the first time.
    fn file(&mut self, words: &Words, raw: &str, tails: bool) -> Span {
        let indexed = words.of(raw, tails);
        let parts = indexed.iter().filter(|w| w.part).count();
        let part_weight = match parts {
            0 => 0,
            n => (WORD_WEIGHT / n.min(255) as u8).max(1),
        };
        let start = self.filed.len() as u32;
        for w in indexed {
            let filed = Filed {
                key: self.id(&w.key),
                form: w.accented.map_or(PLAIN, |a| self.id(&a)),
                weight: if w.part { part_weight } else { WORD_WEIGHT },
            };
            self.filed.push(filed);
        }
        let span = Span {
            start,
            len: self.filed.len() as u32 - start,
        };
        self.memo[usize::from(tails)].insert(raw.into(), span);
        span
    }

    /// This thread's table for `words`' language, emptied when it has
    /// grown too big or was another language's.
    fn with<T>(words: &Words, f: impl FnOnce(&mut Table) -> T) -> T {
        thread_local! {
            static TABLE: RefCell<Table> = RefCell::default();
        }
        TABLE.with_borrow_mut(|t| {
            if t.language != words.language() || t.memo.iter().any(|m| m.len() >= Self::MOST) {
                *t = Table {
                    language: words.language().to_string(),
                    ..Table::default()
                };
            }
            f(t)
        })
    }
}

#[derive(Serialize)]
struct FragmentJson<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<&'static str, Vec<&'a str>>,
    meta: BTreeMap<&'static str, &'a str>,
    anchors: Vec<Anchor<'a>>,
}

/// A place in a record's text marked by an [`anchor`] mark. Its `text` is
/// always empty: Pagefind fills it only from a page's HTML.
#[derive(Serialize)]
struct Anchor<'a> {
    element: &'a str,
    id: &'a str,
    text: &'a str,
    location: u32,
}

impl<'a> Anchor<'a> {
    /// The anchor `word` marks at `location`, if it is a mark: `Some(None)`
    /// when it is one Pagefind would drop as malformed.
    fn of(word: &'a str, location: u32) -> Option<Option<Anchor<'a>>> {
        let mark = word.strip_prefix(anchor::MARK)?;
        Some(mark.split_once(':').and_then(|(element, numbered)| {
            let (_, id) = numbered.split_once(':')?;
            Some(Anchor {
                element,
                id,
                text: "",
                location,
            })
        }))
    }
}

/// The index's share of `record`, or `None` when its text has no word to
/// find (Pagefind leaves such a record out).
pub fn read(record: &SearchRecord, words: &Words, language: &str, level: i32) -> Option<Page> {
    let mut content = String::with_capacity(record.text.len());
    let mut anchors = Vec::new();
    let (word_count, on_page, positions) = Table::with(words, |t| {
        let mut hits = std::mem::take(&mut t.hits);
        hits.clear();
        let mut body = Body {
            hits: &mut hits,
            content: &mut content,
            anchors: &mut anchors,
        };
        let word_count = read_body(&record.text, words, t, &mut body);
        let read = (!hits.is_empty()).then(|| {
            read_meta(record, words, t, &mut hits);
            let (on_page, positions) = group(&t.names, &mut t.by_word, &hits);
            (word_count, on_page, positions)
        });
        t.hits = hits;
        read
    })?;
    let year = record.year.map(|y| y.to_string());
    let mut filters = vec![(filter::GRADE, record.grade.clone())];
    let kinds = record.kinds().into_iter();
    filters.extend(kinds.map(|k| (filter::KIND, k.to_string())));
    filters.push((filter::REGION, record.region.clone()));
    filters.extend(year.map(|y| (filter::YEAR, y)));
    let mut by_name: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
    for (name, value) in &filters {
        by_name.entry(name).or_default().push(value);
    }
    let json = FragmentJson {
        url: &record.url,
        content: &content,
        word_count,
        filters: by_name,
        meta: BTreeMap::from([
            ("context", record.context.as_str()),
            ("title", &record.title),
        ]),
        anchors,
    };
    // Sized for the text and a little more, so it is not grown a copy at a
    // time.
    let mut bytes = Vec::with_capacity(content.len() + record.url.len() + 512);
    serde_json::to_writer(&mut bytes, &json).expect("a fragment serialises");
    let json = bytes;
    let fragment = Fragment {
        hash: format!("{language}_{}", content_hash(&json)),
        gzipped: gzip(&json, level),
        word_count,
    };
    Some(Page {
        words: on_page,
        positions,
        fragment,
        filters,
    })
}

/// What reading a record's text gives besides its word count.
struct Body<'b, 't> {
    /// Its words, filed by position.
    hits: &'b mut Vec<Hit>,
    /// The text the excerpts are cut from.
    content: &'b mut String,
    /// Its [`anchor`] marks' anchors.
    anchors: &'b mut Vec<Anchor<'t>>,
}

/// Reads the body `text` into `body`, and returns the word count.
fn read_body<'t>(
    text: &'t str,
    words: &Words,
    table: &mut Table,
    body: &mut Body<'_, 't>,
) -> usize {
    // Pagefind drops zero-width spaces from words; few texts have any.
    let zero_width = text.contains('\u{200B}');
    let mut position: u32 = 0;
    let mut last = 0;
    for raw in text.split_whitespace() {
        if let Some(anchor) = Anchor::of(raw, position) {
            body.anchors.extend(anchor);
            continue;
        }
        let raw = match zero_width && raw.contains('\u{200B}') {
            true => Cow::Owned(raw.replace('\u{200B}', "")),
            false => Cow::Borrowed(raw),
        };
        if raw.is_empty() {
            continue;
        }
        body.content.push_str(&raw);
        body.content.push(' ');
        for w in table.filed(words, &raw, true) {
            let group = if w.weight == DEFAULT_WEIGHT {
                0
            } else {
                w.weight
            };
            body.hits
                .push(Hit::new(w.key, w.form, false, group, position, w.weight));
        }
        last = position;
        position += 1;
    }
    if body.content.ends_with(' ') {
        body.content.pop();
    }
    last as usize + 1
}

/// Files the words of the metadata fields, in name order: context is field
/// 0, title field 1.
fn read_meta(record: &SearchRecord, words: &Words, table: &mut Table, hits: &mut Vec<Hit>) {
    for (field, text) in [&record.context, &record.title].into_iter().enumerate() {
        for (at, raw) in text.split_whitespace().enumerate() {
            for w in table.filed(words, raw, false) {
                hits.push(Hit::new(w.key, w.form, true, field as u8, at as u32, 0));
            }
        }
    }
}

/// The page's hits grouped by word and form, each group's positions
/// encoded: a word's plain list first, then its accented forms, those found
/// in the body first, each in order (as Pagefind lists them). (The order of
/// the words does not matter: the merge files each under its own.)
fn group(names: &[Arc<str>], by_word: &mut ByWord, hits: &[Hit]) -> (Vec<OnPage>, Vec<u8>) {
    let mut cbor = Cbor::default();
    let mut locs = Vec::new();
    let mut out = Vec::new();
    let mut forms: Vec<&[Hit]> = Vec::new();
    for word in by_word.split(names.len(), hits) {
        forms.clear();
        forms.extend(word.chunk_by(|a, b| a.form() == b.form()));
        // The plain form's id sorts last; accented forms by their text.
        if forms.len() > 1 {
            forms.sort_by_key(|f| {
                let form = f[0].form();
                (
                    form != PLAIN,
                    f[0].meta(),
                    (form != PLAIN).then(|| &names[form as usize]),
                )
            });
        }
        for form in &forms {
            let start = cbor.len();
            let weight = positions(form, &mut cbor, &mut locs);
            let name = |id: u32| names[id as usize].clone();
            out.push(OnPage {
                word: name(form[0].word()),
                form: (form[0].form() != PLAIN).then(|| name(form[0].form())),
                cbor: start..cbor.len(),
                weight,
            });
        }
    }
    (out, cbor.into_bytes())
}

/// A thread's room for splitting a page's hits by word. Sorting all of a
/// page's hits was the costliest step of reading it; but they are filed in
/// position order, body first, so a word's hits are nearly always in order
/// already once they are gathered by word (a pass that counts, and one
/// that places), and only a word with accented forms or parts of compounds
/// among them needs sorting.
#[derive(Default)]
struct ByWord {
    /// By word id: the word's place among the page's words, or [`PLAIN`]
    /// (none) when it is not on the page.
    place: Vec<u32>,
    /// For each of the page's words, first met first: how many hits it has;
    /// then where its hits start in `hits`; once they are placed, where
    /// they end.
    ends: Vec<u32>,
    hits: Vec<Hit>,
}

impl ByWord {
    /// `hits`' (of words with ids below `words`) split by word, each
    /// word's in the order of the [`Hit`]s.
    fn split(&mut self, words: usize, hits: &[Hit]) -> impl Iterator<Item = &[Hit]> {
        if self.place.len() < words {
            self.place.resize(words, PLAIN);
        }
        self.ends.clear();
        for h in hits {
            let place = &mut self.place[h.word() as usize];
            if *place == PLAIN {
                *place = self.ends.len() as u32;
                self.ends.push(0);
            }
            self.ends[*place as usize] += 1;
        }
        let mut start = 0;
        for n in &mut self.ends {
            (*n, start) = (start, start + *n);
        }
        self.hits.clear();
        self.hits.resize(hits.len(), Hit(0));
        for &h in hits {
            let end = &mut self.ends[self.place[h.word() as usize] as usize];
            self.hits[*end as usize] = h;
            *end += 1;
        }
        let mut start = 0;
        for &end in &self.ends {
            let word = &mut self.hits[start..end as usize];
            self.place[word[0].word() as usize] = PLAIN;
            if !in_order(word) {
                word.sort_unstable();
            }
            start = end as usize;
        }
        let ends = self.ends.iter().map(|&e| e as usize);
        let starts = std::iter::once(0).chain(ends.clone());
        starts.zip(ends).map(|(s, e)| &self.hits[s..e])
    }
}

/// Whether one word's hits, in filing order, are in [`Hit`] order: true
/// when they share one form and their body positions one weight (body
/// positions and each field's come in order, body first).
fn in_order(hits: &[Hit]) -> bool {
    let first = hits[0];
    let mut body = hits.iter().take_while(|h| !h.meta());
    hits.iter().all(|h| h.form() == first.form()) && body.all(|h| h.group() == first.group())
}

/// Writes the `locs` and `meta_locs` arrays of one form's hits (sorted):
/// body positions grouped by weight (the default first), each group's
/// first position absolute after a marker `-(weight + 1)`, the rest as
/// deltas; metadata positions grouped by field after a marker
/// `-(field + 1)`, as deltas. Returns the count Pagefind sizes its chunks
/// by (positions + 1).
fn positions(hits: &[Hit], cbor: &mut Cbor, locs: &mut Vec<i32>) -> usize {
    let (body, meta) = hits.split_at(hits.partition_point(|h| !h.meta()));
    locs.clear();
    let (mut current, mut last) = (DEFAULT_WEIGHT, 0);
    for h in body {
        if h.weight() == current {
            locs.push((h.at() - last) as i32);
        } else {
            locs.push(-i32::from(h.weight()) - 1);
            locs.push(h.at() as i32);
            current = h.weight();
        }
        last = h.at();
    }
    cbor.ints(locs);
    let mut count = locs.len();
    locs.clear();
    let (mut field, mut last) = (None, 0);
    for h in meta {
        if field != Some(h.group()) {
            locs.push(-i32::from(h.group()) - 1);
            field = Some(h.group());
            last = 0;
        }
        locs.push((h.at() - last) as i32);
        last = h.at();
    }
    cbor.ints(locs);
    count += locs.len();
    count + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Splitting by word must give each word's hits as sorting them all
    /// would: words met out of order, a compound's part weighted apart, an
    /// accented form, and words in the metadata only.
    #[test]
    fn hits_split_by_word_are_each_in_sorted_order() {
        let body = |word, form, at, weight| Hit::new(word, form, false, weight, at, weight);
        let meta = |word, field, at| Hit::new(word, PLAIN, true, field, at, 0);
        let hits = [
            body(7, PLAIN, 0, 24),
            body(3, PLAIN, 1, 24),
            body(7, PLAIN, 2, 24),
            body(5, PLAIN, 3, 24),
            body(5, PLAIN, 3, 12),
            body(9, 4, 4, 24),
            body(9, PLAIN, 5, 24),
            body(7, PLAIN, 6, 24),
            meta(3, 0, 0),
            meta(8, 0, 1),
            meta(7, 1, 0),
            meta(3, 1, 2),
        ];
        let mut sorted = hits.to_vec();
        sorted.sort_unstable();
        let mut expected: Vec<Vec<Hit>> = sorted
            .chunk_by(|a, b| a.word() == b.word())
            .map(<[Hit]>::to_vec)
            .collect();
        let mut by_word = ByWord::default();
        for _ in 0..2 {
            let mut split: Vec<Vec<Hit>> = by_word.split(10, &hits).map(<[Hit]>::to_vec).collect();
            assert_eq!(
                split.iter().map(|w| w[0].word()).collect::<Vec<_>>(),
                [7, 3, 5, 9, 8]
            );
            split.sort_by_key(|w| w[0].word());
            expected.sort_by_key(|w| w[0].word());
            assert!(split == expected);
        }
    }
}
