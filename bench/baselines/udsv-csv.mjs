// Figure 2 (CSV): udsv, the fastest JS CSV parser, streaming: 1 MiB chunks, each row handed to a
// callback and dropped. Parse-only: no checks. This is the process cdrlint's CSV target is set against.
import { createReadStream } from 'node:fs';
import { inferSchema, initParser } from 'udsv';

let parser = null;
let rows = 0;
const onRow = () => {
  rows++;
};
// setEncoding decodes across chunk boundaries, so a multi-byte character split by a chunk is safe.
const stream = createReadStream(process.argv[2], { highWaterMark: 1 << 20, encoding: 'utf8' });
for await (const chunk of stream) {
  parser ??= initParser(inferSchema(chunk));
  parser.chunk(chunk, parser.stringArrs, onRow);
}
parser?.end();
console.log(JSON.stringify({ rows }));
