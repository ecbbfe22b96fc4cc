// Shared by the reliability tests: fast-check settings (seed), run counters for the summary,
// and the invariants every diagnostic and parse result must keep, checked against LineIndex.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  LineIndex,
  RULES,
  type Diagnostic,
  type ParseProblem,
  type Position,
  type Range,
  type StatusSummary,
} from '../../src/index.js';

/**
 * The seed: FC_SEED when set (replay a failure), a constant in CI (reproducible runs), random
 * otherwise (more coverage over time). fast-check prints the seed and path of any failure;
 * replay with `FC_SEED=<seed> FC_PATH=<path> npx vitest run test/reliability`.
 */
export const SEED: number =
  process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : process.env.CI ? 0x6cd71a7 : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;

/** Multiplies every numRuns (e.g. FC_RUNS_SCALE=10 for a long local soak). */
const SCALE = Number(process.env.FC_RUNS_SCALE ?? 1) || 1;

const runs = new Map<string, number>();

/** fast-check parameters for a property with `numRuns` cases (count them with count()). */
export function params(numRuns: number): fc.Parameters<unknown> {
  const n = Math.max(1, Math.round(numRuns * SCALE));
  const p: fc.Parameters<unknown> = { seed: SEED, numRuns: n, verbose: 1 };
  if (process.env.FC_PATH) p.path = process.env.FC_PATH;
  return p;
}

/** Counts one executed case of a property (called inside the predicate). */
export function count(name: string): void {
  runs.set(name, (runs.get(name) ?? 0) + 1);
}

/** Prints the cases run per property: the figures docs/reliability.md quotes. */
export function printRuns(file: string): void {
  const total = [...runs.values()].reduce((a, b) => a + b, 0);
  const lines = [...runs.entries()].map(([k, v]) => `  ${String(v).padStart(7)}  ${k}`);
  // One block per test file, so the counts can be read from the vitest output.
  console.log(`[reliability] ${file}: seed ${SEED}, ${total} cases\n${lines.join('\n')}`);
}

export function fail(message: string): never {
  throw new Error(message);
}

const RULE_IDS = new Set(RULES.map((r) => r.id));
const SEVERITIES = new Set(['error', 'warning', 'info']);

function checkPosition(idx: LineIndex, p: Position, what: string): void {
  const text = idx.text;
  if (!Number.isInteger(p.offset) || p.offset < 0 || p.offset > text.length) fail(`${what}: offset ${p.offset} outside [0, ${text.length}]`);
  // Between a CR and its LF no position agrees: core counts the CR in the column, an LSP
  // document puts the offset before it. The language server sends core's line and column.
  if (p.offset > 0 && text.charCodeAt(p.offset - 1) === 13 && text.charCodeAt(p.offset) === 10) fail(`${what}: offset ${p.offset} lies between a CR and its LF`);
  const want = idx.positionAt(p.offset);
  if (p.line !== want.line || p.column !== want.column) {
    fail(`${what}: offset ${p.offset} says ${p.line}:${p.column}, the text says ${want.line}:${want.column}`);
  }
}

export function checkRange(idx: LineIndex, r: Range, what: string): void {
  checkPosition(idx, r.start, `${what} start`);
  checkPosition(idx, r.end, `${what} end`);
  if (r.start.offset > r.end.offset) fail(`${what}: start ${r.start.offset} > end ${r.end.offset}`);
}

