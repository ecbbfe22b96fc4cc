// Figure 2 (JSON): read the whole file and JSON.parse it, the way any JS tool would.
import { readFileSync } from 'node:fs';

const data = JSON.parse(readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify({ rows: Array.isArray(data) ? data.length : 1 }));
