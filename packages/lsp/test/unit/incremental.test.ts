// Differential test: the incremental re-check equals a fresh full lint after every step of long
// random edit sequences on CSV, NDJSON and JSON documents (fast-check, fixed seed; a failure prints the
// seed and the shrunk edit sequence to replay it).
import { DEFAULT_CONFIG, resolveConfig, STATUS_NAMES, SUB_STATUS_NAMES, type LintConfig } from '@cdrlint/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullSnapshot, relintEdit, type Snapshot } from '../../src/incremental.js';
import { LineText } from '../../src/line-text.js';
import { fixtureText } from '../helpers/lsp-client.js';

const SEED = Number(process.env.CDRLINT_SEED ?? 20251127);
const RUNS = Number(process.env.CDRLINT_RUNS ?? 150);

const insArb = fc.oneof(
  fc.constantFrom(...STATUS_NAMES, ...SUB_STATUS_NAMES, 'answered', 'HANGUP', 'VOICEMAIL_COMPLETE', '1002', '4001', '', ',', 'X', '"', '\n', ' ', '16', '2025-13-01'),
  fc.string({ maxLength: 4 }),
);
/** An edit: on line `line` (modulo), at column `col` (modulo), delete `del` chars and insert `ins`. */
const editArb = fc.record({ line: fc.nat(), col: fc.nat(), del: fc.nat({ max: 10 }), ins: insArb });
/**
 * For JSON, shorter deletions, half of them none: deleting a few characters at random almost
 * always breaks the JSON, and the parser stops at the first break, so a sequence that breaks it
 * early would re-check the whole text at every later step.
 */
const jsonEditArb = fc.record({ line: fc.nat(), col: fc.nat(), del: fc.oneof(fc.constant(0), fc.nat({ max: 3 })), ins: insArb });

/** An edit of the text, in offsets: [start, end) replaced by `ins`. */
type TextEdit = { start: number; end: number; ins: string };

/**
 * A JSON edit of the kind that adds or removes records (line breaks, records pasted or begun,
 * lines deleted) or breaks the structure between them, on line `line` (modulo) of the text.
 * Call ids 990-993: some pasted records repeat one.
 */
const jsonRowArb = fc.record({
  line: fc.nat(),
  col: fc.nat(),
  kind: fc.constantFrom('break', 'break', 'paste', 'paste', 'delete', 'delete', 'begin', 'type', 'erase'),
  id: fc.nat({ max: 3 }),
  ch: fc.constantFrom('{', '}', ',', '"', '\n', ']', '"callid":5', ' '),
});
function rowOp(text: string, op: { line: number; col: number; kind: string; id: number; ch: string }): TextEdit {
  const lines = text.split('\n');
  const li = op.line % lines.length;
  const start = lines.slice(0, li).reduce((n, l) => n + l.length + 1, 0);
  const end = start + lines[li].length;
  const at = start + (op.col % (lines[li].length + 1));
  const record = `{"callid":${990 + op.id},"status":"ABSENT","sub_status":"BUSY","number":"+33612345678"},`;
  switch (op.kind) {
    case 'break':
      return { start: end, end, ins: '\n' };
    case 'paste':
      return { start, end: start, ins: `${record}\n` };
    case 'delete':
      return { start, end: Math.min(text.length, end + 1), ins: '' };
    case 'begin':
      return { start: end, end, ins: ',\n{}' };
    case 'type':
      return { start: at, end: at, ins: op.ch };
    default:
      return { start: at, end: Math.min(text.length, at + 1), ins: '' };
  }
}
/** The incremental snapshot holds what a full lint of the same text gives: messages, summary and index. */
function expectAsFull(inc: Snapshot, full: Snapshot): void {
  expect(inc.result.diagnostics).toEqual(full.result.diagnostics);
  expect(inc.result.summary).toEqual(full.result.summary);
  expect(inc.result.records).toBe(full.result.records);
  expect(inc.index.starts.toArray()).toEqual(full.index.starts.toArray());
  expect(inc.index.ends.toArray()).toEqual(full.index.ends.toArray());
  expect(inc.index.lines.toArray()).toEqual(full.index.lines.toArray());
  expect(inc.index.firstStatus).toBe(full.index.firstStatus);
  expect(inc.index.table.summary(inc.index.classes, inc.index.classes.length)).toEqual(full.result.summary);
}

