// Core must also run in a browser worker (ARCHITECTURE.md): no Node modules, no file system, and
// no code made at run time (`new Function`, `eval`), which a page's content security policy may
// forbid. This bundles core's sources for the browser with esbuild and runs them in a worker of
// Debian's chromium, headless, under a policy without 'unsafe-eval'. The worker parses a
// configuration, lints fixtures with it and renders a hover; the results must equal the same
// calls made here in Node. A missing chromium skips the test with a message, except in CI
// (`.ci/run` installs it), where the test then fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { lintText, parseConfig, resolveConfig, statusMarkdown } from '../src/index.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
const skip = !present && !process.env['CI'];
if (skip) console.warn(`[cdrlint core] skipping the browser-worker test: ${CHROMIUM} is not installed (apt-get install chromium)`);

const pkg = join(import.meta.dirname, '..');
const fixture = (p: string) => ({ name: p, text: readFileSync(join(pkg, 'test/fixtures', p), 'utf8') });

const INPUT = {
  configs: [
    '{ "rules": { "blank-row": "off", "time-order": "warning" }, "columns": { "status": "status" } }',
    '{ "rules": { "no-such-rule": "error", "time-order": "loud" }, "columns": { "status": "" } }',
  ],
  files: [fixture('rules/unknown-status/invalid.csv'), fixture('rules/status-case/invalid.csv'), fixture('rules/time-order/invalid.csv')],
};

/** What the worker computes, written once for both sides (core's API, plain JavaScript). */
const RUN = `(core, input) => {
  const configs = input.configs.map((t) => core.parseConfig(t));
  const lintConfig = core.resolveConfig(configs[0].config);
  const lints = input.files.map((f) => core.lintText(f.text, { fileName: f.name, config: lintConfig }));
  return { configs, lints, hover: core.statusMarkdown('ANSWERED') };
}`;

type Run = (core: unknown, input: typeof INPUT) => unknown;

async function inChromium(): Promise<{ evalBlocked: unknown; result?: unknown; error?: string }> {
  const bundle = await build({
    // The sources, not dist/: the result is compared with the sources run in Node.
    entryPoints: [join(pkg, 'src/index.ts')],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'core',
    write: false,
    logLevel: 'silent',
  });
  const workerSource = `${bundle.outputFiles[0].text}
let evalBlocked = false;
try { new Function('return 1')(); } catch (e) { evalBlocked = e instanceof EvalError ? true : String(e); }
let out;
try { out = { evalBlocked, result: (${RUN})(core, ${JSON.stringify(INPUT)}) }; }
catch (e) { out = { evalBlocked, error: String(e && e.stack || e) }; }
postMessage(encodeURIComponent(JSON.stringify(out)));`;
  // The worker comes from a blob: URL, so it runs under the page's policy.
  const page = `<!doctype html>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:">
<pre id="out">pending</pre>
<script>
const w = new Worker(URL.createObjectURL(new Blob([${JSON.stringify(workerSource).replace(/</g, '\\u003c')}], { type: 'text/javascript' })));
w.onmessage = (e) => { document.getElementById('out').textContent = e.data; };
w.onerror = (e) => { document.getElementById('out').textContent = encodeURIComponent(JSON.stringify({ error: 'worker: ' + e.message })); };
</script>`;
  const dir = mkdtempSync(join(tmpdir(), 'cdrlint-browser-'));
  try {
    writeFileSync(join(dir, 'page.html'), page);
    const run = spawnSync(
      CHROMIUM,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', `--user-data-dir=${join(dir, 'profile')}`, '--virtual-time-budget=30000', '--dump-dom', pathToFileURL(join(dir, 'page.html')).href],
      // The page dumped holds the worker's source (~0.4 MB).
      { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 },
    );
    // The page is read whatever chromium's exit code: only the worker's answer counts.
    const dom = run.stdout ?? '';
    const m = /<pre id="out">([^<]*)<\/pre>/.exec(dom);
    if (!m || m[1] === 'pending') {
      throw new Error(`no result from the worker (${run.error?.message ?? `exit ${run.status}`}); stderr: ${(run.stderr ?? '').slice(-800)}; page: ${dom.slice(0, 300)}`);
    }
    return JSON.parse(decodeURIComponent(m[1])) as { evalBlocked: unknown; result?: unknown; error?: string };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(skip)('core in a browser worker (chromium, headless)', () => {
  it('parses configurations, lints and renders hovers as in Node, under a policy that forbids eval', { timeout: 180_000 }, async () => {
    const got = await inChromium();
    // The policy applies to the worker: code made at run time is refused there.
    expect(got.evalBlocked).toBe(true);
    expect(got.error).toBeUndefined();
    const run = (0, eval)(RUN) as Run;
    const expected = JSON.parse(JSON.stringify(run({ lintText, parseConfig, resolveConfig, statusMarkdown }, INPUT))) as {
      configs: { errors: unknown[] }[];
      lints: { diagnostics: unknown[] }[];
    };
    expect(got.result).toEqual(expected);
    // The inputs exercise what they are meant to: schema errors, and diagnostics in every file.
    expect(expected.configs[1].errors.length).toBeGreaterThanOrEqual(3);
    for (const l of expected.lints) expect(l.diagnostics.length).toBeGreaterThan(0);
  });
});
