//! `authorities/<a>/responses/<slug>.md`: where each field of a response is checked.

use super::Located;
use crate::content::diag::hint;
use crate::content::fields::{FieldPath, FileCx, Obj};
use crate::content::{RESPONSE_KINDS, Response, Source};

pub(super) fn parse_response(cx: &mut FileCx, o: &Obj, at: Located) -> Option<Response> {
    let root = FieldPath::default();
    o.check_unknown(
        cx,
        &[
            "title",
            "date",
            "kind",
            "responds_to",
            "source",
            "quotes",
            "commitments",
            "aliases",
        ],
    );
    let title = o.req_text(cx, "title");
    let date = o.req_date(cx, "date");
    let kind = o.req_text(cx, "kind");
    if let Some(k) = &kind
        && !RESPONSE_KINDS.contains(&k.as_str())
    {
        let suggestion = hint(k, RESPONSE_KINDS);
        cx.error(&root.key("kind"), format!("unknown kind `{k}`"))
            .help(format!("{suggestion}kinds: {}", RESPONSE_KINDS.join(", ")));
    }
    let responds_to = o.one_or_many(cx, "responds_to");
    if let Some(list) = &responds_to
        && list.is_empty()
    {
        cx.error(&root.key("responds_to"), "names no inspection");
    }
    let source = match o.get("source") {
        None => {
            cx.error(&root, "missing required field `source`")
                .field("source")
                .help("give `source: { publisher: ..., url: ..., title: ... }`");
            None
        }
        Some(_) => o.opt_obj(cx, "source").and_then(|s| {
            s.check_unknown(cx, &["publisher", "url", "title"]);
            let publisher = s.req_text(cx, "publisher");
            let url = s.opt_url(cx, "url");
            let title = s.opt_text(cx, "title");
            Some(Source {
                publisher: publisher?,
                url,
                title,
            })
        }),
    };
    let quotes = o.quotes(cx, "quotes");
    let commitments = o.text_list(cx, "commitments");
    let aliases = super::record_aliases(cx, o, &at.slug);
    // A record of a decision may quote no one; one with neither quotes nor
    // commitments gives a reader nothing the source said.
    if quotes.is_empty() && commitments.is_empty() {
        cx.warning(
            &root,
            "this response quotes no one and records no commitment",
        )
        .help("add `quotes:` with what was said, verbatim, or `commitments:`");
    }
    Some(Response {
        authority: at.authority,
        slug: at.slug,
        title: title?,
        date: date?,
        kind: kind?,
        responds_to: responds_to?,
        source: source?,
        quotes,
        commitments,
        aliases,
        body: at.body,
        file: at.file,
    })
}
