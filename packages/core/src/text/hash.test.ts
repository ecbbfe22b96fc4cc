// textHash is only useful if a changed record changes its hash: these properties fail when a
// unit is skipped, a pair is packed with loss, or the in-place range is read off by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textHash } from './hash.js';

// Few distinct units, some a shift of another, so that lossy packing would collide.
const unit = fc.oneof(fc.integer({ min: 0, max: 0xff }), fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0, 1, 0xff, 0x100, 0x101, 0x8000, 0xffff));
const text = fc.array(unit, { maxLength: 40 }).map((a) => String.fromCharCode(...a));

describe('textHash', () => {
  it('changes when any one or two units of a pair change', () => {
    fc.assert(
      fc.property(text, fc.nat(), unit, unit, fc.boolean(), (s, at, u1, u2, both) => {
        fc.pre(s.length > 0);
        const i = at % s.length;
        const j = both && (i ^ 1) < s.length ? i ^ 1 : i; // the other unit of i's pair
        const units = [...s].map((c) => c.charCodeAt(0));
        units[i] = u1;
        units[j] = j === i ? u1 : u2;
        const t = String.fromCharCode(...units);
        fc.pre(t !== s);
        expect(textHash(t, 0, t.length)).not.toBe(textHash(s, 0, s.length));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads exactly text[from, to)', () => {
    fc.assert(
      fc.property(text, text, text, (before, s, after) => {
        const all = before + s + after;
        expect(textHash(all, before.length, before.length + s.length)).toBe(textHash(s, 0, s.length));
      }),
    );
  });
});
