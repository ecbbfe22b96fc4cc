// "Did you mean" candidates by edit distance (optimal string alignment: a swap of two
// neighbouring letters counts as one edit).

export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const prevPrev = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prevPrev[j - 2] + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    for (let j = 0; j <= b.length; j++) prevPrev[j] = prev[j];
    prev = cur;
  }
  return prev[b.length];
}

/** Up to three candidates close to `value` (compared upper-case, separators ignored), best first. */
export function closest(value: string, candidates: readonly string[]): string[] {
  if (value.length > 64) return [];
  const norm = (s: string) => s.toUpperCase().replace(/[\s_\-/]/g, '');
  const v = norm(value);
  const max = Math.max(1, Math.min(3, Math.floor(v.length / 3)));
  const scored: Array<[string, number]> = [];
  for (const c of candidates) {
    const d = editDistance(v, norm(c), max);
    if (d <= max) scored.push([c, d]);
  }
  scored.sort((x, y) => x[1] - y[1]);
  return scored.slice(0, 3).map((x) => x[0]);
}
