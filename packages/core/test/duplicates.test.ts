// The call-id table against a Map, over ids that rise, fall back and repeat, in one pass and
// in parts; and its storage edges that files in the test corpus cannot reach: offsets past
// 4 Gi characters, first records off column 0, ids past the first page of hashes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindFields } from '../src/binding.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { lintText } from '../src/lint.js';
import type { SourceRecord } from '../src/parse/types.js';
import { DuplicateCallIds, namingFirstLine } from '../src/rules/duplicates.js';
import { RecordContext } from '../src/rules/record-context.js';
import type { Diagnostic, Position } from '../src/types.js';

const KEYS = ['call_id', 'status'];

/** A record of one line at `start`, as a parser far into a huge text would hand it over. */
function record(index: number, start: number, line: number, column: number, id: string, status: string): SourceRecord {
  const text = `${id},${status}`;
  const at = (offset: number): Position => ({ offset, line, column: column + offset - start });
  const values = [id, status];
  return {
    index, start, end: start + text.length, line, keys: KEYS, values,
    value: (i) => values[i],
    valueRange: (i) => (i === 0 ? { start, end: start + id.length } : { start: start + id.length + 1, end: start + text.length }),
    keyRange: () => undefined,
    position: at,
    text: () => text,
  };
}

function check(records: SourceRecord[], format: 'csv' | 'json', table = new DuplicateCallIds()): Diagnostic[] {
  const found: Diagnostic[] = [];
  const ctx = new RecordContext(records[0], bindFields(KEYS), format, DEFAULT_CONFIG.rules, (d) => found.push(d));
  for (const r of records) {
    ctx.record = r;
    table.check(ctx);
  }
  return found;
}

