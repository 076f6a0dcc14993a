//! Atomic output: a build writes into a fresh staging folder beside the output
//! folder and swaps it in only when every file is written. A failed or killed
//! build leaves the previous site exactly as it was; the next build clears any
//! staging folder a killed build left behind.
//!
//! The generator deletes only folders it made: its own staging folders and a
//! previous output that carries its marker file.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Marks a folder as written by scrutiny, so it may be replaced without `--force`.
pub const MARKER: &str = ".scrutiny-output";
const MARKER_TEXT: &str =
    "This folder was written by scrutiny build; it is replaced whole on each build.\n";
const STAGING_TAG: &str = ".scrutiny-staging-";

/// Why an output folder was refused.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("refusing to write to {path}: {reason}")]
    Refused { path: String, reason: String },
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |source| OutputError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// An absolute, normalised form of a path that may not exist yet.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = fs::canonicalize(p) {
        return c;
    }
    let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    match (abs.parent(), abs.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => abs,
    }
}

/// Refuses output folders that would destroy the project or what is not ours:
/// the content folder or any folder around it, a folder holding `content/`,
/// `templates/`, `static/`, `Cargo.toml` or `.git`, and (without `force`) a
/// non-empty folder without our marker.
pub fn check_output_dir(output: &Path, content: &Path, force: bool) -> Result<(), OutputError> {
    let out = absolute(output);
    let content = absolute(content);
    let refuse = |reason: &str| {
        Err(OutputError::Refused {
            path: output.display().to_string(),
            reason: reason.to_string(),
        })
    };
    if out.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if content.starts_with(&out) {
        return refuse("it holds the content folder");
    }
    if out.starts_with(&content) {
        return refuse("it is inside the content folder");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out
    {
        return refuse("it is the home folder");
    }
    // Our own output has `static/`; anything else holding it is a project folder.
    let ours = out.join(MARKER).is_file();
    for name in ["content", "templates", "static", "Cargo.toml", ".git"] {
        if out.join(name).exists() && !(ours && name == "static") {
            return refuse(&format!(
                "it holds `{name}`: it looks like a project folder, not a build output"
            ));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return refuse("it is a file, not a folder");
        }
        let empty = fs::read_dir(&out).map_err(io_err(output))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() && !force {
            return refuse(
                "it holds files that scrutiny did not write (no .scrutiny-output marker); pass --force to replace it",
            );
        }
    }
    Ok(())
}

/// A staging folder beside the output, swapped in by [`Staging::commit`].
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    done: bool,
}

impl Staging {
    /// Makes a new staging folder beside `output`, first clearing any that a
    /// killed build left behind.
    pub fn create(output: &Path) -> Result<Staging, OutputError> {
        let output = absolute(output);
        let parent = output
            .parent()
            .ok_or_else(|| OutputError::Refused {
                path: output.display().to_string(),
                reason: "no parent folder".into(),
            })?
            .to_path_buf();
        fs::create_dir_all(&parent).map_err(io_err(&parent))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let prefix = format!(".{name}{STAGING_TAG}");
        clear_stale_staging(&parent, &prefix);
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(io_err(&dir))?;
        }
        fs::create_dir(&dir).map_err(io_err(&dir))?;
        fs::write(dir.join(MARKER), MARKER_TEXT).map_err(io_err(&dir))?;
        Ok(Staging {
            dir,
            output,
            done: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at a site-relative path, making its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<(), OutputError> {
        let path = self.dir.join(rel);
        // Most files go into a folder already made: making the folder only
        // when the write finds it missing saves two of the five system calls
        // a file took (`mkdir` and `statx`, for each of the search index's
        // thousands of small files).
        match fs::write(&path, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(io_err(parent))?;
                }
                fs::write(&path, bytes).map_err(io_err(&path))
            }
            written => written.map_err(io_err(&path)),
        }
    }

