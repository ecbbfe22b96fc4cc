import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CsvHeader, ParseProblem, SourceRecord } from './types.js';
import { createCsvParser, sniffDelimiter } from './csv.js';
import { LineIndex } from '../text/position.js';

function parse(text: string, chunks: number[] = [], delimiter?: string, characterLoop = false) {
  const records: SourceRecord[] = [];
  const problems: ParseProblem[] = [];
  let header: CsvHeader | undefined;
  const p = createCsvParser({ header: (h) => (header = h), record: (r) => records.push(r), problem: (x) => problems.push(x) }, { delimiter, characterLoop });
  let at = 0;
  for (const n of chunks) {
    p.push(text.slice(at, at + n));
    at += n;
  }
  p.push(text.slice(at));
  p.end();
  return { records, problems, header };
}

describe('csv parser', () => {
  it('reads header and cells with exact ranges', () => {
    const text = 'a,b,c\n1,"x,y",3\n';
    const { header, records } = parse(text);
    expect(header?.cells).toEqual(['a', 'b', 'c']);
    expect(records[0].values).toEqual(['1', 'x,y', '3']);
    const r = records[0].valueRange(1);
    expect(text.slice(r.start, r.end)).toBe('"x,y"');
  });

  it('keeps line numbers after multi-line quoted fields and CRLF', () => {
    const text = 'a,b\r\n"line1\r\nline2",2\r\n3,"q""uote"\r\n';
    const { records } = parse(text);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
    expect(records[0].values[0]).toBe('line1\r\nline2');
    expect(records[1].values[1]).toBe('q"uote');
    const idx = new LineIndex(text);
    const r = records[1].valueRange(1);
    expect(records[1].position(r.start)).toEqual(idx.positionAt(r.start));
  });

  it('treats a lone CR as a line break', () => {
    const { records } = parse('a,b\r1,2\r3,4');
    expect(records.map((r) => [r.line, ...r.values])).toEqual([[1, '1', '2'], [2, '3', '4']]);
  });

  it('sniffs ; and tab delimiters', () => {
    expect(sniffDelimiter('a;b;c\n1,2;3')).toBe(';');
    expect(sniffDelimiter('a\tb\tc')).toBe('\t');
    expect(sniffDelimiter('"a;b",c')).toBe(',');
    expect(parse('a;b\n1;2\n').records[0].values).toEqual(['1', '2']);
  });

  it('reports field counts, blank rows and unclosed quotes', () => {
    const { problems } = parse('a,b\n1,2,3\n\n4\n"open,5\n');
    expect(problems.map((p) => p.ruleId)).toEqual(['csv-field-count', 'blank-row', 'csv-field-count', 'parse-error', 'csv-field-count']);
  });

  const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', '"', ',', '\n', '\r\n', 'é', '😀'));
  const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

  function serialize(rows: string[][]): string {
    return rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
  }

  it('round-trips any quoted table, whatever the chunking', () => {
    fc.assert(
      fc.property(table, fc.array(fc.nat(8), { maxLength: 10 }), (rows, chunks) => {
        const text = serialize([['h'], ...rows]);
        const { records, problems } = parse(text, chunks);
        expect(records.map((r) => r.values)).toEqual(rows);
        expect(problems.filter((p) => p.ruleId !== 'csv-field-count')).toEqual([]);
        // Cells re-joined from their ranges reproduce each record exactly.
        for (const r of records) {
          const cells = r.values.map((_, i) => text.slice(r.valueRange(i).start, r.valueRange(i).end));
          expect(cells.join(',')).toBe(text.slice(r.start, r.end));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('sniffs the same delimiter however the text is chunked, when the first line has a quoted line break', () => {
    // Found by the fuzz tests: a chunk ending inside the quotes looked like a complete first line.
    const text = '"a\nb"\tc\n1\t2\n';
    const whole = parse(text);
    expect(whole.header?.delimiter).toBe('\t');
    for (const cut of [1, 2, 3, 4]) expect(parse(text, [cut]).header?.delimiter).toBe('\t');
  });

  it('never throws and keeps ranges inside the text on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', ' ', '\t', 'é') }), fc.array(fc.nat(5)), (text, chunks) => {
        const { records, problems } = parse(text, chunks);
        for (const r of records) {
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThanOrEqual(text.length);
          for (let i = 0; i < r.values.length; i++) {
            const v = r.valueRange(i);
            expect(v.start).toBeGreaterThanOrEqual(r.start);
            expect(v.end).toBeLessThanOrEqual(r.end);
            expect(v.start).toBeLessThanOrEqual(v.end);
          }
        }
        for (const p of problems) expect(p.range.end.offset).toBeLessThanOrEqual(text.length + 1);
      }),
      { numRuns: 1000 },
    );
  });

  const view = (r: ReturnType<typeof parse>) => ({
    header: r.header && { cells: r.header.cells, ranges: r.header.ranges },
    records: r.records.map((x) => ({ index: x.index, start: x.start, end: x.end, line: x.line, values: x.values, ranges: x.values.map((_, i) => x.valueRange(i)), text: x.text() })),
    problems: r.problems,
  });
  // Every offset a rule can ask about: the record's ends and each value's (fast-path rows
  // answer these without a cursor).
  const positions = (text: string, r: ReturnType<typeof parse>) => {
    const index = new LineIndex(text);
    for (const x of r.records) {
      const offsets = [x.start, x.end, ...x.values.flatMap((_, i) => [x.valueRange(i).start, x.valueRange(i).end])];
      for (const o of offsets) expect(x.position(o)).toEqual(index.positionAt(o));
    }
  };

  it('reads lines on the fast path exactly as the character loop does', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120, unit: fc.constantFrom('a', 'b', ',', ';', '"', '\n', '\r', '\r\n', '\t', 'é') }), fc.array(fc.nat(9)), (text, chunks) => {
        const fast = parse(text, chunks);
        expect(view(fast)).toEqual(view(parse(text, [], undefined, true)));
        positions(text, fast);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads rows of quoted cells on the fast path exactly as the character loop does', () => {
    // Simple quoted cells (read in place) beside every kind the character loop must read: an
    // escaped quote, a line break inside, text after the closing quote, a quote in an unquoted cell.
    const cell = fc.constantFrom('ab', '', '"a,b"', '""', '"x;y"', '"a""b"', '"a\nb"', '"a"b', 'a"b', '"é"', '"unclosed');
    const row = fc.tuple(fc.array(cell, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ';'), fc.constantFrom('\n', '\r\n'));
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(12)), (rows, chunks) => {
        const text = rows.map(([cells, sep, end]) => cells.join(sep) + end).join('');
        const fast = parse(text, chunks);
        expect(view(fast)).toEqual(view(parse(text, [], undefined, true)));
        positions(text, fast);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a chunk over 64 Ki characters (fed in pieces) as it reads small chunks', () => {
    // Piece boundaries (every 65,536 characters) fall inside quoted fields and between CR and LF.
    const row = (i: number) => (i % 7 === 0 ? `${i},"multi\r\nline ""${i}""",x\r\n` : `${i},plain,y\r\n`);
    let text = 'id,note,z\r\n';
    for (let i = 0; text.length < 200_000; i++) text += row(i);
    const small = parse(text, Array.from({ length: Math.ceil(text.length / 1000) }, () => 1000));
    for (const shift of [0, 1, 2, 5, 9]) {
      const shifted = 'a'.repeat(shift) + text; // moves the piece boundaries through every kind of character
      const whole = parse(shifted);
      const view = (r: SourceRecord, d: number) => [r.line, r.start - d, r.end - d, r.values];
      expect(whole.records.map((r) => view(r, shift))).toEqual(small.records.map((r) => view(r, 0)));
      expect(whole.problems).toEqual([]);
    }
  });

  it('offers no fix for a blank row between a lone CR and a LF, whatever the chunking', () => {
    // Found by the fuzz tests: removing the CRLF row of CR, CRLF, LF joined the CR and the LF into one line break.
    const text = 'a,b\r\r\n\n1,2\n';
    for (const chunks of [[], [4], [5], [6], [1, 1, 1, 1, 1, 1, 1]]) {
      const blanks = parse(text, chunks).problems.filter((p) => p.ruleId === 'blank-row');
      expect(blanks.map((p) => [p.range.start.offset, p.fix !== undefined])).toEqual([[4, false], [6, true]]);
    }
  });

  it('reads every row as a record without a header, on either path', () => {
    const text = '1,2\n"3",4,5\n6\n';
    for (const characterLoop of [false, true]) {
      const records: SourceRecord[] = [];
      const problems: ParseProblem[] = [];
      let header: CsvHeader | undefined;
      const p = createCsvParser({ header: (h) => (header = h), record: (r) => records.push(r), problem: (x) => problems.push(x) }, { header: false, characterLoop });
      p.push(text);
      p.end();
      expect(header).toBeUndefined();
      expect(problems).toEqual([]);
      expect(records.map((r) => [r.index, r.line, r.keys, r.values])).toEqual([
        [0, 0, [], ['1', '2']],
        [1, 1, [], ['3', '4', '5']],
        [2, 2, [], ['6']],
      ]);
    }
  });
});
