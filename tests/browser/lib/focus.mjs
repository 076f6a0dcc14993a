// Decides, from computed styles taken while focused and after blur, whether a focused
// element shows a visible focus indicator (WCAG 2.2 SC 2.4.7).

const OUTLINE_PROPS = new Set(['outline-color', 'outline-width', 'outline-offset', 'outline-style']);

export function isTransparent(color) {
  if (!color) return true;
  if (color === 'transparent') return true;
  const m = color.match(/rgba?\(([^)]*)\)/);
  if (!m) return false;
  const parts = m[1].split(/[\s,/]+/).filter(Boolean);
  return parts.length === 4 && parseFloat(parts[3]) === 0;
}

function outlineVisible(s) {
  return s['outline-style'] !== 'none' && s['outline-style'] !== 'hidden'
    && parseFloat(s['outline-width']) > 0 && !isTransparent(s['outline-color']);
}

function changed(f, u, part) {
  if (!f || !u) return [];
  const out = [];
  for (const k of Object.keys(f)) {
    if (f[k] === u[k]) continue;
    if (OUTLINE_PROPS.has(k) && !outlineVisible(f) && !outlineVisible(u)) continue;
    if (k === 'box-shadow' && f[k] === 'none') continue;
    if (part !== 'self' && k === 'content' && f[k] === 'none' && u[k] === 'normal') continue;
    out.push(`${part === 'self' ? '' : part + ' '}${k}: ${u[k]} -> ${f[k]}`);
  }
  return out;
}

/**
 * focused/unfocused: { self, before, after, parent } style snapshots.
 * Returns { ok, how }.
 */
export function focusIndicator(focused, unfocused) {
  const f = focused.self;
  if (outlineVisible(f)) {
    return { ok: true, how: `outline ${f['outline-style']} ${f['outline-width']} ${f['outline-color']}` };
  }
  if (f['box-shadow'] && f['box-shadow'] !== 'none' && f['box-shadow'] !== unfocused.self['box-shadow']) {
    return { ok: true, how: `box-shadow ${f['box-shadow']}` };
  }
  const diffs = [
    ...changed(focused.self, unfocused.self, 'self'),
    ...changed(focused.before, unfocused.before, '::before'),
    ...changed(focused.after, unfocused.after, '::after'),
    ...changed(focused.parent, unfocused.parent, 'parent'),
  ];
  if (diffs.length) return { ok: true, how: `style change (${diffs.slice(0, 3).join('; ')})` };
  return { ok: false, how: 'no outline, no box-shadow and no style change on focus' };
}
