#!/usr/bin/env node
// Browser test harness for a site built by scrutiny (WCAG 2.2 AA checks).
//
//   node tests/browser/run.mjs SITE_DIR [options]
//
// Serves SITE_DIR on 127.0.0.1 (random port), then:
//   vnu        every .html file validated by the Nu Html Checker (errors only)
//   per tested page (one per page type, the largest file, plus up to --extra more):
//     status                 HTTP status (200; 404 for the missing-page URL)
//     resources              no failed same-origin requests, no JS errors
//     axe@1280               axe-core WCAG 2.2 AA at 1280 px, zero violations
//     axe@375                the same at 375 px, mobile emulation (representatives; all with --all)
//     base-path              links and requests stay under the base path (sites built under a path)
//     overflow@375           document.documentElement.scrollWidth <= 375
//     nojs:h1/main/nav       one h1; <main> with text; a nav with links (JS disabled)
//     nojs:skip-link         first focusable element is a skip link to <main>'s id
//     nojs:content           <main>'s text is the same with and without JS
//     keyboard:focus-visible up to 60 Tab stops, each with a visible focus indicator
//     keyboard:skip-link     skip link visible when focused and moves focus to main
//   authorities:nojs/filters /authorities/ is a complete table without JS; with JS each
//                          region filter shows exactly its rows, and the rating sort orders them
//   search:*               /search/ says without JS that it needs it and links to the browse
//                          pages; with JS an authority's name, a summary phrase and a quote
//                          phrase each find their page first; kind and region filters narrow
//   badges, JSON-LD and link previews: see lib/councils.mjs
//   chart and map text never overlapping or cut off at 375 and 1280 px: see lib/charts.mjs
//   screenshots at 375 and 1280 px: target/screenshots/<type>-<width>.png
// Prints every failure in detail, then `N passed, M failed` as the last line.
// Exit status: 0 all passed, 1 a check failed, 2 the harness could not run.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from './lib/server.mjs';
import { discoverSite, selectPages } from './lib/discover.mjs';
import { runVnu, formatVnuMessage } from './lib/vnu.mjs';
import { runAxe, formatViolations, AXE_TAGS, AXE_VERSION } from './lib/axe.mjs';
import {
  structureProbe, mainTextProbe, activeElementProbe, focusAfterSkipProbe,
  overflowProbe, focusStepProbe, unfocusedStylesProbe, narrowAdvisoryProbe,
} from './lib/probes.mjs';
import { focusIndicator, indicatorContrast } from './lib/focus.mjs';
import { diffLines } from './lib/textdiff.mjs';
import { authoritiesFilters, searchChecks } from './lib/features.mjs';
import { staticChecks as councilStaticChecks, badgeChecks } from './lib/councils.mjs';
import { chartChecks } from './lib/charts.mjs';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const ALL_PARTS = ['vnu', 'axe', 'overflow', 'nojs', 'keyboard', 'screenshots', 'resources', 'councils', 'charts'];

const HELP = `usage: node tests/browser/run.mjs SITE_DIR [options]

options:
  --all                 test every page, not one per type plus extras
                        (same as SCRUTINY_BROWSER_ALL=1)
  --extra N             extra pages per type besides the largest (default 3;
                        SCRUTINY_BROWSER_EXTRA)
  --types a,b           only these page types (e.g. home,inspection,404)
  --skip a,b            skip parts: ${ALL_PARTS.join(', ')}
  --jobs N              pages tested in parallel (default 2)
  --tabs N              Tab stops per page for the keyboard check (default 60)
  --base-path /p/       path prefix the site was built for (default: read from the
                        home page's canonical link or sitemap.xml)
  --screenshots DIR     where screenshots go (default <repo>/target/screenshots)
  --report FILE         JSON report (default <repo>/target/browser-report.json)
  --chromium PATH       browser binary (default $CHROMIUM_PATH or /usr/bin/chromium)
  --verbose             print passing checks too
`;