describe('DuplicateCallIds storage', () => {
  it('keeps first-record offsets past 2^32 exact', () => {
    const far = 2 ** 32 + 12345;
    const found = check([record(0, 10, 0, 0, '7', 'A'), record(1, far, 900, 0, '8', 'A'), record(2, far + 50, 901, 0, '8', 'B')], 'csv');
    expect(found).toHaveLength(1);
    expect(found[0].related?.[0].range.start).toEqual({ offset: far, line: 900, column: 0 });
    expect(found[0].message).toContain('line 901');
  });

  it('keeps the column of a first record that does not start a line', () => {
    const found = check([record(0, 4, 1, 4, '5', 'A'), record(1, 30, 2, 2, '5', 'B')], 'json');
    expect(found[0].related?.[0].range.start).toEqual({ offset: 4, line: 1, column: 4 });
  });

  it('keeps the hashes of ids past the first page of hashes (65,536 ids)', () => {
    // Ids rise to 70,000 (slots past the first page), then repeat: 65,600 and 100 with other
    // content (conflicts), 65,601 and 101 with the same (exact repeats).
    const rs = Array.from({ length: 70_000 }, (_, i) => record(i, 100 * i, i, 0, String(i), 'A'));
    const again = (k: number, id: number, status: string) => record(70_000 + k, 100 * (70_000 + k), 70_000 + k, 0, String(id), status);
    rs.push(again(0, 65_600, 'B'), again(1, 65_601, 'A'), again(2, 100, 'B'), again(3, 101, 'A'));
    // (absorb() reports in no particular order; the caller sorts.)
    const lines = (ds: Diagnostic[]) => ds.map((d) => [d.record!, d.related![0].range.start.line]).sort((x, y) => x[0] - y[0]);
    expect(lines(check(rs, 'csv'))).toEqual([[70_000, 65_600], [70_002, 100]]);
    // The same in two parts, the repeats in the second.
    const first = new DuplicateCallIds();
    const ds = check(rs.slice(0, 69_000), 'csv', first);
    const later = new DuplicateCallIds(true);
    check(rs.slice(69_000).map((r, i) => record(i, 100 * i, i, 0, String(r.values[0]), String(r.values[1]))), 'csv', later);
    first.absorb(later.state(), { chars: 100 * 69_000, lines: 69_000, records: 69_000 }, 'error', (d) => ds.push(d), true);
    expect(lines(ds)).toEqual([[70_000, 65_600], [70_002, 100]]);
  });

  // Ids mostly rise (the ordered run), sometimes fall back or repeat (the hash table, and the
  // run's binary search), and may be text: non-canonical digit strings and other ids (the
  // string table, string-ids.ts).
  // 'leap' makes the rising ids jump past 2^32 (a far step in the run's delta log); 'again'
  // repeats an earlier id, so that ids found in the run (by binary search) are repeated too;
  // 'text' is a new text id, 'uuid' a new lowercase UUID (packed in 16 bytes). The constants
  // have units past 127 and past 255 (kept two bytes a unit), a UUID with its uppercase and
  // near-UUIDs (kept as text, never equal to the packed one), and one id too long for the
  // table's pages (kept as a string).
  const LONG_ID = 'L'.repeat(40_000);
  const UUID = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
  const NEAR_UUIDS = [UUID.toUpperCase(), `${UUID.slice(0, 35)}g`, `${UUID.slice(0, 8)}0${UUID.slice(9)}`, `${UUID}0`];
  const entry = fc.tuple(
    fc.oneof(fc.constant('rise'), fc.nat(40), fc.constantFrom('007', 'x1', '9007199254740993', 'leap', 'again', 'text', 'uuid', 'é-1', 'Ω-2', '📞', UUID, ...NEAR_UUIDS, LONG_ID)),
    fc.constantFrom('A', 'B'),
    fc.nat(),
  );
  const ids = fc.array(entry, { maxLength: 120 });
  function records(list: [string | number, string, number][]): { id: string; status: string }[] {
    let top = 40;
    const out: { id: string; status: string }[] = [];
    for (const [kind, status, pick] of list) {
      if (kind === 'leap') top += 2 ** 32;
      const id =
        kind === 'again' && out.length > 0 ? out[pick % out.length].id
        : kind === 'text' ? `c-${(top += 1)}`
        : kind === 'uuid' ? `${(top += 1).toString(16).padStart(8, '0')}-0000-4000-8000-${top.toString(16).padStart(12, 'f')}`
        : kind === 'rise' || kind === 'leap' || kind === 'again' ? String((top += 1 + (top % 3)))
        : String(kind);
      out.push({ id, status });
    }
    return out;
  }
  /** (record, line of the first record, message) of every conflict, as a Map finds them. */
  function expected(rs: { id: string; status: string }[]): [number, number, string][] {
    const first = new Map<string, number>();
    const out: [number, number, string][] = [];
    rs.forEach((r, i) => {
      const f = first.get(r.id);
      if (f === undefined) first.set(r.id, i);
      else if (rs[f].status !== r.status) out.push([i, f, `Call id ${r.id} already appears on line ${f + 1} with different content.`]);
    });
    return out;
  }
  const found = (ds: Diagnostic[]): [number, number, string][] =>
    ds.map((d) => [d.record!, d.related![0].range.start.line, d.message] as [number, number, string]).sort((a, b) => a[0] - b[0]);

  /** Checks the ids in one pass and compares with the Map. */
  const agreesInOnePass = (list: [string | number, string, number][]) => {
    const rs = records(list);
    const ds = check(rs.map((r, i) => record(i, 100 * i, i, 0, r.id, r.status)), 'csv');
    expect(found(ds)).toEqual(expected(rs));
  };

  it('finds the conflicts a Map finds, ids in order or not', () => {
    fc.assert(fc.property(ids, agreesInOnePass), { numRuns: 500 });
  });

  it('finds the conflicts a Map finds while its arrays grow past their first size', () => {
    // Mostly rising, so that the run spans several blocks before an id falls back.
    const rising = fc.constant<[string, string, number]>(['rise', 'A', 0]);
    const many = fc.array(fc.oneof({ weight: 30, arbitrary: rising }, { weight: 1, arbitrary: entry }), { minLength: 1500, maxLength: 3000 });
    fc.assert(fc.property(many, agreesInOnePass), { numRuns: 30 });
  });

  it('finds the conflicts a Map finds while the string table grows past its first size', () => {
    // Mostly new text ids: past the first bucket array (768 ids) and the first page (4 KiB).
    const text = fc.constant<[string, string, number]>(['text', 'A', 0]);
    const many = fc.array(fc.oneof({ weight: 30, arbitrary: text }, { weight: 1, arbitrary: entry }), { minLength: 1500, maxLength: 3000 });
    fc.assert(fc.property(many, agreesInOnePass), { numRuns: 30 });
  });

  it('finds the same conflicts when the records are checked in parts and absorbed', () => {
    fc.assert(
      fc.property(ids, fc.array(fc.nat(120), { maxLength: 3 }), (list, cutList) => {
        const rs = records(list);
        const cuts = [...new Set([0, ...cutList.map((c) => c % (rs.length + 1)), rs.length])].sort((a, b) => a - b);
        const ds: Diagnostic[] = [];
        let first: DuplicateCallIds | undefined;
        for (let k = 0; k + 1 < cuts.length; k++) {
          const [from, to] = [cuts[k], cuts[k + 1]];
          const part = rs.slice(from, to).map((r, i) => record(i, 100 * i, i, 0, r.id, r.status));
          if (k === 0) {
            first = new DuplicateCallIds();
            ds.push(...check(part, 'csv', first));
            continue;
          }
          const later = new DuplicateCallIds(true);
          if (part.length > 0) check(part, 'csv', later);
          const shift = { chars: 100 * from, lines: from, records: from };
          first!.absorb(later.state(), shift, 'error', (d) => ds.push(d), k === cuts.length - 2);
        }
        expect(found(ds)).toEqual(expected(rs));
      }),
      { numRuns: 500 },
    );
  });
});

