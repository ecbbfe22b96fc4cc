// Figure 1, the floor: read the file in 1 MiB chunks and count newlines. No decoding, no parsing:
// nothing that reads the whole file can be faster than this process.
import { closeSync, openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2], 'r');
const buf = Buffer.allocUnsafe(1 << 20);
let lines = 0;
for (;;) {
  const n = readSync(fd, buf, 0, buf.length, null);
  if (n === 0) break;
  let i = buf.indexOf(10, 0);
  while (i !== -1 && i < n) {
    lines++;
    i = buf.indexOf(10, i + 1);
  }
}
closeSync(fd);
console.log(JSON.stringify({ lines }));
