// Checks of the site's interactive features, beyond the per-page checks.

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
