// The hand-written value readers against the regular expressions they replaced (the reference
// definitions of each format), on strings made of the characters that matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountIn, durationIn, hangupCauseIn, isE164, parseAmount, parseDatetime, parseDuration, parseHangupCause } from './values.js';

const E164 = /^\+[1-9]\d{1,14}$/;
const DIGITS = /^\d{1,16}$/;
const DECIMAL = /^-?\d{1,15}(?:\.\d{1,10})?$/;
const CAUSE = /^\d{1,3}$/;

/** A run of digits of any length from `min` to `max`, each length as likely. */
const digits = (min: number, max: number) =>
  fc.integer({ min, max }).chain((n) => fc.array(fc.constantFrom('0', '1', '7', '9'), { minLength: n, maxLength: n }).map((a) => a.join('')));

const text = fc.oneof(
  fc.string({ maxLength: 20, unit: fc.constantFrom('0', '1', '5', '9', '+', '-', '.', ' ', 'a', '٣', '/', ':') }),
  fc.tuple(fc.constantFrom('', '+', '-', '+0'), digits(0, 18), fc.constantFrom('', '.'), digits(0, 12)).map((parts) => parts.join('')),
);
const same = (a: number, b: number) => (Number.isNaN(a) ? Number.isNaN(b) : a === b);

describe('value readers', () => {
  it('read exactly what their regular expressions accept', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(isE164(s)).toBe(E164.test(s));
        expect(same(parseDuration(s), DIGITS.test(s) ? +s : NaN)).toBe(true);
        const amount = DECIMAL.test(s) && +s >= 0 ? +s : NaN;
        expect(same(parseAmount(s), amount)).toBe(true);
        const cause = CAUSE.test(s) && +s <= 127 ? +s : NaN;
        expect(same(parseHangupCause(s), cause)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('read amounts, durations and causes to the same number as +text, bit for bit', () => {
    // Any digits here, so that rounding is exercised (the reader sums digits instead of +text).
    const anyDigits = (min: number, max: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((a) => a.join(''));
    const decimal = fc
      .tuple(fc.constantFrom('', '-'), anyDigits(1, 15), fc.option(anyDigits(1, 10)))
      .map(([sign, i, f]) => (f === null ? sign + i : `${sign}${i}.${f}`));
    fc.assert(
      fc.property(decimal, anyDigits(1, 16), (d, whole) => {
        expect(Object.is(parseAmount(d), +d >= 0 ? +d : NaN)).toBe(true);
        expect(Object.is(parseDuration(whole), +whole)).toBe(true);
        if (whole.length <= 3) expect(same(parseHangupCause(whole), +whole <= 127 ? +whole : NaN)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('read text[from, to) in place as they read the same text alone', () => {
    // What surrounds a cell in a row: digits, dots and signs that a reader must not run into.
    const around = fc.string({ maxLength: 6, unit: fc.constantFrom('0', '9', '.', '-', '+', ',', 'Z', ' ') });
    const date = fc.constantFrom('2024-03-12 08:00:02', '2024-02-30 08:00:02', '2024-03-12T08:00:02.25Z', '2024-03-12T08:00:02Z', '2024-03-12 08:00:0');
    fc.assert(
      fc.property(around, fc.oneof(text, date), around, (before, s, after) => {
        const row = before + s + after;
        const from = before.length;
        const to = from + s.length;
        expect(isE164(row, from, to)).toBe(isE164(s));
        expect(same(parseDatetime(row, from, to), parseDatetime(s))).toBe(true);
        expect(same(durationIn(row, from, to), parseDuration(s))).toBe(true);
        expect(Object.is(amountIn(row, from, to), parseAmount(s))).toBe(true);
        expect(same(hangupCauseIn(row, from, to), parseHangupCause(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('read date-times as the regular expression and Date do, one value after another', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const wide = fc
      .tuple(fc.constantFrom('2024', '2023', '1900', '2000', '0099'), two(14), two(33), fc.constantFrom(' ', 'T'), two(25), two(61), two(61), fc.constantFrom('', 'Z', '.5Z', '.123456789Z', '.1234567890Z'))
      .map(([y, mo, d, sep, h, mi, sec, tail]) => `${y}-${mo}-${d}${sep}${h}:${mi}:${sec}${tail}`);
    // Few dates near month ends, so that one date often follows a neighbouring one.
    const near = fc
      .tuple(fc.constantFrom('2024', '2023'), fc.constantFrom('01', '02', '12', '13'), fc.constantFrom('00', '01', '28', '29', '30', '31', '32'))
      .map(([y, mo, d]) => `${y}-${mo}-${d} 10:00:00`);
    const formed = fc.oneof(wide, near);
    const value = fc.oneof(formed, formed.chain((s) => fc.tuple(fc.nat(s.length - 1), fc.constantFrom('x', '9', '-', ':', '')).map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1))));
    // A sequence, so that a value read right after another date is checked as well.
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
        for (const s of values) expect(same(parseDatetime(s), referenceDatetime(s))).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})|T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z)$/;

function referenceDatetime(s: string): number {
  const m = DATETIME.exec(s);
  if (!m) return NaN;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const [h, mi, sec] = m[4] !== undefined ? [+m[4], +m[5], +m[6]] : [+m[7], +m[8], +m[9]];
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, sec, m[10] ? Math.round(+`0.${m[10]}` * 1000) : 0);
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
  return real && h <= 23 && mi <= 59 && sec <= 59 ? date.getTime() : NaN;
}
