// workspace/executeCommand: cdrlint.checkWorkspace (every CDR file of the workspace folders,
// with $/progress) and cdrlint.showSummary.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CONFIG_FILE_NAME, configForFile, decodeBytes, lintText, resolveConfig, type StatusSummary } from '@cdrlint/core';
import { summaryLine } from './core-service.js';
import {
  MessageType,
  type CancellationToken,
  type ExecuteCommandParams,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { LineText } from './line-text.js';
import { fileNameOf } from './analysis.js';
import { relativeToConfig } from './config-files.js';
import type { ServerContext } from './context.js';
import { diagnosticOptions, toLspDiagnostic } from './diagnostics.js';
import { Positions } from './positions.js';
import { Commands, type CheckWorkspaceResult } from './protocol.js';

const CDR_EXTENSIONS = /\.(csv|tsv|tab|ndjson|jsonl|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.turbo']);
const SKIP_FILES = new Set([CONFIG_FILE_NAME, 'package.json', 'package-lock.json', 'tsconfig.json', 'turbo.json']);
/** Larger files are left to the CLI (streaming); the editor path holds whole texts. */
export const MAX_WORKSPACE_FILE = 50 * 1024 * 1024;

async function* walk(dir: string, depth = 0): AsyncGenerator<string> {
  if (depth > 32) return;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) yield* walk(path, depth + 1);
    } else if (e.isFile() && CDR_EXTENSIONS.test(e.name) && !SKIP_FILES.has(e.name)) {
      yield path;
    }
  }
}

async function progressFor(ctx: ServerContext, params: ExecuteCommandParams): Promise<WorkDoneProgressReporter | undefined> {
  if (params.workDoneToken !== undefined) return ctx.connection.window.attachWorkDoneProgress(params.workDoneToken);
  if (ctx.caps.window?.workDoneProgress) return ctx.connection.window.createWorkDoneProgress().catch(() => undefined);
  return undefined;
}

export async function checkWorkspace(ctx: ServerContext, params: ExecuteCommandParams, token: CancellationToken): Promise<CheckWorkspaceResult> {
  const files: string[] = [];
  for (const folder of ctx.folders) {
    let root: string;
    try {
      root = fileURLToPath(folder);
    } catch {
      continue;
    }
    for await (const f of walk(root)) files.push(f);
  }
  const progress = await progressFor(ctx, params);
  progress?.begin('cdrlint: checking workspace', 0, `${files.length} files`, true);
  const result: CheckWorkspaceResult = { files: 0, cdrFiles: 0, errors: 0, warnings: 0 };
  const opts = diagnosticOptions(ctx.caps);
  try {
    for (let i = 0; i < files.length; i++) {
      if (token.isCancellationRequested) break;
      const path = files[i];
      const uri = pathToFileURL(path).href;
      progress?.report(Math.floor((i / files.length) * 100), fileNameOf(uri) ?? uri);
      result.files++;
      try {
        if ((await stat(path)).size > MAX_WORKSPACE_FILE) continue;
        const open = ctx.docs.get(uri);
        const text = open ? open.getText() : decodeBytes(new Uint8Array(await readFile(path))).text;
        const [settings, config] = await Promise.all([ctx.settings.get(uri), ctx.configs.forDocument(uri)]);
        if (!settings.enable) continue;
        const lint = lintText(text, { fileName: fileNameOf(uri), config: resolveConfig(configForFile(config.config, relativeToConfig(config, uri)), { rules: settings.rules, columns: settings.columns }) });
        if (!lint.isCdr) continue;
        result.cdrFiles++;
        for (const d of lint.diagnostics) {
          if (d.severity === 'error') result.errors++;
          else if (d.severity === 'warning') result.warnings++;
        }
        // Open documents keep their live diagnostics; closed ones get these.
        if (!open) {
          const pos = new Positions(LineText.from(text), ctx.encoding);
          const shown = lint.diagnostics.slice(0, settings.maxProblems);
          ctx.connection.sendDiagnostics({ uri, diagnostics: shown.map((d) => toLspDiagnostic(d, uri, 0, pos, opts)) });
        }
      } catch (e) {
        ctx.log(`checkWorkspace: ${path}: ${e instanceof Error ? e.message : String(e)}`);
      }
      // Let cancellations and other requests in between files.
      await new Promise((r) => setImmediate(r));
    }
  } finally {
    progress?.done();
  }
  return result;
}

export async function showSummary(ctx: ServerContext, uri: unknown, summary: (uri: string) => Promise<StatusSummary | null>): Promise<StatusSummary | null> {
  if (typeof uri !== 'string') return null;
  const s = await summary(uri);
  // A plain notification: showInformationMessage sends a request whose rejection (a client that
  // does not answer it) would be an unhandled rejection and end the process.
  const message = s ? `${fileNameOf(uri) ?? uri}: ${summaryLine(s)}` : 'Not a CDR file.';
  ctx.connection.sendNotification('window/showMessage', { type: MessageType.Info, message });
  return s;
}

export const COMMANDS = [Commands.checkWorkspace, Commands.showSummary];
