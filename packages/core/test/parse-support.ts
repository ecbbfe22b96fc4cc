// Shared by the JSON and NDJSON parser tests (outside src: it reads files, core does no I/O).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { expect } from 'vitest';
import { LineIndex } from '../src/text/position.js';
import type { ParseProblem, ParseSink, SourceRecord, StreamParser } from '../src/parse/types.js';

export const fixture = (name: string): string =>
  readFileSync(new URL(`./fixtures/parse/${name}`, import.meta.url), 'utf8');

/** A parse function that feeds `text` in pieces cut at `cuts` (offsets) and collects what the sink gets. */
export function parserRunner(create: (sink: ParseSink) => StreamParser) {
  return (text: string, cuts: number[] = []) => {
    const records: SourceRecord[] = [];
    const problems: ParseProblem[] = [];
    const parser = create({ record: (r) => records.push(r), problem: (p) => problems.push(p) });
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      parser.push(text.slice(from, cut));
      from = cut;
    }
    parser.push(text.slice(from));
    parser.end();
    return { records, problems };
  };
}

/** A record as plain data, with its ranges resolved to the document text they cover. */
export function plain(text: string, r: SourceRecord) {
  return {
    index: r.index,
    start: r.start,
    end: r.end,
    line: r.line,
    keys: r.keys,
    values: r.values,
    text: r.text(),
    keyTexts: r.keys.map((_, i) => {
      const k = r.keyRange(i);
      return k && text.slice(k.start, k.end);
    }),
    valueTexts: r.keys.map((_, i) => {
      const v = r.valueRange(i);
      return text.slice(v.start, v.end);
    }),
    startPos: r.position(r.start),
    endPos: r.position(r.end),
  };
}

export function problemAt(text: string, p: ParseProblem) {
  return { message: p.message, text: text.slice(p.range.start.offset, p.range.end.offset), start: p.range.start };
}

/**
 * Property shared by the JSON and NDJSON parsers: on arbitrary JSON-like text nothing throws,
 * random chunking changes no record and no problem, and problem positions agree with offsets.
 */
export function checkChunkingInvariant(parse: ReturnType<typeof parserRunner>): void {
  const unit = fc.constantFrom(...'{}[]",:  \n\r\\a1tu-é😀'.split(''), '"data":', '{"a":1}', '\r\n');
  fc.assert(
    fc.property(
      fc.string({ unit, maxLength: 60 }).chain((text) =>
        fc.tuple(fc.constant(text), fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 8 })),
      ),
      ([text, cuts]) => {
        const whole = parse(text);
        const split = parse(text, cuts);
        expect(split.records.map((r) => plain(text, r))).toEqual(whole.records.map((r) => plain(text, r)));
        expect(split.problems).toEqual(whole.problems);
        const index = new LineIndex(text);
        for (const p of whole.problems) {
          expect(p.range.start).toEqual(index.positionAt(p.range.start.offset));
          expect(p.range.end).toEqual(index.positionAt(p.range.end.offset));
        }
      },
    ),
    { numRuns: 1000 },
  );
}
