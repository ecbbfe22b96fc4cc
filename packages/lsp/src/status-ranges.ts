// `cdrlint/statusRanges`: where the status values are in a range of the document and which
// status family each reads as, for the editor's status colours. Only the records overlapping the
// requested range are parsed (plus the CSV header), so scrolling a 100,000-row file stays cheap.
import { getStatus, splitCombined, type SourceRecord } from '@cdrlint/core';
import type { Range } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { parseView } from './document.js';
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
  const { starts, ends } = a.snapshot.index;
  let records: readonly SourceRecord[];
  let shift = 0;
  const format = a.result.format;
  if ((format === 'csv' || format === 'ndjson') && starts.length > 0) {
    // First and last record overlapping [from, to].
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends.at(mid) < from) lo = mid + 1;
      else hi = mid;
    }
    let last = lo;
    while (last < starts.length && starts.at(last) <= to) last++;
    if (lo >= last) return [];
    const head = format === 'csv' ? a.text.slice(0, starts.at(0)) : '';
    const body = a.text.slice(starts.at(lo), ends.at(last - 1));
    shift = starts.at(lo) - head.length;
    records = parseView(head + body, a.fileName, format).records;
  } else {
    records = a.document().records.filter((r) => r.end >= from && r.start <= to);
  }
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
