//! Turning the outcome file's codes and lower-case area names into what an
//! `authority.yaml` holds: a proper name, a region's name and a kind.

/// The region of a DfE region code (`NE`, `GL`, ...), as the portal names it.
pub fn region_name(code: &str) -> Option<&'static str> {
    Some(match code {
        "NE" => "North East",
        "NW" => "North West",
        "YH" => "Yorkshire and the Humber",
        "EM" => "East Midlands",
        "WM" => "West Midlands",
        "E" => "East of England",
        "GL" => "London",
        "SE" => "South East",
        "SW" => "South West",
        _ => return None,
    })
}

/// The region codes the file may hold, for messages.
pub const REGION_CODES: &str = "NE, NW, YH, EM, WM, E, GL, SE, SW";

/// The kind of authority an ONS area code names. Its prefix is the code's
/// entity type; the City of London and the Isles of Scilly are the two areas
/// whose council is none of these kinds, so they get none.
pub fn kind_of(ons_code: &str) -> Option<&'static str> {
    if matches!(ons_code, "E09000001" | "E06000053") {
        return None;
    }
    Some(match ons_code.get(..3)? {
        "E06" => "unitary authority",
        "E08" => "metropolitan borough",
        "E09" => "London borough",
        "E10" => "county council",
        _ => return None,
    })
}

/// Is this an English local authority's ONS code: `E` and eight digits?
pub fn is_ons_code(s: &str) -> bool {
    s.len() == 9 && s.starts_with('E') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Words kept in lower case inside a place name ("Kingston upon Hull",
/// "Stockton-on-Tees", "Blackburn with Darwen").
const SMALL_WORDS: [&str; 7] = ["and", "upon", "on", "of", "with", "the", "under"];

/// The proper name of an area written in lower case with `&` for "and":
/// "bournemouth, christchurch & poole" → "Bournemouth, Christchurch and Poole".
pub fn proper_name(area: &str) -> String {
    area.split_whitespace()
        .map(|w| if w == "&" { "and" } else { w })
        .enumerate()
        .map(|(i, word)| {
            word.split('-')
                .enumerate()
                .map(|(j, part)| {
                    let lower = part.to_lowercase();
                    if (i > 0 || j > 0) && SMALL_WORDS.contains(&lower.as_str()) {
                        lower
                    } else {
                        capitalise(&lower)
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_names_become_proper_names() {
        for (area, name) in [
            ("kingston upon hull", "Kingston upon Hull"),
            (
                "bournemouth, christchurch & poole",
                "Bournemouth, Christchurch and Poole",
            ),
            ("stockton-on-tees", "Stockton-on-Tees"),
            ("blackburn with darwen", "Blackburn with Darwen"),
            ("east riding of yorkshire", "East Riding of Yorkshire"),
            ("st helens", "St Helens"),
            ("telford & wrekin", "Telford and Wrekin"),
            ("isles of scilly", "Isles of Scilly"),
            ("  york ", "York"),
        ] {
            assert_eq!(proper_name(area), name);
        }
    }

    #[test]
    fn codes_give_regions_and_kinds() {
        assert_eq!(region_name("YH"), Some("Yorkshire and the Humber"));
        assert_eq!(region_name("GL"), Some("London"));
        assert_eq!(region_name("X"), None);
        assert_eq!(kind_of("E08000023"), Some("metropolitan borough"));
        assert_eq!(kind_of("E09000001"), None);
        assert_eq!(kind_of("E07000001"), None);
        assert!(is_ons_code("E06000004"));
        for bad in ["E0600000", "W06000004", "E06O00004", "E060000041", ""] {
            assert!(!is_ons_code(bad), "{bad}");
        }
    }
}
