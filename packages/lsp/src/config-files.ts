// cdrlint.config.json files, found upward from each document and cached per folder until a
// watched-file event says one changed. A broken file gives errors (with positions) and its
// usable parts; the caller reports them and goes on with defaults.

import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAME, parseConfig, type CdrlintConfig, type ConfigError } from '@cdrlint/core';

export interface LoadedConfig {
  /** URI of the config file, or undefined when none was found. */
  uri?: string;
  config: CdrlintConfig;
  errors: ConfigError[];
}

const NONE: LoadedConfig = { config: {}, errors: [] };

/** Path of a document relative to its config file's folder (for the config's `overrides`). */
export function relativeToConfig(config: LoadedConfig, uri: string): string {
  if (!config.uri || !uri.startsWith('file:')) return '';
  try {
    return relative(dirname(fileURLToPath(config.uri)), fileURLToPath(uri)).split(sep).join('/');
  } catch {
    return '';
  }
}

export class ConfigFiles {
  private readonly byDir = new Map<string, Promise<LoadedConfig>>();
  generation = 0;

  /** `openText(uri)` gives the editor's unsaved text of an open config file, if any. */
  constructor(private readonly openText: (uri: string) => string | undefined) {}

  /** The nearest config file at or above the document's folder (file: URIs only). */
  forDocument(uri: string): Promise<LoadedConfig> {
    let path: string;
    try {
      if (!uri.startsWith('file:')) return Promise.resolve(NONE);
      path = fileURLToPath(uri);
    } catch {
      return Promise.resolve(NONE);
    }
    return this.forDir(dirname(path));
  }

  private forDir(dir: string): Promise<LoadedConfig> {
    let p = this.byDir.get(dir);
    if (!p) {
      p = this.load(dir);
      this.byDir.set(dir, p);
    }
    return p;
  }

  private async load(dir: string): Promise<LoadedConfig> {
    const file = join(dir, CONFIG_FILE_NAME);
    const uri = pathToFileURL(file).href;
    let text = this.openText(uri);
    if (text === undefined) {
      try {
        text = await readFile(file, 'utf8');
      } catch {
        text = undefined;
      }
    }
    if (text !== undefined) {
      const { config, errors } = parseConfig(text);
      return { uri, config, errors };
    }
    const parent = dirname(dir);
    return parent === dir ? NONE : this.forDir(parent);
  }

  /** A config file changed, appeared or went away: forget everything (cheap to rebuild). */
  invalidate(): void {
    this.generation++;
    this.byDir.clear();
  }
}

export function isConfigUri(uri: string): boolean {
  return uri.endsWith('/' + CONFIG_FILE_NAME);
}