/** Every diagnostic: known rule, severity, message, ranges inside the text with agreeing line/column, edits inside. */
export function checkDiagnostics(text: string, ds: readonly Diagnostic[], index?: LineIndex, ordered = true): void {
  if (ds.length === 0) return;
  const idx = index ?? new LineIndex(text);
  let last = -1;
  for (const d of ds) {
    const what = `${d.ruleId} '${d.message.slice(0, 80)}'`;
    if (!RULE_IDS.has(d.ruleId)) fail(`unknown rule id ${d.ruleId}`);
    if (!SEVERITIES.has(d.severity)) fail(`${what}: severity ${String(d.severity)}`);
    if (typeof d.message !== 'string' || d.message.length === 0) fail(`${d.ruleId}: empty message`);
    if (d.message.length > 2000) fail(`${d.ruleId}: message of ${d.message.length} chars (values must be clipped)`);
    checkRange(idx, d.range, what);
    for (const r of d.related ?? []) checkRange(idx, r.range, `${what} related`);
    for (const f of [d.fix, ...(d.suggestions ?? [])]) {
      if (!f) continue;
      for (const e of f.edits) {
        if (!(e.start >= 0 && e.start <= e.end && e.end <= text.length)) fail(`${what}: edit [${e.start}, ${e.end}) outside [0, ${text.length}]`);
      }
    }
    if (ordered && d.range.start.offset < last) fail(`${what}: diagnostics out of source order`);
    last = d.range.start.offset;
  }
}

/** Parse problems have the same range contract. */
export function checkProblems(text: string, ps: readonly ParseProblem[], idx: LineIndex = new LineIndex(text)): void {
  for (const p of ps) {
    checkRange(idx, p.range, `${p.ruleId} '${p.message.slice(0, 80)}'`);
    for (const e of p.fix?.edits ?? []) {
      if (!(e.start >= 0 && e.start <= e.end && e.end <= text.length)) fail(`${p.ruleId}: edit outside the text`);
    }
  }
}

export function checkSummary(s: StatusSummary, records: number): void {
  if (s.records !== records) fail(`summary.records ${s.records} != records ${records}`);
  if (s.classified > s.records) fail('classified > records');
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  if (sum(s.statuses) !== s.classified) fail('status counts do not add up to classified');
  if (sum(s.subStatuses) > s.classified || sum(s.resultCodes) > s.classified) fail('sub-status/result-code counts exceed classified');
  if (s.answerRate !== null && !(s.answerRate >= 0 && s.answerRate <= 1)) fail(`answerRate ${s.answerRate}`);
  if ((s.answerRate === null) !== (s.classified === 0)) fail('answerRate null iff nothing classified');
}

/** Throws when a single call exceeds `ms` (a safety net against hangs, not a speed test). */
export function timed<T>(what: string, f: () => T, ms = 2000): T {
  const t0 = performance.now();
  const r = f();
  const dt = performance.now() - t0;
  if (dt > ms) fail(`${what} took ${dt.toFixed(0)} ms`);
  return r;
}

/** Splits `text` at the given chunk sizes (the rest in a last chunk). */
export function chunksOf(text: string, sizes: readonly number[]): string[] {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= text.length) break;
    out.push(text.slice(at, at + n));
    at += n;
  }
  out.push(text.slice(at));
  return out;
}

/** Comparable form of a diagnostic (everything but object identity). */
export function key(d: Diagnostic): string {
  return JSON.stringify([d.ruleId, d.severity, d.message, d.range, d.record, d.fix, d.suggestions, d.related]);
}

export const coreDir = join(import.meta.dirname, '..', '..');
export const repoDir = join(coreDir, '..', '..');

/** The valid fixtures and examples: the seeds that mutations start from. */
export function seedDocuments(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const rules = join(coreDir, 'test', 'fixtures', 'rules');
  for (const rule of readdirSync(rules).sort()) {
    for (const f of readdirSync(join(rules, rule)).sort()) {
      if (f.startsWith('valid.')) out.push({ name: `${rule}/${f}`, text: readFileSync(join(rules, rule, f), 'utf8') });
    }
  }
  const examples = join(repoDir, 'examples');
  if (existsSync(examples)) {
    for (const f of readdirSync(examples).sort()) out.push({ name: `examples/${f}`, text: readFileSync(join(examples, f), 'utf8') });
  }
  return out;
}

