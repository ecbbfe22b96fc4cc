// The call-id table's storage edges that files in the test corpus cannot reach: offsets past
// 4 Gi characters (the table starts with 32-bit offsets) and first records off column 0.
import { describe, expect, it } from 'vitest';
import { bindFields } from '../src/binding.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import type { SourceRecord } from '../src/parse/types.js';
import { DuplicateCallIds } from '../src/rules/duplicates.js';
import { RecordContext } from '../src/rules/record-context.js';
import type { Diagnostic, Position } from '../src/types.js';

const KEYS = ['call_id', 'status'];

/** A record of one line at `start`, as a parser far into a huge text would hand it over. */
function record(index: number, start: number, line: number, column: number, id: string, status: string): SourceRecord {
  const text = `${id},${status}`;
  const at = (offset: number): Position => ({ offset, line, column: column + offset - start });
  return {
    index, start, end: start + text.length, line, keys: KEYS, values: [id, status],
    valueRange: (i) => (i === 0 ? { start, end: start + id.length } : { start: start + id.length + 1, end: start + text.length }),
    keyRange: () => undefined,
    position: at,
    text: () => text,
  };
}

function check(records: SourceRecord[], format: 'csv' | 'json'): Diagnostic[] {
  const found: Diagnostic[] = [];
  const table = new DuplicateCallIds();
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
});
