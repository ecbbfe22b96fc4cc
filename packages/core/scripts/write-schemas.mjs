// Writes the generated JSON Schemas next to the package, and the configuration validator
// compiled from its schema into src/generated. `npm run schemas` builds, runs this, and builds
// again so that dist/ has the new validator. It reads dist/schema.js only, so it also runs when
// the generated file is missing or broken (then run it directly: tsc fails on the import).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfigSchema, buildRecordSchema } from '../dist/schema.js';
import { renderConfigValidator } from './config-validator.mjs';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'cdr-record.schema.json'), JSON.stringify(buildRecordSchema(), null, 2) + '\n');
writeFileSync(join(dir, 'cdrlint.config.schema.json'), JSON.stringify(buildConfigSchema(), null, 2) + '\n');
writeFileSync(join(dir, '..', 'src', 'generated', 'config-validator.ts'), renderConfigValidator());
