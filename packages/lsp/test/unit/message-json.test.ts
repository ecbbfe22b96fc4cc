// messageJson writes lists of diagnostics from cached pieces: its text must be JSON.stringify's,
// byte for byte, for the lists the server makes from real files and for random ones, the first
// time (pieces written) and again (pieces from the cache).
import { DEFAULT_CONFIG, lintText, resolveConfig } from '@cdrlint/core';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver';
import type { Message } from 'vscode-languageserver/node.js';
import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS_CODE, SOURCE, toLspDiagnostic } from '../../src/diagnostics.js';
import { LineText } from '../../src/line-text.js';
import { markDiagnostics, messageEncoder, messageJson } from '../../src/message-json.js';
import { Positions } from '../../src/positions.js';
import { readdirSync, readFileSync } from 'node:fs';
import { fixtureText } from '../helpers/lsp-client.js';

/** Core's rule fixtures (every rule's invalid file: fixes, suggestions, related places), and two of ours. */
const RULES = new URL('../../../core/test/fixtures/rules/', import.meta.url);
const files: [name: string, text: string][] = [
  ...readdirSync(RULES).flatMap((rule) =>
    readdirSync(new URL(`${rule}/`, RULES))
      .filter((f) => f.startsWith('invalid.') && !f.endsWith('.snap'))
      .map((f): [string, string] => [`${rule}/${f}`, readFileSync(new URL(`${rule}/${f}`, RULES), 'utf8')]),
  ),
  ['calls.csv', fixtureText('calls.csv')],
  ['quoted.csv', fixtureText('quoted.csv')],
];

const response = (items: Diagnostic[], id = 7): Message =>
  ({ jsonrpc: '2.0', id, result: { kind: 'full', resultId: 'run.1:3:0', items } }) as Message;
const notification = (diagnostics: Diagnostic[], uri = 'file:///w/calls.csv'): Message =>
  ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version: 3, diagnostics } }) as Message;

/** The server's list for a fixture, as diagnosticsOf makes it (marked, with the note when asked). */
function serverList(name: string, text: string, version: number, related: boolean, note: boolean): Diagnostic[] {
  const result = lintText(text, { fileName: name.replace(/.*\//, ''), config: resolveConfig(DEFAULT_CONFIG) });
  const pos = new Positions(LineText.from(text), 'utf-16');
  const list = markDiagnostics(result.diagnostics.map((d) => toLspDiagnostic(d, `file:///w/${name}`, version, pos, { relatedInformation: related })));
  if (note) list.push({ range: pos.range(0, 0), severity: 3, code: MAX_PROBLEMS_CODE, source: SOURCE, message: '3 more problems not shown' });
  return list;
}

describe('messageJson writes what JSON.stringify writes', () => {
  it("the server's diagnostics of every rule's fixture, pulled and pushed, written and from the cache", () => {
    const seen = { items: 0, fixes: 0, suggestions: 0, related: 0 };
    for (const [name, text] of files) {
      for (const [version, withRelated, note] of [[2, true, false], [3, false, true], [3, true, true]] as const) {
        const list = serverList(name, text, version, withRelated, note);
        seen.items += list.length;
        const data = (d: Diagnostic) => d.data as { fix?: unknown; suggestions?: unknown } | undefined;
        seen.fixes += list.filter((d) => data(d)?.fix !== undefined).length;
        seen.suggestions += list.filter((d) => data(d)?.suggestions !== undefined).length;
        seen.related += list.filter((d) => d.relatedInformation !== undefined).length;
        for (const msg of [response(list), notification(list)]) {
          expect(messageJson(msg), name).toBe(JSON.stringify(msg));
          expect(messageJson(msg), name).toBe(JSON.stringify(msg));
        }
      }
    }
    // Every item shape must be met, or this proves little.
    expect(files.length).toBeGreaterThan(30);
    expect(seen.fixes).toBeGreaterThan(10);
    expect(seen.suggestions).toBeGreaterThan(10);
    expect(seen.related).toBeGreaterThan(5);
    expect(seen.items).toBeGreaterThan(200);
  });

  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const position = fc.record({ line: fc.nat(100_000), character: fc.nat(5_000) });
  // Items in toLspDiagnostic's key order, some with the fields it leaves out; a few messages, so
  // that the cache meets one message under another code, severity or link.
  const item = fc
    .record(
      {
        range: fc.record({ start: position, end: position }),
        severity: fc.constantFrom(1, 2, 3, 4),
        code: fc.oneof(fc.constantFrom('unknown-status', 'status-case'), fc.integer()),
        codeDescription: fc.record({ href: fc.constantFrom('https://x.test/rules#a', 'https://x.test/rules#"b"') }),
        source: fc.constantFrom('cdrlint', 'other'),
        message: fc.oneof(fc.constantFrom('Unknown status.', 'Write "ANSWERED".', 'é\u2028\u0000\ud800'), text),
        data: fc.oneof(
          fc.record({ version: fc.integer() }),
          fc.record({ version: fc.integer(), fix: fc.record({ title: text, edits: fc.array(fc.record({ start: fc.nat(), end: fc.nat(), text })) }) }, { requiredKeys: ['version'] }),
          fc.record({ version: fc.integer(), suggestions: fc.array(text, { maxLength: 2 }) }),
        ),
        relatedInformation: fc.array(fc.record({ location: fc.record({ uri: text, range: fc.record({ start: position, end: position }) }), message: text }), { maxLength: 2 }),
        tags: fc.constant([1]),
      },
      { requiredKeys: ['range', 'message'] },
    )
    .map((d) => d as Diagnostic);

  it('random lists, pulled and pushed, written and from the cache', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 8 }), text, (list, uri) => {
        markDiagnostics(list);
        for (const msg of [response(list), notification(list, uri)]) {
          const json = JSON.stringify(msg);
          expect(messageJson(msg)).toBe(json);
          expect(messageJson(msg)).toBe(json);
        }
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('another string of the message holding the placeholder, lists not marked, other messages', () => {
    const list = serverList('calls.csv', fixtureText('calls.csv'), 4, true, false);
    // The placeholder's text, as a URI could hold it: the message is written whole by JSON.stringify.
    const odd = notification(list, '\u0000cdrlint diagnostics\u0000');
    expect(messageJson(odd)).toBe(JSON.stringify(odd));
    for (const msg of [response([...list]), notification([...list]), { jsonrpc: '2.0', id: 1, result: null }, { jsonrpc: '2.0', method: 'x', params: [list] }] as Message[]) {
      expect(messageJson(msg)).toBe(JSON.stringify(msg));
    }
  });

  it('the encoder sends its UTF-8 bytes', async () => {
    const msg = notification(serverList('calls.csv', fixtureText('calls.csv'), 2, true, false));
    const bytes = await messageEncoder.encode(msg, { charset: 'utf-8' });
    expect(Buffer.from(bytes).toString('utf8')).toBe(JSON.stringify(msg));
  });
});
