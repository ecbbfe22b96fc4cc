// Checking a file in parts (parts.ts) must report exactly what one pass reports: same
// diagnostics at the same places, same summary. Parts run here in order in one thread; the CLI
// runs them in worker threads through the same API.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLinter,
  joinParts,
  lintText,
  partLayout,
  resolveConfig,
  shiftDiagnostic,
  type CdrFormat,
  type Diagnostic,
  type LintConfig,
  type Notation,
  type StatusSummary,
} from '../src/index.js';
import { createCsvParser } from '../src/parse/csv.js';
import type { CsvHeader } from '../src/parse/types.js';
import { key, mutate, params, seedDocuments } from './reliability/support.js';

const ALL_ON = resolveConfig({ rules: { 'mixed-notation': 'warning' } });

/** The prefix of every later part (PartOptions.prefix), from the file's head. */
const partPrefix = (format: CdrFormat, head: string): string | undefined => partLayout(format, head)?.prefix;

interface Split {
  valid: boolean;
  diagnostics: Diagnostic[];
  summary: StatusSummary;
  records: number;
}

/** Lints `text` cut at `cuts` (offsets just after a line feed), the way the CLI's workers do. */
function lintInParts(text: string, format: CdrFormat, cuts: readonly number[], config: LintConfig): Split | undefined {
  const prefix = partPrefix(format, text);
  if (prefix === undefined) return undefined;
  const bounds = [0, ...cuts, text.length];
  const notation: { first?: Notation } = {};
  const outcomes = [];
  const found: Diagnostic[][] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const linter = createLinter({ format, config, part: { prefix: i === 0 ? '' : prefix, later: i > 0, notation } });
    // Several pushes, as a stream would.
    const body = text.slice(bounds[i], bounds[i + 1]);
    for (let o = 0; o < body.length; o += 7) linter.push(body.slice(o, o + 7));
    const r = linter.end();
    outcomes.push(r.part!);
    found.push(r.diagnostics);
  }
  const joined = joinParts(outcomes, config);
  const diagnostics = [...found.flatMap((ds, i) => ds.map((d) => shiftDiagnostic(d, joined.shifts[i]))), ...joined.diagnostics];
  return { valid: joined.valid, diagnostics, summary: joined.summary, records: joined.records };
}

/** Offsets just after each line feed, past the header (CSV) or the opening of the records array (JSON). */
function cutPoints(text: string, format: CdrFormat): number[] {
  const prefix = format === 'ndjson' ? 0 : (partLayout(format, text)?.bodyStart ?? text.length);
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (i + 1 >= prefix && i + 1 < text.length) out.push(i + 1);
  return out;
}

/** Where partLayout may start a JSON part, in order. */
function elementStarts(text: string): number[] {
  const layout = partLayout('json', text);
  const out: number[] = [];
  for (let at = layout?.cut(text) ?? -1; at >= 0; at = layout!.cut(text, at)) out.push(at);
  return out;
}

function expectSameAsOnePass(text: string, format: CdrFormat, cuts: readonly number[], config: LintConfig): boolean {
  const split = lintInParts(text, format, cuts, config);
  if (!split || !split.valid) return false;
  const whole = lintText(text, { format, config });
  expect(split.diagnostics.map(key).sort()).toEqual(whole.diagnostics.map(key).sort());
  expect(split.summary).toEqual(whole.summary);
  expect(split.records).toBe(whole.records);
  return true;
}

const formatOf = (name: string): CdrFormat | undefined =>
  /\.(csv|tsv)$/.test(name) ? 'csv' : /\.(ndjson|jsonl)$/.test(name) ? 'ndjson' : /\.json$/.test(name) ? 'json' : undefined;

/**
 * JSON documents made of the NDJSON seeds' records: an array with one record per line, and an
 * envelope (a property before the records) with each record printed over several lines, its
 * nested values deeper (a record's `legs`, an array of objects, has lines like an element's).
 */
function jsonSeeds(seeds: readonly { name: string; text: string }[]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const seed of seeds) {
    if (formatOf(seed.name) !== 'ndjson') continue;
    const lines = seed.text.split('\n').filter((l) => l.trim() !== '');
    out.push({ name: `${seed.name}.array.json`, text: `[\n${lines.join(',\n')}\n]\n` });
    const records = lines.flatMap((l) => {
      try {
        const v: unknown = JSON.parse(l);
        return v !== null && typeof v === 'object' && !Array.isArray(v) ? [{ ...v, legs: [{ leg: 1 }, { leg: 2 }] }] : [];
      } catch {
        return [];
      }
    });
    if (records.length > 1) out.push({ name: `${seed.name}.envelope.json`, text: `${JSON.stringify({ status: 'OK', data: records }, null, 2)}\n` });
  }
  return out;
}

