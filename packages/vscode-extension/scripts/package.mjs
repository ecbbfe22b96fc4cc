// Packages the built extension as a .vsix with @vscode/vsce. vsce needs Node >= 22, so it runs
// on the node@24 binary that e2e/vscode installs from npm (set up on first use) whatever Node
// runs this script. Usage: node scripts/package.mjs [--out <file.vsix>]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const e2e = resolve(here, '../../e2e/vscode');
const node24 = join(e2e, 'node_modules/node/bin/node');
const vsce = join(e2e, 'node_modules/@vscode/vsce/vsce');

/** Packages the extension folder `dir` (default: this package) into `out`. */
export function packageVsix({ dir = here, out } = {}) {
  for (const f of ['dist/extension.js', 'dist/server.js', 'schema/cdrlint.config.schema.json']) {
    if (!existsSync(join(dir, f))) throw new Error(`${join(dir, f)} is missing: run the build first (npm run build)`);
  }
  if (!existsSync(node24) || !existsSync(vsce)) {
    execFileSync('sh', [join(e2e, 'setup.sh')], { stdio: 'inherit' });
  }
  const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const target = out ?? join(dir, `${name}-${version}.vsix`);
  // Everything is bundled into dist/: no node_modules in the package (--no-dependencies).
  execFileSync(node24, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', target], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  console.log(packageVsix({ out: i > 0 && process.argv[i + 1] ? resolve(process.argv[i + 1]) : undefined }));
}
