// Property-based tests of the whole linter (lintText / createLinter) on arbitrary text, arbitrary
// bytes and mutations of the valid fixtures, and of applyFixes on what the linter reports.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LineIndex,
  applyFixes,
  compareDiagnostics,
  createLinter,
  DiagnosticOrder,
  decodeBytes,
  encodeText,
  lintText,
  resolveConfig,
  sniffDelimiter,
  type CdrFormat,
  type Diagnostic,
  type LintOptions,
  type LintResult,
  type TextEdit,
} from '../../src/index.js';
import {
  cdrishString,
  checkDiagnostics,
  checkSummary,
  chunksOf,
  count,
  fail,
  key,
  lintName,
  mutate,
  params,
  printRuns,
  seedDocuments,
  structuredString,
  timed,
} from './support.js';

afterAll(() => printRuns('lint.fuzz'));

/** Every rule on, so that off-by-default rules (mixed-notation) are fuzzed too. */
const ALL_ON = resolveConfig({ rules: { 'mixed-notation': 'warning' } });
const seeds = seedDocuments();

const options: fc.Arbitrary<LintOptions> = fc.record({
  fileName: fc.constantFrom(undefined, 'x.csv', 'x.tsv', 'x.ndjson', 'x.jsonl', 'x.json', 'x.txt'),
  format: fc.constantFrom<CdrFormat | undefined>(undefined, undefined, 'csv', 'ndjson', 'json'),
  config: fc.constantFrom(undefined, ALL_ON),
});

/** The invariants of one lint result on `text`. */
function checkResult(text: string, r: LintResult): void {
  checkDiagnostics(text, r.diagnostics, new LineIndex(text));
  checkSummary(r.summary, r.records);
  // Work is bounded by the input: a handful of diagnostics per character at most.
  if (r.diagnostics.length > 8 * (text.length + 1)) fail(`${r.diagnostics.length} diagnostics for ${text.length} chars`);
}

function lintChunked(text: string, sizes: readonly number[], o: LintOptions): LintResult {
  const linter = createLinter(o);
  for (const c of chunksOf(text, sizes)) linter.push(c);
  return linter.end();
}

/** lintText, its invariants, and chunked streaming (with and without onDiagnostic) agreeing with it. */
function lintAndCompare(text: string, sizes: readonly number[], o: LintOptions): LintResult {
  const whole = timed('lintText', () => lintText(text, o));
  checkResult(text, whole);
  const chunked = lintChunked(text, sizes, o);
  expect(chunked.diagnostics.map(key)).toEqual(whole.diagnostics.map(key));
  expect({ ...chunked, diagnostics: [] }).toEqual({ ...whole, diagnostics: [] });
  // Streamed through a DiagnosticOrder, released after every chunk: nothing may arrive before
  // the offset the linter said was settled, and what comes out is the whole file's, sorted.
  const streamed: Diagnostic[] = [];
  const order = new DiagnosticOrder((d) => streamed.push(d));
  let settled = 0;
  const linter = createLinter({
    ...o,
    onDiagnostic: (d) => {
      if (d.range.start.offset < settled) fail(`${key(d)} came after offset ${settled} was settled`);
      order.add(d);
    },
  });
  for (const c of chunksOf(text, sizes)) {
    linter.push(c);
    const s = linter.settled();
    if (s < settled) fail(`settled went back from ${settled} to ${s}`);
    settled = s;
    order.release(settled);
  }
  const r = linter.end();
  order.flush();
  expect(r.diagnostics).toEqual([]);
  expect(streamed.map(key)).toEqual([...whole.diagnostics].sort(compareDiagnostics).map(key));
  return whole;
}

const sizes = fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 });

describe('lintText on arbitrary input', () => {
  it('arbitrary text in any format: never throws, ranges agree with the text, chunked == one push', () => {
    fc.assert(
      fc.property(fc.oneof(structuredString(150), cdrishString(40)), sizes, options, (text, s, o) => {
        count('lint arbitrary text');
        lintAndCompare(text, s, o);
      }),
      params(4000),
    );
  }, 120_000);

  it('arbitrary bytes through decodeBytes: never throws, every diagnostic inside the decoded text', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      fc.tuple(cdrishString(30), fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', null)).map(([s, b]) => encodeText(s, b as 'utf-8' | null)),
      fc.tuple(cdrishString(30), fc.uint8Array({ maxLength: 6 }), fc.nat()).map(([s, junk, at]) => {
        const b = encodeText(s, null);
        const p = b.length === 0 ? 0 : at % b.length;
        return Uint8Array.from([...b.subarray(0, p), ...junk, ...b.subarray(p)]);
      }),
    );
    fc.assert(
      fc.property(bytes, options, (b, o) => {
        count('lint arbitrary bytes');
        const decoded = decodeBytes(b);
        checkDiagnostics(decoded.text, decoded.diagnostics, undefined, false);
        const r = timed('lintText', () => lintText(decoded.text, o));
        checkResult(decoded.text, r);
      }),
      params(2000),
    );
  }, 120_000);
});

