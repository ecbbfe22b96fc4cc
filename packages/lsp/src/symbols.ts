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
  const pos = ctx.docs.positions(doc);
  // The header or the first MAX_SYMBOLS records alone: parsing the whole 35 MB JSON document for
  // it took ~0.7 s.
  const part = outlineView(a.text, a.result.format, a.fileName, a.snapshot.index, MAX_SYMBOLS);
  const list = part ? documentSymbols(part.doc, { maxItems: MAX_SYMBOLS, resolve: a.resolve }).map((s) => shiftSymbol(s, part.shift)) : documentSymbols(a.document(), { maxItems: MAX_SYMBOLS, resolve: a.resolve });
  if (ctx.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return list.map((s) => toDocumentSymbol(s, pos));
  return list.map((s) => ({ name: s.name || '(empty)', kind: KIND[s.kind], location: { uri: a.uri, range: pos.range(s.range.start, s.range.end) } }));
}
