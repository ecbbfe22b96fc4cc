// Figure 2 (NDJSON): JSON.parse on every line, streaming in 1 MiB chunks, records dropped. Bad lines
// are counted, not fatal (the generated files carry injected parse errors).
import { createReadStream } from 'node:fs';

let rows = 0;
let bad = 0;
let rest = '';
const parseLine = (line) => {
  if (line.length === 0 || line === '\r') return;
  try {
    JSON.parse(line);
    rows++;
  } catch {
    bad++;
  }
};
const stream = createReadStream(process.argv[2], { highWaterMark: 1 << 20, encoding: 'utf8' });
for await (const chunk of stream) {
  const text = rest + chunk;
  let start = 0;
  let nl = text.indexOf('\n');
  while (nl !== -1) {
    parseLine(text.slice(start, nl));
    start = nl + 1;
    nl = text.indexOf('\n', start);
  }
  rest = text.slice(start);
}
parseLine(rest);
console.log(JSON.stringify({ rows, bad }));
