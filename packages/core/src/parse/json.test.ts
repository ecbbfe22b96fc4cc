import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from '../text/position.js';
import { createJsonParser } from './json.js';
import type { ParseProblem, SourceRecord } from './types.js';
import { checkChunkingInvariant, fixture, parserRunner, plain, problemAt } from '../../test/parse-support.js';

const parse = parserRunner(createJsonParser);

const messages = (problems: ParseProblem[]) => problems.map((p) => p.message);

describe('createJsonParser: valid documents', () => {
  it('reads each element of a top-level array as a record', () => {
    const text = fixture('array.json');
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    const rs = records.map((r) => plain(text, r));
    expect(rs.map((r) => [r.index, r.line])).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(rs[0].values).toEqual([1, 'ANSWERED', 'brace } and bracket ] and quote " inside']);
    expect(rs[0].valueTexts[2]).toBe('"brace } and bracket ] and quote \\" inside"');
    expect(rs[1].values[2]).toBe('back\\slash\\');
    expect(rs[1].keyTexts).toEqual(['"callid"', '"status"', '"note"', '"tags"']);
    expect(rs[1].valueTexts[3]).toBe('["a", {"b": [1, 2]}]');
    expect(rs[2].valueTexts[2]).toBe('"Ñandú 🦤"');
    expect(rs[2].startPos).toEqual({ offset: rs[2].start, line: 3, column: 2 });
    for (const r of rs) expect(r.text).toBe(text.slice(r.start, r.end));
  });

  it('takes only the records of an envelope, not its own fields', () => {
    const text = fixture('envelope.json');
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.values[0])).toEqual([242359184129, 242359184130]);
    expect(records.map((r) => [r.index, r.line])).toEqual([[0, 4], [1, 10]]);
    const first = records[0];
    const index = new LineIndex(text);
    const name = first.valueRange(2);
    expect(text.slice(name.start, name.end)).toBe('"Émilie 😀"');
    expect(first.position(name.start)).toEqual(index.positionAt(name.start));
    expect(first.position(name.start)).toMatchObject({ line: 7, column: 20 });
    const total = first.keyRange(3);
    expect(total && text.slice(total.start, total.end)).toBe('"durationTotal"');
    expect(first.position(first.end)).toEqual(index.positionAt(first.end));
  });

  it('takes the single record of an envelope object', () => {
    const text = fixture('webhook.json');
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0].keys).toEqual(['callid', 'dialstatus', 'status', 'sub_status']);
    expect(records[0].line).toBe(4);
    expect(records[0].text()).toBe('{"callid": 42, "dialstatus": "ANSWER", "status": "ANSWERED", "sub_status": "INCOMPLETE"}');
  });

  it.each(['data', 'cdrs', 'records', 'calls', 'items'])('recognises the envelope key %s', (key) => {
    const text = `{"status":"OK","${key}":[{"a":1},{"a":2}],"page":{"next":null}}`;
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.values)).toEqual([[1], [2]]);
  });

  it('reads an object without an envelope key as one record', () => {
    const text = ' {"status":"OK","callid":7,"data":null,"item":[1]}\n';
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0].keys).toEqual(['status', 'callid', 'data', 'item']);
    expect(records[0].start).toBe(1);
    const v = records[0].valueRange(3);
    expect(text.slice(v.start, v.end)).toBe('[1]');
  });

  it('handles empty envelopes, a second envelope key, and keys written with escapes', () => {
    expect(parse('{"data": []}')).toEqual({ records: [], problems: [] });
    const two = parse('{"data":[{"a":1}],"items":[{"b":2}]}');
    expect(two.problems).toEqual([]);
    expect(two.records.map((r) => r.keys)).toEqual([['a']]);
    expect(parse('{"d\\u0061ta":[{"a":1}]}').records.map((r) => r.keys)).toEqual([['a']]);
  });

  it('keeps Object.keys order and the last of duplicate keys', () => {
    const text = '[{"b":1,"2":"x","a":2,"b":3}]';
    const [r] = parse(text).records;
    expect(r.keys).toEqual(['2', 'b', 'a']);
    expect(r.values).toEqual(['x', 3, 2]);
    const v = r.valueRange(1);
    expect(text.slice(v.start, v.end)).toBe('3');
    expect(r.valueRange(99)).toEqual({ start: r.start, end: r.end });
    expect(r.keyRange(99)).toBeUndefined();
  });

  it('counts CRLF and lone CR as line ends', () => {
    const text = '[\r\n{"a":1},\r{"b":\r\n"x"},\n\r\n{"c":3}\r]';
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
    const index = new LineIndex(text);
    const b = records[1];
    expect(b.position(b.valueRange(0).start)).toEqual(index.positionAt(b.valueRange(0).start));
    expect(b.position(b.valueRange(0).start)).toMatchObject({ line: 3, column: 0 });
    expect(b.position(b.end)).toEqual(index.positionAt(b.end));
  });

  it('reports nothing for an empty or whitespace-only file', () => {
    expect(parse('')).toEqual({ records: [], problems: [] });
    expect(parse(' \r\n\t\n')).toEqual({ records: [], problems: [] });
    expect(parse('[]')).toEqual({ records: [], problems: [] });
  });

  it('hands records over as soon as they are complete, and keeps only the tail', () => {
    const records: SourceRecord[] = [];
    const parser = createJsonParser({ record: (r) => records.push(r), problem: () => undefined });
    parser.push('[{"a":1},{"a":');
    expect(records).toHaveLength(1);
    parser.push('2},');
    expect(records).toHaveLength(2);
    const element = `{"callid":1,"status":"ANSWERED","name":"${'x'.repeat(200)}"},\n`;
    for (let i = 0; i < 2000; i++) parser.push(element);
    expect(records.length).toBeGreaterThan(1990);
    // White-box check of the bounded-memory promise: only the unfinished element is kept.
    const kept = (parser as unknown as { buf: string }).buf.length;
    expect(kept).toBeLessThan(2 * element.length);
  });

  it('reads a record larger than the batching threshold fed in small chunks', () => {
    const big = 'é'.repeat(3_000_000);
    const text = `[{"a":1},{"big":"${big}","n":[1,2]},{"c":3}]`;
    const cuts = Array.from({ length: Math.floor(text.length / 4096) }, (_, i) => (i + 1) * 4096);
    const { records, problems } = parse(text, cuts);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.keys)).toEqual([['a'], ['big', 'n'], ['c']]);
    expect((records[1].values[0] as string).length).toBe(big.length);
    expect(text.slice(records[1].valueRange(1).start, records[1].valueRange(1).end)).toBe('[1,2]');
  });
});

