//! What every index file shares: its name is made from a SHA-1 of its
//! contents (so a browser may cache it for ever), shortened to the fewest
//! characters that no other file of its kind has, and its bytes are gzipped
//! after the signature the client checks for.

use std::cell::RefCell;
use std::collections::HashSet;

use flate2::{Compress, Compression, Crc, FlushCompress, Status};
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

/// `bytes` after the signature, gzipped at `level` (0–9). The gzip frame is
/// written here around a raw deflate stream so that each thread reuses one
/// compressor: a new one zeroes some 300 KiB, which, for every one of tens
/// of thousands of small fragments, cost more than compressing them.
pub fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    thread_local! {
        static DEFLATE: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
        /// Where each file is compressed before it is copied out at its
        /// exact size: tens of thousands of fragments are held until the
        /// index is written, and a growing buffer's spare room would be
        /// a third of their size again.
        static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    let mut crc = Crc::new();
    crc.update(SIGNATURE);
    crc.update(bytes);
    SCRATCH.with_borrow_mut(|out| {
        out.clear();
        // A gzip header: deflate, no name, no time, unknown system.
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        DEFLATE.with_borrow_mut(|deflate| {
            let fresh = || (level, Compress::new(Compression::new(level), false));
            let (_, c) = match deflate {
                Some((l, c)) if *l == level => {
                    c.reset();
                    deflate.as_mut().expect("just matched")
                }
                _ => deflate.insert(fresh()),
            };
            deflate_into(c, SIGNATURE, out, FlushCompress::None);
            deflate_into(c, bytes, out, FlushCompress::Finish);
        });
        out.extend_from_slice(&crc.sum().to_le_bytes());
        out.extend_from_slice(&crc.amount().to_le_bytes());
        out.to_vec()
    })
}

/// Compresses all of `input` onto `out`, growing it as needed.
fn deflate_into(c: &mut Compress, mut input: &[u8], out: &mut Vec<u8>, flush: FlushCompress) {
    loop {
        out.reserve(input.len() / 2 + 1024);
        let before = c.total_in();
        // Compressing into memory has no error (the buffer grows).
        let status = c.compress_vec(input, out, flush);
        input = &input[(c.total_in() - before) as usize..];
        let finished = match flush {
            FlushCompress::Finish => matches!(status, Ok(Status::StreamEnd)),
            _ => input.is_empty(),
        };
        if finished || status.is_err() {
            return;
        }
    }
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
