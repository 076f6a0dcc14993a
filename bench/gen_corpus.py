#!/usr/bin/env python3
"""Generate a synthetic "ratings portal" site for static-site-generator benchmarks.

Stdlib only, deterministic for a given --seed. The same content is written in
three layouts so that different generators can build the same site:

  --flavor zola     : config.toml, content/, templates/ (Tera)
  --flavor hugo     : config.toml, content/, layouts/  (Go templates)
  --flavor scrutiny : content/ only, in the layout of docs/content-format.md
                      (see write_scrutiny() below for how the model maps onto it)

Content model (defaults: 153 authorities x 12 inspections x 2 responses):
  content/_index.md                                   home page
  content/authorities/_index.md                       list of all authorities
  content/authorities/<slug>/_index.md                one section per authority
  content/authorities/<slug>/inspection-NN.md         inspection page (400-800 words)
  content/authorities/<slug>/inspection-NN-response-M.md   council response (~300 words)

Pages and authority sections are byte-identical between the two flavors; only
content/authorities/_index.md differs (Zola rejects unknown section front
matter keys; Hugo picks that page's layout through `layout`).

--scale K multiplies the number of authorities by K (authority i always gets the
same content, so scale 4 is a superset of scale 1).

The zola and hugo layouts hold content/_index.md, content/authorities/_index.md,
content/authorities/<slug>/_index.md and inspection-NN[-response-M].md (above).
The scrutiny layout holds the same authorities, inspections, responses, quotes
and Markdown bodies; its extra fields (visit dates, strengths, commitments, ...)
come from a second random stream, so adding it changed no byte of the other two.
"""

import argparse
import datetime
import json
import os
import random
import re
import shutil
import sys

WORDS = (
    "the council children families services support plan practice leaders staff social "
    "workers managers quality assurance young people carers partners health education "
    "police safeguarding board early help assessment timely effective consistent oversight "
    "supervision caseloads improvement progress review outcomes needs risk harm protection "
    "placement stability permanence adoption fostering residential care leavers pathway "
    "plans visits records audit learning culture workforce recruitment retention agency "
    "experienced newly qualified practitioners direct work voice views wishes feelings "
    "advocacy independent reviewing officers chairs conferences strategy meetings decisions "
    "thresholds referrals contacts front door multi-agency hub triage response duty teams "
    "disabled children special educational needs inclusion exclusion attendance schools "
    "transitions adult services housing homelessness mental health emotional wellbeing "
    "exploitation missing episodes return interviews contextual safeguarding youth justice "
    "court proceedings legal planning pre-proceedings letters care orders kinship special "
    "guardianship sufficiency commissioning budgets resources demand pressures pandemic "
    "recovery senior elected members scrutiny corporate parenting ambition strengths gaps "
    "weaknesses actions priorities strategy performance data reporting analysis evidence "
    "inspectors found that most some many few in of to and with for on at by from is are "
    "was were has have had been being not always often sometimes rarely well poorly "
    "strong clear limited variable good robust appropriate proportionate sustained recent "
    "significant considerable notable positive negative across within between during after "
    "before since while where when which who whose this these those their its our"
).split()

PREFIXES = ["", "North ", "South ", "East ", "West ", "Greater ", "Upper ", "Lower ",
            "Central ", "Mid "]
STEMS = ["Haldon", "Brackley", "Thornbury", "Ashworth", "Kelsey", "Marlow", "Penrith",
         "Rydal", "Stanmore", "Wexcombe", "Felbridge", "Oakhurst", "Dunmere", "Carrow",
         "Elmstead", "Hartwell", "Lydford", "Norbury", "Quenby", "Sowerby", "Tanfield",
         "Wolvey", "Yarrow", "Bexley Vale", "Coldharbour", "Fairmead", "Glenridding",
         "Holloway Fen", "Ivybridge", "Kingsmoor", "Linthorpe", "Morden Cross",
         "Newstead", "Ormskirk Heath", "Pendle Brook", "Radwell", "Saltmarsh",
         "Tidworth", "Upton Moor", "Whitcombe", "Ystrad", "Zennor", "Brampton",
         "Coleshill", "Dorrington", "Epsworth", "Foxley", "Gransden", "Hembury"]
TYPES = ["Council", "County Council", "City Council", "Borough Council",
         "District Council", "Metropolitan Borough Council", "Unitary Authority"]
REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West"]
GRADES = ["Outstanding", "Good", "Requires improvement", "Inadequate"]
FRAMEWORKS = {
    "ILACS": ["Impact of leaders on social work practice",
              "Experiences and progress of children who need help and protection",
              "Experiences and progress of children in care and care leavers"],
    "SEND": ["Identification of needs", "Assessment and meeting needs",
             "Improving outcomes for children and young people"],
    "JTAI": ["Multi-agency front door", "Joint decision-making",
             "Leadership and partnership oversight"],
    "Adult social care": ["Working with people", "Providing support",
                          "Ensuring safety"],
    "Youth justice": ["Organisational delivery", "Court disposals",
                      "Out-of-court disposals"],
}
FIRST = ["Amelia", "Ben", "Chloe", "Daniel", "Eleanor", "Farid", "Grace", "Harry",
         "Isla", "Jamal", "Katie", "Liam", "Maya", "Niamh", "Owen", "Priya", "Rhys",
         "Sofia", "Tom", "Uma", "Victor", "Wen", "Yusuf", "Zara"]
LAST = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes",
        "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nolan", "O'Brien", "Patel",
        "Quinn", "Roberts", "Singh", "Taylor", "Walsh", "Young"]
ROLES = ["Lead inspector", "Director of children's services", "Chief executive",
         "Lead member for children", "Parent", "Young person", "Social worker",
         "Headteacher", "Designated safeguarding partner"]


