// Expands the command line's files, directories and globs into the files to check. Directories
// are walked by hand (not with the glob library) because glob libraries silently skip
// unreadable folders and broken links, and the CLI must report each of them (exit 2).
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Extensions a directory walk picks up. */
export const CDR_EXTENSIONS: readonly string[] = ['.csv', '.tsv', '.ndjson', '.jsonl', '.json'];

/** JSON files that are tool manifests, never CDRs (a directory walk skips them). */
const MANIFEST = /^(cdrlint\.config|package|package-lock|npm-shrinkwrap|composer|bower|deno|(ts|js)config(\..*)?)\.json$/i;

export function isCdrFileName(fileName: string): boolean {
  const base = path.basename(fileName);
  const lower = base.toLowerCase();
  return CDR_EXTENSIONS.some((ext) => lower.endsWith(ext)) && !MANIFEST.test(base);
}

export type FoundBy = 'explicit' | 'glob' | 'walk';

/**
 * Decides whether a found file is checked. `byName` is the default decision (extension and
 * manifest names for walks; always true for explicit paths and globs). Lets the caller apply
 * configuration `files` / `ignore` globs.
 */
export type AcceptFile = (absPath: string, foundBy: FoundBy, byName: boolean) => boolean | Promise<boolean>;

export interface Expansion {
  files: string[];
  /** One message per path that could not be read (exit code 2). */
  errors: string[];
}

/** A short reason for a file system error (ENOENT -> 'no such file or directory'). */
export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}

async function walk(dir: string, accept: AcceptFile, out: string[], errors: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    errors.push(`${dir}: cannot read directory: ${describeIoError(e)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Dot-folders (.git, .vscode, ...) and dependencies are never campaign data.
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      await walk(full, accept, out, errors);
    } else if (entry.isFile()) {
      if (await accept(full, 'walk', isCdrFileName(entry.name))) out.push(full);
    } else if (entry.isSymbolicLink()) {
      const byName = isCdrFileName(entry.name);
      if (!(await accept(full, 'walk', byName))) continue;
      try {
        // Linked files are followed; linked folders are not (no cycles, no escaping the tree).
        if ((await stat(full)).isFile()) out.push(full);
      } catch (e) {
        errors.push(`${full}: broken symbolic link (${describeIoError(e)})`);
      }
    }
  }
}

export async function expandPatterns(patterns: readonly string[], cwd: string, accept: AcceptFile): Promise<Expansion> {
  const files: string[] = [];
  const errors: string[] = [];
  for (const pattern of patterns) {
    const abs = path.resolve(cwd, pattern);
    let info;
    try {
      info = await stat(abs);
    } catch (e) {
      const link = await lstat(abs).catch(() => undefined);
      if (link?.isSymbolicLink()) {
        errors.push(`${pattern}: broken symbolic link (${describeIoError(e)})`);
        continue;
      }
      // Loaded only for a pattern that names no file: loading it made every run ~10 ms slower
      // (fdir, under tinyglobby, resolves and requires picomatch from disk as it loads).
      const { glob, isDynamicPattern } = await import('tinyglobby');
      if (isDynamicPattern(pattern)) {
        const matches = await glob(pattern, {
          cwd,
          absolute: true,
          onlyFiles: true,
          dot: false,
          ignore: ['**/node_modules/**'],
        });
        matches.sort();
        const accepted: string[] = [];
        for (const m of matches) if (await accept(path.normalize(m), 'glob', true)) accepted.push(path.normalize(m));
        if (accepted.length === 0) errors.push(`${pattern}: no files match this pattern`);
        files.push(...accepted);
        continue;
      }
      errors.push(`${pattern}: ${describeIoError(e)}`);
      continue;
    }
    if (info.isDirectory()) {
      // An empty folder is not an error: nothing to check is a clean result.
      await walk(abs, accept, files, errors);
    } else if (await accept(abs, 'explicit', true)) {
      files.push(abs);
    }
  }
  return { files: [...new Set(files)], errors };
}
