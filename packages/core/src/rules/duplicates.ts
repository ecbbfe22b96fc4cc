import { F } from '../fields.js';
import { textHash } from '../text/hash.js';
import type { Diagnostic, Position, Range, Severity } from '../types.js';
import type { RecordContext } from './record-context.js';
import { DeltaLog, type DeltaLogState } from './delta-log.js';
import { StringIds, type StringIdsState } from './string-ids.js';
import { digitsValue } from './values.js';

/**
 * The table of one part of a file, as plain typed arrays so that a worker thread can hand it
 * over without copying (see parts.ts). Part 0 decides every repeat as it goes; a later part
 * cannot (the first occurrence may sit in an earlier part), so it keeps the range of each id's
 * first value and its repeats, and the merge decides them.
 */
export interface DuplicateState {
  /** Numeric ids that rose through the text, in order: [id, slot] (see runLog). */
  run: DeltaLogState;
  /** Other numeric ids. Open addressing, two numbers per bucket: the id, and its slot + 1 (0: empty bucket). */
  table: Float64Array;
  count: number;
  /** Ids that are not canonical numbers. */
  strings: StringIdsState;
  /** Per slot (insertion order): the content hash of the id's first record, in pages (see hashAt). */
  hashes: Uint32Array[];
  /** Per slot: where the first record starts, [offset, line, column] (see startLog). */
  starts: DeltaLogState;
  /**
   * Deferred parts: per slot, [record index, where the call-id value starts (offset from the
   * record's start, line, column), its length] (see idLog).
   */
  ids?: DeltaLogState;
  /** Deferred parts: where a call-id value that spans lines ends (a quoted line break), by slot. */
  idEnds?: Map<number, Position>;
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
  return [
    ...DeltaLog.arrays(s.run), s.table, ...StringIds.arrays(s.strings), ...s.hashes, ...DeltaLog.arrays(s.starts),
    ...(s.ids ? DeltaLog.arrays(s.ids) : []),
  ];
}

// The logs' layouts (what each entry holds, and how it usually steps from the previous one):
// ids of the run rise by a little, each taking the next slot; first records start a line
// further on, at column 0 (CSV, NDJSON) or at the previous record's column (JSON); the call-id
// values of a deferred part's records sit where the previous record's did, a line further on.
const runLog = (from?: DeltaLogState) => new DeltaLog([1, 1], 64, from);
const startLog = (from?: DeltaLogState) => new DeltaLog([0, 1, 0], 128, from);
const idLog = (from?: DeltaLogState) => new DeltaLog([1, 0, 1, 0, 0], 128, from);

/**
 * duplicate-call-id across records. Keeps, per call id, a 32-bit hash of the record's text and
 * where that record starts: memory grows with the number of ids, never with the file. About 8
 * bytes an id where ids rise: the hash, and the rest delta-coded (delta-log.ts). Plain arrays
 * took 20 bytes an id (200 MB for a 10M-row export).
 *
 * Numeric ids (the common case) are kept by hand because a Map with a million number keys
 * measured several times slower and 3x larger. An id above every id seen
 * so far (ids usually rise through an export) cannot be a repeat: it is appended to an ordered
 * run without any lookup. Only ids that do not rise go to an open-addressing table, and only
 * they cost a lookup (a cache miss each: 0.45 s of a 1M-row check when every id was looked up).
 * Other ids (UUIDs, "1710230402.17") go to a table of their own text (string-ids.ts).
 */
export class DuplicateCallIds {
  private readonly run: DeltaLog;
  /** The last id of the run; -1 while it is empty. */
  private runMax: number;
  private table: Float64Array;
  private count: number;
  private readonly strings: StringIds;
  private readonly hashes: Uint32Array[];
  /** Per slot: where the first record starts. Its length is the number of slots. */
  private readonly starts: DeltaLog;
  private readonly ids: DeltaLog | undefined;
  private readonly idEnds: Map<number, Position> | undefined;
  private readonly repeats: DeferredRepeat[] | undefined;

