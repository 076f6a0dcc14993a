// Finds the pages of a built site and picks which ones to test.
//
// Every page is a folder with index.html, so the URL path is the folder. Pages are
// grouped into types by URL shape (home, authority, inspection, ...). For each type the
// largest file is the representative (the richest page: most content, most markup),
// and up to `extra` more are added, smallest first then spread by size, so edge cases
// such as an authority with no inspections are covered too. Redirect pages (meta
// refresh: /latest/ and slug aliases) are never browser-tested; their targets are
// checked to exist instead.

import fs from 'node:fs';
import path from 'node:path';

/** Known page types, in report order. The 404 page is added separately. */
export const PAGE_TYPES = [
  ['home', /^\/$/],
  ['authorities', /^\/authorities\/$/],
  ['authority', /^\/authorities\/[^/]+\/$/],
  ['inspection', /^\/authorities\/[^/]+\/inspections\/[^/]+\/$/],
  ['response', /^\/authorities\/[^/]+\/responses\/[^/]+\/$/],
  ['page', /^\/pages\/[^/]+\/$/],
  ['search', /^\/search\/$/],
  ['people', /^\/people\/$/],
  ['person', /^\/people\/[^/]+\/$/],
  ['ratings', /^\/ratings\/$/],
  ['regions', /^\/regions\/$/],
  ['region', /^\/regions\/[^/]+\/$/],
  ['frameworks', /^\/frameworks\/$/],
  ['framework', /^\/frameworks\/[^/]+\/$/],
];

export const MISSING_URL = '/scrutiny-harness-missing/no-such-page/';

/** Every file under dir, as posix paths relative to dir, sorted. */
export function walkFiles(dir) {
  const out = [];
  const visit = (abs, rel) => {
    for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
      const a = path.join(abs, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) visit(a, r);
      else if (entry.isFile()) out.push(r);
    }
  };
  visit(dir, '');
  return out.sort();
}

/** Page type name for a URL path, or a generated 'other-…' name. */
export function classify(urlPath) {
  for (const [name, re] of PAGE_TYPES) if (re.test(urlPath)) return name;
  const segs = urlPath.split('/').filter(Boolean);
  // Generalise slugs: odd positions after a section name are items.
  return 'other-' + segs.map((s, i) => (i % 2 === 1 ? 'item' : s.replace(/[^a-z0-9-]/gi, '_'))).join('-');
}

const REFRESH_RE = /<meta\b[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>/i;
const CONTENT_URL_RE = /content\s*=\s*["'][^"']*?url\s*=\s*['"]?([^"'>\s]+)/i;

/** Base path the site was built for, from the home page's canonical link or the sitemap. */
export function detectBasePath(siteDir) {
  const home = path.join(siteDir, 'index.html');
  if (fs.existsSync(home)) {
    const html = fs.readFileSync(home, 'utf8');
    const m = html.match(/<link\b[^>]*rel\s*=\s*["']?canonical["']?[^>]*>/i);
    const href = m && m[0].match(/href\s*=\s*["']([^"']+)["']/i);
    if (href) {
      try {
        return new URL(href[1]).pathname.replace(/[^/]*$/, '') || '/';
      } catch { /* relative or bad: fall through */ }
    }
  }
  const sitemap = path.join(siteDir, 'sitemap.xml');
  if (fs.existsSync(sitemap)) {
    const locs = [...fs.readFileSync(sitemap, 'utf8').matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((m) => m[1]);
    const paths = locs.map((l) => { try { return new URL(l).pathname; } catch { return null; } }).filter(Boolean);
    if (paths.length) return paths.sort((a, b) => a.length - b.length)[0].replace(/[^/]*$/, '') || '/';
  }
  return '/';
}

/** Pick `extra` more items from a list sorted largest first (index 0 already taken). */
export function pickSpread(sortedDesc, extra) {
  const rest = sortedDesc.slice(1);
  if (extra <= 0 || rest.length === 0) return [];
  if (rest.length <= extra) return rest;
  const picked = [rest[rest.length - 1]]; // smallest
  const pool = rest.slice(0, -1);
  const need = extra - 1;
  for (let k = 1; k <= need; k++) {
    // evenly spaced positions through the remaining pool
    const idx = Math.min(pool.length - 1, Math.round((k * pool.length) / (need + 1)) - 1);
    const item = pool[Math.max(0, idx)];
    if (!picked.includes(item)) picked.push(item);
  }
  return picked;
}

/**
 * Discover the site. Returns
 *   { htmlFiles, pages, redirects, byType: Map(type → pages sorted largest first),
 *     has404, basePath }
 * where a page is { url, file, rel, size, type }.
 */
export function discoverSite(siteDir, { basePath } = {}) {
  const files = walkFiles(siteDir);
  const htmlFiles = files.filter((f) => /\.html?$/i.test(f));
  const pages = [];
  const redirects = [];
  for (const rel of htmlFiles) {
    if (!/(^|\/)index\.html$/.test(rel)) continue;
    const file = path.join(siteDir, rel);
    const url = '/' + rel.replace(/index\.html$/, '');
    const size = fs.statSync(file).size;
    const head = fs.readFileSync(file, 'utf8').slice(0, 4096);
    const refresh = head.match(REFRESH_RE);
    if (refresh) {
      const target = refresh[0].match(CONTENT_URL_RE);
      redirects.push({ url, file, rel, size, target: target ? target[1] : null });
      continue;
    }
    pages.push({ url, file, rel, size, type: classify(url) });
  }
  const order = new Map(PAGE_TYPES.map(([n], i) => [n, i]));
  const byType = new Map();
  for (const p of pages) {
    if (!byType.has(p.type)) byType.set(p.type, []);
    byType.get(p.type).push(p);
  }
  for (const list of byType.values()) list.sort((a, b) => b.size - a.size || a.url.localeCompare(b.url));
  const sortedTypes = [...byType.keys()].sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9) || a.localeCompare(b));
  const sortedByType = new Map(sortedTypes.map((t) => [t, byType.get(t)]));
  return {
    files,
    htmlFiles,
    pages,
    redirects,
    byType: sortedByType,
    has404: fs.existsSync(path.join(siteDir, '404.html')),
    basePath: basePath ?? detectBasePath(siteDir),
  };
}

/**
 * The pages to browser-test: { url, type, rep, expectStatus, file }.
 * rep = true for the one representative of its type (screenshots, extra checks).
 */
export function selectPages(site, { all = false, extra = 3, types = null } = {}) {
  const out = [];
  for (const [type, list] of site.byType) {
    if (types && !types.includes(type)) continue;
    const chosen = all ? list : [list[0], ...pickSpread(list, extra)];
    chosen.forEach((p, i) => out.push({ ...p, rep: i === 0, expectStatus: 200 }));
  }
  if (!types || types.includes('404')) {
    out.push({ url: MISSING_URL, file: null, rel: '404.html', size: 0, type: '404', rep: true, expectStatus: 404 });
  }
  return out;
}
