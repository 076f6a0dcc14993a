//! The optional hex-map layout, `map.hexjson`: where each authority's hexagon
//! sits, keyed by ONS code, as the Open Data Institute's HexJSON gives it.
//! Reading it is in [`super::load`]; here is the model and the check against
//! the authorities (a code no authority has is an error, an authority with
//! no hexagon a warning).

use std::collections::HashMap;
use std::sync::Arc;

use super::{Authority, Diagnostic, SourceFile};

/// The file's name at the top of the content folder.
pub const MAP_FILE: &str = "map.hexjson";

/// HexJSON's four offset layouts: which rows (`-r`, pointy-topped hexagons)
/// or columns (`-q`, flat-topped) are shifted by half a hexagon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HexLayout {
    OddR,
    EvenR,
    OddQ,
    EvenQ,
}

impl HexLayout {
    pub fn parse(s: &str) -> Option<HexLayout> {
        match s {
            "odd-r" => Some(HexLayout::OddR),
            "even-r" => Some(HexLayout::EvenR),
            "odd-q" => Some(HexLayout::OddQ),
            "even-q" => Some(HexLayout::EvenQ),
            _ => None,
        }
    }
}

/// One hexagon: an ONS code at a cell.
#[derive(Debug, Clone)]
pub struct Hex {
    pub code: String,
    /// The name the layout gives (`n`), if any; pages use the authority's own.
    pub name: Option<String>,
    pub q: i64,
    pub r: i64,
    /// The line of the file where the hexagon is written.
    pub line: usize,
}

/// `map.hexjson`, read and checked for shape.
#[derive(Debug, Clone)]
pub struct HexMap {
    pub layout: HexLayout,
    /// In the file's order.
    pub hexes: Vec<Hex>,
    pub file: SourceFile,
}

impl HexMap {
    /// Checks the map against the authorities: every code must be an
    /// authority's `ons_code` (an error), and every authority should have a
    /// hexagon (a warning; the map's pages list it).
    pub fn check(&self, authorities: &[Authority]) -> Vec<Diagnostic> {
        let codes: HashMap<&str, &Authority> = authorities
            .iter()
            .filter_map(|a| Some((a.ons_code.as_deref()?, a)))
            .collect();
        let source: Arc<str> = self.file.text.clone();
        let mut diags = Vec::new();
        for h in &self.hexes {
            if !codes.contains_key(h.code.as_str()) {
                let diag = Diagnostic::error(
                    MAP_FILE,
                    format!("`{}` is the ONS code of no authority", h.code),
                )
                .field(format!("hexes.{}", h.code))
                .at(h.line, 1)
                .source(source.clone())
                .help("give the authority this `ons_code` in its authority.yaml, or remove the hexagon");
                diags.push(diag);
            }
        }
        let placed: std::collections::HashSet<&str> =
            self.hexes.iter().map(|h| h.code.as_str()).collect();
        for a in authorities {
            let why = match a.ons_code.as_deref() {
                None => "has no `ons_code`, so it has no place on the map".to_string(),
                Some(code) if !placed.contains(code) => {
                    format!("has no hexagon on the map (no hex keyed `{code}` in {MAP_FILE})")
                }
                Some(_) => continue,
            };
            diags.push(
                Diagnostic::warning(MAP_FILE, format!("`{}` ({}) {why}", a.slug, a.name))
                    .help("the map's pages list it below the map"),
            );
        }
        diags
    }
}
