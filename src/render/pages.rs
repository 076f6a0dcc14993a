//! The renderer: a template and a view's context to a page's bytes, with the
//! shared header and footer rendered once and put in place.
//!
//! [`crate::render::outputs`] says, for each kind of output, which template
//! and view (or which data writer) makes it; this module knows nothing of
//! the kinds. The caller runs rendering on rayon's pool and hands each result
//! straight to a writer, so no more than a few pages are in memory at a time.

use serde::Serialize;
use tera::{Context, Tera};

use super::markdown;
use super::search::{BodyTexts, KeptText};
use super::slot;
use super::templates::error_chain;
use super::views::Views;
use crate::site::Site;

/// A page that failed to render: which page, and Tera's error (its whole
/// chain of causes is in the message).
#[derive(Debug, thiserror::Error)]
#[error("rendering {page}: {}", error_chain(.source))]
pub struct RenderError {
    pub page: String,
    #[source]
    pub source: tera::Error,
}

/// Options that change what pages contain.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Set by `serve`: the URL of the live-reload script to add to every page.
    pub reload_url: Option<String>,
}

pub struct Renderer<'s, 'c> {
    pub site: &'s Site<'c>,
    pub tera: &'s Tera,
    views: Views<'s, 'c>,
    /// The header for each navigation section (in `views.header_sections`
    /// order), and the footer: the same on thousands of pages, so rendered
    /// once here and put in place of their slot markers after each page is
    /// rendered.
    headers: Vec<String>,
    footer: String,
    /// Where the text of each rendered body is kept for the search index,
    /// when one is being built.
    texts: Option<&'s BodyTexts<'c>>,
}

impl<'s, 'c> Renderer<'s, 'c> {
    /// Prepares rendering: renders the header for every navigation section and
    /// the footer once, so a template error there is reported before any page.
    pub fn new(
        site: &'s Site<'c>,
        tera: &'s Tera,
        options: RenderOptions,
    ) -> Result<Self, RenderError> {
        let mut r = Renderer {
            site,
            tera,
            views: Views::new(site, options.reload_url),
            headers: Vec::new(),
            footer: String::new(),
            texts: None,
        };
        let mut headers = Vec::new();
        for s in &r.views.header_sections {
            let html = r.render("partials/header.html", "header", &r.views.frame(s))?;
            headers.push(String::from_utf8(html).unwrap_or_default());
        }
        let footer = r.render("partials/footer.html", "footer", &r.views.frame(""))?;
        r.headers = headers;
        r.footer = String::from_utf8(footer).unwrap_or_default();
        Ok(r)
    }

    /// Keeps the text of every body rendered from now on in `texts`, for
    /// the search index (see [`BodyTexts`]).
    pub fn keep_body_texts(&mut self, texts: &'s BodyTexts<'c>) {
        self.texts = Some(texts);
    }

    /// Where the text of a body is to be kept, if anywhere: `of` picks its
    /// place among the [`BodyTexts`].
    pub fn kept_text(
        &self,
        of: impl FnOnce(&'s BodyTexts<'c>) -> &'s KeptText,
    ) -> Option<&'s KeptText> {
        self.texts.map(of)
    }

    /// The views, for the contexts of templates.
    pub fn views(&self) -> &Views<'s, 'c> {
        &self.views
    }

    /// Renders `template` with the context `cx`; `page` names the page in errors.
    pub fn render<T: Serialize>(
        &self,
        template: &str,
        page: &str,
        cx: &T,
    ) -> Result<Vec<u8>, RenderError> {
        self.render_with_body(template, page, cx, "")
    }

    /// Renders a template whose context may hold slot markers, then fills them:
    /// the header and footer from `Renderer::new`, and `body` (the page's
    /// Markdown as HTML) where the context said [`slot::BODY`].
    fn render_with_body<T: Serialize>(
        &self,
        template: &str,
        page: &str,
        cx: &T,
        body: &str,
    ) -> Result<Vec<u8>, RenderError> {
        let err = |source: tera::Error| RenderError {
            page: page.to_string(),
            source,
        };
        let context = Context::from_serialize(cx).map_err(err)?;
        // Sized for most pages between their slots (Tera starts at 2 kB and
        // grows the buffer a copy at a time).
        let mut html = Vec::with_capacity(16 * 1024);
        (self.tera.render_to(template, &context, &mut html)).map_err(err)?;
        let html = String::from_utf8(html).map_err(|e| {
            err(tera::Error::chain(
                "converting the rendered page to text",
                e,
            ))
        })?;
        Ok(slot::fill(html, &self.headers, &self.footer, body))
    }

    /// Renders a page whose body is an editor's Markdown: `view` makes the
    /// context from the body's HTML, which is put in the template's body
    /// slot. The body's text is kept in `text`, if given.
    pub fn render_markdown<'r, T: Serialize>(
        &'r self,
        template: &str,
        page: &str,
        markdown: &str,
        text: Option<&KeptText>,
        view: impl FnOnce(&'r Views<'s, 'c>, &str) -> T,
    ) -> Result<Vec<u8>, RenderError> {
        let body = match text.filter(|kept| kept.wanted()) {
            Some(kept) => {
                let (html, text) = markdown::to_html_and_text(markdown);
                kept.keep(text);
                html
            }
            None => markdown::to_html(markdown),
        };
        let cx = view(&self.views, &body);
        self.render_with_body(template, page, &cx, &body)
    }

    /// Renders a redirect page to a site-relative target.
    pub fn redirect(&self, target_rel: &str, label: String) -> Result<Vec<u8>, RenderError> {
        let cx = self.views.redirect(target_rel, label);
        self.render("redirect.html", target_rel, &cx)
    }
}
