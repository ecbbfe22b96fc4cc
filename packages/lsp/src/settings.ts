// Per-resource settings (workspace/configuration, section `cdrlint`), cached per document uri
// until the client says they changed. Values from the client are checked, never trusted.

import type { Connection } from 'vscode-languageserver';
import type { SeveritySetting } from '@cdrlint/core';
import { DEFAULT_SETTINGS, SETTINGS_SECTION, type CdrlintSettings } from './protocol.js';

const SEVERITIES: readonly string[] = ['error', 'warning', 'info', 'off'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Settings from any JSON value: unknown or ill-typed parts fall back to the defaults. */
export function sanitizeSettings(raw: unknown): CdrlintSettings {
  const s = isObject(raw) ? raw : {};
  const rules: Record<string, SeveritySetting> = Object.create(null);
  if (isObject(s.rules)) {
    for (const [k, v] of Object.entries(s.rules)) if (typeof v === 'string' && SEVERITIES.includes(v)) rules[k] = v as SeveritySetting;
  }
  const columns: Record<string, string> = Object.create(null);
  if (isObject(s.columns)) {
    for (const [k, v] of Object.entries(s.columns)) if (typeof v === 'string') columns[k] = v;
  }
  const max = s.maxProblems;
  return {
    enable: typeof s.enable === 'boolean' ? s.enable : DEFAULT_SETTINGS.enable,
    rules,
    columns,
    maxProblems: typeof max === 'number' && Number.isFinite(max) && max >= 1 ? Math.floor(max) : DEFAULT_SETTINGS.maxProblems,
  };
}

export class SettingsStore {
  private readonly cache = new Map<string, Promise<CdrlintSettings>>();
  /** Settings pushed with didChangeConfiguration, for clients without workspace/configuration. */
  private global: CdrlintSettings = DEFAULT_SETTINGS;
  /** Bumped on every change, so cached analyses know they are stale. */
  generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly pull: boolean,
  ) {}

  get(uri: string): Promise<CdrlintSettings> {
    if (!this.pull) return Promise.resolve(this.global);
    let p = this.cache.get(uri);
    if (!p) {
      p = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION })
        .then(sanitizeSettings, () => DEFAULT_SETTINGS);
      this.cache.set(uri, p);
    }
    return p;
  }

  /** didChangeConfiguration: drop the cache; keep pushed settings for clients that push them. */
  changed(pushed: unknown): void {
    this.generation++;
    this.cache.clear();
    if (isObject(pushed) && SETTINGS_SECTION in pushed) this.global = sanitizeSettings(pushed[SETTINGS_SECTION]);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
