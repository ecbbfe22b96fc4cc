#!/usr/bin/env node
// Deterministic generator of realistic CDR files (CSV, NDJSON, JSON array) for the benchmarks.
//
//   node bench/generate.mjs --rows 1000000 --format csv --seed 42 --out bench/data/cdr-1m.csv
//
// The same seed and row count give byte-identical files, and the same records in every format.
// Values follow cdr-domain.md section 6 (R4-R11) and the section 7 examples; about 0.5% of rows
// carry one injected error each, spread over every rule family. A manifest
// `<out>.manifest.json` lists what was injected (kind, expected rule id, line) so a run of
// cdrlint can be checked for recall. Output is streamed in ~1 MiB writes: memory stays flat
// whatever the row count.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy, ROOT } from './lib/taxonomy.mjs';
import { countLabel, parseArgs, parseCount } from './lib/args.mjs';

/** Bumped whenever the generated content changes, so cached data files are regenerated. */
export const GENERATOR_VERSION = 2;

export const HEADER = [
  'callid', 'number', 'start', 'answer', 'hangup', 'hangupsource', 'hangupcause', 'dialstatus',
  'duration', 'duration_answered', 'duration_billed', 'billing_customer_debit_eur',
  'status', 'sub_status', 'result_code',
];
export const FORMATS = { csv: 'csv', ndjson: 'ndjson', json: 'json' };
const EXT = { csv: 'csv', ndjson: 'ndjson', json: 'json' };

/** mulberry32: small, fast, good enough for test data; own code so no dependency is needed. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// How a call of each taxonomy pair looks on the wire (realism for test data, per cdr-domain.md
// R4-R8; the pair names themselves come from core's taxonomy and are checked against it below).
// leg: none = never placed (R4), unanswered = placed, not picked up (R5, R6), answered = picked up.
// mustAnswer: an answer time is required (R8); otherwise optional (R7 voicemail).
// noAnswer: R5/R6 say no answer time and no answered duration (ERROR/OTHER makes no such claim).
const PROFILES = {
  'ANSWERED/COMPLETE': { w: 30, leg: 'answered', mustAnswer: true, ring: [3, 20], talk: [20, 150], causes: [16], dials: ['ANSWER'], sources: ['CALLEE', 'CALLER', 'GATEWAY'] },
  'ANSWERED/INCOMPLETE': { w: 10, leg: 'answered', mustAnswer: true, ring: [3, 20], talk: [1, 20], causes: [16], dials: ['ANSWER'], sources: ['CALLEE', 'CALLER'] },
  'ABSENT/BUSY': { w: 8, leg: 'unanswered', noAnswer: true, ring: [0, 5], causes: [17], dials: ['BUSY'], sources: ['GATEWAY'] },
  'ABSENT/NO_ANSWER': { w: 22, leg: 'unanswered', noAnswer: true, ring: [15, 45], causes: [19, 18], dials: ['NOANSWER'], sources: ['GATEWAY'] },
  'ABSENT/VOICEMAIL_DETECTED': { w: 12, leg: 'answered', mustAnswer: false, ring: [5, 25], talk: [5, 40], causes: [16], dials: ['ANSWER'], sources: ['GATEWAY', 'CALLEE'] },
  'ERROR/BLACKLISTED': { w: 3, leg: 'none' },
  'ERROR/REJECTED': { w: 5, leg: 'unanswered', noAnswer: true, ring: [0, 3], causes: [21], dials: ['CONGESTION', 'CHANUNAVAIL'], sources: ['GATEWAY'] },
  'ERROR/UNALLOCATED_NUMBER': { w: 4, leg: 'unanswered', noAnswer: true, ring: [0, 2], causes: [1], dials: ['CHANUNAVAIL', 'CONGESTION'], sources: ['GATEWAY'] },
  'ERROR/OTHER': { w: 3, leg: 'unanswered', ring: [0, 10], causes: [34, 38, 41, 27, 31, 3], dials: ['CONGESTION', 'CHANUNAVAIL', 'CANCEL', 'NODIAL'], sources: ['GATEWAY', 'CALLER'] },
};
// A pair added to the taxonomy later still gets generated, with a plain "placed, not answered" shape.
const FALLBACK = { w: 2, leg: 'unanswered', ring: [0, 10], causes: [31], dials: ['CONGESTION'], sources: ['GATEWAY'] };

// Destinations: prefix, digits after it, cents per billed minute.
const DESTINATIONS = [
  { w: 45, prefix: ['+336', '+337'], digits: 8, rate: 240 },
  { w: 15, prefix: ['+331', '+332', '+333', '+334', '+335', '+339'], digits: 8, rate: 120 },
  { w: 12, prefix: ['+447'], digits: 9, rate: 310 },
  { w: 10, prefix: ['+12', '+13', '+14', '+16', '+17', '+19'], digits: 9, rate: 90 },
  { w: 8, prefix: ['+4915', '+4917'], digits: 9, rate: 280 },
  { w: 6, prefix: ['+324'], digits: 8, rate: 260 },
  { w: 4, prefix: ['+417'], digits: 8, rate: 350 },
];

/**
 * Injected error kinds, each with the rule id (issue 2) it is meant to trigger. `structure` depends
 * on the format: CSV alternates a short row and a blank row, NDJSON a cut line, JSON a status list.
 */
