import { F } from '../fields.js';
import { textHash } from '../text/hash.js';
import type { Diagnostic, Position, Range, Severity } from '../types.js';
import type { RecordContext } from './record-context.js';

/**
 * The table of one part of a file, as plain typed arrays so that a worker thread can hand it
 * over without copying (see parts.ts). Part 0 decides every repeat as it goes; a later part
 * cannot (the first occurrence may sit in an earlier part), so it keeps the range of each id's
 * first value and its repeats, and the merge decides them.
 */
export interface DuplicateState {
  /**
   * Numeric ids that rose through the text, in order (32-bit until an id needs more), and their
   * slots; no slot array while every id has risen, since the i-th id then has slot i.
   */
  runKeys: Uint32Array | Float64Array;
  runSlots?: Uint32Array;
  runLength: number;
  /** Other numeric ids. Open addressing, two numbers per bucket: the id, and its slot + 1 (0: empty bucket). */
  table: Float64Array;
  count: number;
  byString: Map<string, number>;
  hashes: Uint32Array;
  /** 32-bit until an offset needs more (a text over 4 Gi characters). */
  offsets: Uint32Array | Float64Array;
  lines: Uint32Array;
  /** Only once a first record starts off column 0 (JSON arrays): CSV and NDJSON need none. */
  columns?: Uint32Array;
  slots: number;
  /**
   * Deferred parts: per slot, where the call-id value starts (its offset from the record's
   * start, its line and column) and its length; 16 bytes, not 48 as six numbers would take.
   */
  idRanges?: Uint32Array;
  /** Deferred parts: where a call-id value that spans lines ends (a quoted line break), by slot. */
  idEnds?: Map<number, Position>;
  /** Deferred parts: per slot, the record index. */
  records?: Uint32Array;
  /** Deferred parts: later records with an id already in this part's table. */
  repeats?: DeferredRepeat[];
}

export interface DeferredRepeat {
  slot: number;
  hash: number;
  range: Range;
  record: number;
}

/** What to add to a part's offsets, lines and record indexes to place them in the file. */
export interface LineShift {
  chars: number;
  lines: number;
  records: number;
}

/** The typed arrays of a table, for handing it to another thread without a copy. */
export function duplicateStateArrays(s: DuplicateState): ArrayBufferView[] {
  const all = [s.runKeys, s.runSlots, s.table, s.hashes, s.offsets, s.lines, s.columns, s.idRanges, s.records];
  return all.filter((a): a is NonNullable<typeof a> => a !== undefined);
}

/**
 * duplicate-call-id across records. Keeps, per call id, a 32-bit hash of the record's text and
 * where that record starts: memory grows with the number of ids, never with the file.
 *
 * Numeric ids (the common case) are kept in typed arrays, written by hand because a Map with a
 * million number keys measured several times slower and 3x larger; other ids use a Map. An id
 * above every id seen so far (ids usually rise through an export) cannot be a repeat: it is
 * appended to an ordered run without any lookup. Only ids that do not rise go to an
 * open-addressing table, and only they cost a lookup (a cache miss each: 0.45 s of a 1M-row
 * check when every id was looked up).
 */
export class DuplicateCallIds {
  private runKeys: Uint32Array | Float64Array;
  private runSlots: Uint32Array | undefined;
  private runLength: number;
  /** The last id of the run; -1 while it is empty. */
  private runMax: number;
  private table: Float64Array;
  private count: number;
  private readonly byString: Map<string, number>;
  // Per slot (insertion order): content hash and the first record's start.
  private hashes: Uint32Array;
  private offsets: Uint32Array | Float64Array;
  private lines: Uint32Array;
  private columns: Uint32Array | undefined;
  private slots: number;
  private idRanges: Uint32Array | undefined;
  private idEnds: Map<number, Position> | undefined;
  private records: Uint32Array | undefined;
  private readonly repeats: DeferredRepeat[] | undefined;

