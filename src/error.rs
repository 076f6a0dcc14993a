//! The errors a command can end with, and the exit code each gives:
//! 0 built, 1 the content (or its links) is invalid, 2 anything else.

use crate::content::Diagnostic;
use crate::output::links::BrokenLink;
use crate::output::write::OutputError;
use crate::render::pages::RenderError;
use crate::render::templates::TemplateError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Every problem found in the content; nothing was written.
    #[error("the content has {} error(s)", .0.iter().filter(|d| d.is_error()).count())]
    Content(Vec<Diagnostic>),
    #[error("{} broken internal link(s)", .0.len())]
    Links(Vec<BrokenLink>),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
}

impl Error {
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Links(_) => 1,
            Error::Template(_) | Error::Render(_) | Error::Output(_) => 2,
            Error::Import(e) => e.exit_code(),
        }
    }
}
