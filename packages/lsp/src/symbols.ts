// textDocument/documentSymbol: CSV columns or JSON/NDJSON records (core's service.documentSymbols).

import { documentSymbols, type SymbolInfo } from './core-service.js';
import {
  SymbolKind,
  type DocumentSymbol,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { outlineView } from './document.js';
import type { ServerContext } from './context.js';
import type { TextDocument } from './documents.js';
import { rememberJson } from './message-json.js';
import type { Positions } from './positions.js';

const KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  column: SymbolKind.Field,
  record: SymbolKind.Object,
  field: SymbolKind.Property,
};

/**
 * Outline entries past this many records are left out. Editors ask for the outline after every
 * edit (VS Code's breadcrumbs), and each record brings one symbol per field: 5,000 NDJSON records
 * made a 12 MB answer that took 0.2-0.36 s to build.
 */
export const MAX_SYMBOLS = 1000;

/**
 * And past this many symbols, fields included: the budget of VS Code's JSON outline
 * (`json.maxItemsComputed`, 5,000), spent on whole records. 1,000 records of 15 fields made a
 * 3.6 MB answer, which VS Code asked for and decoded after edits (255-302 ms p50 from the edit to
 * the outline, 100k-row NDJSON, `bench/lsp.mjs`).
 */
export const MAX_OUTLINE_SYMBOLS = 5000;

/**
 * The last outline of each open document, with the text it was read from (up to the end of the
 * MAX_SYMBOLS-th record): an edit after that leaves the outline as it was, sent again as is.
 */
const outlines = new WeakMap<TextDocument, { key: string; prefix: string; list: DocumentSymbol[] | SymbolInformation[] }>();

export function shiftSymbol(s: SymbolInfo, by: number): SymbolInfo {
  if (by === 0) return s;
  const out: SymbolInfo = {
    ...s,
    range: { start: s.range.start + by, end: s.range.end + by },
    selectionRange: { start: s.selectionRange.start + by, end: s.selectionRange.end + by },
  };
  if (s.children) out.children = s.children.map((c) => shiftSymbol(c, by));
  return out;
}

function toDocumentSymbol(s: SymbolInfo, pos: Positions): DocumentSymbol {
  return {
    name: s.name || '(empty)',
    detail: s.detail,
    kind: KIND[s.kind],
    range: pos.range(s.range.start, s.range.end),
    selectionRange: pos.range(s.selectionRange.start, s.selectionRange.end),
    children: s.children?.map((c) => toDocumentSymbol(c, pos)),
  };
}

export function symbols(ctx: ServerContext, a: Analysis): DocumentSymbol[] | SymbolInformation[] {
  const doc = ctx.docs.get(a.uri);
  if (!doc || !a.settings.enable || !a.result.isCdr) return [];
  const tree = ctx.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
  // The outline reads no further than the end of the MAX_SYMBOLS-th record (the whole text when
  // there are fewer).
  const { index } = a.snapshot;
  const n = Math.min(index.starts.length, MAX_SYMBOLS);
  const prefix = a.text.slice(0, n === MAX_SYMBOLS ? index.ends.at(n - 1) : a.text.length);
  const key = JSON.stringify([tree, a.result.format, a.fileName, a.lintConfig.columns ?? null]);
  const last = outlines.get(doc);
  if (last && last.key === key && last.prefix === prefix) return last.list;
  const pos = ctx.docs.positions(doc);
  // The header or the first MAX_SYMBOLS records alone: parsing the whole 35 MB JSON document for
  // it took ~0.7 s. A flat list names the records only.
  const options = { maxItems: MAX_SYMBOLS, maxSymbols: tree ? MAX_OUTLINE_SYMBOLS : Infinity, fields: tree, resolve: a.resolve };
  const part = outlineView(a.text, a.result.format, a.fileName, index, MAX_SYMBOLS);
  const found = part ? documentSymbols(part.doc, options).map((s) => shiftSymbol(s, part.shift)) : documentSymbols(a.document(), options);
  const list = tree
    ? found.map((s) => toDocumentSymbol(s, pos))
    : found.map((s) => ({ name: s.name || '(empty)', kind: KIND[s.kind], location: { uri: a.uri, range: pos.range(s.range.start, s.range.end) } }));
  // Written to JSON once (message-json.ts), however often it is sent.
  outlines.set(doc, { key, prefix, list: rememberJson(list) });
  return list;
}
