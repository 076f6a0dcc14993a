//! scrutiny: a static site generator for a public record of Ofsted inspections of
//! councils' children's services, and what councils said in response.
//!
//! Data flows one way: [`content`] (files → checked records) → [`site`] (derived
//! facts, computed once) → [`render`] (pages and data files, in memory) →
//! [`output`] (staged on disk and swapped in whole). The commands ([`cmd`],
//! parsed in [`cli`], ending with an [`error::Error`]) sit above them all;
//! no layer imports one above it.

// Diagnostics are large by design (they carry the file text to quote); they
// travel only on the error path, so boxing them would buy nothing.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod cmd;
pub mod content;
pub mod error;
pub mod import;
pub mod output;
pub mod render;
pub mod site;
