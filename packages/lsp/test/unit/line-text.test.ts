// Differential test: LineText (chunked text) answers like vscode-languageserver-textdocument's
// TextDocument after every step of random edit sequences, with chunks small enough to be crossed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineText } from '../../src/line-text.js';

const SEED = Number(process.env.CDRLINT_SEED ?? 20251128);

const piece = fc.oneof(fc.constantFrom('\n', '\r\n', '\r', 'a', 'bc', 'é', '😀', ''), fc.string({ maxLength: 6 }));
const textArb = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

/** Positions cannot point inside \r\n: move such an offset before the \r, as TextDocument does. */
function outsideCrlf(text: string, o: number): number {
  return o > 0 && text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o;
}

function same(lt: LineText, doc: TextDocument): void {
  const text = doc.getText();
  expect(lt.length).toBe(text.length);
  expect(lt.toString()).toBe(text);
  expect(lt.lineCount).toBe(doc.lineCount);
  for (let o = -1; o <= text.length + 1; o++) expect(lt.positionAt(o)).toEqual(doc.positionAt(o));
  for (let line = -1; line <= doc.lineCount; line++) {
    for (const character of [-1, 0, 1, 2, 5, 100]) expect(lt.offsetAt({ line, character })).toBe(doc.offsetAt({ line, character }));
  }
  for (let s = 0; s <= text.length; s += 3) expect(lt.slice(s, s + 5)).toBe(text.slice(s, s + 5));
}

describe('LineText', () => {
  it('agrees with TextDocument after random edits (small texts)', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: textArb }), { maxLength: 12 }), (base, edits) => {
        let lt = LineText.from(base);
        const doc = TextDocument.create('file:///t', 'csv', 0, base);
        same(lt, doc);
        for (const e of edits) {
          const len = doc.getText().length;
          const s = outsideCrlf(doc.getText(), len === 0 ? 0 : e.at % (len + 1));
          const end = outsideCrlf(doc.getText(), Math.min(len, s + e.del));
          TextDocument.update(doc, [{ range: { start: doc.positionAt(s), end: doc.positionAt(end) }, text: e.ins }], doc.version + 1);
          lt = lt.replace(s, end, e.ins);
          same(lt, doc);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('keeps chunk boundaries exact in a large text with \\r\\n and edits across them', () => {
    const line = (i: number) => `row${i},ANSWERED,${'x'.repeat(i % 50)}`;
    const base = Array.from({ length: 12000 }, (_, i) => line(i)).join('\r\n') + '\r\n';
    let lt = LineText.from(base);
    const doc = TextDocument.create('file:///t', 'csv', 0, base);
    expect(lt.pieces().length).toBeGreaterThan(3);
    const rnd = fc.sample(fc.record({ at: fc.nat({ max: base.length }), del: fc.nat({ max: 70000 }), ins: fc.constantFrom('\r', '\n', 'abc', '\r\n', '') }), { seed: SEED, numRuns: 60 });
    for (const e of rnd) {
      const len = doc.getText().length;
      const s = outsideCrlf(doc.getText(), e.at % (len + 1));
      const end = outsideCrlf(doc.getText(), Math.min(len, s + (e.del % 3 === 0 ? e.del : e.del % 5)));
      TextDocument.update(doc, [{ range: { start: doc.positionAt(s), end: doc.positionAt(end) }, text: e.ins }], doc.version + 1);
      lt = lt.replace(s, end, e.ins);
      const text = doc.getText();
      expect(lt.toString()).toBe(text);
      expect(lt.lineCount).toBe(doc.lineCount);
      for (let k = 0; k < 200; k++) {
        const o = Math.floor((k / 200) * text.length);
        expect(lt.positionAt(o)).toEqual(doc.positionAt(o));
        const p = doc.positionAt(o);
        expect(lt.offsetAt(p)).toBe(doc.offsetAt(p));
      }
    }
  });
});
