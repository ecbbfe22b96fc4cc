// ARCHITECTURE.md invariants, checked over the sources: core does no I/O, and the taxonomy's
// values are written in packages/core/src/taxonomy.ts alone.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESULT_CODE_NAMES, STATUSES } from '../src/index.js';

const repo = join(import.meta.dirname, '..', '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|mjs)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(p);
  }
  return out;
}

describe('architecture invariants', () => {
  it('core imports nothing from node: and has no require()', () => {
    const offenders = sources(join(repo, 'packages/core/src')).filter((f) => /from ['"]node:|\brequire\(/.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(repo, f))).toEqual([]);
  });

  it('no source outside taxonomy.ts spells a sub-status or result code as a string literal', () => {
    // Statuses alone (ANSWERED, ...) are common words in messages; sub-statuses and result codes are not.
    const names = [...new Set([...STATUSES.flatMap((s) => s.subStatuses.map((x) => x.name)), ...RESULT_CODE_NAMES])].filter((n) => n.length > 4);
    const literal = new RegExp(`['"\`](?:${names.join('|')})['"\`]`);
    const dirs = ['packages/core/src', 'packages/cli/src', 'packages/lsp/src', 'packages/vscode-extension/src'];
    const offenders = dirs
      .flatMap((d) => sources(join(repo, d)))
      // fields.ts names Q.850 causes, a separate vocabulary that reuses two of the words.
      .filter((f) => !f.endsWith(join('core', 'src', 'taxonomy.ts')) && !f.endsWith(join('core', 'src', 'fields.ts')) && literal.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(repo, f))).toEqual([]);
  });
});
