//! The site model to search records: an authority's, then each inspection's
//! and response's, its quotes as [`anchor`]ed sections at its end.

use std::fmt::Write;

use rayon::prelude::*;

use super::{BodyTexts, Kind, SearchRecord, anchor};
use crate::content::date::PartialDate;
use crate::content::{Inspection, Quote, Response};
use crate::render::markdown;
use crate::site::urls::rel;
use crate::site::{AuthorityFacts, INSPECTORS, Site};

/// What one record is made from: an authority (by its place among the
/// site's), or one of its inspections or responses.
#[derive(Clone, Copy)]
pub enum Source<'c> {
    Authority(usize),
    Inspection(usize, &'c Inspection),
    Response(usize, &'c Response),
}

/// The source of every record of the site, in the index's order: authority
/// by authority, its own record, then each inspection's and response's.
pub fn sources<'c>(site: &Site<'c>) -> Vec<Source<'c>> {
    let mut out = Vec::new();
    for (a, facts) in site.authorities.iter().enumerate() {
        out.push(Source::Authority(a));
        out.extend(facts.inspections.iter().map(|i| Source::Inspection(a, i)));
        out.extend(facts.responses.iter().map(|r| Source::Response(a, r)));
    }
    out
}

/// Every record of the site, in the order of [`sources`] (made on every
/// core).
pub fn records(site: &Site, texts: &BodyTexts) -> Vec<SearchRecord> {
    let sources = sources(site);
    sources
        .into_par_iter()
        .map(|s| record(site, texts, s))
        .collect()
}

/// The record made from `source`, taking its body's text from `texts`.
pub fn record(site: &Site, texts: &BodyTexts, source: Source) -> SearchRecord {
    let (Source::Authority(a) | Source::Inspection(a, _) | Source::Response(a, _)) = source;
    let facts = &site.authorities[a];
    let of = Of {
        site,
        facts,
        grade: facts.current.words(),
        texts,
    };
    match source {
        Source::Authority(_) => of.authority(),
        Source::Inspection(_, inspection) => {
            let mut r = of.inspection(inspection);
            let ids = site.inspection_quote_anchors(inspection);
            add_quotes(&mut r, &inspection.quotes, &ids, INSPECTORS);
            r
        }
        Source::Response(_, response) => {
            let mut r = of.response(response);
            let ids = site.response_quote_anchors(response);
            add_quotes(&mut r, &response.quotes, &ids, "");
            r
        }
    }
}

/// The records of one authority, sharing its filters.
struct Of<'a, 's, 'c> {
    site: &'s Site<'c>,
    facts: &'a AuthorityFacts<'c>,
    grade: &'c str,
    /// Where the bodies' texts are taken from.
    texts: &'a BodyTexts<'a>,
}

impl Of<'_, '_, '_> {
    fn record(&self, kind: Kind, rel: &str, title: String, context: String) -> SearchRecord {
        SearchRecord {
            url: self.site.urls.link(rel),
            title,
            context,
            text: String::new(),
            kind,
            quoted: false,
            region: self.facts.authority.region.clone(),
            grade: self.grade.to_string(),
            year: None,
        }
    }

    fn context(&self, kind: Kind, date: PartialDate) -> String {
        let name = &self.facts.authority.name;
        match date.human() {
            date if date.is_empty() => format!("{} · {name}", kind.label()),
            date => format!("{} · {name} · {date}", kind.label()),
        }
    }

    fn authority(&self) -> SearchRecord {
        let a = self.facts.authority;
        let context = format!("Authority · {} · Current rating: {}", a.region, self.grade);
        let mut r = self.record(
            Kind::Authority,
            &rel::authority(&a.slug),
            a.name.clone(),
            context,
        );
        let mut words = vec![a.short_name.as_str(), a.region.as_str()];
        words.extend(a.kind.as_deref());
        words.extend(a.ons_code.as_deref());
        words.extend(a.aliases.iter().map(String::as_str));
        r.text = lines(words);
        r
    }

    fn inspection(&self, i: &Inspection) -> SearchRecord {
        let title = self.site.inspection_title(i).to_string();
        let context = self.context(Kind::Inspection, i.published);
        let mut r = self.record(
            Kind::Inspection,
            &rel::inspection(&i.authority, &i.slug),
            title,
            context,
        );
        let frameworks = &self.site.content.frameworks;
        let framework = frameworks.framework(&i.framework);
        let judgements = i.grades.iter().map(|(key, grade)| {
            let label = framework
                .and_then(|f| f.judgement(key))
                .map_or(key.as_str(), |j| &j.label);
            let grade = self
                .site
                .grades_of(i)
                .judgement(key)
                .map_or(grade.as_str(), |j| j.label());
            format!("{label}: {grade}")
        });
        let judgements: Vec<String> = judgements.collect();
        let body = self.texts.take_inspection(i);
        let lists = (i.strengths.iter().chain(&i.concerns))
            .chain(&i.recommendations)
            .chain(&i.notes);
        r.text = lines(judgements.iter().chain(lists).chain([&body]));
        r.year = Some(i.published.year());
        r
    }

    fn response(&self, x: &Response) -> SearchRecord {
        let context = self.context(Kind::Response, x.date);
        let mut r = self.record(
            Kind::Response,
            &rel::response(&x.authority, &x.slug),
            x.title.clone(),
            context,
        );
        let body = self.texts.take_response(x);
        let commitments = x.commitments.iter();
        r.text = lines(
            [&x.source.publisher]
                .into_iter()
                .chain(commitments)
                .chain([&body]),
        );
        r.year = Some(x.date.year());
        r
    }
}

