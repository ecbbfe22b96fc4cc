// Hover documentation for CDR documents, as markdown built from taxonomy.ts and fields.ts
// (never a copy of their texts). Pure: offsets in, markdown plus the hovered range out.

import {
  HANGUP_CAUSES,
  fieldForKey,
  type FieldInfo,
} from '../fields.js';
import type { OffsetRange } from '../parse/types.js';
import {
  RESULT_CODES,
  STATUSES,
  familiesOfSubStatus,
  getResultCode,
  getStatus,
  getSubStatus,
  splitCombined,
  type StatusInfo,
} from '../taxonomy.js';
import { contextAt, fieldValue, valueText, type DocumentView, type FieldResolver } from './context.js';

export interface HoverInfo {
  markdown: string;
  range: OffsetRange;
}

const code = (s: string): string => '`' + s.replace(/`/g, "'") + '`';

/** The status as the record states it: from the status field (split or combined notation). */
export function recordStatus(
  record: Parameters<typeof fieldValue>[0],
  resolve: FieldResolver = fieldForKey,
): { status?: string; sub?: string } {
  const raw = fieldValue(record, 'status', resolve).toUpperCase();
  const combined = splitCombined(raw);
  if (combined) return { status: combined.status, sub: combined.sub };
  const sub = fieldValue(record, 'sub-status', resolve).toUpperCase();
  return { status: getStatus(raw) ? raw : undefined, sub: sub || undefined };
}

/** Sub-statuses that take a result code, as `STATUS/SUB` (from the taxonomy). */
function resultCodeNote(status: StatusInfo, sub: string): string {
  const info = getSubStatus(status.name, sub);
  if (!info) return '';
  if (!info.takesResultCode) return `No result code applies: the ${code(`result_code`)} field stays empty.`;
  const codes = RESULT_CODES.filter((r) => r.pairsWith.includes(`${status.name}/${sub}`)).map((r) => code(r.name));
  return `A result code applies: ${codes.join(', ')}.`;
}

export function statusMarkdown(name: string): string | undefined {
  const s = getStatus(name);
  if (!s) return undefined;
  const subs = s.subStatuses.map((x) => code(x.name)).join(', ');
  return `**${s.name}** (call status)\n\n${s.doc}\n\nSub-statuses: ${subs}.`;
}

export function subStatusMarkdown(sub: string, status?: string): string | undefined {
  const families = status && getStatus(status) ? [getStatus(status)!] : familiesOfSubStatus(sub);
  const parts: string[] = [];
  for (const fam of families) {
    const info = getSubStatus(fam.name, sub);
    if (!info) continue;
    parts.push(`**${fam.name}/${info.name}** (sub-status of ${code(fam.name)})\n\n${info.doc}\n\n${resultCodeNote(fam, info.name)}`);
  }
  if (parts.length > 0) return parts.join('\n\n---\n\n');
  if (status && getStatus(status) && familiesOfSubStatus(sub).length > 0) {
    const owners = familiesOfSubStatus(sub).map((f) => code(f.name)).join(', ');
    return `**${sub}** is a sub-status of ${owners}, not of ${code(status)}.`;
  }
  return undefined;
}

export function resultCodeMarkdown(name: string): string | undefined {
  const r = getResultCode(name);
  if (!r) return undefined;
  return `**${r.name}** (result code)\n\n${r.doc}\n\nGoes with: ${r.pairsWith.map(code).join(', ')}.`;
}

/** A combined value (`ANSWERED/COMPLETE`, `ABSENT_BUSY`): both parts explained. */
export function combinedMarkdown(value: string): string | undefined {
  const parts = splitCombined(value);
  if (!parts) return undefined;
  const status = statusMarkdown(parts.status);
  const sub = subStatusMarkdown(parts.sub, parts.status);
  if (!status) return undefined;
  return sub ? `${status}\n\n---\n\n${sub}` : `${status}\n\n${code(parts.sub)} is not a sub-status of ${code(parts.status)}.`;
}

export function hangupCauseMarkdown(value: string): string | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  const info = HANGUP_CAUSES.get(n);
  if (!info) return n <= 127 ? `Q.850 cause **${n}**: a valid cause value without a note in cdrlint.` : undefined;
  const outcomes = STATUSES.flatMap((s) => s.subStatuses.filter((x) => x.typicalCauses.includes(n)).map((x) => code(`${s.name}/${x.name}`)));
  const usual = outcomes.length > 0 ? `\n\nTypical of ${outcomes.join(', ')}.` : '';
  return `Q.850 cause **${n}** ${code(info.name)}\n\n${info.doc}${usual}`;
}

/** Documentation of a field: for CSV header cells and JSON keys. */
export function fieldMarkdown(field: FieldInfo, key?: string): string {
  const lines = [`**${field.name}**${key && key !== field.name ? ` (column ${code(key)})` : ''}`, '', field.doc];
  if (field.format) lines.push('', `Format: ${field.format}`);
  if (field.kind === 'status') lines.push('', `Statuses: ${STATUSES.map((s) => code(s.name)).join(', ')}.`);
  if (field.kind === 'result-code') lines.push('', `Result codes: ${RESULT_CODES.map((r) => code(r.name)).join(', ')}.`);
  if (field.values) lines.push('', `Values: ${field.values.map((v) => code(v.name)).join(', ')}.`);
  if (field.direction) lines.push('', `Only on ${field.direction} calls.`);
  const aliases = field.aliases.filter((a) => a !== field.name);
  if (aliases.length > 0) lines.push('', `Also written: ${aliases.map(code).join(', ')}.`);
  return lines.join('\n');
}

function enumMarkdown(field: FieldInfo, value: string): string | undefined {
  const values = field.values;
  const v = values?.find((x) => x.name === value) ?? values?.find((x) => x.name.toLowerCase() === value.toLowerCase());
  if (!v) return undefined;
  return `${code(v.name)} (${field.name})\n\n${v.doc}`;
}

/** Markdown for a value of a known field, or undefined when there is nothing to say. */
export function valueMarkdown(field: FieldInfo, raw: string, recordStatusName?: string): string | undefined {
  const value = raw.trim();
  if (value === '') return undefined;
  const upper = value.toUpperCase();
  switch (field.kind) {
    case 'status':
      return statusMarkdown(upper) ?? combinedMarkdown(upper);
    case 'sub-status':
      return subStatusMarkdown(upper, recordStatusName);
    case 'result-code':
      return resultCodeMarkdown(upper);
    case 'hangup-cause':
      return hangupCauseMarkdown(value);
    case 'enum':
      return enumMarkdown(field, value);
    default:
      return undefined;
  }
}

/** Hover at `offset`: a key's field documentation, or a value's meaning. */
export function hoverAt(doc: DocumentView, text: string, offset: number, resolve: FieldResolver = fieldForKey): HoverInfo | undefined {
  const ctx = contextAt(doc, text, offset, resolve);
  if (!ctx || !ctx.field) return undefined;
  if (ctx.kind === 'key') return { markdown: fieldMarkdown(ctx.field, ctx.key), range: ctx.range };
  const status = ctx.field.kind === 'sub-status' ? recordStatus(ctx.record, resolve).status : undefined;
  const markdown = valueMarkdown(ctx.field, valueText(ctx.value), status);
  return markdown ? { markdown, range: ctx.range } : undefined;
}
