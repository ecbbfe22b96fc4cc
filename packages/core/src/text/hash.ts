/** FNV-1a's offset basis and prime. */
const H0 = 0x811c9dc5;
const P = 0x01000193;
/** The second chain's start: an arbitrary constant other than H0, so that the two chains differ. */
const K0 = 0x2c1b3c6d;

/**
 * A 32-bit hash of text[from, to), read in place (no substring). It only tells whether two
 * records with the same call id are exact repeats, so it must see every character but need not
 * resist attacks. Written by hand, FNV-1a style with one multiplication per four units.
 *
 * Four ASCII units go in as one 32-bit word, their bytes in order (so that hashIn can read them
 * from bytes); a group of four with any other unit goes in as two words, two units each. Groups
 * alternate between two running hashes, joined at the end: two chains of multiplications that
 * the processor runs side by side (the row hash of 1M rows: 160 -> 90 ms). Every step is a
 * bijection of its running hash, and so is the join in each of them, so two texts of the same
 * length that differ within one word always hash differently. A change that turns an ASCII
 * group into another kind (one step into two) is caught like any other change, by chance: one
 * miss in 2^32.
 */
export function textHash(text: string, from: number, to: number): number {
  let h = H0;
  let k = K0;
  let i = from;
  for (; i + 7 < to; i += 8) {
    h = group(h, text, i);
    k = group(k, text, i + 4);
  }
  if (i + 3 < to) {
    h = group(h, text, i);
    i += 4;
  }
  for (; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), P);
  return join(h, k);
}

/** One group of four units into a running hash: one step if all are ASCII, else two. */
function group(h: number, text: string, i: number): number {
  const c0 = text.charCodeAt(i);
  const c1 = text.charCodeAt(i + 1);
  const c2 = text.charCodeAt(i + 2);
  const c3 = text.charCodeAt(i + 3);
  if ((c0 | c1 | c2 | c3) < 0x80) return Math.imul(h ^ (c0 | (c1 << 8) | (c2 << 16) | (c3 << 24)), P);
  return Math.imul(Math.imul(h ^ (c0 | (c1 << 16)), P) ^ (c2 | (c3 << 16)), P);
}

/** The two chains as one hash: k through an odd multiplier (a bijection), then xor. */
function join(h: number, k: number): number {
  return (h ^ Math.imul(k, 0x9e3779b1)) >>> 0;
}

/** Texts longer than this are hashed from the string, not copied to bytes (bounded scratch). */
const MIRROR_MAX = 1 << 20;

/**
 * The bytes of the last text hashed by hashIn, when it is all ASCII. Reading four bytes at once
 * from a DataView instead of four charCodeAt: over the 1M rows of the benchmark file, held in
 * 64 Ki pieces as the parsers hold them, 280 -> 186 ms, the copy included (encodeInto: 9 ms).
 */
let mirrorOf: string | undefined;
let mirrorAscii = false;
let bytes = new Uint8Array(0);
let view = new DataView(bytes.buffer);
const encoder = new TextEncoder();

/**
 * textHash(text, from, to), faster when called for many ranges of one text (the records of a
 * parser's buffer): the text is copied to bytes once, then read four bytes at a time.
 */
export function hashIn(text: string, from: number, to: number): number {
  // By content when the two strings differ: equal text may reuse the copy, and the compare
  // costs at most one pass per new buffer (different lengths answer at once).
  if (text !== mirrorOf) {
    if (text.length > MIRROR_MAX) return textHash(text, from, to);
    if (bytes.length < text.length) {
      bytes = new Uint8Array(Math.min(MIRROR_MAX, Math.max(text.length, 2 * bytes.length)));
      view = new DataView(bytes.buffer);
    }
    // All ASCII exactly when every unit was read and gave one byte.
    const { read, written } = encoder.encodeInto(text, bytes);
    mirrorAscii = read === text.length && written === text.length;
    mirrorOf = text;
  }
  if (!mirrorAscii) return textHash(text, from, to);
  const v = view;
  let h = H0;
  let k = K0;
  let i = from;
  for (; i + 7 < to; i += 8) {
    h = Math.imul(h ^ v.getInt32(i, true), P);
    k = Math.imul(k ^ v.getInt32(i + 4, true), P);
  }
  if (i + 3 < to) {
    h = Math.imul(h ^ v.getInt32(i, true), P);
    i += 4;
  }
  for (; i < to; i++) h = Math.imul(h ^ bytes[i], P);
  return join(h, k);
}