function parseArgs(argv) {
  const o = {
    site: null,
    all: /^(1|true|yes)$/i.test(process.env.SCRUTINY_BROWSER_ALL ?? ''),
    extra: Number.parseInt(process.env.SCRUTINY_BROWSER_EXTRA ?? '3', 10),
    types: null,
    skip: new Set(),
    jobs: 2,
    tabs: 60,
    basePath: undefined,
    screenshots: path.join(REPO_ROOT, 'target', 'screenshots'),
    report: path.join(REPO_ROOT, 'target', 'browser-report.json'),
    chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    verbose: false,
  };
  const need = (i) => {
    if (i >= argv.length) throw new Error(`${argv[i - 1]} needs a value`);
    return argv[i];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, null];
    const val = () => (inline != null ? inline : need(++i));
    switch (flag) {
      case '-h': case '--help': console.log(HELP); process.exit(0); break;
      case '--all': o.all = true; break;
      case '--extra': o.extra = Number.parseInt(val(), 10); break;
      case '--types': o.types = val().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--skip': for (const s of val().split(',')) if (s.trim()) o.skip.add(s.trim()); break;
      case '--jobs': o.jobs = Math.max(1, Number.parseInt(val(), 10) || 1); break;
      case '--tabs': o.tabs = Math.max(1, Number.parseInt(val(), 10) || 60); break;
      case '--base-path': o.basePath = val(); break;
      case '--screenshots': o.screenshots = path.resolve(val()); break;
      case '--report': o.report = path.resolve(val()); break;
      case '--chromium': o.chromium = val(); break;
      case '--verbose': case '-v': o.verbose = true; break;
      default:
        if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
        if (o.site) throw new Error(`more than one SITE_DIR: ${o.site}, ${a}`);
        o.site = a;
    }
  }
  if (!o.site) throw new Error('SITE_DIR is required');
  if (!Number.isFinite(o.extra) || o.extra < 0) o.extra = 3;
  for (const s of o.skip) if (!ALL_PARTS.includes(s)) throw new Error(`--skip: unknown part ${s} (parts: ${ALL_PARTS.join(', ')})`);
  return o;
}

// ---------------------------------------------------------------- results

class Results {
  constructor(verbose) {
    this.verbose = verbose;
    this.checks = [];
    this.warnings = [];
  }

  /** Record one check. details: lines printed under a failure (or a pass with --verbose). */
  add(check, subject, ok, details = [], extra = {}) {
    this.checks.push({ check, subject, ok, details, ...extra });
    if (!ok) {
      console.log(`FAIL ${check.padEnd(22)} ${subject}`);
      for (const d of details) console.log(`       ${d.replace(/\n/g, '\n       ')}`);
    } else if (this.verbose) {
      console.log(`ok   ${check.padEnd(22)} ${subject}${details.length ? '  (' + details[0] + ')' : ''}`);
    }
  }

  /** Advisory finding: printed (grouped) at the end, never counted as a failure. */
  warn(subject, message) {
    this.warnings.push({ subject, message });
  }

  printWarnings() {
    if (!this.warnings.length) return;
    const byMsg = new Map();
    for (const w of this.warnings) {
      if (!byMsg.has(w.message)) byMsg.set(w.message, []);
      if (!byMsg.get(w.message).includes(w.subject)) byMsg.get(w.message).push(w.subject);
    }
    console.log(`warnings (advisory, not counted): ${byMsg.size}`);
    for (const [msg, subjects] of byMsg) {
      console.log(`  warn ${msg}`);
      console.log(`       on ${subjects.slice(0, 4).join(', ')}${subjects.length > 4 ? ` and ${subjects.length - 4} more` : ''}`);
    }
  }

  get passed() { return this.checks.filter((c) => c.ok).length; }
  get failed() { return this.checks.filter((c) => !c.ok).length; }
}

// ---------------------------------------------------------------- helpers

async function pool(items, jobs, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
}

function errText(e) {
  return (e && e.message ? e.message : String(e)).split('\n').slice(0, 6).join('\n');
}

/**
 * Wait for web fonts and two frames. With JavaScript disabled, page.evaluate still
 * runs but timers and requestAnimationFrame callbacks never fire, so only fonts.
 */
