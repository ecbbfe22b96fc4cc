// main() in-process with fake streams: colour decisions that need a TTY, output that streams.
import { EventEmitter } from 'node:events';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../src/main.js';
import { FIXTURES, SCRATCH } from './cli/run.js';

async function runInProcess(argv: string[], opts: { tty: boolean; env?: Record<string, string>; cwd?: string }) {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (out += s), isTTY: opts.tty },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    stdin: Readable.from([]),
    cwd: opts.cwd ?? FIXTURES,
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

describe('output written as the check goes', () => {
  const dir = path.join(SCRATCH, `streamed-${process.pid}`);
  const header = 'call_id,status,sub_status,note';
  // One unknown status a row: about as many bytes of JSON output as of input, so that each
  // 64 KiB chunk read gives about one 64 KiB piece of output.
  const rows = Array.from({ length: 6000 }, (_, i) => `${i + 1},ANSWERD,COMPLETE,${'n'.repeat(170)}`);
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'many.csv'), `${header}\n${rows.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('waits for stdout to drain between chunks: what a slow reader has not taken stays small', async () => {
    const plain = await runInProcess(['--format', 'json', 'many.csv'], { tty: false, cwd: dir });
    let out = '';
    let writes = 0;
    let writesSinceDrain = 0;
    let mostSinceDrain = 0;
    const stdout = new EventEmitter() as EventEmitter & { write(s: string): boolean };
    stdout.write = (s: string) => {
      out += s;
      writes++;
      mostSinceDrain = Math.max(mostSinceDrain, ++writesSinceDrain);
      // A reader that takes each piece a moment later, as a pipe to a slower process does.
      setImmediate(() => {
        writesSinceDrain = 0;
        stdout.emit('drain');
      });
      return false;
    };
    const code = await main(['--format', 'json', 'many.csv'], { ...io(dir), stdout });
    expect(code).toBe(plain.code);
    expect(out).toBe(plain.out);
    expect(JSON.parse(out)[0].messages).toHaveLength(rows.length);
    // ~1.2 MB of output in 64 KiB pieces, written while the file is read, never more than a
    // couple before the reader catches up (without the wait: all of them).
    expect(writes).toBeGreaterThan(10);
    expect(mostSinceDrain).toBeLessThanOrEqual(3);
  });

  it('a reader that goes away (EPIPE) after an error was written: stops there, exit 1', async () => {
    const stdout = new EventEmitter() as EventEmitter & { write(s: string): boolean };
    let writes = 0;
    // A pipe whose reader is gone: the write is queued (false), then the error comes.
    stdout.write = () => {
      if (++writes === 1) setImmediate(() => stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
      return false;
    };
    let err = '';
    const stdin = Readable.from(
      (async function* () {
        yield Buffer.from(`${header}\n${rows.slice(0, 2000).join('\n')}\n`);
        // The check must stop before reading this far.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('read after the reader left');
      })(),
    );
    const code = await main(['--format', 'json', '--stdin-filename', 'calls.csv', 'many.csv', '-'], { ...io(dir), stdin, stdout, stderr: { write: (s: string) => (err += s) } });
    expect(code).toBe(1);
    expect(writes).toBe(1);
    expect(err).toBe('');
  });

  it('a reader that goes away before any error: the check goes on unwritten for its exit code', async () => {
    writeFileSync(path.join(dir, 'ok.csv'), `${header}\n${rows.slice(0, 3000).map((r) => r.replace('ANSWERD', 'ANSWERED')).join('\n')}\n`);
    const stdout = new EventEmitter() as EventEmitter & { write(s: string): boolean };
    let writes = 0;
    stdout.write = () => {
      if (++writes === 1) setImmediate(() => stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })));
      return false;
    };
    const code = await main(['--format', 'json', 'ok.csv', 'many.csv'], { ...io(dir), stdout });
    expect(code).toBe(1); // many.csv, after the reader left
    expect(writes).toBe(1);
  });

  it('an input that fails part-way: the file ends the output as unknown, the failure goes to stderr', async () => {
    const stdin = Readable.from(
      (async function* () {
        yield Buffer.from(`${header}\n${rows.slice(0, 3000).join('\n')}\n`);
        throw new Error('connection reset');
      })(),
    );
    let out = '';
    let err = '';
    const code = await main(['--format', 'json', '--stdin-filename', 'calls.csv', '-'], {
      ...io(dir),
      stdin,
      stdout: { write: (s: string) => (out += s) },
      stderr: { write: (s: string) => (err += s) },
    });
    expect(code).toBe(2);
    expect(err).toBe('cdrlint: calls.csv: connection reset\n');
    const [file] = JSON.parse(out);
    expect(file).toMatchObject({ filePath: path.join(dir, 'calls.csv'), format: null, records: 0, summary: null, errorCount: file.messages.length });
    // What was settled before the failure was written, in order.
    expect(file.messages.length).toBeGreaterThan(2000);
    expect(file.messages.map((m: { line: number }) => m.line)).toEqual(file.messages.map((_: unknown, i: number) => i + 2));
  });
});

function io(cwd: string): CliIo {
  return { stdout: { write: () => true }, stderr: { write: () => true }, stdin: Readable.from([]), cwd, env: {} };
}
