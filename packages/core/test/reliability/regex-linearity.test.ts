// Every regular expression in packages/core/src must stay linear: no input may make it backtrack
// catastrophically. The regexes are found in the source with the TypeScript parser (so a new one
// is covered the day it is written), then timed on pathological inputs of 10k and 100k chars: the
// time may grow about 10x, never ~100x. Ratios, not absolute times (a noise floor aside).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { coreDir } from './support.js';

interface FoundRegex {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourceFiles(p));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Regex literals and `new RegExp('literal')` calls; a RegExp built from a variable is listed as dynamic. */
function findRegexes(): { found: FoundRegex[]; dynamic: string[] } {
  const found: FoundRegex[] = [];
  const dynamic: string[] = [];
  const src = join(coreDir, 'src');
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (n: ts.Node) => `src/${relative(src, file)}:${sf.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
    const visit = (n: ts.Node): void => {
      if (n.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const lit = (n as ts.RegularExpressionLiteral).text;
        const end = lit.lastIndexOf('/');
        found.push({ where: where(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
      } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
        const [a, b] = n.arguments ?? [];
        if (a && ts.isStringLiteralLike(a) && (!b || ts.isStringLiteralLike(b))) found.push({ where: where(n), source: a.text, flags: b && ts.isStringLiteralLike(b) ? b.text : '' });
        else dynamic.push(where(n));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return { found, dynamic };
}

/**
 * Repeated units that classic catastrophic patterns feed on (runs of one class, alternations of
 * two), each followed by a character that makes the match fail at the end.
 */
const UNITS = [
  ' ', '\t', '\n', '\r', '\r\n', 'a', 'A', 'aA', '0', '09', '0-', '-0', '0.', '0:', '\\', '\\u', '\\\\', '"', '""', '\\"', '_', '-', '/', ' -_',
  ',', ';', '|', ',;|+&', '{', '[', '{"', '":', 'u', 'u0', '.', '+', '+1', 'T', 'Z', 'e', '~0', '~1', 'aB', 'position ', ' in JSON', '\uFEFF', 'é', '\u0000',
];

function input(unit: string, n: number): string {
  return unit.repeat(Math.ceil(n / unit.length)).slice(0, n) + '\u0001!';
}

/**
 * What the code does with a regex: one exec for plain ones; for global ones, exec from every
 * match on to the end (how the parsers walk a buffer), which is where backtracking would add up.
 */
function exercise(re: RegExp, s: string): void {
  // test() rather than exec(): the same matching work without a match array per call, whose
  // garbage would make a linear loop look superlinear.
  re.lastIndex = 0;
  if (re.global || re.sticky) {
    while (re.test(s)) if (re.lastIndex === 0) break;
    re.lastIndex = 0;
  } else {
    re.test(s);
  }
}

/** Best of 3 of the mean time of `reps` runs, after a warm-up run (JIT, caches). */
function timeIt(f: () => void, reps = 1): number {
  f();
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    for (let k = 0; k < reps; k++) f();
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  return best;
}

/**
 * Linear gives ~10x from 10k to 100k, quadratic ~100x. A loop of 100k cheap matches measures
 * up to ~25x (call overhead, GC, caches that fit 10k but not 100k), hence 30. Below the floor a
 * 100k-char run is plainly not quadratic (that would be ~1e9 steps or more), whatever the ratio.
 */
const NOISE_FLOOR_MS = 10;
const MAX_RATIO = 30;

describe('regular expressions in packages/core/src', () => {
  const { found, dynamic } = findRegexes();

  it('are all literals the test can read', () => {
    expect(found.length).toBeGreaterThan(15);
    // A RegExp built at run time cannot be checked here: give it a literal, or a case below.
    expect(dynamic).toEqual([]);
  });

  it('stay linear on pathological inputs (10k vs 100k chars: ratio < 30)', () => {
    const failures: string[] = [];
    let worst = { ratio: 0, what: '' };
    for (const r of found) {
      const re = new RegExp(r.source, r.flags);
      for (const unit of UNITS) {
        const s10 = input(unit, 10_000);
        const t0 = performance.now();
        exercise(re, s10);
        const once = performance.now() - t0;
        if (once > 20) {
          // Already slow at 10k: confirm the growth on 20k instead of waiting for 100k (which
          // would take minutes if it is quadratic).
          const t1 = performance.now();
          exercise(re, input(unit, 20_000));
          const t20 = performance.now() - t1;
          if (t20 / once > 3) failures.push(`${r.where} /${r.source}/${r.flags} on ${JSON.stringify(unit)}x: 10k ${once.toFixed(1)} ms, 20k ${t20.toFixed(1)} ms (superlinear)`);
          continue;
        }
        const s100 = input(unit, 100_000);
        const measure = () => {
          const t10 = timeIt(() => exercise(re, s10), 10);
          const t100 = timeIt(() => exercise(re, s100));
          return { t10, t100, ratio: t100 / Math.max(t10, 0.01) };
        };
        // A ratio past the limit is measured again, and the lower one counts: a quadratic regex
        // gives ~100x both times, while a spell of the machine (31.6x once, with benchmarks
        // running beside CI, for a class of one character) does not come twice.
        let m = measure();
        if (m.t100 >= NOISE_FLOOR_MS && m.ratio >= MAX_RATIO) {
          const again = measure();
          if (again.ratio < m.ratio) m = again;
        }
        const { t10, t100, ratio } = m;
        if (t100 >= NOISE_FLOOR_MS && ratio > worst.ratio) worst = { ratio, what: `${r.where} on ${JSON.stringify(unit)}` };
        if (t100 >= NOISE_FLOOR_MS && ratio >= MAX_RATIO) {
          failures.push(`${r.where} /${r.source}/${r.flags} on ${JSON.stringify(unit)}x: 10k ${t10.toFixed(2)} ms, 100k ${t100.toFixed(2)} ms (x${ratio.toFixed(1)})`);
        }
      }
    }
    console.log(`[reliability] regex-linearity: ${found.length} regexes x ${UNITS.length} inputs; worst ratio above the noise floor: ${worst.ratio.toFixed(1)} (${worst.what || 'none'})`);
    expect(failures).toEqual([]);
  }, 120_000);
});
