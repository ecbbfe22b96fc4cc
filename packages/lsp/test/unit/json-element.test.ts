// isFlatElement, stopsAt and elementsEnd say how core's JSON scanner reads an element or the text
// between two; each answer is checked against core itself, on a record it must (or must not) reach.
import { createJsonParser, type ParseProblem } from '@cdrlint/core';
import { describe, expect, it } from 'vitest';
import { elementsEnd, isFlatElement, stopsAt } from '../../src/json-element.js';

/** What core's parser reads of `[` + element + `,` + a record + `]`: the records and problems. */
function read(element: string, eol = '\n'): { records: number; problems: ParseProblem[] } {
  let records = 0;
  const problems: ParseProblem[] = [];
  const parser = createJsonParser({ record: () => records++, problem: (p) => problems.push(p) });
  parser.push(`[${eol}${element},${eol}{"callid": 2}${eol}]${eol}`);
  parser.end();
  return { records, problems };
}

const elements = [
  '{"callid": 1, "status": "ANSWERED"}',
  '{"callid": 1, "status": "ANSWERED",}',
  '{"callid": 1, "note"}',
  '{"callid": 1, "note":}',
  '{"callid": 1, "note": ""}',
  '{"callid": 1, "a\\"b": "c\\\\"}',
  '{"callid": 1, "brace": "}", "bracket": "]"}',
  '{"callid": 1, "note": "ok}',
  '{"callid": 1, "note": "}',
  '{"callid": 1, "note}',
  '{"callid": 1, "note": "x\\"}',
  '{"callid": 1, "note": "x\\\\"}',
  '{"callid": 1, "note": "x\\\\\\"}',
  '{"callid": 1 "note": 2}',
  '{"callid": 1, "note": 2]',
  '{"callid": 1, "note": "a\rb"}',
  '{"callid": 1}, "note": 2}',
  '{"callid": 1, "n": {"a": 1}}',
  '{"callid": 1, "n": [1]}',
  '{\n  "callid": 1,\n  "note": "ok\n}',
  '{\r\n  "callid": 1,\r\n  "note": "ok\r\n}',
];

describe('how core reads an element', () => {
  for (const element of elements) {
    it(JSON.stringify(element), () => {
      const eol = element.includes('\r\n') ? '\r\n' : '\n';
      const { records, problems } = read(element, eol);
      const flat = isFlatElement(element);
      // Through the end of its last line, as in the document.
      const stop = stopsAt(`${element},${eol}`);
      expect(flat && stop >= 0).toBe(false);
      if (flat) {
        // Read to its `}`, then on to the next record: reported, not stopped.
        expect(records).toBeGreaterThanOrEqual(1);
        expect(records === 2).toBe(problems.length === 0);
      }
      if (stop >= 0) {
        // Stopped at that line break: one problem there, and the next record never read.
        expect(records).toBe(0);
        expect(problems).toHaveLength(1);
        expect(problems[0].range.end.offset).toBe(eol.length + 1 + stop);
      }
    });
  }

  it('answers for most of these elements', () => {
    expect(elements.filter((e) => isFlatElement(e)).length).toBeGreaterThan(5);
    expect(elements.filter((e) => stopsAt(`${e},\n`) >= 0).length).toBeGreaterThan(3);
  });
});

// Text between two records of an array, as typed: elementsEnd takes those that hold only white
// space, commas and flat elements (valid JSON or not), which leave core's parser in the array.
const gaps: [gap: string, accepted: boolean][] = [
  [',\n', true],
  ['\n', true],
  [',\n\n  ', true],
  [',\r\n{"callid": 3},\r\n', true],
  [',\n{}\n', true],
  [',\n{""}\n', true],
  [',\n{"callid": 3 "note"}\n,', true],
  [',,\n{"brace": "}"},', true],
  [',\n{"note": "ok}\n', false],
  [',\n{"n": [1]},\n', false],
  [',\n{"n": {"a": 1}},\n', false],
  [',\n1,\n', false],
  [',\n"x",\n', false],
  [',\nnull,\n', false],
];

describe('how core reads the text between two records', () => {
  for (const [gap, accepted] of gaps) {
    it(JSON.stringify(gap), () => {
      expect(elementsEnd(gap) === gap.length).toBe(accepted);
      // The text before the array's end: its `]`.
      expect(elementsEnd(`${gap}]`)).toBe(accepted ? gap.length : -1);
      if (!accepted) return;
      // The record after it is read where it starts.
      const head = '[\n{"callid": 1}';
      const starts: number[] = [];
      const parser = createJsonParser({ record: (r) => starts.push(r.start), problem: () => {} });
      parser.push(`${head}${gap}{"callid": 2}\n]\n`);
      parser.end();
      expect(starts.at(-1)).toBe(head.length + gap.length);
    });
  }
});
