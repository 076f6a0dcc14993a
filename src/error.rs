//! The errors a command can end with, and the exit code each gives:
//! 0 built, 1 the content (or its links) is invalid, 2 anything else (a
//! usage mistake, templates, static files, the output folder, the server).
//! Each variant keeps its layer's own error, with its cause.

use crate::content::Diagnostic;
use crate::output::links::BrokenLink;
use crate::output::write::OutputError;
use crate::render::pages::RenderError;
use crate::render::statics::StaticError;
use crate::render::templates::TemplateError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The command line asks for something that cannot be done (said in one
    /// plain line, with what to do instead).
    #[error("{0}")]
    Usage(String),
    /// Every problem found in the content; nothing was written.
    #[error("the content has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error("{} broken internal link(s)", .0.len())]
    Links(Vec<BrokenLink>),
    /// URLs a previous build published that this one would lose
    /// (`check --previous`).
    #[error("{} URL(s) of the previous build would be lost", .0.len())]
    LostUrls(Vec<LostUrl>),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Static(#[from] StaticError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Search(#[from] crate::render::search::IndexError),
    #[error(transparent)]
    Serve(#[from] ServeError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Links(_) | Error::LostUrls(_) => 1,
            Error::Usage(_)
            | Error::Template(_)
            | Error::Render(_)
            | Error::Static(_)
            | Error::Output(_)
            | Error::Search(_)
            | Error::Serve(_) => 2,
            Error::Import(e) => e.exit_code(),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {address}: {source}")]
    Listen {
        address: String,
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    #[error("cannot watch the content for changes: {0}")]
    Watch(#[source] notify::Error),
}

/// A URL the previous build published that this one would not
/// (`check --previous`).
#[derive(Debug, Clone)]
pub struct LostUrl {
    pub url: String,
    /// What would keep it: the alias to add and where.
    pub advice: String,
}
