// Format rules (R14) and consistency rules (R4-R13) of one record. The expectations per outcome
// (initiated, answered, dial statuses) come from the taxonomy data, not from this file.
import { F, FIELDS } from '../fields.js';
import type { RecordContext } from './record-context.js';
import { pairName, type Classification } from './taxonomy-rules.js';
import { amountIn, durationIn, hangupCauseIn, isE164, isEmpty, parseAmount, parseDatetime, parseDuration, parseHangupCause } from './values.js';

const ids = (kind: string) => FIELDS.flatMap((f, id) => (f.kind === kind ? [id] : []));
const PHONE_FIELDS = ids('phone');
const DURATION_FIELDS = ids('duration');
const AMOUNT_FIELDS = ids('amount');

/** Parsed values the consistency rules need; NaN where absent or invalid. */
export interface RecordValues {
  start: number;
  answer: number;
  end: number;
  duration: number;
  answered: number;
  billed: number;
  debit: number;
}


/** Checks the value formats of one record; the values returned are valid until the next call. */
export function checkFormats(ctx: RecordContext): RecordValues {
  // Text values are read where ctx.at() finds them (in place for CSV); other JSON values from value().
  for (const f of PHONE_FIELDS) {
    let ok: boolean;
    if (ctx.at(f)) ok = isE164(ctx.src, ctx.from, ctx.to);
    else {
      const t = ctx.text(f);
      ok = t === undefined || isE164(t);
    }
    if (!ok) {
      ctx.report('invalid-phone-number', `'${ctx.source(f)}' is not an E.164 number: write '+', the country code and the number, 15 digits at most.`, f);
    }
  }
  const start = datetimeOf(ctx, F.start_time);
  const answer = datetimeOf(ctx, F.answer_time);
  const end = datetimeOf(ctx, F.end_time);
  const duration = durationOf(ctx, F.duration);
  const answered = durationOf(ctx, F.duration_answered);
  const billed = durationOf(ctx, F.duration_billed);
  let debit = NaN;
  for (const f of AMOUNT_FIELDS) {
    let n: number;
    if (ctx.at(f)) n = amountIn(ctx.src, ctx.from, ctx.to);
    else {
      const v = ctx.value(f);
      if (isEmpty(v)) continue;
      n = parseAmount(v);
    }
    if (f === F.debit) debit = n;
    if (Number.isNaN(n)) ctx.report('invalid-amount', `'${ctx.source(f)}' is not an amount: use a decimal number of cents, 0 or more (e.g. "2.40").`, f);
  }
  let badCause: boolean;
  if (ctx.at(F.hangup_cause)) badCause = Number.isNaN(hangupCauseIn(ctx.src, ctx.from, ctx.to));
  else {
    const cause = ctx.value(F.hangup_cause);
    badCause = !isEmpty(cause) && Number.isNaN(parseHangupCause(cause));
  }
  if (badCause) {
    ctx.report('invalid-hangup-cause', `'${ctx.source(F.hangup_cause)}' is not a Q.850 cause value (a whole number from 0 to 127).`, F.hangup_cause);
  }
  // One object reused for every record (read at once by checkConsistency): no garbage per row.
  const v = SCRATCH;
  v.start = start;
  v.answer = answer;
  v.end = end;
  v.duration = duration;
  v.answered = answered;
  v.billed = billed;
  v.debit = debit;
  return v;
}

const SCRATCH: RecordValues = { start: NaN, answer: NaN, end: NaN, duration: NaN, answered: NaN, billed: NaN, debit: NaN };

function datetimeOf(ctx: RecordContext, f: number): number {
  let ms: number;
  if (ctx.at(f)) ms = parseDatetime(ctx.src, ctx.from, ctx.to);
  else {
    const t = ctx.text(f);
    if (t === undefined) return NaN;
    ms = parseDatetime(t);
  }
  if (Number.isNaN(ms)) {
    ctx.report('invalid-datetime', `'${ctx.source(f)}' is not a valid UTC time: use 'YYYY-MM-DD HH:MM:SS' or ISO 8601 ending in Z, with a real date.`, f);
  }
  return ms;
}

function durationOf(ctx: RecordContext, f: number): number {
  let n: number;
  if (ctx.at(f)) n = durationIn(ctx.src, ctx.from, ctx.to);
  else {
    const v = ctx.value(f);
    if (isEmpty(v)) return NaN;
    n = parseDuration(v);
  }
  if (Number.isNaN(n)) ctx.report('invalid-duration', `'${ctx.source(f)}' is not a duration: use whole seconds, 0 or more.`, f);
  return n;
}

