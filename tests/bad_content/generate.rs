//! The cases whose bytes or file-system shapes git cannot hold nicely, made
//! in code by name (see [`generate`]).

use std::fs;
use std::path::Path;

use super::{NEW_INSPECTION, NM};
use crate::common::write_bytes;

/// Cases built in code, by name. `root` is the temporary folder holding `content/`
/// (and `sites/`); files "outside the content folder" go in `root/outside/`.
/// Returns whether `case` is one of them.
pub fn generate(case: &str, root: &Path, content: &Path) -> bool {
    bad_bytes(case, content) || bad_shapes(case, root, content)
}

/// Bytes that are not the text they claim to be.
fn bad_bytes(case: &str, content: &Path) -> bool {
    let new = content.join(NEW_INSPECTION);
    match case {
        // invalid-utf8: a new inspection whose front matter and body hold bytes that
        // are not UTF-8 (a Latin-1 é, 0xFF 0xFE, and a broken two-byte sequence).
        "invalid-utf8" => {
            write_bytes(
                &new,
                b"---\nframework: ilacs\npublished: 2020-02\ntitle: Caf\xe9 \xff\xfe inspection\ngrades:\n  overall: good\n---\nBody \xc3\x28 text.\n",
            );
        }
        // invalid-utf8-yaml: authority.yaml (not Markdown) with a 0xFF byte in `name`.
        "invalid-utf8-yaml" => {
            let p = content.join(NM).join("authority.yaml");
            let text = fs::read(&p).unwrap();
            let mut bytes = Vec::new();
            let needle = b"Northmoor Borough Council";
            let at = text
                .windows(needle.len())
                .position(|w| w == needle)
                .unwrap();
            bytes.extend_from_slice(&text[..at]);
            bytes.extend_from_slice(b"North\xffmoor Borough Council");
            bytes.extend_from_slice(&text[at + needle.len()..]);
            write_bytes(&p, &bytes);
        }
        // binary-file: a new inspection .md that is really binary: a PNG signature
        // then 8 KiB of pseudo-random bytes including NULs.
        "binary-file" => {
            let mut bytes = vec![
                0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
            ];
            bytes.extend(pseudo_random_bytes(8192, 7));
            write_bytes(&new, &bytes);
        }
        // bom-garbage: a new free page that starts with a UTF-8 byte-order mark
        // (allowed) followed by garbage that is not UTF-8.
        "bom-garbage" => {
            let mut bytes = vec![0xef, 0xbb, 0xbf, 0xff, 0x80, 0x00, 0xfe];
            bytes.extend(pseudo_random_bytes(2048, 11));
            write_bytes(&content.join("pages/methodology.md"), &bytes);
        }
        // bom-crlf-bad-date: a new inspection saved with a BOM and CRLF line endings
        // (both allowed) whose `published` (line 3) is 2019-02-30: the build must
        // report the date problem at the right line, not choke on the BOM/CRLF.
        "bom-crlf-bad-date" => {
            write_bytes(
                &new,
                "\u{feff}---\r\nframework: ilacs\r\npublished: 2019-02-30\r\ngrades:\r\n  overall: good\r\n---\r\nBody.\r\n"
                    .as_bytes(),
            );
        }
        _ => return false,
    }
    true
}

/// YAML that explodes or nests, a file too big, and file-system shapes
/// (symlinks out of the content folder, a folder named like a file).
fn bad_shapes(case: &str, root: &Path, content: &Path) -> bool {
    let new = content.join(NEW_INSPECTION);
    match case {
        // alias-bomb: "billion laughs": nine levels of anchors, each a list of nine
        // aliases to the level below (9^9 ≈ 387 million leaves when expanded), in the
        // `strengths` list of a new inspection.
        "alias-bomb" => {
            let mut s = String::from(
                "---\nframework: ilacs\npublished: 2020-02\ngrades:\n  overall: good\nstrengths:\n",
            );
            s.push_str("  - &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
            let names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
            for w in names.windows(2) {
                let (prev, cur) = (w[0], w[1]);
                let items = vec![format!("*{prev}"); 9].join(", ");
                s.push_str(&format!("  - &{cur} [{items}]\n"));
            }
            s.push_str("  - *i\n---\nBody.\n");
            write_bytes(&new, s.as_bytes());
        }
        // deep-nesting: `strengths:` followed by 10,000 nested flow sequences.
        "deep-nesting" => {
            let depth = 10_000;
            let s = format!(
                "---\nframework: ilacs\npublished: 2020-02\ngrades:\n  overall: good\nstrengths: {}\"deep\"{}\n---\nBody.\n",
                "[".repeat(depth),
                "]".repeat(depth)
            );
            write_bytes(&new, s.as_bytes());
        }
        // deep-nesting-map: authority.yaml whose `name` is 10,000 nested flow mappings.
        "deep-nesting-map" => {
            let depth = 10_000;
            let s = format!(
                "name: {}x{}\nregion: North West\n",
                "{a: ".repeat(depth),
                "}".repeat(depth)
            );
            write_bytes(&content.join(NM).join("authority.yaml"), s.as_bytes());
        }
        // huge-file: a 20 MiB inspection whose front matter opens, runs for 20 MiB of
        // list items, and is never closed.
        "huge-file" => {
            let mut s = String::from("---\nframework: ilacs\npublished: 2020-02\nstrengths:\n");
            let item = "  - padding to make this front matter twenty mebibytes long\n";
            while s.len() < 20 * 1024 * 1024 {
                s.push_str(item);
            }
            write_bytes(&new, s.as_bytes());
        }
        // symlink-escape: a new inspection .md that is a symlink to a (valid) file
        // outside the content folder.
        "symlink-escape" => {
            let target = root.join("outside").join("2020-02-ilacs.md");
            write_bytes(&target, b"---\nframework: ilacs\npublished: 2020-02\ngrades:\n  overall: good\n---\nOutside.\n");
            symlink(&target, &new);
        }
        // symlink-dir-escape: an authority folder `authorities/westmere` that is a
        // symlink to a (valid) authority folder outside the content folder.
        "symlink-dir-escape" => {
            let target = root.join("outside").join("westmere");
            write_bytes(
                &target.join("authority.yaml"),
                b"name: Westmere County Council\nregion: South West\n",
            );
            symlink(&target, &content.join("authorities/westmere"));
        }
        // dir-named-md: an (empty) directory named like an inspection file.
        "dir-named-md" => {
            fs::create_dir_all(&new).unwrap();
        }
        _ => return false,
    }
    true
}

pub const GENERATED: &[&str] = &[
    "invalid-utf8",
    "invalid-utf8-yaml",
    "binary-file",
    "bom-garbage",
    "bom-crlf-bad-date",
    "alias-bomb",
    "deep-nesting",
    "deep-nesting-map",
    "huge-file",
    "symlink-escape",
    "symlink-dir-escape",
    "dir-named-md",
];

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) {
    if let Some(parent) = link.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    std::os::unix::fs::symlink(target, link).unwrap();
}

#[cfg(windows)]
fn symlink(target: &Path, link: &Path) {
    if let Some(parent) = link.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    if target.is_dir() {
        std::os::windows::fs::symlink_dir(target, link).unwrap();
    } else {
        std::os::windows::fs::symlink_file(target, link).unwrap();
    }
}

/// Deterministic bytes (xorshift), guaranteed to include NULs and 0xFF.
fn pseudo_random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut v: Vec<u8> = (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    for i in (0..n).step_by(97) {
        v[i] = if i % 2 == 0 { 0 } else { 0xff };
    }
    v
}
