// The random operations of the stress test: a fixed list drawn with fast-check from a seed, so a
// failing run is replayed exactly by its seed. Each operation is an LSP request or notification,
// with valid or malformed params, over a small pool of documents (some never opened).

import fc from 'fast-check';
import { fixtureText } from '../helpers/lsp-client.js';

export type Operation =
  | { kind: 'notify'; method: string; params: unknown }
  | { kind: 'request'; method: string; params: unknown; cancel: boolean };

/** Documents the run opens, changes and closes (plus odd URIs that are never opened). */
export const DOC_URIS = [
  'file:///stress/a.csv',
  'file:///stress/b.csv',
  'file:///stress/c.ndjson',
  'file:///stress/d.json',
  'file:///stress/e.csv',
  'file:///stress/f.jsonl',
] as const;
const NEVER_OPENED = ['file:///stress/never.csv', 'untitled:Untitled-1', '', 'not a uri', 'file:///stress/%ZZ.csv'];

/** Small CDR texts: the protocol fixtures plus a few broken ones. */
function texts(): string[] {
  const fixtures = ['calls.csv', 'combined.csv', 'calls.ndjson', 'calls.json', 'valid.csv', 'people.csv', 'editor.csv'].map(fixtureText);
  return [
    ...fixtures,
    '',
    '\uFEFFstatus;sub_status\r\nANSWERED;COMPLETE\r\nABSENT;"BU\nSY"\r\n',
    'callid,status,sub_status\n1,ANSWERED\n2,"unterminated,\n',
    '[{"callid": 1, "status": "ANSWERED", "sub_status": ',
    '{"status":"OK","data":{"status":"ERROR","sub_status":"REJECTED"}}\n',
    '{"status": ["ANSWERED", "ABSENT"]}\n\n{"__proto__": {"x": 1}, "status": "x"}\nnot json\n',
  ];
}

/** Garbage where structured params belong: null, numbers, strings, arrays, random and deep objects. */
function garbage(): fc.Arbitrary<unknown> {
  const deep = fc.integer({ min: 1, max: 300 }).map((n) => {
    let o: unknown = { textDocument: { uri: DOC_URIS[0] } };
    // A chain, not a DAG: shared children would serialize to 3^n nodes.
    for (let i = 0; i < n; i++) o = i % 3 === 0 ? { textDocument: o } : i % 3 === 1 ? { uri: o, line: i } : [o];
    return o;
  });
  return fc.oneof(
    fc.constant(null),
    fc.integer(),
    fc.double(),
    fc.string({ maxLength: 40 }),
    fc.boolean(),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
    fc.object({ maxDepth: 3, maxKeys: 4 }),
    fc.constant({}),
    fc.constant({ textDocument: null }),
    fc.constant({ textDocument: { uri: 42 }, position: 'x' }),
    fc.constant({ textDocument: { uri: DOC_URIS[0] }, position: { line: -1, character: Number.NaN } }),
    deep,
  );
}