describe('lintText on mutations of the valid fixtures and examples', () => {
  const mutated = fc.nat({ max: seeds.length - 1 }).chain((i) => fc.tuple(fc.constant(seeds[i]), mutate(seeds[i].text)));

  it('never throws, ranges agree with the text, chunked == one push', () => {
    fc.assert(
      fc.property(mutated, sizes, fc.constantFrom(undefined, ALL_ON), ([seed, text], s, config) => {
        count('lint mutated fixtures');
        lintAndCompare(text, s, { fileName: lintName(seed.name), config });
      }),
      params(2500),
    );
  }, 120_000);

  it('a CSV row read in place and the same row read from quoted cells give the same messages', () => {
    // A quote anywhere in a row sends it through the character loop, whose records hold their
    // cells put end to end; rows without quotes are read in place (TextValuesRecord). Quoting
    // a row's first cell changes ranges and fixes only: the messages must stay the same.
    const csvSeeds = seeds.filter((x) => /\.csv$/.test(x.name) && /^[^\r\n]*,/.test(x.text));
    // Every line alike (the header too), so that rows that were exact repeats stay repeats.
    const quoteFirstCells = (text: string) =>
      text
        .split(/(\r\n|\r|\n)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/^([^,]*),/, '"$1",')))
        .join('');
    const messages = (r: LintResult) => r.diagnostics.map((d) => JSON.stringify([d.record, d.ruleId, d.severity, d.message])).sort();
    const mutatedCsv = fc.nat({ max: csvSeeds.length - 1 }).chain((i) => fc.tuple(fc.constant(csvSeeds[i]), mutate(csvSeeds[i].text)));
    fc.assert(
      fc.property(mutatedCsv, fc.constantFrom(undefined, ALL_ON), ([seed, text], config) => {
        count('lint CSV in place vs quoted');
        const o = { fileName: lintName(seed.name), config };
        fc.pre(!text.includes('"')); // a quote of the mutation's own could pair with ours
        fc.pre(sniffDelimiter(text) === ',');
        const quoted = quoteFirstCells(text);
        fc.pre(quoted !== text);
        expect(messages(lintText(quoted, o))).toEqual(messages(lintText(text, o)));
      }),
      params(1500),
    );
  }, 120_000);

  it('the unmutated seeds are clean', () => {
    for (const seed of seeds) {
      if (seed.name.includes('with-errors')) continue;
      const r = lintText(seed.text, { fileName: lintName(seed.name) });
      expect(r.diagnostics.map((d) => `${seed.name}: ${d.ruleId} ${d.message}`)).toEqual([]);
      expect(r.isCdr).toBe(true);
    }
  });
});

// --- fixes ----------------------------------------------------------------------------------------

/** Mutations that make fixable problems: wrong case, spaces around values, blank rows. */
function injectFixable(text: string): fc.Arbitrary<string> {
  const words = /\b(?:ANSWERED|ABSENT|ERROR|COMPLETE|NO_ANSWER|BUSY|VOICEMAIL_DETECTED|BLACKLISTED|HANGUP|VOICEMAIL_COMPLETE|VOICEMAIL_INCOMPLETE|ANSWERED_COMPLETE|ABSENT_NO_ANSWER|ABSENT_BUSY)\b/g;
  const spots = [...text.matchAll(words)].map((m) => [m.index, m[0].length] as const);
  const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  type Op = (t: string) => string;
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.tuple(fc.nat(), fc.constantFrom('lower', 'title', 'space', 'slash')).map(([n, how]): Op => (t) => {
      if (spots.length === 0) return t;
      const [at, len] = spots[n % spots.length];
      if (t.length < at + len) return t;
      const w = t.slice(at, at + len);
      const next = how === 'lower' ? w.toLowerCase() : how === 'title' ? w[0] + w.slice(1).toLowerCase() : how === 'space' ? ` ${w} ` : w.replace('_', '/');
      return t.slice(0, at) + next + t.slice(at + len);
    }),
    fc.tuple(fc.nat(), fc.constantFrom('\n', '\r\n', '\n\n')).map(([n, br]): Op => (t) => {
      const at = lineStarts[1 + (n % Math.max(1, lineStarts.length - 1))] ?? t.length;
      return t.slice(0, at) + br + t.slice(at);
    }),
  );
  // Offsets come from the unmutated seed; after an earlier op they may be a little off, which only
  // makes the mutation rougher.
  return fc.array(op, { minLength: 1, maxLength: 6 }).map((ops) => ops.reduce((t, f) => f(t), text));
}

/** Moves an offset of the text before `edits` to the text after them. */
function mapOffset(o: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    if (e.end <= o && !(e.start === e.end && e.start === o)) delta += e.text.length - (e.end - e.start);
    else if (e.start < o) return e.start + delta;
  }
  return o + delta;
}

/**
 * `after` must be `before` with only fix edits applied: outside the union of all fix edit ranges
 * not one character may change. Each group of overlapping edits may come out as any result of
 * applying a non-overlapping subset of them.
 */
