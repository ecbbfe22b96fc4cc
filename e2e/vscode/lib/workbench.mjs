// Driving the VS Code workbench in Debian's chromium with playwright-core: only what a user does
// (keyboard, palette, clicks) and what a user sees (the DOM of the workbench). Every wait is on
// a condition with a timeout; nothing sleeps for a fixed time.
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

export async function launchBrowser(profileDir) {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'],
    viewport: { width: 1440, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  return { context, page };
}

export async function openWorkbench(page, url, folder) {
  await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 90_000 });
  // The explorer listing the folder means the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 90_000 });
}

async function quickInput(page, prefix, text) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`${prefix}${text}`);
  return input;
}

/** Runs a command by its title from the command palette. */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = await quickInput(page, '>', title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible' });
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

/** Opens a file at the root of the workspace from the explorer (as a user clicks it; Quick Open
 * would wait for the file search index, which costs many seconds on a cold start). */
export async function openFile(page, fileName) {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click();
  await page.locator('.tabs-container .tab.active', { hasText: fileName }).waitFor({ state: 'visible' });
  const editor = page.locator('.editor-group-container.active .monaco-editor').first();
  await editor.waitFor({ state: 'visible' });
  return editor;
}

/** Focuses the active editor and moves the cursor (1-based line and column). */
export async function goTo(page, line, column) {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  await page.keyboard.press(`${mod}+G`);
  const input = await quickInput(page, ':', `${line}:${column}`);
  await input.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.locator('.editor-group-container.active .monaco-editor .cursors-layer .cursor').first().waitFor({ state: 'visible' });
}

export async function squiggleCounts(page) {
  return page.evaluate(() => {
    const n = (cls) => document.querySelectorAll(`.editor-group-container.active .monaco-editor .${cls}`).length;
    return { error: n('squiggly-error'), warning: n('squiggly-warning'), info: n('squiggly-info') };
  });
}

export async function waitForSquiggles(page, timeout) {
  await page.waitForFunction(
    () => document.querySelectorAll('.editor-group-container.active .monaco-editor .squiggly-error, .editor-group-container.active .monaco-editor .squiggly-warning').length > 0,
    undefined,
    { timeout, polling: 100 },
  );
}

/** Opens the Problems panel and returns the text of each marker row. */
export async function problemRows(page, { minRows, timeout = 15_000 }) {
  await runCommand(page, 'View: Focus Problems');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await page.waitForFunction((min) => document.querySelectorAll('.markers-panel .monaco-list-row .marker-message-details, .markers-panel .monaco-list-row .marker-code').length >= min || document.querySelectorAll('.markers-panel .monaco-list-row').length > min, minRows, { timeout });
  return rows.allInnerTexts();
}

/** Shows the hover at the cursor (keyboard) and returns its text once it contains `expected`. */
export async function hoverText(page, expected, timeout = 15_000) {
  await page.keyboard.press(`${mod}+K`);
  await page.keyboard.press(`${mod}+I`);
  const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content, .monaco-hover:not(.hidden) .hover-contents', { hasText: expected }).first();
  await hover.waitFor({ state: 'visible', timeout });
  const text = await hover.innerText();
  await page.keyboard.press('Escape');
  return text;
}

/** Triggers completion at the cursor and returns the labels of the suggest widget. */
export async function completionLabels(page, timeout = 15_000) {
  await page.keyboard.press(`${mod}+Space`);
  const rows = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
  await rows.first().waitFor({ state: 'visible', timeout });
  const labels = await rows.allInnerTexts();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim());
}

/** Opens the quick fix menu at the cursor and applies the entry whose title contains `title`. */
export async function applyQuickFix(page, title, timeout = 15_000) {
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  // The menu can open before the server's code actions for the cursor have arrived (it then shows
  // none): close it and ask again, a few times, within the overall timeout.
  const deadline = Date.now() + timeout;
  for (;;) {
    await page.keyboard.press(`${mod}+Period`);
    const left = deadline - Date.now();
    try {
      await item.waitFor({ state: 'visible', timeout: Math.max(1_000, Math.min(5_000, left)) });
      break;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      await page.keyboard.press('Escape');
    }
  }
  const text = await item.innerText();
  await item.click();
  await item.waitFor({ state: 'detached' });
  return text.trim();
}

/** Saves the active editor once its last edit has reached the model (the tab shows it dirty): a
 * save pressed before would run, with its save participants, on the text without that edit. */
export async function save(page) {
  const dirty = page.locator('.tabs-container .tab.active.dirty');
  await dirty.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press(`${mod}+S`);
  await dirty.waitFor({ state: 'detached' });
}

/** Texts of the status bar items. */
export async function statusBarTexts(page) {
  return page.locator('.part.statusbar .statusbar-item').allInnerTexts();
}

/** In the page: per theme colour id (false until each has one), how many editor overlay elements
 * have that colour as background. Decorations get generated class names, so they are found by
 * their computed colour, compared with the theme's value of the colour's CSS variable. */
function decorationsReady(ids) {
  const workbench = document.querySelector('.monaco-workbench');
  const editor = document.querySelector('.editor-group-container.active .monaco-editor');
  if (!workbench || !editor) return false;
  const probe = document.createElement('div');
  workbench.appendChild(probe);
  const counts = {};
  try {
    const elements = [...editor.querySelectorAll('.view-overlays .cdr, .view-lines span')];
    const backgrounds = elements.map((e) => getComputedStyle(e).backgroundColor);
    for (const id of ids) {
      probe.style.backgroundColor = `var(--vscode-${id.replace(/\./g, '-')})`;
      const color = getComputedStyle(probe).backgroundColor;
      counts[id] = color === 'rgba(0, 0, 0, 0)' ? 0 : backgrounds.filter((b) => b === color).length;
    }
  } finally {
    probe.remove();
  }
  return Object.values(counts).every((n) => n > 0) && counts;
}

/** Waits until every colour id styles at least one element; returns the counts. */
export async function waitForDecorations(page, colorIds, timeout = 15_000) {
  const handle = await page.waitForFunction(decorationsReady, colorIds, { timeout, polling: 200 });
  return handle.jsonValue();
}

/** The frame of a webview whose document has a heading containing `heading`. */
export async function webviewFrame(page, heading, timeout = 20_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      const h1 = await frame.locator('h1').first().textContent({ timeout: 200 }).catch(() => null);
      if (h1?.includes(heading)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview with heading '${heading}' within ${timeout} ms`);
    await page.waitForEvent('framenavigated', { timeout: 1_000 }).catch(() => undefined);
  }
}
