// Finds, reads and parses cdrlint.config.json files for the CLI: looked up from each checked
// file's folder upward (nearest wins), or one file given with --config. Core parses the text;
// this module does the file system part and turns config errors into file:line:column lines.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import {
  CONFIG_FILE_NAME,
  configForFile,
  parseConfig,
  resolveConfig,
  type CdrlintConfig,
  type LintConfig,
  type SeveritySetting,
} from '@cdrlint/core';

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  config: CdrlintConfig;
  /** Matchers for `files` / `ignore`, relative to the config file's folder. */
  matchesFiles?: (absPath: string) => boolean;
  matchesIgnore?: (absPath: string) => boolean;
}

function matcher(globs: readonly string[] | undefined, base: string): ((absPath: string) => boolean) | undefined {
  if (!globs || globs.length === 0) return undefined;
  const isMatch = picomatch([...globs], { dot: true });
  return (absPath) => {
    const rel = path.relative(base, absPath).split(path.sep).join('/');
    return !rel.startsWith('../') && isMatch(rel);
  };
}

function errnoText(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

export class ConfigFiles {
  /** Problems to print on stderr; any of them makes the exit code 2. */
  readonly errors: string[] = [];
  private readonly byDir = new Map<string, Promise<LoadedConfig | null>>();
  private readonly byFile = new Map<string, Promise<LoadedConfig | null>>();
  private explicit: LoadedConfig | null | undefined;

  constructor(
    private readonly cwd: string,
    private readonly cliRules: Readonly<Record<string, SeveritySetting>>,
  ) {}

  /** Loads the --config file. Returns false when it cannot be read at all (a fatal error). */
  async useExplicit(file: string): Promise<boolean> {
    const loaded = await this.load(path.resolve(this.cwd, file), true);
    this.explicit = loaded;
    return loaded !== null;
  }

  /** The config that applies to a file (or to a folder's files), or null when none exists. */
  async configFor(absPath: string): Promise<LoadedConfig | null> {
    if (this.explicit !== undefined) return this.explicit;
    return this.lookup(path.dirname(absPath));
  }

  /** The rules and column mapping for a file: defaults, then the config file, then --rule. */
  async lintConfigFor(absPath: string): Promise<LintConfig> {
    const loaded = await this.configFor(absPath);
    const relative = loaded ? path.relative(path.dirname(loaded.file), absPath).split(path.sep).join('/') : '';
    return resolveConfig(configForFile(loaded?.config, relative), { rules: { ...this.cliRules } });
  }

  private lookup(dir: string): Promise<LoadedConfig | null> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = (async () => {
        const own = await this.load(path.join(dir, CONFIG_FILE_NAME), false);
        if (own) return own;
        const parent = path.dirname(dir);
        return parent === dir ? null : this.lookup(parent);
      })();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private load(file: string, required: boolean): Promise<LoadedConfig | null> {
    let loaded = this.byFile.get(file);
    if (!loaded) {
      loaded = this.read(file, required);
      this.byFile.set(file, loaded);
    }
    return loaded;
  }

  private async read(file: string, required: boolean): Promise<LoadedConfig | null> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException | null)?.code;
      // During lookup a missing file (or a folder of that name) just means "look further up".
      if (!required && (code === 'ENOENT' || code === 'ENOTDIR')) return null;
      this.errors.push(`${this.display(file)}: cannot read configuration: ${errnoText(e)}`);
      return null;
    }
    const { config, errors } = parseConfig(text);
    for (const e of errors) {
      this.errors.push(`${this.display(file)}:${e.line + 1}:${e.column + 1}: ${e.message}`);
    }
    const dir = path.dirname(file);
    const out: LoadedConfig = { file, config };
    const files = matcher(config.files, dir);
    const ignore = matcher(config.ignore, dir);
    if (files) out.matchesFiles = files;
    if (ignore) out.matchesIgnore = ignore;
    return out;
  }

  private display(file: string): string {
    const rel = path.relative(this.cwd, file);
    return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
  }
}
