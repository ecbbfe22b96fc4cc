// The committed schemas and docs are generated from core's data; these tests fail when stale
// (regenerate with `npm run schemas -w @cdrlint/core` and `npm run docs -w @cdrlint/core`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { buildConfigSchema, buildRecordSchema } from '../src/index.js';
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
