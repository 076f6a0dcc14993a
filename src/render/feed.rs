//! The Atom feeds (the site's and each authority's: newest inspections and
//! responses, each entry with its author) and the XML sitemap.
//! Both are written by XML libraries, which do the escaping.

use atom_syndication::{Entry, Feed, Link, Person, Text};
use chrono::{DateTime, FixedOffset, NaiveTime};

use crate::content::PartialDate;
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, Site};

/// How many entries the feed carries: readers poll it, so it stays small.
pub const FEED_ENTRIES: usize = 100;

fn timestamp(d: PartialDate) -> DateTime<FixedOffset> {
    d.earliest_day()
        .and_time(NaiveTime::MIN)
        .and_utc()
        .fixed_offset()
}

/// The site's feed: the newest inspections and responses of every authority.
pub fn atom(site: &Site) -> Vec<u8> {
    let c = site.content;
    let items = c
        .inspections
        .iter()
        .map(Item::Inspection)
        .chain(c.responses.iter().map(Item::Response));
    let header = FeedHeader {
        id: site.urls.absolute(&rel::home()),
        title: c.site.title.clone(),
        subtitle: c.site.description.clone(),
        self_url: site.urls.absolute(&rel::feed()),
        page_url: site.urls.absolute(&rel::home()),
    };
    write(site, header, items)
}

/// One authority's feed: its inspections and responses.
pub fn authority_atom(site: &Site, a: &AuthorityFacts) -> Vec<u8> {
    let slug = &a.authority.slug;
    let items = a
        .inspections
        .iter()
        .map(|i| Item::Inspection(i))
        .chain(a.responses.iter().map(|r| Item::Response(r)));
    let header = FeedHeader {
        id: site.urls.absolute(&rel::authority(slug)),
        title: format!("{}: {}", site.content.site.title, a.authority.name),
        subtitle: Some(format!(
            "Ofsted inspections of {}'s children's services, and what was said about them.",
            a.authority.name
        )),
        self_url: site.urls.absolute(&rel::authority_feed(slug)),
        page_url: site.urls.absolute(&rel::authority(slug)),
    };
    write(site, header, items)
}

/// What identifies a feed.
struct FeedHeader {
    id: String,
    title: String,
    subtitle: Option<String>,
    self_url: String,
    page_url: String,
}

fn write<'c>(site: &Site, header: FeedHeader, items: impl Iterator<Item = Item<'c>>) -> Vec<u8> {
    // Choose the newest first, then build only their entries.
    let mut items: Vec<(PartialDate, String, Item)> = items
        .map(|item| match item {
            Item::Inspection(i) => (
                i.published,
                site.urls.absolute(&rel::inspection(&i.authority, &i.slug)),
                item,
            ),
            Item::Response(r) => (
                r.date,
                site.urls.absolute(&rel::response(&r.authority, &r.slug)),
                item,
            ),
        })
        .collect();
    items.sort_by(|a, b| (b.0, &b.1).cmp(&(a.0, &a.1)));
    items.truncate(FEED_ENTRIES);
    let entries: Vec<Entry> = items
        .into_iter()
        .map(|(_, url, item)| entry(site, url, item))
        .collect();
    let updated = entries.first().map_or_else(
        || timestamp(PartialDate::parse("2000").expect("valid")),
        |e| e.updated,
    );
    let link = |href: String, rel: &str, mime: &str| Link {
        href,
        rel: rel.into(),
        mime_type: Some(mime.into()),
        ..Default::default()
    };
    let feed = Feed {
        id: header.id,
        title: Text::plain(header.title),
        subtitle: header.subtitle.map(Text::plain),
        updated,
        links: vec![
            link(header.self_url, "self", "application/atom+xml"),
            link(header.page_url, "alternate", "text/html"),
        ],
        lang: Some(site.content.site.language.clone()),
        entries,
        ..Default::default()
    };
    let mut out = Vec::new();
    feed.write_to(&mut out).expect("writing to memory");
    out
}

pub fn sitemap(site: &Site, rel_urls: &[(String, Option<crate::content::PartialDate>)]) -> Vec<u8> {
    use quick_xml::Writer;
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let ok = |r: std::io::Result<()>| r.expect("writing to memory");
    ok(w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))));
    let mut urlset = BytesStart::new("urlset");
    urlset.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
    ok(w.write_event(Event::Start(urlset)));
    for (r, lastmod) in rel_urls {
        ok(w.write_event(Event::Start(BytesStart::new("url"))));
        ok(w.write_event(Event::Start(BytesStart::new("loc"))));
        ok(w.write_event(Event::Text(BytesText::new(&site.urls.absolute(r)))));
        ok(w.write_event(Event::End(BytesEnd::new("loc"))));
        if let Some(date) = lastmod {
            // W3C datetime allows `2019`, `2019-07` and `2019-07-01`.
            ok(w.write_event(Event::Start(BytesStart::new("lastmod"))));
            ok(w.write_event(Event::Text(BytesText::new(&date.iso()))));
            ok(w.write_event(Event::End(BytesEnd::new("lastmod"))));
        }
        ok(w.write_event(Event::End(BytesEnd::new("url"))));
    }
    ok(w.write_event(Event::End(BytesEnd::new("urlset"))));
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

/// A record the feed may carry.
#[derive(Clone, Copy)]
enum Item<'c> {
    Inspection(&'c crate::content::Inspection),
    Response(&'c crate::content::Response),
}

/// One feed entry, for a record at `url`.
fn entry(site: &Site, url: String, item: Item) -> Entry {
    let name = |slug: &str| {
        site.authority(slug)
            .map_or(slug.to_string(), |a| a.authority.short_name.clone())
    };
    let alternate = |url: &str| Link {
        href: url.to_string(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Default::default()
    };
    match item {
        Item::Inspection(i) => {
            let title = site.inspection_title(i);
            let grade = site
                .grades_of(i)
                .headline
                .map(|g| format!(": {}", g.label))
                .unwrap_or_default();
            let summary = format!(
                "{} published {}{}.",
                title,
                i.published.human(),
                if grade.is_empty() {
                    String::new()
                } else {
                    format!(", overall{grade}")
                }
            );
            Entry {
                id: url.clone(),
                title: Text::plain(format!("{}: {}{}", name(&i.authority), title, grade)),
                updated: timestamp(i.published),
                links: vec![alternate(&url)],
                // RFC 4287 asks every entry for an author: the inspectorate.
                authors: vec![Person {
                    name: "Ofsted".into(),
                    ..Default::default()
                }],
                summary: Some(Text::plain(summary)),
                ..Default::default()
            }
        }
        Item::Response(r) => Entry {
            id: url.clone(),
            title: Text::plain(format!("{}: {}", name(&r.authority), r.title)),
            updated: timestamp(r.date),
            links: vec![alternate(&url)],
            authors: vec![Person {
                name: r.source.publisher.clone(),
                ..Default::default()
            }],
            summary: Some(Text::plain(format!(
                "{} ({}), {}.",
                r.title,
                r.source.publisher,
                r.date.human()
            ))),
            ..Default::default()
        },
    }
}