  /**
   * `defer`: keep repeats for the merge instead of reporting them (a later part of a file).
   * `expected`: how many records the file probably has, so that the table is sized once
   * instead of rehashed as it grows (rehashing measured 3% of a 1M-row check).
   */
  constructor(defer = false, from?: DuplicateState, expected = 0) {
    // Small to start with: editors create a linter for a single record on every keystroke. The
    // table grows only with ids out of order, so it starts small whatever is expected.
    const want = Math.min(Math.max(expected, 1 << 10), 1 << 26);
    this.runKeys = from?.runKeys ?? new Uint32Array(want);
    this.runSlots = from?.runSlots;
    this.runLength = from?.runLength ?? 0;
    this.runMax = this.runLength > 0 ? this.runKeys[this.runLength - 1] : -1;
    this.table = from?.table ?? new Float64Array(2 << 11);
    this.count = from?.count ?? 0;
    this.byString = from?.byString ?? new Map();
    this.hashes = from?.hashes ?? new Uint32Array(want);
    this.offsets = from?.offsets ?? new Uint32Array(want);
    this.lines = from?.lines ?? new Uint32Array(want);
    this.columns = from?.columns;
    this.slots = from?.slots ?? 0;
    if (defer) {
      this.idRanges = new Uint32Array(4 * want);
      this.idEnds = new Map();
      this.records = new Uint32Array(want);
      this.repeats = [];
    }
  }

