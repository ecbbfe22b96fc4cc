/**
 * The call ids that are not canonical numbers (UUIDs, Asterisk's "1710230402.17", provider
 * SIDs), for the call-id table (duplicates.ts). Kept exactly, so that two different ids never
 * count as a repeat, but compactly: each id's text is copied once into byte pages, and an
 * open-addressing table of [hash, slot + 1, where the text is] finds it. A Map of strings took
 * 3.4x the memory and 1.5x the time of the same file with numeric ids (1M rows: 441-446 against
 * 127-131 MB; 10M rows with UUIDs: 3.9 GB, now 0.61 with UUIDs packed), and its keys, cut from
 * the parser's buffer, could keep pieces of the file alive. Written by hand for the same reason
 * as delta-log.ts: the storage moves to another thread as typed arrays.
 *
 * An id's entry in the pages: a 16-bit header (length << 1 | wide), then one byte per UTF-16
 * unit, or two bytes a unit when some unit is past 255 (wide). A lowercase UUID, the most common
 * id that is not a number, is packed instead: header UUID_HEADER, then its 32 hex digits in 16
 * bytes (18 bytes in all, not 38). Ids longer than MAX_INLINE units go to a Map, and so does
 * every new id once the pages are full (4 GiB).
 */
export interface StringIdsState {
  /** Three numbers a bucket: the id's hash, its slot + 1 (0: empty bucket), where its entry starts (page × PAGE + offset). */
  buckets: Uint32Array;
  count: number;
  /** Entries never span two pages; the first page doubles up to PAGE, later ones are full. */
  pages: Uint8Array[];
  /** Bytes written in the last page. */
  used: number;
  /** Ids too long for an entry, as strings (whatever file has them, almost none). */
  long: Map<string, number>;
  /** Whether the pages filled up, so that ids of any length may be in `long` too. */
  full: boolean;
}

const PAGE_BITS = 20;
const PAGE = 1 << PAGE_BITS;
/** Pages an entry reference can address (page × PAGE + offset must fit 32 bits): 4 GiB of ids. */
const MAX_PAGES = 2 ** (32 - PAGE_BITS);
/** Units an entry can hold: its length takes 15 bits of the header. */
const MAX_INLINE = (1 << 15) - 1;
/**
 * The header of a packed lowercase UUID: "wide" with no unit, which no text entry has (a wide
 * entry holds a unit past 255). Any other text keeps its units, so equal ids still have equal
 * entries, byte for byte.
 */
const UUID_HEADER = 1;
const UUID_SIZE = 2 + 16;

/**
 * The entry of the id last encoded (encode()): header and bytes, as the pages hold them, so that
 * an id read from text and one read from another table's pages are compared and stored alike.
 */
let entry = new Uint8Array(256);
/** The hash encode() computed: FNV-1a over the UTF-16 units, then murmur3's finalizer. */
let entryHash = 0;

/** Writes the id text[from, to) (at most MAX_INLINE units) to `entry`; returns its size. */
function encode(text: string, from: number, to: number): number {
  const n = to - from;
  if (entry.length < 2 + 2 * n) entry = new Uint8Array(2 + 2 * n);
  let h = 0x811c9dc5;
  let or = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(from + i);
    or |= c;
    h = Math.imul(h ^ c, 0x01000193);
    entry[2 + i] = c;
  }
  const wide = or > 255;
  if (wide) {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(from + i);
      entry[2 + 2 * i] = c & 0xff;
      entry[3 + 2 * i] = c >>> 8;
    }
  }
  const packed = n === 36 && or < 128 && packUuid(entry, text, from);
  const header = packed ? UUID_HEADER : (n << 1) | (wide ? 1 : 0);
  entry[0] = header & 0xff;
  entry[1] = header >>> 8;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  entryHash = (h ^ (h >>> 16)) >>> 0;
  return packed ? UUID_SIZE : 2 + (wide ? 2 * n : n);
}

/** Where a UUID's 32 hex digits are in its text (8-4-4-4-12). */
const DIGIT_AT = Uint8Array.from({ length: 36 }, (_, i) => i).filter((i) => i !== 8 && i !== 13 && i !== 18 && i !== 23);
/** Each ASCII unit's value as a lowercase hex digit, or -1. */
const HEX = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) HEX[d.toString(16).charCodeAt(0)] = d;

/**
 * When the 36 units in e[2, 38) are a lowercase UUID, packs its digits into e[2, 18) (two a
 * byte, in order) and returns true; otherwise leaves the units there (copied again from
 * text[from, from + 36)). Called for each id of 36 units: one pass of table lookups, no call per
 * unit (a first version, two passes with a call per unit, cost 0.9 µs an id).
 */
