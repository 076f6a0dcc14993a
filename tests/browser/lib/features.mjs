// Checks of the site's interactive features, beyond the per-page checks.

import { runAxe, formatViolations } from './axe.mjs';

/** /authorities/: complete without JavaScript; with it, filters narrow the rows. */
export async function authoritiesFilters({ results, origin, site, contexts }) {
  const url = `${origin}${site.basePath}authorities/`;
  const subj = '/authorities/ filters';
  try {
    const plain = await contexts.nojs.newPage();
    await plain.goto(url);
    const total = await plain.locator('#authorities-table tbody tr').count();
    const hiddenWithout = await plain.locator('#authorities-table tbody tr[hidden]').count();
    const controlsWithout = await plain.locator('#list-controls select').count();
    await plain.close();
    results.add('authorities:nojs', subj, total > 0 && hiddenWithout === 0 && controlsWithout === 0,
      [`${total} rows, ${hiddenWithout} hidden, ${controlsWithout} controls without JavaScript`]);

    const page = await contexts.desktop.newPage();
    await page.goto(url);
    const regions = await page.locator('#filter-region option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    const details = [];
    let ok = regions.length > 0;
    for (const region of regions) {
      await page.selectOption('#filter-region', region);
      const shown = await page.locator('#authorities-table tbody tr:not([hidden])').evaluateAll((rs) => rs.map((r) => r.dataset.region));
      const want = await page.locator('#authorities-table tbody tr').evaluateAll((rs, r) => rs.filter((x) => x.dataset.region === r).length, region);
      const status = await page.textContent('.list-status');
      const good = shown.length === want && shown.every((r) => r === region) && status.includes(`Showing ${want} of ${total}`);
      if (!good) details.push(`${region}: ${shown.length} shown, ${want} expected, status ${JSON.stringify(status)}`);
      ok = ok && good;
    }
    await page.selectOption('#filter-region', '');
    await page.selectOption('#sort-by', 'best');
    const orders = await page.locator('#authorities-table tbody tr').evaluateAll((rs) => rs.map((r) => +r.dataset.order));
    const sorted = orders.every((o, i) => i === 0 || orders[i - 1] <= o);
    if (!sorted) details.push('sorting by rating did not order the rows');
    await page.close();
    results.add('authorities:filters', subj, ok && sorted, details.length ? details : [`${regions.length} regions filtered, rating sort ordered`]);
  } catch (e) {
    results.add('authorities:filters', subj, false, [String(e)]);
  }
}

/** Up to `n` words of a text, from word `from`, as a phrase to search for. */
function phrase(text, from, n) {
  return text.split(/\s+/).filter(Boolean).slice(from, from + n).join(' ').replace(/[“”"]/g, '');
}

/** Runs one search on the search page; the first result's link and every result's context line. */
async function searchFor(page, query, filters = {}) {
  const params = new URLSearchParams({ q: query, ...filters });
  await page.goto(`${page.searchUrl}?${params}`);
  await page.waitForFunction(() => {
    const s = document.getElementById('search-status');
    return s && /result|could not/.test(s.textContent);
  }, null, { timeout: 15000 });
  const status = await page.textContent('#search-status');
  const first = await page.locator('#search-results li a').first().getAttribute('href').catch(() => null);
  const contexts = await page.locator('#search-results li .meta').allTextContents();
  // Results are made of these elements only: a record's text never becomes markup.
  const foreign = await page.locator('#search-results :not(li, h2, a, p, mark)').count();
  return { status, first, contexts, foreign };
}

/**
 * /search/: without JavaScript it says so and links to the browse pages;
 * with it, an authority's name, a phrase of an inspection's summary and a
 * phrase of a quote each find their page first (a quote at its permalink),
 * and the kind and region filters narrow the results.
 */
export async function searchChecks({ results, origin, site, contexts }) {
  const searchUrl = `${origin}${site.basePath}search/`;
  const subj = '/search/';
  // Pages as the site links them (under its base path).
  const byType = (t) => site.pages.filter((p) => p.type === t)
    .map((p) => ({ ...p, url: site.basePath + p.url.slice(1) }));
  try {
    const plain = await contexts.nojs.newPage();
    await plain.goto(searchUrl);
    const offText = await plain.locator('#search-off').innerText().catch(() => '');
    const browseLink = await plain.locator('#search-off a[href$="authorities/"]').count();
    const formShown = await plain.locator('#search-form').isVisible();
    await plain.close();
    results.add('search:nojs', subj, /JavaScript/.test(offText) && browseLink === 1 && !formShown,
      [`says ${JSON.stringify(offText.slice(0, 80))}, ${browseLink} link to the authorities, form ${formShown ? 'shown' : 'hidden'}`]);

    const page = await contexts.desktop.newPage();
    page.searchUrl = searchUrl;
    const cases = [];
    const authority = byType('authority')[0];
    if (authority) {
      await page.goto(`${origin}${authority.url}`);
      const name = (await page.textContent('h1')).trim();
      cases.push(['authority name', name, authority.url]);
    }
    for (const p of byType('inspection')) {
      await page.goto(`${origin}${p.url}`);
      const para = page.locator('main section.prose p').first();
      if (!(await para.count())) continue;
      const text = await para.innerText();
      if (text.split(/\s+/).length < 12) continue;
      cases.push(['inspection summary', phrase(text, 3, 8), p.url]);
      break;
    }
    for (const p of [...byType('response'), ...byType('inspection')]) {
      await page.goto(`${origin}${p.url}`);
      const quote = page.locator('main blockquote[id]').first();
      if (!(await quote.count())) continue;
      const text = await quote.innerText();
      if (text.split(/\s+/).length < 8) continue;
      const id = await quote.getAttribute('id');
      cases.push(['quote', phrase(text, 1, 7), `${p.url}#${id}`]);
      break;
    }
    for (const [what, query, want] of cases) {
      const got = await searchFor(page, query);
      results.add(`search:${what.replace(/ /g, '-')}`, subj, got.first === want && got.foreign === 0,
        [`“${query}” → first ${got.first} (want ${want}); ${got.status}; ${got.foreign} foreign elements`]);
    }
    // The page with results shown (and the "more" button) is as accessible as the empty one.
    if (cases.length) {
      await searchFor(page, cases[0][1].split(' ')[0]);
      const r = await runAxe(page);
      results.add('search:axe-results', subj, r.violations.length === 0,
        r.violations.length ? formatViolations(r.violations) : ['no violations with results shown']);
    }
    // Filters alone list what they select: every authority, then those of
    // one region (as many as /authorities/ shows there), then only quotes.
    const count = (s) => Number((s.match(/^(\d+)/) || [0, 0])[1]);
    await page.goto(`${origin}${site.basePath}authorities/`);
    const region = await page.locator('#authorities-table tbody tr').first().getAttribute('data-region');
    const inRegion = await page.locator('#authorities-table tbody tr').evaluateAll((rs, r) => rs.filter((x) => x.dataset.region === r).length, region);
    const authorities = await searchFor(page, '', { kind: 'Authority' });
    const regional = await searchFor(page, '', { kind: 'Authority', region });
    const quotes = await searchFor(page, '', { kind: 'Quote' });
    const want = byType('authority').length;
    const ok = count(authorities.status) === want && count(regional.status) === inRegion
      && inRegion < want && quotes.contexts.length > 0 && quotes.contexts.every((c) => c.startsWith('Quote'));
    results.add('search:filters', subj, ok,
      [`authorities: ${authorities.status} (want ${want}); in ${region}: ${regional.status} (want ${inRegion}); quotes: ${quotes.status}`]);
    await page.close();
  } catch (e) {
    results.add('search:run', subj, false, [String(e)]);
  }
}