export function generateOperations(seed: number, count: number): Operation[] {
  const uri = fc.oneof({ arbitrary: fc.constantFrom(...DOC_URIS), weight: 6 }, { arbitrary: fc.constantFrom(...NEVER_OPENED), weight: 1 });
  const num = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 12 }), weight: 8 }, { arbitrary: fc.integer({ min: 0, max: 400 }), weight: 2 }, {
    arbitrary: fc.constantFrom(-1, 2 ** 31 - 1, 1e9),
    weight: 1,
  });
  const position = fc.record({ line: num, character: num });
  const range = fc.record({ start: position, end: position });
  const docId = fc.record({ uri });
  const maybeGarbage = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: garbage(), weight: 1 });

  const text = fc.oneof({ arbitrary: fc.constantFrom(...texts()), weight: 5 }, { arbitrary: fc.string({ maxLength: 200, unit: 'binary' }), weight: 1 });
  const language = fc.constantFrom('csv', 'json', 'jsonl', 'plaintext');
  const version = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 50 }), weight: 5 }, { arbitrary: fc.constantFrom(0, -1, 2 ** 31 - 1), weight: 1 });
  const change = fc.oneof(
    { arbitrary: fc.record({ range, text: fc.oneof(fc.constantFrom('', ',', '\n', 'ANSWERED', 'ABSNT', '"', '{', '😀', '\r\n'), fc.string({ maxLength: 20 })) }), weight: 6 },
    { arbitrary: fc.record({ text }), weight: 1 },
  );
  const n = (method: string, params: fc.Arbitrary<unknown>): fc.Arbitrary<Operation> => params.map((p) => ({ kind: 'notify', method, params: p }));
  const r = (method: string, params: fc.Arbitrary<unknown>): fc.Arbitrary<Operation> =>
    fc.record({ params, cancel: fc.oneof({ arbitrary: fc.constant(false), weight: 6 }, { arbitrary: fc.constant(true), weight: 1 }) }).map((o) => ({ kind: 'request', method, ...o }));
  const w = (weight: number, arbitrary: fc.Arbitrary<Operation>) => ({ arbitrary, weight });

  const op = fc.oneof(
    w(8, n('textDocument/didOpen', maybeGarbage(fc.record({ textDocument: fc.record({ uri, languageId: language, version, text }) })))),
    w(14, n('textDocument/didChange', maybeGarbage(fc.record({ textDocument: fc.record({ uri, version }), contentChanges: fc.array(change, { maxLength: 4 }) })))),
    w(5, n('textDocument/didClose', maybeGarbage(fc.record({ textDocument: docId })))),
    w(10, r('textDocument/hover', maybeGarbage(fc.record({ textDocument: docId, position })))),
    w(8, r('textDocument/completion', maybeGarbage(fc.record({ textDocument: docId, position })))),
    w(
      6,
      r(
        'textDocument/codeAction',
        maybeGarbage(
          fc.record({
            textDocument: docId,
            range,
            context: fc.record({
              diagnostics: fc.array(fc.record({ range, message: fc.string({ maxLength: 10 }), code: fc.constantFrom('unknown-status', 'status-case', 'x'), data: garbage() }), { maxLength: 2 }),
              only: fc.option(fc.array(fc.constantFrom('quickfix', 'source.fixAll', 'source.fixAll.cdrlint', 'refactor'), { maxLength: 2 }), { nil: undefined }),
            }),
          }),
        ),
      ),
    ),
    w(5, r('textDocument/codeLens', maybeGarbage(fc.record({ textDocument: docId })))),
    w(5, r('textDocument/documentSymbol', maybeGarbage(fc.record({ textDocument: docId })))),
    w(6, r('textDocument/diagnostic', maybeGarbage(fc.record({ textDocument: docId })))),
    w(5, r('cdrlint/summary', maybeGarbage(fc.record({ uri })))),
    w(5, r('cdrlint/statusRanges', maybeGarbage(fc.record({ uri, range: fc.option(range, { nil: undefined }) })))),
    w(
      4,
      r(
        'workspace/executeCommand',
        maybeGarbage(
          fc.record({
            command: fc.oneof(
              { arbitrary: fc.constantFrom('cdrlint.showSummary', 'cdrlint.nope', '', 'editor.action.format'), weight: 20 },
              // Walks the fixtures folder: rare, it reads files from disk.
              { arbitrary: fc.constant('cdrlint.checkWorkspace'), weight: 1 },
            ),
            arguments: fc.oneof(fc.tuple(uri), fc.array(garbage(), { maxLength: 3 })),
          }),
        ),
      ),
    ),
    w(3, r('initialize', garbage())),
    w(3, r('cdrlint/nope', garbage())),
    w(2, r('textDocument/unknownFeature', garbage())),
    w(3, n('cdrlint/unknownNotification', garbage())),
    w(2, n('$/unknown', garbage())),
    w(2, n('$/cancelRequest', fc.oneof(fc.record({ id: fc.integer({ min: -5, max: 20_000 }) }), garbage()))),
    w(2, n('workspace/didChangeConfiguration', maybeGarbage(fc.record({ settings: fc.record({ cdrlint: garbage() }) })))),
    w(1, n('workspace/didChangeWatchedFiles', maybeGarbage(fc.record({ changes: fc.array(fc.record({ uri, type: fc.integer({ min: 0, max: 4 }) }), { maxLength: 2 }) })))),
  );
  return fc.sample(op, { seed, numRuns: count });
}
