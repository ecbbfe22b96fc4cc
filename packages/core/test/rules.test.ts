// Golden tests: every rule has a fixture folder with a file that must be clean and a file that
// must trigger it; the rendered diagnostics of both are compared with committed snapshots.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES, decodeBytes, lintText, resolveConfig, type CdrlintConfig } from '../src/index.js';
import { renderDiagnostics } from './render.js';

const root = join(import.meta.dirname, 'fixtures', 'rules');

function lintFixture(path: string, options?: CdrlintConfig) {
  const { text, diagnostics } = decodeBytes(readFileSync(path));
  const result = lintText(text, { fileName: path, config: resolveConfig(options) });
  return { text, result, diagnostics: [...diagnostics, ...result.diagnostics] };
}

describe('rule fixtures', () => {
  it('cover every rule', () => {
    const dirs = readdirSync(root).sort();
    expect(dirs).toEqual(RULES.map((r) => r.id).sort());
  });

  for (const rule of RULES) {
    const dir = join(root, rule.id);
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir);
    const options = files.includes('options.json') ? (JSON.parse(readFileSync(join(dir, 'options.json'), 'utf8')) as CdrlintConfig) : undefined;
    const valid = files.find((f) => f.startsWith('valid.'));
    const invalid = files.find((f) => f.startsWith('invalid.'));

    it(`${rule.id}: valid file is clean`, () => {
      expect(valid).toBeDefined();
      const { text, diagnostics } = lintFixture(join(dir, valid!), options);
      expect(renderDiagnostics(text, diagnostics)).toBe('\n');
    });

    it(`${rule.id}: invalid file triggers it`, async () => {
      expect(invalid).toBeDefined();
      const { text, diagnostics } = lintFixture(join(dir, invalid!), options);
      expect(diagnostics.map((d) => d.ruleId)).toContain(rule.id);
      await expect(renderDiagnostics(text, diagnostics)).toMatchFileSnapshot(join(dir, `${invalid}.snap`));
    });
  }
});