function checkOnlyFixRangesChanged(before: string, after: string, ds: readonly Diagnostic[]): void {
  const edits = ds.flatMap((d) => d.fix?.edits ?? []).sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: TextEdit[][] = [];
  for (const e of edits) {
    const g = groups[groups.length - 1];
    if (g && e.start <= Math.max(...g.map((x) => x.end))) g.push(e);
    else groups.push([e]);
  }
  const options = groups.map((g) => {
    const start = g[0].start;
    const end = Math.max(...g.map((x) => x.end));
    const outs = new Set<string>();
    const small = g.length <= 8;
    const subsets = small ? 1 << g.length : g.length + 1;
    for (let m = 0; m < subsets; m++) {
      const chosen = small ? g.filter((_, i) => m & (1 << i)) : m === 0 ? [] : [g[m - 1]];
      let ok = true;
      for (let i = 1; i < chosen.length; i++) if (chosen[i].start < chosen[i - 1].end) ok = false;
      if (!ok) continue;
      let s = '';
      let at = start;
      for (const c of chosen) {
        s += before.slice(at, c.start) + c.text;
        at = c.end;
      }
      outs.add(s + before.slice(at, end));
    }
    return { start, end, outs: [...outs] };
  });
  // Match `after` against: fixed text, group, fixed text, group, ... (small backtracking search).
  const match = (gi: number, srcAt: number, outAt: number): boolean => {
    const next = gi < options.length ? options[gi].start : before.length;
    const fixed = before.slice(srcAt, next);
    if (after.slice(outAt, outAt + fixed.length) !== fixed) return false;
    const o = outAt + fixed.length;
    if (gi === options.length) return o === after.length;
    return options[gi].outs.some((s) => after.startsWith(s, o) && match(gi + 1, options[gi].end, o + s.length));
  };
  if (!match(0, 0, 0)) fail('applyFixes changed text outside the ranges of the fixes');
}

const effective = (text: string, d: Diagnostic) => d.fix !== undefined && d.fix.edits.some((e) => text.slice(e.start, e.end) !== e.text);

describe('applyFixes', () => {
  const docs = fc.nat({ max: seeds.length - 1 }).chain((i) =>
    fc.tuple(fc.constant(seeds[i]), fc.oneof({ weight: 3, arbitrary: injectFixable(seeds[i].text) }, { weight: 1, arbitrary: mutate(seeds[i].text) })),
  );

  it('changes only the fixes\' ranges, converges (then changes nothing), and each fix resolves its own diagnostic', () => {
    let fixable = 0;
    fc.assert(
      fc.property(docs, ([seed, text]) => {
        count('fixes on mutated fixtures');
        const o: LintOptions = { fileName: lintName(seed.name), config: ALL_ON };
        const first = lintText(text, o);
        const withFix = first.diagnostics.filter((d) => effective(text, d));
        fixable += withFix.length;

        // 1. One pass changes nothing outside the reported fix ranges.
        const once = applyFixes(text, first.diagnostics);
        checkOnlyFixRangesChanged(text, once.text, first.diagnostics);
        expect(once.applied === 0).toBe(withFix.length === 0);

        // 2. Repeated passes converge; at the fixpoint nothing fixable is left and a pass changes nothing.
        let cur = once.text;
        let passes = 1;
        for (; passes < 6; passes++) {
          const ds = lintText(cur, o).diagnostics;
          const next = applyFixes(cur, ds);
          if (next.applied === 0) {
            expect(next.text).toBe(cur);
            expect(ds.filter((d) => effective(cur, d))).toEqual([]);
            break;
          }
          checkOnlyFixRangesChanged(cur, next.text, ds);
          cur = next.text;
        }
        if (passes === 6) fail('applyFixes did not converge in 5 passes');
        const again = applyFixes(cur, lintText(cur, o).diagnostics);
        expect(again).toEqual({ text: cur, applied: 0 });

        // 3. Each fix alone resolves its diagnostic: re-linting shows the other diagnostics of that
        //    rule (moved by the edit) and not this one.
        for (const d of withFix.slice(0, 6)) {
          const alone = applyFixes(text, [d]);
          expect(alone.applied).toBe(1);
          const edits = [...d.fix!.edits].sort((a, b) => a.start - b.start);
          const after = lintText(alone.text, o).diagnostics.filter((x) => x.ruleId === d.ruleId).map((x) => x.range.start.offset);
          const expected = first.diagnostics.filter((x) => x.ruleId === d.ruleId && x !== d).map((x) => mapOffset(x.range.start.offset, edits));
          expect({ rule: d.ruleId, at: after.sort((a, b) => a - b) }).toEqual({ rule: d.ruleId, at: expected.sort((a, b) => a - b) });
        }
      }),
      params(1500),
    );
    // The generator must actually produce fixable problems, or this test proves nothing.
    expect(fixable).toBeGreaterThan(500);
  }, 120_000);
});
