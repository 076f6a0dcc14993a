//! `authorities/<slug>/authority.yaml`: where each field of an authority is checked.

use serde_yaml::Mapping;

use super::files::TextFile;
use crate::content::fields::{FieldPath, FileCx, Obj};
use crate::content::{Authority, SourceFile, is_slug};

pub(super) fn parse_authority(
    cx: &mut FileCx,
    map: &Mapping,
    slug: &str,
    file: &TextFile,
) -> Option<Authority> {
    let o = Obj::root(map);
    o.check_unknown(
        cx,
        &[
            "name",
            "short_name",
            "region",
            "kind",
            "ons_code",
            "website",
            "press_page",
            "aliases",
        ],
    );
    let name = o.req_text(cx, "name");
    let region = o.req_text(cx, "region");
    let short_name = o.opt_text(cx, "short_name");
    let kind = o.opt_text(cx, "kind");
    let ons_code = o.opt_text(cx, "ons_code");
    let website = o.opt_url(cx, "website");
    let press_page = o.opt_url(cx, "press_page");
    let aliases = o.text_list(cx, "aliases");
    for (i, a) in aliases.iter().enumerate() {
        if !is_slug(a) {
            cx.error(
                &FieldPath::default().key("aliases").index(i),
                format!("alias `{a}` is not a slug"),
            ).help("aliases are former folder names: lower-case letters and digits joined by single hyphens");
        } else if a == slug {
            cx.error(
                &FieldPath::default().key("aliases").index(i),
                format!("alias `{a}` is the authority's own slug"),
            );
        }
    }
    let name = name?;
    Some(Authority {
        slug: slug.to_string(),
        short_name: short_name.unwrap_or_else(|| name.clone()),
        name,
        region: region?,
        kind,
        ons_code,
        website,
        press_page,
        aliases,
        file: SourceFile::new(file.rel.clone(), file.text.clone()),
    })
}
