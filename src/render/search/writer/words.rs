//! One whitespace-separated word of a record to the words the index files it
//! under, as Pagefind 1.6's indexer does (and so as its client splits a
//! query): letters and digits kept and lowercased, accents folded (the
//! accented form kept as a variant), stemmed with `pagefind_stem`, and the
//! parts of a compound ("three-antelopes", "ThreeAntelopes", "a.b_c") and
//! its emoji filed as well.

use std::collections::HashSet;

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;

/// Characters kept inside a word besides letters and digits: Unicode's
/// connector punctuation, Pagefind's default (written to the entry file).
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

/// The longest dotted tail ("is_python_build" in "sys.is_python_build") filed.
const MAX_DOTTED_TAIL: usize = 64;
/// The longest katakana suffix filed.
const MAX_KATAKANA_SUFFIX: usize = 16;

/// A word the index files a position under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// The key: folded and stemmed.
    pub key: String,
    /// The word before its accents were folded, when they were.
    pub accented: Option<String>,
    /// A part of a compound word, which weighs less than a whole word.
    pub part: bool,
}

/// Stems words in the site's language, or leaves them whole in a language
/// Pagefind has no stemmer for.
pub struct Words {
    language: String,
    stemmer: Option<Stemmer>,
}

impl Words {
    pub fn new(language: &str) -> Words {
        Words {
            language: language.to_string(),
            stemmer: algorithm(language).map(Stemmer::create),
        }
    }

    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the language has a stemmer (and so its own WebAssembly).
    pub fn stems(&self) -> bool {
        self.stemmer.is_some()
    }

    /// The words filed for `raw`, a word of the text, with its dotted tails
    /// when `tails` (the body text has them, the metadata does not).
    pub fn of(&self, raw: &str, tails: bool) -> Vec<Indexed> {
        let mut out = Vec::new();
        let normal = normalise(raw);
        if !normal.is_empty() {
            out.push(self.stem(&normal, false));
        }
        for suffix in katakana_suffixes(raw) {
            let folded = fold(suffix);
            out.push(Indexed {
                accented: folded.as_ref().map(|_| suffix.to_string()),
                key: folded.unwrap_or_else(|| suffix.to_string()),
                part: true,
            });
        }
        let compound = raw.chars().any(|c| !c.is_alphanumeric())
            || raw.chars().skip(1).any(char::is_uppercase);
        if compound {
            self.parts(raw, &normal, &mut out);
        }
        if tails {
            let found = self.dotted_tails(raw, &out);
            out.extend(found);
        }
        out
    }

    /// The parts of a compound and its emoji.
    fn parts(&self, raw: &str, normal: &str, out: &mut Vec<Indexed>) {
        let parts = raw
            .replace(|c: char| c.is_ascii_punctuation(), " ")
            .to_case(Case::Lower);
        let parts: Vec<&str> = parts.split_whitespace().collect();
        let joined = parts.join(" ");
        if !normal.is_empty() && (parts.len() > 1 || !normal.starts_with(&joined)) {
            for part in parts.into_iter().filter(|p| p.len() > 1) {
                let folded = fold(part);
                let key = match (&self.stemmer, &folded) {
                    (Some(s), f) => s.stem(f.as_deref().unwrap_or(part)).into_owned(),
                    (None, Some(f)) => f.clone(),
                    (None, None) => part.to_string(),
                };
                out.push(Indexed {
                    key,
                    accented: folded.map(|_| part.to_string()),
                    part: true,
                });
            }
        }
        let emoji = raw.graphemes(true).filter(|g| emojis::get(g).is_some());
        out.extend(emoji.map(|g| Indexed {
            key: g.to_string(),
            accented: None,
            part: false,
        }));
    }

    /// The compound tails after each dot of `raw` not already filed.
    fn dotted_tails(&self, raw: &str, filed: &[Indexed]) -> Vec<Indexed> {
        let mut tails: Vec<Indexed> = Vec::new();
        if !raw.contains('.') {
            return tails;
        }
        let seen: HashSet<&str> = filed.iter().map(|w| w.key.as_str()).collect();
        for (i, _) in raw.match_indices('.') {
            let rest = &raw[i + 1..];
            let tail = rest
                .char_indices()
                .nth(MAX_DOTTED_TAIL)
                .map_or(rest, |(end, _)| &rest[..end]);
            let compound = tail.chars().any(|c| !c.is_alphanumeric())
                || tail.chars().skip(1).any(char::is_uppercase);
            let normal = normalise(tail);
            if !compound || normal.chars().count() < 2 {
                continue;
            }
            let word = self.stem(&normal, true);
            if !seen.contains(word.key.as_str()) && !tails.iter().any(|t| t.key == word.key) {
                tails.push(word);
            }
        }
        tails
    }