  /** The table as transferable data (no copy: the instance must not be used afterwards). */
  state(): DuplicateState {
    const s: DuplicateState = {
      runKeys: this.runKeys, runLength: this.runLength,
      table: this.table, count: this.count, byString: this.byString,
      hashes: this.hashes, offsets: this.offsets, lines: this.lines, slots: this.slots,
    };
    if (this.runSlots) s.runSlots = this.runSlots;
    if (this.columns) s.columns = this.columns;
    if (this.idRanges && this.idEnds && this.records && this.repeats) {
      s.idRanges = this.idRanges;
      s.idEnds = this.idEnds;
      s.records = this.records;
      s.repeats = this.repeats;
    }
    return s;
  }

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
      key = id.length <= 15 && (id.length === 1 || id.charCodeAt(0) !== 48) ? digitsValue(id) : -1;
      numeric = key >= 0;
    }
    const r = ctx.record;
    let slot: number;
    if (!numeric) slot = this.byString.get(id!) ?? -1;
    else if (key > this.runMax) slot = -1; // rising: new
    else slot = this.find(key);
    const hash = r.hash ? r.hash() : textHash(r.text(), 0, r.end - r.start);
    if (slot < 0) {
      // CSV rows and NDJSON lines start at a line start; only JSON needs the column computed.
      if (ctx.format === 'json') {
        const p = r.position(r.start);
        slot = this.addSlot(hash, p.offset, p.line, p.column);
      } else {
        slot = this.addSlot(hash, r.start, r.line, 0);
      }
      if (numeric) this.insert(key, slot);
      else this.byString.set(id!, slot);
      if (this.idRanges && this.idEnds && this.records) {
        const v = ctx.range(F.call_id);
        const o = 4 * slot;
        // (A value lies inside its record, and a record inside one string: 32 bits hold these.)
        this.idRanges[o] = v.start.offset - r.start;
        this.idRanges[o + 1] = v.start.line;
        this.idRanges[o + 2] = v.start.column;
        this.idRanges[o + 3] = v.end.offset - v.start.offset;
        if (v.end.line !== v.start.line) this.idEnds.set(slot, v.end);
        this.records[slot] = r.index;
      }
      return;
    }
    if (this.repeats) {
      // Whether it conflicts depends on the first occurrence, which may be in an earlier part.
      if (ctx.enabled('duplicate-call-id')) this.repeats.push({ slot, hash, range: ctx.range(F.call_id), record: r.index });
      return;
    }
    if (this.hashes[slot] === hash) return; // an exact repeat is not a conflict
    ctx.report('duplicate-call-id', duplicateMessage(id ?? String(key), this.lines[slot]), F.call_id, {
      related: [duplicateRelated(id ?? String(key), this.firstPosition(slot))],
    });
  }

  private firstPosition(slot: number): Position {
    return { offset: this.offsets[slot], line: this.lines[slot], column: this.columns?.[slot] ?? 0 };
  }

  /**
   * Folds in the table of the next part of the same file (kept with `defer`), reporting what
   * checking the whole file in one pass would have reported: a part's first record with an id
   * conflicts with an earlier part's, and every repeat is judged against the file's first.
   * Positions of the part move by `shift` (prefix removed, earlier parts added).
   */
  absorb(part: DuplicateState, shift: LineShift, severity: Severity, emit: (d: Diagnostic) => void, last = false): void {
    const { idRanges, idEnds, records, repeats } = part;
    if (!idRanges || !idEnds || !records || !repeats) throw new Error('absorb() takes the table of a deferred part');
    const { chars, lines } = shift;
    const at = (offset: number, line: number, column: number): Position => ({ offset: offset + chars, line: line + lines, column });
    // Part slot -> slot here, or -1: the id's first record is in the part itself (ids new to
    // the last part are not added: no later part will look them up).
    const accSlot = new Int32Array(part.slots).fill(-1);
    // The id text only where a message needs it.
    const numericKey = new Float64Array(part.slots).fill(-1);
    const stringKey = new Map<number, string>();
    const idOf = (s: number) => (numericKey[s] >= 0 ? String(numericKey[s]) : stringKey.get(s) ?? '');
    const report = (s: number, range: Range, record: number) => {
      const id = idOf(s);
      const first = accSlot[s];
      const firstAt = first >= 0 ? this.firstPosition(first) : at(part.offsets[s], part.lines[s], part.columns?.[s] ?? 0);
      emit({
        ruleId: 'duplicate-call-id',
        severity,
        message: duplicateMessage(id, firstAt.line),
        range,
        record,
        related: [duplicateRelated(id, firstAt)],
      });
    };
    const conflict = (s: number) => {
      const o = 4 * s;
      const start = part.offsets[s] + idRanges[o];
      const end = idEnds.get(s) ?? { offset: start + idRanges[o + 3], line: idRanges[o + 1], column: idRanges[o + 2] + idRanges[o + 3] };
      const range = { start: at(start, idRanges[o + 1], idRanges[o + 2]), end: at(end.offset, end.line, end.column) };
      report(s, range, records[s] + shift.records);
    };
    const added = (s: number) => this.addSlot(part.hashes[s], part.offsets[s] + chars, part.lines[s] + lines, part.columns?.[s] ?? 0);
    const numeric = (key: number, s: number) => {
      numericKey[s] = key;
      const found = key > this.runMax ? -1 : this.find(key);
      if (found >= 0) {
        accSlot[s] = found;
        if (this.hashes[found] !== part.hashes[s]) conflict(s);
      } else if (!last) {
        const slot = added(s);
        this.insert(key, slot);
        accSlot[s] = slot;
      }
    };
    // The part's run first: while it rises above this table's ids, it extends this run.
    for (let i = 0; i < part.runLength; i++) numeric(part.runKeys[i], part.runSlots ? part.runSlots[i] : i);
    const t = part.table;
    if (!last) this.reserve(this.count + part.count);
    for (let i = 0; i < t.length; i += 2) if (t[i + 1] !== 0) numeric(t[i], t[i + 1] - 1);
    for (const [id, s] of part.byString) {
      stringKey.set(s, id);
      const found = this.byString.get(id);
      if (found !== undefined) {
        accSlot[s] = found;
        if (this.hashes[found] !== part.hashes[s]) conflict(s);
      } else if (!last) {
        const slot = added(s);
        this.byString.set(id, slot);
        accSlot[s] = slot;
      }
    }
    for (const r of repeats) {
      const first = accSlot[r.slot];
      if ((first >= 0 ? this.hashes[first] : part.hashes[r.slot]) === r.hash) continue;
      const range = { start: at(r.range.start.offset, r.range.start.line, r.range.start.column), end: at(r.range.end.offset, r.range.end.line, r.range.end.column) };
      report(r.slot, range, r.record + shift.records);
    }
  }

  /** Grows the table once to hold `n` ids (absorbing a part would otherwise rehash on the way). */
  private reserve(n: number): void {
    while (n * 4 > (this.table.length >> 1) * 3) this.rehash();
  }

  private addSlot(hash: number, offset: number, line: number, column: number): number {
    if (this.slots === this.hashes.length) {
      const n = this.slots * 2;
      this.hashes = grow(this.hashes, new Uint32Array(n));
      this.offsets = grow(this.offsets, this.offsets instanceof Uint32Array ? new Uint32Array(n) : new Float64Array(n));
      this.lines = grow(this.lines, new Uint32Array(n));
      if (this.columns) this.columns = grow(this.columns, new Uint32Array(n));
      if (this.idRanges) this.idRanges = grow(this.idRanges, new Uint32Array(4 * n));
      if (this.records) this.records = grow(this.records, new Uint32Array(n));
    }
    const s = this.slots++;
    this.hashes[s] = hash;
    if (offset > 0xffffffff && this.offsets instanceof Uint32Array) this.offsets = grow(this.offsets, new Float64Array(this.offsets.length));
    this.offsets[s] = offset;
    this.lines[s] = line;
    if (column !== 0) this.columns ??= new Uint32Array(this.hashes.length);
    if (this.columns) this.columns[s] = column;
    return s;
  }

  /** The slot of a numeric id, or -1. */
  private find(key: number): number {
    const found = this.table[2 * this.probe(key) + 1] - 1;
    if (found >= 0) return found;
    // Binary search of the run (ids no greater than its last: repeats, or ids out of order).
    const keys = this.runKeys;
    let lo = 0;
    let hi = this.runLength - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k === key) return this.runSlots ? this.runSlots[mid] : mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Adds a numeric id that find() did not find. */
  private insert(key: number, slot: number): void {
    if (key > this.runMax) {
      const n = this.runLength;
      if (key > 0xffffffff && this.runKeys instanceof Uint32Array) this.runKeys = grow(this.runKeys, new Float64Array(this.runKeys.length));
      if (n === this.runKeys.length) {
        this.runKeys = grow(this.runKeys, this.runKeys instanceof Uint32Array ? new Uint32Array(2 * n) : new Float64Array(2 * n));
        if (this.runSlots) this.runSlots = grow(this.runSlots, new Uint32Array(2 * n));
      }
      if (!this.runSlots && slot !== n) {
        // The first id out of step with its slot: from now on slots are written down.
        this.runSlots = new Uint32Array(this.runKeys.length);
        for (let i = 0; i < n; i++) this.runSlots[i] = i;
      }
      this.runKeys[n] = key;
      if (this.runSlots) this.runSlots[n] = slot;
      this.runLength = n + 1;
      this.runMax = key;
    } else {
      this.fill(this.probe(key), key, slot);
    }
  }

  /** The bucket holding `key`, or the empty bucket where it would go. */
  private probe(key: number): number {
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    let i = mix(key) & mask;
    while (t[2 * i + 1] !== 0 && t[2 * i] !== key) i = (i + 1) & mask;
    return i;
  }

  /** Puts `key` in the empty bucket that probe() returned; grows the table past 3/4 full. */
  private fill(bucket: number, key: number, slot: number): void {
    this.table[2 * bucket] = key;
    this.table[2 * bucket + 1] = slot + 1;
    if (++this.count * 4 > (this.table.length >> 1) * 3) this.rehash();
  }

  private rehash(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    const t = this.table;
    const mask = (t.length >> 1) - 1;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      let i = mix(old[j]) & mask;
      while (t[2 * i + 1] !== 0) i = (i + 1) & mask;
      t[2 * i] = old[j];
      t[2 * i + 1] = old[j + 1];
    }
  }
}

function duplicateMessage(id: string, firstLine: number): string {
  return `Call id ${id} already appears on line ${firstLine + 1} with different content.`;
}

function duplicateRelated(id: string, at: Position) {
  return { message: `First record with call id ${id}`, range: { start: at, end: at } };
}

/** The value of a string of at most 15 ASCII digits, or -1 when it has anything else. */
function digitsValue(s: string): number {
  let v = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return s.length > 0 ? v : -1;
}

/** Spreads an integer id (< 2^53) over 32 bits for table indexing. */
function mix(key: number): number {
  // ToUint32 (>>> 0) takes the low 32 bits without a floating-point modulo.
  let h = Math.imul(key >>> 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) >>> 0, 0x85ebca6b);
  h ^= h >>> 15;
  return h >>> 0;
}

function grow<T extends Uint32Array | Float64Array>(from: Uint32Array | Float64Array, to: T): T {
  to.set(from);
  return to;
}
