// In-process ratio of the full check to parse-only on one CSV file (no process start, no I/O):
// the figure to watch when working on core's hot path. Minimum of N rounds of each, interleaved.
//   node bench/inprocess.mjs bench/data/cdr-1m-s42.csv [rounds]
import { readFileSync } from 'node:fs';
import { createCsvParser, createLinter } from '../packages/core/dist/index.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: node bench/inprocess.mjs <file.csv> [rounds]');
  process.exit(2);
}
const rounds = Number(process.argv[3] ?? 7);
const text = readFileSync(file, 'utf8');
const CHUNK = 1 << 20;
const lint = [];
const parse = [];
for (let round = 0; round < rounds; round++) {
  let t0 = performance.now();
  const l = createLinter({ fileName: file, onDiagnostic: () => {} });
  for (let i = 0; i < text.length; i += CHUNK) l.push(text.slice(i, i + CHUNK));
  l.end();
  lint.push(performance.now() - t0);
  t0 = performance.now();
  const p = createCsvParser({ record: () => {}, problem: () => {} });
  for (let i = 0; i < text.length; i += CHUNK) p.push(text.slice(i, i + CHUNK));
  p.end();
  parse.push(performance.now() - t0);
}
const min = (a) => Math.min(...a);
console.log(JSON.stringify({ file, rounds, checkMs: Math.round(min(lint)), parseMs: Math.round(min(parse)), ratio: +(min(lint) / min(parse)).toFixed(2) }));
