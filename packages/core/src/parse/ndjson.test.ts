import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../text/position.js';
import { createNdjsonParser } from './ndjson.js';
import { checkChunkingInvariant, fixture, parserRunner, plain, problemAt } from '../../test/parse-support.js';

const parse = parserRunner(createNdjsonParser);

describe('createNdjsonParser', () => {
  it('reads one record per line, skipping blank lines, with keys, values and lines', () => {
    const text = fixture('records.ndjson');
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(records.map((r) => r.line)).toEqual([0, 2, 3]);
    const [a, b, c] = records.map((r) => plain(text, r));
    expect(a.keys).toEqual(['callid', 'status', 'sub_status', 'cli_name', 'duration']);
    expect(a.values).toEqual([1001, 'ANSWERED', 'COMPLETE', 'Zoé 😀', 42]);
    expect(a.keyTexts).toEqual(['"callid"', '"status"', '"sub_status"', '"cli_name"', '"duration"']);
    expect(a.valueTexts).toEqual(['1001', '"ANSWERED"', '"COMPLETE"', '"Zoé 😀"', '42']);
    // Surrounding spaces are not part of the record.
    expect(b.text).toBe('{"callid":1002, "status":"ABSENT", "sub_status":"NO_ANSWER"}');
    expect(b.startPos).toEqual({ offset: b.start, line: 2, column: 2 });
    expect(c.valueTexts[4]).toBe('{"a":[1,{"b":"}"}]}');
    expect(c.values[4]).toEqual({ a: [1, { b: '}' }] });
  });

  it('does not let surrogate pairs or accents shift ranges', () => {
    const text = '{"n":"😀😀é","status":"ANSWERED"}\n{"e":"🦤","k":1}';
    const { records } = parse(text);
    const r = records[1];
    expect(text.slice(r.valueRange(1).start, r.valueRange(1).end)).toBe('1');
    expect(r.position(r.valueRange(1).start)).toEqual(new LineIndex(text).positionAt(r.valueRange(1).start));
    expect(text.slice(records[0].valueRange(1).start, records[0].valueRange(1).end)).toBe('"ANSWERED"');
  });

  it('handles CRLF and lone CR line ends; records exclude the CR', () => {
    const text = '{"a":1}\r\n{"b":2}\r{"c":3}\r\n\r\n{"d":"x"}';
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.text())).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', '{"d":"x"}']);
    expect(records.map((r) => r.line)).toEqual([0, 1, 2, 4]);
    const index = new LineIndex(text);
    for (const r of records) {
      expect(r.position(r.start)).toEqual(index.positionAt(r.start));
      expect(r.position(r.valueRange(0).start)).toEqual(index.positionAt(r.valueRange(0).start));
    }
  });

  it('reports syntax errors at their exact place and keeps going', () => {
    const text = fixture('bad.ndjson');
    const { records, problems } = parse(text);
    expect(records.map((r) => r.values[0])).toEqual([1, 4, 6]);
    expect(records.map((r) => [r.index, r.line])).toEqual([[0, 0], [1, 4], [2, 7]]);
    expect(problems.every((p) => p.ruleId === 'parse-error')).toBe(true);
    expect(problems.map((p) => problemAt(text, p))).toEqual([
      { message: 'Expected a comma or closing brace', text: '"status"', start: { offset: 45, line: 1, column: 12 } },
      { message: 'Expected a record object', text: '[1,2,3]', start: { offset: 64, line: 2, column: 0 } },
      { message: 'Trailing comma is not allowed', text: ',', start: { offset: 100, line: 3, column: 28 } },
      { message: 'Unterminated string', text: '"ABS', start: { offset: 157, line: 5, column: 21 } },
      { message: 'Expected a record object', text: '"just a string"', start: { offset: 162, line: 6, column: 0 } },
    ]);
    const index = new LineIndex(text);
    for (const p of problems) expect(p.range.end).toEqual(index.positionAt(p.range.end.offset));
  });

  it('keeps error ranges within the line, at least one character long', () => {
    const text = '{"a":1\r\n{"b":tru}\n{"c":"\\x"}\n{"d":"a\tb"}\n{"e": 01}';
    const { problems } = parse(text);
    expect(problems.map((p) => problemAt(text, p))).toEqual([
      { message: 'Expected a comma or closing brace', text: '1', start: { offset: 5, line: 0, column: 5 } },
      { message: 'Unexpected "tru"', text: 'tru', start: { offset: 13, line: 1, column: 5 } },
      { message: 'Invalid escape sequence in string', text: '\\x', start: { offset: 24, line: 2, column: 6 } },
      { message: 'Control characters in strings must be escaped', text: '\t', start: { offset: 36, line: 3, column: 7 } },
      { message: 'Expected a comma or closing brace', text: '1', start: { offset: 48, line: 4, column: 7 } },
    ]);
  });

  it('reports an empty or whitespace-only file as nothing', () => {
    expect(parse('')).toEqual({ records: [], problems: [] });
    expect(parse(' \n\r\n\t\n')).toEqual({ records: [], problems: [] });
  });

  it('reports non-object lines on the whole line', () => {
    const text = 'null\n42\n  [] \n{}';
    const { records, problems } = parse(text);
    expect(records.map((r) => r.keys)).toEqual([[]]);
    expect(problems.map((p) => problemAt(text, p).text)).toEqual(['null', '42', '[]']);
    expect(problems.every((p) => p.message === 'Expected a record object')).toBe(true);
  });

  it('does not crash on very deep nesting', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const text = `${deep}\n{"a":${'['.repeat(100_000)}\n{"ok":1}`;
    const { records, problems } = parse(text);
    expect(records.map((r) => r.keys)).toEqual([['ok']]);
    expect(problems).toHaveLength(2);
    expect(problems[0].message).toBe('Expected a record object');
    expect(problems[1].range.start.line).toBe(1);
  });

  it('reads a line longer than the batching threshold fed in small chunks', () => {
    const big = 'é'.repeat(3_000_000);
    const text = `{"a":1}\r\n{"big":"${big}","n":[1,2]}\r\n{"c":3}`;
    const cuts = Array.from({ length: Math.floor(text.length / 4096) }, (_, i) => (i + 1) * 4096);
    const { records, problems } = parse(text, cuts);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.keys, r.line])).toEqual([[['a'], 0], [['big', 'n'], 1], [['c'], 2]]);
    expect(text.slice(records[1].valueRange(1).start, records[1].valueRange(1).end)).toBe('[1,2]');
  });

  it('ignores a BOM at the start of the text', () => {
    const { records, problems } = parse('\uFEFF{"a":1}\n');
    expect(problems).toEqual([]);
    expect(records[0].start).toBe(1);
  });

  it('never throws on arbitrary JSON-like input, and chunking changes nothing', () => checkChunkingInvariant(parse));

  it('splits between CR and LF without counting an extra line', () => {
    const text = '{"a":1}\r\n{"b":2}\r\n\r\n{"c" 3}';
    for (let cut = 0; cut <= text.length; cut++) {
      const { records, problems } = parse(text, [cut]);
      expect(records.map((r) => r.line)).toEqual([0, 1]);
      expect(problems.map((p) => p.range.start)).toEqual([{ offset: 25, line: 3, column: 5 }]);
    }
  });

  it('gives the same records and problems however the text is split', () => {
    const lines = [
      '{"callid":1,"status":"ANSWERED","name":"Zoé 😀"}',
      '  {"k":"a\\"b\\\\","n":[1,{"x":"}"}]}  ',
      '',
      '   ',
      '{"a":1,}',
      '{"a" 1}',
      '[1]',
      '"s"',
      '{"unterminated":"abc',
      '{"e":"\\u12"}',
    ];
    const breaks = ['\n', '\r\n', '\r'];
    const doc = fc
      .array(fc.tuple(fc.constantFrom(...lines), fc.constantFrom(...breaks)), { maxLength: 12 })
      .chain((parts) => {
        const text = parts.map(([l, b]) => l + b).join('');
        return fc.tuple(fc.constant(text), fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }));
      });
    fc.assert(
      fc.property(doc, ([text, cuts]) => {
        const whole = parse(text);
        const split = parse(text, cuts);
        expect(split.records.map((r) => plain(text, r))).toEqual(whole.records.map((r) => plain(text, r)));
        expect(split.problems).toEqual(whole.problems);
        const index = new LineIndex(text);
        for (const r of whole.records) {
          expect(r.text()).toBe(text.slice(r.start, r.end));
          expect(r.position(r.end)).toEqual(index.positionAt(r.end));
        }
        for (const p of whole.problems) {
          expect(p.range.start).toEqual(index.positionAt(p.range.start.offset));
          expect(p.range.end).toEqual(index.positionAt(p.range.end.offset));
          expect(p.range.end.offset).toBeGreaterThan(p.range.start.offset);
        }
      }),
      { numRuns: 300 },
    );
  });
});