describe('createJsonParser: errors', () => {
  it('reports a bad element at its exact place and goes on with the next', () => {
    const text = '[{"a":1},\n {"b" 2},\n {"c":"\\q"},\n {"d":4}]';
    const { records, problems } = parse(text);
    expect(records.map((r) => r.keys)).toEqual([['a'], ['d']]);
    expect(records.map((r) => r.index)).toEqual([0, 1]);
    expect(problems.map((p) => problemAt(text, p))).toEqual([
      { message: 'Expected a colon after the property name', text: '2', start: { offset: 16, line: 1, column: 6 } },
      { message: 'Invalid escape sequence in string', text: '\\q', start: { offset: 27, line: 2, column: 7 } },
    ]);
  });

  it('recovers from a wrong closing bracket inside an element', () => {
    const text = '[{"a":[1,2},{"c":3}]';
    const { records, problems } = parse(text);
    expect(records.map((r) => r.keys)).toEqual([['c']]);
    expect(problems.map((p) => problemAt(text, p))).toEqual([
      { message: 'Expected a comma or closing bracket', text: '}', start: { offset: 10, line: 0, column: 10 } },
    ]);
  });

  it('reports missing and extra commas between elements once each', () => {
    const text = '[,{"a":1} {"b":2};{"c":3},]';
    const { records, problems } = parse(text);
    expect(records.map((r) => r.keys)).toEqual([['a'], ['b'], ['c']]);
    expect(problems.map((p) => problemAt(text, p))).toEqual([
      { message: 'Expected a value', text: ',', start: { offset: 1, line: 0, column: 1 } },
      { message: 'Expected a comma or closing bracket', text: '{', start: { offset: 10, line: 0, column: 10 } },
      { message: 'Expected a comma or closing bracket', text: ';', start: { offset: 17, line: 0, column: 17 } },
      { message: 'Trailing comma is not allowed', text: ',', start: { offset: 25, line: 0, column: 25 } },
    ]);
  });

  it('reports elements that are not objects', () => {
    const text = '[1, "x", null, [1, {"a":2}], {"a":1}, tru]';
    const { records, problems } = parse(text);
    expect(records.map((r) => r.keys)).toEqual([['a']]);
    expect(problems.map((p) => [p.message, text.slice(p.range.start.offset, p.range.end.offset)])).toEqual([
      ['Expected a record object', '1'],
      ['Expected a record object', '"x"'],
      ['Expected a record object', 'null'],
      ['Expected a record object', '[1, {"a":2}]'],
      ['Unexpected "tru"', 'tru'],
    ]);
  });

  it('reports one error at the end of a truncated file', () => {
    const cases: [string, string, number][] = [
      ['[{"a":1},{"b":', "Unexpected end of file: expected '}' to close the object", 1],
      ['[{"a":1}', "Unexpected end of file: expected ']' to close the array", 1],
      ['[{"a":1},', "Unexpected end of file: expected ']' to close the array", 1],
      ['[{"a":"abc', 'Unexpected end of file: unterminated string', 0],
      ['{"status":"OK","data":[{"a":1}', "Unexpected end of file: expected ']' to close the array", 1],
      ['{"status":"OK"', "Unexpected end of file: expected '}' to close the object", 0],
      ['{"status":"O', 'Unexpected end of file: unterminated string', 0],
      ['{"status":"OK","data":{"a":[1', "Unexpected end of file: expected ']' to close the array", 0],
      ['[' + '['.repeat(100_000), "Unexpected end of file: expected ']' to close the array", 0],
    ];
    for (const [text, message, count] of cases) {
      const { records, problems } = parse(text);
      expect(records, text).toHaveLength(count);
      expect(problems, text).toHaveLength(1);
      expect(problems[0].message).toBe(message);
      expect(problems[0].range.start).toEqual(new LineIndex(text).positionAt(text.length));
    }
  });

  it('stops with one error at a string left open at the end of its line', () => {
    const text = '[\n  {"a":"abc},\n  {"b":1}\n]';
    const { records, problems } = parse(text);
    expect(records).toEqual([]);
    expect(problems.map((p) => problemAt(text, p))).toEqual([
      { message: 'Unterminated string', text: '"abc},', start: { offset: 9, line: 1, column: 7 } },
    ]);
  });

  it('reports content after the top-level value, and top-level values that are not records', () => {
    expect(messages(parse('[{"a":1}] x').problems)).toEqual(['Unexpected content after the end of the JSON value']);
    const two = parse('{"a":1}\n{"b":2}');
    expect(two.records.map((r) => r.keys)).toEqual([['a']]);
    expect(two.problems[0].range.start).toMatchObject({ line: 1, column: 0 });
    expect(messages(parse('42').problems)).toEqual(['Expected a record object or an array of records']);
    expect(messages(parse(' "x" ').problems)).toEqual(['Expected a record object or an array of records']);
    expect(messages(parse('nul').problems)).toEqual(['Unexpected "nul"']);
  });

  it('reports envelope-level syntax errors once and stops', () => {
    const cases: [string, string, string][] = [
      ['{"status" "OK", "data": []}', 'Expected a colon after the property name', '"'],
      ['{status: "OK"}', 'Expected a property name in double quotes', 's'],
      ['{"status": "OK",}', 'Trailing comma is not allowed', ','],
      ['{"status": OK, "data": [{"a":1}]}', 'Unexpected "OK"', 'OK'],
      ['{"data": [{"a":1}] "x": 1}', 'Expected a comma or closing brace', '"'],
      ['{"a": }', 'Expected a value', '}'],
    ];
    for (const [text, message, at] of cases) {
      const { problems } = parse(text);
      expect(problems.map((p) => problemAt(text, p)), text).toEqual([
        { message, text: at, start: expect.objectContaining({ line: 0 }) },
      ]);
    }
  });

  it('does not overflow the stack on deep nesting', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(messages(parse(`[${deep}]`).problems)).toEqual(['Expected a record object']);
    const text = `[{"a":${deep},"b":1}]`;
    const { records, problems } = parse(text);
    expect(problems).toEqual([]);
    const v = records[0].valueRange(1);
    expect(text.slice(v.start, v.end)).toBe('1');
    // A syntax error deep inside: jsonc-parser overflows, the scanner still places it.
    const bad = `[{"a":${'['.repeat(100_000)}${']'.repeat(99_999)}},{"b":2}]`;
    const r = parse(bad);
    expect(r.records.map((x) => x.keys)).toEqual([['b']]);
    expect(r.problems.map((p) => [p.message, p.range.start.offset])).toEqual([
      ['Expected a comma or closing bracket', 6 + 200_000 - 1],
    ]);
  });
});

