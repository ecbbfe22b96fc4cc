/**
 * An append-only list of entries of a few non-negative integers (below 2^53), kept as varint
 * deltas in blocks: one or two bytes an entry where each steps from the previous one as
 * expected, instead of 4-8 a value. The call-id table keeps one entry per distinct id (ten million in a
 * large export), so its memory is this list's. Written by hand: no library packs tuples of
 * numbers with random access and hands its storage to another thread as plain typed arrays.
 *
 * Each entry's first value is written as its delta from the previous entry's, less
 * `expect[0]`, with two flag bits: whether that delta is far (its size follows as a varint of up
 * to 8 bytes, so ids that rise by large gaps stay in their block), and whether the other values
 * did not all step by exactly their `expect` (then they follow). A block's first entry is kept
 * whole, so reading entry i decodes at most one block.
 */
export interface DeltaLogState {
  /** Encoded bytes; a block never spans two pages. */
  pages: Uint8Array[];
  /**
   * Per block, `2 + width` numbers: index of its first entry, where it starts (page × 2^18 +
   * offset in the page), first entry.
   */
  blocks: Float64Array;
  blockCount: number;
  length: number;
  /** The last entry, to take the next one's deltas from. */
  last: Float64Array;
  /** Entries in the last block (`blockSize` while the log is empty: the first entry starts a block). */
  inBlock: number;
  /** Write position in the last page. */
  pos: number;
}

/** The largest page; pages start small (a linter may check a single record) and double. */
const PAGE = 1 << 18;
/**
 * Deltas within this are coded in 32-bit integers. A farther first value is written as far; any
 * other value starts a block.
 */
const NEAR = 1 << 27;
/** Entries a log may hold: their indexes are kept as 32-bit integers. */
const MAX_ENTRIES = 2 ** 31 - 1;

export class DeltaLog {
  /** Set the values of an entry here, then call push(). */
  readonly entry: Float64Array;
  private readonly expect: Float64Array;
  private readonly width: number;
  private readonly stride: number;
  private readonly pageRoom: number;
  private pages: Uint8Array[];
  private page: Uint8Array;
  private blocks: Float64Array;
  private blockCount: number;
  private count: number;
  private readonly last: Float64Array;
  private inBlock: number;
  private pos: number;
  // Reading: the entry decoded last (entries are mostly read in order), and where it ends.
  private readonly cur: Float64Array;
  private curIndex = -1;
  private curBlock = -1;
  private curPage: Uint8Array;
  private curPos = 0;

  constructor(
    expect: readonly number[],
    private readonly blockSize: number,
    from?: DeltaLogState,
  ) {
    this.expect = Float64Array.from(expect);
    this.width = expect.length;
    this.stride = 2 + this.width;
    // A block's worst case: every entry far and irregular (head 5 bytes, step 8, others 5 each).
    this.pageRoom = blockSize * (8 + 5 * this.width);
    if (this.pageRoom > PAGE) throw new RangeError('blocks too large for a page');
    this.entry = new Float64Array(this.width);
    this.cur = new Float64Array(this.width);
    this.pages = from?.pages ?? [new Uint8Array(Math.max(this.pageRoom, 4096))];
    this.page = this.pages[this.pages.length - 1];
    this.curPage = this.page;
    this.blocks = from?.blocks ?? new Float64Array(16 * this.stride);
    this.blockCount = from?.blockCount ?? 0;
    this.count = from?.length ?? 0;
    this.last = from?.last ?? new Float64Array(this.width);
    // An empty log has no open block: its first entry starts one.
    this.inBlock = from?.inBlock ?? blockSize;
    this.pos = from?.pos ?? 0;
  }

  get length(): number {
    return this.count;
  }

  /** The storage, handed over without a copy: this log must not be used afterwards. */
  state(): DeltaLogState {
    return {
      pages: this.pages, blocks: this.blocks, blockCount: this.blockCount, length: this.count,
      last: this.last, inBlock: this.inBlock, pos: this.pos,
    };
  }

  /** The typed arrays of a state, for a transfer list. */
  static arrays(s: DeltaLogState): ArrayBufferView[] {
    return [...s.pages, s.blocks, s.last];
  }

  /** Appends `entry`. */
  push(): void {
    const e = this.entry;
    const last = this.last;
    const x = this.expect;
    const w = this.width;
    const d0 = e[0] - last[0] - x[0];
    let regular = this.inBlock < this.blockSize && d0 <= NEAR && d0 >= -NEAR;
    for (let k = 1; k < w; k++) if (e[k] - last[k] !== x[k]) regular = false;
    if (!regular) return this.pushIrregular(d0);
    // The usual entry: one varint, the first value's step and two 0 flags.
    this.write(zigzag(d0) << 2);
    this.inBlock++;
    for (let k = 0; k < w; k++) last[k] = e[k];
    this.count++;
  }

