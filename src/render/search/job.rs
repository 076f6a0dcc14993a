//! What building the index gives and how it shares the machine, whichever
//! indexer builds it.

/// One file of the index, relative to the site root.
pub struct SearchFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Why the search index could not be built, with the cause.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Pagefind refused a record or could not give its files (its errors
    /// come as `anyhow` values, kept as the source).
    #[error("cannot build the search index: {0}")]
    Pagefind(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// No threads could be started for it.
    #[error("cannot start the search indexer's threads: {0}")]
    Threads(#[source] Box<dyn std::error::Error + Send + Sync>),
    /// The indexer's thread ended without an answer (it panicked).
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

/// Runs `work` (and the rayon tasks it starts) at `priority`: in the
/// background, on a pool of its own (a thread a core, so the index catches
/// up with an edit in about the time a build gives it) whose threads Linux
/// runs only when the others leave a core free.
pub fn run_at<T: Send>(
    priority: Priority,
    work: impl FnOnce() -> Result<T, IndexError> + Send,
) -> Result<T, IndexError> {
    if priority == Priority::Normal {
        return work();
    }
    lower_priority();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    rayon::ThreadPoolBuilder::new()
        .num_threads(cores)
        .start_handler(|_| lower_priority())
        .build()
        .map_err(|e| IndexError::Threads(e.into()))?
        .install(work)
}

/// Asks Linux to run this thread after the others (each thread has its own
/// nice value). Failing to is harmless: the thread runs at normal priority.
pub fn lower_priority() {
    // SAFETY: gettid and setpriority take and return plain integers.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 19);
    }
}
