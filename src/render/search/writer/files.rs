//! What every index file shares: its name is made from a SHA-1 of its
//! contents (so a browser may cache it for ever), shortened to the fewest
//! characters that no other file of its kind has, and its bytes are gzipped
//! after the signature the client checks for.

use std::collections::HashSet;
use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use sha1::{Digest, Sha1};

/// The signature the client expects at the start of every gzipped file.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// The SHA-1 of `bytes` in hex, each byte without a leading zero (as
/// Pagefind spells it, so our file names are the ones it would choose).
pub fn content_hash(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(40);
    for b in Sha1::digest(bytes) {
        let _ = write!(out, "{b:x}");
    }
    out
}

/// `bytes` after the signature, gzipped at `level` (0–9).
pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::new(level));
    // Writing to memory cannot fail.
    let _ = gz.write_all(SIGNATURE);
    let _ = gz.write_all(bytes);
    gz.finish().unwrap_or_default()
}

/// Gives files of one kind their shortest distinct names.
pub struct Names {
    taken: HashSet<String>,
    /// How many characters a name has at least.
    shortest: usize,
    /// How many characters a name grows by on a clash.
    step: usize,
}

impl Names {
    /// Names `{language}_{hash}` cut to the language and 7 characters of
    /// hash, growing by `step` on a clash.
    pub fn new(language: &str, step: usize) -> Names {
        Names {
            taken: HashSet::new(),
            shortest: language.len() + 8,
            step,
        }
    }

    /// The name of the file whose full name is `full`.
    pub fn name(&mut self, full: &str) -> String {
        let mut len = self.shortest.min(full.len());
        while self.taken.contains(&full[..len]) && len < full.len() {
            len = (len + self.step).min(full.len());
        }
        self.taken.insert(full[..len].to_string());
        full[..len].to_string()
    }
}
