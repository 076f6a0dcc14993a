//! Rendering: the site model to files in memory. Nothing here touches the disk
//! except loading templates and static files; writing is [`crate::output`]'s job.

pub mod badge;
pub mod builtin;
pub mod data;
pub mod feed;
pub mod fingerprint;
pub mod hosting;
pub mod jsonld;
pub mod lastmod;
pub mod map;
pub mod markdown;
pub mod outputs;
pub mod pages;
pub mod search;
pub mod slot;
pub mod statics;
pub mod svg;
pub mod tables;
pub mod templates;
pub mod views;
