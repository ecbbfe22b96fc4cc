// The record index's persistent columns: shifted and spliced offsets (folded into a new array past
// 32 shifts) and call-id counts by hash, checked against plain arrays and maps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Codes, IdCounts, idHash, idKey, integerIdHash, Offsets, simpleIdHash } from '../../src/record-index.js';

describe('Offsets', () => {
  it('equals a plain array after any number of shifts, and older versions stay unchanged', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.array(fc.record({ from: fc.nat({ max: 70 }), delta: fc.integer({ min: -5, max: 5 }) }), { maxLength: 100 }), (base, shifts) => {
        let col = Offsets.of(Int32Array.from(base));
        let plain = base.slice();
        const versions: [Offsets, number[]][] = [];
        for (const s of shifts) {
          col = col.shifted(s.from, s.delta);
          plain = plain.map((v, i) => (i >= s.from ? v + s.delta : v));
          versions.push([col, plain]);
          expect(col.toArray()).toEqual(plain);
        }
        for (const [c, p] of versions) expect(c.toArray()).toEqual(p);
      }),
      { seed: 20251128, numRuns: 200 },
    );
  });

  it('equals a plain array after splices (records in and out) among shifts', () => {
    const step = fc.oneof(
      fc.record({ from: fc.nat({ max: 70 }), delta: fc.integer({ min: -5, max: 5 }) }),
      fc.record({ at: fc.nat({ max: 70 }), remove: fc.nat({ max: 3 }), insert: fc.array(fc.nat({ max: 1000 }), { maxLength: 3 }), delta: fc.integer({ min: -5, max: 5 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.array(step, { maxLength: 60 }), (base, steps) => {
        let col = Offsets.of(Int32Array.from(base));
        let plain = base.slice();
        for (const s of steps) {
          if ('from' in s) {
            col = col.shifted(s.from, s.delta);
            plain = plain.map((v, i) => (i >= s.from ? v + s.delta : v));
          } else {
            const at = Math.min(s.at, plain.length);
            const remove = Math.min(s.remove, plain.length - at);
            col = col.spliced(at, remove, s.insert, s.delta);
            plain = [...plain.slice(0, at), ...s.insert, ...plain.slice(at + remove).map((v) => v + s.delta)];
          }
          expect(col.toArray()).toEqual(plain);
        }
      }),
      { seed: 20261129, numRuns: 200 },
    );
  });
});

describe('Codes', () => {
  it('keeps an entry set just after the entries a splice replaces', () => {
    const codes = Codes.of(Int32Array.from([1, 1, 1, 1, 1, 1, 1, 1])).with(5, 3).with(2, 4);
    const at = (c: Codes) => Array.from({ length: c.length }, (_, k) => c.at(k));
    expect(at(codes.spliced(5, 0, [7]))).toEqual([1, 1, 4, 1, 1, 7, 3, 1, 1]);
    expect(at(codes.spliced(3, 2, []))).toEqual([1, 1, 4, 3, 1, 1]);
  });

  it('equals a plain array after entries set and spliced, past the fold, and older versions stay unchanged', () => {
    const step = fc.oneof(
      fc.record({ i: fc.nat({ max: 70 }), code: fc.nat({ max: 9 }) }),
      fc.record({ at: fc.nat({ max: 70 }), remove: fc.nat({ max: 3 }), insert: fc.array(fc.nat({ max: 9 }), { maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 9 }), { minLength: 1, maxLength: 80 }), fc.array(step, { maxLength: 150 }), (base, steps) => {
        let codes = Codes.of(Int32Array.from(base));
        let plain = base.slice();
        const versions: [Codes, number[]][] = [];
        for (const s of steps) {
          if ('i' in s) {
            if (plain.length === 0) continue;
            const i = s.i % plain.length;
            codes = codes.with(i, s.code);
            plain = plain.map((v, k) => (k === i ? s.code : v));
          } else {
            const at = Math.min(s.at, plain.length);
            const remove = Math.min(s.remove, plain.length - at);
            codes = codes.spliced(at, remove, s.insert);
            plain = [...plain.slice(0, at), ...s.insert, ...plain.slice(at + remove)];
          }
          versions.push([codes, plain]);
          expect(Array.from({ length: codes.length }, (_, k) => codes.at(k))).toEqual(plain);
        }
        for (const [c, p] of versions) expect(Array.from({ length: c.length }, (_, k) => c.at(k))).toEqual(p);
      }),
      { seed: 20261129, numRuns: 200 },
    );
  });
});

describe('IdCounts', () => {
  it('counts ids by hash, with edits layered over the sorted base', () => {
    const ids = ['a', 'b', 'b', 'c', '007', '7'].map(idKey);
    let counts = IdCounts.of(Uint32Array.from(ids.map(idHash)));
    expect(counts.count(idHash('b'))).toBe(2);
    expect(counts.count(idHash('7'))).toBe(2);
    expect(counts.count(idHash('zzz'))).toBe(0);
    const before = counts;
    counts = counts.with(idHash('a'), 0).with(idHash('zzz'), 1);
    expect(counts.count(idHash('a'))).toBe(0);
    expect(counts.count(idHash('zzz'))).toBe(1);
    expect(before.count(idHash('a'))).toBe(1);
  });

  it('keys ids the way core compares them (case, quotes, spaces, leading zeros, numbers)', () => {
    expect(idKey(' "ABC-1" ')).toBe('abc-1');
    expect(idKey('ABC-1')).toBe('abc-1');
    expect(idKey('000123')).toBe('123');
    expect(idKey(123)).toBe('123');
    expect(idKey(null)).toBe('');
  });

  it('hashes a simple id read in place as idHash(idKey(id)) does; anything else is left to idKey', () => {
    const unit = fc.constantFrom('0', '0', '7', 'a', 'Z', '_', '-', ' ', '"', 'é', ',', '\t');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 8 }), fc.string({ unit, maxLength: 3 }), fc.string({ unit, maxLength: 3 }), (id, before, after) => {
        const h = simpleIdHash(before + id + after, before.length, before.length + id.length);
        if (/^[0-9A-Za-z_-]+$/.test(id)) expect(h).toBe(idHash(idKey(id)));
        else expect(h).toBe(-1);
      }),
      { seed: 20261128, numRuns: 3000 },
    );
    expect(simpleIdHash('000', 0, 3)).toBe(idHash('0'));
    expect(simpleIdHash('x0012', 1, 5)).toBe(idHash('12'));
    expect(simpleIdHash('AbC-9', 0, 5)).toBe(idHash('abc-9'));
  });

  it('hashes a JSON integer id as idHash(idKey(id)) does; any other number is left to idKey', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeNat(), fc.nat(1000), fc.double()), (n) => {
        if (Number.isSafeInteger(n) && n >= 0) expect(integerIdHash(n)).toBe(idHash(idKey(n)));
        else expect(integerIdHash(n)).toBe(-1);
      }),
      { seed: 20261128, numRuns: 3000 },
    );
    for (const n of [0, 9, 10, Number.MAX_SAFE_INTEGER, 2999999999999999]) expect(integerIdHash(n)).toBe(idHash(String(n)));
    expect(integerIdHash(-0)).toBe(idHash('0'));
  });
});