async function settle(page, { js = true } = {}) {
  await page.evaluate(async (withFrames) => {
    if (document.fonts && document.fonts.ready) await document.fonts.ready;
    if (withFrames) await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  }, js);
}

/** Open a page with request/console bookkeeping; third-party requests are blocked. */
async function openPage(context, origin) {
  const page = await context.newPage();
  const log = { failed: [], errors: [], external: [], requested: [] };
  page.on('request', (r) => log.requested.push(r.url()));
  await page.route((u) => (u.protocol === 'http:' || u.protocol === 'https:') && u.origin !== origin, (route) => {
    log.external.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const badStatus = new Set();
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.request().isNavigationRequest()) {
      badStatus.add(r.url());
      log.failed.push(`HTTP ${r.status()} for ${r.request().resourceType()} ${r.url().replace(origin, '')}`);
    }
  });
  page.on('requestfailed', (r) => {
    const url = r.url();
    if (log.external.includes(url) || badStatus.has(url)) return;
    log.failed.push(`${r.failure()?.errorText ?? 'failed'} ${url.replace(origin, '')}`);
  });
  page.on('pageerror', (e) => log.errors.push(`uncaught: ${errText(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) log.errors.push(`console.error: ${m.text().slice(0, 300)}`);
  });
  return { page, log };
}

function fmtRect(r) { return `${r.width}x${r.height} at (${r.x},${r.y})`; }

// ---------------------------------------------------------------- per-page checks

async function testPage(p, env) {
  const { results, origin, opts, contexts } = env;
  const subj = p.type === '404' ? `404 (${p.url})` : p.url;
  // Pages are opened under the base path the site was built for, as once published.
  const url = origin + env.site.basePath + p.url.slice(1);
  const skip = opts.skip;
  const shots = !skip.has('screenshots') && p.rep;
  let jsMain = null;

  // ---- JavaScript on, 1280 px
  {
    const { page, log } = await openPage(contexts.desktop, origin);
    try {
      const resp = await page.goto(url, { waitUntil: 'networkidle', timeout: 45000 });
      await settle(page);
      const status = resp ? resp.status() : 0;
      const details = [`expected HTTP ${p.expectStatus}, got ${status}`];
      if (p.type === '404') {
        const title = await page.title();
        details.push(`title: ${JSON.stringify(title)}`);
        if (!env.site.has404) details.push('the site has no 404.html');
      }
      results.add('status', subj, status === p.expectStatus && (p.type !== '404' || env.site.has404), details);

      jsMain = await page.evaluate(mainTextProbe);

      if (!skip.has('axe')) {
        try {
          const r = await runAxe(page);
          results.add('axe@1280', subj, r.violations.length === 0,
            r.violations.length ? [`${r.violations.length} violation(s):`, ...formatViolations(r.violations)] : [`incomplete (needs review): ${r.incomplete.join(' ') || 'none'}`],
            { violations: r.violations, incomplete: r.incomplete, incompleteNodes: r.incompleteNodes });
        } catch (e) {
          results.add('axe@1280', subj, false, [`axe did not run: ${errText(e)}`]);
        }
      }

      if (shots) {
        const file = path.join(opts.screenshots, `${p.type}-1280.png`);
        try {
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        } catch (e) {
          results.add('screenshot@1280', subj, false, [errText(e)]);
        }
      }

      if (!skip.has('keyboard')) await keyboardChecks(page, url, subj, results, opts);

      if (!skip.has('resources')) {
        const problems = [...new Set([...log.failed, ...log.errors])];
        results.add('resources', subj, problems.length === 0, problems);
        for (const u of new Set(log.external)) results.warn(subj, `loads a third-party resource (blocked here): ${u}`);
      }

      if (env.site.basePath !== '/') {
        // Every same-origin URL must stay under the base path, or it breaks once published there.
        const base = env.site.basePath;
        const links = await page.evaluate(() => [...document.querySelectorAll('a[href], link[href], img[src], script[src], source[src], form[action]')]
          .map((e) => e.href || e.src || e.action).filter(Boolean));
        const outside = [...new Set([...links, ...log.requested])]
          .filter((u) => u.startsWith(origin + '/') && !new URL(u).pathname.startsWith(base))
          .map((u) => u.slice(origin.length));
        results.add('base-path', subj, outside.length === 0,
          outside.length ? [`${outside.length} URL(s) outside ${base} (they break when the site is published there):`, ...outside.slice(0, 15).map((u) => `  ${u}`)] : [`all links and requests under ${base}`]);
      }
    } catch (e) {
      results.add('page@1280', subj, false, [`could not test page: ${errText(e)}`]);
    } finally {
      await page.close().catch(() => {});
    }
  }

  // ---- JavaScript on, 375 px, mobile emulation
  if (!skip.has('overflow') || shots || ((p.rep || opts.all) && !skip.has('axe'))) {
    const { page } = await openPage(contexts.mobile, origin);
    try {
      await page.goto(url, { waitUntil: 'networkidle', timeout: 45000 });
      await settle(page);
      if (!skip.has('overflow')) {
        const o = await page.evaluate(overflowProbe, 375);
        const details = [`document.documentElement.scrollWidth = ${o.scrollWidth} (limit 375)`];
        if (o.scrollWidth > 375) {
          details.push(`${o.offenderCount ?? 0} element(s) stick out past 375 px (outermost shown):`);
          for (const x of o.offenders) {
            details.push(`  ${x.selector}  [left ${x.left}, right ${x.right}, width ${x.width}] ${x.css}`);
            details.push(`    html: ${x.html}`);
          }
        }
        results.add('overflow@375', subj, o.scrollWidth <= 375, details, { overflow: o });
        // Advisory only: scrollable regions and tiny text at 375 px.
        const adv = await page.evaluate(narrowAdvisoryProbe, 9);
        for (const r of adv.scrollRegions) {
          results.warn(subj, `at 375 px ${r.selector} scrolls sideways (${r.content}px of content in ${r.visible}px, ${r.hiddenPx}px hidden)${r.focusable ? '' : '; the region itself is not focusable'}${r.named ? '' : ' and has no accessible name'}`);
        }
        for (const t of adv.smallText) {
          results.warn(subj, `at 375 px text in ${t.selector} renders at ${t.px}px (e.g. ${JSON.stringify(t.text)}${t.count > 1 ? `, ${t.count} labels` : ''})`);
        }
      }
      if ((p.rep || opts.all) && !skip.has('axe')) {
        try {
          const r = await runAxe(page);
          results.add('axe@375', subj, r.violations.length === 0,
            r.violations.length ? [`${r.violations.length} violation(s):`, ...formatViolations(r.violations)] : [],
            { violations: r.violations });
        } catch (e) {
          results.add('axe@375', subj, false, [`axe did not run: ${errText(e)}`]);
        }
      }
      if (shots) {
        const file = path.join(opts.screenshots, `${p.type}-375.png`);
        try {
          await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
        } catch (e) {
          results.add('screenshot@375', subj, false, [errText(e)]);
        }
      }
      if (!skip.has('overflow')) {
        // Advisory: WCAG 1.4.10 Reflow is defined at 320 CSS px.
        await page.setViewportSize({ width: 320, height: 812 });
        await settle(page);
        const o = await page.evaluate(overflowProbe, 320);
        if (o.scrollWidth > 320) {
          const who = o.offenders.slice(0, 3).map((x) => `${x.selector} (right edge ${x.right}px)`).join(', ');
          results.warn(subj, `at 320 px (SC 1.4.10 reflow) the page is ${o.scrollWidth}px wide: ${who}`);
        }
      }
    } catch (e) {
      results.add('page@375', subj, false, [`could not test page: ${errText(e)}`]);
    } finally {
      await page.close().catch(() => {});
    }
  }

  // ---- JavaScript off, 1280 px
  if (!skip.has('nojs')) {
    const { page } = await openPage(contexts.nojs, origin);
    try {
      await page.goto(url, { waitUntil: 'load', timeout: 45000 });
      await settle(page, { js: false });
      const s = await page.evaluate(structureProbe);

      results.add('nojs:h1', subj, s.h1.length === 1,
        s.h1.length === 1 ? [s.h1[0].text] : [`expected exactly one <h1>, found ${s.h1.length}`, ...s.h1.map((h) => `  ${h.selector}: ${JSON.stringify(h.text)}`)]);

      const mainOk = s.mains.length === 1 && s.mains[0].textLength > 0;
      results.add('nojs:main', subj, mainOk,
        s.mains.length === 0 ? ['no <main> (or role="main") element']
          : s.mains.length > 1 ? [`${s.mains.length} main landmarks: ${s.mains.map((m) => m.selector).join(', ')}`]
            : mainOk ? [`${s.mains[0].selector}, ${s.mains[0].textLength} chars`] : [`${s.mains[0].selector} has no visible text`]);

      const navWithLinks = s.navs.filter((n) => n.links > 0);
      results.add('nojs:nav', subj, navWithLinks.length > 0,
        navWithLinks.length ? [navWithLinks.map((n) => `${n.selector}${n.label ? ` "${n.label}"` : ''}: ${n.links} links`).join('; ')]
          : [s.navs.length ? `nav element(s) without links: ${s.navs.map((n) => n.selector).join(', ')}` : 'no <nav> (or role="navigation") element']);

      await page.keyboard.press('Tab');
      const a = await page.evaluate(activeElementProbe);
      const skipDetails = [];
      let skipOk = false;
      if (a.none) skipDetails.push('Tab focused nothing (no focusable element)');
      else if (a.tag !== 'a' || !a.href || !a.href.startsWith('#')) skipDetails.push(`first focusable element is not a same-page link: ${a.outerHTML}`);
      else if (!a.mainId) skipDetails.push(`<main> has no id for the skip link to target (skip link: ${a.outerHTML})`);
      else if (!a.targetExists) skipDetails.push(`skip link href="${a.href}" points at no element (main id is "${a.mainId}")`);
      else if (!a.targetIsMain) skipDetails.push(`skip link href="${a.href}" does not target <main id="${a.mainId}">${a.targetInsideMain ? ' (it targets an element inside main)' : ''}`);
      else { skipOk = true; skipDetails.push(`${JSON.stringify(a.text)} -> #${a.targetId}`); }
      results.add('nojs:skip-link', subj, skipOk, skipDetails);

      const noJsMain = await page.evaluate(mainTextProbe);
      if (jsMain == null || noJsMain == null) {
        results.add('nojs:content', subj, false, [`no <main> to compare (with JS: ${jsMain ? 'found' : 'missing'}, without: ${noJsMain ? 'found' : 'missing'})`]);
      } else {
        const d = diffLines(jsMain, noJsMain);
        const details = d.equal ? [`${noJsMain.length} lines identical`] : ["<main>'s visible text differs between JavaScript on and off:"];
        for (const l of d.onlyA.slice(0, 12)) details.push(`  only with JS:    ${JSON.stringify(l.slice(0, 160))}`);
        if (d.onlyA.length > 12) details.push(`  ... ${d.onlyA.length - 12} more line(s) only with JS`);
        for (const l of d.onlyB.slice(0, 12)) details.push(`  only without JS: ${JSON.stringify(l.slice(0, 160))}`);
        if (d.onlyB.length > 12) details.push(`  ... ${d.onlyB.length - 12} more line(s) only without JS`);
        results.add('nojs:content', subj, d.equal, details);
      }

    } catch (e) {
      results.add('page@nojs', subj, false, [`could not test page: ${errText(e)}`]);
    } finally {
      await page.close().catch(() => {});
    }
  }
}

