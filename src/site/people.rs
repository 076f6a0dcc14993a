//! People: every named speaker, with each quote they gave across all files.
//! The same `speaker` text in different files is the same person. A quote on
//! an inspection without a `speaker` is the inspectors' (shown as
//! [`INSPECTORS`]), and is gathered on their page like any other.

use std::collections::{BTreeMap, HashSet};

use super::INSPECTORS;
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
pub fn gather(content: &Content) -> Vec<Person<'_>> {
    let mut map: BTreeMap<&str, Person> = BTreeMap::new();
    fn add<'c>(
        map: &mut BTreeMap<&'c str, Person<'c>>,
        q: &'c Quote,
        unnamed: Option<&'c str>,
        r: QuoteRef<'c>,
    ) {
        let Some(name) = q.speaker.as_deref().or(unnamed) else {
            return;
        };
        let name = name.trim();
        let p = map.entry(name).or_insert_with(|| Person {
            name,
            slug: String::new(),
            roles: Vec::new(),
            quotes: Vec::new(),
        });
        if let Some(role) = q.role.as_deref()
            && !p.roles.contains(&role)
        {
            p.roles.push(role);
        }
        p.quotes.push(r);
    }
    for i in &content.inspections {
        for q in &i.quotes {
            add(&mut map, q, Some(INSPECTORS), QuoteRef::Inspection(i, q));
        }
    }
    for r in &content.responses {
        for q in &r.quotes {
            add(&mut map, q, None, QuoteRef::Response(r, q));
        }
    }
    let mut used = HashSet::new();
    let mut people: Vec<Person> = map.into_values().collect();
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
