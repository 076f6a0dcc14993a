#!/usr/bin/env python3
"""Check a content tree against docs/content-format.md (the scrutiny contract).

    python3 validate_scrutiny.py DIR        # DIR is a content/ folder or a folder holding one

Reports every problem it finds as `path:line: field: message` (path relative to
the content root) and exits 1 if there was any, else 0. Then prints a short
summary of what the tree holds. Needs PyYAML (Debian: python3-yaml; PyPI: PyYAML).

It checks the contract's rules: the layout, the slug rule, UTF-8 (BOM and CRLF
allowed), front matter between two `---` lines, required fields and their types,
partial dates, absolute http(s) URLs, frameworks and grade scales, grades against
the framework, visit order, recommendation_count, response kinds, responds_to
against the same authority's inspections, and that aliases do not collide. It
is stricter than the contract in three ways, so that a generated corpus uses
only what the contract defines: unknown field names are errors (with the nearest
known name), files outside the layout are errors, and `region` must be one of
the nine English regions.

It does not judge Markdown bodies or anything only a build can show (URLs of
output pages, open data). Warnings (not errors) flag an authority whose latest
graded inspections tie on `published`, where the rating rule does not decide.
"""

import datetime
import difflib
import os
import re
import sys
from urllib.parse import urlsplit

try:
    import yaml
except ImportError:
    sys.exit("validate_scrutiny.py needs PyYAML: apt-get install python3-yaml, or pip install PyYAML")

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
REGIONS = {"North East", "North West", "Yorkshire and the Humber", "East Midlands",
           "West Midlands", "East of England", "London", "South East", "South West"}
RESPONSE_KINDS = ["press-release", "statement", "committee-record", "improvement-plan",
                  "news-report", "letter"]

SITE_FIELDS = {"title", "base_url", "description", "language"}
AUTHORITY_FIELDS = {"name", "short_name", "region", "kind", "ons_code", "website",
                    "press_page", "aliases"}
INSPECTION_FIELDS = {"framework", "title", "visit", "published", "grades", "report",
                     "strengths", "concerns", "recommendations", "recommendation_count",
                     "quotes"}
RESPONSE_FIELDS = {"title", "date", "kind", "responds_to", "source", "quotes",
                   "commitments"}
