//! The plain text of inspections' and responses' bodies, kept as their
//! pages are rendered: a build needs each body as HTML (its page) and as
//! text (its search record), and one Markdown parse gives both
//! ([`markdown::to_html_and_text`]). The records take the texts; a body
//! whose page was not rendered first is parsed for its text alone.

use std::sync::Mutex;

use crate::content::{Content, Inspection, Response};
use crate::render::markdown;
use crate::site::ByRecord;

/// One body's text, from its page's rendering to its record.
#[derive(Default)]
pub struct KeptText(Mutex<Kept>);

#[derive(Default)]
enum Kept {
    /// Neither the page nor the record has been made.
    #[default]
    Waiting,
    /// The page was rendered first, and kept the text.
    Text(String),
    /// The record was made first (or has taken the text): nothing is to
    /// be kept.
    Taken,
}

impl KeptText {
    fn lock(&self) -> std::sync::MutexGuard<'_, Kept> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the text is still wanted: false once the record is made.
    pub fn wanted(&self) -> bool {
        matches!(*self.lock(), Kept::Waiting)
    }

    /// Keeps `text` for the record, unless it is made already.
    pub fn keep(&self, text: String) {
        let mut kept = self.lock();
        if matches!(*kept, Kept::Waiting) {
            *kept = Kept::Text(text);
        }
    }

    /// The kept text of `markdown`, or else its text parsed now.
    fn take(&self, markdown: &str) -> String {
        match std::mem::replace(&mut *self.lock(), Kept::Taken) {
            Kept::Text(text) => text,
            Kept::Waiting | Kept::Taken => markdown::to_text(markdown),
        }
    }
}

/// A [`KeptText`] for each inspection and response of the content.
pub struct BodyTexts<'c> {
    inspections: ByRecord<'c, Inspection, KeptText>,
    responses: ByRecord<'c, Response, KeptText>,
}

impl<'c> BodyTexts<'c> {
    pub fn new(content: &'c Content) -> BodyTexts<'c> {
        BodyTexts {
            inspections: ByRecord::of(&content.inspections, |_| KeptText::default()),
            responses: ByRecord::of(&content.responses, |_| KeptText::default()),
        }
    }

    /// Where the text of `i`'s body is kept.
    pub fn inspection(&self, i: &Inspection) -> &KeptText {
        self.inspections.get(i)
    }

    /// Where the text of `r`'s body is kept.
    pub fn response(&self, r: &Response) -> &KeptText {
        self.responses.get(r)
    }

    /// The text of `i`'s body (see [`KeptText::take`]).
    pub fn take_inspection(&self, i: &Inspection) -> String {
        self.inspection(i).take(&i.body)
    }

    /// The text of `r`'s body (see [`KeptText::take`]).
    pub fn take_response(&self, r: &Response) -> String {
        self.response(r).take(&r.body)
    }
}

#[cfg(test)]
mod tests {
    use super::KeptText;

    /// A text kept by its page is what the record takes; a record made
    /// first parses its own, and the page then keeps nothing.
    #[test]
    fn a_record_takes_the_kept_text_or_parses_its_own() {
        let kept = KeptText::default();
        assert!(kept.wanted());
        kept.keep("kept by the page".into());
        assert_eq!(kept.take("*parsed*"), "kept by the page");

        let first = KeptText::default();
        assert_eq!(first.take("*parsed*"), "parsed.\n");
        assert!(!first.wanted());
        first.keep("too late".into());
        assert_eq!(first.take("*again*"), "again.\n");
    }
}
