// Property-based tests of every parser on arbitrary and generated input: never throws, stays
// inside the document with agreeing line/column, round-trips, and chunked == one push.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FIELDS,
  LineIndex,
  RULES,
  createCsvParser,
  createDecoder,
  createJsonParser,
  createNdjsonParser,
  decodeBytes,
  encodeText,
  parseConfig,
  resolveConfig,
  type CsvHeader,
  type Diagnostic,
  type ParseProblem,
  type SourceRecord,
  type StreamParser,
  type ParseSink,
} from '../../src/index.js';
import { findMemberRanges, findOneMember } from '../../src/parse/json-ranges.js';
import { textHash } from '../../src/text/hash.js';
import { checkDiagnostics, checkProblems, chunksOf, count, fail, params, printRuns, structuredString, timed } from './support.js';

afterAll(() => printRuns('parsers.fuzz'));

interface Parsed {
  header?: CsvHeader;
  records: SourceRecord[];
  problems: ParseProblem[];
}

function run(make: (sink: ParseSink) => StreamParser, chunks: readonly string[]): Parsed {
  const out: Parsed = { records: [], problems: [] };
  const p = make({ header: (h) => (out.header = h), record: (r) => out.records.push(r), problem: (x) => out.problems.push(x) });
  for (const c of chunks) p.push(c);
  p.end();
  return out;
}

/** Everything a parser reported, as comparable data (ranges resolved). */
function snapshot(p: Parsed): unknown {
  return {
    header: p.header && { cells: p.header.cells, ranges: p.header.ranges, delimiter: p.header.delimiter },
    records: p.records.map((r) => ({
      index: r.index,
      start: r.start,
      end: r.end,
      line: r.line,
      keys: r.keys,
      values: JSON.stringify(r.values),
      ranges: r.values.map((_, i) => [r.valueRange(i), r.keyRange(i)]),
    })),
    problems: p.problems,
  };
}

const chunkSizes = fc.array(fc.integer({ min: 0, max: 16 }), { maxLength: 24 });
const LINE_BREAK_ONLY = /^(?:\r\n|\r|\n)*$/;

/** Reference unquoting of one raw CSV cell, written independently of the tokenizer. */
function unquote(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  let out = '';
  let i = 1;
  while (i < raw.length) {
    if (raw[i] === '"') {
      if (raw[i + 1] === '"') {
        out += '"';
        i += 2;
        continue;
      }
      return out + raw.slice(i + 1); // closing quote; text after it is kept (and reported)
    }
    out += raw[i++];
  }
  return out; // unclosed
}

function countBreaks(s: string): number {
  return s.length === 0 ? 0 : s.replace(/\r\n/g, '\n').length;
}