export const ERROR_KINDS = [
  ['unknown-status', 'unknown-status'],
  ['unknown-sub-status', 'unknown-sub-status'],
  ['sub-status-mismatch', 'sub-status-mismatch'],
  ['missing-status', 'missing-status'],
  ['missing-sub-status', 'missing-sub-status'],
  ['unknown-result-code', 'unknown-result-code'],
  ['result-code-not-applicable', 'result-code-not-applicable'],
  ['result-code-mismatch', 'result-code-mismatch'],
  ['status-case', 'status-case'],
  ['duplicate-call-id', 'duplicate-call-id'],
  ['blacklisted-not-initiated', 'blacklisted-not-initiated'],
  ['answer-time-unexpected', 'answer-time-unexpected'],
  ['answer-time-missing', 'answer-time-missing'],
  ['duration-unexpected', 'duration-unexpected'],
  ['duration-mismatch', 'duration-mismatch'],
  ['dial-status-mismatch', 'dial-status-mismatch'],
  ['time-order', 'time-order'],
  ['invalid-phone-number', 'invalid-phone-number'],
  ['invalid-datetime', 'invalid-datetime'],
  ['invalid-duration', 'invalid-duration'],
  ['invalid-amount', 'invalid-amount'],
  ['invalid-hangup-cause', 'invalid-hangup-cause'],
  ['structure', { csv: ['csv-field-count', 'blank-row'], ndjson: ['parse-error'], json: ['multiple-statuses'] }],
];

// Which base pairs an error kind needs (it mutates one field of an otherwise valid record).
const NEEDS = {
  'unknown-result-code': (p) => p.takesResultCode,
  'result-code-mismatch': (p) => p.takesResultCode && p.otherCodes.length > 0,
  'result-code-not-applicable': (p) => !p.takesResultCode && p.profile.leg !== 'none',
  'duplicate-call-id': (p) => p.profile.leg !== 'none',
  'blacklisted-not-initiated': (p) => p.profile.leg === 'none',
  'answer-time-unexpected': (p) => p.profile.noAnswer === true,
  'answer-time-missing': (p) => p.profile.mustAnswer === true,
  'duration-unexpected': (p) => p.profile.noAnswer === true,
  'duration-mismatch': (p) => p.profile.leg === 'answered',
  'dial-status-mismatch': (p) => p.profile.mustAnswer === true,
  'time-order': (p) => p.profile.leg === 'answered',
  'invalid-datetime': (p) => p.profile.leg !== 'none',
  'invalid-hangup-cause': (p) => p.profile.leg !== 'none',
  'sub-status-mismatch': (p) => p.profile.leg !== 'none',
};

const pad2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);

/** `YYYY-MM-DD HH:MM:SS` from epoch seconds, with the day prefix cached (times mostly increase). */
function makeDateFormatter() {
  let cachedDay = -1;
  let prefix = '';
  return function fmt(t) {
    const day = Math.floor(t / 86400);
    if (day !== cachedDay) {
      cachedDay = day;
      prefix = new Date(day * 86400000).toISOString().slice(0, 10) + ' ';
    }
    const s = t - day * 86400;
    const h = (s / 3600) | 0;
    const m = ((s % 3600) / 60) | 0;
    return prefix + pad2[h] + ':' + pad2[m] + ':' + pad2[s % 60];
  };
}

function weighted(items) {
  const total = items.reduce((a, x) => a + x.w, 0);
  let acc = 0;
  const cum = items.map((x) => (acc += x.w / total));
  return (r) => {
    for (let i = 0; i < cum.length; i++) if (r < cum[i]) return items[i];
    return items[items.length - 1];
  };
}

