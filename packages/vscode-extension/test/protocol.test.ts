// The client's copies of the server's protocol names must match @cdrlint/lsp's definitions.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Commands, FIX_ALL_KIND as SERVER_FIX_ALL_KIND, SETTINGS_SECTION, SummaryRequest } from '@cdrlint/lsp';
import { FIX_ALL_KIND, SERVER_SHOW_SUMMARY_COMMAND, SUMMARY_METHOD } from '../src/protocol.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[] };
};
const source = (file: string): string => readFileSync(join(root, 'src', file), 'utf8');

describe('protocol shared with the server', () => {
  it('uses the server\'s method, code action kind and settings section', () => {
    expect(SUMMARY_METHOD).toBe(SummaryRequest.method);
    expect(FIX_ALL_KIND).toBe(SERVER_FIX_ALL_KIND);
    expect(SERVER_SHOW_SUMMARY_COMMAND).toBe(Commands.showSummary);
    expect(source('client.ts')).toContain(`configurationSection: '${SETTINGS_SECTION}'`);
  });

  it('registers no command id that the server registers (the client registers those itself)', () => {
    const serverCommands = new Set<string>(Object.values(Commands));
    const registered = [...source('extension.ts').matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]);
    expect(registered.length).toBeGreaterThan(0);
    for (const id of registered) expect(serverCommands.has(id), id).toBe(false);
  });

  it('contributes every command it registers, and the server\'s workspace check', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const m of source('extension.ts').matchAll(/registerCommand\('([^']+)'/g)) expect(contributed.has(m[1]), m[1]).toBe(true);
    expect(contributed.has(Commands.checkWorkspace)).toBe(true);
  });
});
