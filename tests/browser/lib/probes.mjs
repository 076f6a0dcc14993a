// Functions that run inside the page (passed to page.evaluate). Each must be
// self-contained: Playwright serialises its source, so no closures over module scope.

/** Structure of the page for the no-JavaScript checks. */
export function structureProbe() {
  const cssPath = (el) => {
    if (!el || el.nodeType !== 1) return String(el);
    if (el.id) return `${el.localName}#${CSS.escape(el.id)}`;
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.body && e !== document.documentElement && parts.length < 5; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(`${s}#${CSS.escape(e.id)}`); break; }
      const cls = [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      s += cls;
      const sibs = e.parentElement ? [...e.parentElement.children].filter((c) => c.localName === e.localName) : [];
      if (sibs.length > 1) s += `:nth-of-type(${sibs.indexOf(e) + 1})`;
      parts.unshift(s);
    }
    return parts.join(' > ') || el.localName;
  };
  const text = (el) => (el ? (el.innerText || '').replace(/\s+/g, ' ').trim() : '');
  const h1s = [...document.querySelectorAll('h1')];
  const mains = [...document.querySelectorAll('main, [role="main"]')];
  const main = mains[0] || null;
  const navs = [...document.querySelectorAll('nav, [role="navigation"]')].map((n) => ({
    selector: cssPath(n),
    label: n.getAttribute('aria-label') || '',
    links: [...n.querySelectorAll('a[href]')].length,
  }));
  return {
    title: document.title,
    h1: h1s.map((h) => ({ selector: cssPath(h), text: text(h).slice(0, 120) })),
    mains: mains.map((m) => ({ selector: cssPath(m), id: m.id || '', textLength: text(m).length })),
    mainId: main ? main.id || '' : '',
    navs,
  };
}

/** innerText of <main> split into normalised non-empty lines. */
export function mainTextProbe() {
  const main = document.querySelector('main, [role="main"]');
  if (!main) return null;
  // Controls that only JavaScript can make work (marked `data-js-only`, hidden
  // in the HTML and shown by the script) are not content: leave them out, and
  // the notes that stand in for them without JavaScript (`data-nojs-only`,
  // hidden by the script).
  const jsOnly = [...main.querySelectorAll('[data-js-only], [data-nojs-only]')].map((e) => [e, e.style.display]);
  for (const [e] of jsOnly) e.style.display = 'none';
  const text = main.innerText || '';
  for (const [e, d] of jsOnly) e.style.display = d;
  return text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

/** What is focused now, for the skip-link check. */
export function activeElementProbe() {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { none: true };
  const href = el.getAttribute('href');
  const main = document.querySelector('main, [role="main"]');
  let targetId = null;
  let target = null;
  if (href && href.startsWith('#') && href.length > 1) {
    try { targetId = decodeURIComponent(href.slice(1)); } catch { targetId = href.slice(1); }
    target = document.getElementById(targetId);
  }
  const r = el.getBoundingClientRect();
  return {
    none: false,
    tag: el.localName,
    href,
    text: (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 80),
    outerHTML: el.outerHTML.slice(0, 200),
    targetId,
    targetExists: !!target,
    targetIsMain: !!target && !!main && target === main,
    targetInsideMain: !!target && !!main && main.contains(target),
    mainId: main ? main.id || '' : null,
    rect: { x: r.x, y: r.y, width: r.width, height: r.height },
    viewport: { width: innerWidth, height: innerHeight },
  };
}

/** Where focus went after activating the skip link and pressing Tab once more. */
export function focusAfterSkipProbe() {
  const main = document.querySelector('main, [role="main"]');
  const el = document.activeElement;
  if (!main) return { ok: false, why: 'no <main>' };
  if (!el || el === document.body) return { ok: false, why: 'focus went to <body>' };
  if (el === main || main.contains(el)) return { ok: true, where: 'inside main', tag: el.localName };
  // eslint-disable-next-line no-bitwise
  const after = main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
  if (after) return { ok: true, where: 'after main (main has no focusable content)', tag: el.localName };
  return { ok: false, why: `focus went to <${el.localName}> before <main>: ${el.outerHTML.slice(0, 120)}` };
}

/** Elements causing horizontal overflow beyond `limit` px. */
export function overflowProbe(limit) {
  const cssPath = (el) => {
    if (el.id) return `${el.localName}#${CSS.escape(el.id)}`;
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.body && e !== document.documentElement && parts.length < 5; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(`${s}#${CSS.escape(e.id)}`); break; }
      s += [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      const sibs = e.parentElement ? [...e.parentElement.children].filter((c) => c.localName === e.localName) : [];
      if (sibs.length > 1) s += `:nth-of-type(${sibs.indexOf(e) + 1})`;
      parts.unshift(s);
    }
    return parts.join(' > ') || el.localName;
  };
  const scrollWidth = document.documentElement.scrollWidth;
  const result = { scrollWidth, bodyScrollWidth: document.body ? document.body.scrollWidth : 0, innerWidth, offenders: [] };
  if (scrollWidth <= limit) return result;
  const clips = (e) => {
    for (let a = e.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox !== 'visible') {
        const ar = a.getBoundingClientRect();
        if (ar.right <= limit + 0.5) return true;
      }
    }
    return false;
  };
  const over = (e) => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > limit + 0.5 || r.left < -0.5);
  };
  const all = [...document.body.querySelectorAll('*')].filter((e) => over(e) && !clips(e));
  // Report the outermost offenders: those whose parent does not itself overflow.
  const roots = all.filter((e) => !e.parentElement || !all.includes(e.parentElement));
  result.offenders = roots.slice(0, 12).map((e) => {
    const r = e.getBoundingClientRect();
    const cs = getComputedStyle(e);
    return {
      selector: cssPath(e),
      left: Math.round(r.left),
      right: Math.round(r.right),
      width: Math.round(r.width),
      css: `width:${cs.width}; min-width:${cs.minWidth}; white-space:${cs.whiteSpace}`,
      html: e.outerHTML.replace(/\s+/g, ' ').slice(0, 140),
    };
  });
  result.offenderCount = roots.length;
  return result;
}

