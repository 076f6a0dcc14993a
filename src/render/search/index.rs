//! The records to a Pagefind index, in memory: Pagefind's own indexing API
//! (the `pagefind` crate, the engine its command-line tool runs), on a
//! runtime of its own, so the build needs no Node and no second program.

use std::collections::BTreeMap;

use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;

use super::{SearchRecord, filter};
use crate::site::urls::rel;

/// One file of the index, relative to the site root.
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why the search index could not be built, with the cause.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Pagefind refused a record or could not write its files (its errors
    /// come as `anyhow` values, kept as the source).
    #[error("cannot build the search index: {0}")]
    Pagefind(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// No threads could be started for it.
    #[error("cannot start the search indexer's threads: {0}")]
    Threads(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The indexer's thread ended without an answer (Pagefind panicked).
    #[error("the search indexer stopped unexpectedly")]
    Stopped,
}

impl From<anyhow::Error> for IndexError {
    fn from(e: anyhow::Error) -> Self {
        IndexError::Pagefind(e.into())
    }
}

/// How the indexing threads share the machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// As the build's other work (`build`: the index is part of the build).
    Normal,
    /// After everything else, on threads of its own (`serve`: re-rendering
    /// the page an editor is looking at comes first).
    Background,
}

/// Indexes the records in `language` (the site's) and returns the index's
/// files, under [`rel::search_index`].
pub fn build_index(
    records: Vec<SearchRecord>,
    language: &str,
    priority: Priority,
) -> Result<Vec<SearchFile>, IndexError> {
    let background = priority == Priority::Background;
    let mut runtime = tokio::runtime::Builder::new_current_thread();
    runtime.enable_time();
    if background {
        lower_priority();
        // Pagefind reads each record on tokio's blocking threads.
        runtime.on_thread_start(lower_priority);
    }
    let runtime = runtime.build().map_err(|e| IndexError::Threads(e.into()))?;
    let run = || runtime.block_on(index_all(records, language));
    if !background {
        return run();
    }
    // Pagefind's parallel steps run on rayon's current pool: one of our own.
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .start_handler(|_| lower_priority())
        .build()
        .map_err(|e| IndexError::Threads(e.into()))?
        .install(run)
}

/// Asks Linux to run this thread after the others (each thread has its own
/// nice value). Failing to is harmless: the thread runs at normal priority.
fn lower_priority() {
    // SAFETY: gettid and setpriority take and return plain integers.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19);
    }
}

async fn index_all(
    records: Vec<SearchRecord>,
    language: &str,
) -> Result<Vec<SearchFile>, IndexError> {
    // Every record is in the site's language: Pagefind would otherwise split
    // the index by each record's guessed language.
    let config = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .build();
    let mut index = PagefindIndex::new(Some(config))?;
    for r in records {
        let meta = BTreeMap::from([
            ("title".to_string(), r.title),
            ("context".to_string(), r.context),
        ]);
        let mut filters = BTreeMap::from([
            (filter::KIND.to_string(), vec![r.kind.label().to_string()]),
            (filter::REGION.to_string(), vec![r.region]),
            (filter::GRADE.to_string(), vec![r.grade]),
        ]);
        if let Some(year) = r.year {
            filters.insert(filter::YEAR.to_string(), vec![year.to_string()]);
        }
        index
            .add_custom_record(
                r.url,
                r.text,
                language.to_string(),
                Some(meta),
                Some(filters),
                None,
            )
            .await?;
    }
    let files = index.get_files().await?;
    let dir = rel::search_index();
    Ok(files
        .into_iter()
        .filter(|f| !is_unused_ui(&f.filename))
        .map(|f| SearchFile {
            path: format!("{dir}{}", f.filename.to_string_lossy().replace('\\', "/")),
            bytes: f.contents,
        })
        .collect())
}

/// Pagefind's ready-made search interfaces: the search page has its own
/// script (`static/search.js`), which uses only `pagefind.js`, its worker,
/// the WebAssembly and the index.
fn is_unused_ui(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy();
    [
        "pagefind-ui.",
        "pagefind-modular-ui.",
        "pagefind-component-ui.",
        "pagefind-highlight.",
    ]
    .iter()
    .any(|ui| name.starts_with(ui))
}