    /// Takes a file unchanged from the previous output by a hard link (the same
    /// bytes, nothing written). False when that is not possible, or the file
    /// is not the size the previous build recorded (changed by hand); the
    /// caller then renders the file.
    pub fn reuse(&self, previous: &Path, rel: &str, size: u64) -> bool {
        let from = previous.join(rel);
        if !fs::symlink_metadata(&from).is_ok_and(|m| m.is_file() && m.len() == size) {
            return false;
        }
        let to = self.dir.join(rel);
        if let Some(parent) = to.parent()
            && fs::create_dir_all(parent).is_err()
        {
            return false;
        }
        fs::hard_link(&from, &to).is_ok()
    }

    /// Removes a folder from the staging area. Files linked into it by
    /// [`Self::reuse`] lose only that link: the previous output keeps them.
    pub fn remove_dir(&self, rel: &str) {
        let _ = fs::remove_dir_all(self.dir.join(rel));
    }

    /// Records each file's fingerprint and size in the marker file, for the
    /// next build.
    pub fn write_manifest(&self, entries: &mut [ManifestEntry]) -> Result<(), OutputError> {
        entries.sort_unstable_by(|a, b| a.path.cmp(&b.path));
        let path = self.dir.join(MARKER);
        fs::write(&path, manifest_text(entries)).map_err(io_err(&path))
    }

    /// Swaps the staging folder in for the output and removes the old output.
    pub fn commit(mut self) -> Result<(), OutputError> {
        if self.output.exists() {
            exchange(&self.dir, &self.output).map_err(io_err(&self.output))?;
            // The staging path now holds the previous output.
            remove_tree(&self.dir).map_err(io_err(&self.dir))?;
        } else {
            fs::rename(&self.dir, &self.output).map_err(io_err(&self.output))?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    /// A build that did not commit leaves no staging folder behind.
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the staging folders beside an output that killed builds left.
pub fn clear_stale(output: &Path) {
    let output = absolute(output);
    if let (Some(parent), Some(name)) = (output.parent(), output.file_name()) {
        let prefix = format!(".{}{STAGING_TAG}", name.to_string_lossy());
        clear_stale_staging(parent, &prefix);
    }
}

/// Removes the folders in `parent` named `prefix` + the id of a process that
/// is no longer running.
fn clear_stale_staging(parent: &Path, prefix: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if !n.starts_with(prefix) || pid_alive(&n[prefix.len()..]) {
            continue;
        }
        if e.path().join(MARKER).is_file() {
            let _ = fs::remove_dir_all(e.path());
        } else {
            // Killed before it wrote its marker: empty, and only an
            // empty folder can be removed this way.
            let _ = fs::remove_dir(e.path());
        }
    }
}

/// Removes a folder tree, its subfolders in parallel: deleting the previous
/// site is as much work as writing it, and one core would leave the other idle.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let mut subdirs = Vec::new();
    for level in [dir.to_path_buf(), dir.join("authorities")] {
        if let Ok(entries) = fs::read_dir(&level) {
            for e in entries.flatten() {
                if e.file_type().is_ok_and(|t| t.is_dir()) && e.path() != dir.join("authorities") {
                    subdirs.push(e.path());
                }
            }
        }
    }
    subdirs.par_iter().for_each(|d| {
        let _ = fs::remove_dir_all(d);
    });
    fs::remove_dir_all(dir)
}

/// One file of a build's output as its marker file records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestEntry {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    /// A hash of everything the file's bytes depend on.
    pub fingerprint: u128,
    /// Its length in bytes.
    pub size: u64,
}

fn manifest_text(entries: &[ManifestEntry]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(MARKER_TEXT.len() + entries.len() * 100);
    text.push_str(MARKER_TEXT);
    for e in entries {
        let _ = writeln!(text, "{:032x}\t{}\t{}", e.fingerprint, e.size, e.path);
    }
    text
}

