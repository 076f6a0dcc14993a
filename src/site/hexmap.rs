//! The map of England: which authority each hexagon of `map.hexjson` stands
//! for, and which authorities have none (listed under the map). Geometry is
//! the renderer's; this only joins the layout to the authorities.

use std::collections::HashMap;

use super::AuthorityFacts;
use crate::content::map::{HexLayout, HexMap};

/// One hexagon: an authority (index into `Site::authorities`) at a cell.
#[derive(Debug, Clone, Copy)]
pub struct Cell {
    pub authority: usize,
    pub q: i64,
    pub r: i64,
}

/// The map joined to the authorities.
#[derive(Debug)]
pub struct SiteMap {
    pub layout: HexLayout,
    /// In the authorities' order.
    pub cells: Vec<Cell>,
    /// Authorities with no hexagon, in the authorities' order.
    pub missing: Vec<usize>,
}

impl SiteMap {
    /// Places each authority whose `ons_code` the layout has (one hexagon an
    /// authority; a second authority with the same code goes unplaced).
    pub fn new(map: &HexMap, authorities: &[AuthorityFacts]) -> SiteMap {
        let mut by_code: HashMap<&str, (i64, i64)> = map
            .hexes
            .iter()
            .map(|h| (h.code.as_str(), (h.q, h.r)))
            .collect();
        let mut cells = Vec::new();
        let mut missing = Vec::new();
        for (i, a) in authorities.iter().enumerate() {
            match a
                .authority
                .ons_code
                .as_deref()
                .and_then(|c| by_code.remove(c))
            {
                Some((q, r)) => cells.push(Cell { authority: i, q, r }),
                None => missing.push(i),
            }
        }
        SiteMap {
            layout: map.layout,
            cells,
            missing,
        }
    }
}