QUOTE_FIELDS = {"text", "speaker", "role"}
# The contract names no fields for free pages; `title` is the one a page needs.
PAGE_FIELDS = {"title", "description"}

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DuplicateKeyLoader(Loader):
    """Safe loader that rejects a key given twice in one mapping."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for k, _ in node.value:
            key = self.construct_object(k, deep=deep)
            try:
                dup = key in seen
                seen.add(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    None, None, "a mapping key must be a plain value", k.start_mark)
            if dup:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate key %r" % (key,), k.start_mark)
        return super().construct_mapping(node, deep=deep)


class Problems:
    def __init__(self):
        self.errors = []
        self.warnings = []


class Doc:
    """One YAML document (a .yaml file or a front matter block) and its origin."""

    def __init__(self, probs, rel, yaml_text, first_line):
        self.p, self.rel, self.text, self.first = probs, rel, yaml_text, first_line
        self._nodes = None

    def line(self, path):
        """The file line of the value at `path` (a tuple of keys and indexes)."""
        if self._nodes is None:
            try:
                self._nodes = yaml.compose(self.text, Loader=Loader)
            except yaml.YAMLError:
                self._nodes = False
        node, line = self._nodes, 0
        for step in path:
            if not node:
                break
            line = node.start_mark.line
            if isinstance(node, yaml.MappingNode):
                nxt = None
                for k, v in node.value:
                    if k.value == step:
                        nxt, line = v, k.start_mark.line
                node = nxt
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) \
                    and step < len(node.value):
                node = node.value[step]
                line = node.start_mark.line
            else:
                node = None
        return self.first + line

    def err(self, path, msg):
        field = ".".join(str(s) for s in path) or "-"
        self.p.errors.append("%s:%d: %s: %s" % (self.rel, self.line(path), field, msg))

    def warn(self, path, msg):
        field = ".".join(str(s) for s in path) or "-"
        self.p.warnings.append("%s:%d: %s: %s" % (self.rel, self.line(path), field, msg))


def nearest(name, known):
    m = difflib.get_close_matches(str(name), sorted(known), n=1, cutoff=0.6)
    return " (did you mean `%s`?)" % m[0] if m else ""


def read_text(probs, root, rel):
    try:
        with open(os.path.join(root, rel), "rb") as f:
            data = f.read()
    except OSError as e:
        probs.errors.append("%s:0: -: cannot read: %s" % (rel, e))
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        probs.errors.append("%s:%d: -: not UTF-8 (byte %d)" % (rel, line, e.start))
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n")


def load_yaml(probs, rel, text, first_line=1):
    doc = Doc(probs, rel, text, first_line)
    try:
        data = yaml.load(text, Loader=DuplicateKeyLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = first_line + mark.line if mark else first_line
        msg = " ".join(str(getattr(e, "problem", None) or e).split())
        probs.errors.append("%s:%d: -: YAML error: %s" % (rel, line, msg))
        return doc, None
    return doc, data


def load_front_matter(probs, root, rel):
    """(Doc, front matter dict or None, body) of a .md file."""
    text = read_text(probs, root, rel)
    if text is None:
        return None, None, None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        probs.errors.append("%s:1: -: front matter must start with a `---` line" % rel)
        return None, None, None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if end is None:
        probs.errors.append("%s:1: -: no closing `---` line after the front matter" % rel)
        return None, None, None
    doc, data = load_yaml(probs, rel, "\n".join(lines[1:end]) + "\n", first_line=2)
    if data is not None and not isinstance(data, dict):
        doc.err((), "front matter must be a mapping, found %s" % type(data).__name__)
        data = None
    return doc, data, "\n".join(lines[end + 1:])


# ---- field checks -----------------------------------------------------------

def check_keys(doc, path, data, known):
    for k in data:
        if k not in known:
            doc.err(path + (k,), "unknown field%s; known: %s"
                    % (nearest(k, known), ", ".join(sorted(known))))


def is_str(v):
    return isinstance(v, str) and v.strip() != ""


def want_str(doc, path, data, key, required=False):
    if key not in data:
        if required:
            doc.err(path + (key,), "required field is missing")
        return None
    v = data[key]
    if not is_str(v):
        doc.err(path + (key,), "expected a non-empty string, found %r" % (v,))
        return None
    return v


def want_url(doc, path, data, key, required=False):
    v = want_str(doc, path, data, key, required)
    if v is None:
        return None
    u = urlsplit(v)
    if u.scheme not in ("http", "https") or not u.netloc or any(c.isspace() for c in v):
        doc.err(path + (key,), "expected an absolute http(s) URL, found %r" % v)
        return None
    return v


def want_str_list(doc, path, data, key):
    if key not in data:
        return None
    v = data[key]
    if not isinstance(v, list):
        doc.err(path + (key,), "expected a list of strings")
        return None
    for i, s in enumerate(v):
        if not is_str(s):
            doc.err(path + (key, i), "expected a non-empty string, found %r" % (s,))
    return v


def parse_date(v):
    """(earliest day as date, precision 'y'/'m'/'d') or None. Accepts the
    contract's YYYY, YYYY-MM, YYYY-MM-DD, quoted (str) or not (int, date)."""
    if isinstance(v, bool) or isinstance(v, datetime.datetime):
        return None
    if isinstance(v, datetime.date):
        return v, "d"
    if isinstance(v, int):
        v = str(v)
    if not isinstance(v, str):
        return None
    m = DATE.match(v)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        return datetime.date(y, int(mo or 1), int(d or 1)), "ymd"[(mo is not None) + (d is not None)]
    except ValueError:
        return None


def want_date(doc, path, data, key, required=False):
    if key not in data:
        if required:
            doc.err(path + (key,), "required field is missing")
        return None
    r = parse_date(data[key])
    if r is None:
        doc.err(path + (key,), "expected a date YYYY, YYYY-MM or YYYY-MM-DD, found %r"
                % (data[key],))
    return r


