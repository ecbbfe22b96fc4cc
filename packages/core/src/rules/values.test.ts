// The hand-written value readers against the regular expressions they replaced (the reference
// definitions of each format), on strings made of the characters that matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isE164, parseAmount, parseDuration, parseHangupCause } from './values.js';

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
});
