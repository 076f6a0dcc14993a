//! `pages/<slug>.md`: where each field of a free page is checked.

use super::Located;
use crate::content::Page;
use crate::content::fields::{FileCx, Obj};

pub(super) fn parse_page(cx: &mut FileCx, o: &Obj, at: Located) -> Option<Page> {
    o.check_unknown(cx, &["title", "description"]);
    let title = o.req_text(cx, "title");
    let description = o.opt_text(cx, "description");
    title.map(|title| Page {
        slug: at.slug,
        title,
        description,
        body: at.body,
        file: at.file,
    })
}