def check_quotes(doc, data, stats):
    if "quotes" not in data:
        return
    qs = data["quotes"]
    if not isinstance(qs, list):
        doc.err(("quotes",), "expected a list of quotes")
        return
    for i, q in enumerate(qs):
        path = ("quotes", i)
        if not isinstance(q, dict):
            doc.err(path, "expected a mapping with `text` (and `speaker`, `role`)")
            continue
        check_keys(doc, path, q, QUOTE_FIELDS)
        want_str(doc, path, q, "text", required=True)
        sp = want_str(doc, path, q, "speaker")
        want_str(doc, path, q, "role")
        stats["quotes"] += 1
        stats["speakers"].add(sp or "Ofsted inspectors")


# ---- files ------------------------------------------------------------------

def check_site(probs, root, stats):
    rel = "site.yaml"
    text = read_text(probs, root, rel)
    if text is None:
        return None
    doc, d = load_yaml(probs, rel, text)
    if d is None:
        return None
    if not isinstance(d, dict):
        doc.err((), "expected a mapping")
        return None
    check_keys(doc, (), d, SITE_FIELDS)
    want_str(doc, (), d, "title", required=True)
    base = want_url(doc, (), d, "base_url", required=True)
    want_str(doc, (), d, "description")
    want_str(doc, (), d, "language")
    return base


def check_frameworks(probs, root):
    """{framework key: (scale ids or None, judgement keys)}"""
    rel = "frameworks.yaml"
    text = read_text(probs, root, rel)
    if text is None:
        return {}
    doc, d = load_yaml(probs, rel, text)
    if d is None:
        return {}
    if not isinstance(d, dict):
        doc.err((), "expected a mapping with `scales` and `frameworks`")
        return {}
    check_keys(doc, (), d, {"scales", "frameworks"})
    scales = {}
    sc = d.get("scales", {})
    if not isinstance(sc, dict):
        doc.err(("scales",), "expected a mapping of scale id to an ordered list of grades")
        sc = {}
    for sid, grades in sc.items():
        path = ("scales", sid)
        if not isinstance(grades, list) or not grades:
            doc.err(path, "expected a non-empty list of { id, label }, best first")
            continue
        ids = []
        for i, g in enumerate(grades):
            if not isinstance(g, dict):
                doc.err(path + (i,), "expected { id, label }")
                continue
            check_keys(doc, path + (i,), g, {"id", "label"})
            gid = want_str(doc, path + (i,), g, "id", required=True)
            want_str(doc, path + (i,), g, "label", required=True)
            if gid is not None:
                if gid in ids:
                    doc.err(path + (i, "id"), "grade `%s` appears twice in the scale" % gid)
                ids.append(gid)
        scales[sid] = ids
    out = {}
    fws = d.get("frameworks")
    if not isinstance(fws, dict) or not fws:
        doc.err(("frameworks",), "expected a non-empty mapping of framework key to framework")
        return out
    for key, fw in fws.items():
        path = ("frameworks", key)
        if not isinstance(fw, dict):
            doc.err(path, "expected a mapping with `name`")
            continue
        check_keys(doc, path, fw, {"name", "short", "scale", "judgements"})
        want_str(doc, path, fw, "name", required=True)
        want_str(doc, path, fw, "short")
        scale = None
        if "scale" in fw:
            scale = fw["scale"]
            if scale not in scales:
                doc.err(path + ("scale",), "unknown scale %r; scales: %s"
                        % (scale, ", ".join(sorted(scales))))
                scale = None
        judgements = fw.get("judgements", {})
        if judgements is None or not isinstance(judgements, dict):
            doc.err(path + ("judgements",), "expected a mapping of judgement key to label")
            judgements = {}
        for jk, label in judgements.items():
            if not is_str(label):
                doc.err(path + ("judgements", jk), "expected a label string")
        if "scale" in fw and not judgements:
            doc.err(path + ("judgements",), "a graded framework needs at least one judgement")
        out[key] = (scales.get(scale) if scale else None, set(judgements))
    return out


