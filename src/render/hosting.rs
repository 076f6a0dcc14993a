//! What static hosts read beside the pages: `/_redirects` (every alias as a
//! real permanent redirect, `latest/` as a temporary one) and `/_headers`
//! (caching for the search index and the static files), in the format
//! Netlify and Cloudflare Pages share. The HTML redirect pages stay for every
//! other host. Paths carry the base URL's path, as the pages' links do.

use std::collections::HashSet;

use super::outputs::{Output, outputs};
use crate::site::Site;
use crate::site::urls::rel;

/// How long a browser may keep a file named by its content's hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The stylesheet and scripts keep their names across builds: an hour.
const STATIC: &str = "public, max-age=3600";

/// Every redirect the site has, one `FROM TO STATUS` line each.
pub fn redirects(site: &Site) -> Vec<u8> {
    let mut text = String::from(
        "# Written by scrutiny build: every former address and its page now.\n\
         # Netlify and Cloudflare Pages send these as HTTP redirects.\n",
    );
    let mut seen = HashSet::new();
    for (from, to, status) in outputs(site).iter().filter_map(|o| rule(site, o)) {
        // A host keeps the first rule for a path; a later one would be an error there.
        if seen.insert(from.clone()) {
            let link = |r: &str| site.urls.link(r);
            text.push_str(&format!("{} {} {status}\n", link(&from), link(&to)));
        }
    }
    text.into_bytes()
}

/// The redirect an output stands for: a former address moved for good (301),
/// or a `latest/` (the authority's or a former name's), which moves with each
/// new inspection (302).
fn rule(site: &Site, output: &Output) -> Option<(String, String, u16)> {
    match output {
        Output::Alias {
            authority,
            from,
            to,
        } => {
            // A former `latest/` moved for good to the current `latest/`,
            // which itself follows the latest inspection.
            let a = &site.authorities[*authority].authority;
            let was_latest = a.aliases.iter().any(|alias| rel::latest(alias) == *from);
            let to = if was_latest {
                rel::latest(&a.slug)
            } else {
                to.clone()
            };
            Some((from.clone(), to, 301))
        }
        Output::Latest(i) => {
            let a = &site.authorities[*i];
            let target = a.current.inspection()?;
            let to = rel::inspection(&target.authority, &target.slug);
            Some((rel::latest(&a.authority.slug), to, 302))
        }
        _ => None,
    }
}

/// Cache rules: the search index's content-named files for a year, the
/// stylesheet and scripts for an hour; pages, data, feeds and the index's
/// entry files keep the host's default (checked on every visit), so a new
/// build shows at once.
pub fn headers(site: &Site) -> Vec<u8> {
    let index = site.urls.link(&rel::search_index());
    let mut text =
        String::from("# Written by scrutiny build: caching for Netlify and Cloudflare Pages.\n");
    for folder in ["fragment", "index", "filter"] {
        text.push_str(&format!(
            "{index}{folder}/*\n  Cache-Control: {IMMUTABLE}\n"
        ));
    }
    let statics = site.urls.link(&rel::script(""));
    text.push_str(&format!("{statics}*\n  Cache-Control: {STATIC}\n"));
    text.into_bytes()
}