/** The file name to lint a seed under (keeps the format its extension implies). */
export function lintName(name: string): string {
  return name.replace(/^.*\//, '');
}

// --- arbitraries -----------------------------------------------------------------------------

/** Characters that matter to CSV/JSON/NDJSON, line breaks of every kind, and some non-ASCII. */
const STRUCTURAL = ['"', ',', ';', '\t', '\n', '\r', '\r\n', ' ', '{', '}', '[', ']', ':', '\\', '\u0000', '\uFEFF', 'é', '😀', '\uD800'];

export const structuredString = (maxLength: number) =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...STRUCTURAL) },
      { weight: 3, arbitrary: fc.constantFrom('a', 'b', '1', '0', '-', '+', '_', 'e', '.', 'E', 'T', 'Z', 'n', 'u', 'l', 't', 'r', 'f') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    ),
  });

/** Taxonomy-ish words that make the rules run deep (statuses, fields, case variants). */
const WORDS = [
  'ANSWERED', 'answered', 'ABSENT', 'Absent', 'ERROR', 'COMPLETE', 'complete', 'NO_ANSWER', 'BUSY', 'VOICEMAIL_DETECTED',
  'BLACKLISTED', 'HANGUP', 'VOICEMAIL_COMPLETE', 'ANSWERED/COMPLETE', 'ANSWERED_COMPLETE', 'absent/busy', ' ERROR ',
  'status', 'sub_status', 'result_code', 'call_id', 'callid', 'start_time', 'answer_time', 'end_time', 'duration',
  'duration_answered', 'duration_billed', 'hangup_cause', 'dial_status', 'direction', 'inbound', 'number',
  '+33612345678', '2024-03-12 09:15:02', '2024-03-12T09:15:02Z', '16', '2.40', '39', '-1', '1e400', '__proto__', 'constructor',
];

/** Strings built from structural characters and taxonomy words: reach deep into the linter. */
export const cdrishString = (maxLength: number) =>
  fc
    .array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...STRUCTURAL) }, { weight: 2, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 4 }) }), {
      maxLength,
    })
    .map((parts) => parts.join(''));

/** Mutations of a seed document: the edits broken exports show. */
export function mutate(text: string): fc.Arbitrary<string> {
  const pos = fc.nat({ max: Math.max(0, text.length) });
  const insertText = fc.oneof(fc.constantFrom(...STRUCTURAL, ...WORDS, '\n\n', '\r\n\r\n', '""', '","'), structuredString(6));
  type Op = (t: string) => string;
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.tuple(pos, insertText).map(([p, s]): Op => (t) => t.slice(0, p) + s + t.slice(p)),
    fc.tuple(pos, fc.nat(12)).map(([p, n]): Op => (t) => t.slice(0, p) + t.slice(p + n)),
    fc.tuple(pos, fc.nat(40)).map(([p, n]): Op => (t) => t.slice(0, p + n) + t.slice(p, p + n) + t.slice(p + n)),
    fc.tuple(pos, fc.nat(30), fc.boolean()).map(([p, n, up]): Op => (t) => {
      const s = t.slice(p, p + n);
      return t.slice(0, p) + (up ? s.toUpperCase() : s.toLowerCase()) + t.slice(p + n);
    }),
    fc.tuple(pos, fc.constantFrom(' ', '  ', '\t')).map(([p, s]): Op => (t) => t.slice(0, p) + s + t.slice(p)),
    pos.map((p): Op => (t) => t.slice(0, p)),
    fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Op => (t) => {
      const lines = t.split('\n');
      if (lines.length < 3) return t;
      const i = 1 + (a % (lines.length - 1));
      const j = 1 + (b % (lines.length - 1));
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }),
    fc.constantFrom<Op>((t) => t.replace(/\n/g, '\r\n'), (t) => t.replace(/\n/g, '\r'), (t) => '\uFEFF' + t),
  );
  return fc.array(op, { minLength: 1, maxLength: 4 }).map((ops) => ops.reduce((t, f) => f(t), text));
}