def check_authority(probs, root, slug, stats):
    rel = "authorities/%s/authority.yaml" % slug
    if not os.path.isfile(os.path.join(root, rel)):
        probs.errors.append("%s:0: -: missing: every authority folder needs authority.yaml" % rel)
        return []
    text = read_text(probs, root, rel)
    if text is None:
        return []
    doc, d = load_yaml(probs, rel, text)
    if d is None and not text.strip():
        d = {}  # an empty file: report its missing required fields
    if d is None:
        return []
    if not isinstance(d, dict):
        doc.err((), "expected a mapping")
        return []
    check_keys(doc, (), d, AUTHORITY_FIELDS)
    want_str(doc, (), d, "name", required=True)
    want_str(doc, (), d, "short_name")
    region = want_str(doc, (), d, "region", required=True)
    if region is not None and region not in REGIONS:
        doc.err(("region",), "%r is not one of the nine English regions: %s"
                % (region, ", ".join(sorted(REGIONS))))
    want_str(doc, (), d, "kind")
    ons = want_str(doc, (), d, "ons_code")
    if ons is not None and not re.fullmatch(r"E\d{8}", ons):
        doc.err(("ons_code",), "expected an ONS code like E06000004, found %r" % ons)
    want_url(doc, (), d, "website")
    want_url(doc, (), d, "press_page")
    aliases = want_str_list(doc, (), d, "aliases") or []
    good = []
    for i, a in enumerate(aliases):
        if is_str(a) and not SLUG.match(a):
            doc.err(("aliases", i), "%r does not follow the slug rule" % a)
        elif is_str(a):
            good.append((a, doc.line(("aliases", i))))
    stats["aliases"] += len(good)
    return good


def check_inspection(probs, root, rel, fws, stats):
    doc, d, _ = load_front_matter(probs, root, rel)
    if d is None:
        return None
    check_keys(doc, (), d, INSPECTION_FIELDS)
    fwk = d.get("framework")
    fw = None
    if fwk is None:
        doc.err(("framework",), "required field is missing")
    elif not isinstance(fwk, str) or fwk not in fws:
        doc.err(("framework",), "unknown framework %r%s; frameworks: %s"
                % (fwk, nearest(fwk, fws), ", ".join(sorted(fws))))
    else:
        fw = fws[fwk]
    want_str(doc, (), d, "title")
    if "visit" in d:
        v = d["visit"]
        if not isinstance(v, dict):
            doc.err(("visit",), "expected { from: DATE, to: DATE }")
        else:
            check_keys(doc, ("visit",), v, {"from", "to"})
            a = want_date(doc, ("visit",), v, "from")
            b = want_date(doc, ("visit",), v, "to")
            if a and b and b[0] < a[0]:
                doc.err(("visit", "to"), "`to` (%s) is before `from` (%s)" % (v["to"], v["from"]))
    pub = want_date(doc, (), d, "published", required=True)
    if pub:
        stats["precision"][pub[1]] += 1
    graded = False
    overall = None
    if fw is not None:
        ids, judgements = fw
        g = d.get("grades")
        if ids is None:
            if g:
                doc.err(("grades",), "framework `%s` is ungraded; it takes no grades" % fwk)
        elif g is None:
            doc.err(("grades",), "required for graded framework `%s`" % fwk)
        elif not isinstance(g, dict):
            doc.err(("grades",), "expected a mapping of judgement to grade")
        else:
            if "overall" in judgements and "overall" not in g:
                doc.err(("grades", "overall"), "required field is missing")
            if not g:
                doc.err(("grades",), "expected at least one judgement's grade")
            for jk, gv in g.items():
                if jk not in judgements:
                    doc.err(("grades", jk), "not a judgement of `%s`%s; judgements: %s"
                            % (fwk, nearest(jk, judgements), ", ".join(sorted(judgements))))
                if gv not in ids:
                    doc.err(("grades", jk), "unknown grade %r%s; `%s` allows: %s"
                            % (gv, nearest(gv, ids), fwk, ", ".join(ids)))
            graded = any(gv in ids for gv in g.values())
            overall = g.get("overall")
            stats["judgements"] += len(g)
    if "report" in d:
        r = d["report"]
        if not isinstance(r, dict):
            doc.err(("report",), "expected { url, title }")
        else:
            check_keys(doc, ("report",), r, {"url", "title"})
            want_url(doc, ("report",), r, "url")
            want_str(doc, ("report",), r, "title")
    for k in ("strengths", "concerns"):
        want_str_list(doc, (), d, k)
    recs = want_str_list(doc, (), d, "recommendations") or []
    if "recommendation_count" in d:
        n = d["recommendation_count"]
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            doc.err(("recommendation_count",), "expected a non-negative integer, found %r" % (n,))
        elif n < len(recs):
            doc.err(("recommendation_count",), "%d is less than the %d recommendations listed"
                    % (n, len(recs)))
        stats["recommendation_count"] += 1
    check_quotes(doc, d, stats)
    return {"graded": graded, "published": pub, "overall": overall, "doc": doc}


