// Completion of status, sub-status, result-code and enum values in CSV cells and JSON string
// values. Candidates come from taxonomy.ts and fields.ts; the record's own status narrows
// sub-statuses and result codes to those that apply. Pure: offsets in, labels out.

import { fieldForKey } from '../fields.js';
import type { OffsetRange } from '../parse/types.js';
import {
  COMBINED_PAIRS,
  RESULT_CODES,
  STATUSES,
  getStatus,
  getSubStatus,
} from '../taxonomy.js';
import { contextAt, hasField, type DocumentView, type FieldResolver } from './context.js';
import { combinedMarkdown, recordStatus, resultCodeMarkdown, statusMarkdown, subStatusMarkdown } from './hover.js';

export type CompletionKind = 'status' | 'combined' | 'sub-status' | 'result-code' | 'enum';

export interface CompletionItemInfo {
  label: string;
  kind: CompletionKind;
  /** One line shown next to the label. */
  detail: string;
  documentation: string;
  /** Text that replaces `CompletionResult.range` (adds JSON quotes where the token had none). */
  insertText: string;
}

export interface CompletionResult {
  /** The range the chosen item replaces. */
  range: OffsetRange;
  items: CompletionItemInfo[];
}

function firstLine(markdown: string): string {
  const para = markdown.split('\n\n')[1] ?? markdown;
  return para.length > 80 ? para.slice(0, 77) + '...' : para;
}

function item(label: string, kind: CompletionKind, documentation: string, quote: boolean): CompletionItemInfo {
  return { label, kind, detail: firstLine(documentation), documentation, insertText: quote ? JSON.stringify(label) : label };
}

/** Sub-statuses to offer for a record whose status is `status` (all of them when unknown). */
export function subStatusCandidates(status: string | undefined): { status: string; sub: string }[] {
  const families = status && getStatus(status) ? [getStatus(status)!] : STATUSES;
  return families.flatMap((s) => s.subStatuses.map((x) => ({ status: s.name, sub: x.name })));
}

/** Result codes that apply to `status/sub`: none when the pair takes no code, all when unknown. */
export function resultCodeCandidates(status: string | undefined, sub: string | undefined): string[] {
  if (status && sub && getSubStatus(status, sub)) {
    const pair = `${status}/${sub}`;
    return RESULT_CODES.filter((r) => r.pairsWith.includes(pair)).map((r) => r.name);
  }
  if (status && getStatus(status)) {
    const pairs = getStatus(status)!.subStatuses.filter((x) => x.takesResultCode).map((x) => `${status}/${x.name}`);
    return RESULT_CODES.filter((r) => r.pairsWith.some((p) => pairs.includes(p))).map((r) => r.name);
  }
  return RESULT_CODES.map((r) => r.name);
}

/** Completion candidates at `offset`, or undefined when the cursor is not in a completable value. */
export function completeAt(
  doc: DocumentView,
  text: string,
  offset: number,
  resolve: FieldResolver = fieldForKey,
): CompletionResult | undefined {
  const ctx = contextAt(doc, text, offset, resolve);
  if (!ctx || ctx.kind !== 'value' || !ctx.field) return undefined;
  // A JSON token that is not a string (null, a number) is replaced whole, with quotes.
  const isJsonRecord = ctx.record.keyRange(ctx.index) !== undefined;
  const quote = isJsonRecord && !ctx.quoted;
  const range = ctx.contentRange;
  const { status, sub } = recordStatus(ctx.record, resolve);
  const items: CompletionItemInfo[] = [];
  switch (ctx.field.kind) {
    case 'status': {
      for (const s of STATUSES) items.push(item(s.name, 'status', statusMarkdown(s.name)!, quote));
      // Combined notation only where the record has no separate sub-status field.
      if (!hasField(ctx.record, 'sub-status', resolve)) {
        for (const pair of COMBINED_PAIRS) items.push(item(pair, 'combined', combinedMarkdown(pair)!, quote));
      }
      break;
    }
    case 'sub-status':
      for (const c of subStatusCandidates(status)) items.push(item(c.sub, 'sub-status', subStatusMarkdown(c.sub, c.status)!, quote));
      break;
    case 'result-code':
      for (const r of resultCodeCandidates(status, sub)) items.push(item(r, 'result-code', resultCodeMarkdown(r)!, quote));
      break;
    case 'enum':
      for (const v of ctx.field.values ?? []) items.push(item(v.name, 'enum', `${'`'}${v.name}${'`'} (${ctx.field.name})\n\n${v.doc}`, quote));
      break;
    default:
      return undefined;
  }
  return { range: quote ? ctx.range : range, items };
}
