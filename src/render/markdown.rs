//! Markdown bodies to safe HTML.
//!
//! pulldown-cmark parses CommonMark with tables, footnotes and strikethrough.
//! Editors' text is text, never markup: raw HTML in the Markdown is turned into
//! literal text before the HTML writer runs (so it is escaped, not dropped, and
//! the reader sees what was written), and links and images keep their target
//! only when its scheme is `http`, `https` or `mailto` (or it is a relative or
//! fragment link). pulldown-cmark's writer escapes all text and attribute
//! values, so no markup an editor typed can come out as markup. (An HTML
//! sanitiser such as ammonia would re-parse every body to find nothing: it cost
//! 14% of a national build, so raw HTML is stopped here, at the source.)

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Is a link target safe to keep? Schemes other than http(s) and mailto are refused.
pub fn is_safe_link(url: &str) -> bool {
    let trimmed: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match trimmed.find(':') {
        None => true,
        Some(colon) => {
            // A colon after the first /, ? or # is part of a path, not a scheme.
            if trimmed[..colon].contains(['/', '?', '#']) {
                return true;
            }
            let scheme = trimmed[..colon].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
    }
}

/// Renders a Markdown body to sanitised HTML. A `#` heading becomes `h2` so
/// the page keeps its single `h1`; deeper headings keep their level.
pub fn to_html(markdown: &str) -> String {
    html_and_text(markdown, None)
}

/// [`to_html`] and [`to_text`] of the same body from one parse (a build
/// needs both of an inspection's or response's body: its page, and its
/// search record).
pub fn to_html_and_text(markdown: &str) -> (String, String) {
    let mut text = String::with_capacity(markdown.len());
    let html = html_and_text(markdown, Some(&mut text));
    (html, text)
}

/// The HTML of `markdown`, and its plain text written to `text` if asked.
fn html_and_text(markdown: &str, mut text: Option<&mut String>) -> String {
    let mut dropped_link_depth = 0usize;
    let parsed = Parser::new_ext(markdown, options()).inspect(|event| {
        if let Some(text) = text.as_deref_mut() {
            push_text(event, text);
        }
    });
    let events = parsed.filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        // Images would load from elsewhere on every view: they are shown as
        // a link to the image, with their text, like links.
        Event::Start(
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }
            | Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            },
        ) => {
            if is_safe_link(&dest_url) {
                Some(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }))
            } else {
                dropped_link_depth += 1;
                None
            }
        }
        Event::End(TagEnd::Link | TagEnd::Image) if dropped_link_depth > 0 => {
            dropped_link_depth -= 1;
            None
        }
        Event::End(TagEnd::Image) => Some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(demote(level)))),
        other => Some(other),
    });
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// The words of a Markdown body as plain text, for the search index: text and
/// code spans, each block ended as a sentence (see [`end_block`]). Nothing
/// here is ever shown as HTML.
pub fn to_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options()) {
        push_text(&event, &mut out);
    }
    out
}

/// Adds what `event` gives the plain text to `out`.
fn push_text(event: &Event, out: &mut String) {
    match event {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(t),
        Event::SoftBreak | Event::HardBreak => out.push(' '),
        Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::TableCell
            | TagEnd::FootnoteDefinition,
        ) => end_block(out),
        _ => {}
    }
}

/// Ends a block of plain text with a line break, and with a full stop when
/// it ends in a letter or digit: search excerpts join words with spaces, and
/// without it a heading or a list item would run into the next sentence.
pub fn end_block(out: &mut String) {
    out.truncate(out.trim_end().len());
    if out.ends_with(char::is_alphanumeric) {
        out.push('.');
    }
    if !out.is_empty() {
        out.push('\n');
    }
}

fn demote(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_becomes_visible_text() {
        let html = to_html(
            "Hello <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n<div onclick=\"x()\">block</div>\n",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_link_schemes_are_dropped_but_text_kept() {
        let html = to_html(
            "[click](javascript:alert(1)) [ok](https://example.org) [mail](mailto:a@b.c) [rel](/x/) [data](DATA:text/html,x) [sp]( java\tscript:x)",
        );
        assert!(!html.to_lowercase().contains("javascript"), "{html}");
        assert!(!html.to_lowercase().contains("data:"), "{html}");
        assert!(html.contains("click"), "{html}");
        assert!(html.contains("href=\"https://example.org\""), "{html}");
        assert!(html.contains("href=\"mailto:a@b.c\""), "{html}");
        assert!(html.contains("href=\"/x/\""), "{html}");
    }

    #[test]
    fn plain_text_keeps_words_and_drops_markup() {
        let text =
            to_text("# Top\n\nSome *strong* [link](https://x.org) and `code`.\n\n- a <b>tag</b>\n");
        assert!(text.contains("Top.\n"), "{text}");
        assert!(text.contains("Some strong link and code."), "{text}");
        assert!(text.contains("a <b>tag</b>"), "{text}");
        assert!(!text.contains("https://x.org"), "{text}");
    }

    /// One parse for both must give what each gives alone.
    #[test]
    fn html_and_text_from_one_parse_are_those_of_two() {
        let bodies = [
            "",
            "# Top\n\nSome *strong* [link](https://x.org) and `code`.\n\n- a <b>tag</b>\n",
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n",
            "> quoted\n> more\n\n```\ncode block\n```\n\n[bad](javascript:x) ![img](http://i/x.png)\nline  \nbreak",
            "<div onclick=\"x()\">raw</div>\n\n1. one\n2. two\n\n## Deeper\n",
        ];
        for body in bodies {
            let (html, text) = to_html_and_text(body);
            assert_eq!(html, to_html(body), "{body:?}");
            assert_eq!(text, to_text(body), "{body:?}");
        }
    }

    #[test]
    fn tables_footnotes_strikethrough_and_demoted_headings() {
        let html = to_html(
            "# Top\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1] ~~old~~\n\n[^1]: Note.\n",
        );
        assert!(html.contains("<h2>Top</h2>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("Note."), "{html}");
    }
}