/** CSV round trip: rows re-joined with their delimiter, separated by line breaks, rebuild the text. */
function checkCsvRoundTrip(text: string, p: Parsed): void {
  const idx = new LineIndex(text);
  checkProblems(text, p.problems, idx);
  if (!p.header) {
    if (p.records.length > 0) fail('records without a header');
    if (!LINE_BREAK_ONLY.test(text)) fail('text with content but no header');
    return;
  }
  const delim = p.header.delimiter;
  const rows: { start: number; end: number; cells: { start: number; end: number }[]; values: readonly string[] }[] = [];
  const h = p.header;
  rows.push({ start: h.ranges[0].start, end: h.ranges[h.ranges.length - 1].end, cells: [...h.ranges], values: h.cells });
  for (const r of p.records) {
    const cells = r.values.map((_, i) => r.valueRange(i));
    rows.push({ start: r.start, end: r.end, cells, values: r.values as string[] });
    if (r.text() !== text.slice(r.start, r.end)) fail(`record ${r.index}: text() differs from its range`);
    if (r.hash && r.hash() !== textHash(r.text(), 0, r.end - r.start)) fail(`record ${r.index}: hash() is not the hash of its text`);
    const want = idx.positionAt(r.start);
    if (r.line !== want.line) fail(`record ${r.index}: line ${r.line}, the text says ${want.line}`);
    for (const c of cells) {
      for (const o of [c.start, c.end]) {
        const got = r.position(o);
        const exp = idx.positionAt(o);
        if (got.line !== exp.line || got.column !== exp.column) fail(`record ${r.index}: position(${o}) ${got.line}:${got.column} != ${exp.line}:${exp.column}`);
      }
    }
  }
  let at = 0;
  let breaks = 0;
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    const gap = text.slice(at, row.start);
    if (!LINE_BREAK_ONLY.test(gap)) fail(`row ${k}: text before it is not line breaks: ${JSON.stringify(gap)}`);
    if (k > 0 && gap.length === 0) fail(`row ${k}: no line break before it`);
    breaks += countBreaks(gap);
    const raws = row.cells.map((c) => text.slice(c.start, c.end));
    if (raws.join(delim) !== text.slice(row.start, row.end)) fail(`row ${k}: cells joined with ${JSON.stringify(delim)} do not rebuild it`);
    raws.forEach((raw, i) => {
      if (row.values[i] !== unquote(raw)) fail(`row ${k} cell ${i}: value ${JSON.stringify(row.values[i])} from ${JSON.stringify(raw)}`);
      if (!raw.startsWith('"') && /[\r\n]/.test(raw)) fail(`row ${k} cell ${i}: unquoted cell holds a line break`);
    });
    at = row.end;
  }
  const tail = text.slice(at);
  if (!LINE_BREAK_ONLY.test(tail)) fail(`text after the last row is not line breaks: ${JSON.stringify(tail)}`);
  breaks += countBreaks(tail);
  const blank = breaks - (rows.length - 1) - (tail.length > 0 ? 1 : 0);
  const reported = p.problems.filter((x) => x.ruleId === 'blank-row').length;
  if (reported !== blank) fail(`${reported} blank-row problems for ${blank} blank rows`);
  const badCount = p.records.filter((r) => r.values.length !== h.cells.length).length;
  if (p.problems.filter((x) => x.ruleId === 'csv-field-count').length !== badCount) fail('csv-field-count does not match the rows');
}

describe('CSV parser', () => {
  const delimiters = fc.constantFrom(undefined, ',', ';', '\t');

  it('arbitrary text: never throws, ranges agree with the text, round trip, chunked == one push', () => {
    fc.assert(
      fc.property(structuredString(120), chunkSizes, delimiters, (text, sizes, delimiter) => {
        count('csv arbitrary text');
        const make = (s: ParseSink) => createCsvParser(s, { delimiter });
        const whole = timed('csv parse', () => run(make, [text]));
        checkCsvRoundTrip(text, whole);
        const chunked = run(make, chunksOf(text, sizes));
        expect(snapshot(chunked)).toEqual(snapshot(whole));
      }),
      params(4000),
    );
  }, 60_000);

  const cell = fc.oneof(fc.string({ maxLength: 8, unit: 'binary' }), fc.constantFrom('', '"', '""', ',', ';', '\t', '\n', '\r', '\r\n', ' x ', 'a"b'));
  const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

  it('generated tables: any delimiter, quoting and line breaks read back the exact cells', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((w) => fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 8 })),
        fc.constantFrom(',', ';', '\t'),
        fc.array(lineBreak, { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        chunkSizes,
        (rows, delim, breaks, trailing, sizes) => {
          count('csv generated tables');
          const quote = (c: string) => (c === '' || /[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
          const header = rows[0].map((_, i) => `h${i}`);
          const all = [header, ...rows];
          let text = '';
          all.forEach((r, i) => {
            text += r.map(quote).join(delim);
            if (i < all.length - 1 || trailing) text += breaks[i % breaks.length];
          });
          const p = run((s) => createCsvParser(s, { delimiter: delim }), chunksOf(text, sizes));
          expect(p.header?.cells).toEqual(header);
          expect(p.records.map((r) => r.values)).toEqual(rows);
          expect(p.problems).toEqual([]);
          checkCsvRoundTrip(text, p);
        },
      ),
      params(2000),
    );
  }, 60_000);
});