function packUuid(e: Uint8Array, text: string, from: number): boolean {
  if (e[10] !== 45 || e[15] !== 45 || e[20] !== 45 || e[25] !== 45) return false;
  // In place: byte k is made of digits 2k and 2k + 1, which lie at or after it and are read
  // before it is written. (& 127: the caller passes ASCII only, and the table has 128 entries.)
  let bad = 0;
  for (let k = 0; k < 16; k++) {
    const hi = HEX[e[2 + DIGIT_AT[2 * k]] & 127];
    const lo = HEX[e[2 + DIGIT_AT[2 * k + 1]] & 127];
    bad |= hi | lo;
    e[2 + k] = (hi << 4) | (lo & 15);
  }
  if (bad >= 0) return true;
  for (let i = 0; i < 36; i++) e[2 + i] = text.charCodeAt(from + i);
  return false;
}

/** The size of the entry at src[at] (its header and bytes). */
function sizeAt(src: Uint8Array, at: number): number {
  const header = src[at] | (src[at + 1] << 8);
  if (header === UUID_HEADER) return UUID_SIZE;
  return 2 + (header & 1 ? header & ~1 : header >>> 1);
}

export class StringIds {
  private buckets: Uint32Array;
  private count: number;
  private readonly pages: Uint8Array[];
  private used: number;
  private readonly long: Map<string, number>;
  private full: boolean;
  // What the last find that missed left for the add after it: the id's hash and the empty bucket.
  private missHash = 0;
  private missBucket = -1;
  /** Whether an add may follow (the last find missed). */
  private missed = false;

  /** `maxPages`: fewer than the references can address, only for tests of a full table. */
  constructor(
    from?: StringIdsState,
    private readonly maxPages = MAX_PAGES,
  ) {
    this.buckets = from?.buckets ?? new Uint32Array(3 << 10);
    this.count = from?.count ?? 0;
    // Small to start with: most files have numeric ids, or few rows.
    this.pages = from?.pages ?? [new Uint8Array(4096)];
    this.used = from?.used ?? 0;
    this.long = from?.long ?? new Map();
    this.full = from?.full ?? false;
  }

  /** The storage as transferable data (no copy: the instance must not be used afterwards). */
  state(): StringIdsState {
    return { buckets: this.buckets, count: this.count, pages: this.pages, used: this.used, long: this.long, full: this.full };
  }

  static arrays(s: StringIdsState): ArrayBufferView[] {
    return [s.buckets, ...s.pages];
  }

  /** The slot of the id text[from, to), or -1; after -1, add() may store it. */
  find(text: string, from: number, to: number): number {
    if (to - from > MAX_INLINE) {
      this.missBucket = -1;
      return this.settle(this.long.get(text.slice(from, to)) ?? -1);
    }
    const size = encode(text, from, to); // (before entryHash and entry are read)
    const slot = this.probe(entryHash, entry, 0, size);
    return this.settle(slot < 0 && this.full ? (this.long.get(text.slice(from, to)) ?? -1) : slot);
  }

  /** Stores the id that the last find() did not find (still in `entry`), under `slot`. */
  add(text: string, from: number, to: number, slot: number): void {
    this.takeMiss();
    const n = to - from;
    // (A slice would keep the parser's piece of the file alive; the copy does not.)
    if (this.missBucket < 0 || !this.store(entry, 0, slot)) this.long.set(n > 12 ? copyOf(text, from, to) : text.slice(from, to), slot);
  }

  /**
   * The slot here of the id in `other`'s bucket `i`, or -1; after -1, addFrom() may store it.
   * Compares the stored bytes: no string is made.
   */
  findFrom(other: StringIds, i: number): number {
    const ref = other.buckets[3 * i + 2];
    const src = other.pages[ref >>> PAGE_BITS];
    const at = ref & (PAGE - 1);
    const slot = this.probe(other.buckets[3 * i], src, at, sizeAt(src, at));
    return this.settle(slot < 0 && this.full ? (this.long.get(other.textOf(i)) ?? -1) : slot);
  }

  /** Stores the id of `other`'s bucket `i`, which the last findFrom() did not find, under `slot`. */
  addFrom(other: StringIds, i: number, slot: number): void {
    this.takeMiss();
    const ref = other.buckets[3 * i + 2];
    if (!this.store(other.pages[ref >>> PAGE_BITS], ref & (PAGE - 1), slot)) this.long.set(other.textOf(i), slot);
  }

  /** Calls `entry` with each paged id's bucket and slot, then `long` with each id kept as a string. */
  each(entry: (bucket: number, slot: number) => void, long: (id: string, slot: number) => void): void {
    const b = this.buckets;
    for (let i = 0; i < b.length; i += 3) if (b[i + 1] !== 0) entry(i / 3, b[i + 1] - 1);
    for (const [id, slot] of this.long) long(id, slot);
  }

  /** The text of the id in bucket `i`, for a message. */
  textOf(i: number): string {
    const ref = this.buckets[3 * i + 2];
    const page = this.pages[ref >>> PAGE_BITS];
    const at = ref & (PAGE - 1);
    const header = page[at] | (page[at + 1] << 8);
    if (header === UUID_HEADER) return uuidText(page, at + 2);
    const n = header >>> 1;
    let s = '';
    for (let k = 0; k < n; k++) s += String.fromCharCode(header & 1 ? page[at + 2 + 2 * k] | (page[at + 3 + 2 * k] << 8) : page[at + 2 + k]);
    return s;
  }

