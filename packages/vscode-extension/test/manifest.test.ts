// The extension's package.json against what the code and the rest of the project expect.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { STATUS_NAMES } from '@cdrlint/core';
import { statusColorId } from '../src/colors.js';
import { CDR_LANGUAGES } from '../src/selector.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
interface Property {
  description?: string;
  markdownDescription?: string;
}
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean } };
  contributes: {
    configuration: { properties: Record<string, Property> };
    colors: { id: string; defaults: Record<string, string> }[];
    jsonValidation: { fileMatch: string; url: string }[];
    commands: { command: string; title: string }[];
  };
};

describe('package.json of the extension', () => {
  it('activates on every CDR language id', () => {
    for (const language of CDR_LANGUAGES) expect(manifest.activationEvents).toContain(`onLanguage:${language}`);
  });

  it('contributes a colour with light, dark and high-contrast defaults for every status', () => {
    const colors = new Map(manifest.contributes.colors.map((c) => [c.id, c.defaults]));
    for (const status of STATUS_NAMES) {
      const defaults = colors.get(statusColorId(status));
      expect(defaults, status).toBeDefined();
      expect(Object.keys(defaults ?? {}).sort()).toEqual(['dark', 'highContrast', 'highContrastLight', 'light']);
    }
    expect(manifest.contributes.colors.filter((c) => c.id.startsWith('cdrlint.status'))).toHaveLength(STATUS_NAMES.length);
  });

  it('describes every setting, under cdrlint.*', () => {
    const properties = Object.entries(manifest.contributes.configuration.properties);
    expect(properties.length).toBeGreaterThan(5);
    for (const [key, p] of properties) {
      expect(key).toMatch(/^cdrlint\./);
      expect(p.description ?? p.markdownDescription, key).toBeTruthy();
    }
    expect(manifest.contributes.configuration.properties['cdrlint.trace.server']).toBeDefined();
  });

  it('declares untrusted-workspace support', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
  });

  it('contributes the configuration schema that the build copies from core', () => {
    const [validation] = manifest.contributes.jsonValidation;
    expect(validation.fileMatch).toBe('cdrlint.config.json');
    const copied = join(root, validation.url);
    expect(existsSync(copied), `${copied} (run the build)`).toBe(true);
    const core = readFileSync(join(root, '../core/schema/cdrlint.config.schema.json'), 'utf8');
    expect(readFileSync(copied, 'utf8')).toBe(core);
  });

  it('ships the bundles that main and the client name', () => {
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8');
    expect(manifest.main).toBe('./dist/extension.js');
    expect(ignore).toContain('!dist/extension.js');
    expect(ignore).toContain('!dist/server.js');
    for (const f of ['README.md', 'LICENSE']) expect(existsSync(join(root, f)), f).toBe(true);
  });
});
