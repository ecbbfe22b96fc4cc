// End-to-end test of the cdrlint VS Code extension in the real VS Code workbench (code-server),
// headless in Debian's chromium. Builds and packages the .vsix, installs it into a sandboxed
// code-server, opens a copy of fixtures/workspace, and checks what a user sees: squiggles,
// Problems rows with rule ids, a hover, a completion list, a quick fix applied and saved, the
// status colours, the status bar item and the summary view. Saves a screenshot to test-output/.
//
//   node e2e/vscode/run.mjs [--server=real|stand-in] [--skip-build] [--keep] [--break-server]
//
// --server=stand-in bundles packages/vscode-extension/test-server (proves the harness alone);
// --break-server packages a server that exits at once: the run must then FAIL, and this flag
// inverts the exit code so that the negative control itself can run in CI.
// Exit code 0 when every check passed, 1 otherwise. Needs `sh e2e/vscode/setup.sh` first (its
// imports need the packages that script installs; the package's test script runs it).
import { execFileSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installExtension, sandbox, startCodeServer } from './lib/code-server.mjs';
import * as wb from './lib/workbench.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const extDir = join(repo, 'packages/vscode-extension');
const outDir = join(here, 'test-output');
const node24 = join(here, 'node_modules/node/bin/node');
const codeServerEntry = join(here, 'node_modules/code-server/out/node/entry.js');

const args = new Set(process.argv.slice(2));
const serverArg = [...args].find((a) => a.startsWith('--server='))?.slice('--server='.length);
const server = serverArg ?? (existsSync(join(repo, 'packages/lsp/src')) ? 'real' : 'stand-in');
const breakServer = args.has('--break-server');
const FIXTURE = 'calls.cdr.csv';

// ---- timing -------------------------------------------------------------------------------
const timings = [];
const t0 = performance.now();
async function phase(name, fn) {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    const ms = Math.round(performance.now() - start);
    timings.push([name, ms]);
    console.log(`  ${name}: ${ms} ms`);
  }
}

// ---- checks --------------------------------------------------------------------------------
const results = [];
async function check(name, fn) {
  const start = performance.now();
  try {
    const detail = await fn();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Math.round(performance.now() - start)} ms)${detail ? `: ${detail}` : ''}`);
  } catch (e) {
    results.push({ name, ok: false, error: e });
    console.log(`FAIL ${name}: ${e instanceof Error ? e.message.split('\n')[0] : e}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// ---- what the fixture must show -------------------------------------------------------------
// Positions are computed from the fixture text and the expected texts from core's taxonomy, so
// nothing here restates either.
const core = await import(pathToFileURL(join(repo, 'packages/core/dist/index.js')).href).catch(() => {
  throw new Error('packages/core/dist is missing: build the packages first (npm run build)');
});
const fixtureText = readFileSync(join(here, 'fixtures/workspace', FIXTURE), 'utf8');
const fixtureLines = fixtureText.split('\n');
function cell(value, after = 0) {
  for (let i = after; i < fixtureLines.length; i++) {
    const j = fixtureLines[i].indexOf(`,${value},`);
    if (j >= 0) return { line: i + 1, column: j + 2, value }; // 1-based, first character of the value
  }
  throw new Error(`fixture has no cell '${value}'`);
}
const [answered, absent] = core.STATUS_NAMES;
const typo = cell('ANSWERD'); // a misspelt ANSWERED: unknown-status with a did-you-mean fix
const hoverCell = cell(absent, 1);
const dataRows = fixtureLines.slice(1).filter((l) => l.trim() !== '').length;
const caseCell = cell(absent.toLowerCase()); // status-case: safe fix, applied by fix all on save
const JSON_FIXTURE = 'calls.cdr.json';
const jsonLines = readFileSync(join(here, 'fixtures/workspace', JSON_FIXTURE), 'utf8').split('\n');
const EXPECT = {
  // rules: rule ids the Problems panel must list for the CSV fixture. colors: the server answers
  // cdrlint/statusRanges. fixAll: it offers source.fixAll.cdrlint. json: it checks JSON files.
  // lens and outline: it offers the summary CodeLens and document symbols.
  'stand-in': { rules: ['unknown-status'], colors: true, fixAll: false, json: false, lens: false, outline: false },
  real: { rules: ['unknown-status', 'status-case', 'invalid-phone-number'], colors: true, fixAll: true, json: true, lens: true, outline: true },
}[server];
if (!EXPECT) throw new Error(`--server must be real or stand-in, not ${server}`);