describe('createJsonParser: chunking', () => {
  const elements = [
    '{"callid":1,"status":"ANSWERED","name":"Zoé 😀"}',
    '{"k":"a\\"b\\\\","n":[1,{"x":"}"}]}',
    '{\r\n  "multi": "line",\r  "v": [\n1]\n}',
    '{"a" 1}',
    '{"a":[1}',
    '[1]',
    '"s"',
    'tru',
    '{"e":"\\u12"}',
  ];
  const space = fc.constantFrom('', ' ', '\n', '\r\n', '\r', '\t ');
  const list = fc
    .array(fc.tuple(fc.constantFrom(...elements), space, fc.constantFrom(',', ',', ',', ' ', ',,')), { maxLength: 8 })
    .map((items) => items.map(([e, s, sep], i) => (i === items.length - 1 ? e + s : e + s + sep + s)).join(''));
  const doc = fc.oneof(
    list.map((l) => `[${l}]`),
    fc.tuple(list, space).map(([l, s]) => `{"status":"OK",${s}"data":${s}[${l}],"n":1}`),
    fc.constantFrom(...elements),
    fc.constantFrom(...elements).map((e) => `{"event":1,"data":${e}}`),
  );
  const input = fc
    .tuple(doc, fc.boolean(), fc.nat())
    // Sometimes truncate, to exercise end-of-file handling.
    .map(([text, cut, at]) => (cut ? text.slice(0, at % (text.length + 1)) : text))
    .chain((text) =>
      fc.tuple(fc.constant(text), fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 16 })),
    );

  it('gives the same records and problems however the text is split', () => {
    fc.assert(
      fc.property(input, ([text, cuts]) => {
        const whole = parse(text);
        const split = parse(text, cuts);
        expect(split.records.map((r) => plain(text, r))).toEqual(whole.records.map((r) => plain(text, r)));
        expect(split.problems).toEqual(whole.problems);
        const index = new LineIndex(text);
        for (const r of whole.records) {
          expect(r.text()).toBe(text.slice(r.start, r.end));
          expect(r.position(r.end)).toEqual(index.positionAt(r.end));
          for (let i = 0; i < r.keys.length; i++) {
            const v = r.valueRange(i);
            expect(JSON.parse(text.slice(v.start, v.end))).toEqual(r.values[i]);
          }
        }
        for (const p of whole.problems) {
          expect(p.range.start).toEqual(index.positionAt(p.range.start.offset));
          expect(p.range.end).toEqual(index.positionAt(p.range.end.offset));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary JSON-like input, and chunking changes nothing', () => checkChunkingInvariant(parse));

  /** Parses `text` whole and fed one character at a time (always scanned); both must agree. */
  function sameByCharacter(text: string): ReturnType<typeof parse> {
    const whole = parse(text);
    const chars = parse(text, Array.from({ length: text.length }, (_, i) => i));
    expect(whole.records.map((r) => plain(text, r))).toEqual(chars.records.map((r) => plain(text, r)));
    expect(whole.problems).toEqual(chars.problems);
    return whole;
  }

  it('reads an element that ends its line the same as one scanned a character at a time', () => {
    // Whole, each line is in the buffer when its element starts (read by one JSON.parse of the
    // line); fed one character at a time, never (scanned). Several elements per line first, so
    // that the line reading gives up for the rest of the file; then one per line, with bad ones.
    const many = Array.from({ length: 40 }, (_, i) => `{"callid":${i}},{"callid":${i}.5},\n`).join('');
    const one = ['{"callid":100, "status":"ANSWERED"} ,', '{"a" 1},', '{"callid":101}\t,\r', '{"b":[1}],', '{"callid":102}'];
    for (const text of [`[\n${one.join('\n')}\n]`, `[\n${many}${one.join('\n')}\n]`, `[\n${one.join('\r\n')}]`]) {
      const whole = sameByCharacter(text);
      expect(whole.problems.length).toBeGreaterThan(1);
    }
  });

  it('reads a pretty-printed element the same as one scanned a character at a time', () => {
    // Whole, each element's closing line is in the buffer when it starts (read by one JSON.parse
    // up to it); fed one character at a time, never (scanned). Indented by spaces, by tabs and
    // with CR LF; a nested object closing at the element's own indentation (the first closing
    // line is not the element's: that try fails); a bad element; then a layout with no closing
    // lines at all, so that the tries give up.
    const rec = (i: number) => ({ callid: i, status: 'ANSWERED', nested: { a: [1, { b: 2 }] } });
    const pretty = (indent: string | number, n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => rec(i)), null, indent);
    const odd = '[\n  {\n  "callid": 1, "nested": {\n  "a": 1\n  }\n  },\n  {\n    "a" 1\n  },\n  {\n    "callid": 2\n  }\n]';
    const flat = `[\n${Array.from({ length: 40 }, (_, i) => `  {\n"callid": ${i}}`).join(',\n')},\n  {\n    "callid": 99\n  }\n]`;
    for (const text of [pretty(2, 5), pretty('\t', 5), pretty(4, 5).replace(/\n/g, '\r\n'), odd, flat]) {
      const whole = sameByCharacter(text);
      expect(whole.records.length).toBeGreaterThan(1);
    }
  });

  it('reads a minified element the same as one scanned a character at a time', () => {
    // Whole, each element's first `}` is in the buffer when it starts (read by one JSON.parse up
    // to it); fed one character at a time, never (scanned). Braces and `},{` inside strings,
    // escaped quotes, a nested object (its first `}` is not the element's: that try fails), a bad
    // element, a number that is no record; then 40 nested elements, so that the tries give up,
    // and flat ones again after them.
    const flat = ['{"callid":1,"status":"ANSWERED"}', '{"callid":2,"note":"a } b"}', '{"callid":3,"note":"x},{\\"y\\":1"}', '{"callid":4,"n":{"a":1},"status":"ABSENT"}', '{"a" 1}', '7', '{"callid":5}'];
    const nested = Array.from({ length: 40 }, (_, i) => `{"callid":${10 + i},"n":{"a":${i}}}`);
    for (const text of [`[${flat.join(',')}]`, `[${flat.join(' , ')}]`, `{"data":[${[...flat, ...nested, ...flat].join(',')}]}`]) {
      const whole = sameByCharacter(text);
      expect(whole.records.length).toBeGreaterThan(4);
      expect(whole.problems.length).toBeGreaterThan(1);
    }
  });

  it('splits between CR and LF without counting an extra line', () => {
    const text = '[{"a":1},\r\n{"b":2}]';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(parse(text, [cut]).records.map((r) => r.line)).toEqual([0, 1]);
    }
  });
});
