//! The few CBOR items the index files are made of (arrays of a known length,
//! text, integers), written into a growing buffer.
//!
//! Written by hand rather than with `minicbor` (the encoder Pagefind uses):
//! the index holds millions of small integers, and the encoder's per-item
//! `Result` and writer calls were a twentieth of a build's instructions
//! (measured with callgrind). Each item is a head (RFC 8949 §3: major type
//! and argument, in the fewest bytes) and, for text, its bytes. The tests
//! compare every item with `minicbor`'s, byte for byte.

/// CBOR's major types used here (RFC 8949 §3.1).
const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;

/// A CBOR document being written.
#[derive(Default)]
pub struct Cbor(Vec<u8>);

impl Cbor {
    /// The header of an array of `len` items (which follow).
    pub fn array(&mut self, len: usize) -> &mut Self {
        self.head(ARRAY, len as u64)
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.head(TEXT, s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
        self
    }

    pub fn uint(&mut self, n: u64) -> &mut Self {
        self.head(UNSIGNED, n)
    }

    /// An array of integers.
    pub fn ints(&mut self, ns: &[i32]) -> &mut Self {
        // At most 9 bytes for the head, 5 for each integer.
        self.0.reserve(9 + 5 * ns.len());
        self.array(ns.len());
        for &n in ns {
            self.int(n);
        }
        self
    }

    fn int(&mut self, n: i32) -> &mut Self {
        match u64::try_from(n) {
            Ok(n) => self.head(UNSIGNED, n),
            // -1 - n, which for a negative i32 is its bitwise complement.
            Err(_) => self.head(NEGATIVE, u64::from(!n as u32)),
        }
    }

    /// Bytes already encoded as CBOR items.
    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.extend_from_slice(bytes);
        self
    }

    /// Continues the CBOR in `bytes`.
    pub fn on(bytes: Vec<u8>) -> Self {
        Cbor(bytes)
    }

    /// How many bytes are written.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }

    /// A major type and its argument: values under 24 in the first byte,
    /// larger ones in the fewest of 1, 2, 4 or 8 bytes after it, big-endian.
    fn head(&mut self, major: u8, arg: u64) -> &mut Self {
        let major = major << 5;
        let out = &mut self.0;
        match arg {
            0..24 => out.push(major | arg as u8),
            24..=0xff => out.extend_from_slice(&[major | 24, arg as u8]),
            0x100..=0xffff => {
                out.push(major | 25);
                out.extend_from_slice(&(arg as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                out.push(major | 26);
                out.extend_from_slice(&(arg as u32).to_be_bytes());
            }
            _ => {
                out.push(major | 27);
                out.extend_from_slice(&arg.to_be_bytes());
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::Cbor;
    use minicbor::Encoder;

    /// Each argument size's edges, and either side of them.
    const EDGES: [u64; 14] = [
        0,
        1,
        23,
        24,
        25,
        255,
        256,
        65_535,
        65_536,
        16_777_216,
        0xffff_ffff,
        0x1_0000_0000,
        u64::MAX - 1,
        u64::MAX,
    ];

    fn ours(f: impl FnOnce(&mut Cbor)) -> Vec<u8> {
        let mut c = Cbor::default();
        f(&mut c);
        c.into_bytes()
    }

    fn theirs(f: impl FnOnce(&mut Encoder<Vec<u8>>)) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        f(&mut e);
        e.into_writer()
    }

    #[test]
    fn unsigned_integers_and_array_heads_match_minicbor() {
        for n in EDGES {
            let uint = theirs(|e| {
                e.u64(n).unwrap();
            });
            assert_eq!(
                ours(|c| {
                    c.uint(n);
                }),
                uint,
                "uint {n}"
            );
            if let Ok(len) = usize::try_from(n) {
                let head = theirs(|e| {
                    e.array(n).unwrap();
                });
                assert_eq!(
                    ours(|c| {
                        c.array(len);
                    }),
                    head,
                    "array of {n}"
                );
            }
        }
    }

    #[test]
    fn signed_integers_match_minicbor() {
        let mut ns = vec![i32::MIN, i32::MIN + 1, i32::MAX - 1, i32::MAX];
        for n in EDGES.into_iter().filter_map(|n| i32::try_from(n).ok()) {
            ns.extend([n, -n, -n - 1]);
        }
        for &n in &ns {
            let int = theirs(|e| {
                e.i32(n).unwrap();
            });
            assert_eq!(
                ours(|c| {
                    c.int(n);
                }),
                int,
                "int {n}"
            );
        }
        let array = theirs(|e| {
            e.array(ns.len() as u64).unwrap();
            for &n in &ns {
                e.i32(n).unwrap();
            }
        });
        assert_eq!(
            ours(|c| {
                c.ints(&ns);
            }),
            array
        );
    }

    #[test]
    fn text_matches_minicbor() {
        let long = "ä".repeat(40_000);
        for s in [
            "",
            "a",
            "children’s",
            &"x".repeat(23),
            &"x".repeat(24),
            &long,
        ] {
            let text = theirs(|e| {
                e.str(s).unwrap();
            });
            assert_eq!(
                ours(|c| {
                    c.str(s);
                }),
                text,
                "text of {} bytes",
                s.len()
            );
        }
    }

    #[test]
    fn raw_bytes_continue_a_document() {
        let mut c = Cbor::on(ours(|c| {
            c.array(2).uint(1);
        }));
        c.raw(&[0x02]);
        assert_eq!(c.len(), 3);
        let whole = theirs(|e| {
            e.array(2).unwrap().u64(1).unwrap().u64(2).unwrap();
        });
        assert_eq!(c.into_bytes(), whole);
    }
}