async function keyboardChecks(page, url, subj, results, opts) {
  // Focus walk from a fresh load.
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 45000 });
    await settle(page);
    const steps = [];
    let ended = 'limit';
    for (let i = 0; i < opts.tabs; i++) {
      await page.keyboard.press('Tab');
      const s = await page.evaluate(focusStepProbe);
      if (s.end) { ended = s.wrapped ? 'wrapped' : 'end'; break; }
      steps.push(s);
    }
    const unfocused = await page.evaluate(unfocusedStylesProbe);
    const bad = [];
    const first = steps[0];
    for (const s of steps) {
      const ind = focusIndicator(s.focused, unfocused[s.index]);
      s.indicator = ind;
      const problems = [];
      if (!ind.ok) problems.push(ind.how);
      if (!s.inViewport) problems.push(`not visible when focused (${fmtRect(s.rect)})`);
      else if (s.obscured) problems.push(`entirely hidden by ${s.coveredBy} when focused (SC 2.4.11)`);
      if (problems.length) bad.push(`#${s.index + 1} ${s.selector} ${JSON.stringify(s.label)}: ${problems.join('; ')}\n  html: ${s.html}`);
      else {
        const best = indicatorContrast(s, unfocused[s.index]);
        s.contrast = best;
        if (best && best.ratio < 3) {
          results.warn(subj, `focus indicator of ${s.selector} has only ${best.ratio.toFixed(2)}:1 contrast (${best.how}); 3:1 is advised (SC 1.4.11, 2.4.13)`);
        }
      }
    }
    const details = bad.length
      ? [`${bad.length} of ${steps.length} focus stop(s) without a visible focus indicator:`, ...bad]
      : [`${steps.length} focus stops checked (${ended})`];
    if (steps.length === 0) details.unshift('Tab reached no element at all');
    results.add('keyboard:focus-visible', subj, bad.length === 0 && steps.length > 0, details,
      { focusStops: steps.map((s) => ({ selector: s.selector, label: s.label, ok: s.indicator.ok, how: s.indicator.how, contrast: s.contrast ?? null, inViewport: s.inViewport, obscured: s.obscured })) });

    // Skip link: visible when focused, and activating it moves focus into <main>.
    const skipDetails = [];
    let ok = true;
    if (!first) { ok = false; skipDetails.push('no focusable element'); } else {
      const visible = first.inViewport && first.rect.width > 4 && first.rect.height > 4;
      if (!visible) { ok = false; skipDetails.push(`first focus stop ${first.selector} is not visible when focused (${fmtRect(first.rect)})`); }
    }
    await page.goto(url, { waitUntil: 'load', timeout: 45000 });
    await settle(page);
    await page.keyboard.press('Tab');
    const a = await page.evaluate(activeElementProbe);
    if (a.none || a.tag !== 'a' || !a.href?.startsWith('#')) {
      ok = false;
      skipDetails.push(`first focus stop is not a skip link: ${a.none ? 'nothing' : a.outerHTML}`);
    } else {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      const after = await page.evaluate(focusAfterSkipProbe);
      if (!after.ok) { ok = false; skipDetails.push(`after activating the skip link and pressing Tab: ${after.why}`); } else skipDetails.push(`Enter then Tab lands ${after.where} (<${after.tag}>)`);
    }
    results.add('keyboard:skip-link', subj, ok, skipDetails);
  } catch (e) {
    results.add('keyboard', subj, false, [`keyboard checks did not run: ${errText(e)}`]);
  }
}