/// What a previous build recorded in its output's marker file: each file's
/// fingerprint and size, by path. Empty when there is no marker or it is not
/// in this format.
/// The previous build's record: each file's fingerprint and size, by path.
pub type Manifest = std::collections::HashMap<String, (u128, u64)>;

pub fn read_manifest(output: &Path) -> Manifest {
    let Ok(text) = fs::read_to_string(output.join(MARKER)) else {
        return Default::default();
    };
    text.lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            let fp = u128::from_str_radix(f.next()?, 16).ok()?;
            let size = f.next()?.parse().ok()?;
            Some((f.next()?.to_string(), (fp, size)))
        })
        .collect()
}

/// The files a folder holds, by `/`-separated path relative to it, with their
/// sizes (its marker file left out); `None` when it holds anything but files
/// and folders, or cannot be read.
pub fn files_in(output: &Path) -> Option<std::collections::HashMap<String, u64>> {
    use rayon::prelude::*;
    /// The files under `dir`, whose path relative to the output is `rel`;
    /// its subfolders are listed in parallel.
    fn scan(dir: &Path, rel: &str) -> Option<Vec<(String, u64)>> {
        let mut files = Vec::new();
        let mut dirs = Vec::new();
        for entry in fs::read_dir(dir).ok()? {
            let entry = entry.ok()?;
            let name = entry.file_name().into_string().ok()?;
            let path = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let kind = entry.file_type().ok()?;
            if kind.is_dir() {
                dirs.push((entry.path(), path));
            } else if kind.is_file() {
                // Looked up from the open folder, not by the whole path.
                files.push((path, entry.metadata().ok()?.len()));
            } else {
                return None;
            }
        }
        let nested: Vec<Vec<(String, u64)>> = dirs
            .par_iter()
            .map(|(d, r)| scan(d, r))
            .collect::<Option<_>>()?;
        files.extend(nested.into_iter().flatten());
        Some(files)
    }
    if !output.is_dir() {
        return Some(Default::default());
    }
    let mut files: std::collections::HashMap<String, u64> = scan(output, "")?.into_iter().collect();
    files.remove(MARKER);
    Some(files)
}

/// Is the output exactly the site a build would write, as the previous build
/// left it? True when its marker (`previous`) records the same files
/// (`fingerprints`, by path) with the same fingerprints, and the folder holds
/// (`on_disk`) those files at their recorded sizes and nothing else. Then a
/// build has nothing to write.
pub fn is_current(
    previous: &std::collections::HashMap<String, (u128, u64)>,
    on_disk: Option<&std::collections::HashMap<String, u64>>,
    fingerprints: &[(&str, u128)],
) -> bool {
    let Some(on_disk) = on_disk else {
        return false;
    };
    previous.len() == fingerprints.len()
        && on_disk.len() == fingerprints.len()
        && fingerprints.iter().all(|(path, fp)| {
            previous
                .get(*path)
                .is_some_and(|(was, size)| was == fp && on_disk.get(*path) == Some(size))
        })
}

/// Is the process whose id ends a staging folder's name still running?
fn pid_alive(pid: &str) -> bool {
    pid.parse::<u32>()
        .is_ok_and(|p| p != std::process::id() && Path::new(&format!("/proc/{p}")).exists())
}

/// Atomically exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`); where
/// that is not available, two renames with a moment between them.
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let ca = CString::new(a.as_os_str().as_bytes())?;
        let cb = CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: both are valid NUL-terminated paths; the call only renames.
        let rc = unsafe {
            libc::renameat2(
                libc::AT_FDCWD,
                ca.as_ptr(),
                libc::AT_FDCWD,
                cb.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if rc == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if !matches!(err.raw_os_error(), Some(libc::EINVAL) | Some(libc::ENOSYS)) {
            return Err(err);
        }
    }
    let tmp = a.with_extension("previous");
    fs::rename(b, &tmp)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&tmp, b);
        return Err(e);
    }
    fs::rename(&tmp, a)
}