/**
 * Called after each Tab press: records the focused element (in window.__scrFocus)
 * with its focused styles, geometry and whether something covers it entirely.
 */
export function focusStepProbe() {
  const PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'background-color', 'background-image', 'color', 'border-top-color', 'border-right-color',
    'border-bottom-color', 'border-left-color', 'border-top-width', 'border-right-width',
    'border-bottom-width', 'border-left-width', 'border-top-style', 'border-bottom-style',
    'text-decoration-line', 'text-decoration-thickness', 'text-decoration-color',
    'text-decoration-style', 'text-underline-offset', 'filter', 'transform', 'opacity', 'font-weight'];
  const snap = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo || null);
    const o = {};
    for (const p of PROPS) o[p] = cs.getPropertyValue(p);
    if (pseudo) o.content = cs.getPropertyValue('content');
    return o;
  };
  const cssPath = (el) => {
    if (el.id) return `${el.localName}#${CSS.escape(el.id)}`;
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.body && e !== document.documentElement && parts.length < 5; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(`${s}#${CSS.escape(e.id)}`); break; }
      s += [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      const sibs = e.parentElement ? [...e.parentElement.children].filter((c) => c.localName === e.localName) : [];
      if (sibs.length > 1) s += `:nth-of-type(${sibs.indexOf(e) + 1})`;
      parts.unshift(s);
    }
    return parts.join(' > ') || el.localName;
  };
  // Jump CSS transitions/animations to their end state so styles are final.
  for (const a of document.getAnimations()) { try { a.finish(); } catch { /* infinite */ } }
  const effBg = (start) => {
    for (let e = start; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;
      const c = cs.backgroundColor;
      if (c && c !== 'transparent' && !/^rgba\([^)]*[,/]\s*0\)$/.test(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  window.__scrFocus = window.__scrFocus || [];
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return { end: true };
  const seenAt = window.__scrFocus.indexOf(el);
  if (seenAt !== -1) return { end: true, wrapped: true, seenAt };
  window.__scrFocus.push(el);
  const r = el.getBoundingClientRect();
  // Is the element entirely hidden by other content (WCAG 2.2 SC 2.4.11)?
  const pts = [[0.5, 0.5], [0.15, 0.15], [0.85, 0.15], [0.15, 0.85], [0.85, 0.85]]
    .map(([fx, fy]) => [r.left + r.width * fx, r.top + r.height * fy]);
  let visiblePts = 0;
  let coveredBy = null;
  for (const [x, y] of pts) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const top = document.elementFromPoint(x, y);
    if (!top || top === el || el.contains(top) || top.contains(el)) visiblePts++;
    else if (!coveredBy) coveredBy = cssPath(top);
  }
  const label = el.getAttribute('aria-label') || (el.innerText || el.value || el.getAttribute('title') || '').replace(/\s+/g, ' ').trim();
  return {
    end: false,
    index: window.__scrFocus.length - 1,
    selector: cssPath(el),
    tag: el.localName,
    label: label.slice(0, 60),
    html: el.outerHTML.replace(/\s+/g, ' ').slice(0, 140),
    rect: { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height) },
    inViewport: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    obscured: r.width > 0 && r.height > 0 && visiblePts === 0,
    coveredBy,
    focused: { self: snap(el), before: snap(el, '::before'), after: snap(el, '::after'), parent: el.parentElement ? snap(el.parentElement) : null },
    bgSelf: effBg(el),
    bgParent: effBg(el.parentElement),
  };
}

