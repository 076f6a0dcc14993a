// Line diff (LCS) of <main>'s text with and without JavaScript.

/** Returns { equal, onlyA: [line], onlyB: [line] } with lines in document order. */
export function diffLines(a, b) {
  if (a.length === b.length && a.every((l, i) => l === b[i])) return { equal: true, onlyA: [], onlyB: [] };
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > 8e6) {
    const sb = new Set(b);
    const sa = new Set(a);
    return { equal: false, onlyA: a.filter((l) => !sb.has(l)), onlyB: b.filter((l) => !sa.has(l)) };
  }
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
    }
  }
  const onlyA = [];
  const onlyB = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { i++; j++; } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) onlyA.push(a[i++]);
    else onlyB.push(b[j++]);
  }
  while (i < n) onlyA.push(a[i++]);
  while (j < m) onlyB.push(b[j++]);
  return { equal: onlyA.length === 0 && onlyB.length === 0, onlyA, onlyB };
}
