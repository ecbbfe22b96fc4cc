// fixFile in-process: the refusal to overwrite a file that changed on disk after it was read.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '@cdrlint/core';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { fixFile } from '../src/fix.js';
import { FIXTURES, SCRATCH } from './cli/run.js';

const dir = path.join(SCRATCH, `fixfile-${process.pid}`);
const file = path.join(dir, 'calls.csv');
const config = resolveConfig();

beforeEach(() => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(FIXTURES, 'fix', 'bom-crlf.csv'), file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fixFile', () => {
  it('writes when the file is unchanged', async () => {
    const out = await fixFile(file, { config, dryRun: false });
    expect(out.refused).toBeUndefined();
    expect(out.applied).toBe(3);
    expect(readFileSync(file, 'utf8')).toContain(',ANSWERED,COMPLETE,');
  });

  it('refuses to overwrite a file changed on disk after it was read, and cleans up', async () => {
    const edited = readFileSync(file, 'utf8').replace('keep', 'kept');
    const out = await fixFile(file, {
      config,
      dryRun: false,
      beforeCommit: async () => writeFileSync(file, edited),
    });
    expect(out.refused).toMatch(/changed on disk/);
    expect(out.applied).toBe(0);
    expect(out.output).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(edited);
    expect(readdirSync(dir)).toEqual(['calls.csv']);
  });

  it('refuses when only the content changed (same size)', async () => {
    const original = readFileSync(file);
    const same = Buffer.from(original);
    same[same.length - 3] = 'X'.charCodeAt(0); // "keep" -> "keXp", same size
    const out = await fixFile(file, { config, dryRun: false, beforeCommit: async () => writeFileSync(file, same) });
    expect(out.refused).toMatch(/changed on disk/);
    expect(readFileSync(file).equals(same)).toBe(true);
  });
});
