//! Re-reading one edited file into loaded content, for `serve`.

use std::collections::HashSet;
use std::path::Path;

use super::files::{Place, classify, read_text};
use super::{Record, parse_entry};
use crate::content::{Content, Diagnostic, validate};

/// What re-reading one edited file did.
pub enum Reload {
    /// The record was replaced; these are the diagnostics of the whole content
    /// after the change (the caller decides whether errors block it).
    Replaced(Vec<Diagnostic>),
    /// The file is not a record already loaded (new, removed, or a settings
    /// file): load everything again.
    NeedsFullLoad,
}

/// Re-reads one edited content file into `content`, for `serve`: only that
/// file is parsed, then the cross-file checks run again.
pub fn reload_one(root: &Path, rel: &str, content: &mut Content) -> Reload {
    let parts: Vec<&str> = rel.split('/').collect();
    let Place::File(entry) = classify(&parts, false) else {
        return Reload::NeedsFullLoad;
    };
    // The map is checked against every authority: load it all again.
    if matches!(entry, super::files::Entry::Map) {
        return Reload::NeedsFullLoad;
    }
    if !root.join(rel).is_file() {
        return Reload::NeedsFullLoad;
    }
    let record =
        read_text(root, rel).and_then(|f| parse_entry(f, &entry, &content.frameworks, true));
    let mut diags = match record {
        Err(d) => return Reload::Replaced(d),
        Ok(Record::Authority(a, d)) => {
            match content.authorities.iter_mut().find(|x| x.file.path == rel) {
                Some(slot) => {
                    *slot = a;
                    d
                }
                None => return Reload::NeedsFullLoad,
            }
        }
        Ok(Record::Inspection(i, d)) => {
            match content.inspections.iter_mut().find(|x| x.file.path == rel) {
                Some(slot) => {
                    // Sorted again only if it moved (an edit rarely does).
                    let moved = slot.order() != i.order();
                    *slot = i;
                    if moved {
                        content.sort();
                    }
                    d
                }
                None => return Reload::NeedsFullLoad,
            }
        }
        Ok(Record::Response(r, d)) => {
            match content.responses.iter_mut().find(|x| x.file.path == rel) {
                Some(slot) => {
                    let moved = slot.order() != r.order();
                    *slot = r;
                    if moved {
                        content.sort();
                    }
                    d
                }
                None => return Reload::NeedsFullLoad,
            }
        }
        Ok(Record::Map(..)) => return Reload::NeedsFullLoad,
        Ok(Record::Page(p, d)) => match content.pages.iter_mut().find(|x| x.file.path == rel) {
            Some(slot) => {
                *slot = p;
                d
            }
            None => return Reload::NeedsFullLoad,
        },
    };
    // Every inspection file is loaded here (a broken edit keeps its previous
    // record), so the loaded ones are all that exist.
    diags.extend(validate::cross_check(content, &HashSet::new()));
    Reload::Replaced(diags)
}
