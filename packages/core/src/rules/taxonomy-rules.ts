// Rules R1-R3b and R15: status, sub-status and result code of one record.
import {
  COMBINED_PAIRS,
  RESULT_CODE_NAMES,
  STATUSES,
  STATUS_NAMES,
  SUB_STATUS_NAMES,
  familiesOfSubStatus,
  getResultCode,
  getStatus,
  getSubStatus,
  splitCombined,
  type StatusInfo,
  type SubStatusInfo,
} from '../taxonomy.js';
import { F } from '../fields.js';
import type { Fix } from '../types.js';
import type { RecordContext } from './record-context.js';
import { closest } from './suggest.js';
import { textOf } from './values.js';

export type Notation = 'split' | 'slash' | 'underscore';

/** What the taxonomy rules made of a record; undefined parts could not be read. */
export interface Classification {
  status?: StatusInfo;
  sub?: SubStatusInfo;
  resultCode?: string;
  notation?: Notation;
}

const LIST_SEPARATORS = /[,;|+&]/;

/** Every correct spelling of a status value: alone, or combined with `/` or `_`. */
const STATUS_SPELLINGS: readonly string[] = [...STATUS_NAMES, ...COMBINED_PAIRS, ...COMBINED_PAIRS.map((p) => p.replace('/', '_'))];
const KNOWN_STATUS_SPELLINGS = new Set(STATUS_SPELLINGS);
/** 'STATUS/SUB' of each sub-status, built once (not per record). */
const PAIR_NAMES = new Map<SubStatusInfo, string>(STATUSES.flatMap((s) => s.subStatuses.map((x) => [x, `${s.name}/${x.name}`] as const)));

/** The 'STATUS/SUB' name of a classified record's pair. */
export function pairName(status: StatusInfo, sub: SubStatusInfo): string {
  return PAIR_NAMES.get(sub) ?? `${status.name}/${sub.name}`;
}

/** Each status's sub-status names, built once (not per record). */
const FAMILY_NAMES = new Map<StatusInfo, readonly string[]>(STATUSES.map((s) => [s, s.subStatuses.map((x) => x.name)]));

/** Canonical spelling of a value that differs only in case or surrounding spaces. */
function canonicalCase(value: string, names: readonly string[]): string | undefined {
  const v = value.trim().toUpperCase();
  return names.includes(v) ? v : undefined;
}

function suggestionFixes(ctx: RecordContext, field: number, candidates: string[]): Fix[] {
  const out: Fix[] = [];
  for (const c of candidates) {
    const f = ctx.replaceValue(field, c, `Change to '${c}'`);
    if (f) out.push(f);
  }
  return out;
}

function didYouMean(candidates: string[]): string {
  if (candidates.length === 0) return '';
  return ` Did you mean ${candidates.map((c) => `'${c}'`).join(' or ')}?`;
}

