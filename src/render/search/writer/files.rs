//! What every index file shares: its name is made from a hash of its
//! contents (so a browser may cache it for ever), shortened to the fewest
//! characters that no other file of its kind has, and its bytes are gzipped
//! after the signature the client checks for.

use std::cell::RefCell;
use std::collections::HashSet;

use libdeflater::{CompressionLvl, Compressor, crc32};
use xxhash_rust::xxh3::xxh3_128;

/// The signature the client expects at the start of every gzipped file.
const SIGNATURE: &[u8] = b"pagefind_dcd";

/// A 128-bit hash of `bytes` in hex. Pagefind names its files by a SHA-1;
/// the client only fetches the names the metadata gives, and XXH3 is many
/// times faster (SHA-1 was about 1.5 % of a build).
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxh3_128(bytes))
}

/// `bytes` after the signature, gzipped at `level` (libdeflate's 1–12).
/// libdeflate compresses a whole buffer at once, faster than zlib and a
/// little smaller; the gzip frame is written here around its raw deflate
/// stream, and each thread reuses one compressor and its buffers.
pub fn gzip(bytes: &[u8], level: i32) -> Vec<u8> {
    struct Deflate {
        level: i32,
        compressor: Compressor,
        /// The signature and the bytes, as one input.
        input: Vec<u8>,
        /// Where the stream is written before it is copied out at its exact
        /// size (tens of thousands of fragments are held until the index
        /// is written).
        output: Vec<u8>,
    }
    thread_local! {
        static DEFLATE: RefCell<Option<Deflate>> = const { RefCell::new(None) };
    }
    DEFLATE.with_borrow_mut(|deflate| {
        let d = match deflate {
            Some(d) if d.level == level => d,
            _ => deflate.insert(Deflate {
                level,
                compressor: Compressor::new(CompressionLvl::new(level).unwrap_or_default()),
                input: Vec::new(),
                output: Vec::new(),
            }),
        };
        d.input.clear();
        d.input.extend_from_slice(SIGNATURE);
        d.input.extend_from_slice(bytes);
        d.output.clear();
        d.output
            .resize(d.compressor.deflate_compress_bound(d.input.len()), 0);
        let written = d
            .compressor
            .deflate_compress(&d.input, &mut d.output)
            .expect("the bound is room enough");
        // A gzip header: deflate, no name, no time, unknown system.
        let mut out = Vec::with_capacity(written + 18);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        out.extend_from_slice(&d.output[..written]);
        out.extend_from_slice(&crc32(&d.input).to_le_bytes());
        out.extend_from_slice(&(d.input.len() as u32).to_le_bytes());
        out
    })
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