  /**
   * `defer`: keep repeats for the merge instead of reporting them (a later part of a file).
   */
  constructor(defer = false, from?: DuplicateState) {
    this.run = runLog(from?.run);
    this.runMax = from && from.run.length > 0 ? from.run.last[0] : -1;
    // The table holds only ids out of order: it starts small.
    this.table = from?.table ?? new Float64Array(2 << 11);
    this.count = from?.count ?? 0;
    this.strings = new StringIds(from?.strings);
    // Small to start with: most inputs are small files.
    this.hashes = from?.hashes ?? [new Uint32Array(1 << 10)];
    this.starts = startLog(from?.starts);
    if (defer) {
      this.ids = idLog(from?.ids);
      this.idEnds = from?.idEnds ?? new Map();
      this.repeats = from?.repeats ?? [];
    }
  }

  /** The table as transferable data (no copy: the instance must not be used afterwards). */
  state(): DuplicateState {
    const s: DuplicateState = {
      run: this.run.state(), table: this.table, count: this.count, strings: this.strings.state(),
      hashes: this.hashes, starts: this.starts.state(),
    };
    if (this.ids && this.idEnds && this.repeats) {
      s.ids = this.ids.state();
      s.idEnds = this.idEnds;
      s.repeats = this.repeats;
    }
    return s;
  }