def check_response(probs, root, rel, inspections, stats):
    doc, d, _ = load_front_matter(probs, root, rel)
    if d is None:
        return None
    check_keys(doc, (), d, RESPONSE_FIELDS)
    want_str(doc, (), d, "title", required=True)
    date = want_date(doc, (), d, "date", required=True)
    if date:
        stats["precision"][date[1]] += 1
    kind = d.get("kind")
    if kind is None:
        doc.err(("kind",), "required field is missing")
    elif kind not in RESPONSE_KINDS:
        doc.err(("kind",), "unknown kind %r%s; allowed: %s"
                % (kind, nearest(kind, RESPONSE_KINDS), ", ".join(RESPONSE_KINDS)))
    else:
        stats["kinds"][kind] = stats["kinds"].get(kind, 0) + 1
    rt = d.get("responds_to")
    if rt is None:
        doc.err(("responds_to",), "required field is missing")
    else:
        if isinstance(rt, list):
            stats["responds_to_lists"] += 1
            if not rt:
                doc.err(("responds_to",), "an empty list; name at least one inspection")
            items = [(("responds_to", i), s) for i, s in enumerate(rt)]
        else:
            items = [(("responds_to",), rt)]
        for path, s in items:
            if not isinstance(s, str) or not SLUG.match(s):
                doc.err(path, "expected an inspection slug, found %r" % (s,))
            elif s not in inspections:
                doc.err(path, "no inspection `%s` in this authority%s" % (s, nearest(s, inspections)))
    src = d.get("source")
    if src is None:
        doc.err(("source",), "required field is missing")
    elif not isinstance(src, dict):
        doc.err(("source",), "expected { publisher, url, title }")
    else:
        check_keys(doc, ("source",), src, {"publisher", "url", "title"})
        want_str(doc, ("source",), src, "publisher", required=True)
        want_url(doc, ("source",), src, "url")
        want_str(doc, ("source",), src, "title")
    check_quotes(doc, d, stats)
    want_str_list(doc, (), d, "commitments")


def md_slugs(probs, root, reldir):
    """Slugs of the .md files in reldir (errors for anything else there)."""
    out = []
    for name in sorted(os.listdir(os.path.join(root, reldir))):
        rel = reldir + "/" + name
        if os.path.isdir(os.path.join(root, rel)) or not name.endswith(".md"):
            probs.errors.append("%s:0: -: not part of the layout (only <slug>.md files here)" % rel)
        elif not SLUG.match(name[:-3]):
            probs.errors.append("%s:0: -: file name `%s` does not follow the slug rule "
                                "(lower-case letters and digits in groups joined by single "
                                "hyphens)" % (rel, name[:-3]))
        else:
            out.append(name[:-3])
    return out


