// textHash is only useful if a changed record changes its hash: these properties fail when a
// unit is skipped, a group is packed with loss, or the in-place range is read off by one; and
// hashIn must give textHash's value, or repeats hashed from bytes and from strings would differ.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashIn, textHash } from './hash.js';

// Few distinct units, some a shift of another, so that lossy packing would collide.
const unit = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
  fc.integer({ min: 0, max: 0xffff }),
  fc.constantFrom(0, 1, 0x7f, 0x80, 0xff, 0x100, 0x101, 0x8000, 0xffff),
);
const text = fc.array(unit, { maxLength: 40 }).map((a) => String.fromCharCode(...a));

describe('textHash', () => {
  it('changes when one or two units of a word change', () => {
    fc.assert(
      fc.property(text, fc.nat(), unit, unit, fc.boolean(), (s, at, u1, u2, both) => {
        fc.pre(s.length > 0);
        const i = at % s.length;
        const j = both && (i ^ 1) < s.length ? i ^ 1 : i; // the other unit of i's word
        const units = [...s].map((c) => c.charCodeAt(0));
        units[i] = u1;
        units[j] = j === i ? u1 : u2;
        const t = String.fromCharCode(...units);
        fc.pre(t !== s);
        // A group of four that changes kind (ASCII or not) is one step instead of two: such a
        // change is caught only with probability 1 - 2^-32, so it is left to the test below.
        const group = (x: string) => x.slice(i - (i % 4), i - (i % 4) + 4);
        const ascii = (x: string) => x.length < 4 || /^[\0-\x7f]*$/.test(x);
        fc.pre(ascii(group(s)) === ascii(group(t)));
        expect(textHash(t, 0, t.length)).not.toBe(textHash(s, 0, s.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('tells apart a group of four that changes kind', () => {
    // Equal under the first packing of mixed groups (found in review): one step of
    // a ^ (b * K) could equal an ASCII word.
    expect(textHash('\u08a2!"5', 0, 4)).not.toBe(textHash(' !"5', 0, 4));
    expect(textHash('\u4241\u4443\0\0', 0, 4)).not.toBe(textHash('ABCD', 0, 4));
  });

  it('reads exactly text[from, to)', () => {
    fc.assert(
      fc.property(text, text, text, (before, s, after) => {
        const all = before + s + after;
        expect(textHash(all, before.length, before.length + s.length)).toBe(textHash(s, 0, s.length));
      }),
    );
  });

  it('hashIn gives textHash for a text too long to copy', () => {
    const long = 'x,1,ANSWERED\n'.repeat(90_000); // over 1 MiB
    expect(hashIn(long, 5, long.length - 3)).toBe(textHash(long, 5, long.length - 3));
  });

  it('hashIn gives textHash for any range, text after text', () => {
    const ascii = fc.array(fc.integer({ min: 0, max: 0x7f }), { maxLength: 60 }).map((a) => String.fromCharCode(...a));
    const call = fc.tuple(fc.oneof(ascii, text), fc.nat(), fc.nat());
    fc.assert(
      fc.property(fc.array(call, { minLength: 1, maxLength: 6 }), (calls) => {
        for (const [s, a, b] of calls) {
          const from = a % (s.length + 1);
          const to = from + (b % (s.length - from + 1));
          // A copy of equal content as well: the bytes kept for one string serve an equal one.
          for (const t of [s, [s].join('')]) expect(hashIn(t, from, to)).toBe(textHash(t, from, to));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