def q(s):
    """YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def slugify(s):
    out = []
    for ch in s.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


class Text:
    def __init__(self, rng):
        self.r = rng

    def sentence(self, lo=8, hi=20, emph=True):
        n = self.r.randint(lo, hi)
        w = [self.r.choice(WORDS) for _ in range(n)]
        if not emph:
            pass
        elif self.r.random() < 0.25:
            i = self.r.randrange(n)
            w[i] = "**" + w[i] + "**"
        elif self.r.random() < 0.2:
            i = self.r.randrange(n)
            w[i] = "*" + w[i] + "*"
        s = " ".join(w)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, lo=3, hi=6):
        return " ".join(self.sentence() for _ in range(self.r.randint(lo, hi)))

    def name(self):
        return self.r.choice(FIRST) + " " + self.r.choice(LAST)

    def date(self, y0=2014, y1=2025):
        return "%04d-%02d-%02d" % (self.r.randint(y0, y1), self.r.randint(1, 12),
                                   self.r.randint(1, 28))


def words(md):
    return len(md.split())


def inspection_body(t, slug, n):
    target = t.r.randint(400, 800)
    parts = ["## Summary", t.paragraph(), t.paragraph(),
             "## What needs to improve"]
    parts.append("\n".join("- " + t.sentence(5, 12) for _ in range(t.r.randint(4, 6))))
    parts.append("## Findings")
    parts.append(t.paragraph())
    parts.append("> " + t.sentence(12, 24) + " " + t.sentence(8, 16))
    link = "[the full report](https://reports.example.org/%s/inspection-%02d)" % (slug, n)
    parts.append(t.paragraph() + " Read " + link + " for the evidence base.")
    body = "\n\n".join(parts)
    while words(body) < target:
        body += "\n\n" + t.paragraph()
    return body + "\n"


def response_body(t, slug, n):
    target = t.r.randint(260, 340)
    parts = [t.paragraph(2, 4),
             "### Our commitments",
             "\n".join("1. " + t.sentence(5, 12) for _ in range(3)),
             "> " + t.sentence(10, 20),
             t.paragraph(2, 4) + " See [our improvement plan](https://council.example.org/%s/plan-%02d)." % (slug, n)]
    body = "\n\n".join(parts)
    while words(body) < target:
        body += "\n\n" + t.sentence()
    return body + "\n"


def authority(seed, i, n_insp, n_resp):
    """All content for authority i; independent of the other authorities."""
    r = random.Random("%s-authority-%d" % (seed, i))
    t = Text(r)
    k = i
    stem = STEMS[k % len(STEMS)]
    k //= len(STEMS)
    prefix = PREFIXES[k % len(PREFIXES)]
    k //= len(PREFIXES)
    kind = TYPES[(i * 3 + k) % len(TYPES)]
    name = "%s%s %s" % (prefix, stem, kind)
    if k:
        name += " %d" % (k + 1)
    slug = slugify(name)
    a = {
        "i": i, "name": name, "slug": slug,
        "region": r.choice(REGIONS), "type": kind,
        "population": r.randint(40000, 1400000),
        "intro": t.paragraph(3, 5) + "\n",
        "pages": [],
    }
    for n in range(1, n_insp + 1):
        fw = r.choice(sorted(FRAMEWORKS))
        date = t.date()
        pslug = "inspection-%02d" % n
        resps = []
        for m in range(1, n_resp + 1):
            rslug = "%s-response-%d" % (pslug, m)
            rtitle = "%s response to the %s inspection (%d)" % (name, fw, m)
            rdate = date[:5] + "%02d" % min(12, int(date[5:7]) + m) + date[7:]
            resps.append({
                "slug": rslug, "title": rtitle, "date": rdate,
                "quotes": [{"text": t.sentence(12, 24, False), "speaker": t.name(),
                            "role": r.choice(ROLES)} for _ in range(2)],
                "body": response_body(t, slug, n),
            })
        a["pages"].append({
            "kind": "inspection", "slug": pslug,
            "title": "%s — %s inspection %d" % (name, fw, n),
            "date": date, "framework": fw,
            "overall": r.choice(GRADES),
            "judgements": [{"area": ar, "grade": r.choice(GRADES)} for ar in FRAMEWORKS[fw]],
            "quotes": [{"text": t.sentence(12, 28, False), "speaker": t.name(),
                        "role": r.choice(ROLES)} for _ in range(3)],
            "responses": resps,
            "body": inspection_body(t, slug, n),
        })
    return a


def inspection_md(a, p):
    L = ["---", "title: " + q(p["title"]), "date: " + q(p["date"]),
         "description: " + q("%s inspection of %s" % (p["framework"], a["name"])),
         "extra:", "  kind: inspection", "  authority: " + q(a["slug"]),
         "  framework: " + q(p["framework"]), "  overall: " + q(p["overall"]),
         "  judgements:"]
    for j in p["judgements"]:
        L += ["    - area: " + q(j["area"]), "      grade: " + q(j["grade"])]
    L.append("  quotes:")
    for x in p["quotes"]:
        L += ["    - text: " + q(x["text"]), "      speaker: " + q(x["speaker"]),
              "      role: " + q(x["role"])]
    L.append("  responses:")
    for x in p["responses"]:
        L += ["    - slug: " + q(x["slug"]), "      title: " + q(x["title"])]
    L += ["---", "", p["body"]]
    return "\n".join(L)


def response_md(a, p, x):
    L = ["---", "title: " + q(x["title"]), "date: " + q(x["date"]),
         "description: " + q("Response from %s" % a["name"]),
         "extra:", "  kind: response", "  authority: " + q(a["slug"]),
         "  inspection: " + q(p["slug"]), "  inspection_title: " + q(p["title"]),
         "  quotes:"]
    for y in x["quotes"]:
        L += ["    - text: " + q(y["text"]), "      speaker: " + q(y["speaker"]),
              "      role: " + q(y["role"])]
    L += ["---", "", x["body"]]
    return "\n".join(L)


def section_md(a):
    # sort_by is read by Zola; Hugo keeps it as an unused param.
    L = ["---", "title: " + q(a["name"]),
         "description: " + q("Inspection ratings for " + a["name"]),
         "sort_by: date", "weight: %d" % (a["i"] + 1), "extra:",
         "  region: " + q(a["region"]), "  authority_type: " + q(a["type"]),
         "  population: %d" % a["population"], "---", "", a["intro"]]
    return "\n".join(L)


TITLE = "Ratings portal"

ZOLA_CONFIG = '''base_url = "https://ratings.example.org"
title = "%s"
compile_sass = false
build_search_index = false
generate_feeds = false
generate_sitemap = true
''' % TITLE

HUGO_CONFIG = '''baseURL = "https://ratings.example.org/"
title = "%s"
disableKinds = ["taxonomy", "term", "RSS"]
''' % TITLE

CSS = "body{font-family:sans-serif;max-width:60rem;margin:auto}.grade{font-weight:bold}\n"

# ---- Zola (Tera) templates ------------------------------------------------
ZOLA_T = {
"base.html": '''<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock title %}</title>
<link rel="stylesheet" href="{{ get_url(path="style.css") }}"></head>
<body>
<header><a href="{{ config.base_url }}/">{{ config.title }}</a> · <a href="{{ get_url(path="@/authorities/_index.md") }}">Authorities</a></header>
<main>{% block content %}{% endblock content %}</main>
<footer>{{ config.title }} — synthetic benchmark site</footer>
</body>
</html>
''',
"macros.html": '''{% macro quotes(list) %}{% for q in list %}
<blockquote class="quote"><p>{{ q.text }}</p><footer>{{ q.speaker }}, {{ q.role }}</footer></blockquote>{% endfor %}
{% endmacro quotes %}
{% macro authority_list(paths) %}<ul class="authorities">{% for s in paths %}{% set a = get_section(path=s, metadata_only=true) %}
<li><a href="{{ a.permalink }}">{{ a.title }}</a> — {{ a.extra.region }} ({{ a.extra.authority_type }})</li>{% endfor %}
</ul>{% endmacro authority_list %}
''',
"index.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block content %}
<h1>{{ config.title }}</h1>
{{ section.content | safe }}
{% set auths = get_section(path="authorities/_index.md", metadata_only=true) %}
{{ m::authority_list(paths=auths.subsections) }}
{% endblock content %}
''',
"authorities.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ section.title }}</h1>
{{ m::authority_list(paths=section.subsections) }}
{% endblock content %}
''',
"section.html": '''{% extends "base.html" %}
{% block title %}{{ section.title }} | {{ config.title }}{% endblock title %}
{% block content %}
<h1>{{ section.title }}</h1>
<dl><dt>Region</dt><dd>{{ section.extra.region }}</dd><dt>Type</dt><dd>{{ section.extra.authority_type }}</dd><dt>Population</dt><dd>{{ section.extra.population }}</dd></dl>
{{ section.content | safe }}
<h2>Inspections</h2>
<table class="inspections"><thead><tr><th>Date</th><th>Inspection</th><th>Framework</th><th>Overall</th></tr></thead><tbody>
{% for p in section.pages %}{% if p.extra.kind == "inspection" %}<tr><td>{{ p.date | date(format="%d %B %Y") }}</td><td><a href="{{ p.permalink }}">{{ p.title }}</a></td><td>{{ p.extra.framework }}</td><td class="grade">{{ p.extra.overall }}</td></tr>
{% endif %}{% endfor %}</tbody></table>
<h2>Council responses</h2>
<ul>{% for p in section.pages %}{% if p.extra.kind == "response" %}
<li><a href="{{ p.permalink }}">{{ p.title }}</a> ({{ p.date | date(format="%d %B %Y") }})</li>{% endif %}{% endfor %}
</ul>
{% endblock content %}
''',
"page.html": '''{% extends "base.html" %}{% import "macros.html" as m %}
{% block title %}{{ page.title }} | {{ config.title }}{% endblock title %}
{% block content %}
<article>
<h1>{{ page.title }}</h1>
<p class="meta">Published {{ page.date | date(format="%d %B %Y") }} · {{ page.word_count }} words</p>
{% if page.extra.kind == "inspection" %}
<p>Framework: {{ page.extra.framework }} — Overall effectiveness: <strong class="grade">{{ page.extra.overall }}</strong></p>
<table class="judgements"><thead><tr><th>Area</th><th>Judgement</th></tr></thead><tbody>
{% for j in page.extra.judgements %}<tr><td>{{ j.area }}</td><td class="grade">{{ j.grade }}</td></tr>
{% endfor %}</tbody></table>
{{ m::quotes(list=page.extra.quotes) }}
{{ page.content | safe }}
<h2>Council responses</h2>
<ul>{% for r in page.extra.responses %}
<li><a href="{{ get_url(path="@/authorities/" ~ page.extra.authority ~ "/" ~ r.slug ~ ".md") }}">{{ r.title }}</a></li>{% endfor %}
</ul>
{% else %}
<p>In response to <a href="{{ get_url(path="@/authorities/" ~ page.extra.authority ~ "/" ~ page.extra.inspection ~ ".md") }}">{{ page.extra.inspection_title }}</a></p>
{{ m::quotes(list=page.extra.quotes) }}
{{ page.content | safe }}
{% endif %}
</article>
{% endblock content %}
''',
}

# ---- Hugo (Go template) layouts ---------------------------------------------
HUGO_T = {
"_default/baseof.html": '''<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ block "title" . }}{{ site.Title }}{{ end }}</title>
<link rel="stylesheet" href="{{ "style.css" | absURL }}"></head>
<body>
<header><a href="{{ site.BaseURL }}">{{ site.Title }}</a> · <a href="{{ ref . "/authorities/_index.md" }}">Authorities</a></header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }} — synthetic benchmark site</footer>
</body>
</html>
''',
"partials/quotes.html": '''{{ range . }}
<blockquote class="quote"><p>{{ .text }}</p><footer>{{ .speaker }}, {{ .role }}</footer></blockquote>{{ end }}
''',
"partials/authority_list.html": '''<ul class="authorities">{{ range . }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> — {{ .Params.extra.region }} ({{ .Params.extra.authority_type }})</li>{{ end }}
</ul>''',
"index.html": '''{{ define "main" }}
<h1>{{ site.Title }}</h1>
{{ .Content }}
{{ with site.GetPage "/authorities" }}{{ partial "authority_list.html" .Sections }}{{ end }}
{{ end }}
''',
"authorities/directory.html": '''{{ define "title" }}{{ .Title }} | {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ partial "authority_list.html" .Sections }}
{{ end }}
''',
"_default/list.html": '''{{ define "title" }}{{ .Title }} | {{ site.Title }}{{ end }}
{{ define "main" }}
<h1>{{ .Title }}</h1>
<dl><dt>Region</dt><dd>{{ .Params.extra.region }}</dd><dt>Type</dt><dd>{{ .Params.extra.authority_type }}</dd><dt>Population</dt><dd>{{ .Params.extra.population }}</dd></dl>
{{ .Content }}
<h2>Inspections</h2>
<table class="inspections"><thead><tr><th>Date</th><th>Inspection</th><th>Framework</th><th>Overall</th></tr></thead><tbody>
{{ range .Pages.ByDate.Reverse }}{{ if eq .Params.extra.kind "inspection" }}<tr><td>{{ .Date.Format "02 January 2006" }}</td><td><a href="{{ .Permalink }}">{{ .Title }}</a></td><td>{{ .Params.extra.framework }}</td><td class="grade">{{ .Params.extra.overall }}</td></tr>
{{ end }}{{ end }}</tbody></table>
<h2>Council responses</h2>
<ul>{{ range .Pages.ByDate.Reverse }}{{ if eq .Params.extra.kind "response" }}
<li><a href="{{ .Permalink }}">{{ .Title }}</a> ({{ .Date.Format "02 January 2006" }})</li>{{ end }}{{ end }}
</ul>
{{ end }}
''',
"_default/single.html": '''{{ define "title" }}{{ .Title }} | {{ site.Title }}{{ end }}
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="meta">Published {{ .Date.Format "02 January 2006" }} · {{ .WordCount }} words</p>
{{ $auth := .Params.extra.authority }}
{{ if eq .Params.extra.kind "inspection" }}
<p>Framework: {{ .Params.extra.framework }} — Overall effectiveness: <strong class="grade">{{ .Params.extra.overall }}</strong></p>
<table class="judgements"><thead><tr><th>Area</th><th>Judgement</th></tr></thead><tbody>
{{ range .Params.extra.judgements }}<tr><td>{{ .area }}</td><td class="grade">{{ .grade }}</td></tr>
{{ end }}</tbody></table>
{{ partial "quotes.html" .Params.extra.quotes }}
{{ .Content }}
<h2>Council responses</h2>
<ul>{{ range .Params.extra.responses }}
<li><a href="{{ ref $ (printf "/authorities/%s/%s.md" $auth .slug) }}">{{ .title }}</a></li>{{ end }}
</ul>
{{ else }}
<p>In response to <a href="{{ ref . (printf "/authorities/%s/%s.md" $auth .Params.extra.inspection) }}">{{ .Params.extra.inspection_title }}</a></p>
{{ partial "quotes.html" .Params.extra.quotes }}
{{ .Content }}
{{ end }}
</article>
{{ end }}
''',
}


# ---- scrutiny (docs/content-format.md) ------------------------------------
#
# The scrutiny flavor reuses authority() unchanged: same names, regions,
# inspections, responses, quotes and Markdown bodies. What the contract has and
# the other flavors lack (visit dates, partial dates, frameworks with their own
# scales, strengths, commitments, sources, aliases, ...) is drawn from a second
# random stream per authority, so the zola and hugo output is byte-for-byte what
# it was before this flavor existed.
#
# Mapping of the shared model onto the contract:
#   authority name/region        -> authority.yaml name/region (nine English regions)
#   inspection date              -> `published` (precision varies), slug <YYYY-MM>-<framework>
#   inspection overall + 3 areas -> grades: overall + 3 judgements of the framework;
#                                   the grade's rank (1-4) is kept, the label is the
#                                   framework's own ("Requires improvement" is
#                                   "Adequate" on the 2009 scale)
#   about 1 in 5 inspections     -> an ungraded focused or monitoring visit (no grades)
#   response                     -> responses/<date>-<headline>.md
#   authority intro, population  -> dropped (the contract has no field for them)

SLUG_RE = r"^[a-z0-9]+(-[a-z0-9]+)*$"

SCRUTINY_SITE = '''title: "Children's services scrutiny"
base_url: "https://ratings.example.org/"
description: "Synthetic benchmark corpus: Ofsted inspections of children's services and what councils said about them"
language: en-GB
'''

SCRUTINY_FRAMEWORKS = '''# Synthetic benchmark corpus. Each scale is ordered best to worst; a grade's
# position is its rank. Labels are the inspectorate's own wording.
scales:
  four-point-2013:
    - { id: outstanding, label: Outstanding }
    - { id: good, label: Good }
    - { id: requires-improvement, label: Requires improvement to be good }
    - { id: inadequate, label: Inadequate }
  four-point-2009:
    - { id: outstanding, label: Outstanding }
    - { id: good, label: Good }
    - { id: adequate, label: Adequate }
    - { id: inadequate, label: Inadequate }
frameworks:
  ilacs:
    name: Inspection of local authority children's services
    short: ILACS
    scale: four-point-2013
    judgements:
      overall: Overall effectiveness
      leaders: The impact of leaders on social work practice with children and families
      help-and-protection: The experiences and progress of children who need help and protection
      in-care: The experiences and progress of children in care and care leavers
  sif:
    name: Inspection of services for children in need of help and protection, children looked after and care leavers
    short: SIF
    scale: four-point-2013
    judgements:
      overall: Overall effectiveness
      help-and-protection: The experiences and progress of children who need help and protection
      looked-after: The experiences and progress of children looked after and achieving permanence
      leadership: Leadership, management and governance
  safeguarding-lac:
    name: Inspection of safeguarding and looked after children services
    short: Safeguarding and LAC
    scale: four-point-2009
    judgements:
      overall: Overall effectiveness of safeguarding services
      capacity: Capacity for improvement
      looked-after: Overall effectiveness of services for looked after children
      partnership: Partnership working
  focused-visit:
    name: Focused visit to local authority children's services
    short: Focused visit
  monitoring-visit:
    name: Monitoring visit to local authority children's services
    short: Monitoring visit
'''

# framework key -> (scale, judgement keys after `overall`); None = ungraded
SCRUTINY_FW = {
    "ilacs": ("four-point-2013", ["leaders", "help-and-protection", "in-care"]),
    "sif": ("four-point-2013", ["help-and-protection", "looked-after", "leadership"]),
    "safeguarding-lac": ("four-point-2009", ["capacity", "looked-after", "partnership"]),
    "focused-visit": None,
    "monitoring-visit": None,
}
SCRUTINY_SHORT = {"ilacs": "ILACS", "sif": "SIF", "safeguarding-lac": "Safeguarding and LAC",
                  "focused-visit": "Focused visit", "monitoring-visit": "Monitoring visit"}
SCALE_IDS = {"four-point-2013": ["outstanding", "good", "requires-improvement", "inadequate"],
             "four-point-2009": ["outstanding", "good", "adequate", "inadequate"]}
SCALE_LABELS = {"outstanding": "outstanding", "good": "good",
                "requires-improvement": "requires improvement", "adequate": "adequate",
                "inadequate": "inadequate"}
KIND_OF_TYPE = {  # authority.yaml `kind`, ONS code prefix
    "Council": ("unitary authority", "E06"),
    "County Council": ("county council", "E10"),
    "City Council": ("city council", "E06"),
    "Borough Council": ("unitary authority", "E06"),
    "District Council": ("unitary authority", "E06"),
    "Metropolitan Borough Council": ("metropolitan borough", "E08"),
    "Unitary Authority": ("unitary authority", "E06"),
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
RESPONSE_KINDS = (["press-release"] * 8 + ["statement"] * 3 + ["committee-record"] * 3
                  + ["improvement-plan"] * 2 + ["news-report"] * 3 + ["letter"])
HEADLINES = {
    "press-release": ["{short} Council responds to Ofsted {fw} findings",
                      "Council pledges swift response to Ofsted report",
                      "Ofsted rates {short} children's services {grade}",
                      "Council welcomes inspectors' recognition of progress"],
    "statement": ["Statement on the Ofsted {fw} report",
                  "Director of children's services: statement on Ofsted findings"],
    "committee-record": ["Cabinet record: Ofsted {fw} of children's services",
                         "Children and Young People Scrutiny Committee: Ofsted action plan"],
    "improvement-plan": ["Improvement plan following the {fw} of {month}",
                         "Children's services improvement plan: progress update"],
    "news-report": ["{short} children's services {grade}, say inspectors",
                    "Inspectors find {short} council's children's services {grade}",
                    "Ofsted inspectors return to {short} children's services"],
    "letter": ["Letter to the Secretary of State about the Ofsted findings",
               "Letter to partners on the Ofsted {fw} outcome"],
}
FREE_PAGES = {
"about": ("About this portal", '''This portal brings together what **Ofsted inspectors** found in each English
local authority's children's services and what the council said and did
afterwards. Everything here is synthetic benchmark content.

## What you will find

- every inspection and visit since 2009, with the judgements the inspectorate used;
- the council's press releases, statements, committee records and improvement plans;
- the people quoted, with every quote they gave in one place.

## Open data

| file | contents |
|---|---|
| `/data/authorities.json` | every authority with its current rating |
| `/data/inspections.json` | every inspection, with its grades |
| `/data/responses.json` | every response, with its source |

The data is free to reuse.[^licence]

[^licence]: Under the Open Government Licence (synthetic text for benchmarking).
'''),
"methodology": ("Methodology", '''## How ratings are shown

An authority's current rating is the overall grade of its most recently
published *graded* inspection. Focused visits and monitoring visits are shown in
the timeline but never change the rating. Before 2013 the third grade was
"Adequate"; it was replaced by "Requires improvement to be good", and we show
each grade as the inspectorate wrote it (~~we never translate one into the other~~).

## Dates

Sources often give only a month or a year. We show a date at its own precision
and never invent a day.

| precision | shown as |
|---|---|
| year | 2019 |
| month | May 2019 |
| day | 1 July 2019 |

## Sources

Each summary is written in the portal's own words and links to the inspectorate's
report and to the council's own publication.[^1]

[^1]: Quotes are verbatim, with the speaker and role the source gives.
'''),
"accessibility": ("Accessibility statement", '''We want as many people as possible to be able to use this website. You should
be able to:

1. change colours, contrast levels and fonts;
2. zoom in up to 400% without the text spilling off the screen;
3. navigate the whole site using just a keyboard or speech recognition software;
4. listen to the site using a screen reader.

## Compliance status

This website aims to be fully compliant with the
[Web Content Accessibility Guidelines version 2.2](https://www.w3.org/TR/WCAG22/) AA
standard.

## Reporting problems

If you find a problem that we have not listed, tell the editors. We aim to reply
within *5 working days*.
'''),
}


def pdate(y, m, d, prec):
    """A partial date at precision 'y', 'm' or 'd'."""
    return {"y": "%04d" % y, "m": "%04d-%02d" % (y, m), "d": "%04d-%02d-%02d" % (y, m, d)}[prec]


def ydate(s, quoted):
    """A date field value: quoted or plain (plain YYYY is a YAML int, plain
    YYYY-MM-DD a YAML timestamp: the contract accepts both)."""
    return q(s) if quoted else s


def shift_days(date, days):
    y, m, d = map(int, date.split("-"))
    return (datetime.date(y, m, d) + datetime.timedelta(days=days)).isoformat()


def scrutiny_authority(seed, a):
    """The scrutiny-only fields for authority `a` (from authority()), drawn from
    their own random stream."""
    rs = random.Random("%s-scrutiny-%d" % (seed, a["i"]))
    ts = Text(rs)
    kind, ons = KIND_OF_TYPE[a["type"]]
    if a["region"] == "London" and kind == "unitary authority":
        kind, ons = "London borough", "E09"
    short = a["name"][: -len(a["type"])].rstrip()
    k = a["i"] // (len(STEMS) * len(PREFIXES))
    if k:
        short += " %d" % (k + 1)
    aliases = []
    if a["i"] % 17 == 3:
        aliases.append(slugify(short))
        if a["i"] % 34 == 3:
            aliases.append(slugify(short) + "-childrens-services")
    s = {"short": short, "kind": kind, "ons": "%s%06d" % (ons, a["i"] + 1),
         "website": "https://council.example.org/%s/" % a["slug"],
         "press": "https://council.example.org/%s/news/" % a["slug"],
         "aliases": aliases, "insp": []}

    # Inspections in date order, so that slugs and `responds_to` lists are stable.
    order = sorted(range(len(a["pages"])), key=lambda n: (a["pages"][n]["date"], n))
    used = set()
    prev_slug = None
    for n in range(len(a["pages"])):
        p = a["pages"][n]
        y, m, d = map(int, p["date"].split("-"))
        roll = rs.random()
        if roll < 0.1:
            fw = "focused-visit"
        elif roll < 0.2:
            fw = "monitoring-visit"
        elif y <= 2015:
            fw = "safeguarding-lac"
        elif y <= 2017:
            fw = "sif"
        else:
            fw = "ilacs"
        vfrom = shift_days(p["date"], -rs.randint(35, 80))
        vto = shift_days(vfrom, rs.randint(3, 14) if SCRUTINY_FW[fw] else rs.randint(1, 2))
        slug = vfrom[:7] + "-" + fw
        if slug in used:
            i = 2
            while "%s-%d" % (slug, i) in used:
                i += 1
            slug = "%s-%d" % (slug, i)
        used.add(slug)
        prec = rs.choices("dmy", weights=[70, 20, 10])[0]
        vprec = rs.choices(["d", "m", None], weights=[75, 15, 10])[0]
        grades = None
        if SCRUTINY_FW[fw]:
            scale, areas = SCRUTINY_FW[fw]
            ids = SCALE_IDS[scale]
            grades = [("overall", ids[GRADES.index(p["overall"])])]
            grades += [(key, ids[GRADES.index(j["grade"])])
                       for key, j in zip(areas, p["judgements"])]
        recs = [ts.sentence(5, 10, False)[:-1] for _ in range(rs.randint(2, 6))] if grades else []
        rec_count = None
        r2 = rs.random()
        if r2 < 0.15:
            rec_count, recs = len(recs) + rs.randint(1, 4), []   # the number, not the list
        elif r2 < 0.35:
            rec_count = len(recs) + rs.randint(0, 3)
        s["insp"].append({
            "n": n, "slug": slug, "fw": fw, "grades": grades,
            "title": None if rs.random() < 0.15 else "%s: %s, %s %d" % (
                short, SCRUTINY_SHORT[fw].lower() if fw.endswith("visit") else
                "inspection of children's services", MONTHS[m - 1], y),
            "pub": [y, m, d, prec, rs.random() < 0.5],
            "visit": None if vprec is None else (
                ydate(pdate(*map(int, vfrom.split("-")), vprec), rs.random() < 0.5),
                ydate(pdate(*map(int, vto.split("-")), vprec), rs.random() < 0.5)),
            "strengths": [ts.sentence(5, 10, False)[:-1] for _ in range(rs.randint(2, 4))],
            "concerns": [ts.sentence(5, 10, False)[:-1] for _ in range(rs.randint(1, 4))],
            "recommendations": recs, "recommendation_count": rec_count,
            "responses": [],
        })
    # The rating rule takes the graded inspection with the latest `published`,
    # sorting a partial date at its earliest day. Where a partial date would tie
    # for the latest, give the tied dates in full so the current rating is defined.
    def earliest(pub):
        y, m, d, prec = pub[:4]
        return (y, m if prec != "y" else 1, d if prec == "d" else 1)
    graded = [x for x in s["insp"] if x["grades"]]
    if graded:
        top = max(earliest(x["pub"]) for x in graded)
        tied = [x for x in graded if earliest(x["pub"]) == top]
        if len(tied) > 1:
            for x in tied:
                x["pub"][3] = "d"
    for x in s["insp"]:
        y, m, d, prec, quoted = x["pub"]
        x["published"] = ydate(pdate(y, m, d, prec), quoted)
    by_n = {x["n"]: x for x in s["insp"]}
    # a few responses answer this inspection and the one before it (a list)
    prev = {}
    for j, n in enumerate(order):
        prev[n] = by_n[order[j - 1]]["slug"] if j else None
    rused = set()
    for n, p in enumerate(a["pages"]):
        x_i = by_n[n]
        grade = None
        if x_i["grades"]:
            grade = SCALE_LABELS[x_i["grades"][0][1]]
        for x in p["responses"]:
            kind = rs.choice(RESPONSE_KINDS)
            fmt = rs.choice([h for h in HEADLINES[kind] if grade or "{grade}" not in h])
            y, m, d = map(int, x["date"].split("-"))
            headline = fmt.format(short=short, fw=SCRUTINY_SHORT[x_i["fw"]],
                                  grade=grade, month="%s %d" % (MONTHS[m - 1], y))
            rslug = x["date"] + "-" + "-".join(slugify(headline).split("-")[:6])
            if rslug in rused:
                i = 2
                while "%s-%d" % (rslug, i) in rused:
                    i += 1
                rslug = "%s-%d" % (rslug, i)
            rused.add(rslug)
            r3 = rs.random()
            if r3 < 0.08 and prev[n]:
                responds = [x_i["slug"], prev[n]]
            elif r3 < 0.15:
                responds = [x_i["slug"]]
            else:
                responds = x_i["slug"]
            if kind == "news-report":
                publisher = "The %s Gazette" % STEMS[(a["i"] * 7 + n) % len(STEMS)]
                url = "https://news.example.org/%s/%s" % (slugify(a["region"]), rslug)
            else:
                publisher = a["name"]
                url = "https://council.example.org/%s/news/%s" % (a["slug"], rslug)
            if kind == "committee-record" and rs.random() < 0.3:
                url = None
            x_i["responses"].append({
                "x": x, "slug": rslug, "title": headline, "kind": kind,
                "date": ydate(pdate(y, m, d, rs.choices("dm", weights=[90, 10])[0]),
                              rs.random() < 0.5),
                "responds_to": responds,
                "source": (publisher, url, headline if rs.random() < 0.7 else
                           "%s: %s" % (publisher, headline)),
                "commitments": [ts.sentence(5, 12, False)[:-1]
                                for _ in range(rs.randint(0, 4))],
                "crlf": rs.random() < 0.01, "bom": rs.random() < 0.01,
            })
        x_i["crlf"], x_i["bom"] = rs.random() < 0.01, rs.random() < 0.01
    return s


def yaml_list(key, items, indent=""):
    if not items:
        return []
    return [indent + key + ":"] + [indent + "  - " + q(v) for v in items]


def yaml_quotes(quotes):
    L = ["quotes:"]
    for x in quotes:
        L += ["  - text: " + q(x["text"]), "    speaker: " + q(x["speaker"]),
              "    role: " + q(x["role"])]
    return L


def scrutiny_authority_yaml(a, s):
    L = ["name: " + q(a["name"]), "short_name: " + q(s["short"]),
         "region: " + q(a["region"]), "kind: " + q(s["kind"]),
         "ons_code: " + s["ons"], "website: " + q(s["website"]),
         "press_page: " + q(s["press"])]
    L += yaml_list("aliases", s["aliases"])
    return "\n".join(L) + "\n"


def scrutiny_inspection_md(a, p, x):
    L = ["---", "framework: " + x["fw"]]
    if x["title"]:
        L.append("title: " + q(x["title"]))
    if x["visit"]:
        L.append("visit: { from: %s, to: %s }" % x["visit"])
    L.append("published: " + x["published"])
    if x["grades"]:
        L.append("grades:")
        L += ["  %s: %s" % g for g in x["grades"]]
    L += ["report:",
          "  url: " + q("https://reports.example.org/%s/%s" % (a["slug"], x["slug"])),
          "  title: " + q("%s: %s" % (a["name"], SCRUTINY_SHORT[x["fw"]]))]
    L += yaml_list("strengths", x["strengths"])
    L += yaml_list("concerns", x["concerns"])
    L += yaml_list("recommendations", x["recommendations"])
    if x["recommendation_count"] is not None:
        L.append("recommendation_count: %d" % x["recommendation_count"])
    L += yaml_quotes(p["quotes"])
    L += ["---", "", p["body"]]
    return "\n".join(L)


def scrutiny_response_md(r):
    x = r["x"]
    L = ["---", "title: " + q(r["title"]), "date: " + r["date"], "kind: " + r["kind"]]
    if isinstance(r["responds_to"], list):
        L += yaml_list("responds_to", r["responds_to"])
    else:
        L.append("responds_to: " + r["responds_to"])
    publisher, url, title = r["source"]
    L += ["source:", "  publisher: " + q(publisher)]
    if url:
        L.append("  url: " + q(url))
    L.append("  title: " + q(title))
    L += yaml_quotes(x["quotes"])
    L += yaml_list("commitments", r["commitments"])
    L += ["---", "", x["body"]]
    return "\n".join(L)


def editor_bytes(text, crlf, bom):
    """A few files are saved as an editor on another system would: CRLF, BOM."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + text


