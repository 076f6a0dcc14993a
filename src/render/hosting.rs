//! What static hosts read beside the pages: `/_redirects` (every alias as a
//! real permanent redirect, `latest/` as a temporary one) and `/_headers`
//! (caching for the search index and the static files), in the format
//! Netlify and Cloudflare Pages share. The HTML redirect pages stay for every
//! other host. Paths carry the base URL's path, as the pages' links do.

use std::collections::HashSet;

use crate::site::Site;
use crate::site::urls::rel;

/// How long a browser may keep a file named by its content's hash.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// The stylesheet and scripts keep their names across builds: an hour.
const STATIC: &str = "public, max-age=3600";

/// One redirect: from a site-relative folder to another, with its HTTP
/// status (301 moved for good, 302 moves with each new inspection).
pub type Rule = (String, String, u16);

/// Every redirect the site has (`rules`, from
/// [`crate::render::outputs::redirect_rules`]), one `FROM TO STATUS` line each.
pub fn redirects(site: &Site, rules: impl IntoIterator<Item = Rule>) -> Vec<u8> {
    let mut text = String::from(
        "# Written by scrutiny build: every former address and its page now.\n\
         # Netlify and Cloudflare Pages send these as HTTP redirects.\n",
    );
    let mut seen = HashSet::new();
    for (from, to, status) in rules {
        // A host keeps the first rule for a path; a later one would be an error there.
        if seen.insert(from.clone()) {
            let link = |r: &str| site.urls.link(r);
            text.push_str(&format!("{} {} {status}\n", link(&from), link(&to)));
        }
    }
    text.into_bytes()
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
