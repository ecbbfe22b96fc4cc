// Directory walking through the built binary: which files are checked, and how unreadable
// entries (broken links, folders named like CDR files, missing paths) are reported.
import { chmodSync, copyFileSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, run, SCRATCH } from './run.js';

const root = path.join(SCRATCH, `walk-${process.pid}`);
const valid = path.join(FIXTURES, 'valid', 'calls.csv');
const invalid = path.join(FIXTURES, 'invalid', 'calls.csv');

beforeAll(() => {
  rmSync(root, { recursive: true, force: true });
  const tree = path.join(root, 'tree');
  for (const d of ['tree/sub', 'tree/.hidden', 'tree/node_modules/pkg', 'tree/folder.csv', 'tree/ignored']) {
    mkdirSync(path.join(root, d), { recursive: true });
  }
  writeFileSync(path.join(tree, 'cdrlint.config.json'), JSON.stringify({ ignore: ['ignored/**'] }));
  copyFileSync(valid, path.join(tree, 'a.csv'));
  copyFileSync(valid, path.join(tree, 'sub', 'b.tsv'));
  copyFileSync(path.join(FIXTURES, 'valid', 'calls.ndjson'), path.join(tree, 'sub', 'c.jsonl'));
  copyFileSync(invalid, path.join(tree, '.hidden', 'x.csv'));
  copyFileSync(invalid, path.join(tree, 'node_modules', 'pkg', 'x.csv'));
  copyFileSync(invalid, path.join(tree, 'folder.csv', 'inside.csv'));
  copyFileSync(invalid, path.join(tree, 'ignored', 'x.csv'));
  copyFileSync(invalid, path.join(tree, 'notes.txt'));
  writeFileSync(path.join(tree, 'package.json'), '{"name":"x"}');
  symlinkSync(path.join(tree, 'a.csv'), path.join(tree, 'link.csv'));
  symlinkSync(path.join(root, 'gone.csv'), path.join(tree, 'broken.csv'));
  symlinkSync(path.join(root, 'gone.txt'), path.join(tree, 'broken.txt'));

  const plain = path.join(root, 'plain');
  mkdirSync(plain, { recursive: true });
  writeFileSync(path.join(plain, 'cdrlint.config.json'), '{}');
  copyFileSync(valid, path.join(plain, 'a.csv'));

  // `files` in the config replaces the default extensions for folder walks.
  const custom = path.join(root, 'custom');
  mkdirSync(custom, { recursive: true });
  writeFileSync(path.join(custom, 'cdrlint.config.json'), JSON.stringify({ files: ['**/*.cdr'] }));
  copyFileSync(valid, path.join(custom, 'calls.cdr'));
  copyFileSync(invalid, path.join(custom, 'other.csv'));

  const locked = path.join(root, 'locked');
  mkdirSync(locked, { recursive: true });
  writeFileSync(path.join(locked, 'cdrlint.config.json'), '{}');
  copyFileSync(valid, path.join(locked, 'a.csv'));
  copyFileSync(valid, path.join(locked, 'secret.csv'));
  chmodSync(path.join(locked, 'secret.csv'), 0);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const isRoot = process.getuid?.() === 0;

describe('directory walk', () => {
  it('checks CDR files, skips dot-folders, node_modules, manifests and ignored globs, reports broken links', async () => {
    const r = await run(['--format', 'json', 'tree'], { cwd: root });
    const files = JSON.parse(r.stdout).map((f: { filePath: string }) => path.relative(root, f.filePath));
    expect(files).toEqual(['tree/a.csv', 'tree/folder.csv/inside.csv', 'tree/link.csv', 'tree/sub/b.tsv', 'tree/sub/c.jsonl']);
    expect(r.stderr).toBe(`cdrlint: ${path.join(root, 'tree', 'broken.csv')}: broken symbolic link (no such file or directory)\n`);
    expect(r.code).toBe(2);
  });

  it('a clean folder exits 0; an explicit broken link exits 2', async () => {
    expect((await run(['plain'], { cwd: root })).code).toBe(0);
    const r = await run(['tree/broken.csv', 'plain'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdrlint: tree/broken.csv: broken symbolic link (no such file or directory)\n');
  });

  it('config `files` globs choose what a folder walk checks', async () => {
    const r = await run(['--format', 'json', 'custom'], { cwd: root });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => path.relative(root, f.filePath))).toEqual(['custom/calls.cdr']);
  });

  // Root reads any file: as root, the CLI runs as user nobody (65534) for this case.
  it('an unreadable file is reported, the rest is checked, exit 2', async () => {
    const r = await run(['--format', 'json', 'locked'], { cwd: root, ...(isRoot ? { uid: 65534 } : {}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('cdrlint: locked/secret.csv: permission denied\n');
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => path.basename(f.filePath))).toEqual(['a.csv']);
  });
});