/** JSON/NDJSON records: their text, values, key and value ranges and positions agree with the text. */
function checkJsonRecords(text: string, p: Parsed): void {
  const idx = new LineIndex(text);
  checkProblems(text, p.problems, idx);
  let last = -1;
  p.records.forEach((r, n) => {
    if (r.index !== n) fail(`record index ${r.index} at ${n}`);
    if (!(r.start >= 0 && r.start < r.end && r.end <= text.length)) fail(`record ${n}: [${r.start}, ${r.end}) outside the text`);
    if (r.start < last) fail(`record ${n} starts before the previous one ends`);
    last = r.end;
    const src = text.slice(r.start, r.end);
    if (r.text() !== src) fail(`record ${n}: text() differs from its range`);
    if (r.hash && r.hash() !== textHash(src, 0, src.length)) fail(`record ${n}: hash() is not the hash of its text`);
    if (r.line !== idx.positionAt(r.start).line) fail(`record ${n}: line ${r.line}, the text says ${idx.positionAt(r.start).line}`);
    const parsed = JSON.parse(src) as Record<string, unknown>;
    if (JSON.stringify(Object.fromEntries(r.keys.map((k, i) => [k, r.values[i]]))) !== JSON.stringify(parsed)) fail(`record ${n}: values differ from JSON.parse of its text`);
    r.keys.forEach((k, i) => {
      const kr = r.keyRange(i);
      const vr = r.valueRange(i);
      if (kr === undefined) fail(`record ${n}: no key range for ${JSON.stringify(k)}`);
      if (!(r.start <= kr.start && kr.end <= vr.start && vr.end <= r.end)) fail(`record ${n}: ranges of ${JSON.stringify(k)} out of order or outside`);
      if (JSON.parse(text.slice(kr.start, kr.end)) !== k) fail(`record ${n}: key range does not hold ${JSON.stringify(k)}`);
      if (JSON.stringify(JSON.parse(text.slice(vr.start, vr.end))) !== JSON.stringify(r.values[i])) fail(`record ${n}: value range of ${JSON.stringify(k)} does not hold its value`);
      for (const o of [kr.start, vr.start, vr.end]) {
        const got = r.position(o);
        const exp = idx.positionAt(o);
        if (got.line !== exp.line || got.column !== exp.column) fail(`record ${n}: position(${o}) ${got.line}:${got.column} != ${exp.line}:${exp.column}`);
      }
    });
  });
}

const jsonKey = fc.oneof(fc.string({ maxLength: 6, unit: 'binary' }), fc.constantFrom('status', 'sub_status', 'call_id', '__proto__', 'constructor', 'prototype', 'a"b', 'é\n'));
const jsonRecord = fc.dictionary(jsonKey, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }).map((o) => JSON.parse(JSON.stringify(o)) as Record<string, unknown>);
const space = fc.constantFrom('', ' ', '\t', '  ');
const lineBreak = fc.constantFrom('\n', '\r\n', '\r');

describe('NDJSON parser', () => {
  it('arbitrary text: never throws, records agree with the text, chunked == one push', () => {
    fc.assert(
      fc.property(structuredString(120), chunkSizes, (text, sizes) => {
        count('ndjson arbitrary text');
        const whole = timed('ndjson parse', () => run(createNdjsonParser, [text]));
        checkJsonRecords(text, whole);
        const nonBlank = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l) => l.replace(/^[ \t]+|[ \t]+$/g, '').length > 0).length;
        if (whole.records.length + whole.problems.length > nonBlank) fail('more records and problems than non-blank lines');
        expect(snapshot(run(createNdjsonParser, chunksOf(text, sizes)))).toEqual(snapshot(whole));
      }),
      params(3000),
    );
  }, 60_000);

  it('generated files: every record read back, on its line, with exact ranges', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(jsonRecord, space, space, lineBreak, fc.nat(2), fc.constantFrom(undefined, 1, '\t')), { maxLength: 8 }),
        chunkSizes,
        (lines, sizes) => {
          count('ndjson generated files');
          let text = '';
          for (const [rec, before, after, br, blanks, indent] of lines) {
            // NDJSON forbids line breaks inside a record: indentation only on a single line.
            const body = indent === undefined ? JSON.stringify(rec) : JSON.stringify(rec, null, indent).replace(/\n\s*/g, ' ');
            text += before + body + after + br + br.repeat(blanks);
          }
          const p = run(createNdjsonParser, chunksOf(text, sizes));
          expect(p.problems).toEqual([]);
          expect(p.records.map((r) => JSON.stringify(Object.fromEntries(r.keys.map((k, i) => [k, r.values[i]]))))).toEqual(lines.map(([r]) => JSON.stringify(r)));
          checkJsonRecords(text, p);
        },
      ),
      params(1500),
    );
  }, 60_000);
});

