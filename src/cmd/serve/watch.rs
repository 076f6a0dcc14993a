//! Watching the content, templates and static files: editors write a file
//! in several steps, so changes are gathered over a short quiet period, and
//! each batch brings the workspace up to date and tells open pages to reload.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use super::workspace::Workspace;
use super::{Served, show_problems};

/// Is this a change to a file's content or existence (not merely reading it,
/// which our own rebuilds do)?
fn is_change(e: &notify::Event) -> bool {
    use notify::EventKind;
    use notify::event::ModifyKind;
    match e.kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

/// Waits for a change, then gathers the paths of every change that follows
/// within a short quiet period (editors write a file in several steps).
fn next_changes(rx: &Receiver<notify::Result<notify::Event>>) -> Option<(Vec<PathBuf>, Instant)> {
    let mut paths = Vec::new();
    let first = loop {
        match rx.recv() {
            Ok(Ok(e)) if is_change(&e) => {
                paths.extend(e.paths);
                break Instant::now();
            }
            Ok(_) => continue,
            Err(_) => return None,
        }
    };
    // Editors' several steps (write, rename, touch) come within a millisecond
    // or two of each other; a longer wait would only delay the reload.
    while let Ok(e) = rx.recv_timeout(Duration::from_millis(4)) {
        if let Ok(e) = e
            && is_change(&e)
        {
            paths.extend(e.paths);
        }
    }
    Some((paths, first))
}

pub fn watch_loop(
    mut ws: Workspace,
    rx: Receiver<notify::Result<notify::Event>>,
    served: Arc<RwLock<Served>>,
    clients: Arc<Mutex<Vec<Sender<()>>>>,
) {
    while let Some((paths, first)) = next_changes(&rx) {
        let start = Instant::now();
        crate::cmd::phase("changes gathered", first);
        let content_dir =
            std::fs::canonicalize(&ws.opts.content).unwrap_or_else(|_| ws.opts.content.clone());
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut full = false;
        for path in paths {
            // Editors' swap and backup files are not content.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with('.') || name.ends_with('~') {
                continue;
            }
            let p = std::fs::canonicalize(&path).unwrap_or(path.clone());
            match p.strip_prefix(&content_dir) {
                Ok(rel) if !rel.as_os_str().is_empty() && p.is_file() => {
                    changed.push(ws.opts.content.join(rel))
                }
                _ => full = true,
            }
        }
        if changed.is_empty() && !full {
            continue;
        }
        if full {
            changed.clear();
        }
        changed.sort();
        changed.dedup();
        match ws.update(&changed, &served) {
            Ok(n) => {
                println!("Rebuilt {n} files in {} ms", start.elapsed().as_millis());
            }
            Err(p) => show_problems(&p, &served),
        }
        clients.lock().expect("lock").retain(|c| c.send(()).is_ok());
    }
}
