//! Rows for the records' pages: responses, inspections, authorities, their
//! redirects and the people quoted in them.

use super::*;

pub(super) fn response_page_inputs() -> Vec<Case> {
    const P: &str = RESPONSE_PAGE;
    vec![
        case(P, "its title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(P, "its date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(P, "its kind", |t| {
            t.replace(STATEMENT, "kind: statement", "kind: press-release");
        }),
        case(P, "its source.publisher", |t| {
            t.replace(
                STATEMENT,
                "publisher: North Dale Council",
                "publisher: North Dale",
            );
        }),
        case(P, "its source.url", |t| {
            t.replace(STATEMENT, "news/1", "news/2");
        }),
        case(P, "its source.title", |t| {
            t.replace(STATEMENT, "title: Council statement", "title: A statement");
        }),
        case(P, "its quote's text", |t| {
            t.replace(STATEMENT, "We accept the findings.", "We accept.");
        }),
        case(P, "its quote's speaker", |t| {
            t.replace(STATEMENT, "speaker: Jo Bloggs", "speaker: Jo Smith");
        }),
        case(P, "its quote's role", |t| {
            t.replace(STATEMENT, "role: Leader", "role: Former leader");
        }),
        case(P, "its commitments", |t| {
            t.replace(STATEMENT, "Hire social workers", "Hire more social workers");
        }),
        case(P, "its body", |t| {
            t.replace(STATEMENT, "The council responded.", "The council replied.");
        }),
        case(P, "its responds_to", |t| {
            t.replace(
                STATEMENT,
                "responds_to: 2019-ilacs",
                "responds_to: [2019-ilacs, 2015-old]",
            );
        }),
        case(P, "the authority's name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(P, "the answered inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(P, "the answered inspection's published date", |t| {
            t.replace(ILACS, "published: 2019-07", "published: 2019-06");
        }),
        case(P, "the answered inspection's grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(
            P,
            "another authority's speaker taking its speaker's slug",
            jo_loses_the_slug,
        ),
        case(P, "a grade label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "Requires improvement to be good",
                "Requires improvement",
            );
        }),
    ]
}

pub(super) fn inspection_page_inputs_in_its_file() -> Vec<Case> {
    const P: &str = INSPECTION_PAGE;
    vec![
        case(P, "its title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(P, "its visit", |t| {
            t.replace(ILACS, "to: 2019-05-16", "to: 2019-05-17");
        }),
        case(P, "its published date", |t| {
            t.replace(ILACS, "published: 2019-07", "published: 2019-06");
        }),
        case(P, "its overall grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(P, "another judgement's grade", |t| {
            t.replace(ILACS, "leaders: good", "leaders: outstanding");
        }),
        case(P, "its report.url", |t| {
            t.replace(ILACS, "reports.example.org/1", "reports.example.org/2");
        }),
        case(P, "its report.title", |t| {
            t.replace(ILACS, "title: The report", "title: The full report");
        }),
        case(P, "its strengths", |t| {
            t.replace(ILACS, "Strong leaders", "Stronger leaders");
        }),
        case(P, "its concerns", |t| {
            t.replace(ILACS, "Slow assessments", "Slower assessments");
        }),
        case(P, "its recommendations", |t| {
            t.replace(ILACS, "Speed up", "Go faster");
        }),
        case(P, "its recommendation_count", |t| {
            t.replace(ILACS, "recommendation_count: 3", "recommendation_count: 4");
        }),
        case(P, "its quote's text", |t| {
            t.replace(ILACS, "Leaders know their services.", "Leaders know.");
        }),
        case(P, "its quote's speaker", |t| {
            t.replace(ILACS, "speaker: Ann Inspector", "speaker: Ann Other");
        }),
        case(P, "its quote's role", |t| {
            t.replace(ILACS, "role: Lead inspector", "role: Inspector");
        }),
        case(P, "its body", |t| {
            t.replace(ILACS, "The summary.", "The new summary.");
        }),
        case(P, "its framework", |t| {
            t.replace(ILACS, "framework: ilacs", "framework: ilacs-2026")
                .replace(
                    ILACS,
                    "overall: requires-improvement",
                    "help-and-protection: good",
                );
        }),
    ]
}

pub(super) fn inspection_page_inputs_beyond_its_file() -> Vec<Case> {
    const P: &str = INSPECTION_PAGE;
    vec![
        case(P, "a response's title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(P, "a response's date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(P, "a response's quote", |t| {
            t.replace(STATEMENT, "We accept the findings.", "We accept.");
        }),
        case(P, "a response's commitments", |t| {
            t.replace(STATEMENT, "Hire social workers", "Hire more social workers");
        }),
        case(P, "a response added", a_newer_response),
        case(P, "a response removed", |t| {
            t.remove(STATEMENT);
        }),
        case(P, "the authority's name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(
            P,
            "another authority's speaker taking its speaker's slug",
            ann_loses_the_slug,
        ),
        case(
            P,
            "another authority's speaker taking a response speaker's slug",
            jo_loses_the_slug,
        ),
        case(
            P,
            "a newer graded inspection (no longer current)",
            a_newer_inspection,
        ),
        case(P, "the framework's name in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "name: Inspection of local",
                "name: Inspection of all local",
            );
        }),
        case(P, "a judgement label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "leaders: Leaders\n  old",
                "leaders: Leadership\n  old",
            );
        }),
    ]
}