/** Builds the pair table from core's taxonomy. */
export async function buildModel() {
  const tax = await loadTaxonomy();
  const pairs = [];
  for (const s of tax.STATUSES) {
    for (const sub of s.subStatuses) {
      const name = `${s.name}/${sub.name}`;
      const codes = tax.RESULT_CODES.filter((r) => r.pairsWith.includes(name)).map((r) => r.name);
      pairs.push({
        name, status: s.name, sub: sub.name, takesResultCode: sub.takesResultCode,
        profile: PROFILES[name] ?? FALLBACK,
        w: (PROFILES[name] ?? FALLBACK).w,
        codes: codes.length > 0 ? codes : sub.takesResultCode ? tax.RESULT_CODES.map((r) => r.name) : [],
        otherCodes: tax.RESULT_CODES.map((r) => r.name).filter((c) => !codes.includes(c)),
        // Sub-statuses of other families, for sub-status-mismatch.
        foreignSubs: tax.STATUSES.filter((o) => o.name !== s.name).flatMap((o) => o.subStatuses.map((x) => x.name))
          .filter((x) => !s.subStatuses.some((y) => y.name === x)),
      });
    }
  }
  const stale = Object.keys(PROFILES).filter((k) => !pairs.some((p) => p.name === k));
  if (stale.length > 0) process.emitWarning(`bench profiles name pairs not in the taxonomy: ${stale.join(', ')}`);
  return { pairs, statuses: tax.STATUSES.map((s) => s.name), taxonomySource: tax.source };
}

// A murmur3 finalizer: a bijection of 32-bit integers.
function mix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const hex = (v, digits) => (v >>> 0).toString(16).padStart(digits, '0').slice(-digits);

/**
 * The call id `n` (below 2^48) as a version-4-shaped UUID, for `--ids uuid`: the same id always
 * gives the same text (injected repeats stay repeats) and different ids give different texts
 * (the first group is a bijection of the low 32 bits, the fourth holds the high 16).
 */
