// The adversarial corpus: committed files in test/fixtures/adversarial and big inputs generated at
// run time (generated-inputs.ts), each with its expected outcome in expected.json. Every case also
// keeps the range invariants, and streaming (bytes -> decoder -> linter, in chunks) agrees with the
// whole-text path. ADV_DUMP=1 prints the actual outcomes in expected.json's shape (for review).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import {
  LineIndex,
  createDecoder,
  createLinter,
  decodeBytes,
  lintText,
  parseConfig,
  resolveConfig,
  type Diagnostic,
  type LintResult,
} from '../../src/index.js';
import { GENERATORS, PRECHECKS, SCALABLE } from './generated-inputs.js';
import { checkDiagnostics, checkSummary, coreDir, fail, key } from './support.js';

const dir = join(coreDir, 'test', 'fixtures', 'adversarial');

interface Outcome {
  why: string;
  format: string;
  records: number;
  isCdr: boolean;
  bom?: string | null;
  /** `ruleId@line:column` of every diagnostic (0-based), in order. */
  diagnostics?: string[];
  /** For huge outputs: count per rule, and the first few diagnostics. */
  ruleCounts?: Record<string, number>;
  first?: string[];
}

interface ConfigOutcome {
  why: string;
  /** [line, column, text the message contains] for every error, in order. */
  errors: [number, number, string][];
  config: unknown;
}

const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  files: Record<string, Outcome>;
  configs: Record<string, ConfigOutcome>;
  generated: Record<string, Outcome>;
};
const DUMP = process.env.ADV_DUMP === '1';
const dumped: Record<string, unknown> = {};
const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();

afterAll(() => {
  if (DUMP) console.log(JSON.stringify(dumped, null, 2));
  const n = Object.keys(expected.files).length + Object.keys(expected.configs).length + Object.keys(expected.generated).length;
  console.log(`[reliability] corpus: ${Object.keys(expected.files).length} files, ${Object.keys(expected.configs).length} configs, ${Object.keys(expected.generated).length} generated inputs (${n} cases), ${Object.keys(SCALABLE).length} linearity families`);
});

const tag = (d: Diagnostic) => `${d.ruleId}@${d.range.start.line}:${d.range.start.column}`;

function outcomeOf(r: LintResult, diagnostics: readonly Diagnostic[], bom?: string | null): Omit<Outcome, 'why'> {
  const o: Omit<Outcome, 'why'> = { format: r.format, records: r.records, isCdr: r.isCdr };
  if (bom !== undefined) o.bom = bom;
  if (diagnostics.length <= 20) o.diagnostics = diagnostics.map(tag);
  else {
    const counts: Record<string, number> = {};
    for (const d of diagnostics) counts[d.ruleId] = (counts[d.ruleId] ?? 0) + 1;
    o.ruleCounts = counts;
    o.first = diagnostics.slice(0, 3).map(tag);
  }
  return o;
}

function compare(name: string, got: Omit<Outcome, 'why'>, want: Outcome | undefined): void {
  if (DUMP) {
    dumped[name] = { why: want?.why ?? '', ...got };
    return;
  }
  if (!want) fail(`${name}: no entry in expected.json`);
  const { why: _why, ...rest } = want;
  expect(got, `${name}: ${want.why}`).toEqual(rest);
}

/** The CLI path: bytes in chunks through the streaming decoder into the streaming linter. */
function streamBytes(bytes: Uint8Array, fileName: string, chunk: number): { result: LintResult; diagnostics: Diagnostic[] } {
  const decoder = createDecoder();
  const linter = createLinter({ fileName });
  for (let at = 0; at < bytes.length; at += chunk) linter.push(decoder.push(bytes.subarray(at, at + chunk)));
  linter.push(decoder.end());
  const result = linter.end();
  const diagnostics = [...decoder.problems(), ...result.diagnostics].sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { result, diagnostics };
}

