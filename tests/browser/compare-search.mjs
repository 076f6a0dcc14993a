#!/usr/bin/env node
// The reader sees the same search from our index as from Pagefind's.
//
//   node tests/browser/compare-search.mjs OURS_DIR PAGEFIND_DIR
//
// OURS_DIR and PAGEFIND_DIR are the same content built twice: by `scrutiny build`
// and by `SCRUTINY_SEARCH_INDEXER=pagefind scrutiny build` (Pagefind's own indexer).
// Each is served and its index loaded through its own pinned `pagefind.js` in headless
// Chromium; the same queries (derived from the records: words across the range of
// frequencies, 2- and 3-word phrases, quote fragments, words with apostrophes,
// hyphens and accents, each filter alone and combined) run on both, and every
// result's record and score (order among equal scores free), and the first
// results' URL, title, excerpt, sub-results, anchors and filters must be the same.
// A result is known by its record's URL: the two name their fragments (the ids the
// client gives results) by different hashes, ours by XXH3 and Pagefind's by SHA-1.
// Prints `N queries, M mismatches` and the first differences; exit 1 on a mismatch.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

import { startServer } from './lib/server.mjs';

const MIN_QUERIES = 300;
/** How many results of each query are compared whole (data and excerpt). */
const DETAILED = 8;

/** The base path a built site is served under, from its home page's canonical link. */
function basePathOf(dir) {
  const home = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const canonical = home.match(/<link rel="canonical" href="([^"]+)"/);
  return canonical ? new URL(canonical[1]).pathname : '/';
}

/** Every record of a built index: its fragment files' JSON. */
function records(dir) {
  const fragments = path.join(dir, 'search', 'pagefind', 'fragment');
  return fs.readdirSync(fragments).sort().map((f) => {
    const bytes = zlib.gunzipSync(fs.readFileSync(path.join(fragments, f)));
    return JSON.parse(bytes.subarray('pagefind_dcd'.length).toString('utf8'));
  });
}

/** Each fragment's id (its file's name, which the client gives its results) to its record's URL. */
function urlsById(dir) {
  const fragments = path.join(dir, 'search', 'pagefind', 'fragment');
  return new Map(fs.readdirSync(fragments).map((f) => {
    const bytes = zlib.gunzipSync(fs.readFileSync(path.join(fragments, f)));
    const { url } = JSON.parse(bytes.subarray('pagefind_dcd'.length).toString('utf8'));
    return [f.replace(/\.pf_fragment$/, ''), url];
  }));
}

/** An answer with each result known by its record's URL, ordered by score, then URL. */
function byUrl(answer, urls) {
  const results = answer.results.map(([id, score]) => [urls.get(id) ?? `unknown fragment ${id}`, score]);
  results.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { ...answer, results };
}

