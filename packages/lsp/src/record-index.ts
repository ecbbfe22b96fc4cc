// Where a document's records are, for the incremental re-check (incremental.ts) and the record
// views (document.ts): each record's start, end and line as columns that later edits shift
// without copying, its classification, the call ids' counts by hash, and the first record with a
// status. Collected from core's onRecord callback as a full lint runs (RecordIndexBuilder).

import { bindFields, hasValueText, sameKeys, SummaryBuilder, type Classification, type SourceRecord, type StatusInfo, type StatusSummary, type SubStatusInfo } from '@cdrlint/core';

/**
 * A column of record offsets: a typed array plus the shifts of later edits, so that an edit that
 * changes a line's length costs O(1) instead of copying 100k offsets (1.5 ms per copy here).
 */
export class Offsets {
  private constructor(
    private readonly base: Int32Array,
    /** Applied in order: every entry i >= from gets + delta. */
    private readonly shifts: readonly { from: number; delta: number }[],
  ) {}

  static of(values: Int32Array): Offsets {
    return new Offsets(values, []);
  }

  get length(): number {
    return this.base.length;
  }

  at(i: number): number {
    let v = this.base[i];
    for (let k = 0; k < this.shifts.length; k++) if (i >= this.shifts[k].from) v += this.shifts[k].delta;
    return v;
  }

  /** A new column with `delta` added from record `from` on. */
  shifted(from: number, delta: number): Offsets {
    if (delta === 0) return this;
    const shifts = [...this.shifts, { from, delta }];
    return shifts.length <= 32 ? new Offsets(this.base, shifts) : new Offsets(this.base, shifts).copy(0, 0, [], 0);
  }

  /**
   * A new column with `remove` entries at `at` replaced by `insert`, and `delta` added to every
   * entry after them: a record that appears or disappears, a few times a keystroke at most.
   */
  spliced(at: number, remove: number, insert: readonly number[], delta: number): Offsets {
    return remove === 0 && insert.length === 0 ? this.shifted(at, delta) : this.copy(at, remove, insert, delta);
  }

  /**
   * The splice as a new array with the shifts folded in: one pass, a run between two shifts'
   * starts at a time (calling `at` for each entry took ~7-12 ms for 100k entries under 20
   * shifts; this ~1 ms, about twice what allocating and writing 100k entries costs here).
   */
  private copy(at: number, remove: number, insert: readonly number[], delta: number): Offsets {
    const n = this.base.length;
    const out = new Int32Array(n - remove + insert.length);
    out.set(insert, at);
    // Where the added amount changes: each shift's start, and the entries after the removed ones.
    const steps = [...this.shifts, { from: at + remove, delta }].sort((a, b) => a.from - b.from);
    const base = this.base;
    const moved = insert.length - remove;
    let add = 0;
    let from = 0;
    for (let k = 0; k <= steps.length; k++) {
      const until = k < steps.length ? Math.max(from, Math.min(n, steps[k].from)) : n;
      for (let i = from, end = Math.min(until, at); i < end; i++) out[i] = base[i] + add;
      for (let i = Math.max(from, at + remove); i < until; i++) out[i + moved] = base[i] + add;
      if (k < steps.length) add += steps[k].delta;
      from = until;
    }
    return new Offsets(out, []);
  }

  toArray(): number[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }
}

/** How many records carry each call id key, by 32-bit hash (a collision only costs a full lint). */
export class IdCounts {
  private constructor(
    /** Sorted hashes of every record's id key at the last full lint. */
    private readonly sorted: Uint32Array,
    /** Counts changed by incremental edits since. */
    private readonly changed: ReadonlyMap<number, number>,
  ) {}

  static of(hashes: Uint32Array): IdCounts {
    return new IdCounts(hashes.sort(), new Map());
  }

  count(hash: number): number {
    const c = this.changed.get(hash);
    if (c !== undefined) return c;
    const a = this.sorted;
    let lo = 0;
    let hi = a.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid] < hash) lo = mid + 1;
      else hi = mid;
    }
    let n = 0;
    while (lo + n < a.length && a[lo + n] === hash) n++;
    return n;
  }

  with(hash: number, count: number): IdCounts {
    return new IdCounts(this.sorted, new Map(this.changed).set(hash, count));
  }
}

/**
 * The distinct classifications (status, sub-status, result code) of a document's records, each
 * kept once and named by a number, so that each record's can be kept in an Int32Array; the code's
 * low bit says whether the record has a status field at all. Shared by the document's snapshots:
 * it only grows.
 */
export class ClassTable {
  private readonly codes = new Map<StatusInfo | undefined, Map<SubStatusInfo | undefined, Map<string | undefined, number>>>();
  private readonly list: Classification[] = [];

