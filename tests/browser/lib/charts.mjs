// Charts and the map (issue 20), run by run.mjs:
//   charts:text@375, charts:text@1280
//                     on every page with a chart or map the build draws (home,
//                     ratings, regions, authorities: all with --all, else those
//                     with the most points), and /map.svg: the bounding boxes of
//                     every <text> of every chart/map SVG are pairwise disjoint
//                     and inside their SVG
//   map:links         every hexagon link of the map has an accessible name
//                     "<authority>: <rating>"; /map.svg is an SVG with a title
//                     and a desc, no script

import fs from 'node:fs';

const SVG_SELECTOR = 'figure.chart svg, svg.hexmap';

/** In the page: problems with text boxes in every chart/map SVG. */
function textBoxProbe(selector) {
  const problems = [];
  const svgs = selector ? [...document.querySelectorAll(selector)] : [document.documentElement];
  const eps = 0.5;
  svgs.forEach((svg, n) => {
    const outer = svg.getBoundingClientRect();
    const boxes = [...svg.querySelectorAll('text')]
      .map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }))
      .filter((b) => b.r.width > 0 && b.r.height > 0);
    for (const b of boxes) {
      if (b.r.left < outer.left - eps || b.r.right > outer.right + eps
        || b.r.top < outer.top - eps || b.r.bottom > outer.bottom + eps) {
        problems.push(`svg ${n}: "${b.t}" is cut off (${Math.round(b.r.left)},${Math.round(b.r.top)}–${Math.round(b.r.right)},${Math.round(b.r.bottom)} outside ${Math.round(outer.left)},${Math.round(outer.top)}–${Math.round(outer.right)},${Math.round(outer.bottom)})`);
      }
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r; const b = boxes[j].r;
        if (a.left < b.right - eps && b.left < a.right - eps && a.top < b.bottom - eps && b.top < a.bottom - eps) {
          problems.push(`svg ${n}: "${boxes[i].t}" overlaps "${boxes[j].t}"`);
        }
      }
    }
  });
  return { count: svgs.length, problems };
}

/** In the page: the map's links and their names. */
function mapLinkProbe() {
  return [...document.querySelectorAll('svg.hexmap a, svg > a')].map((a) => ({
    href: a.getAttribute('href'), name: a.getAttribute('aria-label') ?? '',
  }));
}

/** Pages with a chart or map: every one with `all`, else the richest few authorities. */
function chartPages(site, all) {
  const withSvg = site.pages.filter((p) => ['home', 'ratings', 'region', 'authority'].includes(p.type)
    || p.url.endsWith('/ratings/'))
    .map((p) => ({ p, html: fs.readFileSync(p.file, 'utf8') }))
    .filter(({ html }) => html.includes('class="chart"') || html.includes('class="hexmap"'));
  const authorities = withSvg.filter(({ p }) => p.type === 'authority')
    .map(({ p, html }) => ({ p, points: (html.match(/<circle /g) ?? []).length }))
    .sort((a, b) => b.points - a.points);
  const others = withSvg.filter(({ p }) => p.type !== 'authority').map(({ p }) => p);
  return others.concat((all ? authorities : authorities.slice(0, 8)).map(({ p }) => p));
}

export async function chartChecks(env, siteDir) {
  const { results, origin, site, opts, contexts } = env;
  const pages = chartPages(site, opts.all);
  const mapFile = fs.existsSync(`${siteDir}/map.svg`);
  for (const [width, context] of [[375, contexts.mobile], [1280, contexts.desktop]]) {
    const page = await context.newPage();
    try {
      for (const p of pages) {
        await page.goto(origin + site.basePath + p.url.slice(1), { waitUntil: 'load' });
        const r = await page.evaluate(textBoxProbe, SVG_SELECTOR);
        results.add(`charts:text@${width}`, p.url, r.problems.length === 0 && r.count > 0,
          r.count ? r.problems : ['no chart found']);
        if (width === 1280 && p.type !== 'authority') {
          const links = await page.evaluate(mapLinkProbe);
          const bad = links.filter((l) => !/^.+: .+$/.test(l.name)).map((l) => `${l.href}: name "${l.name}"`);
          if (links.length) results.add('map:links', p.url, bad.length === 0, bad);
        }
      }
      if (mapFile) {
        const resp = await page.goto(`${origin}${site.basePath}map.svg`);
        const r = await page.evaluate(textBoxProbe, null);
        const doc = await page.evaluate(() => ({
          name: document.documentElement.localName,
          title: document.querySelector('svg > title')?.textContent ?? '',
          desc: document.querySelector('svg > desc')?.textContent ?? '',
          scripts: document.querySelectorAll('script, foreignObject').length,
        }));
        const problems = [...r.problems];
        if (!resp || resp.status() !== 200) problems.push(`status ${resp ? resp.status() : 'none'}`);
        if (doc.name !== 'svg' || !doc.title || !doc.desc || doc.scripts) problems.push(`document ${JSON.stringify(doc)}`);
        results.add(`charts:text@${width}`, '/map.svg', problems.length === 0, problems);
      }
    } finally {
      await page.close();
    }
  }
}
