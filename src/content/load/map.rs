//! Reading `map.hexjson`: JSON first (serde_json's own line and column for a
//! syntax error), then the HexJSON shape, hexagon by hexagon. Each hexagon's
//! line is found from where its value lies in the text (serde_json's
//! `RawValue` borrows it), so errors point at the line an editor sees.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_json::value::RawValue;

use super::files::TextFile;
use crate::content::map::{Hex, HexLayout, HexMap, MAP_FILE};
use crate::content::{Diagnostic, SourceFile};

/// The top level: `layout` and `hexes` are needed, other keys are allowed.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow)]
    layout: Option<&'a RawValue>,
    #[serde(borrow)]
    hexes: Option<&'a RawValue>,
}

/// One hexagon's fields that the map uses; others are allowed.
#[derive(Deserialize)]
struct HexFields {
    n: Option<String>,
    q: i64,
    r: i64,
}

/// The `hexes` object's entries in the file's order, repeats kept (a JSON
/// object read into a map would silently keep only the last of two).
struct Entries<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Entries<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Entries<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of hexagons keyed by ONS code")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, &'de RawValue>()? {
                    out.push((k, v));
                }
                Ok(Entries(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// Reads and checks `map.hexjson`'s shape: the map (with the hexagons that
/// are well formed) and every problem found, or only the problems when there
/// is no layout to place hexagons by.
pub(super) fn parse_map(file: TextFile) -> Result<(HexMap, Vec<Diagnostic>), Vec<Diagnostic>> {
    let text: &str = &file.text;
    let source: Arc<str> = file.text.clone();
    let error = |line: usize, column: usize, message: String| {
        Diagnostic::error(MAP_FILE, message)
            .at(line, column)
            .source(source.clone())
    };
    let line_of =
        |raw: &RawValue| line_at(text, raw.get().as_ptr() as usize - text.as_ptr() as usize);
    let top: Top = serde_json::from_str(text).map_err(|e| {
        vec![error(e.line().max(1), e.column(), format!("not valid HexJSON: {e}"))
            .help("a HexJSON file is {\"layout\": \"odd-r\", \"hexes\": {\"E06000001\": {\"q\": 0, \"r\": 0}, ...}}")]
    })?;
    let mut diags = Vec::new();
    let layout = match top.layout {
        None => {
            diags.push(error(1, 1, "not HexJSON: no `layout`".into()).field("layout"));
            None
        }
        Some(raw) => {
            let layout = serde_json::from_str::<String>(raw.get())
                .ok()
                .and_then(|s| HexLayout::parse(&s));
            if layout.is_none() {
                diags.push(
                    error(
                        line_of(raw),
                        1,
                        format!("`layout` is {}, not a HexJSON layout", raw.get()),
                    )
                    .field("layout")
                    .help("one of \"odd-r\", \"even-r\", \"odd-q\", \"even-q\""),
                );
            }
            layout
        }
    };
    let entries = match top.hexes {
        None => {
            diags.push(error(1, 1, "not HexJSON: no `hexes`".into()).field("hexes"));
            Vec::new()
        }
        Some(raw) => match serde_json::from_str::<Entries>(raw.get()) {
            Ok(e) => e.0,
            Err(e) => {
                diags.push(
                    error(line_of(raw) + e.line() - 1, 1, format!("`hexes`: {e}")).field("hexes"),
                );
                Vec::new()
            }
        },
    };
    let hexes = read_hexes(&entries, &line_of, &error, &mut diags);
    match layout {
        Some(layout) => Ok((
            HexMap {
                layout,
                hexes,
                file: SourceFile::new(file.rel, file.text),
            },
            diags,
        )),
        None => Err(diags),
    }
}

/// Each hexagon's fields; a code given twice, and two hexagons in one cell,
/// are errors at the later one's line.
fn read_hexes(
    entries: &[(String, &RawValue)],
    line_of: &dyn Fn(&RawValue) -> usize,
    error: &dyn Fn(usize, usize, String) -> Diagnostic,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Hex> {
    let mut hexes: Vec<Hex> = Vec::new();
    let mut cells: HashMap<(i64, i64), usize> = HashMap::new();
    let mut codes: HashMap<&str, usize> = HashMap::new();
    for (code, raw) in entries {
        let line = line_of(raw);
        let field = format!("hexes.{code}");
        if let Some(first) = codes.insert(code, line) {
            diags.push(
                error(
                    line,
                    1,
                    format!("`{code}` has two hexagons (the first on line {first})"),
                )
                .field(field),
            );
            continue;
        }
        let fields = match serde_json::from_str::<HexFields>(raw.get()) {
            Ok(f) => f,
            Err(e) => {
                diags.push(
                    error(line, 1, format!("`{code}` is not a HexJSON hexagon: {e}"))
                        .field(field)
                        .help("each hexagon is an object with whole-number `q` and `r`"),
                );
                continue;
            }
        };
        if let Some(&other) = cells.get(&(fields.q, fields.r)) {
            let o = &hexes[other];
            diags.push(
                error(
                    line,
                    1,
                    format!(
                        "`{code}` shares its cell (q {}, r {}) with `{}` on line {}",
                        fields.q, fields.r, o.code, o.line
                    ),
                )
                .field(field)
                .help("each authority needs a cell of its own"),
            );
            continue;
        }
        cells.insert((fields.q, fields.r), hexes.len());
        hexes.push(Hex {
            code: code.clone(),
            name: fields.n,
            q: fields.q,
            r: fields.r,
            line,
        });
    }
    hexes
}

/// The 1-based line holding byte `offset` of `text`.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