describe('JSON parser', () => {
  it('arbitrary text: never throws, records agree with the text, chunked == one push', () => {
    fc.assert(
      fc.property(fc.oneof(structuredString(120), structuredString(100).map((s) => `[${s}`), structuredString(100).map((s) => `{"data":[${s}`)), chunkSizes, (text, sizes) => {
        count('json arbitrary text');
        const whole = timed('json parse', () => run(createJsonParser, [text]));
        checkJsonRecords(text, whole);
        expect(snapshot(run(createJsonParser, chunksOf(text, sizes)))).toEqual(snapshot(whole));
      }),
      params(3000),
    );
  }, 60_000);

  it('generated documents (array, envelope, single record): every record read back with exact ranges', () => {
    fc.assert(
      fc.property(
        fc.array(jsonRecord, { maxLength: 6 }),
        fc.constantFrom('array', 'envelope', 'single'),
        fc.constantFrom(undefined, 0, 2, '\t', '\r\n '),
        fc.constantFrom('data', 'cdrs', 'records', 'calls', 'items'),
        chunkSizes,
        (records, shape, indent, envKey, sizes) => {
          count('json generated documents');
          const recs = shape === 'single' ? records.slice(0, 1) : records;
          if (shape === 'single' && recs.length === 0) return;
          const doc = shape === 'array' ? recs : shape === 'envelope' ? { status: 'OK', total: recs.length, [envKey]: recs, next: null } : recs[0];
          let text = JSON.stringify(doc, null, typeof indent === 'string' && indent.startsWith('\r') ? 1 : indent);
          if (indent === '\r\n ') text = text.replace(/\n/g, '\r\n');
          // A single record whose keys include an envelope key holding an array reads as an envelope: skip.
          if (shape === 'single' && Object.keys(recs[0]).some((k) => ['data', 'cdrs', 'records', 'calls', 'items'].includes(k))) return;
          const p = run(createJsonParser, chunksOf(text, sizes));
          expect(p.problems).toEqual([]);
          expect(p.records.map((r) => JSON.stringify(Object.fromEntries(r.keys.map((k, i) => [k, r.values[i]]))))).toEqual(recs.map((r) => JSON.stringify(r)));
          checkJsonRecords(text, p);
        },
      ),
      params(1500),
    );
  }, 60_000);
});

describe('JSON member ranges', () => {
  // Records as exports write them (any keys, values of every kind, nested ones, repeated keys,
  // odd spacing): wherever the quick one-member lookup answers, it agrees with the full scan.
  const spacing = fc.constantFrom('', ' ', '\t', '\r\n  ');
  const key = fc.oneof(fc.constantFrom('call_id', 'status', 'a', '"q"', 'b\\', 'é'), fc.string({ maxLength: 6 }));
  const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), key);
  const members = fc.array(fc.tuple(key, value, spacing), { maxLength: 8 });

  it('the quick lookup of one member agrees with the full scan', () => {
    let quick = 0;
    fc.assert(
      fc.property(members, spacing, (ms, sp) => {
        count('json member ranges');
        const text = `{${sp}${ms.map(([k, v, s]) => `${JSON.stringify(k)}${s}:${s}${JSON.stringify(v) ?? 'null'}`).join(`,${sp}`)}${sp}}`;
        const full = findMemberRanges(text, 100);
        for (const [k] of ms) {
          const one = findOneMember(text, 100, k);
          if (!one) continue;
          quick++;
          expect(one).toEqual(full.get(k));
        }
      }),
      params(3000),
    );
    expect(quick).toBeGreaterThan(1000);
  }, 60_000);
});

