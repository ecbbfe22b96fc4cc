// Value readers for the format rules. Every regular expression here is linear: anchored,
// no nested quantifiers, so no input can make it backtrack catastrophically.

const E164 = /^\+[1-9]\d{1,14}$/;
const LEGACY_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const DIGITS = /^\d{1,16}$/;
const DECIMAL = /^-?\d{1,15}(?:\.\d{1,10})?$/;

/** A value as text, or undefined when empty (empty CSV cell, JSON null or ""). */
export function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.length === 0 ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}

export function isE164(text: string): boolean {
  return E164.test(text);
}

/** Milliseconds since the epoch (UTC), or NaN when the text is not a real date and time. */
export function parseDatetime(text: string): number {
  const m = LEGACY_DATETIME.exec(text) ?? (text.length <= 40 ? ISO_DATETIME.exec(text) : null);
  if (!m) return NaN;
  const year = +m[1];
  const month = +m[2];
  const day = +m[3];
  const hour = +m[4];
  const minute = +m[5];
  const second = +m[6];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const ms = m[7] ? Math.round(+`0.${m[7]}` * 1000) : 0;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whole seconds >= 0, or NaN. Accepts JSON integers and digit strings. */
export function parseDuration(value: unknown): number {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : NaN;
  if (typeof value === 'string' && DIGITS.test(value)) return +value;
  return NaN;
}

/** An amount in cents >= 0, or NaN. Accepts decimal strings and finite JSON numbers. */
export function parseAmount(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : NaN;
  if (typeof value === 'string' && DECIMAL.test(value)) {
    const n = +value;
    return n >= 0 ? n : NaN;
  }
  return NaN;
}

/** A Q.850 cause value 0..127, or NaN. */
export function parseHangupCause(value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,3}$/.test(value) ? +value : NaN;
  return Number.isInteger(n) && n >= 0 && n <= 127 ? n : NaN;
}
