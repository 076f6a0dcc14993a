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

/** [r, g, b] from a CSS rgb()/rgba() string, or null (alpha ignored unless 0). */
export function parseColor(c) {
  const m = c && c.match(/rgba?\(([^)]*)\)/);
  if (!m) return null;
  const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  if (p.length < 3 || p.slice(0, 3).some((x) => Number.isNaN(x))) return null;
  if (p.length === 4 && p[3] === 0) return null;
  return p.slice(0, 3);
}

export function contrast(c1, c2) {
  const a = parseColor(c1);
  const b = parseColor(c2);
  if (!a || !b) return null;
  const lum = ([r, g, bl]) => {
    const f = (v) => { const s = v / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * Best contrast the focus indicator achieves (outline or box-shadow against what is
 * behind it, or the element's own background change). null when it cannot be told
 * (background images, no colour indicator).
 */
export function indicatorContrast(step, unfocusedSnap) {
  const f = step.focused.self;
  const u = unfocusedSnap.self;
  const found = [];
  if (f['outline-style'] !== 'none' && parseFloat(f['outline-width']) > 0 && f['outline-style'] !== 'auto') {
    const behind = parseFloat(f['outline-offset']) < 0 ? step.bgSelf : step.bgParent;
    const c = contrast(f['outline-color'], behind);
    if (c != null) found.push({ how: 'outline', ratio: c });
  }
  if (f['box-shadow'] && f['box-shadow'] !== 'none' && f['box-shadow'] !== u['box-shadow']) {
    const m = f['box-shadow'].match(/rgba?\([^)]*\)/);
    const c = m && contrast(m[0], step.bgParent);
    if (c != null) found.push({ how: 'box-shadow', ratio: c });
  }
  if (step.bgSelf && unfocusedSnap.bgSelf && step.bgSelf !== unfocusedSnap.bgSelf) {
    const c = contrast(step.bgSelf, unfocusedSnap.bgSelf);
    if (c != null) found.push({ how: 'background change', ratio: c });
  }
  if (!found.length) return null;
  return found.sort((a, b) => b.ratio - a.ratio)[0];
}