/** `k` applied to the snapshot's text: the incremental snapshot (undefined: a full lint is needed) and a full lint. */
function applyEdit(snap: Snapshot, k: TextEdit, config: LintConfig, fileName: string): { inc: Snapshot | undefined; full: Snapshot } {
  const next = snap.text.replace(k.start, k.end, k.ins);
  return { inc: relintEdit(snap, next, { start: k.start, endOld: k.end, endNew: k.start + k.ins.length }), full: fullSnapshot(next.toString(), config, fileName) };
}

/** Applies each edit, each of which must be re-checked alone and equal a full lint: the last snapshot and the record counts seen. */
function followEvery(snap: Snapshot, keys: readonly TextEdit[], config: LintConfig, fileName: string): { snap: Snapshot; counts: Set<number> } {
  const counts = new Set<number>();
  for (const k of keys) {
    const { inc, full } = applyEdit(snap, k, config, fileName);
    expect(inc).toBeDefined();
    expectAsFull(inc!, full);
    counts.add(full.result.records);
    snap = inc!;
  }
  return { snap, counts };
}

/** The edit that `op` makes on line `op.line` (modulo), column `op.col` (modulo) of `text`. */
function lineOp(text: string, op: { line: number; col: number; del: number; ins: string }): TextEdit {
  const lines = text.split('\n');
  const li = op.line % lines.length;
  const lineStart = lines.slice(0, li).reduce((n, l) => n + l.length + 1, 0);
  const start = lineStart + (op.col % (lines[li].length + 1));
  return { start, end: Math.min(text.length, start + op.del), ins: op.ins };
}

function run<Op>(base: string, fileName: string, ops: Op[], stats: { incremental: number; full: number }, resolve: (text: string, op: Op) => TextEdit): void {
  const config = resolveConfig(DEFAULT_CONFIG);
  let snap: Snapshot = fullSnapshot(base, config, fileName);
  for (const op of ops) {
    const text = snap.text.toString();
    const { start, end, ins } = resolve(text, op);
    const next = text.slice(0, start) + ins + text.slice(end);
    // The server's path: the new version shares the old one's chunks.
    const nextText = snap.text.replace(start, end, ins);
    expect(nextText.toString()).toBe(next);
    const inc = relintEdit(snap, nextText, { start, endOld: end, endNew: start + ins.length });
    const full = fullSnapshot(LineText.from(next), config, fileName);
    if (inc) {
      stats.incremental++;
      expectAsFull(inc, full);
      snap = inc;
    } else {
      stats.full++;
      snap = full;
    }
  }
}

/** calls.csv's rows repeated with fresh call ids until the text spans many LineText chunks. */
function bigCsv(): string {
  const [header, ...rows] = fixtureText('calls.csv').trimEnd().split('\n');
  const out = [header];
  for (let copy = 0; out.join('\n').length < 300_000; copy++) {
    for (const row of rows) out.push(row.replace(/^\d+/, (id) => String(Number(id) + copy * 1000)));
  }
  return out.join('\n') + '\n';
}

