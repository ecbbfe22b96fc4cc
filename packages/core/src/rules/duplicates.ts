import type { Range } from '../types.js';
import type { RecordContext } from './record-context.js';

/**
 * duplicate-call-id across records. Keeps, per call id, only a 32-bit hash of the record's
 * content and where the id first appeared, so memory grows with the number of ids, not the file.
 */
export class DuplicateCallIds {
  private readonly slot = new Map<string, number>();
  private hashes: number[] = [];
  private places: number[] = []; // start offset, line, column, end offset, end line, end column

  check(ctx: RecordContext): void {
    const id = ctx.text('call_id');
    if (id === undefined) return;
    const hash = contentHash(ctx.record.values);
    const known = this.slot.get(id);
    if (known === undefined) {
      this.slot.set(id, this.hashes.length);
      this.hashes.push(hash);
      const r = ctx.range('call_id');
      this.places.push(r.start.offset, r.start.line, r.start.column, r.end.offset, r.end.line, r.end.column);
      return;
    }
    if (this.hashes[known] === hash) return; // an exact repeat is not a conflict
    const p = this.places.slice(known * 6, known * 6 + 6);
    const first: Range = {
      start: { offset: p[0], line: p[1], column: p[2] },
      end: { offset: p[3], line: p[4], column: p[5] },
    };
    ctx.report('duplicate-call-id', `Call id ${id} already appears on line ${first.start.line + 1} with different content.`, 'call_id', {
      related: [{ message: `First record with call id ${id}`, range: first }],
    });
  }
}

function contentHash(values: readonly unknown[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x1f;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
