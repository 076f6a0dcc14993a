// Checks for councils and sharing (issue 13), run by run.mjs:
//   badge:render      each sampled authority's badge.svg, shown as an <img> at its
//                     intended size in Chromium, has that size, loads, and its
//                     text lines fit inside it; screenshot at target/screenshots
//   badge:rating      the badge's text and <title> state the rating the
//                     authority page shows (a grade, "No overall grade" with the
//                     judgements, or "Not yet rated"); no script in the SVG
//   jsonld            JSON-LD on authority, inspection and response pages parses
//                     and has the right schema.org @type
//   badge:copy        with JavaScript, the snippet's copy button is shown, named,
//                     copies the snippet and announces it in its status region
//   preview           canonical link, og:url = canonical, og:title/description/
//                     image and twitter:card on every page (not redirects)
// At least one badge of each rating state present in the site is rendered.

import fs from 'node:fs';
import path from 'node:path';

const RESPONSE_TYPES = ['Article', 'NewsArticle', 'Report', 'DigitalDocument'];
const JSONLD_RE = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/g;

function attr(html, re) {
  const m = html.match(re);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>') : null;
}

/** The rating an authority page states: the headline grade's words. */
function pageRating(html) {
  const m = html.match(/<p class="headline-grade">([\s\S]*?)<\/p>/);
  if (!m) return null;
  return m[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

export function staticChecks(site, siteDir, results) {
  for (const p of site.pages) {
    const html = fs.readFileSync(p.file, 'utf8');
    const canonical = attr(html, /<link rel="canonical" href="([^"]*)"/);
    const problems = [];
    if (p.type !== '404' && !p.rel.startsWith('404')) {
      if (!canonical) problems.push('no canonical link');
      if (attr(html, /<meta property="og:url" content="([^"]*)"/) !== canonical) problems.push('og:url is not the canonical URL');
      for (const prop of ['og:title', 'og:description', 'og:image', 'og:type']) {
        if (!attr(html, new RegExp(`<meta property="${prop}" content="([^"]+)"`))) problems.push(`no ${prop}`);
      }
      if (!attr(html, /<meta name="twitter:card" content="([^"]+)"/)) problems.push('no twitter:card');
      results.add('preview', p.url, problems.length === 0, problems);
    }
    const expected = p.type === 'authority' ? ['GovernmentOrganization']
      : p.type === 'inspection' ? ['Report']
        : p.type === 'response' ? RESPONSE_TYPES : null;
    if (!expected) continue;
    const scripts = [...html.matchAll(JSONLD_RE)].map((m) => m[1]);
    const details = [];
    if (scripts.length !== 1) details.push(`${scripts.length} JSON-LD scripts`);
    for (const s of scripts) {
      if (/[<>]/.test(s)) details.push('raw < or > inside the JSON-LD');
      try {
        const v = JSON.parse(s);
        if (v['@context'] !== 'https://schema.org') details.push(`@context ${v['@context']}`);
        if (!expected.includes(v['@type'])) details.push(`@type ${v['@type']}, expected ${expected.join(' or ')}`);
        if (p.type === 'inspection' && !(v.publisher && v.publisher.name === 'Ofsted' && v.datePublished)) details.push('no Ofsted publisher or datePublished');
        if (p.type === 'response' && !(v.publisher && v.datePublished)) details.push('no publisher or datePublished');
        if (v.url !== canonical) details.push(`url ${v.url} is not the canonical ${canonical}`);
      } catch (e) {
        details.push(`does not parse: ${e.message}`);
      }
    }
    results.add('jsonld', p.url, details.length === 0, details);
  }
}

/** Authority pages to render badges for: every rating state, then the largest others. */
function sampleAuthorities(site, extra) {
  const authorities = (site.byType.get('authority') ?? []).map((p) => {
    const html = fs.readFileSync(p.file, 'utf8');
    return { ...p, rating: pageRating(html) ?? '' };
  });
  const state = (a) => (a.rating.startsWith('No overall grade') ? 'no-overall' : a.rating.startsWith('Not yet rated') ? 'not-rated' : 'graded');
  const chosen = new Map();
  for (const a of authorities) if (!chosen.has(state(a))) chosen.set(state(a), a);
  const out = [...chosen.values()];
  for (const a of authorities) {
    if (out.length >= chosen.size + extra) break;
    if (!out.includes(a)) out.push(a);
  }
  return out;
}

/** The copy button: shown only with JavaScript, named, copies the snippet, says so. */
async function copyButtonCheck(context, env, a) {
  const { results, origin, site } = env;
  const url = origin + site.basePath + a.url.slice(1);
  const details = [];
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin }).catch(() => {});
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'networkidle' });
    const button = page.locator('.badge-share button[data-copy]');
    if (!(await button.isVisible())) details.push('the copy button is not shown with JavaScript');
    const name = (await button.textContent() ?? '').trim();
    if (!name) details.push('the copy button has no accessible name');
    await button.click();
    await page.waitForFunction(() => document.querySelector('.badge-share [role=status]').textContent.trim() !== '', null, { timeout: 5000 })
      .catch(() => details.push('no status message after copying'));
    const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => null);
    const snippet = await page.locator('#badge-code').textContent();
    if (copied !== null && copied !== snippet) details.push('the clipboard does not hold the snippet');
  } catch (e) {
    details.push(String(e && e.message ? e.message : e));
  } finally {
    await page.close();
  }
  results.add('badge:copy', a.url, details.length === 0, details);
}