pub(super) fn authority_page_inputs() -> Vec<Case> {
    const P: &str = AUTHORITY_PAGE;
    vec![
        case(P, "its name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(P, "its short_name", |t| {
            t.replace(NORTH, "short_name: North Dale", "short_name: N. Dale");
        }),
        case(P, "its region", north_moves_region),
        case(P, "its kind", |t| {
            t.replace(NORTH, "kind: unitary authority", "kind: county council");
        }),
        case(P, "its ons_code", |t| {
            t.replace(NORTH, "E06000001", "E06000009");
        }),
        case(P, "its website", |t| {
            t.replace(
                NORTH,
                "website: https://north.example.org/",
                "website: https://dale.example.org/",
            );
        }),
        case(P, "its press_page", |t| {
            t.replace(NORTH, "news/\naliases", "press/\naliases");
        }),
        case(P, "its aliases", |t| {
            t.replace(
                NORTH,
                "aliases: [old-dale]",
                "aliases: [old-dale, older-dale]",
            );
        }),
        case(P, "an inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(P, "an inspection's grade", |t| {
            t.replace(
                ILACS,
                "overall: requires-improvement",
                "overall: inadequate",
            );
        }),
        case(P, "an older inspection's grade", |t| {
            t.replace(OLD, "overall: adequate", "overall: inadequate");
        }),
        case(P, "an ungraded visit's date", |t| {
            t.replace(VISIT, "published: 2022-10-04", "published: 2022-11-04");
        }),
        case(P, "an inspection added", a_newer_inspection),
        case(P, "an inspection removed", |t| {
            t.remove(VISIT);
        }),
        case(P, "a response's title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(P, "a response's date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(P, "a grade label in frameworks.yaml", |t| {
            t.replace(
                FRAMEWORKS_FILE,
                "Requires improvement to be good",
                "Requires improvement",
            );
        }),
    ]
}

pub(super) fn redirect_inputs() -> Vec<Case> {
    vec![
        case(
            "authorities/north-dale/latest/index.html",
            "a newer graded inspection",
            a_newer_inspection,
        ),
        case(
            "authorities/north-dale/latest/index.html",
            "the current inspection's slug",
            |t| {
                let text = t.read(ILACS);
                t.remove(ILACS);
                t.file(
                    "content/authorities/north-dale/inspections/2019-05-ilacs.md",
                    &text,
                );
                t.replace(
                    STATEMENT,
                    "responds_to: 2019-ilacs",
                    "responds_to: 2019-05-ilacs",
                );
            },
        ),
        case(
            "authorities/old-dale/latest/index.html",
            "a newer graded inspection",
            a_newer_inspection,
        ),
        case("authorities/older-dale/index.html", "an alias added", |t| {
            t.replace(
                NORTH,
                "aliases: [old-dale]",
                "aliases: [old-dale, older-dale]",
            );
        }),
        case(
            "authorities/old-dale/index.html",
            "its alias removed",
            |t| {
                t.replace(NORTH, "aliases: [old-dale]\n", "");
            },
        ),
    ]
}

pub(super) fn person_and_people_inputs() -> Vec<Case> {
    const JO: &str = "people/jo-bloggs/index.html";
    const ANN: &str = "people/ann-inspector/index.html";
    vec![
        case(JO, "their quote's text", |t| {
            t.replace(STATEMENT, "We accept the findings.", "We accept.");
        }),
        case(JO, "their role", |t| {
            t.replace(STATEMENT, "role: Leader", "role: Former leader");
        }),
        case(JO, "the quoting response's title", |t| {
            t.replace(STATEMENT, "We will improve", "We will do better");
        }),
        case(JO, "the quoting response's date", |t| {
            t.replace(STATEMENT, "date: 2019-07-02", "date: 2019-07-03");
        }),
        case(JO, "the quoting authority's name", |t| {
            t.replace(
                NORTH,
                "name: North Dale Council",
                "name: North Dale Borough Council",
            );
        }),
        case(JO, "another speaker taking their slug", jo_loses_the_slug),
        case(JO, "a new quote of theirs in another authority", |t| {
            t.replace(SOUTH_NEWS, "speaker: Sam Other", "speaker: Jo Bloggs");
        }),
        case(ANN, "their quote in the second authority", |t| {
            t.replace(SOUTH_ILACS, "Fine work.", "Fine work indeed.");
        }),
        case(ANN, "the second authority's name", |t| {
            t.replace(
                SOUTH,
                "name: South Fen Council",
                "name: South Fen District Council",
            );
        }),
        case(ANN, "the quoting inspection's title", |t| {
            t.replace(ILACS, "The 2019 inspection", "The May 2019 inspection");
        }),
        case(ANN, "the quoting inspection's slug", |t| {
            let text = t.read(SOUTH_ILACS);
            t.remove(SOUTH_ILACS);
            t.file(
                "content/authorities/south-fen/inspections/2020-02-ilacs.md",
                &text,
            );
            t.replace(SOUTH_NEWS, "[2020-ilacs]", "[2020-02-ilacs]");
        }),
        case("people/index.html", "a speaker added", |t| {
            t.replace(
                ILACS,
                "role: Lead inspector\n",
                "role: Lead inspector\n  - text: Also.\n    speaker: Bo New\n",
            );
        }),
        case("people/index.html", "a role", |t| {
            t.replace(STATEMENT, "role: Leader", "role: Former leader");
        }),
    ]
}
