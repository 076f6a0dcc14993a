//! People: every named speaker, with each quote they gave across all files.
//! The same `speaker` text in different files is the same person. A quote on
//! an inspection without a `speaker` is the inspectors' (shown as
//! [`INSPECTORS`]), and is gathered on their page like any other.

use std::collections::{HashMap, HashSet};

use super::{Fast, INSPECTORS};
use crate::content::{Content, Inspection, Quote, Response};

/// Where a quote was said.
#[derive(Debug, Clone, Copy)]
pub enum QuoteRef<'c> {
    Inspection(&'c Inspection, &'c Quote),
    Response(&'c Response, &'c Quote),
}

/// A named speaker.
#[derive(Debug)]
pub struct Person<'c> {
    pub name: &'c str,
    /// Unique among people; made from the name.
    pub slug: String,
    /// Roles as given, in first-seen order, without repeats.
    pub roles: Vec<&'c str>,
    pub quotes: Vec<QuoteRef<'c>>,
}

/// Gathers every named speaker; sorted by name, slugs made unique.
pub fn gather<'c>(content: &'c Content) -> Vec<Person<'c>> {
    // Found by hash while gathering (a site has thousands of quotes and
    // hundreds of speakers), then sorted once.
    let mut people: Vec<Person> = Vec::new();
    let mut at: HashMap<&str, usize, Fast> = HashMap::default();
    let mut add = |q: &'c Quote, unnamed: Option<&'c str>, r: QuoteRef<'c>| {
        let Some(name) = q.speaker.as_deref().or(unnamed) else {
            return;
        };
        let name = name.trim();
        let n = *at.entry(name).or_insert_with(|| {
            people.push(Person {
                name,
                slug: String::new(),
                roles: Vec::new(),
                quotes: Vec::new(),
            });
            people.len() - 1
        });
        let p = &mut people[n];
        if let Some(role) = q.role.as_deref()
            && !p.roles.contains(&role)
        {
            p.roles.push(role);
        }
        p.quotes.push(r);
    };
    for i in &content.inspections {
        for q in &i.quotes {
            add(q, Some(INSPECTORS), QuoteRef::Inspection(i, q));
        }
    }
    for r in &content.responses {
        for q in &r.quotes {
            add(q, None, QuoteRef::Response(r, q));
        }
    }
    people.sort_unstable_by(|a, b| a.name.cmp(b.name));
    let mut used = HashSet::new();
    for p in &mut people {
        let base = match slug::slugify(p.name) {
            s if s.is_empty() => "person".to_string(),
            s => s,
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !used.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        p.slug = slug;
    }
    people
}
