//! The text of each scaffold: the front matter a record needs, with the
//! optional fields shown as comments to fill in, and a body placeholder.
//! Values go through the YAML writer, never pasted into YAML by hand.

use serde_yaml::Value;

use crate::content::{Authority, Framework, Inspection, PartialDate, RESPONSE_KINDS, Scale};
use crate::import::edit::{entry, mapping};

fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

/// An inspection of `def`: its judgements listed for the editor to grade.
pub fn inspection(def: &Framework, scale: Option<&Scale>, published: &PartialDate) -> String {
    let mut out = String::from("---\n");
    out += &entry(0, "framework", &text(&def.id));
    out += &entry(0, "published", &text(&published.iso()));
    out += "# visit: { from: YYYY-MM-DD, to: YYYY-MM-DD }\n";
    out += "# report: { url: https://files.ofsted.gov.uk/v1/file/..., title: ... }\n";
    if let Some(scale) = scale {
        let grades: Vec<&str> = scale.grades.iter().map(|g| g.id.as_str()).collect();
        out += &format!("# Each judgement's grade, one of: {}\n", grades.join(", "));
        out += "grades:\n";
        for j in &def.judgements {
            out += &format!("  {}:    # {}\n", j.key, j.label);
        }
    }
    out += "# strengths: [...]\n# concerns: [...]\n# recommendations: [...]\n";
    out += "# quotes:\n#   - text: \"What the report says, word for word.\"\n";
    out += "---\nA summary of what the inspectors found, in your own words.\n";
    out
}

/// A response of `a` to `inspection` (`what` names its framework).
pub fn response(a: &Authority, inspection: &Inspection, what: &str, date: &PartialDate) -> String {
    let mut out = String::from("---\n");
    let title = format!("{} responds to its {what} report", a.short_name);
    out += &entry(0, "title", &text(&title));
    out += &entry(0, "date", &text(&date.iso()));
    out += &format!("# kind, one of: {}\n", RESPONSE_KINDS.join(", "));
    out += &entry(0, "kind", &text("statement"));
    out += &entry(0, "responds_to", &text(&inspection.slug));
    out += &entry(0, "source", &mapping([("publisher", text(&a.name))]));
    out += "#   url: https://...\n#   title: ...\n";
    out += "# What was said, word for word, and who said it:\n";
    out += "# quotes:\n#   - text: \"...\"\n#     speaker: ...\n#     role: ...\n";
    out += "# commitments:\n#   - ...\n";
    out += "---\nWhat the council said, in your own words.\n";
    out
}
