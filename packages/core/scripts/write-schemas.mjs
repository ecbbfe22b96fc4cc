// Writes the generated JSON Schemas next to the package (run after tsc; see package.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfigSchema, buildRecordSchema } from '../dist/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cdr-record.schema.json'), JSON.stringify(buildRecordSchema(), null, 2) + '\n');
writeFileSync(join(dir, 'cdrlint.config.schema.json'), JSON.stringify(buildConfigSchema(), null, 2) + '\n');
