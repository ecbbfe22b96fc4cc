// Diagnostics go out with core's own line and UTF-16 column (Positions.coreRange): they must be
// the LSP positions of their offsets in the document, as the server's text computes them, on
// core's fixtures with every kind of line break and on random texts. Each text is linted whole
// here; core's own tests hold text read in chunks to the same positions (and no position between
// a CR and its LF), and the incremental tests hold re-checked diagnostics to a full lint's.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { DEFAULT_CONFIG, lintText, resolveConfig, type Range } from '@cdrlint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineText } from '../../src/line-text.js';
import { Positions } from '../../src/positions.js';

const FIXTURES = new URL('../../../core/test/fixtures/', import.meta.url);

function filesUnder(dir: URL): URL[] {
  return readdirSync(dir).flatMap((name) => {
    const url = new URL(name, dir);
    if (statSync(url).isDirectory()) return filesUnder(new URL(`${name}/`, dir));
    return /\.(csv|tsv|ndjson|jsonl|json)$/.test(name) && !name.startsWith('config-') ? [url] : [];
  });
}

/** Every range of the text's diagnostics (related places included) in both conversions. */
function compare(text: string, fileName: string): number {
  const result = lintText(text, { fileName, config: resolveConfig(DEFAULT_CONFIG) });
  const pos = new Positions(LineText.from(text), 'utf-16');
  const ranges: Range[] = result.diagnostics.flatMap((d) => [d.range, ...(d.related ?? []).map((r) => r.range)]);
  for (const r of ranges) expect(pos.coreRange(r), `${fileName} at ${r.start.offset}`).toEqual(pos.range(r.start.offset, r.end.offset));
  return ranges.length;
}

describe("core's line and column are the LSP position of the offset (UTF-16)", () => {
  it("on core's fixtures, with LF, CR LF and lone CR line ends", () => {
    let ranges = 0;
    const files = filesUnder(FIXTURES);
    for (const url of files) {
      const text = readFileSync(url, 'utf8');
      const name = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
      const lf = text.replace(/\r\n?/g, '\n');
      for (const variant of [text, lf, lf.replace(/\n/g, '\r\n'), lf.replace(/\n/g, '\r')]) ranges += compare(variant, name);
    }
    expect(files.length).toBeGreaterThan(60);
    expect(ranges).toBeGreaterThan(300);
  });

  it('on random texts', () => {
    const piece = fc.constantFrom('\n', '\r\n', '\r', ',', '"', 'ANSWERED', 'busy', '{"status":', '}', '[', ']', '\ufeff', 'é', '😀', ' ', '1', 'status,sub_status\n');
    let ranges = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom('a.csv', 'a.ndjson', 'a.json'), (pieces, fileName) => {
        ranges += compare(pieces.join(''), fileName);
      }),
      { seed: 11, numRuns: 3000 },
    );
    expect(ranges).toBeGreaterThan(3000);
  });
});