export function checkTaxonomy(ctx: RecordContext, fileNotation: { first?: Notation }): Classification {
  const out: Classification = {};
  const raw = ctx.value(F.status);
  if (Array.isArray(raw)) {
    ctx.report('multiple-statuses', `A call has exactly one status, but this record lists ${raw.length}.`, F.status);
    return out;
  }
  let statusText = textOf(raw); // not ctx.text(): a CSV cell is cut from the row on each read
  if (statusText === undefined) {
    if (raw !== undefined && raw !== null && raw !== '') {
      ctx.report('unknown-status', `The status must be one of ${STATUS_NAMES.join(', ')}.`, F.status);
    } else {
      ctx.report('missing-status', 'This record has no status.', F.status);
    }
    return out;
  }
  if (typeof raw !== 'string') {
    ctx.report('unknown-status', `The status must be one of ${STATUS_NAMES.join(', ')}, not ${ctx.source(F.status)}.`, F.status);
    return out;
  }

  // Case and spacing first: a known value written differently is fixable, not unknown.
  const fixedCase = KNOWN_STATUS_SPELLINGS.has(statusText) ? undefined : canonicalCase(statusText, STATUS_SPELLINGS);
  if (fixedCase !== undefined && fixedCase !== statusText) {
    ctx.report('status-case', `Write the status as '${fixedCase}'.`, F.status, {
      fix: ctx.replaceValue(F.status, fixedCase, `Change to '${fixedCase}'`),
    });
    statusText = fixedCase;
  }

  let status = getStatus(statusText);
  let subFromStatus: string | undefined;
  if (!status) {
    const parts = splitCombined(statusText);
    if (parts) {
      status = getStatus(parts.status);
      subFromStatus = parts.sub;
      out.notation = parts.separator === '/' ? 'slash' : 'underscore';
    }
  } else {
    out.notation = 'split';
  }
  if (!status) {
    reportUnknownStatus(ctx, statusText);
    return out;
  }
  out.status = status;

  // Sub-status: from the combined value, from its own field, or both (they must agree).
  const subField = ctx.text(F.sub_status);
  let subText = subFromStatus;
  let subWhere = F.status;
  if (subFromStatus !== undefined && subField !== undefined && subField.trim().toUpperCase() !== subFromStatus) {
    ctx.report('sub-status-mismatch', `The sub-status '${clip(subField)}' contradicts the status '${statusText}'.`, F.sub_status);
  } else if (subFromStatus === undefined) {
    subText = subField;
    subWhere = F.sub_status;
    if (subText !== undefined) out.notation = 'split';
  }
  if (subText === undefined) {
    reportMissingSubStatus(ctx, status);
  } else {
    const familyNames = FAMILY_NAMES.get(status) ?? [];
    let sub = getSubStatus(status.name, subText);
    if (!sub) {
      const fixed = canonicalCase(subText, familyNames);
      if (fixed !== undefined) {
        sub = getSubStatus(status.name, fixed);
        if (subWhere === F.sub_status) {
          ctx.report('status-case', `Write the sub-status as '${fixed}'.`, F.sub_status, {
            fix: ctx.replaceValue(F.sub_status, fixed, `Change to '${fixed}'`),
          });
        } else {
          const sep = out.notation === 'slash' ? '/' : '_';
          const whole = `${status.name}${sep}${fixed}`;
          ctx.report('status-case', `Write the status as '${whole}'.`, F.status, {
            fix: ctx.replaceValue(F.status, whole, `Change to '${whole}'`),
          });
        }
      }
    }
    if (sub) out.sub = sub;
    else reportWrongSubStatus(ctx, status, subText, subWhere, out.notation);
  }

  // Notation across the file (R15).
  if (out.notation) {
    if (fileNotation.first === undefined) fileNotation.first = out.notation;
    else if (out.notation !== fileNotation.first && out.notation !== 'split' && fileNotation.first !== 'split' && out.sub) {
      const sep = fileNotation.first === 'slash' ? '/' : '_';
      const whole = `${status.name}${sep}${out.sub.name}`;
      ctx.report('mixed-notation', `This file writes combined statuses as '${whole}'; keep one notation.`, F.status, {
        fix: ctx.replaceValue(F.status, whole, `Change to '${whole}'`),
      });
    } else if (out.notation !== fileNotation.first) {
      ctx.report('mixed-notation', `This record writes the status in ${describe(out.notation)} notation, but the file started with ${describe(fileNotation.first)}.`, F.status);
    }
  }

  checkResultCode(ctx, out);
  return out;
}

// The reports below build their messages from lists (split, map, join). They live outside
// checkTaxonomy, which runs on every record: inside it, a rare record reaching them late met
// list arrays of a new map and V8 threw checkTaxonomy's optimized code away, again and again
// (five compiles over the 1M-row benchmark file; bench/deopts.mjs shows them).

function reportUnknownStatus(ctx: RecordContext, statusText: string): void {
  const listed = statusText.split(LIST_SEPARATORS).map((s) => s.trim().toUpperCase());
  if (listed.length > 1 && listed.filter((s) => STATUS_NAMES.includes(s) || splitCombined(s)).length > 1) {
    ctx.report('multiple-statuses', `A call has exactly one status, but '${clip(statusText)}' lists several.`, F.status);
    return;
  }
  const candidates = closest(statusText, [...STATUS_NAMES, ...COMBINED_PAIRS]);
  ctx.report('unknown-status', `Unknown status '${clip(statusText)}'.${didYouMean(candidates)}`, F.status, {
    suggestions: suggestionFixes(ctx, F.status, candidates),
  });
}

