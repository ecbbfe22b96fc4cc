#!/usr/bin/env node
// Where V8 threw away optimized code during a check, and what recompiling cost: one check of a
// file in one thread (core's linter over 64 KiB pieces, as the CLI reads them) under
// --trace-opt --trace-deopt, summed per function. A hot function compiled several times ran
// unoptimized in between: the place to look when a cold check is slow.
//   node bench/deopts.mjs bench/data/cdr-1m-s42.csv [--all]
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);

if (args[0] === '--child') {
  const { createLinter } = await import('../packages/core/dist/index.js');
  const file = args[1];
  const linter = createLinter({ fileName: file, onDiagnostic: () => {} });
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 16);
  const decoder = new TextDecoder();
  for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) linter.push(decoder.decode(buffer.subarray(0, n), { stream: true }));
  closeSync(fd);
  linter.push(decoder.decode());
  linter.end();
} else {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error('usage: node bench/deopts.mjs <file.csv|.ndjson|.json> [--all]');
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  const fns = new Map();
  const fn = (name) => fns.get(name) ?? fns.set(name, { compiles: 0, ms: 0, deopts: new Map() }).get(name);
  for (const line of r.stdout.split('\n')) {
    // [completed compiling 0x… <JSFunction name (sfi = 0x…)> (target TURBOFAN) - took 0.1, 25.3, 0.2 ms]
    let m = /^\[completed compiling .*?<JSFunction (\S*) .*took [\d.]+, ([\d.]+), [\d.]+ ms/.exec(line);
    if (m) {
      const f = fn(m[1] || '(anonymous)');
      f.compiles++;
      f.ms += Number(m[2]);
      continue;
    }
    // [bailout (kind: deopt-eager, reason: wrong map): begin. deoptimizing 0x… <JSFunction name …>, …, bytecode offset 675, …]
    m = /^\[bailout \(kind: [^,]*, reason: (.*?)\): begin\. deoptimizing \S+ <JSFunction (\S*) .*bytecode offset (\d+)/.exec(line);
    if (m) {
      const f = fn(m[2] || '(anonymous)');
      const why = `${m[1]} @${m[3]}`;
      f.deopts.set(why, (f.deopts.get(why) ?? 0) + 1);
    }
  }
  const rows = [...fns].sort((a, b) => b[1].ms - a[1].ms);
  const shown = args.includes('--all') ? rows : rows.filter(([, f]) => f.compiles > 1 || f.deopts.size > 0 || f.ms >= 10);
  const total = (k) => rows.reduce((s, [, f]) => s + (k === 'deopts' ? [...f.deopts.values()].reduce((a, b) => a + b, 0) : f[k]), 0);
  console.log(`${file}: ${total('compiles')} optimizing compiles, ${Math.round(total('ms'))} ms of compiling (on V8's compiler thread), ${total('deopts')} deoptimizations\n`);
  console.log('| function | compiles | compiling ms | deoptimizations (reason @ bytecode offset) |');
  console.log('|---|--:|--:|---|');
  for (const [name, f] of shown) {
    const d = [...f.deopts].map(([why, n]) => (n > 1 ? `${why} ×${n}` : why)).join('; ');
    console.log(`| ${name} | ${f.compiles} | ${f.ms.toFixed(0)} | ${d} |`);
  }
}