/** After the Tab walk: blur, then the unfocused styles of every element visited. */
export function unfocusedStylesProbe() {
  const PROPS = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
    'background-color', 'background-image', 'color', 'border-top-color', 'border-right-color',
    'border-bottom-color', 'border-left-color', 'border-top-width', 'border-right-width',
    'border-bottom-width', 'border-left-width', 'border-top-style', 'border-bottom-style',
    'text-decoration-line', 'text-decoration-thickness', 'text-decoration-color',
    'text-decoration-style', 'text-underline-offset', 'filter', 'transform', 'opacity', 'font-weight'];
  const snap = (el, pseudo) => {
    const cs = getComputedStyle(el, pseudo || null);
    const o = {};
    for (const p of PROPS) o[p] = cs.getPropertyValue(p);
    if (pseudo) o.content = cs.getPropertyValue('content');
    return o;
  };
  const effBg = (start) => {
    for (let e = start; e; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.backgroundImage && cs.backgroundImage !== 'none') return null;
      const c = cs.backgroundColor;
      if (c && c !== 'transparent' && !/^rgba\([^)]*[,/]\s*0\)$/.test(c)) return c;
    }
    return 'rgb(255, 255, 255)';
  };
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  for (const a of document.getAnimations()) { try { a.finish(); } catch { /* infinite */ } }
  return (window.__scrFocus || []).map((el) => ({
    self: snap(el), before: snap(el, '::before'), after: snap(el, '::after'), parent: el.parentElement ? snap(el.parentElement) : null,
    bgSelf: effBg(el),
  }));
}

/**
 * Advisory findings at a narrow width (reported as warnings, not failures):
 * horizontally scrollable regions, and text rendered smaller than `minPx`
 * (SVG text shrinks with its viewBox, so chart labels can become unreadable).
 */
export function narrowAdvisoryProbe(minPx) {
  const cssPath = (el) => {
    if (el.id) return `${el.localName}#${CSS.escape(el.id)}`;
    const parts = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.body && e !== document.documentElement && parts.length < 4; e = e.parentElement) {
      let s = e.localName;
      if (e.id) { parts.unshift(`${s}#${CSS.escape(e.id)}`); break; }
      s += [...e.classList].slice(0, 2).map((c) => '.' + CSS.escape(c)).join('');
      const sibs = e.parentElement ? [...e.parentElement.children].filter((c) => c.localName === e.localName) : [];
      if (sibs.length > 1) s += `:nth-of-type(${sibs.indexOf(e) + 1})`;
      parts.unshift(s);
    }
    return parts.join(' > ') || el.localName;
  };
  const scrollRegions = [];
  for (const e of document.body.querySelectorAll('*')) {
    const ox = getComputedStyle(e).overflowX;
    if ((ox === 'auto' || ox === 'scroll') && e.scrollWidth > e.clientWidth + 1) {
      const hidden = e.scrollWidth - e.clientWidth;
      scrollRegions.push({
        selector: cssPath(e),
        visible: e.clientWidth,
        content: e.scrollWidth,
        hiddenPx: hidden,
        focusable: e.tabIndex >= 0,
        named: !!(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')),
        role: e.getAttribute('role') || '',
      });
    }
  }
  const small = new Map();
  for (const t of document.querySelectorAll('svg text, svg tspan')) {
    if (!t.textContent.trim()) continue;
    const ctm = t.getScreenCTM && t.getScreenCTM();
    const scale = ctm ? Math.hypot(ctm.a, ctm.b) : 1;
    const px = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (px < minPx) {
      const svg = t.ownerSVGElement;
      const key = svg ? cssPath(svg) : cssPath(t);
      const prev = small.get(key);
      if (!prev || px < prev.px) small.set(key, { selector: key, px: Math.round(px * 10) / 10, text: t.textContent.trim().slice(0, 40), count: (prev ? prev.count : 0) + 1 });
      else prev.count++;
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('svg') || !n.textContent.trim()) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    const r = el.getBoundingClientRect();
    if (px < minPx && r.width > 0 && r.height > 0) {
      const key = cssPath(el);
      if (!small.has(key)) small.set(key, { selector: key, px, text: n.textContent.trim().slice(0, 40), count: 1 });
    }
  }
  return { scrollRegions, smallText: [...small.values()] };
}