describe('parseConfig', () => {
  const ruleIds = RULES.map((r) => r.id);
  const fieldNames: readonly string[] = FIELDS.map((f) => f.name);
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

  function checkConfig(text: string): ReturnType<typeof parseConfig> {
    const out = timed('parseConfig', () => parseConfig(text));
    const idx = new LineIndex(text);
    for (const e of out.errors) {
      if (typeof e.message !== 'string' || e.message.length === 0) fail('config error without a message');
      if (!(e.offset >= 0 && e.offset <= text.length)) fail(`config error offset ${e.offset} outside [0, ${text.length}]`);
      const p = idx.positionAt(e.offset);
      if (p.line !== e.line || p.column !== e.column) fail(`config error at ${e.offset}: ${e.line}:${e.column}, the text says ${p.line}:${p.column}`);
    }
    const c = out.config;
    for (const [k, v] of Object.entries(c.rules ?? {})) if (!ruleIds.includes(k) || !['error', 'warning', 'info', 'off'].includes(v)) fail(`config kept rule ${k}: ${String(v)}`);
    for (const [k, v] of Object.entries(c.columns ?? {})) if (!fieldNames.includes(k) || typeof v !== 'string') fail(`config kept column ${k}`);
    for (const list of [c.files, c.ignore]) if (list !== undefined && !list.every((x) => typeof x === 'string')) fail('config kept a non-string glob');
    resolveConfig(c);
    return out;
  }

  it('arbitrary text: never throws, every error has a position that agrees with the text', () => {
    fc.assert(
      fc.property(fc.oneof(structuredString(100), structuredString(80).map((s) => `{"rules":{${s}`)), (text) => {
        count('config arbitrary text');
        checkConfig(text);
      }),
      params(3000),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  }, 60_000);

  const severity = fc.constantFrom('error', 'warning', 'info', 'off');
  const validConfig = fc.record(
    {
      rules: fc.dictionary(fc.constantFrom(...ruleIds), severity, { maxKeys: 5 }),
      columns: fc.dictionary(fc.constantFrom(...fieldNames), fc.string({ minLength: 1, maxLength: 8 }), { maxKeys: 4 }),
      files: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
      ignore: fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  );
  const junk = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom('__proto__', 'constructor', 'prototype', 'loud'));
  const badKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'no-such-rule', 'toString', 'hasOwnProperty');

  it('valid configurations read back exactly, with no errors', () => {
    fc.assert(
      fc.property(validConfig, fc.constantFrom(undefined, 2, '\t'), (cfg, indent) => {
        count('config valid');
        const { config, errors } = checkConfig(JSON.stringify(cfg, null, indent));
        expect(errors).toEqual([]);
        expect(config).toEqual(cfg);
      }),
      params(1500),
    );
  }, 60_000);

  it('wrong types, unknown rules and prototype keys: errors with positions, valid parts kept, no pollution', () => {
    fc.assert(
      fc.property(
        validConfig,
        fc.array(fc.tuple(fc.constantFrom('rules', 'columns', 'top', 'files'), badKey, junk), { minLength: 1, maxLength: 3 }),
        (cfg, bad) => {
          count('config invalid');
          // Build the text by hand so that __proto__ is a real key of the JSON text.
          const obj: Record<string, Record<string, unknown> | unknown> = { ...cfg };
          const extra: string[] = [];
          const inner: Record<string, string[]> = { rules: [], columns: [] };
          for (const [where, k, v] of bad) {
            if (where === 'top') extra.push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
            else if (where === 'files') obj.files = [...((obj.files as unknown[] | undefined) ?? []), v];
            else inner[where].push(`${JSON.stringify(k)}:${JSON.stringify(v)}`);
          }
          const section = (name: 'rules' | 'columns') => {
            const own = Object.entries((obj[name] as Record<string, unknown> | undefined) ?? {}).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`);
            return `${JSON.stringify(name)}:{${[...own, ...inner[name]].join(',')}}`;
          };
          const parts = [section('rules'), section('columns'), ...extra];
          if (obj.files !== undefined) parts.push(`"files":${JSON.stringify(obj.files)}`);
          if (obj.ignore !== undefined) parts.push(`"ignore":${JSON.stringify(obj.ignore)}`);
          const text = `{\n  ${parts.join(',\n  ')}\n}`;
          const { errors, config } = checkConfig(text);
          const cleanFiles = bad.every(([w]) => w !== 'files');
          if (bad.some(([w, , v]) => w !== 'files' || typeof v !== 'string')) expect(errors.length).toBeGreaterThan(0);
          // The valid rule severities survive the bad neighbours.
          for (const [k, v] of Object.entries(cfg.rules ?? {})) {
            if (!bad.some(([w, b]) => w === 'rules' && b === k)) expect(config.rules?.[k]).toBe(v);
          }
          if (cleanFiles && cfg.files) expect(config.files).toEqual(cfg.files);
          if (!cleanFiles) expect(config.files).toEqual((obj.files as unknown[]).filter((x) => typeof x === 'string'));
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
        },
      ),
      params(1500),
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
  }, 60_000);
});

describe('decoder', () => {
  const BOMS: Record<string, number[]> = { none: [], 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff] };
  // Random bytes, and bytes made of line breaks, NUL, multi-byte UTF-8 pieces and bad bytes (where
  // chunk boundaries and line counting meet).
  const biased = fc.array(fc.constantFrom(13, 10, 0, 0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x80, 0xc0, 0xff, 0xd8, 0xdc), { maxLength: 60 }).map((a) => Uint8Array.from(a));
  const bytesArb = fc.tuple(fc.constantFrom(...Object.keys(BOMS)), fc.oneof(fc.uint8Array({ maxLength: 160 }), biased)).map(([b, body]) => {
    const out = new Uint8Array(BOMS[b].length + body.length);
    out.set(BOMS[b]);
    out.set(body, BOMS[b].length);
    return out;
  });

  function reference(bytes: Uint8Array): { text: string; valid: boolean } {
    let enc = 'utf-8';
    let skip = 0;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) skip = 3;
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) [enc, skip] = ['utf-16le', 2];
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) [enc, skip] = ['utf-16be', 2];
    const body = bytes.subarray(skip);
    let valid = true;
    try {
      new TextDecoder(enc, { fatal: true, ignoreBOM: true }).decode(body);
    } catch {
      valid = false;
    }
    return { text: new TextDecoder(enc, { ignoreBOM: true }).decode(body), valid };
  }

  // The CLI's fast path, written independently here (every byte below 0x80, then Latin-1).
  const ascii = (b: Uint8Array) => (b.every((x) => x < 0x80) ? Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1') : undefined);

  it('arbitrary bytes: never throws, text as the platform decodes it, chunked == whole, problems placed in the text', () => {
    fc.assert(
      fc.property(bytesArb, fc.array(fc.oneof(fc.constantFrom(0, 1, 1, 2), fc.integer({ min: 0, max: 7 })), { maxLength: 60 }), (bytes, sizes) => {
        count('decoder arbitrary bytes');
        const whole = timed('decodeBytes', () => decodeBytes(bytes));
        const ref = reference(bytes);
        expect(whole.text).toBe(ref.text);
        // The decoder's problems come in the order it found them (invalid bytes, then NUL).
        checkDiagnostics(whole.text, whole.diagnostics, undefined, false);
        const hasNul = whole.text.includes('\0');
        expect(whole.diagnostics.filter((d) => d.message.startsWith('NUL')).length).toBe(hasNul ? 1 : 0);
        if (whole.bom !== 'utf-16le' && whole.bom !== 'utf-16be') {
          expect(whole.diagnostics.filter((d) => d.message.startsWith('Invalid UTF-8')).length).toBe(ref.valid ? 0 : 1);
        }
        // Also with the CLI's fast path for pure-ASCII chunks: it must change nothing.
        // Each chunk goes through one reused buffer, overwritten after each push, as the CLI
        // reads: the decoder must keep no view of the bytes it was given.
        const reused = Buffer.alloc(bytes.length);
        const pushReused = (d: ReturnType<typeof createDecoder>, chunk: Uint8Array) => {
          reused.set(chunk);
          const out = d.push(reused.subarray(0, chunk.length));
          reused.fill(0xc3);
          return out;
        };
        for (const d of [createDecoder(), createDecoder({ ascii })]) {
          let text = '';
          let at = 0;
          for (const n of sizes) {
            text += pushReused(d, bytes.subarray(at, at + n));
            at += n;
          }
          text += pushReused(d, bytes.subarray(at)) + d.end();
          expect(text).toBe(whole.text);
          expect(d.bom).toBe(whole.bom);
          // Same problems; their order follows what the decoder met first, which chunking may change.
          const byOffset = (ds: readonly Diagnostic[]) => [...ds].sort((a, b) => a.range.start.offset - b.range.start.offset);
          expect(byOffset(d.problems())).toEqual(byOffset(whole.diagnostics));
        }
      }),
      params(4000),
    );
  }, 60_000);

  it('pushing one byte at a time, or empty chunks, keeps every position (CRLF split from its LF)', () => {
    // A literal U+FFFD is text, not a decoding error, even when its bytes arrive in two chunks.
    const texts = ['a\r\nb\r\n\0', 'x\r\n\r\n\r\ny\0', 'é\r\nü\r\n😀\0', 'a\uFFFDb\r\n\uFFFD'];
    for (const text of texts) {
      for (const bom of ['utf-8', 'utf-16le', 'utf-16be', null] as const) {
        const bytes = Uint8Array.from([...encodeText(text, bom), 0xff]);
        const whole = decodeBytes(bytes);
        const d = createDecoder();
        let out = '';
        for (const b of bytes) out += d.push(Uint8Array.of(b)) + d.push(new Uint8Array(0));
        out += d.end();
        expect(out).toBe(whole.text);
        expect({ bom, text, problems: d.problems().map((p) => p.range) }).toEqual({ bom, text, problems: whole.diagnostics.map((p) => p.range) });
        checkDiagnostics(whole.text, whole.diagnostics, undefined, false);
      }
    }
  });

  it('bytes that decode without an encoding problem are written back byte for byte (--fix keeps the file)', () => {
    fc.assert(
      fc.property(bytesArb, (bytes) => {
        count('decoder byte round trip');
        const { text, bom, diagnostics } = decodeBytes(bytes);
        if (diagnostics.some((x) => x.message.startsWith('Invalid'))) return;
        expect(Buffer.from(encodeText(text, bom)).toString('hex')).toBe(Buffer.from(bytes).toString('hex'));
      }),
      params(2000),
    );
  }, 60_000);

  it('any text encoded in UTF-8 or UTF-16 with or without BOM decodes back to itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.constantFrom('utf-8', 'utf-16le', 'utf-16be', null), (s, bom) => {
        count('decoder text round trip');
        if (bom === null && s.startsWith('\uFEFF')) return; // indistinguishable from a BOM, by design
        const out = decodeBytes(encodeText(s, bom as 'utf-8' | 'utf-16le' | 'utf-16be' | null));
        expect(out.text).toBe(s);
        expect(out.bom).toBe(bom);
        expect(out.diagnostics.filter((x) => x.message.startsWith('Invalid'))).toEqual([]);
      }),
      params(1500),
    );
  }, 60_000);
});