  private pushIrregular(d0: number): void {
    const e = this.entry;
    const last = this.last;
    const x = this.expect;
    // (A step of 2^53 or more, possible only with unusual expected steps, is not exact: a block.)
    let open = this.inBlock < this.blockSize && Number.isSafeInteger(d0);
    let irregular = 0;
    for (let k = 1; k < this.width; k++) {
      const d = e[k] - last[k] - x[k];
      if (d > NEAR || d < -NEAR) open = false;
      if (d !== 0) irregular = 1;
    }
    if (!open) this.startBlock();
    else {
      if (d0 <= NEAR && d0 >= -NEAR) this.write((zigzag(d0) << 2) | irregular);
      else {
        // Far: the sign in the head, the size after it.
        this.write(((d0 < 0 ? 1 : 0) << 2) | 2 | irregular);
        this.writeFar(Math.abs(d0));
      }
      if (irregular) for (let k = 1; k < this.width; k++) this.write(zigzag(e[k] - last[k] - x[k]));
      this.inBlock++;
    }
    for (let k = 0; k < this.width; k++) last[k] = e[k];
    this.count++;
  }

  /** Entry `i`, decoded into an array that the next read overwrites. */
  get(i: number): Float64Array {
    if (i < 0 || i >= this.count) throw new RangeError(`entry ${i} of ${this.count}`);
    const b = this.curBlock;
    const ahead = b >= 0 && i >= this.curIndex && (b + 1 === this.blockCount || i < this.blocks[(b + 1) * this.stride]);
    if (!ahead) this.seek(this.lastBlockWhere(0, i));
    while (this.curIndex < i) this.step();
    return this.cur;
  }

  /**
   * The index of the entry whose value `k` is `value`, or -1, when values `k` rise through the
   * log (then get() of the index is the entry).
   */
  find(value: number, k = 0): number {
    const b = this.blocks;
    const s = this.stride;
    const lo = this.lastBlockWhere(2 + k, value);
    if (this.blockCount === 0 || b[lo * s + 2 + k] > value) return -1;
    if (lo !== this.curBlock || this.cur[k] > value) this.seek(lo);
    const end = lo + 1 < this.blockCount ? b[(lo + 1) * s] : this.count;
    while (this.cur[k] < value && this.curIndex + 1 < end) this.step();
    return this.cur[k] === value ? this.curIndex : -1;
  }

  /**
   * The last block whose number at `field` (0: index of its first entry, 2 + k: value k of its
   * first entry) is at most `value`; block 0 when there is none.
   */
  private lastBlockWhere(field: number, value: number): number {
    const b = this.blocks;
    const s = this.stride;
    let lo = 0;
    let hi = this.blockCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (b[mid * s + field] <= value) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private seek(block: number): void {
    const o = block * this.stride;
    const at = this.blocks[o + 1];
    this.curBlock = block;
    // `| 0`: numbers read from a Float64Array are doubles; stored as such, they changed this
    // object's shape, and V8 threw away the optimized push() and write() of every log. Both
    // fit in 32 bits: an entry's index (see startBlock) and a position in a page.
    this.curIndex = this.blocks[o] | 0;
    this.curPage = this.pages[Math.floor(at / PAGE)];
    this.curPos = at % PAGE | 0;
    for (let k = 0; k < this.width; k++) this.cur[k] = this.blocks[o + 2 + k];
  }

  /** Decodes the entry after the current one (in the same block). */
  private step(): void {
    const cur = this.cur;
    const head = this.read();
    if (head & 2) cur[0] += (head & 4 ? -this.read() : this.read()) + this.expect[0];
    else cur[0] += unzigzag(head >>> 2) + this.expect[0];
    if (head & 1) for (let k = 1; k < this.width; k++) cur[k] += unzigzag(this.read()) + this.expect[k];
    else for (let k = 1; k < this.width; k++) cur[k] += this.expect[k];
    this.curIndex++;
  }

  /** A varint: a non-negative integer below 2^53 (by multiplication: more than 32 bits). */
  private read(): number {
    const page = this.curPage;
    let v = 0;
    let scale = 1;
    let byte: number;
    do {
      byte = page[this.curPos++];
      v += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return v;
  }

  private writeFar(v: number): void {
    while (v >= 0x80) {
      this.page[this.pos++] = (v % 128) | 0x80;
      v = Math.floor(v / 128);
    }
    this.page[this.pos++] = v;
  }

  private startBlock(): void {
    // Entry indexes stay 32-bit integers (see seek): over 2^31 entries would take gigabytes.
    if (this.count >= MAX_ENTRIES) throw new RangeError(`a log holds at most ${MAX_ENTRIES} entries`);
    if (this.pos + this.pageRoom > this.page.length) {
      this.page = new Uint8Array(Math.min(PAGE, 2 * this.page.length));
      this.pages.push(this.page);
      this.pos = 0;
    }
    const s = this.stride;
    if ((this.blockCount + 1) * s > this.blocks.length) {
      const grown = new Float64Array(this.blocks.length * 2);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    const o = this.blockCount++ * s;
    this.blocks[o] = this.count;
    this.blocks[o + 1] = (this.pages.length - 1) * PAGE + this.pos;
    for (let k = 0; k < this.width; k++) this.blocks[o + 2 + k] = this.entry[k];
    this.inBlock = 1;
  }

  private write(v: number): void {
    const page = this.page;
    while (v >= 0x80) {
      page[this.pos++] = (v & 0x7f) | 0x80;
      v >>>= 7;
    }
    page[this.pos++] = v;
  }
}

/** Small signed integers to small unsigned ones: 0, -1, 1, -2... -> 0, 1, 2, 3... */
function zigzag(d: number): number {
  return ((d << 1) ^ (d >> 31)) >>> 0;
}

function unzigzag(z: number): number {
  return (z >>> 1) ^ -(z & 1);
}
