//! Static files: the `static/` folder's files, then the built-in ones it does
//! not replace. Read here and only here, for every command.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use super::builtin;

/// A file copied as it is under `static/`.
pub struct StaticFile {
    /// Relative to the output folder: `static/...`.
    pub path: String,
    pub bytes: Cow<'static, [u8]>,
}

impl StaticFile {
    /// The hash of its bytes, its fingerprint in the output's manifest.
    pub fn fingerprint(&self) -> u128 {
        xxhash_rust::xxh3::xxh3_128(&self.bytes)
    }
}

/// A static file that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct StaticError {
    pub path: String,
    #[source]
    pub source: std::io::Error,
}

/// The static folder's files (symbolic links are not followed), sorted by
/// name, then the built-in ones it does not replace.
pub fn static_files(dir: &Path) -> Result<Vec<StaticFile>, StaticError> {
    let mut files = Vec::new();
    let mut written = HashSet::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = std::fs::read(entry.path()).map_err(|source| StaticError {
                path: entry.path().display().to_string(),
                source,
            })?;
            files.push(StaticFile {
                path: format!("static/{rel}"),
                bytes: bytes.into(),
            });
            written.insert(rel);
        }
    }
    for (name, bytes) in builtin::static_files() {
        if !written.contains(&name) {
            files.push(StaticFile {
                path: format!("static/{name}"),
                bytes: Cow::Borrowed(bytes),
            });
        }
    }
    Ok(files)
}
