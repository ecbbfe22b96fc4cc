// Loads the taxonomy from @cdrlint/core so the bench never restates status names.
// Prefers the built package; while core is not built yet (it is being written), falls back to
// transpiling packages/core/src/taxonomy.ts in memory with the installed TypeScript (that file
// imports nothing, so a single-module transpile is exact).
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'packages/core/dist/index.js');
const SRC = join(ROOT, 'packages/core/src/taxonomy.ts');

async function fromDist() {
  if (!existsSync(DIST)) return undefined;
  try {
    const m = await import(pathToFileURL(DIST).href);
    if (Array.isArray(m.STATUSES) && Array.isArray(m.RESULT_CODES)) {
      return { STATUSES: m.STATUSES, RESULT_CODES: m.RESULT_CODES, source: 'packages/core/dist/index.js' };
    }
  } catch {
    // A half-built dist must not stop the bench: fall through to the source.
  }
  return undefined;
}

async function fromSource() {
  const { default: ts } = await import('typescript');
  const out = ts.transpileModule(readFileSync(SRC, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const m = await import('data:text/javascript;base64,' + Buffer.from(out).toString('base64'));
  return { STATUSES: m.STATUSES, RESULT_CODES: m.RESULT_CODES, source: 'packages/core/src/taxonomy.ts (transpiled)' };
}

/** @returns {Promise<{STATUSES: Array<{name:string, subStatuses:Array<{name:string, takesResultCode:boolean}>}>, RESULT_CODES: Array<{name:string, pairsWith:string[]}>, source:string}>} */
export async function loadTaxonomy() {
  return (await fromDist()) ?? (await fromSource());
}