describe('lint in parts', () => {
  const seeds = [...seedDocuments(), ...jsonSeeds(seedDocuments())].filter((s) => formatOf(s.name));

  it('every fixture and example, cut after any one line and after any two: same as one pass', () => {
    const compared = { csv: 0, ndjson: 0, json: 0 };
    for (const seed of seeds) {
      const format = formatOf(seed.name)!;
      const cuts = cutPoints(seed.text, format);
      for (const c of cuts) if (expectSameAsOnePass(seed.text, format, [c], ALL_ON)) compared[format]++;
      // Pairs: for JSON only where the layout may cut (a pretty-printed record spans many
      // lines, and a pair with a cut inside one is refused like that cut alone).
      const pairs = format === 'json' ? elementStarts(seed.text) : cuts;
      for (let i = 0; i < pairs.length; i++) {
        for (let j = i + 1; j < pairs.length; j += 3) if (expectSameAsOnePass(seed.text, format, [pairs[i], pairs[j]], ALL_ON)) compared[format]++;
      }
    }
    expect(compared.csv + compared.ndjson).toBeGreaterThan(200);
    expect(compared.json).toBeGreaterThan(20);
  }, 60_000);

  it('JSON: the layout cuts only before an element of the records array, at the elements\' indentation', () => {
    const records = [1, 2, 3, 4].map((n) => ({ call_id: n, status: 'ABSENT', sub_status: 'BUSY', legs: [{ leg: 1 }, { leg: 2 }] }));
    const text = `${JSON.stringify({ status: 'OK', count: 4, data: records }, null, 2)}\n`;
    const layout = partLayout('json', text)!;
    expect(layout.prefix).toBe(`${text.slice(0, text.indexOf('"data": [') + 9)}\n`);
    const starts: number[] = [];
    for (let at = layout.cut(text); at >= 0; at = layout.cut(text, at)) starts.push(at);
    // Each later record's opening brace, four spaces in; never a leg's (eight spaces in).
    expect(starts.map((at) => text.slice(at, at + 5))).toEqual(['    {', '    {', '    {']);
    for (const at of starts) expect(expectSameAsOnePass(text, 'json', [at], ALL_ON)).toBe(true);
    expect(expectSameAsOnePass(text, 'json', starts, ALL_ON)).toBe(true);
    // One record per line, straight after the bracket.
    const flat = '[{"call_id":1},\n{"call_id":2},\n{"call_id":3}]';
    expect(partLayout('json', flat)).toMatchObject({ prefix: '[\n', bodyStart: 1 });
    expect(partLayout('json', flat)!.cut(flat)).toBe(flat.indexOf('{"call_id":2'));
    // No element starts a line, or no records array: the file is checked in one pass.
    expect(partLayout('json', '[{"call_id":1},{"call_id":2}]\n')).toBeUndefined();
    expect(partLayout('json', '{"data": {"call_id":1}}\n')).toBeUndefined();
    expect(partLayout('json', '{\n"call_id": 1,\n"status": "ABSENT"\n}\n')).toBeUndefined();
  });

  it('JSON: a cut between the last comma and the closing bracket leaves the trailing comma to one pass', () => {
    const text = '[\n{"call_id":1,"status":"ABSENT/BUSY"},\n{"call_id":2,"status":"ABSENT/BUSY"},\n]\n';
    const one = lintText(text, { format: 'json' }).diagnostics.map((d) => d.message);
    expect(one).toEqual(['Trailing comma is not allowed']);
    expect(lintInParts(text, 'json', [text.indexOf(']')], ALL_ON)!.valid).toBe(false);
    expect(expectSameAsOnePass(text, 'json', [text.indexOf('{"call_id":2')], ALL_ON)).toBe(true);
  });

  it('JSON: a later part that opens with `}` or `:`, or a cut inside a line, leaves the file to one pass', () => {
    for (const junk of ['}', ':']) {
      const text = `[\n{"call_id":1,"status":"ABSENT/BUSY"},\n{"call_id":2,"status":"ABSENT/BUSY"},\n${junk}]\n`;
      // One pass still knows the comma before the cut when it meets the `]`.
      expect(lintText(text, { format: 'json' }).diagnostics.map((d) => d.message)).toContain('Trailing comma is not allowed');
      expect(lintInParts(text, 'json', [text.indexOf(`${junk}]`)], ALL_ON)!.valid).toBe(false);
    }
    const text = '[\n{"call_id":0,"status":"ABSENT/BUSY"},\n{"call_id":1,"status":"ABSENT/BUSY"}, {"call_id":2,"status":"ABSENT/BUSY","duration":"x"}\n]\n';
    expect(lintInParts(text, 'json', [text.indexOf('{"call_id":2')], ALL_ON)!.valid).toBe(false);
  });

  it('records without a status before the first status: one pass holds at most 1,000 messages in all, and so do the parts', () => {
    const bare = (from: number, n: number) => Array.from({ length: n }, (_, i) => `{"call_id":${from + i}}\n`).join('');
    const withStatus = '{"call_id":9999,"status":"ABSENT/BUSY"}\n';
    const missing = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === 'missing-status').length;
    // 600 + 600 held before the status: one pass keeps 1,000 of them, two parts would keep 1,200.
    const over = bare(0, 1200) + withStatus;
    expect(missing(lintText(over, { format: 'ndjson' }).diagnostics)).toBe(1000);
    const cut = over.indexOf('{"call_id":600}');
    expect(lintInParts(over, 'ndjson', [cut], ALL_ON)!.valid).toBe(false);
    const asJson = `[\n${over.trimEnd().split('\n').join(',\n')}\n]\n`;
    expect(lintInParts(asJson, 'json', [asJson.indexOf('{"call_id":600}')], ALL_ON)!.valid).toBe(false);
    // 500 + 400: all kept either way.
    const under = bare(0, 900) + withStatus + bare(2000, 3);
    expect(expectSameAsOnePass(under, 'ndjson', [under.indexOf('{"call_id":500}')], ALL_ON)).toBe(true);
    expect(missing(lintInParts(under, 'ndjson', [under.indexOf('{"call_id":500}')], ALL_ON)!.diagnostics)).toBe(903);
  });

  it('JSON: an array left open at the end of the file is reported once, by the last part', () => {
    const text = '[\n{"call_id":1,"status":"ABSENT/BUSY"},\n{"call_id":2,"status":"ABSENT/BUSY"},\n{"call_id":3,"status":"ABSENT/BUSY"},\n';
    // (Not after the bracket's line: only a cut after a comma is one a part may end at.)
    const cuts = cutPoints(text, 'json').slice(1);
    expect(cuts).toHaveLength(2);
    for (const c of [[cuts[0]], [cuts[1]], cuts]) {
      const split = lintInParts(text, 'json', c, ALL_ON)!;
      expect(split.valid).toBe(true);
      expect(split.diagnostics.map((d) => [d.message, d.range.start.line])).toEqual([["Unexpected end of file: expected ']' to close the array", 4]]);
      expect(expectSameAsOnePass(text, 'json', c, ALL_ON)).toBe(true);
    }
  });

  it('call ids repeated across parts: exact repeats pass, conflicts are judged against the file\'s first record', () => {
    const header = 'call_id,status,sub_status,result_code\n';
    const rows = [
      '1,ANSWERED,COMPLETE,HANGUP', // first of id 1
      '2,ABSENT,BUSY,',
      '1,ANSWERED,COMPLETE,HANGUP', // exact repeat: no report
      '1,ABSENT,BUSY,', // conflicts with line 2
      '3,ABSENT,NO_ANSWER,',
      '1,ABSENT,BUSY,', // conflicts with line 2 (not with line 5)
      '3,ABSENT,NO_ANSWER,', // exact repeat of line 6
      'x7,ERROR,OTHER,',
      'x7,ERROR,REJECTED,', // string id conflict
      '2,ABSENT,BUSY,', // exact repeat of line 3
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,ABSENT,BUSY,', // text ids: kept as bytes (string-ids.ts)
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11,ERROR,OTHER,', // another id (ids are compared as written)
      '通話-1,ABSENT,BUSY,', // units past 255
      'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,ERROR,OTHER,', // conflicts with line 11
      '通話-1,ERROR,OTHER,', // conflicts with line 13
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11,ERROR,OTHER,', // exact repeat of line 12
    ];
    const text = header + rows.map((r) => `${r}\n`).join('');
    const dupLines = (ds: Diagnostic[]) => ds.filter((d) => d.ruleId === 'duplicate-call-id').map((d) => d.range.start.line).sort((a, b) => a - b);
    expect(dupLines(lintText(text, { format: 'csv' }).diagnostics)).toEqual([4, 6, 9, 14, 15]);
    for (const cuts of [[text.indexOf('1,ANSWERED', header.length + 30)], cutPoints(text, 'csv').slice(1, 4), cutPoints(text, 'csv')]) {
      const split = lintInParts(text, 'csv', cuts, ALL_ON)!;
      expect(split.valid).toBe(true);
      expect(dupLines(split.diagnostics)).toEqual([4, 6, 9, 14, 15]);
      expect(expectSameAsOnePass(text, 'csv', cuts, ALL_ON)).toBe(true);
    }
  });

  it('a later part\'s first record with a call id that spans lines: the conflict covers the whole value', () => {
    const header = 'call_id,status,sub_status,result_code\n';
    const first = '"7\n7",ANSWERED,COMPLETE,HANGUP\n2,ABSENT,BUSY,\n';
    const text = `${header}${first}"7\n7",ABSENT,BUSY,\n"7\n7",ABSENT,BUSY,\n`;
    const cut = header.length + first.length;
    const split = lintInParts(text, 'csv', [cut], ALL_ON)!;
    const dup = split.diagnostics.filter((d) => d.ruleId === 'duplicate-call-id');
    expect(dup.map((d) => [d.range.start.line, d.range.start.column, d.range.end.line, d.range.end.column])).toEqual([[4, 0, 5, 2], [6, 0, 7, 2]]);
    expect(expectSameAsOnePass(text, 'csv', [cut], ALL_ON)).toBe(true);
  });

  it('the file\'s first notation comes from the first part that has one', () => {
    const lines = ['{"call_id":1}', '{"call_id":2,"status":"ABSENT/BUSY"}', '{"call_id":3,"status":"ABSENT_BUSY"}', '{"call_id":4,"status":"ABSENT/BUSY"}'];
    const text = lines.map((l) => `${l}\n`).join('');
    const cuts = cutPoints(text, 'ndjson');
    for (const c of [[cuts[0]], [cuts[1]], cuts]) expect(expectSameAsOnePass(text, 'ndjson', c, ALL_ON)).toBe(true);
    const mixed = lintInParts(text, 'ndjson', cuts, ALL_ON)!.diagnostics.filter((d) => d.ruleId === 'mixed-notation');
    expect(mixed.map((d) => d.range.start.line)).toEqual([2]);
  });

  it('NDJSON without any status: one file-level message, counted over all parts', () => {
    const text = '{"a":1}\n{"a":2}\n{"a":3}\n';
    const split = lintInParts(text, 'ndjson', cutPoints(text, 'ndjson'), ALL_ON)!;
    expect(split.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('3 records checked')]);
    expect(expectSameAsOnePass(text, 'ndjson', cutPoints(text, 'ndjson'), ALL_ON)).toBe(true);
  });

  it('a cut inside a quoted field is detected: the join says to check in one pass', () => {
    const text = 'call_id,status,note\n1,ANSWERED/COMPLETE,"two\nlines"\n2,ABSENT/BUSY,x\n';
    const inside = text.indexOf('two\n') + 4;
    expect(lintInParts(text, 'csv', [inside], ALL_ON)!.valid).toBe(false);
    expect(lintInParts(text, 'csv', [text.indexOf('2,ABSENT')], ALL_ON)!.valid).toBe(true);
  });

  it('mutated fixtures cut at random line feeds: same as one pass whenever the cuts fall between records', () => {
    const seedsWithFormat = seeds.map((s) => ({ ...s, format: formatOf(s.name)! }));
    const arb = fc
      .nat({ max: seedsWithFormat.length - 1 })
      .chain((i) => fc.tuple(fc.constant(seedsWithFormat[i]), mutate(seedsWithFormat[i].text)))
      .chain(([seed, text]) => {
        const cuts = cutPoints(text, seed.format);
        return fc.tuple(fc.constant(seed.format), fc.constant(text), fc.subarray(cuts, { maxLength: Math.min(4, cuts.length) }));
      });
    let compared = 0;
    fc.assert(
      fc.property(arb, ([format, text, cuts]) => {
        if (expectSameAsOnePass(text, format, cuts, ALL_ON)) compared++;
      }),
      params(1500),
    );
    expect(compared).toBeGreaterThan(300);
  }, 120_000);

  it('the header prefix read line by line ends where parsing the whole head ends the header', () => {
    // The reference: the head pushed whole into the parser, as partPrefix did before.
    const headerEnd = (head: string): number | undefined => {
      let header: CsvHeader | undefined;
      createCsvParser({ header: (h) => (header = h), record: () => {}, problem: () => {} }).push(head);
      return header && header.ranges.length > 0 ? header.ranges[header.ranges.length - 1].end : undefined;
    };
    const unit = fc.constantFrom('a', 'b', ',', ';', '\t', '"', '\n', '\r', '\r\n', 'é', '1,x\n', '"q\nr"');
    let found = 0;
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (head) => {
        const prefix = partPrefix('csv', head);
        const end = headerEnd(head);
        if (end === undefined) {
          expect(prefix).toBeUndefined();
          return;
        }
        if (prefix === undefined) {
          // (Also undefined when nothing follows the header's last cell, or a lone CR only.)
          expect(head.slice(end)).toMatch(/^\r?$/);
          return;
        }
        found++;
        expect(prefix.slice(0, end)).toBe(head.slice(0, end));
        expect(prefix.slice(end)).toMatch(/^(\r\n|\n)$/);
      }),
      { numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(1000);
    expect(partPrefix('csv', 'a,"b\nc"\r\n1,2\n')).toBe('a,"b\nc"\r\n');
    expect(partPrefix('csv', 'a,b\r1,2\r')).toBe('a,b\n');
  });
});