  code(c: Classification, hasStatusField: boolean): number {
    return 2 * this.lookUp(c) + (hasStatusField ? 1 : 0);
  }

  /** Whether the record of this code has a status field. */
  static hasStatusField(code: number): boolean {
    return (code & 1) === 1;
  }

  private lookUp(c: Classification): number {
    let bySub = this.codes.get(c.status);
    if (!bySub) this.codes.set(c.status, (bySub = new Map()));
    let byResult = bySub.get(c.sub);
    if (!byResult) bySub.set(c.sub, (byResult = new Map()));
    let code = byResult.get(c.resultCode);
    if (code === undefined) {
      code = this.list.length;
      byResult.set(c.resultCode, code);
      this.list.push({ status: c.status, sub: c.sub, resultCode: c.resultCode });
    }
    return code;
  }

  /** The summary core gives for the first `n` records of `classes` (the same SummaryBuilder). */
  summary(classes: Codes, n: number): StatusSummary {
    const b = new SummaryBuilder();
    for (let i = 0; i < n; i++) b.add(this.list[classes.at(i) >> 1]);
    return b.build();
  }
}

/**
 * Each record's classification code: an array and the entries that edits replaced since, so that
 * a keystroke does not copy 100k entries (0.2 ms an edit, mostly the allocation, measured).
 * Folded into a new array past 64 replaced entries, and when records come in or go out.
 */
export class Codes {
  private constructor(
    private readonly base: Int32Array,
    private readonly changed: ReadonlyMap<number, number>,
  ) {}

  static of(values: Int32Array): Codes {
    return new Codes(values, new Map());
  }

  get length(): number {
    return this.base.length;
  }

  at(i: number): number {
    return this.changed.get(i) ?? this.base[i];
  }

  /** The codes with entry `i` set to `code`. */
  with(i: number, code: number): Codes {
    if (this.at(i) === code) return this;
    const changed = new Map(this.changed).set(i, code);
    return changed.size <= 64 ? new Codes(this.base, changed) : new Codes(this.base, changed).spliced(0, 0, []);
  }

  /** The codes with `remove` entries at `at` replaced by `insert`: block copies, then the replaced entries. */
  spliced(at: number, remove: number, insert: readonly number[]): Codes {
    const out = new Int32Array(this.base.length - remove + insert.length);
    out.set(this.base.subarray(0, at));
    out.set(insert, at);
    out.set(this.base.subarray(at + remove), at + insert.length);
    for (const [i, code] of this.changed) {
      if (i < at) out[i] = code;
      else if (i >= at + remove) out[i - remove + insert.length] = code;
    }
    return new Codes(out, new Map());
  }
}