    fn stem(&self, normal: &str, part: bool) -> Indexed {
        let folded = fold(normal);
        let plain = folded.as_deref().unwrap_or(normal);
        let key = match &self.stemmer {
            Some(s) => s.stem(plain).into_owned(),
            None => plain.to_string(),
        };
        Indexed {
            key,
            accented: folded.map(|_| normal.to_string()),
            part,
        }
    }
}

/// Letters, digits and [`WORD_SYMBOLS`], lowercased.
fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_alphanumeric() || WORD_SYMBOLS.contains(&c) {
            let c = c.to_ascii_lowercase();
            if c.is_uppercase() {
                out.extend(c.to_lowercase());
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// `word` without its accents (combining marks, except the kana sound marks
/// that tell words apart), or `None` when it has none.
fn fold(word: &str) -> Option<String> {
    if word.is_ascii() || !word.chars().any(decomposes) {
        return None;
    }
    let kana_mark = |c: char| matches!(c, '\u{3099}' | '\u{309A}');
    let stripped: String = word
        .nfd()
        .filter(|&c| !is_combining_mark(c) || kana_mark(c))
        .collect();
    let folded = if stripped.chars().any(kana_mark) {
        stripped.nfc().collect()
    } else {
        stripped
    };
    (folded != word).then_some(folded)
}

fn decomposes(c: char) -> bool {
    let mut differs = is_combining_mark(c);
    decompose_canonical(c, |part| differs |= part != c);
    differs
}

/// Every suffix (2 to 16 characters) of a katakana word of 3 or more, which
/// no word splitter in the browser would cut.
fn katakana_suffixes(word: &str) -> Vec<&str> {
    let katakana = |c: char| matches!(c as u32, 0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F);
    let mut out: Vec<&str> = Vec::new();
    if word.chars().count() < 3 || !word.chars().all(katakana) {
        return out;
    }
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = rest
            .char_indices()
            .nth(MAX_KATAKANA_SUFFIX)
            .map_or(rest, |(end, _)| &rest[..end]);
        if suffix.chars().count() >= 2 && !out.contains(&suffix) {
            out.push(suffix);
        }
    }
    out
}

/// The stemming algorithm for a language tag ("en-GB" → English), as
/// Pagefind chooses it.
fn algorithm(language: &str) -> Option<Algorithm> {
    use Algorithm::*;
    let base = language.split('-').next().unwrap_or_default();
    Some(match base {
        "ar" => Arabic,
        "hy" => Armenian,
        "eu" => Basque,
        "ca" => Catalan,
        "da" => Danish,
        "nl" => Dutch,
        "en" => English,
        "eo" => Esperanto,
        "et" => Estonian,
        "fi" => Finnish,
        "fr" => French,
        "de" => German,
        "el" => Greek,
        "hi" => Hindi,
        "hu" => Hungarian,
        "id" => Indonesian,
        "ga" => Irish,
        "it" => Italian,
        "lt" => Lithuanian,
        "nb" | "nn" | "no" => Norwegian,
        "ne" => Nepali,
        "pt" => Portuguese,
        "ro" => Romanian,
        "ru" => Russian,
        "sr" => Serbian,
        "pl" => Polish,
        "es" => Spanish,
        "sv" => Swedish,
        "ta" => Tamil,
        "tr" => Turkish,
        "yi" => Yiddish,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(raw: &str) -> Vec<(String, bool)> {
        let words = Words::new("en");
        words
            .of(raw, true)
            .into_iter()
            .map(|w| (w.key, w.part))
            .collect()
    }

    #[test]
    fn a_compound_is_filed_whole_and_by_its_stemmed_parts() {
        let want = vec![
            ("threeantelop".to_string(), false),
            ("three".to_string(), true),
            ("antelop".to_string(), true),
        ];
        assert_eq!(keys("three-antelopes"), want);
        assert_eq!(keys("ThreeAntelopes"), want);
    }

    #[test]
    fn accents_are_folded_and_the_accented_form_kept() {
        let words = Words::new("en").of("Café", true);
        assert_eq!(words[0].key, "cafe");
        assert_eq!(words[0].accented.as_deref(), Some("café"));
        assert!(Words::new("en").of("plain", true)[0].accented.is_none());
    }
}
