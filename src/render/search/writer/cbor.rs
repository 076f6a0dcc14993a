//! The few CBOR items the index files are made of (arrays of a known length,
//! text, integers), written with `minicbor`, the encoder Pagefind uses, into
//! a growing buffer (which cannot fail).

use std::convert::Infallible;

use minicbor::Encoder;
use minicbor::encode::Error;

/// A CBOR document being written.
pub struct Cbor(Encoder<Vec<u8>>);

impl Default for Cbor {
    fn default() -> Self {
        Cbor(Encoder::new(Vec::new()))
    }
}

impl Cbor {
    /// The header of an array of `len` items (which follow).
    pub fn array(&mut self, len: usize) -> &mut Self {
        wrote(self.0.array(len as u64));
        self
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        wrote(self.0.str(s));
        self
    }

    pub fn uint(&mut self, n: u64) -> &mut Self {
        wrote(self.0.u64(n));
        self
    }

    /// An array of integers.
    pub fn ints(&mut self, ns: &[i32]) -> &mut Self {
        self.array(ns.len());
        for &n in ns {
            wrote(self.0.i32(n));
        }
        self
    }

    /// Bytes already encoded as CBOR items.
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.writer_mut().extend_from_slice(bytes);
        self
    }

    /// Continues the CBOR in `bytes`.
    pub fn on(bytes: Vec<u8>) -> Self {
        Cbor(Encoder::new(bytes))
    }

    /// How many bytes are written.
    pub fn len(&self) -> usize {
        self.0.writer().len()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0.into_writer()
    }
}

/// Writing to a `Vec` has no error but the encoder's signature has one.
fn wrote<T>(result: Result<T, Error<Infallible>>) {
    if let Err(e) = result {
        unreachable!("writing CBOR to memory: {e}");
    }
}
