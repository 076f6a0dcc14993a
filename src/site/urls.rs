//! The only code that makes paths and URLs.
//!
//! Pages link to each other by absolute paths under the base URL's path
//! (`/portal/authorities/x/`), so links work at any depth, in the 404 page and
//! under a sub-path. Feeds, sitemaps, canonical links and data files use full URLs.

/// Builds every path and URL of the site from `base_url`.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://example.org/portal/`, always ending with `/`.
    base_url: String,
    /// `/portal/`, always starting and ending with `/`.
    base_path: String,
}

impl Urls {
    pub fn new(base_url: &str) -> Urls {
        let mut base_url = base_url.trim().to_string();
        if !base_url.ends_with('/') {
            base_url.push('/');
        }
        let after_scheme = base_url.find("://").map_or(0, |i| i + 3);
        let base_path = base_url[after_scheme..]
            .find('/')
            .map_or("/".to_string(), |i| {
                base_url[after_scheme + i..].to_string()
            });
        Urls {
            base_url,
            base_path,
        }
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Path of a page for links: `rel` is relative to the site root (`authorities/x/`).
    pub fn link(&self, rel: &str) -> String {
        format!("{}{}", self.base_path, rel)
    }

    /// Full URL for feeds, sitemaps, canonical links and data.
    pub fn absolute(&self, rel: &str) -> String {
        format!("{}{}", self.base_url, rel)
    }
}

/// Whether a base URL is a stand-in rather than where the site will be
/// published: a host reserved for examples or tests (`example.org`,
/// `example.com`, `example.net`, `*.test`, `*.example`, `*.invalid`), or
/// this machine (`localhost`, a loopback address).
pub fn is_placeholder(base_url: &str) -> bool {
    let Ok(url) = url::Url::parse(base_url) else {
        return false;
    };
    match url.host() {
        Some(url::Host::Domain(host)) => {
            let host = host.trim_end_matches('.').to_ascii_lowercase();
            let under = |name: &str| host == name || host.ends_with(&format!(".{name}"));
            ["example.org", "example.com", "example.net", "localhost"]
                .into_iter()
                .any(under)
                || [".test", ".example", ".invalid"]
                    .iter()
                    .any(|tld| host.ends_with(tld))
        }
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Site-relative locations of every kind of page (folders end with `/`).
pub mod rel {
    pub fn home() -> String {
        String::new()
    }
    pub fn authorities() -> String {
        "authorities/".into()
    }
    pub fn authority(a: &str) -> String {
        format!("authorities/{a}/")
    }
    pub fn inspection(a: &str, i: &str) -> String {
        format!("authorities/{a}/inspections/{i}/")
    }
    pub fn response(a: &str, r: &str) -> String {
        format!("authorities/{a}/responses/{r}/")
    }
    pub fn latest(a: &str) -> String {
        format!("authorities/{a}/latest/")
    }
    pub fn page(p: &str) -> String {
        format!("pages/{p}/")
    }
    pub fn people() -> String {
        "people/".into()
    }
    pub fn person(p: &str) -> String {
        format!("people/{p}/")
    }
    pub fn frameworks() -> String {
        "frameworks/".into()
    }
    pub fn framework(f: &str) -> String {
        format!("frameworks/{f}/")
    }
    pub fn inspections() -> String {
        "inspections/".into()
    }
    pub fn inspections_in(year: i32) -> String {
        format!("inspections/{year}/")
    }
    /// `/ratings/`: every rating with its count.
    pub fn ratings_index() -> String {
        "ratings/".into()
    }
    /// The map of current ratings as an SVG file of its own.
    pub fn map_svg() -> String {
        "map.svg".into()
    }
    pub fn authority_csv(a: &str) -> String {
        format!("authorities/{a}/data.csv")
    }
    pub fn ratings(key: &str) -> String {
        format!("ratings/{key}/")
    }
    pub fn regions() -> String {
        "regions/".into()
    }
    pub fn region(r: &str) -> String {
        format!("regions/{r}/")
    }
    pub fn search() -> String {
        "search/".into()
    }
    /// The folder of the search index's files (Pagefind's bundle).
    pub fn search_index() -> String {
        "search/pagefind/".into()
    }
    pub fn authority_feed(a: &str) -> String {
        format!("authorities/{a}/feed.xml")
    }
    pub fn authority_data(a: &str) -> String {
        format!("authorities/{a}/data.json")
    }
    pub fn feed() -> String {
        "feed.xml".into()
    }
    pub fn sitemap() -> String {
        "sitemap.xml".into()
    }
    pub fn stylesheet() -> String {
        "static/style.css".into()
    }
    pub fn script(name: &str) -> String {
        format!("static/{name}")
    }
    /// The embeddable badge of an authority's current rating.
    pub fn badge(a: &str) -> String {
        format!("authorities/{a}/badge.svg")
    }
    /// The default image of link previews.
    pub fn share_image() -> String {
        "static/share.png".into()
    }
    /// The script of the badge snippet's copy button.
    pub fn copy_script() -> String {
        "static/copy.js".into()
    }
    pub fn data(file: &str) -> String {
        format!("data/{file}")
    }
    /// The redirect rules Netlify and Cloudflare Pages read.
    pub fn redirects() -> String {
        "_redirects".into()
    }
    /// The response headers Netlify and Cloudflare Pages read.
    pub fn headers() -> String {
        "_headers".into()
    }
}

/// The `id` of each quote of one record (`record` is the record's
/// site-relative location): `q-` and a hash of the record, the speaker shown
/// and the text, so it stays the same while they do, whatever else is added,
/// removed or reordered. A quote repeated word for word by the same speaker in
/// the same record gets `-2`, `-3` ... in order.
pub fn quote_anchors<'q>(
    record: &str,
    quotes: impl IntoIterator<Item = (&'q str, &'q str)>,
) -> Vec<String> {
    let mut seen: Vec<u64> = Vec::new();
    quotes
        .into_iter()
        .map(|(speaker, text)| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            for part in [record, speaker.trim(), text] {
                h.update(part.as_bytes());
                h.update(&[0]);
            }
            let hash = h.digest();
            let nth = seen.iter().filter(|&&s| s == hash).count();
            seen.push(hash);
            match nth {
                0 => format!("q-{:012x}", hash >> 16),
                n => format!("q-{:012x}-{}", hash >> 16, n + 1),
            }
        })
        .collect()
}

/// The file a site-relative location is written to.
pub fn file_for(rel: &str) -> String {
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_anchors_depend_on_the_quote_alone_and_never_repeat_in_a_record() {
        let a = quote_anchors("r/", [("A", "one"), ("B", "two"), ("A", "one")]);
        let b = quote_anchors("r/", [("B", "two"), ("A", "one")]);
        assert_eq!(a[1], b[0]);
        assert_eq!(a[0], b[1]);
        assert_eq!(a[2], format!("{}-2", a[0]));
        assert_ne!(a[0], quote_anchors("s/", [("A", "one")])[0]);
        assert_ne!(a[0], quote_anchors("r/", [("A", "one!")])[0]);
    }

    #[test]
    fn respects_a_base_url_under_a_path() {
        let u = Urls::new("https://example.org/portal");
        assert_eq!(u.base_path(), "/portal/");
        assert_eq!(u.link(&rel::authority("x")), "/portal/authorities/x/");
        assert_eq!(
            u.absolute("feed.xml"),
            "https://example.org/portal/feed.xml"
        );
        let root = Urls::new("https://example.org/");
        assert_eq!(root.link(&rel::home()), "/");
        assert_eq!(file_for(&rel::home()), "index.html");
        assert_eq!(file_for("feed.xml"), "feed.xml");
    }
}