describe('adversarial files', () => {
  for (const name of Object.keys(expected.files)) {
    it(name, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, name)));
      const decoded = decodeBytes(bytes);
      const r = lintText(decoded.text, { fileName: name });
      const all = [...decoded.diagnostics, ...r.diagnostics].sort((a, b) => a.range.start.offset - b.range.start.offset);
      checkDiagnostics(decoded.text, all);
      checkSummary(r.summary, r.records);
      compare(name, outcomeOf(r, all, decoded.bom), expected.files[name]);
      // Any chunking of the bytes gives the same diagnostics.
      for (const chunk of [1, 2, 3, 7, 64]) {
        const s = streamBytes(bytes, name, chunk);
        expect(s.diagnostics.map(key), `${name} in chunks of ${chunk} bytes`).toEqual(all.map(key));
        expect(s.result.records).toBe(r.records);
      }
    });
  }

  it('left Object.prototype alone', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('adversarial configuration files', () => {
  for (const name of Object.keys(expected.configs)) {
    it(name, () => {
      const text = readFileSync(join(dir, name), 'utf8');
      const { config, errors } = parseConfig(text);
      const idx = new LineIndex(text);
      for (const e of errors) {
        const p = idx.positionAt(e.offset);
        expect([e.line, e.column], `${name}: '${e.message}' at offset ${e.offset}`).toEqual([p.line, p.column]);
      }
      resolveConfig(config);
      const got = { errors: errors.map((e) => [e.line, e.column, e.message] as [number, number, string]), config };
      if (DUMP) {
        dumped[name] = got;
        return;
      }
      const want = expected.configs[name];
      expect(errors.length, `${name}: ${want.why}`).toBe(want.errors.length);
      want.errors.forEach(([line, column, contains], i) => {
        expect(got.errors[i][0] === line && got.errors[i][1] === column && got.errors[i][2].includes(contains), `${name} error ${i}: ${JSON.stringify(got.errors[i])}, expected ${line}:${column} containing '${contains}'`).toBe(true);
      });
      expect(JSON.parse(JSON.stringify(config))).toEqual(want.config);
    });
  }

  it('a configuration nested 100,000 levels deep is an error with a position, not a crash', () => {
    const text = `{"rules":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const { config, errors } = parseConfig(text);
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(e.offset).toBeLessThanOrEqual(text.length);
    expect(config.rules).toBeUndefined();
  });

  it('left Object.prototype alone', () => {
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype.constructor.prototype).sort()).toEqual(protoBefore);
  });
});

/**
 * Streams `text` in 64 KiB chunks (the CLI's reads) and fails as soon as it takes far longer than
 * one push of the same text took: a quadratic rescan is caught without waiting minutes for it.
 */
function streamWithWatchdog(name: string, text: string, fileName: string, oneShotMs: number): LintResult {
  const budget = Math.max(3000, 25 * oneShotMs);
  const linter = createLinter({ fileName });
  const t0 = performance.now();
  const chunk = 64 * 1024;
  for (let at = 0; at < text.length; at += chunk) {
    linter.push(text.slice(at, at + chunk));
    const dt = performance.now() - t0;
    if (dt > budget) {
      fail(`${name}: streaming is superlinear: ${(at / 1e6).toFixed(1)} of ${(text.length / 1e6).toFixed(1)} MB pushed after ${dt.toFixed(0)} ms; one push of the whole text took ${oneShotMs.toFixed(0)} ms`);
    }
  }
  return linter.end();
}

describe('generated adversarial inputs', () => {
  for (const name of Object.keys(GENERATORS)) {
    it(name, () => {
      const pre = PRECHECKS[name];
      if (pre) {
        // The fastest of three: one GC pause or compile in a single timing made a linear path
        // look superlinear on a busy CI machine (1,000 -> 6 ms, 4,000 -> 52 ms).
        const timeAt = (n: number) => {
          const g = pre(n);
          let best = Infinity;
          for (let k = 0; k < 3; k++) {
            const t = performance.now();
            lintText(g.text, { fileName: g.fileName });
            best = Math.min(best, performance.now() - t);
          }
          return best;
        };
        timeAt(500); // warm-up
        const t1 = timeAt(1000);
        const t4 = timeAt(4000);
        // Linear: ~4x; quadratic: ~16x. Below 50 ms the ratio is noise.
        if (t4 > 50 && t4 / t1 > 8) fail(`${name}: superlinear before the full size: 1,000 -> ${t1.toFixed(0)} ms, 4,000 -> ${t4.toFixed(0)} ms`);
      }
      const { text, fileName } = GENERATORS[name]();
      const t0 = performance.now();
      const r = lintText(text, { fileName });
      const oneShot = performance.now() - t0;
      checkDiagnostics(text, r.diagnostics);
      checkSummary(r.summary, r.records);
      compare(name, outcomeOf(r, r.diagnostics), expected.generated[name]);
      const s = streamWithWatchdog(name, text, fileName, oneShot);
      expect(s.diagnostics.length).toBe(r.diagnostics.length);
      expect(s.diagnostics.map(key)).toEqual(r.diagnostics.map(key));
      expect({ ...s, diagnostics: [] }).toEqual({ ...r, diagnostics: [] });
    }, 120_000);
  }

  it('the ndjson-long-first-line case detects the same format whatever the chunking', () => {
    const { text, fileName } = GENERATORS['ndjson-long-first-line.json']();
    const whole = lintText(text, { fileName });
    for (const chunk of [1000, 4096, 5000, 65536]) {
      const linter = createLinter({ fileName });
      for (let at = 0; at < text.length; at += chunk) linter.push(text.slice(at, at + chunk));
      const r = linter.end();
      expect({ chunk, format: r.format, records: r.records }).toEqual({ chunk, format: whole.format, records: whole.records });
    }
  });
});

describe('linear time on pathological documents (lintText and 4 KiB streaming)', () => {
  // A full GC before each timed run, so that one run does not pay for the garbage of the last
  // (the main source of fake superlinear ratios). Node exposes gc() this way without a flag.
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const timeOnce = (f: () => void): number => {
    gc();
    const t0 = performance.now();
    f();
    return performance.now() - t0;
  };
  const stream = (text: string, fileName: string) => {
    const linter = createLinter({ fileName });
    for (let at = 0; at < text.length; at += 4096) linter.push(text.slice(at, at + 4096));
    linter.end();
  };
  // 200k vs 1.6M chars: linear ~8x, quadratic ~64x. Linear code measured up to ~26x on a loaded
  // 2-core machine (GC, caches), hence 40, and a second measurement before failing. Below
  // 200k, inputs fit caches and run much faster per character (measured: a 100k-char CSV line
  // streams in 1-25 ms, 800k in 35-90 ms, then linear), which fakes superlinear growth.
  const SMALL = 200_000;
  const MAX_RATIO = 40;

  for (const [family, { fileName, make }] of Object.entries(SCALABLE)) {
    it(family, () => {
      for (const [mode, run] of [
        ['lintText', (t: string) => lintText(t, { fileName })],
        ['streaming', (t: string) => stream(t, fileName)],
      ] as const) {
        const small = make(SMALL);
        const first = timeOnce(() => run(small)); // also the JIT warm-up
        if (first > 1000) {
          // Slow already: compare with twice the size rather than eight times (minutes if quadratic).
          const t1 = timeOnce(() => run(small));
          const t2 = timeOnce(() => run(make(2 * SMALL)));
          if (t2 / t1 > 3) fail(`${family} (${mode}): superlinear: 200k ${t1.toFixed(1)} ms, 400k ${t2.toFixed(1)} ms`);
          continue;
        }
        const big = make(8 * SMALL);
        // Interleaved, best of 2 each: load that comes and goes hits both sizes alike.
        let t1 = Infinity;
        let t8 = Infinity;
        for (let i = 0; i < 2; i++) {
          t1 = Math.min(t1, timeOnce(() => run(small)));
          t8 = Math.min(t8, timeOnce(() => run(big)));
        }
        // Below 50 ms at 1.6M chars nothing quadratic is going on, whatever the ratio.
        if (t8 > 50 && t8 / Math.max(t1, 0.5) > MAX_RATIO) {
          // A burst of load can fake one bad ratio; a quadratic path gives it again.
          t1 = Math.min(t1, timeOnce(() => run(small)));
          t8 = Math.min(t8, timeOnce(() => run(big)));
        }
        const ratio = t8 / Math.max(t1, 0.5);
        if (t8 > 50 && ratio > MAX_RATIO) fail(`${family} (${mode}): x${ratio.toFixed(1)} from 200k to 1.6M chars (${t1.toFixed(1)} ms, ${t8.toFixed(1)} ms)`);
      }
    }, 120_000);
  }
});
