// Renders docs/rules.md and docs/taxonomy.md from core's data (rule registry, taxonomy, fields).
// Used by write-docs.mjs and by the test that fails when the committed docs are stale.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIELDS, HANGUP_CAUSES, DIAL_STATUSES, RESULT_CODES, RULES, STATUSES } from '../dist/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'rules');

/** The rule's first diagnostic in its golden fixture output, as an example for the docs. */
function example(id) {
  let snap;
  try {
    const name = readdirSync(join(fixtures, id)).find((f) => f.startsWith('invalid.') && f.endsWith('.snap'));
    if (!name) return undefined;
    snap = readFileSync(join(fixtures, id, name), 'utf8');
  } catch {
    return undefined;
  }
  const lines = snap.split('\n');
  const at = lines.findIndex((l) => l.includes(` ${id}: `));
  if (at < 0) return undefined;
  const block = [lines[at]];
  for (let i = at + 1; i < lines.length && lines[i].startsWith('  '); i++) block.push(lines[i]);
  return block.map((l) => (l.length > 160 ? l.slice(0, 157) + '...' : l)).join('\n');
}

const CATEGORY_TITLES = {
  structure: 'Structure',
  taxonomy: 'Taxonomy',
  consistency: 'Consistency',
  format: 'Format',
};

export function renderRules() {
  const out = [];
  out.push('# cdrlint rules', '');
  out.push('<!-- Generated from packages/core/src/rules/registry.ts by `npm run docs -w @cdrlint/core`. Do not edit. -->', '');
  out.push('Every rule has a stable id (CI filters on it), a default severity that `cdrlint.config.json` or `--rule id:severity` can change (`error`, `warning`, `info`, `off`), and, where it is safe, a fix that `cdrlint --fix` and the editor\'s "fix all" apply. Rules marked *suggestions* offer did-you-mean alternatives as quick fixes, never applied automatically. The R-numbers refer to the consistency rules of the domain reference.', '');
  out.push('| id | category | default | fix |', '|---|---|---|---|');
  for (const r of RULES) {
    out.push(`| [\`${r.id}\`](#${r.id}) | ${r.category} | ${r.defaultSeverity} | ${r.fixable ? 'fix' : r.hasSuggestions ? 'suggestions' : ''} |`);
  }
  out.push('');
  for (const cat of Object.keys(CATEGORY_TITLES)) {
    out.push(`## ${CATEGORY_TITLES[cat]} rules`, '');
    for (const r of RULES.filter((x) => x.category === cat)) {
      out.push(`### ${r.id}`, '');
      out.push(r.description, '');
      out.push(`- Default severity: **${r.defaultSeverity}**`);
      out.push(`- Fix: ${r.fixable ? 'yes (applied by `--fix` and "fix all")' : r.hasSuggestions ? 'suggestions only (quick fixes in the editor)' : 'none'}`);
      if (r.source) out.push(`- Implements: ${r.source}`);
      out.push('');
      const ex = example(r.id);
      if (ex) out.push('Example (from the test fixtures):', '', '```text', ex, '```', '');
    }
  }
  return out.join('\n');
}

export function renderTaxonomy() {
  const out = [];
  out.push('# Call-status taxonomy and CDR fields', '');
  out.push('<!-- Generated from packages/core/src/taxonomy.ts and fields.ts by `npm run docs -w @cdrlint/core`. Do not edit. -->', '');
  out.push('## Statuses and sub-statuses', '');
  out.push('| status | sub-status | takes a result code | answer time | dial status | meaning |', '|---|---|---|---|---|---|');
  for (const s of STATUSES) {
    for (const x of s.subStatuses) {
      out.push(`| ${s.name} | ${x.name} | ${x.takesResultCode ? 'yes' : 'no'} | ${x.answered} | ${x.dialStatuses.join(', ') || '(none)'} | ${x.doc} |`);
    }
  }
  out.push('', '## Result codes', '', '| result code | goes with | meaning |', '|---|---|---|');
  for (const r of RESULT_CODES) out.push(`| ${r.name} | ${r.pairsWith.join(', ')} | ${r.doc} |`);
  out.push('', '## Fields and accepted column names', '');
  out.push('Column and key names match case-insensitively, ignoring `_`, `-` and spaces.', '');
  out.push('| field | accepted names | meaning |', '|---|---|---|');
  for (const f of FIELDS) out.push(`| ${f.name} | ${f.aliases.map((a) => `\`${a}\``).join(', ')} | ${f.doc} |`);
  out.push('', '## Dial statuses', '', '| value | meaning |', '|---|---|');
  for (const d of DIAL_STATUSES) out.push(`| ${d.name} | ${d.doc} |`);
  out.push('', '## Hang-up causes (Q.850) that cdrlint explains', '', '| cause | name | meaning |', '|---|---|---|');
  for (const [n, c] of HANGUP_CAUSES) out.push(`| ${n} | ${c.name} | ${c.doc} |`);
  out.push('');
  return out.join('\n');
}