def write_scrutiny(args, out, n_auth):
    """Write the scrutiny layout; return the summary dict."""
    slug_ok = re.compile(SLUG_RE).match
    c = os.path.join(out, "content")
    st = {"files": 0, "bytes": 0, "body_words": 0, "authorities": 0, "inspections": 0,
          "graded": 0, "responses": 0, "free_pages": 0, "latest_redirects": 0,
          "alias_redirects": 0, "responds_to_lists": 0}

    def put(rel, text):
        data = text.encode("utf-8")
        path = os.path.join(c, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        st["files"] += 1
        st["bytes"] += len(data)

    put("site.yaml", SCRUTINY_SITE)
    put("frameworks.yaml", SCRUTINY_FRAMEWORKS)
    for name, (title, body) in FREE_PAGES.items():
        put(os.path.join("pages", name + ".md"), "---\ntitle: %s\n---\n\n%s" % (q(title), body))
        st["free_pages"] += 1
    slugs = set()
    for i in range(n_auth):
        a = authority(args.seed, i, args.inspections, args.responses)
        s = scrutiny_authority(args.seed, a)
        for sl in [a["slug"]] + s["aliases"]:
            if sl in slugs or not slug_ok(sl):
                sys.exit("bad or duplicate authority slug or alias: " + sl)
            slugs.add(sl)
        d = os.path.join("authorities", a["slug"])
        put(os.path.join(d, "authority.yaml"), scrutiny_authority_yaml(a, s))
        st["authorities"] += 1
        st["alias_redirects"] += len(s["aliases"])
        st["latest_redirects"] += any(x["grades"] for x in s["insp"])
        for x in s["insp"]:
            p = a["pages"][x["n"]]
            put(os.path.join(d, "inspections", x["slug"] + ".md"),
                editor_bytes(scrutiny_inspection_md(a, p, x), x["crlf"], x["bom"]))
            st["inspections"] += 1
            st["graded"] += bool(x["grades"])
            st["body_words"] += words(p["body"])
            for r in x["responses"]:
                put(os.path.join(d, "responses", r["slug"] + ".md"),
                    editor_bytes(scrutiny_response_md(r), r["crlf"], r["bom"]))
                st["responses"] += 1
                st["responds_to_lists"] += isinstance(r["responds_to"], list)
                st["body_words"] += words(r["x"]["body"])
    st["content_pages"] = st["inspections"] + st["responses"] + st["free_pages"]
    st["site_pages"] = (1 + 1 + st["authorities"] + st["inspections"] + st["responses"]
                        + st["free_pages"] + st["latest_redirects"])
    return st


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--flavor", choices=["zola", "hugo", "scrutiny"], required=True)
    ap.add_argument("--out", required=True, help="site directory to (re)create")
    ap.add_argument("--authorities", type=int, default=153)
    ap.add_argument("--inspections", type=int, default=12)
    ap.add_argument("--responses", type=int, default=2, help="per inspection")
    ap.add_argument("--scale", type=int, default=1, help="multiplies --authorities")
    ap.add_argument("--seed", default="42")
    ap.add_argument("--summary-json", metavar="FILE",
                    help="scrutiny flavor: also write the summary as JSON to FILE")
    args = ap.parse_args(argv)

    out = args.out
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    n_auth = args.authorities * args.scale
    home_intro = ("Synthetic inspection ratings for %d local authorities.\n" % n_auth)

    if args.flavor == "scrutiny":
        st = write_scrutiny(args, out, n_auth)
        st["scale"] = args.scale
        st["seed"] = args.seed
        print("%s: scrutiny corpus, scale %d, seed %s" % (out, args.scale, args.seed))
        print("  files: %d (%.1f MiB), %d body words" % (st["files"], st["bytes"] / 2**20,
                                                         st["body_words"]))
        print("  authorities %d (%d aliases), inspections %d (%d graded, %d ungraded), "
              "responses %d (%d with a responds_to list), free pages %d"
              % (st["authorities"], st["alias_redirects"], st["inspections"], st["graded"],
                 st["inspections"] - st["graded"], st["responses"],
                 st["responds_to_lists"], st["free_pages"]))
        print("  site pages: %d = home 1 + authorities list 1 + authority pages %d "
              "+ inspections %d + responses %d + free pages %d + latest redirects %d"
              % (st["site_pages"], st["authorities"], st["inspections"], st["responses"],
                 st["free_pages"], st["latest_redirects"]))
        print("  (not counted: %d alias redirects, data files, feed, sitemap, robots.txt, 404)"
              % st["alias_redirects"])
        if args.summary_json:
            with open(args.summary_json, "w", encoding="utf-8") as f:
                json.dump(st, f, indent=1, sort_keys=True)
                f.write("\n")
        return

    if args.flavor == "zola":
        write(os.path.join(out, "config.toml"), ZOLA_CONFIG)
        for name, body in ZOLA_T.items():
            write(os.path.join(out, "templates", name), body)
        write(os.path.join(out, "static", "style.css"), CSS)
        write(os.path.join(out, "content", "_index.md"),
              "---\ntitle: %s\n---\n\n%s" % (q(TITLE), home_intro))
        write(os.path.join(out, "content", "authorities", "_index.md"),
              "---\ntitle: \"Authorities\"\ntemplate: \"authorities.html\"\nsort_by: weight\n---\n")
    else:
        write(os.path.join(out, "config.toml"), HUGO_CONFIG)
        for name, body in HUGO_T.items():
            write(os.path.join(out, "layouts", name), body)
        write(os.path.join(out, "static", "style.css"), CSS)
        write(os.path.join(out, "content", "_index.md"),
              "---\ntitle: %s\n---\n\n%s" % (q(TITLE), home_intro))
        write(os.path.join(out, "content", "authorities", "_index.md"),
              "---\ntitle: \"Authorities\"\nlayout: \"directory\"\n---\n")

    n_pages = n_sections = n_bytes = n_words = 0
    base = os.path.join(out, "content", "authorities")
    for i in range(n_auth):
        a = authority(args.seed, i, args.inspections, args.responses)
        d = os.path.join(base, a["slug"])
        if os.path.exists(d):
            sys.exit("duplicate authority slug: " + a["slug"])
        s = section_md(a)
        write(os.path.join(d, "_index.md"), s)
        n_sections += 1
        n_bytes += len(s.encode())
        for p in a["pages"]:
            t = inspection_md(a, p)
            write(os.path.join(d, p["slug"] + ".md"), t)
            n_pages += 1
            n_bytes += len(t.encode())
            n_words += words(p["body"])
            for x in p["responses"]:
                t = response_md(a, p, x)
                write(os.path.join(d, x["slug"] + ".md"), t)
                n_pages += 1
                n_bytes += len(t.encode())
                n_words += words(x["body"])
    print("%s: %d authorities, %d pages, %d sections (+2), %.1f MiB markdown, %d body words"
          % (out, n_auth, n_pages, n_sections, n_bytes / 2**20, n_words))


if __name__ == "__main__":
    main()
