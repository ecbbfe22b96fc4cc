// textDocument/completion: status, sub-status, result-code and enum values from core's service.

import { completeAt, type CompletionKind } from './core-service.js';
import {
  CompletionItemKind,
  MarkupKind,
  type CompletionList,
  type CompletionParams,
} from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { viewAt } from './document.js';
import type { ServerContext } from './context.js';

const KIND: Record<CompletionKind, CompletionItemKind> = {
  status: CompletionItemKind.EnumMember,
  combined: CompletionItemKind.EnumMember,
  'sub-status': CompletionItemKind.EnumMember,
  'result-code': CompletionItemKind.EnumMember,
  enum: CompletionItemKind.Value,
};

/** Characters that open a value, so clients ask for completion as the user starts one. */
export const TRIGGER_CHARACTERS = ['"', ',', ';', '\t', '/', '_'];

export function completion(ctx: ServerContext, a: Analysis, params: CompletionParams): CompletionList | null {
  const doc = ctx.docs.get(a.uri);
  if (!doc || !a.settings.enable || !a.result.isCdr) return null;
  const pos = ctx.docs.positions(doc);
  const view = viewAt(a, pos.offset(params.position));
  const result = completeAt(view.doc, view.text, view.offset, a.resolve);
  if (!result) return null;
  const range = pos.range(result.range.start + view.shift, result.range.end + view.shift);
  const current = view.text.slice(result.range.start, result.range.end);
  return {
    isIncomplete: false,
    items: result.items.map((item, i) => ({
      label: item.label,
      kind: KIND[item.kind],
      detail: item.detail,
      documentation: { kind: MarkupKind.Markdown, value: item.documentation },
      // Keep the taxonomy's order rather than the client's alphabetical one.
      sortText: String(i).padStart(4, '0'),
      // Match what the user typed, whatever its case or quotes.
      filterText: current.startsWith('"') ? JSON.stringify(item.label) : item.label,
      textEdit: { range, newText: item.insertText },
    })),
  };
}