describe('call ids read in place from a CSV row', () => {
  it('compares ids as written unless they are canonical numbers, quoted or not', () => {
    const text = [
      'callid,status,sub_status',
      'A-1,ABSENT,BUSY',
      'A-2,ABSENT,BUSY',
      '0123,ABSENT,BUSY',
      '123,ABSENT,BUSY',
      'A-1,ERROR,OTHER',
      'A-12,ABSENT,BUSY',
      '"A-2",ERROR,OTHER',
      '"123",ERROR,OTHER',
      '',
    ].join('\n');
    const found = lintText(text, { fileName: 'x.csv' }).diagnostics.filter((d) => d.ruleId === 'duplicate-call-id');
    expect(found.map((d) => [d.range.start.line, d.range.start.column, d.range.end.column, d.message])).toEqual([
      [5, 0, 3, 'Call id A-1 already appears on line 2 with different content.'],
      [7, 0, 5, 'Call id A-2 already appears on line 3 with different content.'],
      [8, 0, 5, 'Call id 123 already appears on line 5 with different content.'],
    ]);
  });
});

describe('namingFirstLine', () => {
  it('gives the message a check of the text with lines added above the first record gives', () => {
    const rows = ['callid,status,sub_status', '7,ABSENT,BUSY', '8,ABSENT,BUSY', '7,ABSENT,NO_ANSWER'];
    const [before] = lintText(rows.join('\n') + '\n', { fileName: 'a.csv', config: DEFAULT_CONFIG }).diagnostics.filter((d) => d.ruleId === 'duplicate-call-id');
    const [after] = lintText([rows[0], '', '', ...rows.slice(1)].join('\n') + '\n', { fileName: 'a.csv', config: DEFAULT_CONFIG }).diagnostics.filter((d) => d.ruleId === 'duplicate-call-id');
    expect(after.message).not.toBe(before.message);
    const down = (p: Position): Position => ({ ...p, line: p.line + 2 });
    const moved: Diagnostic = { ...before, related: before.related!.map((r) => ({ ...r, range: { start: down(r.range.start), end: down(r.range.end) } })) };
    expect(namingFirstLine(moved).message).toBe(after.message);
    expect(namingFirstLine(before)).toBe(before);
  });
});