/** A small deterministic generator, so every run asks the same queries. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The queries: [text or null, filters]. */
export function queries(recs) {
  const rnd = random(17);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const out = [];
  const words = (text) => text.split(/\s+/).filter(Boolean);
  const bare = (w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  const counts = new Map();
  for (const r of recs) for (const w of words(r.content)) {
    const b = bare(w).toLowerCase();
    if (b) counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const byFrequency = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : 1));
  // Single words across the range of frequencies.
  for (let i = 0; i < 90; i++) out.push([byFrequency[Math.floor((i / 90) ** 2 * byFrequency.length)], {}]);
  // Phrases of 2 and 3 words, and quoted fragments of quotes.
  const phrase = (r, n) => {
    const ws = words(r.content);
    const from = Math.floor(rnd() * Math.max(1, ws.length - n));
    return ws.slice(from, from + n).join(' ');
  };
  for (let i = 0; i < 40; i++) out.push([phrase(pick(recs), 2), {}]);
  for (let i = 0; i < 40; i++) out.push([phrase(pick(recs), 3), {}]);
  // What was said in each quote: a record's words from a "blockquote"
  // anchor to the next anchor (src/render/search/mod.rs, `anchor`).
  const quotes = recs.flatMap((r) => {
    const ws = r.content.split(' ');
    const marks = [...r.anchors].sort((a, b) => a.location - b.location);
    return marks.flatMap((m, i) => (m.element === 'blockquote'
      ? [{ content: ws.slice(m.location, marks[i + 1]?.location ?? ws.length).join(' ') }] : []));
  });
  for (let i = 0; i < 40 && quotes.length; i++) {
    const p = phrase(pick(quotes), 4 + (i % 3));
    out.push([i % 2 ? `"${p}"` : p, {}]);
  }
  // Names and words with apostrophes, hyphens and accents, as written.
  const odd = [...new Set(recs.flatMap((r) => words(`${r.meta.title} ${r.content}`)))]
    .filter((w) => /['’\-]|[^\x00-\x7f]/.test(w)).sort();
  for (let i = 0; i < 40 && odd.length; i++) out.push([pick(odd), {}]);
  // Each filter value alone (with and without a query), then combined.
  const values = {};
  for (const r of recs) for (const [f, vs] of Object.entries(r.filters)) {
    for (const v of vs) (values[f] ??= new Set()).add(v);
  }
  const common = byFrequency.slice(0, 10);
  for (const [f, vs] of Object.entries(values)) for (const v of [...vs].sort()) {
    out.push([null, { [f]: v }]);
    out.push([pick(common), { [f]: v }]);
  }
  const names = Object.keys(values).sort();
  for (let i = 0; out.length < MIN_QUERIES + 20; i++) {
    const filters = {};
    for (const f of names) if (rnd() < 0.5) filters[f] = pick([...values[f]].sort());
    out.push([i % 3 ? pick(byFrequency.slice(0, 200)) : null, filters]);
  }
  return out;
}

/** Runs every query through the index's own `pagefind.js`; one answer per query. */
async function runAll(context, origin, basePath, qs) {
  const page = await context.newPage();
  await page.goto(`${origin}${basePath}`);
  return page.evaluate(async ({ script, qs, detailed }) => {
    const pagefind = await import(script);
    await pagefind.init();
    const answers = [];
    for (const [q, filters] of qs) {
      const found = await pagefind.search(q, { filters });
      const results = found.results.map((r) => [r.id, r.score]);
      const first = await Promise.all(found.results.slice(0, detailed).map(async (r) => {
        const d = await r.data();
        const subs = d.sub_results.map((s) => [s.url, s.title, s.excerpt]);
        return JSON.stringify([r.score, d.url, d.meta, d.excerpt, d.word_count, subs, d.anchors, d.filters]);
      }));
      answers.push({ results, first: first.sort(), filters: found.filters });
    }
    return answers;
  }, { script: `${origin}${basePath}search/pagefind/pagefind.js`, qs, detailed: DETAILED });
}

async function main() {
  const [ours, theirs] = process.argv.slice(2);
  if (!ours || !theirs) {
    console.error('usage: node tests/browser/compare-search.mjs OURS_DIR PAGEFIND_DIR');
    process.exit(2);
  }
  const qs = queries(records(ours));
  const basePath = basePathOf(ours);
  const servers = await Promise.all([ours, theirs].map((d) => startServer(d, { basePath })));
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-compare-'));
  process.once('exit', () => fs.rmSync(userDataDir, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
    serviceWorkers: 'block',
  });
  let answers;
  try {
    answers = await Promise.all(servers.map((s) => runAll(context, s.origin, basePath, qs)));
  } finally {
    await context.close();
    await Promise.all(servers.map((s) => s.close()));
  }
  const [a, b] = answers.map((each, i) => {
    const urls = urlsById([ours, theirs][i]);
    return each.map((answer) => byUrl(answer, urls));
  });
  const mismatches = [];
  let results = 0;
  qs.forEach(([q, filters], i) => {
    results += a[i].results.length;
    if (JSON.stringify(a[i]) !== JSON.stringify(b[i])) mismatches.push({ q, filters, ours: a[i], pagefind: b[i] });
  });
  const empty = a.filter((x) => x.results.length === 0).length;
  console.log(`${qs.length} queries (${results} results, ${empty} with none), ${mismatches.length} mismatches`);
  for (const m of mismatches.slice(0, 5)) {
    console.log(`\nquery ${JSON.stringify(m.q)} filters ${JSON.stringify(m.filters)}`);
    console.log(`  ours:     ${JSON.stringify(m.ours).slice(0, 600)}`);
    console.log(`  pagefind: ${JSON.stringify(m.pagefind).slice(0, 600)}`);
  }
  if (qs.length < MIN_QUERIES) {
    console.log(`only ${qs.length} queries: at least ${MIN_QUERIES} are needed`);
    process.exit(1);
  }
  process.exit(mismatches.length ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