  check(ctx: RecordContext): void {
    // An id is a number (key >= 0), or the text src[from, to) (key -1).
    let key: number;
    let src = '';
    let from = 0;
    let to = 0;
    if (ctx.at(F.call_id)) {
      // Text, read in place. "0123" and "123" are different ids: only canonical digit strings
      // become numbers; other ids are compared as written.
      ({ src, from, to } = ctx);
      key = to - from <= 15 && (to - from === 1 || src.charCodeAt(from) !== 48) ? digitsValue(src, from, to) : -1;
    } else {
      const raw = ctx.value(F.call_id);
      if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) {
        key = raw; // a JSON number: no string round trip on the hot path
      } else {
        // A number beyond 2^53 was rounded by JSON.parse: compare ids as written instead.
        const id = typeof raw === 'number' ? ctx.source(F.call_id, 1000) : ctx.text(F.call_id);
        if (id === undefined || id === '') return;
        src = id;
        to = id.length;
        key = -1;
      }
    }
    const r = ctx.record;
    let slot: number;
    if (key < 0) slot = this.strings.find(src, from, to);
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
      if (key >= 0) this.insert(key, slot);
      else this.strings.add(src, from, to, slot);
      if (this.ids) this.keepIdRange(ctx, slot);
      return;
    }
    if (this.repeats) {
      // Whether it conflicts depends on the first occurrence, which may be in an earlier part.
      if (ctx.enabled('duplicate-call-id')) this.repeats.push({ slot, hash, range: ctx.range(F.call_id), record: r.index });
      return;
    }
    if (hashAt(this.hashes, slot) === hash) return; // an exact repeat is not a conflict
    const first = this.firstPosition(slot);
    const id = key >= 0 ? String(key) : src.slice(from, to);
    ctx.report('duplicate-call-id', duplicateMessage(id, first.line), F.call_id, {
      related: [duplicateRelated(id, first)],
    });
  }

  /** A deferred part keeps where each first call-id value is, for a conflict the merge finds. */
  private keepIdRange(ctx: RecordContext, slot: number): void {
    const r = ctx.record;
    const v = ctx.range(F.call_id);
    const e = this.ids!.entry;
    e[0] = r.index;
    e[1] = v.start.offset - r.start;
    e[2] = v.start.line;
    e[3] = v.start.column;
    e[4] = v.end.offset - v.start.offset;
    this.ids!.push();
    if (v.end.line !== v.start.line) this.idEnds!.set(slot, v.end);
  }

  private firstPosition(slot: number): Position {
    const e = this.starts.get(slot);
    return { offset: e[0], line: e[1], column: e[2] };
  }

  /**
   * Folds in the table of the next part of the same file (kept with `defer`), reporting what
   * checking the whole file in one pass would have reported: a part's first record with an id
   * conflicts with an earlier part's, and every repeat is judged against the file's first.
   * Positions of the part move by `shift` (prefix removed, earlier parts added).
   */
  absorb(part: DuplicateState, shift: LineShift, severity: Severity, emit: (d: Diagnostic) => void, last = false): void {
    const { idEnds, repeats } = part;
    if (!part.ids || !idEnds || !repeats) throw new Error('absorb() takes the table of a deferred part');
    const ids = idLog(part.ids);
    const starts = startLog(part.starts);
    const { chars, lines } = shift;
    const at = (offset: number, line: number, column: number): Position => ({ offset: offset + chars, line: line + lines, column });
    const partFirst = (s: number): Position => {
      const e = starts.get(s);
      return at(e[0], e[1], e[2]);
    };
    // The part's slots that later records repeat: for those only, where their id's first
    // record is (a slot here, or -1 for the part itself) and the id's text, for the messages.
    const repeated = new Uint8Array(part.starts.length);
    for (const r of repeats) repeated[r.slot] = 1;
    const firstOf = new Map<number, { first: number; id: string }>();
    const report = (id: string, first: number, s: number, range: Range, record: number) => {
      const firstAt = first >= 0 ? this.firstPosition(first) : partFirst(s);
      emit({
        ruleId: 'duplicate-call-id',
        severity,
        message: duplicateMessage(id, firstAt.line),
        range,
        record,
        related: [duplicateRelated(id, firstAt)],
      });
    };
    const partStrings = new StringIds(part.strings);
    // An id's text for a message: `paged`, id is its bucket in partStrings.
    const nameOf = (id: string | number, paged: boolean) => (paged ? partStrings.textOf(id as number) : String(id));
    // Part slot `s` holds id `id`, whose first record in the file is at slot `first` here (or -1).
    const seen = (id: string | number, s: number, first: number, paged = false) => {
      if (repeated[s]) firstOf.set(s, { first, id: nameOf(id, paged) });
      if (first < 0 || hashAt(this.hashes, first) === hashAt(part.hashes, s)) return;
      const e = ids.get(s);
      const [record, rel, line, column, length] = e;
      const start = starts.get(s)[0] + rel;
      const end = idEnds.get(s) ?? { offset: start + length, line, column: column + length };
      const range = { start: at(start, line, column), end: at(end.offset, end.line, end.column) };
      report(nameOf(id, paged), first, s, range, record + shift.records);
    };
    const added = (s: number) => {
      const e = starts.get(s);
      return this.addSlot(hashAt(part.hashes, s), e[0] + chars, e[1] + lines, e[2]);
    };
    const numeric = (key: number, s: number) => {
      let found = key > this.runMax ? -1 : this.find(key);
      // (Ids new to the last part are not added: no later part will look them up.)
      if (found < 0 && !last) {
        found = added(s);
        this.insert(key, found);
        seen(key, s, -1);
      } else seen(key, s, found);
    };
    // The part's run first: while it rises above this table's ids, it extends this run.
    const run = runLog(part.run);
    if (last && run.length > 0 && part.run.blocks[2] > this.runMax) {
      // All new to the file, and nothing after this part looks them up: only the ids that
      // repeat in the part are needed, for their messages. (Slots rise through the run too.)
      // Walking the run took 25-40 ms of the join of a 1M-row file.
      for (const r of repeats) {
        const i = firstOf.has(r.slot) ? -1 : run.find(r.slot, 1);
        if (i >= 0) seen(run.get(i)[0], r.slot, -1);
      }
    } else {
      for (let i = 0; i < run.length; i++) {
        const e = run.get(i);
        numeric(e[0], e[1]);
      }
    }
    const t = part.table;
    if (!last) this.reserve(this.count + part.count);
    for (let i = 0; i < t.length; i += 2) if (t[i + 1] !== 0) numeric(t[i], t[i + 1] - 1);
    if (!last) this.strings.reserve(part.strings.count);
    partStrings.each(
      (b, s) => {
        const found = this.strings.findFrom(partStrings, b);
        if (found < 0 && !last) {
          this.strings.addFrom(partStrings, b, added(s));
          seen(b, s, -1, true);
        } else seen(b, s, found, true);
      },
      (id, s) => {
        const found = this.strings.find(id, 0, id.length);
        if (found < 0 && !last) {
          this.strings.add(id, 0, id.length, added(s));
          seen(id, s, -1);
        } else seen(id, s, found);
      },
    );
    for (const r of repeats) {
      const { first, id } = firstOf.get(r.slot)!;
      if (hashAt(first >= 0 ? this.hashes : part.hashes, first >= 0 ? first : r.slot) === r.hash) continue;
      const range = { start: at(r.range.start.offset, r.range.start.line, r.range.start.column), end: at(r.range.end.offset, r.range.end.line, r.range.end.column) };
      report(id, first, r.slot, range, r.record + shift.records);
    }
  }

  /** Grows the table once to hold `n` ids (absorbing a part would otherwise rehash on the way). */
  private reserve(n: number): void {
    while (n * 4 > (this.table.length >> 1) * 3) this.rehash();
  }

  private addSlot(hash: number, offset: number, line: number, column: number): number {
    const s = this.starts.length;
    const page = s >>> HASH_PAGE_BITS;
    const pages = this.hashes;
    if (page === pages.length) pages.push(new Uint32Array(1 << HASH_PAGE_BITS));
    else if (s === pages[0].length) {
      // The first page doubles up to a full page; pages after it are full from the start.
      const grown = new Uint32Array(2 * s);
      grown.set(pages[0]);
      pages[0] = grown;
    }
    pages[page][s & HASH_PAGE_MASK] = hash;
    const e = this.starts.entry;
    e[0] = offset;
    e[1] = line;
    e[2] = column;
    this.starts.push();
    return s;
  }

  /** The slot of a numeric id, or -1. */
  private find(key: number): number {
    const found = this.table[2 * this.probe(key) + 1] - 1;
    if (found >= 0) return found;
    // Ids no greater than the run's last: repeats, or ids out of order.
    const i = this.run.find(key);
    return i < 0 ? -1 : this.run.get(i)[1];
  }

  /** Adds a numeric id that find() did not find. */
  private insert(key: number, slot: number): void {
    if (key > this.runMax) {
      const e = this.run.entry;
      e[0] = key;
      e[1] = slot;
      this.run.push();
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

// Hashes are kept in pages, not one array that doubles: no copy of 40 MB when a 10M-row input
// of unknown size outgrows its array, and at most one page unused.
const HASH_PAGE_BITS = 16;
const HASH_PAGE_MASK = (1 << HASH_PAGE_BITS) - 1;

function hashAt(pages: readonly Uint32Array[], slot: number): number {
  return pages[slot >>> HASH_PAGE_BITS][slot & HASH_PAGE_MASK];
}

function duplicateMessage(id: string, firstLine: number): string {
  return `Call id ${id} already appears on line ${firstLine + 1} with different content.`;
}

/**
 * A duplicate-call-id diagnostic whose first record (its related range) was moved to another
 * line, as an editor moves diagnostics after lines are added above that record: its message names
 * the new line. Any other diagnostic is returned as it is.
 */
export function namingFirstLine(d: Diagnostic): Diagnostic {
  const first = d.related?.[0];
  if (d.ruleId !== 'duplicate-call-id' || !first) return d;
  const message = d.message.replace(/ on line \d+ /, ` on line ${first.range.start.line + 1} `);
  return message === d.message ? d : { ...d, message };
}

function duplicateRelated(id: string, at: Position) {
  return { message: `First record with call id ${id}`, range: { start: at, end: at } };
}

/** Spreads an integer id (< 2^53) over 32 bits for table indexing. */
function mix(key: number): number {
  // ToUint32 (>>> 0) takes the low 32 bits without a floating-point modulo.
  let h = Math.imul(key >>> 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) >>> 0, 0x85ebca6b);
  h ^= h >>> 15;
  return h >>> 0;
}