export function uuidOf(n) {
  const lo = n >>> 0;
  const hi = Math.floor(n / 4294967296);
  const a = mix32(lo);
  const b = mix32(a ^ 0x9e3779b9);
  const c = mix32(b ^ 0x7f4a7c15);
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${hex(0x8000 | (c >>> 18), 4)}-${hex(hi, 4)}${hex(c, 8)}`;
}

function csvCell(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** A cell quoted whatever it holds, as exports that quote every cell write it. */
function quotedCell(v) {
  return '"' + (v === null || v === undefined ? '' : String(v).replace(/"/g, '""')) + '"';
}

/**
 * Writes `rows` records to `out`. Returns statistics and writes `<out>.manifest.json`.
 * Shapes of the same records, as exports differ: `ids: 'uuid'` writes the call ids as UUIDs
 * (strings) instead of numbers; for CSV, `quote: 'all'` quotes every cell and `eol: 'crlf'` ends
 * lines with CR LF; for JSON, `indent: n` writes each record over several lines, indented by n.
 * @param {{rows:number, format:'csv'|'ndjson'|'json', seed:number, out:string, errorRate?:number, ids?:'number'|'uuid', quote?:'minimal'|'all', eol?:'lf'|'crlf', indent?:number, manifest?:boolean}} o
 */
export async function generate(o) {
  const { rows, format, seed, out } = o;
  const ids = o.ids ?? 'number';
  if (ids !== 'number' && ids !== 'uuid') throw new Error(`unknown ids ${ids} (number, uuid)`);
  const quote = o.quote ?? 'minimal';
  const eolName = o.eol ?? 'lf';
  if (quote !== 'minimal' && quote !== 'all') throw new Error(`unknown quote ${quote} (minimal, all)`);
  if (eolName !== 'lf' && eolName !== 'crlf') throw new Error(`unknown eol ${eolName} (lf, crlf)`);
  if ((quote !== 'minimal' || eolName !== 'lf') && format !== 'csv') throw new Error('quote and eol shape CSV files only');
  const eol = eolName === 'crlf' ? '\r\n' : '\n';
  const cellOf = quote === 'all' ? quotedCell : csvCell;
  const pretty = ' '.repeat(o.indent ?? 0);
  if (pretty && format !== 'json') throw new Error('indent shapes JSON files only');
  const errorRate = o.errorRate ?? 0.005;
  if (!FORMATS[format]) throw new Error(`unknown format ${format} (csv, ndjson, json)`);
  const model = await buildModel();
  const rnd = mulberry32(seed);
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const pickPair = weighted(model.pairs);
  const pickDest = weighted(DESTINATIONS);
  const fmt = makeDateFormatter();
  const eligible = new Map(ERROR_KINDS.map(([k]) => [k, NEEDS[k] ? model.pairs.filter(NEEDS[k]) : model.pairs]));

  mkdirSync(dirname(resolve(out)), { recursive: true });
  const fd = openSync(out, 'w');
  // Each line is copied into a 1 MiB buffer right away and the buffer written when full: joining
  // or growing big strings made rope flattening and GC dominate the profile. Memory stays flat.
  // utf8Write with 3 bytes of room per UTF-16 unit, so any value fits.
  const CAP = 1 << 20;
  let out8 = Buffer.allocUnsafe(CAP);
  let pos = 0;
  let bytes = 0;
  const flush = () => {
    if (pos === 0) return;
    let off = 0;
    while (off < pos) off += writeSync(fd, out8, off, pos - off);
    bytes += pos;
    pos = 0;
  };
  const push = (s) => {
    if (pos + s.length * 3 > CAP) {
      flush();
      if (s.length * 3 > CAP) { bytes += writeSync(fd, s); return; }
    }
    pos += out8.utf8Write(s, pos);
  };
  const t0 = performance.now();

  let line = 1;
  if (format === 'csv') { push(HEADER.map(cellOf).join(',') + eol); line = 2; }
  else if (format === 'json') { push('[\n'); line = 2; }

  const injected = {};
  const ruleCounts = {};
  const errorLines = [];
  const pairCounts = Object.fromEntries(model.pairs.map((p) => [p.name, 0]));
  const recentIds = new Array(1024);
  let structureToggle = 0;
  let callid = 2_400_000_000; // above 2^31, as v2 ids are
  let t = Date.UTC(2024, 2, 12, 8, 0, 0) / 1000;
  const r = {};

  for (let i = 0; i < rows; i++) {
    // Error decision first: some kinds need a particular base pair. Every random draw happens in
    // the same order for every format, so the three formats carry the same records.
    let kind = null;
    if (i >= 16 && rnd() < errorRate) kind = ERROR_KINDS[Math.floor(rnd() * ERROR_KINDS.length)][0];
    const pair = kind ? pick(eligible.get(kind)) : pickPair(rnd());
    const p = pair.profile;
    pairCounts[pair.name]++;
    callid += int(1, 3);
    t += int(0, 2);
    const dest = pickDest(rnd());
    r.callid = callid;
    r.number = pick(dest.prefix) + String(10 ** dest.digits + Math.floor(rnd() * 10 ** dest.digits)).slice(1);
    r.result_code = null;
    r.status = pair.status;
    r.sub_status = pair.sub;
    let startT = t, answerT = null, hangupT = null;
    if (p.leg === 'none') {
      // Never placed (R4): no leg, no times, nothing billed; the call id may be missing too (§7.3).
      if (rnd() < 0.5) r.callid = null;
      r.start = r.answer = r.hangup = r.hangupsource = r.hangupcause = r.dialstatus = null;
      r.duration = r.duration_answered = r.duration_billed = 0;
      r.billing_customer_debit_eur = '0.00';
    } else {
      const ring = int(p.ring[0], p.ring[1]);
      if (p.leg === 'answered') {
        answerT = startT + ring;
        hangupT = answerT + int(p.talk[0], p.talk[1]);
      } else {
        hangupT = startT + ring;
      }
      r.start = fmt(startT);
      r.answer = answerT === null ? null : fmt(answerT);
      r.hangup = fmt(hangupT);
      r.hangupsource = pick(p.sources);
      r.hangupcause = pick(p.causes);
      r.dialstatus = pick(p.dials);
      r.duration = hangupT - startT;
      r.duration_answered = answerT === null ? 0 : hangupT - answerT;
      const minutes = Math.ceil(r.duration_answered / 60);
      r.duration_billed = minutes * 60;
      const cents = minutes * dest.rate; // hundredths of a cent: the field is in cents, 2 decimals
      r.billing_customer_debit_eur = ((cents / 100) | 0) + '.' + pad2[cents % 100];
      if (pair.takesResultCode) r.result_code = pick(pair.codes);
    }
    if (r.callid !== null) recentIds[i & 1023] = r.callid;

    let structure = null;
    if (kind) {
      injected[kind] = (injected[kind] ?? 0) + 1;
      let rule = kind;
      switch (kind) {
        case 'unknown-status': r.status = pick(['ANSWERD', 'MISSED', 'FAILED', 'ABSCENT']); break;
        case 'unknown-sub-status': r.sub_status = pick(['NOANSWER', 'COMPLETED', 'VOICEMAIL', 'UNALLOCATED']); break;
        case 'sub-status-mismatch': r.sub_status = pick(pair.foreignSubs); break;
        case 'missing-status': r.status = null; break;
        case 'missing-sub-status': r.sub_status = null; break;
        case 'unknown-result-code': r.result_code = pick(['HUNG_UP', 'VOICEMAIL', 'COMPLETE']); break;
        case 'result-code-not-applicable': r.result_code = pick(model.pairs.flatMap((x) => x.codes)); break;
        case 'result-code-mismatch': r.result_code = pick(pair.otherCodes); break;
        case 'status-case': {
          const v = int(0, 2);
          if (v === 0) r.status = r.status.toLowerCase();
          else if (v === 1) r.status = ' ' + r.status + ' ';
          else r.sub_status = r.sub_status.charAt(0) + r.sub_status.slice(1).toLowerCase();
          break;
        }
        case 'duplicate-call-id': r.callid = recentIds[(i - int(1, 15)) & 1023] ?? r.callid; break;
        case 'blacklisted-not-initiated': r.duration = int(5, 60); break;
        case 'answer-time-unexpected': r.answer = fmt(startT + Math.min(1, hangupT - startT)); break;
        case 'answer-time-missing': r.answer = null; break;
        case 'duration-unexpected': r.duration_answered = int(5, 30); break;
        case 'duration-mismatch': r.duration += int(30, 300); break;
        case 'dial-status-mismatch': r.dialstatus = pick(['NOANSWER', 'BUSY', 'CONGESTION']); break;
        case 'time-order': r.answer = fmt(startT - int(5, 120)); break;
        case 'invalid-phone-number': r.number = pick(['0612345678', '+33 6 12 34 56 78', '33612345678', '+0612345678', '+3361234567890123', 'unknown']); break;
        case 'invalid-datetime': r.start = pick(['2024-02-30 10:00:00', '2024-03-12 25:61:00', '12/03/2024 09:15:02', '2024-03-12T09:15:02', '2024-3-12 9:15:02']); break;
        case 'invalid-duration': r.duration = pick([-5, '12s', 3.5, 'abc', -1]); break;
        case 'invalid-amount': r.billing_customer_debit_eur = pick(['2,40', 'abc', '2.4.0', 'EUR 2.40']); break;
        case 'invalid-hangup-cause': r.hangupcause = pick([300, 128, -1, 1000]); break;
        case 'structure':
          if (format === 'csv') structure = (structureToggle++ & 1) === 0 ? 'csv-field-count' : 'blank-row';
          else if (format === 'ndjson') structure = 'parse-error';
          else structure = 'multiple-statuses';
          rule = structure;
          break;
      }
      ruleCounts[rule] = (ruleCounts[rule] ?? 0) + 1;
      if (structure === 'blank-row') { errorLines.push([line, rule]); line++; }
      else errorLines.push([line, rule]);
    }

    // Serialise. Clean rows take a template fast path; error rows go through escaping.
    if (ids === 'uuid' && typeof r.callid === 'number') r.callid = uuidOf(r.callid);
    if (format === 'csv') {
      if (structure === 'blank-row') push(eol);
      if (kind || cellOf !== csvCell || eol !== '\n') {
        const cells = HEADER.map((h) => cellOf(r[h]));
        if (structure === 'csv-field-count') cells.pop();
        push(cells.join(',') + eol);
      } else {
        push(`${r.callid ?? ''},${r.number},${r.start ?? ''},${r.answer ?? ''},${r.hangup ?? ''},${r.hangupsource ?? ''},${r.hangupcause ?? ''},${r.dialstatus ?? ''},${r.duration},${r.duration_answered},${r.duration_billed},${r.billing_customer_debit_eur},${r.status},${r.sub_status},${r.result_code ?? ''}\n`);
      }
    } else {
      let text;
      if (kind) {
        const obj = {};
        for (const h of HEADER) obj[h] = r[h] ?? null;
        // No random draw here: draws must not depend on the format.
        if (structure === 'multiple-statuses') obj.status = [r.status, model.statuses.find((s) => s !== r.status)];
        text = JSON.stringify(obj);
        if (structure === 'parse-error') text = text.slice(0, Math.floor(text.length / 2));
      } else {
        const q = (v) => (v === null ? 'null' : '"' + v + '"'); // generated values never need escaping
        text = `{"callid":${typeof r.callid === 'string' ? q(r.callid) : r.callid},"number":"${r.number}","start":${q(r.start)},"answer":${q(r.answer)},"hangup":${q(r.hangup)},"hangupsource":${q(r.hangupsource)},"hangupcause":${r.hangupcause},"dialstatus":${q(r.dialstatus)},"duration":${r.duration},"duration_answered":${r.duration_answered},"duration_billed":${r.duration_billed},"billing_customer_debit_eur":"${r.billing_customer_debit_eur}","status":"${r.status}","sub_status":"${r.sub_status}","result_code":${q(r.result_code)}}`;
      }
      // Pretty-printed: each record over several lines, as JSON.stringify(records, null, n) writes
      // it (a JSON file's injected errors are all valid JSON: parse errors are NDJSON's).
      if (pretty) {
        text = pretty + JSON.stringify(JSON.parse(text), null, pretty).replace(/\n/g, '\n' + pretty);
        // (The manifest keeps each record's first line; rules report on the field's own line.)
        line += text.split('\n').length - 1;
      }
      push(format === 'json' && i !== rows - 1 ? text + ',\n' : text + '\n');
    }
    line++;
  }
  if (format === 'json') push(']\n');
  flush();
  closeSync(fd);
  const ms = performance.now() - t0;
  const stats = {
    generatorVersion: GENERATOR_VERSION, file: out, format, rows, seed, errorRate, ids, quote, eol: eolName, indent: o.indent ?? 0, bytes, ms: Math.round(ms),
    rowsPerSec: Math.round(rows / (ms / 1000)), mbPerSec: +(bytes / 1e6 / (ms / 1000)).toFixed(1),
    taxonomySource: model.taxonomySource,
    pairs: pairCounts, injected, rules: ruleCounts, injectedTotal: errorLines.length,
  };
  if (o.manifest !== false) writeFileSync(out + '.manifest.json', JSON.stringify({ ...stats, errorLines }) + '\n');
  return stats;
}

/**
 * Default path of a generated file: bench/data/cdr-<rows>-s<seed><shape>.<ext>, where <shape>
 * names what differs from the default records (-e<rate%>, -uuid, -quoted, -crlf, -indent<n>).
 */
export function dataPath(rows, format, seed = 42, shape = {}) {
  const { errorRate, ids = 'number', quote = 'minimal', eol = 'lf', indent = 0 } = shape;
  const suffix = (errorRate === undefined ? '' : `-e${errorRate * 100}`) + (ids === 'number' ? '' : `-${ids}`) + (quote === 'minimal' ? '' : '-quoted') + (eol === 'lf' ? '' : `-${eol}`) + (indent ? `-indent${indent}` : '');
  return join(ROOT, 'bench', 'data', `cdr-${countLabel(rows)}-s${seed}${suffix}.${EXT[format]}`);
}

async function main() {
  const a = parseArgs(process.argv.slice(2), { rows: 'string', format: 'string', seed: 'string', out: 'string', 'error-rate': 'string', ids: 'string', quote: 'string', eol: 'string', indent: 'string', help: 'boolean' });
  if (a.help) {
    console.log('usage: node bench/generate.mjs --rows 1000000 --format csv|ndjson|json [--seed 42] [--out FILE] [--error-rate 0.005] [--ids number|uuid] [--quote minimal|all] [--eol lf|crlf] [--indent N (JSON)]');
    return;
  }
  const rows = parseCount(a.rows ?? '100000');
  const format = a.format ?? 'csv';
  const seed = Number(a.seed ?? 42);
  const shape = { errorRate: a['error-rate'] === undefined ? undefined : Number(a['error-rate']), ids: a.ids, quote: a.quote, eol: a.eol, indent: a.indent === undefined ? undefined : Number(a.indent) };
  const out = a.out ?? dataPath(rows, format, seed, shape);
  const s = await generate({ rows, format, seed, out, ...shape });
  console.error(`${s.file}: ${s.rows} rows, ${(s.bytes / 1e6).toFixed(1)} MB, ${s.injectedTotal} injected errors, ${(s.ms / 1000).toFixed(2)} s (${s.rowsPerSec} rows/s, ${s.mbPerSec} MB/s); taxonomy from ${s.taxonomySource}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
