import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRules, renderTaxonomy } from './docs.mjs';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs');
writeFileSync(join(docs, 'rules.md'), renderRules());
writeFileSync(join(docs, 'taxonomy.md'), renderTaxonomy());