describe('incremental re-check equals a full lint', () => {
  it('across chunk boundaries of a large CSV', () => {
    const stats = { incremental: 0, full: 0 };
    const base = bigCsv();
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (ops) => run(base, 'big.csv', ops, stats, lineOp)),
      { seed: SEED, numRuns: 15 },
    );
    expect(stats.incremental).toBeGreaterThan((stats.incremental + stats.full) / 8);
  }, 120_000);

  const envelope = JSON.parse(fixtureText('calls.json')) as { data: Record<string, unknown>[] };
  // With a repeated call id: duplicate-call-id's related ranges on the line that an edit moves.
  const withRepeat = [...envelope.data, { ...envelope.data[0], status: 'ABSENT', sub_status: 'BUSY', answer: null }];
  const documents: [name: string, text: string, fileName: string][] = [
    ['CSV', fixtureText('calls.csv'), 'calls.csv'],
    ['CSV (valid)', fixtureText('valid.csv'), 'valid.csv'],
    ['CSV (CR LF)', fixtureText('calls.csv').replace(/\n/g, '\r\n'), 'calls.csv'],
    // Every cell quoted, "" inside a cell, a cell over two lines, a row partly quoted.
    ['CSV (quoted)', fixtureText('quoted.csv'), 'quoted.csv'],
    ['NDJSON', fixtureText('calls.ndjson'), 'calls.ndjson'],
    // An edit between a CR and its LF splits the line break in two.
    ['NDJSON (CR LF)', fixtureText('calls.ndjson').replace(/\n/g, '\r\n'), 'calls.ndjson'],
    // Lines that are no record: blank, half typed, not an object, a BOM that is no white space there.
    ['NDJSON (lines that are no record)', `${fixtureText('calls.ndjson').trimEnd().split('\n').join('\n\n{"callid": 9, "sta\n[1, 2]\n\ufeff{"status": "ANSWERED"}\n')}\n`, 'calls.ndjson'],
    ['JSON (envelope, indented)', fixtureText('calls.json'), 'calls.json'],
    ['JSON (a record a line)', `[\n${envelope.data.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`, 'lines.json'],
    // Every record on one line: an edit moves the columns of the records after it.
    ['JSON (one line)', JSON.stringify(withRepeat), 'minified.json'],
  ];
  for (const [name, text, fileName] of documents) {
    it(`${name}: ${RUNS} random edit sequences`, () => {
      const stats = { incremental: 0, full: 0 };
      fc.assert(
        fc.property(fc.array(fileName.endsWith('.json') ? jsonEditArb : editArb, { minLength: 1, maxLength: 30 }), (ops) => run(text, fileName, ops, stats, lineOp)),
        { seed: SEED, numRuns: RUNS },
      );
      // The fast path must actually be exercised, or this test proves nothing. Random edits often
      // break a JSON line (then the full lint runs), so NDJSON takes it less often than CSV.
      console.log(`[incremental] ${name}: ${stats.incremental} incremental steps, ${stats.full} full re-lints (seed ${SEED})`);
      expect(stats.incremental).toBeGreaterThan((stats.incremental + stats.full) / 8);
    }, 120_000);
  }

  // Records added and removed in JSON: each document holds records of several lines, records a
  // line, records without a status field after the first one with one, and the array's end.
  // Four copies of the fixture's records (fresh call ids), so that most edits fall after the
  // first record, and the repeated call id.
  const many = [0, 1, 2, 3].flatMap((copy) => envelope.data.map((r) => ({ ...r, callid: Number(r.callid) + 100 * copy })));
  const noStatus = envelope.data.map((r, i) => ({ callid: 700 + i, number: r.number }));
  const jsonRows: [name: string, text: string, fileName: string][] = [
    ['JSON (envelope, indented)', JSON.stringify({ status: 'OK', data: [...many, withRepeat.at(-1)] }, null, 2), 'calls.json'],
    ['JSON (a record a line)', `[\n${[...many, withRepeat.at(-1), ...noStatus].map((r) => JSON.stringify(r)).join(',\n')}\n]\n`, 'lines.json'],
    ['JSON (indented array, CR LF)', JSON.stringify([...many, withRepeat.at(-1)], null, 2).replace(/\n/g, '\r\n'), 'crlf.json'],
  ];
  for (const [name, text, fileName] of jsonRows) {
    it(`${name}: ${RUNS} random sequences of records added and removed`, () => {
      const stats = { incremental: 0, full: 0 };
      fc.assert(
        fc.property(fc.array(jsonRowArb, { minLength: 1, maxLength: 20 }), (ops) => run(text, fileName, ops, stats, rowOp)),
        { seed: SEED, numRuns: RUNS },
      );
      console.log(`[incremental] ${name}, rows: ${stats.incremental} incremental steps, ${stats.full} full re-lints (seed ${SEED})`);
      expect(stats.incremental).toBeGreaterThan((stats.incremental + stats.full) / 4);
    }, 120_000);
  }

  /**
   * The keystrokes that type `,"note":"ok"` before the record's closing brace at `brace`, as VS
   * Code sends them (a quote opened is typed with its closing one, a closing quote typed over),
   * then erase it with backspace from its end (which leaves a string open on the way).
   */
  function typeAndErase(brace: number): { start: number; end: number; ins: string }[] {
    const keys: { start: number; end: number; ins: string }[] = [];
    let c = brace;
    for (const k of [',', '""', 'n', 'o', 't', 'e', null, ':', '""', 'o', 'k', null]) {
      if (k !== null) keys.push({ start: c, end: c, ins: k });
      c += k === null || k === '""' ? 1 : k.length;
    }
    for (let e = c; e > brace; e--) keys.push({ start: e - 1, end: e, ins: '' });
    return keys;
  }

  // Records after the edited one, for the parser to stop before.
  // The last one has an unknown status: a message that goes while the parser stops before it.
  const six: Record<string, unknown>[] = [0, 1, 2].flatMap((copy) => envelope.data.map((r) => ({ ...r, callid: Number(r.callid) + 100 * copy })));
  six[5] = { ...six[5], status: 'ANSWERD' };
  // [name, text, file name, whether every step is incremental, the record typed in]
  const typed: [name: string, text: string, fileName: string, everyStep: boolean, record: number][] = [
    ['NDJSON', fixtureText('calls.ndjson'), 'calls.ndjson', true, 1],
    // The first record stops being one and comes back: the next one has a status, so no
    // missing-status message is held back either way.
    ['NDJSON (the first record)', fixtureText('calls.ndjson'), 'calls.ndjson', true, 0],
    ['JSON (envelope, indented)', JSON.stringify({ status: 'OK', data: six }, null, 2), 'calls.json', true, 1],
    ['JSON (a record a line)', `[\n${six.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`, 'lines.json', true, 1],
    // On one line an open string runs on into the next records: those steps re-check it whole.
    ['JSON (one line)', JSON.stringify(six), 'minified.json', false, 1],
  ];
  for (const [name, text, fileName, everyStep, record] of typed) {
    it(`${name}: typing a field into a record and erasing it, a keystroke at a time`, () => {
      const config = resolveConfig(DEFAULT_CONFIG);
      let snap = fullSnapshot(text, config, fileName);
      // Before the record's closing brace (flat: the first `}` after its start).
      const brace = text.indexOf('}', snap.index.starts.at(record));
      const records = new Set<number>();
      let incremental = 0;
      const keys = typeAndErase(brace);
      for (const k of keys) {
        const { inc, full } = applyEdit(snap, k, config, fileName);
        records.add(full.result.records);
        if (everyStep) expect(inc).toBeDefined();
        snap = full;
        if (!inc) continue;
        incremental++;
        expectAsFull(inc, full);
        snap = inc;
      }
      expect(snap.text.toString()).toBe(text);
      expect(incremental).toBeGreaterThan(keys.length / 2);
      // The record disappears while the field is not JSON, and in JSON the parser stops at a string
      // left open: the records after it are not counted then.
      expect(records.size).toBeGreaterThan(fileName.endsWith('.json') && everyStep ? 2 : 1);
    });
  }

  /**
   * Rows added and removed as an editor sends it: a line break at the end of a row, a row pasted
   * on the new line, three rows pasted at once, then each removed with its line break, after the
   * line `row`. The rows are copies of the second line (a record in each fixture) with new call ids.
   */
  function rowEdits(text: string, row: number): { start: number; end: number; ins: string }[] {
    const lines = text.split('\n');
    const end = lines.slice(0, row + 1).reduce((n, l) => n + l.length + 1, 0) - 1;
    const copy = (k: number) => lines[1].replace(/\d+/, (id) => `9${k}${id}`);
    const three = `${copy(2)}\n${copy(3)}\n${copy(4)}`;
    return [
      { start: end, end, ins: '\n' },
      { start: end + 1, end: end + 1, ins: copy(1) },
      { start: end + 1 + copy(1).length, end: end + 1 + copy(1).length, ins: `\n${three}` },
      { start: end + 1 + copy(1).length, end: end + 2 + copy(1).length + three.length, ins: '' },
      { start: end, end: end + 1 + copy(1).length, ins: '' },
    ];
  }

  /** The text with a blank line after its second line. */
  const withBlank = (t: string) => {
    const lines = t.split('\n');
    lines.splice(2, 0, '');
    return lines.join('\n');
  };
  // [name, text, file name, the line the rows are added after]
  const rowDocuments: [name: string, text: string, fileName: string, after: number][] = [
    ['CSV', fixtureText('calls.csv'), 'calls.csv', 1],
    // Before the first record: CSV holds no missing-status messages back, so no record is first.
    ['CSV (after the header)', fixtureText('calls.csv'), 'calls.csv', 0],
    // A blank row where the rows go: its message stays, at the line after them.
    ['CSV (a blank row after the edited one)', withBlank(fixtureText('calls.csv')), 'calls.csv', 1],
    ['CSV (quoted)', fixtureText('quoted.csv'), 'quoted.csv', 1],
    ['NDJSON', fixtureText('calls.ndjson'), 'calls.ndjson', 1],
    // A record a line, with a repeated call id whose first record comes after the rows.
    ['JSON (a record a line)', `[\n${[...many, { ...many[4], status: 'ABSENT', sub_status: 'BUSY', answer: null }].map((r) => JSON.stringify(r)).join(',\n')}\n]\n`, 'lines.json', 1],
  ];
  for (const [name, text, fileName, after] of rowDocuments) {
    it(`${name}: rows added and removed are re-checked alone, repeated call ids after them included`, () => {
      const config = resolveConfig(DEFAULT_CONFIG);
      const snap = fullSnapshot(text, config, fileName);
      const full0 = snap.result.diagnostics;
      // A repeated call id after the rows, whose message names its first record's line.
      expect(full0.some((d) => d.ruleId === 'duplicate-call-id' && d.related![0].range.start.line > after) || fileName.endsWith('.ndjson')).toBe(true);
      const { snap: last, counts } = followEvery(snap, rowEdits(text, after), config, fileName);
      expect(last.text.toString()).toBe(text);
      expect(counts.size).toBe(3);
    });
  }

  it('JSON: a record typed between two others, a keystroke at a time, then erased', () => {
    // As VS Code sends it: a line break after a record's `},`, `{` typed with its `}`, the fields
    // typed with each quote closed as it opens (the closing quote typed over), the cursor moved
    // past the `}` and the comma typed. Until then a comma is missing before the next record.
    const config = resolveConfig(DEFAULT_CONFIG);
    const text = `[\n${many.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
    let snap = fullSnapshot(text, config, 'lines.json');
    const lineEnd = text.indexOf('\n', snap.index.ends.at(4));
    const keys: { start: number; end: number; ins: string }[] = [
      { start: lineEnd, end: lineEnd, ins: '\n' },
      { start: lineEnd + 1, end: lineEnd + 1, ins: '{}' },
    ];
    let c = lineEnd + 2;
    let inString = false;
    for (const ch of '"callid":991,"status":"ANSWERED","sub_status":"COMPLETE"') {
      if (ch === '"' && inString) c++;
      else {
        const ins = ch === '"' ? '""' : ch;
        keys.push({ start: c, end: c, ins });
        c++;
      }
      if (ch === '"') inString = !inString;
    }
    keys.push({ start: c + 1, end: c + 1, ins: ',' });
    const typed = keys.length;
    for (let e = c + 2; e > lineEnd; e--) keys.push({ start: e - 1, end: e, ins: '' });
    const messages = new Set<string>();
    let incremental = 0;
    keys.forEach((k, i) => {
      const { inc, full } = applyEdit(snap, k, config, 'lines.json');
      for (const d of full.result.diagnostics) if (d.ruleId === 'parse-error') messages.add(d.message);
      if (i < typed) expect(inc).toBeDefined();
      if (inc) {
        incremental++;
        expectAsFull(inc, full);
      }
      snap = inc ?? full;
      if (i === typed - 1) expect(full.result.records).toBe(many.length + 1);
    });
    expect(snap.text.toString()).toBe(text);
    expect(incremental).toBeGreaterThan(typed);
    // The states went through a missing comma and records that are not JSON.
    expect(messages.size).toBeGreaterThan(1);
  });

  it('JSON: lines added in and before the first record are re-checked alone', () => {
    // An indented envelope: a line break in the first record and a record pasted before it (the
    // span then starts after the array's `[`), each undone. The first record keeps a status.
    const config = resolveConfig(DEFAULT_CONFIG);
    const text = JSON.stringify({ status: 'OK', data: many }, null, 2);
    const snap = fullSnapshot(text, config, 'calls.json');
    const inFirst = text.indexOf('\n', snap.index.starts.at(0) + 2);
    const firstLine = text.lastIndexOf('\n', snap.index.starts.at(0)) + 1;
    const pasted = '    {"callid": 990, "status": "ABSENT", "sub_status": "BUSY"},\n';
    const keys = [
      { start: inFirst, end: inFirst, ins: '\n      ' },
      { start: inFirst, end: inFirst + 7, ins: '' },
      { start: firstLine, end: firstLine, ins: pasted },
      { start: firstLine, end: firstLine + pasted.length, ins: '' },
    ];
    const { snap: last, counts } = followEvery(snap, keys, config, 'calls.json');
    expect(last.text.toString()).toBe(text);
    expect(counts.size).toBe(2);
  });

  it('JSON: line breaks at the end of the file change nothing, unless something is reported there', () => {
    const config = resolveConfig(DEFAULT_CONFIG);
    const lines = `[\n${many.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
    // A complete array, an envelope, and an array left open (reported at the end of the text).
    for (const [text, taken] of [[lines, true], [JSON.stringify({ status: 'OK', data: many }, null, 2), true], [lines.slice(0, -1), false]] as const) {
      let snap = fullSnapshot(text, config, 'end.json');
      const end = text.length;
      for (const k of [{ start: end, end, ins: '\n' }, { start: end + 1, end: end + 1, ins: '  \n' }, { start: end, end: end + 4, ins: '' }]) {
        const { inc, full } = applyEdit(snap, k, config, 'end.json');
        expect(inc !== undefined).toBe(taken);
        if (inc) expectAsFull(inc, full);
        snap = inc ?? full;
      }
    }
  });

  it('JSON: a no-break space between records is no JSON white space', () => {
    // Core reports it, and a comma missing after it: an element being typed after it is not
    // read alone.
    const config = resolveConfig(DEFAULT_CONFIG);
    const r = (id: number) => `{"callid":${id},"number":"+33612345678","status":"ABSENT","sub_status":"BUSY"}`;
    const text = `[\n${r(1)},\n${r(2)},\u00a0{"callid":3 "x"},\n${r(4)}\n]\n`;
    const snap = fullSnapshot(text, config, 'nbsp.json');
    const at = text.indexOf('"x"') + 1;
    const next = snap.text.replace(at, at, 'y');
    const full = fullSnapshot(next.toString(), config, 'nbsp.json');
    expect(full.result.diagnostics.some((d) => d.message.startsWith('Expected a comma or closing bracket'))).toBe(true);
    const inc = relintEdit(snap, next, { start: at, endOld: at, endNew: at + 1 });
    if (inc) expectAsFull(inc, full);
  });

  it('JSON: a record that is the whole document is no element of an array', () => {
    // After the one record, core reports the rest as content after the value, not as a trailing
    // comma: a small document that put the record in an array would say otherwise.
    const config = resolveConfig(DEFAULT_CONFIG);
    const rec = '{"callid":1,"number":"+33612345678","status":"ABSENT","sub_status":"BUSY"}';
    const snap = fullSnapshot(`${rec}\n,\n]\n`, config, 'one.json');
    const at = rec.length + 2;
    const next = snap.text.replace(at, at, ' ');
    const full = fullSnapshot(next.toString(), config, 'one.json');
    expect(full.result.records).toBe(1);
    const inc = relintEdit(snap, next, { start: at, endOld: at, endNew: at + 1 });
    if (inc) expect(inc.result.diagnostics).toEqual(full.result.diagnostics);
  });

  it('NDJSON: a BOM typed at the start of a line is no white space there', () => {
    const config = resolveConfig(DEFAULT_CONFIG);
    const snap = fullSnapshot(fixtureText('calls.ndjson'), config, 'calls.ndjson');
    const at = snap.text.toString().indexOf('\n') + 1;
    const next = snap.text.replace(at, at, '\ufeff');
    const full = fullSnapshot(next.toString(), config, 'calls.ndjson');
    expect(full.result.records).toBe(snap.result.records - 1);
    const inc = relintEdit(snap, next, { start: at, endOld: at, endNew: at + 1 });
    if (inc) expect(inc.result.diagnostics).toEqual(full.result.diagnostics);
  });

  it('a first record that stops being one lets the messages of the records after it be held', () => {
    // The first record has a status, the next 2000 none: each is reported. Once the first line is
    // not JSON, core holds their messages until a record with a status, and keeps PENDING_LIMIT.
    const config = resolveConfig(DEFAULT_CONFIG);
    const lines = ['{"callid":1,"number":"+33612345678","status":"ABSENT","sub_status":"BUSY"}'];
    for (let i = 0; i < 2000; i++) lines.push(`{"callid":${i + 2},"number":"+33612345678"}`);
    lines.push('{"callid":5000,"number":"+33612345678","status":"ABSENT","sub_status":"BUSY"}');
    const text = lines.join('\n') + '\n';
    const snap = fullSnapshot(text, config, 'held.ndjson');
    const at = lines[0].length - 1; // before the first record's }
    const next = snap.text.replace(at, at, ',');
    const full = fullSnapshot(next.toString(), config, 'held.ndjson');
    expect(full.result.diagnostics.length).toBeLessThan(snap.result.diagnostics.length);
    const inc = relintEdit(snap, next, { start: at, endOld: at, endNew: at + 1 });
    if (inc) expect(inc.result.diagnostics).toEqual(full.result.diagnostics);
  });

  it('a record that gains the first status field changes which held messages are reported', () => {
    // Records before the first one with a status hold their missing-status messages, at most
    // core's PENDING_LIMIT (1000); moving the first status earlier reports those it had dropped
    // (the first expectation fails if the limit ever outgrows this document).
    const config = resolveConfig(DEFAULT_CONFIG);
    const lines = Array.from({ length: 2000 }, (_, i) => `{"callid":${i + 1},"number":"+33612345678"}`);
    lines.push('{"callid":5000,"number":"+33612345678","status":"ABSENT","sub_status":"BUSY"}');
    const text = lines.join('\n') + '\n';
    const snap = fullSnapshot(text, config, 'held.ndjson');
    const at = lines[0].length + 1 + lines[1].length + 1 + lines[2].length - 1; // before record 2's }
    const ins = ',"status":"ABSENT","sub_status":"BUSY"';
    const next = text.slice(0, at) + ins + text.slice(at);
    const full = fullSnapshot(next, config, 'held.ndjson');
    expect(full.result.diagnostics.length).toBeGreaterThan(snap.result.diagnostics.length);
    const inc = relintEdit(snap, snap.text.replace(at, at, ins), { start: at, endOld: at, endNew: at + ins.length });
    if (inc) expect(inc.result.diagnostics).toEqual(full.result.diagnostics);
  });
});