/** The first index of a sorted column whose offset is at or after `offset` (its length when none). */
export function firstAtOrAfter(column: Offsets, offset: number): number {
  let lo = 0;
  let hi = column.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (column.at(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first record of the index that ends at or after `offset` (the record count when none). */
export function firstRecordFrom(ix: { ends: Offsets }, offset: number): number {
  return firstAtOrAfter(ix.ends, offset);
}

/** Where each record is, and how many records carry each call id, for one version's text. */
export interface RecordIndex {
  starts: Offsets;
  ends: Offsets;
  /** 0-based line where each record starts. */
  lines: Offsets;
  /** Each record's classification, by its code in `table`. */
  classes: Codes;
  table: ClassTable;
  ids: IdCounts;
  /**
   * The first record whose fields include a status, -1 when none: core holds JSON records'
   * missing-status messages back until that record (see relintEdit).
   */
  firstStatus: number;
}

/** A growable Int32Array (records arrive one by one; plain arrays cost 2-4x the memory). */
class IntColumn {
  data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/** Collects a RecordIndex from the linter's onRecord callback. */
export class RecordIndexBuilder {
  private readonly starts = new IntColumn();
  private readonly ends = new IntColumn();
  private readonly lines = new IntColumn();
  private readonly classes = new IntColumn();
  private readonly ids = new IntColumn();
  private lastKeys: readonly string[] | undefined;
  private idAt: number | undefined;
  private hasStatus = false;
  private firstStatus = -1;
  private lastRecord: SourceRecord | undefined;
  private lastIdAt: number | undefined;

  constructor(
    private readonly columns: Readonly<Record<string, string>>,
    private readonly table = new ClassTable(),
  ) {}

  /** Adds a record; returns its classification code. */
  add(r: SourceRecord, c: Classification): number {
    // JSON records each have their own key array, usually with the same keys: compare, do not rebind.
    if (!sameKeys(r.keys, this.lastKeys)) {
      this.lastKeys = r.keys;
      const index = bindFields(r.keys, this.columns).index;
      this.idAt = index.get('call_id');
      this.hasStatus = index.has('status');
    }
    if (this.hasStatus && this.firstStatus < 0) this.firstStatus = this.starts.length;
    this.starts.push(r.start);
    this.ends.push(r.end);
    this.lines.push(r.line);
    const cls = this.table.code(c, this.hasStatus);
    this.classes.push(cls);
    const at = this.idAt;
    this.lastRecord = r;
    this.lastIdAt = at;
    if (at !== undefined) this.addId(r, at);
    return cls;
  }

  /** The hash of the record's call id (field `at`), when it has one. */
  private addId(r: SourceRecord, at: number): void {
    if (hasValueText(r)) {
      // A CSV id read where it lies: keying it as a string cost ~60 ms of a 100k-row first lint.
      const spans = r.valueSpans;
      const h = 2 * at + 1 < spans.length ? simpleIdHash(r.valueText, spans[2 * at] - r.valueTextBase, spans[2 * at + 1] - r.valueTextBase) : -1;
      if (h >= 0) {
        this.ids.push(h);
        return;
      }
    }
    // A JSON id, hashed without making its key where it can be: a number's decimal string
    // cost ~35 ms of a 100k-line NDJSON first lint.
    const v = r.value(at);
    const h = typeof v === 'number' ? integerIdHash(v) : typeof v === 'string' ? simpleIdHash(v, 0, v.length) : -1;
    if (h >= 0) {
      this.ids.push(h);
      return;
    }
    const id = idKey(v);
    if (id !== '') this.ids.push(idHash(id));
  }

  /** The normalised call id of the last record ('' when none), for the incremental step. */
  get lastId(): string {
    const r = this.lastRecord;
    return r && this.lastIdAt !== undefined ? idKey(r.value(this.lastIdAt)) : '';
  }

  get count(): number {
    return this.starts.length;
  }

  get index(): RecordIndex {
    return {
      starts: Offsets.of(this.starts.done()),
      ends: Offsets.of(this.ends.done()),
      lines: Offsets.of(this.lines.done()),
      classes: Codes.of(this.classes.done()),
      table: this.table,
      ids: IdCounts.of(new Uint32Array(this.ids.done().buffer)),
      firstStatus: this.firstStatus,
    };
  }
}

const SIMPLE_ID = /^[0-9A-Za-z_-]+$/;

/** FNV-1a's offset basis and prime: idHash and the two hashes that must equal it in place. */
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * A conservative call-id key: any two ids that core might treat as the same get the same key
 * (so a doubtful case falls back to a full lint, never to a wrong result).
 */
export function idKey(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  const raw = String(v);
  // Most ids need no trimming or quote stripping: skip the general path's regexes.
  const s = SIMPLE_ID.test(raw) ? raw.toLowerCase() : raw.trim().replace(/^"+|"+$/g, '').trim().toLowerCase();
  return /^\d+$/.test(s) ? s.replace(/^0+(?=\d)/, '') : s;
}

/**
 * idHash(idKey(text)) for src[from, to) when it is a simple id (SIMPLE_ID), read in place
 * without making the key; -1 for any other text (the caller takes idKey's path).
 */
export function simpleIdHash(src: string, from: number, to: number): number {
  if (from >= to) return -1;
  let digits = true;
  for (let i = from; i < to; i++) {
    const c = src.charCodeAt(i);
    if (c >= 48 && c <= 57) continue;
    digits = false;
    if (!((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45)) return -1;
  }
  let i = from;
  // Leading zeros of a number, as idKey drops them (one digit stays).
  if (digits) while (i < to - 1 && src.charCodeAt(i) === 48) i++;
  let h = FNV_BASIS;
  for (; i < to; i++) {
    const c = src.charCodeAt(i);
    h = Math.imul(h ^ (c >= 65 && c <= 90 ? c + 32 : c), FNV_PRIME);
  }
  return h >>> 0;
}

const DIGITS = new Uint8Array(16);

/** idHash(idKey(n)) for a safe integer n ≥ 0, without making its string; -1 for any other number. */
export function integerIdHash(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) return -1;
  // Digits from the right, exact for safe integers (a division from the left may round).
  let k = 0;
  do {
    const d = n % 10;
    DIGITS[k++] = 48 + d;
    n = (n - d) / 10;
  } while (n > 0);
  let h = FNV_BASIS;
  while (k > 0) h = Math.imul(h ^ DIGITS[--k], FNV_PRIME);
  return h >>> 0;
}

/** FNV-1a of a key. */
export function idHash(key: string): number {
  let h = FNV_BASIS;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}