// ---- run ------------------------------------------------------------------------------------
console.log(`cdrlint VS Code e2e: server=${server}${breakServer ? ' (broken on purpose)' : ''}`);
mkdirSync(outDir, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'cdrlint-vscode-e2e-'));
let codeServer;
let browser;
let page;
let box;
try {
  await phase('setup (apt + npm, no-op when done)', () => execFileSync('sh', [join(here, 'setup.sh')], { stdio: 'inherit' }));

  const vsix = await phase('build + package .vsix', async () => {
    if (!args.has('--skip-build')) {
      execFileSync(process.execPath, [join(extDir, 'esbuild.mjs')], { stdio: 'inherit', env: { ...process.env, CDRLINT_SERVER: server === 'stand-in' ? 'stand-in' : '' } });
    }
    // Packaged from a staging copy so that the test never leaves files in the package folder.
    const stage = join(work, 'stage');
    for (const f of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'dist', 'schema']) cpSync(join(extDir, f), join(stage, f), { recursive: true });
    if (breakServer) writeFileSync(join(stage, 'dist/server.js'), 'process.exit(3);\n');
    const { packageVsix } = await import(pathToFileURL(join(extDir, 'scripts/package.mjs')).href);
    return packageVsix({ dir: stage, out: join(work, 'cdrlint.vsix') });
  });

  box = sandbox(join(work, 'code-server'));
  await phase('install .vsix into code-server', () => installExtension({ node: node24, entry: codeServerEntry, box, vsix }));

  const folder = join(work, 'workspace');
  cpSync(join(here, 'fixtures/workspace'), folder, { recursive: true });

  codeServer = await phase('code-server start (listening)', () => startCodeServer({ node: node24, entry: codeServerEntry, box, logFile: join(outDir, 'code-server.log') }));
  ({ context: browser, page } = await phase('chromium launch', () => wb.launchBrowser(join(work, 'chromium-profile'))));
  const consoleLog = createWriteStream(join(outDir, 'browser-console.log'));
  const started = performance.now();
  page.on('console', (m) => consoleLog.write(`${Math.round(performance.now() - started)} ms [${m.type()}] ${m.text()}\n`));
  await phase('workbench loaded (explorer shows the folder)', () => wb.openWorkbench(page, codeServer.url, folder));
  await phase('open the CDR file', () => wb.openFile(page, FIXTURE));

  await check('squiggles on the bad cells', () =>
    phase('first diagnostic (file open -> squiggle)', async () => {
      await wb.waitForSquiggles(page, 60_000);
      const counts = await wb.squiggleCounts(page);
      return JSON.stringify(counts);
    }),
  );

  await check(`Problems panel rows name the rules ${EXPECT.rules.join(', ')}`, async () => {
    const rows = await wb.problemRows(page, { minRows: EXPECT.rules.length });
    const text = rows.join('\n');
    for (const rule of EXPECT.rules) assert(text.includes(rule), `no Problems row with rule id '${rule}' in:\n${text}`);
    assert(/cdrlint/.test(text), `Problems rows do not name the source cdrlint:\n${text}`);
    return `${rows.length} rows`;
  });

  await check(`hover on ${hoverCell.value} explains the status`, async () => {
    await wb.goTo(page, hoverCell.line, hoverCell.column + 2);
    const doc = core.getStatus(hoverCell.value).doc;
    const expected = doc.split(/[.,]/)[0];
    const text = await wb.hoverText(page, expected);
    return JSON.stringify(text.slice(0, 80));
  });

  await check('completion in a status cell lists the statuses', async () => {
    await wb.goTo(page, hoverCell.line, hoverCell.column);
    const labels = await wb.completionLabels(page);
    for (const s of core.STATUS_NAMES) assert(labels.includes(s), `completion lacks ${s}: ${labels.join(', ')}`);
    return labels.join(', ');
  });

  if (EXPECT.colors) {
    await check('status values are coloured by family', async () => {
      // The colours the extension contributes (its unit test checks they cover the taxonomy).
      const ids = JSON.parse(readFileSync(join(extDir, 'package.json'), 'utf8')).contributes.colors.map((c) => c.id).filter((id) => id.startsWith('cdrlint.status'));
      assert(ids.length === core.STATUS_NAMES.length, `package.json contributes ${ids.length} status colours`);
      const counts = await wb.waitForDecorations(page, ids);
      for (const id of ids) assert(counts[id] > 0, `no decoration with colour ${id}: ${JSON.stringify(counts)}`);
      return JSON.stringify(counts);
    });
  }

  await check('status bar item shows calls and answer rate', async () => {
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /calls/ }).first();
    await item.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await item.innerText();
    assert(text.includes(`${dataRows} calls`), `status bar says '${text}', expected ${dataRows} calls`);
    return JSON.stringify(text);
  });

  await check(`quick fix turns ${typo.value} into ${answered} (saved to disk)`, async () => {
    await wb.goTo(page, typo.line, typo.column + 1);
    const title = await wb.applyQuickFix(page, answered);
    await wb.save(page);
    const line = readFileSync(join(folder, FIXTURE), 'utf8').split('\n')[typo.line - 1];
    assert(line.includes(`,${answered},`) && !line.includes(typo.value), `line ${typo.line} after the fix: ${line}`);
    return JSON.stringify(title);
  });

  if (EXPECT.fixAll) {
    await check('fix all on save (cdrlint.fixAllOnSave in the workspace settings) fixed the status case', async () => {
      const line = readFileSync(join(folder, FIXTURE), 'utf8').split('\n')[caseCell.line - 1];
      assert(line.includes(`,${absent},`) && !line.includes(`,${caseCell.value},`), `line ${caseCell.line} after saving: ${line}`);
      return JSON.stringify(line.slice(caseCell.column - 6, caseCell.column + 12));
    });
  }

  const summaryTab = page.locator('.tabs-container .tab', { hasText: 'Call status summary' });
  if (EXPECT.outline) {
    await check('outline lists the CSV columns', async () => {
      await wb.runCommand(page, 'Explorer: Focus on Outline View');
      // A column's entry: its header text as the name (the canonical field follows as detail).
      const names = page.locator('.part.sidebar .monaco-list-row .label-name');
      const [firstColumn] = fixtureLines[0].split(',');
      await names
        .filter({ hasText: new RegExp(`^${firstColumn}$`) })
        .first()
        .waitFor({ state: 'visible', timeout: 15_000 })
        .catch(async (e) => {
          throw new Error(`${e.message.split('\n')[0]}; sidebar rows: ${(await page.locator('.part.sidebar .monaco-list-row').allInnerTexts()).join(' | ')}`);
        });
      const texts = await names.allInnerTexts();
      for (const column of fixtureLines[0].split(',').slice(0, 3)) assert(texts.includes(column), `no outline entry '${column}': ${texts.join(', ')}`);
      return texts.filter((t) => !t.includes('.')).slice(0, 6).join(', ');
    });
  }

  if (EXPECT.lens) {
    await check('summary CodeLens on the first line opens the summary view', async () => {
      // A CodeLens is only rendered while its line is on screen: go to the first line first.
      await wb.goTo(page, 1, 1);
      const lens = page.locator('.editor-group-container.active .codelens-decoration a', { hasText: `${dataRows} calls` }).first();
      await lens.waitFor({ state: 'visible', timeout: 15_000 });
      const text = await lens.innerText();
      assert((await summaryTab.count()) === 0, 'the summary view was open before the click');
      await lens.click();
      await summaryTab.first().waitFor({ state: 'visible', timeout: 15_000 });
      // Closed again so that the next check proves the command on its own.
      await summaryTab.first().hover();
      await summaryTab.first().locator('.tab-actions .action-label').first().click();
      await summaryTab.first().waitFor({ state: 'detached' });
      return JSON.stringify(text);
    });
  }

  await check('summary view shows the chart of the file', async () => {
    assert((await summaryTab.count()) === 0, 'the summary view was open before the command');
    await wb.runCommand(page, 'cdrlint: Show call status summary');
    const frame = await wb.webviewFrame(page, 'Call status summary');
    const records = await frame.locator('#records').textContent();
    assert(Number(records) === dataRows, `summary says ${records} records, expected ${dataRows}`);
    const bars = await frame.locator('section').first().locator('tr').count();
    assert(bars > 0, 'the statuses chart has no bar');
    const row = await frame.locator(`tr[data-key="${answered}"]`).innerText();
    const rate = await frame.locator('#answer-rate').textContent();
    return `${records} records, answer rate ${rate}, ${bars} status bars, ${JSON.stringify(row.replace(/\s+/g, ' '))}`;
  });

  await phase('screenshot', async () => {
    await page.mouse.move(600, 450); // off the tab bar: no tooltip in the picture
    await page.screenshot({ path: join(outDir, `vscode-e2e-${server}.png`) });
  });

  if (EXPECT.json) {
    await check('JSON file: cdrlint problems, and a JSON syntax error reported once (by VS Code, not twice)', async () => {
      await wb.openFile(page, JSON_FIXTURE);
      await wb.waitForSquiggles(page, 30_000);
      const before = (await wb.problemRows(page, { minRows: 1 })).join('\n');
      assert(before.includes('unknown-sub-status'), `no unknown-sub-status row for ${JSON_FIXTURE}:\n${before}`);
      // A trailing comma: VS Code's JSON support reports it; cdrlint's parse-error must be dropped.
      const responses = () => (cdrlintLog(box.dirs.userData).match(/Received response 'textDocument\/diagnostic/g) ?? []).length;
      const seen = responses();
      assert(seen > 0, 'the cdrlint output channel has no trace of textDocument/diagnostic (cdrlint.trace.server)');
      const i = jsonLines.findIndex((l) => l.includes('"result_code"'));
      await wb.goTo(page, i + 1, jsonLines[i].length + 1);
      await page.keyboard.type(',');
      // The trace in the cdrlint output channel shows when the server has answered for the edit.
      await until(() => responses() > seen, 20_000, 'a textDocument/diagnostic response after the edit');
      const syntax = page.locator('.markers-panel .monaco-list-row', { hasText: /trailing comma/i });
      await syntax.first().waitFor({ state: 'visible', timeout: 20_000 });
      // Absence can only be shown over a window: a duplicate would be drawn within milliseconds.
      const duplicate = await page
        .locator('.markers-panel .monaco-list-row', { hasText: 'parse-error' })
        .first()
        .waitFor({ state: 'visible', timeout: 3_000 })
        .then(() => true, () => false);
      assert(!duplicate, `cdrlint reported the JSON syntax error too:\n${(await wb.problemRows(page, { minRows: 1 })).join('\n')}`);
      return `${await syntax.count()} trailing-comma row(s), no cdrlint parse-error`;
    });
  }

  await check('cdrlint.config.json is validated with the contributed schema', async () => {
    const configLines = readFileSync(join(folder, 'cdrlint.config.json'), 'utf8').split('\n');
    const i = configLines.findIndex((l) => l.includes('"error"'));
    assert(i >= 0, 'the fixture config has no "error" severity to break');
    await wb.openFile(page, 'cdrlint.config.json');
    await wb.goTo(page, i + 1, configLines[i].indexOf('"error"') + 3);
    await page.keyboard.press('Control+D'); // selects the word under the cursor
    await page.keyboard.type('fatal');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: /not accepted|valid values/i }).first();
    await row.waitFor({ state: 'visible', timeout: 20_000 });
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    return `${(await row.innerText()).split('\n')[0].slice(0, 90)}; cdrlint rows for it: ${rows.filter((r) => /fatal/.test(r) && /cdrlint/.test(r)).length}`;
  });
} catch (e) {
  results.push({ name: 'harness', ok: false, error: e });
  console.log(`FAIL harness: ${e instanceof Error ? e.stack : e}`);
} finally {
  const failed = results.filter((r) => !r.ok);
  if (failed.length && page) await page.screenshot({ path: join(outDir, `vscode-e2e-${server}-failure.png`) }).catch(() => undefined);
  if (failed.length && box) printExtensionLogs(box.dirs.userData);
  await browser?.close().catch(() => undefined);
  await codeServer?.stop();
  if (!args.has('--keep')) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);

  const total = Math.round(performance.now() - t0);
  console.log(`\ntimings (ms): ${timings.map(([n, ms]) => `${n}=${ms}`).join('; ')}; total=${total}`);
  writeFileSync(join(outDir, `vscode-e2e-${server}.json`), JSON.stringify({ server, breakServer, timings: Object.fromEntries(timings), total, results: results.map((r) => ({ name: r.name, ok: r.ok, error: r.error ? String(r.error.message ?? r.error) : undefined })) }, null, 2));
  const passed = results.filter((r) => r.ok).length;
  console.log(`${passed} passed, ${failed.length} failed`);
  if (breakServer) {
    console.log(failed.length > 0 ? 'negative control: the broken server was detected (exit 0)' : 'negative control: the broken server was NOT detected (exit 1)');
    process.exitCode = failed.length > 0 ? 0 : 1;
  } else {
    process.exitCode = failed.length > 0 || passed === 0 ? 1 : 0;
  }
}

/** Text of the cdrlint output channel (server log and, with cdrlint.trace.server, the trace). */
function cdrlintLog(userData) {
  return logFiles(userData, /cdrlint\.log$/).map((f) => readFileSync(f, 'utf8')).join('\n');
}

function logFiles(userData, pattern) {
  const files = [];
  const walk = (dir) => {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (pattern.test(name)) files.push(p);
    }
  };
  walk(join(userData, 'logs'));
  return files;
}

/** Waits until `cond()` holds (checked every 100 ms), or fails after `timeout` ms. */
async function until(cond, timeout, what) {
  const deadline = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** On failure, the extension host's log and the cdrlint output channel tell why. */
function printExtensionLogs(userData) {
  const files = logFiles(userData, /exthost\.log$|cdrlint/i);
  for (const f of files) {
    console.log(`---- ${f.slice(userData.length + 1)}`);
    // Enough of the trace to reach back to a failure before the last checks.
    console.log(readFileSync(f, 'utf8').split('\n').slice(-250).join('\n'));
  }
}
