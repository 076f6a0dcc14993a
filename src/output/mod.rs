//! Output: putting a rendered site on disk without ever exposing half of it.

pub mod links;
pub mod serve;
pub mod write;
