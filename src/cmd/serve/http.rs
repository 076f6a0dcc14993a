//! The HTTP side of `serve`: files from memory, the live-reload script and
//! its event stream, and a bad edit's diagnostics at the top of every page.

use std::io::Read;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use percent_encoding::percent_decode_str;

use super::{EVENTS, RELOAD_JS, SCRIPT, Served};

/// The served file's key for a request path: without the leading `/`, and
/// percent-decoded (RFC 3986: `+`, `&` and `=` are themselves in a path).
fn served_path(url: &str) -> String {
    percent_decode_str(url.trim_start_matches('/'))
        .decode_utf8_lossy()
        .into_owned()
}

/// The `Content-Type` of a served file, from its extension; text is UTF-8.
fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ => mime.to_string(),
    }
}

fn header(k: &str, v: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("valid header")
}

pub fn respond(
    request: tiny_http::Request,
    served: &RwLock<Served>,
    clients: &Mutex<Vec<Sender<()>>>,
) {
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    if url == RELOAD_JS {
        let r = tiny_http::Response::from_string(SCRIPT)
            .with_header(header("Content-Type", "text/javascript; charset=utf-8"));
        let _ = request.respond(r);
        return;
    }
    if url == EVENTS {
        let (tx, rx) = channel();
        clients.lock().expect("lock").push(tx);
        let stream = EventStream {
            rx,
            buf: b"retry: 500\n\n".to_vec(),
        };
        let r = tiny_http::Response::new(
            tiny_http::StatusCode(200),
            vec![
                header("Content-Type", "text/event-stream"),
                header("Cache-Control", "no-cache"),
            ],
            stream,
            None,
            None,
        );
        let _ = request.respond(r);
        return;
    }
    let rel = served_path(&url);
    let s = served.read().expect("lock");
    let candidates = [rel.clone(), format!("{rel}index.html")];
    let found = candidates
        .iter()
        .find_map(|c| s.files.get(c).map(|b| (c.clone(), b.clone())));
    let (status, path, body) = match found {
        Some((p, b)) => (200, p, b),
        None if s.files.contains_key(&format!("{rel}/index.html")) => {
            let r = tiny_http::Response::empty(301)
                .with_header(header("Location", &format!("/{rel}/")));
            drop(s);
            let _ = request.respond(r);
            return;
        }
        None => (
            404,
            "404.html".to_string(),
            s.files
                .get("404.html")
                .cloned()
                .unwrap_or_else(|| Arc::from(&b"not found"[..])),
        ),
    };
    let mut bytes = body.to_vec();
    if path.ends_with(".html")
        && let Some(problems) = &s.problems
    {
        bytes = inject_problems(&bytes, problems);
    }
    drop(s);
    let r = tiny_http::Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type(&path)))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(r);
}

/// Puts the diagnostics at the top of a page, escaped as text.
fn inject_problems(page: &[u8], problems: &str) -> Vec<u8> {
    let html = String::from_utf8_lossy(page);
    let panel = format!(
        "<div role=\"alert\" style=\"background:#fff0c2;border:4px solid #c12c16;padding:1rem;margin:0;white-space:pre-wrap;font:14px/1.4 monospace;overflow:auto\"><strong>The last edit has problems; this is the last good build.</strong>\n{}</div>",
        html_escape::encode_text(problems)
    );
    match html.find("<body>") {
        Some(i) => format!("{}{}{}", &html[..i + 6], panel, &html[i + 6..]).into_bytes(),
        None => format!("{panel}{html}").into_bytes(),
    }
}

/// A server-sent event stream: one `reload` event per rebuild, and a comment
/// every 15 s to keep the connection open.
struct EventStream {
    rx: Receiver<()>,
    buf: Vec<u8>,
}

impl Read for EventStream {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.buf.is_empty() {
            match self.rx.recv_timeout(Duration::from_secs(15)) {
                Ok(()) => self.buf.extend_from_slice(b"data: reload\n\n"),
                Err(RecvTimeoutError::Timeout) => self.buf.extend_from_slice(b": keep-alive\n\n"),
                Err(RecvTimeoutError::Disconnected) => return Ok(0),
            }
        }
        let n = out.len().min(self.buf.len());
        out[..n].copy_from_slice(&self.buf[..n]);
        self.buf.drain(..n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::{content_type, served_path};

    #[test]
    fn paths_are_percent_decoded_and_nothing_else() {
        assert_eq!(served_path("/a%20b/"), "a b/");
        assert_eq!(served_path("/x+y&z=1/"), "x+y&z=1/");
        assert_eq!(served_path("/caf%C3%A9/"), "café/");
    }

    #[test]
    fn text_is_served_as_utf8_and_other_files_by_type() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("badge.svg"), "image/svg+xml");
        assert_eq!(content_type("data/x.json"), "application/json");
        assert_eq!(content_type("pagefind.pf_meta"), "application/octet-stream");
    }
}
