// axe-core (from npm) injected into a page with page.evaluate, which works whatever
// the page's Content-Security-Policy and even with JavaScript disabled.

import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
const AXE_SOURCE = fs.readFileSync(AXE_PATH, 'utf8');

/** WCAG 2.2 AA, as the issue requires. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export const AXE_VERSION = JSON.parse(fs.readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version;

/**
 * Run axe on the page. Returns { violations: [{id, impact, help, helpUrl, tags,
 * nodes: [{target, html, summary}]}], incomplete: [id] }.
 */
export async function runAxe(page, { tags = AXE_TAGS } = {}) {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tagList) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: tagList },
      resultTypes: ['violations', 'incomplete'],
    });
    const flat = (t) => (Array.isArray(t) ? t.map(flat).join(' >>> ') : String(t));
    return {
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        tags: v.tags.filter((t) => /^wcag\d/.test(t)),
        nodes: v.nodes.map((n) => ({
          target: n.target.map(flat).join(', '),
          html: n.html.replace(/\s+/g, ' ').slice(0, 300),
          summary: (n.failureSummary || '').replace(/\s*\n\s*/g, ' | ').slice(0, 400),
        })),
      })),
      incomplete: r.incomplete.map((v) => `${v.id}(${v.nodes.length})`),
      incompleteNodes: r.incomplete.flatMap((v) => v.nodes.slice(0, 20).map((n) => ({
        id: v.id,
        target: n.target.map(flat).join(', '),
        html: n.html.replace(/\s+/g, ' ').slice(0, 200),
        why: [...n.any, ...n.all, ...n.none].map((c) => c.message).filter(Boolean).join(' | ').slice(0, 300),
      }))),
    };
  }, tags);
}

/** Human-readable lines for a list of violations. */
export function formatViolations(violations, { maxNodes = 12 } = {}) {
  const lines = [];
  for (const v of violations) {
    lines.push(`[${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.tags.join(', ')})`);
    lines.push(`    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, maxNodes)) {
      lines.push(`    target: ${n.target}`);
      lines.push(`      html: ${n.html}`);
      if (n.summary) lines.push(`      fix:  ${n.summary}`);
    }
    if (v.nodes.length > maxNodes) lines.push(`    ... and ${v.nodes.length - maxNodes} more element(s)`);
  }
  return lines;
}