  /** Grows the table once to hold `n` more ids (absorbing a part would rehash on the way). */
  reserve(n: number): void {
    while ((this.count + n) * 4 > (this.buckets.length / 3) * 3) this.rehash();
  }

  /**
   * The slot of the entry src[at, at + size) under hash `h`, or -1; a miss leaves its hash and
   * empty bucket for store().
   */
  private probe(h: number, src: Uint8Array, at: number, size: number): number {
    const b = this.buckets;
    const mask = b.length / 3 - 1;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const slot = b[3 * i + 1];
      if (slot === 0) {
        this.missHash = h;
        this.missBucket = i;
        return -1;
      }
      if (b[3 * i] === h && this.sameBytes(b[3 * i + 2], src, at, size)) return slot - 1;
    }
  }

  /** A find's answer: after a miss (-1), one add may follow. */
  private settle(slot: number): number {
    this.missed = slot < 0;
    return slot;
  }

  /** add() and addFrom() store where the last find missed: anything else would corrupt the table. */
  private takeMiss(): void {
    if (!this.missed) throw new Error('StringIds: an id is added only after a find() that missed it');
    this.missed = false;
  }

  /** Copies the entry at src[at] into the pages and the bucket probe() left; false when the pages are full. */
  private store(src: Uint8Array, at: number, slot: number): boolean {
    const size = sizeAt(src, at);
    const to = this.room(size);
    if (to < 0) return false;
    this.pages[this.pages.length - 1].set(src.subarray(at, at + size), to);
    this.fill(this.missBucket, this.missHash, slot, (this.pages.length - 1) * PAGE + to);
    return true;
  }

  private sameBytes(ref: number, src: Uint8Array, from: number, size: number): boolean {
    const page = this.pages[ref >>> PAGE_BITS];
    const at = ref & (PAGE - 1);
    for (let i = 0; i < size; i++) if (page[at + i] !== src[from + i]) return false;
    return true;
  }

  /**
   * Where `size` bytes fit in the last page (a new page when they do not), counted as used; -1
   * when the pages are full (then ids go to `long`).
   */
  private room(size: number): number {
    const pages = this.pages;
    let page = pages[pages.length - 1];
    if (this.used + size > page.length) {
      if (pages.length === 1 && page.length < PAGE) {
        // The first page doubles (its entries keep their offsets) until it is a full page.
        let grown = 2 * page.length;
        while (grown < PAGE && grown < this.used + size) grown *= 2;
        if (this.used + size <= grown) {
          const next = new Uint8Array(grown);
          next.set(page.subarray(0, this.used));
          pages[0] = next;
          page = next;
        }
      }
      if (this.used + size > page.length) {
        if (pages.length >= this.maxPages) {
          this.full = true;
          return -1;
        }
        pages.push(new Uint8Array(PAGE));
        this.used = 0;
      }
    }
    const at = this.used;
    this.used += size;
    return at;
  }

  /** Puts an id in the empty bucket `i`; grows the table past 3/4 full. */
  private fill(i: number, hash: number, slot: number, ref: number): void {
    const b = this.buckets;
    b[3 * i] = hash;
    b[3 * i + 1] = slot + 1;
    b[3 * i + 2] = ref;
    if (++this.count * 4 > (b.length / 3) * 3) this.rehash();
  }

  private rehash(): void {
    const old = this.buckets;
    const b = new Uint32Array(old.length * 2);
    const mask = b.length / 3 - 1;
    for (let j = 0; j < old.length; j += 3) {
      if (old[j + 1] === 0) continue;
      let i = old[j] & mask;
      while (b[3 * i + 1] !== 0) i = (i + 1) & mask;
      b[3 * i] = old[j];
      b[3 * i + 1] = old[j + 1];
      b[3 * i + 2] = old[j + 2];
    }
    this.buckets = b;
  }
}

/** The text of a UUID packed at src[at, at + 16). */
function uuidText(src: Uint8Array, at: number): string {
  let s = '';
  for (let k = 0; k < 16; k++) {
    if (k === 4 || k === 6 || k === 8 || k === 10) s += '-';
    s += (src[at + k] >>> 4).toString(16) + (src[at + k] & 15).toString(16);
  }
  return s;
}

/** A fresh copy of text[from, to): not a V8 sliced string that keeps `text` alive. */
function copyOf(text: string, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i += 4096) s += String.fromCharCode.apply(null, stringUnits(text, i, Math.min(to, i + 4096)));
  return s;
}

function stringUnits(text: string, from: number, to: number): number[] {
  const units = new Array<number>(to - from);
  for (let i = from; i < to; i++) units[i - from] = text.charCodeAt(i);
  return units;
}
