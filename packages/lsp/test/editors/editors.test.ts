// Real editors, headless, as LSP clients of the built server: Neovim (vim.lsp), Emacs (eglot)
// and Vim (ALE).
// Each opens a fixture, must show the server's diagnostics and a hover text. The server command
// can be replaced with CDRLINT_TEST_SERVER='["cmd","arg"]' to prove the tests fail on a broken
// server. A missing editor binary skips its test with a message (CI installs them: see README).

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { getStatus } from '@cdrlint/core';
import { afterAll, describe, expect, it } from 'vitest';
import { fixturePath, fixtureText, positionOf, SERVER_BIN } from '../helpers/lsp-client.js';

const here = new URL('.', import.meta.url).pathname;
const FIXTURE = 'editor.csv';
const TIMEOUT_MS = 20_000;

function onPath(bin: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const serverCommand: string[] = process.env.CDRLINT_TEST_SERVER
  ? (JSON.parse(process.env.CDRLINT_TEST_SERVER) as string[])
  : [process.execPath, SERVER_BIN, '--stdio'];

const work = mkdtempSync(join(tmpdir(), 'cdrlint-editors-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface EditorOutput {
  diagnostics: { line: number; col: number; end_col?: number; code?: string; message: string }[];
  hover: unknown;
  errors: string[];
}

/** Runs the editor with the script's inputs in the environment; resolves with its exit code and output. */
function runEditor(name: string, command: string, args: string[], hover: { line: number; character: number }): Promise<{ code: number | null; out: EditorOutput | undefined; stderr: string }> {
  const outFile = join(work, `${name}.json`);
  rmSync(outFile, { force: true });
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: work,
      env: {
        ...process.env,
        HOME: work,
        XDG_CONFIG_HOME: join(work, 'config'),
        XDG_DATA_HOME: join(work, 'data'),
        XDG_STATE_HOME: join(work, 'state'),
        CDRLINT_LSP_CMD: JSON.stringify(serverCommand),
        CDRLINT_FIXTURE: fixturePath(FIXTURE),
        CDRLINT_OUT: outFile,
        CDRLINT_HOVER_LINE: String(hover.line),
        CDRLINT_HOVER_COL: String(hover.character),
        CDRLINT_TIMEOUT_MS: String(TIMEOUT_MS / 2),
        CDRLINT_ALE_DIR: ALE_DIR,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.stdout.on('data', (b: Buffer) => (stderr += b.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS * 2);
    child.on('exit', (code) => {
      clearTimeout(killer);
      let out: EditorOutput | undefined;
      try {
        out = JSON.parse(readFileSync(outFile, 'utf8')) as EditorOutput;
      } catch {
        out = undefined;
      }
      resolve({ code, out, stderr });
    });
  });
}

const text = fixtureText(FIXTURE);
// The bad status on line 3 and a good one to hover on line 2.
const bad = positionOf(text, 'ABSNT');
const hoverAt = positionOf(text, 'ANSWERED', 2);
const answeredDoc = getStatus('ANSWERED')!.doc;

function hoverText(h: unknown): string {
  if (typeof h === 'string') return h;
  if (h && typeof h === 'object' && 'value' in h) return String((h as { value: unknown }).value);
  return JSON.stringify(h);
}

// Debian's vim-ale puts ALE here (a Vim package path, not loaded by `vim -u NONE`).
const ALE_DIR = process.env.CDRLINT_ALE_DIR ?? '/usr/share/vim-ale';

for (const editor of [
  { name: 'neovim', bin: 'nvim', args: ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${join(here, 'nvim-check.lua')}`], needs: [] as string[] },
  { name: 'emacs-eglot', bin: 'emacs', args: ['--batch', '-Q', '-l', join(here, 'eglot-check.el')], needs: ['/usr/share/emacs/site-lisp/elpa-src'] },
  { name: 'vim-ale', bin: 'vim', args: ['-N', '-u', 'NONE', '-i', 'NONE', '--not-a-term', '-S', join(here, 'ale-check.vim')], needs: [join(ALE_DIR, 'autoload/ale/lsp.vim')] },
]) {
  const present = onPath(editor.bin) && editor.needs.every((f) => existsSync(f));
  if (!present) console.warn(`[cdrlint editors] skipping ${editor.name}: '${editor.bin}' or its LSP plugin is not installed (apt-get install neovim emacs-nox elpa-eglot vim vim-ale)`);
  describe.skipIf(!present)(`${editor.name} (headless) with cdrlint-lsp`, () => {
    it('shows the unknown-status diagnostic on the bad cell and the hover of a status', async () => {
      const { code, out, stderr } = await runEditor(editor.name, editor.bin, editor.args, hoverAt);
      const context = `exit ${code}; output ${JSON.stringify(out)}; stderr ${stderr.slice(-2000)}`;
      expect(out, context).toBeDefined();
      expect(out!.errors, context).toEqual([]);
      expect(code, context).toBe(0);
      const hit = out!.diagnostics.find((d) => d.line === bad.line && d.col === bad.character);
      expect(hit, context).toBeDefined();
      expect(hit!.end_col).toBe(bad.character + 'ABSNT'.length);
      expect(hit!.code ?? hit!.message, context).toContain('unknown-status');
      expect(hoverText(out!.hover), context).toContain(answeredDoc);
    }, TIMEOUT_MS * 3);
  });
}