/// Adds a record's quotes to its text, each as two sections anchored with
/// its permalink's id (`ids`, in order): who said it (a quote without a
/// speaker is `unnamed`'s), then what was said.
fn add_quotes(r: &mut SearchRecord, quotes: &[Quote], ids: &[String], unnamed: &str) {
    let marks = ids
        .iter()
        .map(|id| 2 * (anchor::MARK.len() + id.len() + 16));
    let said = quotes.iter().map(|q| q.text.len() + 64);
    r.text.reserve(marks.sum::<usize>() + said.sum::<usize>());
    for (n, (quote, id)) in quotes.iter().zip(ids).enumerate() {
        let speaker = quote.speaker.as_deref().unwrap_or(unnamed);
        let who = match (&quote.role, speaker.is_empty()) {
            (Some(role), false) => format!("{speaker}, {role}"),
            (Some(role), true) => role.clone(),
            (None, false) => speaker.to_string(),
            (None, true) => "Unattributed quote".to_string(),
        };
        for (element, n, words) in [
            (anchor::CITE, 2 * n, &who),
            (anchor::SAID, 2 * n + 1, &quote.text),
        ] {
            let text = &mut r.text;
            let _ = writeln!(text, "{}{element}:{n}:{id}", anchor::MARK);
            push_inert(text, words);
            text.push('\n');
        }
        r.quoted = true;
    }
}

/// Parts of a record's text, each ended as a sentence on a line of its own.
fn lines<S: AsRef<str>>(parts: impl IntoIterator<Item = S> + Clone) -> String {
    // Sized first: a record's text is most of its body, and growing it
    // piece by piece copied it several times.
    let size = parts.clone().into_iter().map(|p| p.as_ref().len() + 2);
    let mut out = String::with_capacity(size.sum::<usize>() + 64);
    for p in parts {
        push_inert(&mut out, p.as_ref());
        markdown::end_block(&mut out);
    }
    out
}

/// Pushes an editor's `text`, in which a word that starts as Pagefind's
/// marks do (`___PAGEFIND_…`, `___END_PAGEFIND_…`) gets a zero-width space
/// after its first character: no indexer reads it as a mark then, and both
/// drop the space, so it is found, and shown, as written.
fn push_inert(out: &mut String, text: &str) {
    if !text.contains("__PAGEFIND_") {
        out.push_str(text);
        return;
    }
    out.push_str(
        &text
            .replace("___PAGEFIND_", "_\u{200B}__PAGEFIND_")
            .replace("___END_PAGEFIND_", "_\u{200B}__END_PAGEFIND_"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_editors_word_never_reads_as_a_mark() {
        let mut out = String::new();
        push_inert(
            &mut out,
            "a ___PAGEFIND_ANCHOR___h2:0:x ___END_PAGEFIND_WEIGHT___ b",
        );
        for word in out.split_whitespace() {
            assert!(!word.starts_with("___"), "{word}");
        }
        assert_eq!(
            out.replace('\u{200B}', ""),
            "a ___PAGEFIND_ANCHOR___h2:0:x ___END_PAGEFIND_WEIGHT___ b"
        );
    }
}
