// Self-test of the browser harness (node's test runner):
//
//   node --test tests/browser/selftest.mjs
//
// Unit tests for the server, page discovery, focus and text-diff logic, then the whole
// harness on two generated sample sites: a clean one that must pass every check, and
// one with planted defects (fixtures/make-sample-site.mjs) each of which must be
// reported. The browser part is skipped when /usr/bin/chromium is missing.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { startServer } from './lib/server.mjs';
import { classify, pickSpread, discoverSite, selectPages, detectBasePath } from './lib/discover.mjs';
import { focusIndicator, isTransparent } from './lib/focus.mjs';
import { diffLines } from './lib/textdiff.mjs';
import { makeSampleSite, BROKEN_EXPECTATIONS } from './fixtures/make-sample-site.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUN = path.join(HERE, 'run.mjs');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-harness-selftest-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function get(origin, p, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(origin + p, { method }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('server: index files, redirects, 404 page, content types, base path', async () => {
  const site = makeSampleSite(path.join(tmp, 'server-site'), { basePath: '/portal/' });
  fs.writeFileSync(path.join(site, 'pixel.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
  const s = await startServer(site, { basePath: '/portal/' });
  try {
    assert.match(s.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    const home = await get(s.origin, '/');
    assert.equal(home.status, 200);
    assert.equal(home.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(home.body, /<h1>Children's services inspections<\/h1>/);

    assert.equal((await get(s.origin, '/authorities/')).status, 200);
    assert.equal((await get(s.origin, '/portal/authorities/')).status, 200, 'base path is stripped');
    const redir = await get(s.origin, '/authorities');
    assert.equal(redir.status, 301);
    assert.equal(redir.headers.location, '/authorities/');
    assert.equal((await get(s.origin, '/portal')).headers.location, '/portal/');

    const missing = await get(s.origin, '/no/such/page/');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /Page not found/);
    assert.equal((await get(s.origin, '/%2e%2e/%2e%2e/etc/passwd')).status, 404);
    assert.equal((await get(s.origin, '/index.html', 'HEAD')).status, 200);
    assert.equal((await get(s.origin, '/', 'POST')).status, 405);

    const types = {
      '/style.css': 'text/css; charset=utf-8',
      '/chart.svg': 'image/svg+xml',
      '/data/authorities.json': 'application/json; charset=utf-8',
      '/feed.xml': 'application/xml; charset=utf-8',
      '/data/inspections.csv': 'text/csv; charset=utf-8',
      '/robots.txt': 'text/plain; charset=utf-8',
      '/site.js': 'text/javascript; charset=utf-8',
      '/pixel.png': 'image/png',
    };
    for (const [p, type] of Object.entries(types)) {
      const r = await get(s.origin, p);
      assert.equal(r.status, 200, p);
      assert.equal(r.headers['content-type'], type, p);
    }
  } finally {
    await s.close();
  }
});

test('discover: page types, representative = largest, base path', () => {
  assert.equal(classify('/'), 'home');
  assert.equal(classify('/authorities/'), 'authorities');
  assert.equal(classify('/authorities/hartlepool/'), 'authority');
  assert.equal(classify('/authorities/hartlepool/inspections/2019-05-ilacs/'), 'inspection');
  assert.equal(classify('/authorities/hartlepool/responses/x/'), 'response');
  assert.equal(classify('/pages/about/'), 'page');
  assert.equal(classify('/people/lisa-evans/'), 'person');
  assert.equal(classify('/regions/north-east/'), 'region');
  assert.equal(classify('/frameworks/ilacs/'), 'framework');
  assert.equal(classify('/tags/foo/'), 'other-tags-item');

  assert.deepEqual(pickSpread(['a', 'b', 'c'], 3), ['b', 'c']);
  const many = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9'];
  const picked = pickSpread(many, 3);
  assert.equal(picked.length, 3);
  assert.equal(picked[0], 'l9', 'smallest first');
  assert.ok(!picked.includes('l0'));

  const dir = makeSampleSite(path.join(tmp, 'discover-site'), { basePath: '/portal/' });
  assert.equal(detectBasePath(dir), '/portal/');
  const site = discoverSite(dir);
  assert.equal(site.redirects.length, 3, 'the /latest/ redirects');
  const sel = selectPages(site, { extra: 3 });
  const reps = Object.fromEntries(sel.filter((p) => p.rep).map((p) => [p.type, p.url]));
  assert.equal(reps.authority, '/authorities/stockton-on-tees/');
  assert.equal(reps.inspection, '/authorities/stockton-on-tees/inspections/2019-05-ilacs/');
  assert.equal(reps['404'], '/scrutiny-harness-missing/no-such-page/');
  assert.equal(sel.filter((p) => p.type === 'authority').length, 3);
  assert.equal(selectPages(site, { extra: 0 }).filter((p) => p.type === 'authority').length, 1);
  assert.equal(selectPages(site, { all: true }).length, site.pages.length + 1);

  const plain = makeSampleSite(path.join(tmp, 'root-site'), { basePath: '/' });
  assert.equal(detectBasePath(plain), '/');
});

test('focus indicator and text diff logic', () => {
  const base = { 'outline-style': 'none', 'outline-width': '0px', 'outline-color': 'rgb(0, 0, 0)', 'box-shadow': 'none', color: 'rgb(0, 0, 0)' };
  const snap = (self) => ({ self: { ...base, ...self }, before: { content: 'none' }, after: { content: 'none' }, parent: { ...base } });
  assert.equal(focusIndicator(snap({}), snap({})).ok, false);
  assert.equal(focusIndicator(snap({ 'outline-style': 'solid', 'outline-width': '3px' }), snap({})).ok, true);
  assert.equal(focusIndicator(snap({ 'outline-style': 'auto', 'outline-width': '1px' }), snap({})).ok, true);
  assert.equal(focusIndicator(snap({ 'outline-style': 'solid', 'outline-width': '3px', 'outline-color': 'rgba(0, 0, 0, 0)' }), snap({})).ok, false);
  assert.equal(focusIndicator(snap({ 'box-shadow': 'rgb(255, 221, 0) 0px 0px 0px 3px' }), snap({})).ok, true);
  assert.equal(focusIndicator(snap({ color: 'rgb(255, 0, 0)' }), snap({})).ok, true);
  assert.ok(isTransparent('rgba(0, 0, 0, 0)'));
  assert.ok(!isTransparent('rgb(0, 0, 0)'));

  assert.equal(diffLines(['a', 'b'], ['a', 'b']).equal, true);
  const d = diffLines(['a', 'x', 'b', 'c'], ['a', 'b', 'y']);
  assert.deepEqual(d.onlyA, ['x', 'c']);
  assert.deepEqual(d.onlyB, ['y']);
});

function runHarness(site, name) {
  // The sample sites are generic pages, not scrutiny's: no badges, previews or JSON-LD.
  const r = spawnSync(process.execPath, [RUN, site, '--skip', 'councils',
    '--screenshots', path.join(tmp, `${name}-shots`), '--report', path.join(tmp, `${name}.json`)],
  { encoding: 'utf8', timeout: 600000 });
  const lines = r.stdout.trimEnd().split('\n');
  const report = fs.existsSync(path.join(tmp, `${name}.json`)) ? JSON.parse(fs.readFileSync(path.join(tmp, `${name}.json`), 'utf8')) : null;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, last: lines[lines.length - 1], report };
}

const noBrowser = !fs.existsSync(CHROMIUM) ? `no browser at ${CHROMIUM}` : false;

test('harness passes a clean site', { skip: noBrowser, timeout: 600000 }, () => {
  const site = makeSampleSite(path.join(tmp, 'good'), { basePath: '/portal/' });
  const r = runHarness(site, 'good');
  assert.match(r.last, /^\d+ passed, 0 failed$/, r.stdout + r.stderr);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const shots = fs.readdirSync(path.join(tmp, 'good-shots')).sort();
  for (const t of ['home', 'authorities', 'authority', 'inspection', 'response', 'page', 'search', '404']) {
    assert.ok(shots.includes(`${t}-375.png`), `${t}-375.png`);
    assert.ok(shots.includes(`${t}-1280.png`), `${t}-1280.png`);
  }
  const checks = new Set(r.report.checks.map((c) => c.check));
  for (const c of ['vnu', 'axe@1280', 'axe@375', 'overflow@375', 'nojs:h1', 'nojs:main', 'nojs:nav',
    'nojs:skip-link', 'nojs:content', 'keyboard:focus-visible', 'keyboard:skip-link', 'status', 'resources', 'redirect', 'base-path']) {
    assert.ok(checks.has(c), `check ${c} ran`);
  }
});

test('harness reports every planted defect', { skip: noBrowser, timeout: 600000 }, () => {
  const site = makeSampleSite(path.join(tmp, 'broken'), { basePath: '/portal/', broken: true });
  const r = runHarness(site, 'broken');
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.last, /^\d+ passed, [1-9]\d* failed$/);
  const failed = r.report.checks.filter((c) => !c.ok);
  const typeOf = new Map(r.report.tested.map((p) => [p.type === '404' ? `404 (${p.url})` : p.url, p.type]));
  for (const e of BROKEN_EXPECTATIONS) {
    const hit = failed.find((c) => c.check === e.check && (e.file ? c.subject === e.file : typeOf.get(c.subject) === e.type));
    assert.ok(hit, `expected ${e.check} to fail on ${e.file ?? e.type} (${e.why})\n${r.stdout}`);
  }
  assert.ok(/FAIL overflow@375 +\/authorities\//.test(r.stdout));
  assert.ok(/image-alt/.test(r.stdout) && /color-contrast/.test(r.stdout));
  assert.ok(/Stray end tag/.test(r.stdout), 'vnu message printed');
});
