// `cdrlint/statusRanges`: where the status values are in a range of the document and which
// status family each reads as, for the editor's status colours. Only the records overlapping the
// requested range are parsed (plus the CSV header), so scrolling a 100,000-row file stays cheap.
import { getStatus, splitCombined } from '@cdrlint/core';
import type { Range } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { recordsIn } from './document.js';
import type { Positions } from './positions.js';
import type { StatusRange } from './protocol.js';

/** The taxonomy status a value reads as (alone or combined, any case), if any. */
function familyOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toUpperCase();
  return getStatus(v)?.name ?? (splitCombined(v) ? getStatus(splitCombined(v)!.status)?.name : undefined);
}

export function statusRanges(a: Analysis, pos: Positions, range: Range | undefined): StatusRange[] | null {
  if (!a.settings.enable || !a.result.isCdr) return null;
  const from = range ? pos.offset(range.start) : 0;
  const to = range ? pos.offset(range.end) : a.text.length;
  const parsed = recordsIn(a.text, a.result.format, a.fileName, a.snapshot.index, from, to);
  const records = parsed ? parsed.doc.records : a.document().records.filter((r) => r.end >= from && r.start <= to);
  const shift = parsed ? parsed.shift : 0;
  const out: StatusRange[] = [];
  for (const r of records) {
    const i = r.keys.findIndex((k) => a.resolve(k)?.kind === 'status');
    if (i < 0) continue;
    const status = familyOf(r.value(i));
    if (!status) continue;
    const v = r.valueRange(i);
    out.push({ range: pos.range(v.start + shift, v.end + shift), status });
  }
  return out;
}
