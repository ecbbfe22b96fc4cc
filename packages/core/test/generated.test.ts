// The committed schemas, the configuration validator and the docs are generated from core's
// data; these tests fail when stale (regenerate with `npm run schemas -w @cdrlint/core`, then
// build again, and `npm run docs -w @cdrlint/core`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, buildRecordSchema, FIELDS, RULES } from '../src/index.js';
import { validate as generatedValidate } from '../src/generated/config-validator.js';
// @ts-expect-error plain ESM script without types
import { renderConfigValidator } from '../scripts/config-validator.mjs';
// @ts-expect-error plain ESM script without types
import { renderRules, renderTaxonomy } from '../scripts/docs.mjs';

const pkg = join(import.meta.dirname, '..');
const read = (p: string) => readFileSync(join(pkg, p), 'utf8');

describe('generated files', () => {
  it('record schema is up to date', () => {
    expect(JSON.parse(read('schema/cdr-record.schema.json'))).toEqual(buildRecordSchema());
  });
  it('config schema is up to date', () => {
    expect(JSON.parse(read('schema/cdrlint.config.schema.json'))).toEqual(buildConfigSchema());
  });
  it('the configuration validator is up to date', () => {
    expect(read('src/generated/config-validator.ts')).toBe((renderConfigValidator as () => string)());
  });
  it('docs/rules.md and docs/taxonomy.md are up to date', () => {
    expect(read('../../docs/rules.md')).toBe((renderRules as () => string)());
    expect(read('../../docs/taxonomy.md')).toBe((renderTaxonomy as () => string)());
  });
});

describe('record schema (R1-R3)', () => {
  const validate = new Ajv2020({ strict: false }).compile(buildRecordSchema());
  const ok = [
    { status: 'ANSWERED', sub_status: 'COMPLETE', result_code: 'HANGUP' },
    { status: 'ABSENT', sub_status: 'VOICEMAIL_DETECTED', result_code: 'VOICEMAIL_INCOMPLETE' },
    { status: 'ERROR', sub_status: 'BLACKLISTED', result_code: null },
    { status: 'ABSENT_NO_ANSWER' },
    { status: 'ANSWERED/INCOMPLETE', result_code: 'HANGUP', callid: 242359184129, number: '+33612345678' },
  ];
  const bad = [
    { status: 'PENDING', sub_status: 'COMPLETE' },
    { status: 'ERROR', sub_status: 'BUSY' },
    { status: 'ABSENT', sub_status: 'NO_ANSWER', result_code: 'HANGUP' },
    { status: 'ERROR_REJECTED', result_code: 'HANGUP' },
    { status: 'ANSWERED', sub_status: 'COMPLETE', result_code: 'HUNGUP' },
    { sub_status: 'COMPLETE' },
    { status: 'ANSWERED', sub_status: 'COMPLETE', number: '0612345678' },
    { status: 'ANSWERED', sub_status: 'COMPLETE', hangupcause: 300 },
  ];
  it.each(ok)('accepts %j', (r) => expect(validate(r)).toBe(true));
  it.each(bad)('rejects %j', (r) => expect(validate(r)).toBe(false));
});

describe('configuration validator compiled at build time', () => {
  // The same schema compiled at run time, with ajv's defaults (code-point string lengths).
  const runtime = new Ajv2020({ allErrors: true, strict: false }).compile(buildConfigSchema());
  const generated = generatedValidate as { (v: unknown): boolean; errors?: unknown[] | null };
  const verdict = (v: { (x: unknown): boolean; errors?: unknown[] | null }, x: unknown) => ({ ok: v(x), errors: v.errors ?? null });
  // Any UTF-16 text, lone surrogates included: lengths are where the two compiles' options differ.
  const word = fc.oneof(fc.constantFrom('', 'x', '\u{1F4DE}', '\u{1F4DE}\u{1F4DE}', '\uD83D', '__proto__'), fc.string({ maxLength: 4 }), fc.string({ unit: 'binary', maxLength: 4 }));
  const severity = fc.oneof(fc.constantFrom('error', 'warning', 'info', 'off', 'ERROR', ''), word, fc.integer(), fc.constant(null));
  const ruleId = fc.oneof(fc.constantFrom(...RULES.map((r) => r.id)), word);
  const field = fc.oneof(fc.constantFrom(...FIELDS.map((f) => f.name)), word);
  const globs = fc.oneof(fc.array(word, { maxLength: 3 }), word, fc.constant(null));
  const rules = fc.oneof(fc.dictionary(ruleId, severity, { maxKeys: 4 }), fc.anything({ maxDepth: 1 }));
  const config = fc.record(
    {
      $schema: fc.oneof(word, fc.integer()),
      rules,
      columns: fc.oneof(fc.dictionary(field, fc.oneof(word, fc.integer()), { maxKeys: 4 }), fc.anything({ maxDepth: 1 })),
      files: globs,
      ignore: globs,
      overrides: fc.oneof(fc.array(fc.record({ files: globs, rules, other: word }, { requiredKeys: [] }), { maxLength: 3 }), fc.anything({ maxDepth: 1 })),
      other: fc.anything({ maxDepth: 1 }),
    },
    { requiredKeys: [] },
  );
  it('gives the same verdict and errors as the schema compiled at run time', () => {
    fc.assert(
      fc.property(fc.oneof(config, fc.anything({ maxDepth: 2 })), (x) => {
        expect(verdict(generated, x)).toEqual(verdict(runtime, x));
      }),
      { numRuns: 3000 },
    );
  });
  it('sees an empty column name as too short, and one emoji as long enough', () => {
    expect(generated({ columns: { status: '' } })).toBe(false);
    expect(generated({ columns: { status: '\u{1F4DE}' } })).toBe(true);
  });
});