function reportMissingSubStatus(ctx: RecordContext, status: StatusInfo): void {
  ctx.report('missing-sub-status', `${status.name} calls need a sub-status: ${(FAMILY_NAMES.get(status) ?? []).join(', ')}.`, ctx.has(F.sub_status) ? F.sub_status : F.status);
}

/** A sub-status that is not one of `status`'s, in the sub-status field or after the status. */
function reportWrongSubStatus(ctx: RecordContext, status: StatusInfo, subText: string, subWhere: number, notation: Notation | undefined): void {
  const familyNames = FAMILY_NAMES.get(status) ?? [];
  const upper = subText.trim().toUpperCase();
  const families = familiesOfSubStatus(upper);
  if (families.length > 0) {
    const fam = families[0];
    const suggestions: Fix[] = [];
    if (subWhere === F.sub_status) {
      const f = ctx.replaceValue(F.status, fam.name, `Change the status to '${fam.name}'`);
      if (f) suggestions.push(f);
    }
    ctx.report(
      'sub-status-mismatch',
      `${upper} is a sub-status of ${fam.name}, not of ${status.name}. ${status.name} takes ${familyNames.join(', ')}.`,
      subWhere,
      { suggestions },
    );
    return;
  }
  const candidates = closest(subText, familyNames);
  const other = candidates.length > 0 ? candidates : closest(subText, SUB_STATUS_NAMES);
  const fixes = subWhere === F.sub_status
    ? suggestionFixes(ctx, F.sub_status, candidates)
    : suggestionFixes(ctx, F.status, candidates.map((c) => `${status.name}${notation === 'slash' ? '/' : '_'}${c}`));
  ctx.report(
    'unknown-sub-status',
    `Unknown sub-status '${clip(subText)}' for ${status.name}, which takes ${familyNames.join(', ')}.${didYouMean(other)}`,
    subWhere,
    { suggestions: fixes },
  );
}

function checkResultCode(ctx: RecordContext, out: Classification): void {
  const raw = ctx.value(F.result_code);
  let code = textOf(raw);
  if (code === undefined) {
    if (raw !== undefined && raw !== null && raw !== '') {
      ctx.report('unknown-result-code', `The result code must be one of ${RESULT_CODE_NAMES.join(', ')}.`, F.result_code);
    }
    return;
  }
  if (!getResultCode(code)) {
    const fixed = canonicalCase(code, RESULT_CODE_NAMES);
    if (fixed !== undefined) {
      ctx.report('status-case', `Write the result code as '${fixed}'.`, F.result_code, {
        fix: ctx.replaceValue(F.result_code, fixed, `Change to '${fixed}'`),
      });
      code = fixed;
    } else {
      const candidates = closest(code, RESULT_CODE_NAMES);
      ctx.report('unknown-result-code', `Unknown result code '${clip(code)}'.${didYouMean(candidates)}`, F.result_code, {
        suggestions: suggestionFixes(ctx, F.result_code, candidates),
      });
      return;
    }
  }
  out.resultCode = code;
  const { status, sub } = out;
  if (!status || !sub) return;
  const pair = pairName(status, sub);
  if (!sub.takesResultCode) {
    const clear = ctx.replaceValue(F.result_code, '', 'Remove the result code');
    ctx.report(
      'result-code-not-applicable',
      `${pair} never reached the phone, so it takes no result code (found '${code}').`,
      F.result_code,
      { suggestions: clear ? [clear] : [] },
    );
    return;
  }
  const info = getResultCode(code);
  if (info && !info.pairsWith.includes(pair)) {
    ctx.report('result-code-mismatch', `${code} goes with ${info.pairsWith.join(' or ')}, not with ${pair}.`, F.result_code);
  }
}

function describe(n: Notation | undefined): string {
  return n === 'split' ? 'split (status + sub-status)' : n === 'slash' ? "combined 'STATUS/SUB'" : "combined 'STATUS_SUB'";
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
