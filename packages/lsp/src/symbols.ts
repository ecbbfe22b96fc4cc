// textDocument/documentSymbol: CSV columns or JSON/NDJSON records (core's service.documentSymbols).

import { documentSymbols, type SymbolInfo } from './core-service.js';
import {
  SymbolKind,
  type DocumentSymbol,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import type { ServerContext } from './context.js';
import type { Positions } from './positions.js';

const KIND: Record<SymbolInfo['kind'], SymbolKind> = {
  column: SymbolKind.Field,
  record: SymbolKind.Object,
  field: SymbolKind.Property,
};

/** Outline entries past this many records are left out (editors choke on huge outlines). */
export const MAX_SYMBOLS = 5000;

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
  const list = documentSymbols(a.document(), { maxItems: MAX_SYMBOLS, resolve: a.resolve });
  if (ctx.caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) return list.map((s) => toDocumentSymbol(s, pos));
  return list.map((s) => ({ name: s.name || '(empty)', kind: KIND[s.kind], location: { uri: a.uri, range: pos.range(s.range.start, s.range.end) } }));
}
