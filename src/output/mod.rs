//! Output: putting a rendered site on disk without ever exposing half of it,
//! and checking its internal links.

pub mod links;
pub mod write;