// ---------------------------------------------------------------- site-wide checks

function vnuChecks(vnu, site, results) {
  if (!vnu.ok) {
    results.add('vnu', 'run', false, [vnu.error]);
    return;
  }
  let okCount = 0;
  for (const rel of site.htmlFiles) {
    const msgs = vnu.byFile.get(rel) ?? [];
    if (msgs.length === 0) okCount++;
    results.add('vnu', rel, msgs.length === 0, msgs.map((m) => formatVnuMessage(rel, m)), { messages: msgs });
  }
  for (const [rel, msgs] of vnu.byFile) {
    if (!site.htmlFiles.includes(rel)) results.add('vnu', rel, false, msgs.map((m) => formatVnuMessage(rel, m)), { messages: msgs });
  }
  if (vnu.general.length) results.add('vnu', 'run', false, vnu.general.map((m) => `${m.type}: ${m.message}`));
  console.log(`vnu: ${okCount} of ${site.htmlFiles.length} HTML file(s) valid (${(vnu.ms / 1000).toFixed(1)} s)`);
}

function redirectChecks(site, siteDir, results) {
  for (const r of site.redirects) {
    let ok = false;
    let detail = `no meta refresh URL in ${r.rel}`;
    if (r.target) {
      let p;
      try {
        p = new URL(r.target, `https://site.invalid${site.basePath}${r.url.slice(1)}`).pathname;
      } catch { p = null; }
      if (p && site.basePath !== '/' && p.startsWith(site.basePath)) p = '/' + p.slice(site.basePath.length);
      const file = p && path.join(siteDir, decodeURIComponent(p), p.endsWith('/') ? 'index.html' : '');
      ok = !!file && fs.existsSync(file) && fs.statSync(file).isFile();
      detail = `-> ${r.target}${ok ? '' : ' (no such page in the site)'}`;
    }
    results.add('redirect', r.url, ok, [detail]);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${e.message}\n\n${HELP}`);
    console.log('0 passed, 1 failed');
    return 2;
  }
  const siteDir = path.resolve(opts.site);
  if (!fs.existsSync(siteDir) || !fs.statSync(siteDir).isDirectory()) {
    console.error(`error: ${siteDir} is not a folder`);
    console.log('0 passed, 1 failed');
    return 2;
  }
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    console.error(`error: ${siteDir} has no index.html; is it a built site?`);
    console.log('0 passed, 1 failed');
    return 2;
  }

  const results = new Results(opts.verbose);
  const site = discoverSite(siteDir, { basePath: opts.basePath });
  const tested = selectPages(site, { all: opts.all, extra: opts.extra, types: opts.types });

  console.log(`site: ${siteDir}`);
  console.log(`  ${site.htmlFiles.length} HTML files, ${site.pages.length} pages, ${site.redirects.length} redirects, base path ${site.basePath}`);
  console.log(`  page types: ${[...site.byType].map(([t, l]) => `${t}(${l.length})`).join(' ')}`);
  console.log(`  testing ${tested.length} page(s)${opts.all ? ' (all)' : ` (largest of each type + up to ${opts.extra} more)`}; axe ${AXE_VERSION} tags ${AXE_TAGS.join(',')}`);
  for (const p of tested.filter((x) => x.rep)) console.log(`    ${p.type.padEnd(12)} ${p.url}`);

  // vnu runs in a JVM alongside the browser.
  const vnuPromise = opts.skip.has('vnu') ? null : runVnu(siteDir);

  if (!fs.existsSync(opts.chromium)) {
    console.error(`error: no browser at ${opts.chromium}; run scripts/install-test-deps.sh (apt-get install chromium)`);
    if (vnuPromise) vnuChecks(await vnuPromise, site, results);
    results.add('browser', opts.chromium, false, ['browser binary missing']);
    console.log(`${results.passed} passed, ${results.failed} failed`);
    return 2;
  }

  if (!opts.skip.has('screenshots')) {
    fs.mkdirSync(opts.screenshots, { recursive: true });
    for (const f of fs.readdirSync(opts.screenshots)) if (f.endsWith('.png')) fs.rmSync(path.join(opts.screenshots, f));
  }

  const server = await startServer(siteDir, { basePath: site.basePath });
  console.log(`  serving at ${server.origin}${site.basePath}${site.basePath === '/' ? '' : ' (also at /)'}`);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scrutiny-chromium-'));
  // Also removed if the run is interrupted (Playwright closes the browser on signals).
  process.once('exit', () => fs.rmSync(userDataDir, { recursive: true, force: true }));
  let desktop;
  let exitCode = 0;
  try {
    desktop = await chromium.launchPersistentContext(userDataDir, {
      executablePath: opts.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      javaScriptEnabled: true,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      reducedMotion: 'reduce',
      serviceWorkers: 'block',
    });
    const browser = desktop.browser();
    const mobile = await browser.newContext({
      viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1,
      javaScriptEnabled: true, locale: 'en-GB', timezoneId: 'Europe/London', reducedMotion: 'reduce', serviceWorkers: 'block',
    });
    const nojs = await browser.newContext({
      viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, javaScriptEnabled: false,
      locale: 'en-GB', timezoneId: 'Europe/London', serviceWorkers: 'block',
    });
    // The persistent context opens with one blank tab; leave it be.
    const env = { results, origin: server.origin, opts, site, contexts: { desktop, mobile, nojs } };
    await pool(tested, opts.jobs, async (p) => {
      const t0 = Date.now();
      await testPage(p, env);
      if (opts.verbose) console.log(`     (${p.type} ${p.url}: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    });
    if (fs.existsSync(path.join(siteDir, 'authorities', 'index.html'))) await authoritiesFilters(env);
    if (fs.existsSync(path.join(siteDir, 'search', 'pagefind', 'pagefind.js'))) await searchChecks(env);
    if (!opts.skip.has('councils')) await badgeChecks(desktop, env);
    if (!opts.skip.has('charts')) await chartChecks(env, siteDir);
    await mobile.close();
    await nojs.close();
  } catch (e) {
    results.add('browser', 'launch', false, [errText(e)]);
    exitCode = 2;
  } finally {
    if (desktop) await desktop.close().catch(() => {});
    await server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }

  redirectChecks(site, siteDir, results);
  if (!opts.skip.has('councils')) councilStaticChecks(site, siteDir, results);
  if (vnuPromise) vnuChecks(await vnuPromise, site, results);

  // Summary
  const failed = results.checks.filter((c) => !c.ok);
  const byCheck = new Map();
  for (const c of results.checks) {
    const k = c.check;
    if (!byCheck.has(k)) byCheck.set(k, { pass: 0, fail: 0 });
    byCheck.get(k)[c.ok ? 'pass' : 'fail']++;
  }
  console.log('');
  results.printWarnings();
  console.log('by check:');
  for (const [k, v] of byCheck) console.log(`  ${k.padEnd(24)} ${String(v.pass).padStart(5)} passed ${String(v.fail).padStart(5)} failed`);
  if (failed.length) {
    const axeRules = new Map();
    for (const c of failed) for (const v of c.violations ?? []) {
      if (!axeRules.has(v.id)) axeRules.set(v.id, { help: v.help, impact: v.impact, pages: new Set(), targets: new Set() });
      const r = axeRules.get(v.id);
      r.pages.add(c.subject);
      for (const n of v.nodes) r.targets.add(n.target);
    }
    if (axeRules.size) {
      console.log('axe rules violated:');
      for (const [id, r] of axeRules) console.log(`  ${id} [${r.impact}] on ${r.pages.size} page(s), ${r.targets.size} distinct target(s): ${r.help}`);
    }
    console.log('failed checks:');
    for (const c of failed) console.log(`  ${c.check.padEnd(24)} ${c.subject}`);
  }
  if (!opts.skip.has('screenshots')) console.log(`screenshots: ${path.relative(process.cwd(), opts.screenshots) || '.'}/`);

  try {
    fs.mkdirSync(path.dirname(opts.report), { recursive: true });
    fs.writeFileSync(opts.report, JSON.stringify({
      site: siteDir,
      basePath: site.basePath,
      seconds: (Date.now() - started) / 1000,
      tested: tested.map(({ url, type, rep }) => ({ url, type, rep })),
      passed: results.passed,
      failed: results.failed,
      warnings: results.warnings,
      checks: results.checks,
    }, null, 1));
    console.log(`report: ${path.relative(process.cwd(), opts.report)}`);
  } catch (e) {
    console.log(`warn: could not write report: ${e.message}`);
  }
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${results.passed} passed, ${results.failed} failed`);
  if (exitCode) return exitCode;
  return results.failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; }, (e) => {
  console.error(e && e.stack ? e.stack : e);
  console.log('0 passed, 1 failed');
  process.exitCode = 2;
});
