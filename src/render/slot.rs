//! Slot markers: short stand-ins, in template contexts, for HTML rendered
//! outside the page's template (the shared header and footer, the Markdown
//! body). Tera copies only the marker; [`fill`] then writes the HTML in
//! its place once. Markers are built from U+FDD0, a noncharacter that loading
//! removes from every content file, so no editor text can contain one.

const MARK: char = '\u{FDD0}';
pub const FOOTER: &str = "\u{FDD0}f\u{FDD0}";
pub const BODY: &str = "\u{FDD0}b\u{FDD0}";

/// The marker for the header of navigation section `index`.
pub fn header(index: usize) -> String {
    format!("{MARK}h{index}{MARK}")
}

/// The body marker for a rendered body, or nothing when it rendered to
/// nothing (so `{% if body_html %}` still tells whether there is one).
pub fn body_marker(html: &str) -> &'static str {
    if html.is_empty() { "" } else { BODY }
}

/// Replaces every marker in `html` with what it stands for.
pub fn fill(html: String, headers: &[String], footer: &str, body: &str) -> Vec<u8> {
    if !html.contains(MARK) {
        return html.into_bytes();
    }
    let extra = headers.first().map_or(0, String::len) + footer.len() + body.len();
    let mut out = String::with_capacity(html.len() + extra);
    let mut rest = html.as_str();
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let tail = &rest[MARK.len_utf8()..];
        let end = tail.find(MARK).filter(|&e| e <= 8);
        let fill = end.and_then(|e| match &tail[..e] {
            "f" => Some(footer),
            "b" => Some(body),
            h => h
                .strip_prefix('h')
                .and_then(|n| n.parse::<usize>().ok())
                .and_then(|n| headers.get(n))
                .map(String::as_str),
        });
        match (fill, end) {
            (Some(fill), Some(e)) => {
                out.push_str(fill);
                rest = &tail[e + MARK.len_utf8()..];
            }
            // Not one of ours (a template's own text): keep it.
            _ => {
                out.push(MARK);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_replaced_and_anything_else_kept() {
        let headers = vec![
            "<header>0</header>".to_string(),
            "<header>1</header>".to_string(),
        ];
        let html = format!(
            "<body>{}{}<main>{BODY}</main>{FOOTER} a{MARK}b {MARK}zz{MARK} {}</body>",
            header(1),
            header(0),
            header(7)
        );
        let out = String::from_utf8(fill(html, &headers, "<footer/>", "<p>body</p>")).unwrap();
        assert_eq!(
            out,
            "<body><header>1</header><header>0</header><main><p>body</p></main><footer/> \
             a\u{FDD0}b \u{FDD0}zz\u{FDD0} \u{FDD0}h7\u{FDD0}</body>"
        );
        assert_eq!(fill("plain".into(), &headers, "f", "b"), b"plain");
    }
}