export function checkConsistency(ctx: RecordContext, c: Classification, v: RecordValues): void {
  // R9: start <= answer <= hang-up, whatever the status.
  if (v.answer < v.start) ctx.report('time-order', 'The answer time is before the start time.', F.answer_time);
  if (v.end < v.answer) ctx.report('time-order', 'The hang-up time is before the answer time.', F.end_time);
  else if (Number.isNaN(v.answer) && v.end < v.start) ctx.report('time-order', 'The hang-up time is before the start time.', F.end_time);

  // R11: durations that contradict each other.
  if (v.answered > v.duration) {
    ctx.report('duration-unexpected', `The answered duration (${v.answered} s) exceeds the total duration (${v.duration} s).`, F.duration_answered);
  }
  if (v.answered > 0 && v.billed < v.answered) {
    ctx.report('duration-unexpected', `The billed duration (${v.billed} s) is shorter than the answered duration (${v.answered} s).`, F.duration_billed);
  }
  // R10: durations agree with the times within 1 s (sources round to whole seconds).
  if (!Number.isNaN(v.duration) && v.end >= v.start && Math.abs(v.duration - (v.end - v.start) / 1000) > 1) {
    ctx.report('duration-mismatch', `The duration is ${v.duration} s, but start to hang-up is ${fmtSeconds(v.end - v.start)}.`, F.duration);
  }
  // An answer time on a never-answered call is reported as such, not as a duration mismatch.
  const answerExpected = c.sub?.answered !== 'never';
  if (answerExpected && !Number.isNaN(v.answered) && v.end >= v.answer && Math.abs(v.answered - (v.end - v.answer) / 1000) > 1) {
    ctx.report('duration-mismatch', `The answered duration is ${v.answered} s, but answer to hang-up is ${fmtSeconds(v.end - v.answer)}.`, F.duration_answered);
  }

  // R13: campaign statuses concern outbound calls.
  const dir = ctx.text(F.direction);
  if (c.status && dir !== undefined && (dir.toLowerCase() === 'inbound' || dir.toUpperCase() === 'IN')) {
    ctx.report('status-on-inbound', 'Campaign statuses describe outbound calls, but this record is inbound.', F.status);
  }

  const { status, sub } = c;
  if (!status || !sub) return;
  const pair = pairName(status, sub);

  if (!sub.initiated) {
    // R4: nothing was dialled, so nothing may show a call leg.
    const leg: number[] = [];
    if (ctx.present(F.answer_time)) leg.push(F.answer_time);
    for (const f of DURATION_FIELDS) if (secondsOf(v, f) > 0) leg.push(f);
    if (v.debit > 0) leg.push(F.debit);
    for (const f of [F.hangup_cause, F.hangup_source, F.dial_status]) if (ctx.present(f)) leg.push(f);
    for (const f of leg) {
      ctx.report('blacklisted-not-initiated', `${pair} calls are never placed, so '${ctx.name(f)}' should be empty or 0 (found '${ctx.source(f)}').`, f);
    }
    return;
  }

  if (sub.answered === 'never') {
    if (ctx.present(F.answer_time)) {
      ctx.report('answer-time-unexpected', `${pair} calls are never answered, so they have no answer time.`, F.answer_time);
    }
    if (v.answered > 0) ctx.report('duration-unexpected', `${pair} calls are never answered, but ${v.answered} s are counted as answered.`, F.duration_answered);
    if (v.billed > 0) ctx.report('duration-unexpected', `${pair} calls are never answered, but ${v.billed} s are billed.`, F.duration_billed);
  } else if (sub.answered === 'always' && ctx.has(F.answer_time) && !ctx.present(F.answer_time)) {
    ctx.report('answer-time-missing', `${pair} calls were picked up, so the answer time should be set.`, F.answer_time);
  }

  const dial = ctx.text(F.dial_status);
  if (dial !== undefined && sub.dialStatuses.length > 0 && !sub.dialStatuses.includes(dial) && !sub.dialStatuses.includes(dial.toUpperCase())) {
    ctx.report('dial-status-mismatch', `The dial status ${dial} contradicts ${pair}, which goes with ${sub.dialStatuses.join(' or ')}.`, F.dial_status);
  }
}

function secondsOf(v: RecordValues, field: number): number {
  return field === F.duration ? v.duration : field === F.duration_answered ? v.answered : v.billed;
}

function fmtSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(3)} s`;
}
