// Hover and completion on the record parsed alone (recordView) must equal hover and completion on
// the whole document, at every offset of CSV, NDJSON and JSON documents of every layout; and the
// records of a range parsed alone (recordsIn, for the status colours) and the outline of the first
// records (outlineView) must be the document's.
import { completeAt, DEFAULT_CONFIG, documentSymbols, hoverAt, parseDocument, resolveConfig, type SourceRecord } from '@cdrlint/core';
import { describe, expect, it } from 'vitest';
import { outlineView, recordsIn, recordView } from '../../src/document.js';
import { shiftSymbol } from '../../src/symbols.js';
import { fullSnapshot } from '../../src/incremental.js';
import { fixtureText } from '../helpers/lsp-client.js';

const envelope = JSON.parse(fixtureText('calls.json')) as { data: Record<string, unknown>[] };
const documents: [name: string, text: string, fileName: string][] = [
  ['CSV', fixtureText('calls.csv'), 'calls.csv'],
  ['CSV (quoted, a cell over two lines)', fixtureText('quoted.csv'), 'quoted.csv'],
  ['NDJSON', fixtureText('calls.ndjson'), 'calls.ndjson'],
  // Lines that are no record: blank, half typed, not an object, a BOM that is no white space there.
  ['NDJSON (lines that are no record)', `${fixtureText('calls.ndjson').trimEnd().split('\n').join('\n\n{"callid": 9, "sta\n[1, 2]\n\ufeff{"status": "ANSWERED"}\n')}\n`, 'calls.ndjson'],
  ['JSON (envelope, indented)', fixtureText('calls.json'), 'calls.json'],
  ['JSON (a record a line)', `[\n${envelope.data.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`, 'lines.json'],
  ['JSON (one line)', JSON.stringify(envelope.data), 'minified.json'],
  // A record being typed: not valid JSON (core reports it and reads on), or a string left open
  // (core stops there, and the records after it are not read).
  ...['"note"}', '"note": "ok}'].map((typed): [string, string, string] => [
    `JSON (a record a line, then ${typed})`,
    `[\n${[...envelope.data.map((r) => JSON.stringify(r)), `{"callid": 9, "status": "ANSWERED", ${typed}`, ...envelope.data.map((r) => JSON.stringify(r))].join(',\n')}\n]\n`,
    'typing.json',
  ]),
];

/** The document as the server indexes it, and parsed whole. */
function bothWays(text: string, fileName: string) {
  const snapshot = fullSnapshot(text, resolveConfig(DEFAULT_CONFIG), fileName);
  const format = snapshot.result.format;
  return { snapshot, format, whole: parseDocument(text, { fileName, format }) };
}

describe('the record under the cursor, parsed alone, answers as the whole document does', () => {
  for (const [name, text, fileName] of documents) {
    it(name, () => {
      const { snapshot, format, whole } = bothWays(text, fileName);
      let viewed = 0;
      let answers = 0;
      for (let offset = 0; offset <= text.length; offset++) {
        const view = recordView(snapshot.text, format, fileName, snapshot.index, offset);
        if (!view) continue;
        viewed++;
        const expectedHover = hoverAt(whole, text, offset);
        const hover = hoverAt(view.doc, view.text, view.offset);
        expect(hover && { ...hover, range: { start: hover.range.start + view.shift, end: hover.range.end + view.shift } }).toEqual(expectedHover);
        const expectedCompletion = completeAt(whole, text, offset);
        const completion = completeAt(view.doc, view.text, view.offset);
        expect(completion && { ...completion, range: { start: completion.range.start + view.shift, end: completion.range.end + view.shift } }).toEqual(expectedCompletion);
        if (expectedHover || expectedCompletion) answers++;
      }
      // Most offsets lie in a record, and the records must be read alone, or this proves nothing.
      expect(viewed).toBeGreaterThan(text.length / 2);
      expect(answers).toBeGreaterThan(text.length / 4);
    });
  }
});

describe('the records of a range, parsed alone, are the whole document\'s', () => {
  const facts = (r: SourceRecord, shift: number) => {
    const status = r.valueRange(r.keys.indexOf('status'));
    return { start: r.start + shift, end: r.end + shift, keys: r.keys, values: r.values, status: [status.start + shift, status.end + shift] };
  };
  for (const [name, text, fileName] of documents) {
    it(name, () => {
      const { snapshot, format, whole } = bothWays(text, fileName);
      let nonEmpty = 0;
      const step = Math.max(1, Math.floor(text.length / 60));
      for (let from = 0; from <= text.length; from += step) {
        for (let to = from; to <= text.length; to += step) {
          const part = recordsIn(snapshot.text, format, fileName, snapshot.index, from, to);
          expect(part).toBeDefined();
          const expected = whole.records.filter((r) => r.end >= from && r.start <= to).map((r) => facts(r, 0));
          expect(part!.doc.records.map((r) => facts(r, part!.shift))).toEqual(expected);
          if (expected.length > 0) nonEmpty++;
        }
      }
      expect(nonEmpty).toBeGreaterThan(100);
    });
  }
});

describe('the outline of the first records, parsed alone, is the whole document\'s', () => {
  for (const [name, text, fileName] of documents) {
    it(name, () => {
      const { snapshot, format, whole } = bothWays(text, fileName);
      for (const max of [1, 2, 3, 1000]) {
        const part = outlineView(snapshot.text, format, fileName, snapshot.index, max);
        expect(part).toBeDefined();
        const outline = documentSymbols(part!.doc, { maxItems: max }).map((s) => shiftSymbol(s, part!.shift));
        expect(outline).toEqual(documentSymbols(whole, { maxItems: max }));
        expect(outline.length).toBeGreaterThan(0);
      }
    });
  }
});

