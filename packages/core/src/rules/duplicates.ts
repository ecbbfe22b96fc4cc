import { F } from '../fields.js';
import { fnv1a } from '../parse/csv.js';
import type { Position } from '../types.js';
import type { RecordContext } from './record-context.js';

/**
 * duplicate-call-id across records. Keeps, per call id, a 32-bit hash of the record's text and
 * where that record starts: memory grows with the number of ids, never with the file. Numeric
 * ids (the common case) live in an open-addressing table over typed arrays, written by hand
 * because a Map with a million number keys measured several times slower and 3x larger;
 * other ids use a Map.
 */
export class DuplicateCallIds {
  private keys = new Float64Array(1 << 16);
  private used = new Uint8Array(1 << 16);
  private slotOf = new Int32Array(1 << 16);
  private count = 0;
  private readonly byString = new Map<string, number>();
  // Per slot (insertion order): content hash and the first record's start.
  private hashes = new Uint32Array(1 << 12);
  private offsets = new Float64Array(1 << 12);
  private lines = new Uint32Array(1 << 12);
  private columns = new Uint32Array(1 << 12);
  private slots = 0;

  check(ctx: RecordContext): void {
    const raw = ctx.value(F.call_id);
    let id: string | undefined;
    let numeric: boolean;
    let key = 0;
    if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) {
      // A JSON number: no string round trip on the hot path.
      numeric = true;
      key = raw;
    } else {
      // A number beyond 2^53 was rounded by JSON.parse: compare ids as written instead.
      id = typeof raw === 'number' ? ctx.source(F.call_id, 1000) : ctx.text(F.call_id);
      if (id === undefined || id === '') return;
      // "0123" and "123" are different ids: only canonical digit strings become numbers.
      numeric = id.length <= 15 && isDigits(id) && (id.length === 1 || id.charCodeAt(0) !== 48);
      if (numeric) key = +id;
    }
    const r = ctx.record;
    let slot = numeric ? this.findNumber(key) : this.byString.get(id!) ?? -1;
    const hash = r.hash ? r.hash() : fnv1a(r.text(), 0, r.end - r.start);
    if (slot < 0) {
      // CSV rows and NDJSON lines start at a line start; only JSON needs the column computed.
      if (ctx.format === 'json') {
        const p = r.position(r.start);
        slot = this.addSlot(hash, p.offset, p.line, p.column);
      } else {
        slot = this.addSlot(hash, r.start, r.line, 0);
      }
      if (numeric) this.insertNumber(key, slot);
      else this.byString.set(id!, slot);
      return;
    }
    if (this.hashes[slot] === hash) return; // an exact repeat is not a conflict
    const at: Position = { offset: this.offsets[slot], line: this.lines[slot], column: this.columns[slot] };
    id ??= String(key);
    ctx.report('duplicate-call-id', `Call id ${id} already appears on line ${at.line + 1} with different content.`, F.call_id, {
      related: [{ message: `First record with call id ${id}`, range: { start: at, end: at } }],
    });
  }

  private addSlot(hash: number, offset: number, line: number, column: number): number {
    if (this.slots === this.hashes.length) {
      const n = this.slots * 2;
      this.hashes = grow(this.hashes, new Uint32Array(n));
      this.offsets = grow(this.offsets, new Float64Array(n));
      this.lines = grow(this.lines, new Uint32Array(n));
      this.columns = grow(this.columns, new Uint32Array(n));
    }
    const s = this.slots++;
    this.hashes[s] = hash;
    this.offsets[s] = offset;
    this.lines[s] = line;
    this.columns[s] = column;
    return s;
  }

  private findNumber(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = mix(key) & mask; this.used[i] === 1; i = (i + 1) & mask) {
      if (this.keys[i] === key) return this.slotOf[i];
    }
    return -1;
  }

  private insertNumber(key: number, slot: number): void {
    if ((this.count + 1) * 4 > this.keys.length * 3) this.rehash();
    const mask = this.keys.length - 1;
    let i = mix(key) & mask;
    while (this.used[i] === 1) i = (i + 1) & mask;
    this.used[i] = 1;
    this.keys[i] = key;
    this.slotOf[i] = slot;
    this.count++;
  }

  private rehash(): void {
    const { keys, used, slotOf } = this;
    const n = keys.length * 2;
    this.keys = new Float64Array(n);
    this.used = new Uint8Array(n);
    this.slotOf = new Int32Array(n);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (used[i] === 1) this.insertNumber(keys[i], slotOf[i]);
  }
}

function isDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

/** Spreads an integer id (< 2^53) over 32 bits for table indexing. */
function mix(key: number): number {
  // ToUint32 (>>> 0) takes the low 32 bits without a floating-point modulo.
  let h = Math.imul(key >>> 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) >>> 0, 0x85ebca6b);
  h ^= h >>> 15;
  return h >>> 0;
}

function grow<T extends Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
