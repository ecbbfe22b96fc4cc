// Runs the built CLI as a child process and compares output with golden files.
// UPDATE_GOLDEN=1 rewrites the golden files from the current output.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CLI_ROOT = path.resolve(here, '..', '..');
export const BIN = path.join(CLI_ROOT, 'dist', 'bin.js');
export const FIXTURES = path.join(CLI_ROOT, 'test', 'fixtures');
export const GOLDEN = path.join(CLI_ROOT, 'test', 'golden');
/** Scratch space for tests that write (git-ignored: test-output/). */
export const SCRATCH = path.join(CLI_ROOT, 'test-output');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string | Uint8Array;
  env?: Record<string, string>;
  /** Run as another user (only possible when the tests run as root). */
  uid?: number;
}

export function run(args: string[], options: RunOptions = {}): Promise<RunResult> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: build the CLI first (npx tsc -p packages/cli/tsconfig.json)`);
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
    delete env['FORCE_COLOR'];
    const ids = options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {};
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? FIXTURES, env, stdio: 'pipe', ...ids });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** Makes output independent of where the repository lives. */
export function normalize(text: string): string {
  return text
    .split(FIXTURES).join('<fixtures>')
    .split(SCRATCH).join('<scratch>')
    .replace(/("name": "cdrlint",\s*"version": )"[^"]*"/, '$1"<version>"')
    .replace(/file:\/\/[^"]*\/test\/fixtures\//g, 'file://<fixtures>/');
}

/** Pretty-prints JSON output so golden diffs are readable. */
export function prettyJson(text: string): string {
  return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
}

export function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  const text = normalize(actual);
  if (process.env['UPDATE_GOLDEN'] === '1') {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`golden file ${name} is missing: run the tests with UPDATE_GOLDEN=1 and review it`);
  expect(text).toBe(readFileSync(file, 'utf8'));
}