def validate(root):
    probs = Problems()
    stats = {"authorities": 0, "inspections": 0, "graded": 0, "responses": 0, "pages": 0,
             "aliases": 0, "quotes": 0, "speakers": set(), "judgements": 0,
             "responds_to_lists": 0, "recommendation_count": 0, "kinds": {},
             "precision": {"y": 0, "m": 0, "d": 0}, "files": 0, "bytes": 0, "rated": 0}
    for dp, _, fns in os.walk(root):
        for fn in fns:
            stats["files"] += 1
            stats["bytes"] += os.path.getsize(os.path.join(dp, fn))
    top = set(os.listdir(root))
    for name in sorted(top - {"site.yaml", "frameworks.yaml", "pages", "authorities"}):
        probs.errors.append("%s:0: -: not part of the layout" % name)
    for name in ("site.yaml", "frameworks.yaml"):
        if name not in top:
            probs.errors.append("%s:0: -: missing (required)" % name)
    if "site.yaml" in top:
        check_site(probs, root, stats)
    fws = check_frameworks(probs, root) if "frameworks.yaml" in top else {}
    if os.path.isdir(os.path.join(root, "pages")):
        for slug in md_slugs(probs, root, "pages"):
            doc, d, _ = load_front_matter(probs, root, "pages/%s.md" % slug)
            if d is not None:
                check_keys(doc, (), d, PAGE_FIELDS)
                want_str(doc, (), d, "title")
                want_str(doc, (), d, "description")
            stats["pages"] += 1
    owners = {}  # slug or alias -> where it was claimed
    adir = os.path.join(root, "authorities")
    for slug in sorted(os.listdir(adir)) if os.path.isdir(adir) else []:
        rel = "authorities/" + slug
        if not os.path.isdir(os.path.join(root, rel)):
            probs.errors.append("%s:0: -: not part of the layout (only authority folders here)" % rel)
            continue
        if not SLUG.match(slug):
            probs.errors.append("%s:0: -: folder name `%s` does not follow the slug rule" % (rel, slug))
            continue
        stats["authorities"] += 1
        if slug in owners:
            probs.errors.append("%s:0: -: slug `%s` is already an alias in %s" % (rel, slug, owners[slug]))
        owners[slug] = rel
        for alias, line in check_authority(probs, root, slug, stats):
            where = "%s/authority.yaml:%d" % (rel, line)
            if alias in owners:
                probs.errors.append("%s: aliases: `%s` is already taken by %s" % (where, alias, owners[alias]))
            owners.setdefault(alias, where)
        for name in sorted(os.listdir(os.path.join(root, rel))):
            if name not in ("authority.yaml", "inspections", "responses") or \
                    (name != "authority.yaml" and not os.path.isdir(os.path.join(root, rel, name))):
                probs.errors.append("%s/%s:0: -: not part of the layout" % (rel, name))
        insp = {}
        if os.path.isdir(os.path.join(root, rel, "inspections")):
            for islug in md_slugs(probs, root, rel + "/inspections"):
                r = check_inspection(probs, root, "%s/inspections/%s.md" % (rel, islug), fws, stats)
                insp[islug] = r
                stats["inspections"] += 1
                stats["graded"] += bool(r and r["graded"])
        graded = [(r["published"][0], s) for s, r in insp.items() if r and r["graded"] and r["published"]]
        if graded:
            stats["rated"] += 1
            graded.sort()
            top_day = graded[-1][0]
            tied = [s for day, s in graded if day == top_day]
            if len(tied) > 1:
                insp[tied[-1]]["doc"].warn(("published",), "ties with %s for the latest graded "
                                           "inspection; the rating rule does not decide"
                                           % ", ".join(tied[:-1]))
        if os.path.isdir(os.path.join(root, rel, "responses")):
            for rslug in md_slugs(probs, root, rel + "/responses"):
                check_response(probs, root, "%s/responses/%s.md" % (rel, rslug), insp, stats)
                stats["responses"] += 1
    return probs, stats


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip())
        return 2
    root = argv[1]
    if os.path.isdir(os.path.join(root, "content")):
        root = os.path.join(root, "content")
    if not os.path.isdir(root):
        print("not a folder: %s" % root, file=sys.stderr)
        return 2
    probs, st = validate(root)
    for w in probs.warnings:
        print("warning: " + w)
    for e in probs.errors:
        print("error: " + e)
    pr = st["precision"]
    print("%s: %d files (%.1f MiB); %d authorities (%d aliases, %d rated), %d inspections "
          "(%d graded, %d ungraded), %d responses, %d free pages"
          % (root, st["files"], st["bytes"] / 2**20, st["authorities"], st["aliases"],
             st["rated"], st["inspections"], st["graded"], st["inspections"] - st["graded"],
             st["responses"], st["pages"]))
    print("  dates by precision: %d YYYY, %d YYYY-MM, %d YYYY-MM-DD; %d quotes by %d speakers; "
          "%d responds_to lists; %d recommendation_count; kinds: %s"
          % (pr["y"], pr["m"], pr["d"], st["quotes"], len(st["speakers"]),
             st["responds_to_lists"], st["recommendation_count"],
             ", ".join("%s %d" % kv for kv in sorted(st["kinds"].items()))))
    print("%s: %d errors, %d warnings" % ("INVALID" if probs.errors else "valid",
                                         len(probs.errors), len(probs.warnings)))
    return 1 if probs.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