export async function badgeChecks(context, env) {
  const { results, origin, site, opts } = env;
  const sample = sampleAuthorities(site, opts.all ? 1e9 : opts.extra);
  if (sample.length) await copyButtonCheck(context, env, sample[0]);
  for (const a of sample) {
    const badgeUrl = origin + site.basePath + a.url.slice(1) + 'badge.svg';
    const subj = a.url + 'badge.svg';
    const html = fs.readFileSync(a.file, 'utf8');
    const width = Number(attr(html, /<img src="[^"]*badge\.svg" alt="[^"]*" width="(\d+)"/));
    const height = Number(attr(html, /<img src="[^"]*badge\.svg" alt="[^"]*" width="\d+" height="(\d+)"/));
    const alt = attr(html, /<img src="[^"]*badge\.svg" alt="([^"]*)"/) ?? '';
    const page = await context.newPage();
    try {
      // The badge as a council embeds it: an <img> at the size in the snippet.
      await page.setContent(`<!DOCTYPE html><html lang="en"><body style="margin:0;background:#fff"><img id="b" src="${badgeUrl}" alt="${alt.replace(/"/g, '&quot;')}" width="${width}" height="${height}"></body></html>`);
      await page.waitForFunction(() => document.getElementById('b').complete, null, { timeout: 15000 });
      const img = await page.evaluate(() => {
        const i = document.getElementById('b');
        const r = i.getBoundingClientRect();
        return { natural: [i.naturalWidth, i.naturalHeight], box: [r.width, r.height] };
      });
      const details = [];
      if (!(width >= 200 && width <= 300 && height >= 60)) details.push(`snippet size ${width}×${height}`);
      if (img.natural[0] !== width || img.natural[1] !== height) details.push(`badge is ${img.natural.join('×')}, snippet says ${width}×${height}`);
      if (img.box[0] !== width || img.box[1] !== height) details.push(`rendered at ${img.box.join('×')}`);
      if (!opts.skip.has('screenshots')) {
        await page.locator('#b').screenshot({ path: path.join(opts.screenshots, `badge-${a.url.split('/').filter(Boolean).pop()}.png`) });
      }
      // The SVG itself: its text, title and that every line fits.
      const resp = await page.goto(badgeUrl);
      if (!resp || resp.status() !== 200) details.push(`status ${resp ? resp.status() : 'none'}`);
      const svg = await page.evaluate(() => {
        const root = document.documentElement;
        const vb = root.viewBox.baseVal;
        return {
          name: root.localName,
          scripts: document.querySelectorAll('script, foreignObject').length,
          handlers: [...document.querySelectorAll('*')].some((e) => [...e.attributes].some((x) => x.name.startsWith('on'))),
          title: document.querySelector('title')?.textContent ?? '',
          labelled: root.getAttribute('role') === 'img' && !!document.getElementById(root.getAttribute('aria-labelledby') ?? ''),
          lines: [...document.querySelectorAll('text')].map((t) => {
            const b = t.getBBox();
            return { text: t.textContent, x: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height, size: parseFloat(t.getAttribute('font-size')) };
          }),
          width: vb.width,
          height: vb.height,
        };
      });
      if (svg.name !== 'svg') details.push('not an SVG document');
      if (svg.scripts || svg.handlers) details.push('script in the badge');
      if (!svg.labelled) details.push('no role=img with aria-labelledby its <title>');
      for (const l of svg.lines) {
        if (l.right > svg.width - 2 || l.x < 0 || l.bottom > svg.height || l.top < 0) details.push(`"${l.text}" overflows the badge`);
        if (l.size < 10) details.push(`"${l.text}" is smaller than 10 px`);
      }
      results.add('badge:render', subj, details.length === 0, details);

      const text = svg.lines.map((l) => l.text).join(' | ');
      const rating = a.rating;
      const words = rating.startsWith('No overall grade') ? 'No overall grade' : rating.startsWith('Not yet rated') ? 'Not yet rated' : rating;
      const d2 = [];
      if (!rating) d2.push('the authority page states no rating');
      if (!text.includes(words)) d2.push(`badge text "${text}" does not state "${words}"`);
      if (!svg.title.includes(words)) d2.push(`badge title "${svg.title}" does not state "${words}"`);
      if (!alt.includes(words)) d2.push(`snippet alt "${alt}" does not state "${words}"`);
      if (words === 'No overall grade' && !/:/.test(text.split('No overall grade')[1] ?? '')) d2.push('no judgements on a badge without an overall grade');
      results.add('badge:rating', `${subj} (${words})`, d2.length === 0, d2);
    } catch (e) {
      results.add('badge:render', subj, false, [String(e && e.message ? e.message : e)]);
    } finally {
      await page.close();
    }
  }
}
