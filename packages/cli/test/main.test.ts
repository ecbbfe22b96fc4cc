// main() in-process with fake streams: colour decisions that need a TTY.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/main.js';
import { FIXTURES } from './cli/run.js';

async function runInProcess(argv: string[], opts: { tty: boolean; env?: Record<string, string> }) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY: opts.tty },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: Readable.from([]),
    cwd: FIXTURES,
    env: opts.env ?? {},
  };
  const code = await main(argv, io);
  return { code, out, err };
}

const ANSI = /\u001b\[\d+m/;

describe('colour', () => {
  it('is on for a TTY', async () => {
    const r = await runInProcess(['warnings/calls.csv'], { tty: true });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(ANSI);
  });
  it('is off when NO_COLOR is set, when not a TTY, and with --no-color', async () => {
    expect((await runInProcess(['warnings/calls.csv'], { tty: true, env: { NO_COLOR: '1' } })).out).not.toMatch(ANSI);
    expect((await runInProcess(['warnings/calls.csv'], { tty: false })).out).not.toMatch(ANSI);
    expect((await runInProcess(['--no-color', 'warnings/calls.csv'], { tty: true })).out).not.toMatch(ANSI);
  });
  it('--color forces it on', async () => {
    expect((await runInProcess(['--color', 'warnings/calls.csv'], { tty: false })).out).toMatch(ANSI);
  });
  it('same text without the colour codes', async () => {
    const coloured = (await runInProcess(['invalid/calls.csv'], { tty: true })).out;
    const plain = (await runInProcess(['invalid/calls.csv'], { tty: false })).out;
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });
});
