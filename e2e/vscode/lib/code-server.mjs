// code-server (the real VS Code workbench, served to a browser) in a sandbox of temporary
// folders: its own config, user data, extensions, HOME and XDG folders, on a free port of
// 127.0.0.1, in its own process group so that stopping it ends every process it started.
import { spawn, execFile } from 'node:child_process';
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep the workbench quiet and deterministic: no welcome page, no tips, no
 * telemetry, no update or marketplace checks, no AI side panels, fast hovers. */
export const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 150,
  // Only language providers complete: words of the file must not pass for the server's items.
  'editor.wordBasedSuggestions': 'off',
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  'window.commandCenter': false,
};

/** The sandbox's folders and the environment every code-server process of it gets. */
export function sandbox(root, extraSettings = {}) {
  const dirs = {
    root,
    home: join(root, 'home'),
    config: join(root, 'config.yaml'),
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    xdgConfig: join(root, 'xdg/config'),
    xdgData: join(root, 'xdg/data'),
    xdgCache: join(root, 'xdg/cache'),
    xdgState: join(root, 'xdg/state'),
  };
  for (const d of [dirs.home, join(dirs.userData, 'User'), dirs.extensions, dirs.xdgConfig, dirs.xdgData, dirs.xdgCache, dirs.xdgState]) {
    mkdirSync(d, { recursive: true });
  }
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    XDG_STATE_HOME: dirs.xdgState,
    // An empty gallery: the workbench has no marketplace to reach (no network at run time).
    EXTENSIONS_GALLERY: '{}',
  };
  return { dirs, env };
}

function commonArgs(dirs) {
  return ['--config', dirs.config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
}

export async function installExtension({ node, entry, box, vsix }) {
  const { stdout, stderr } = await execFileAsync(node, [entry, ...commonArgs(box.dirs), '--install-extension', vsix], {
    env: box.env,
    timeout: 120_000,
  });
  const text = `${stdout}\n${stderr}`;
  if (!/successfully installed/i.test(text)) throw new Error(`code-server --install-extension failed:\n${text}`);
  return text.trim();
}

/**
 * Starts code-server and resolves once it listens. The returned `stop()` kills its whole process
 * group. Output goes to `logFile`.
 */
export async function startCodeServer({ node, entry, box, logFile, timeoutMs = 60_000 }) {
  const port = await freePort();
  const args = [
    entry,
    ...commonArgs(box.dirs),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time', '5',
  ];
  const child = spawn(node, args, { env: box.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  let exited = false;
  child.once('exit', () => (exited = true));
  const stop = async () => {
    if (exited) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, 5_000);
    await gone;
    clearTimeout(timer);
  };

  await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => fail(new Error(`code-server did not listen within ${timeoutMs} ms:\n${seen}`)), timeoutMs);
    const onData = (chunk) => {
      seen += chunk.toString();
      if (/HTTP server listening on/i.test(seen)) done();
    };
    const onExit = (code) => fail(new Error(`code-server exited (${code}) before listening:\n${seen}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function done() {
      cleanup();
      resolve();
    }
    function fail(e) {
      cleanup();
      stop().finally(() => reject(e));
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
  return { port, url: `http://127.0.0.1:${port}`, stop, pid: child.pid };
}
