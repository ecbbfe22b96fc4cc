// --fix and --fix-dry-run: whole-file read (fixing needs the text), core fixes, then an atomic
// write: a temporary file in the same folder, the original mode, and a rename, only if the file
// on disk is still exactly what was read.
import { open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import {
  applyFixes,
  decodeBytes,
  encodeText,
  lintText,
  type CdrFormat,
  type Diagnostic,
  type LintConfig,
  type LintResult,
} from '@cdrlint/core';

/** ESLint's limit too: fixes can enable other fixes, but never loop forever. */
const MAX_PASSES = 10;

export interface FixOptions {
  config: LintConfig;
  dryRun: boolean;
  format?: CdrFormat;
  /** Test seam: runs after the temporary file is written, before the on-disk check. */
  beforeCommit?: () => Promise<void>;
}

export interface FixOutcome {
  /** The lint result of the text after fixing (what is left to report). */
  result: LintResult;
  /** Diagnostics left: encoding problems plus the result's. */
  diagnostics: Diagnostic[];
  applied: number;
  /** The fixed text when it differs from the original (dry run: what would be written). */
  output?: string;
  /** Why nothing was written although fixes were found (an I/O-level refusal: exit 2). */
  refused?: string;
}

export class FileChangedError extends Error {}

// node:crypto is loaded only by --fix: loading it took 6-9 ms of every run.
async function sha256(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}

/** Fixes a text in passes until nothing more applies. Pure apart from calling core. */
export function fixText(
  text: string,
  options: { fileName: string; config: LintConfig; format?: CdrFormat },
): { text: string; applied: number; result: LintResult } {
  const lintOptions = { fileName: options.fileName, config: options.config, ...(options.format ? { format: options.format } : {}) };
  let current = text;
  let applied = 0;
  let result = lintText(current, lintOptions);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const step = applyFixes(current, result.diagnostics);
    if (step.applied === 0 || step.text === current) break;
    applied += step.applied;
    current = step.text;
    result = lintText(current, lintOptions);
  }
  return { text: current, applied, result };
}

export async function fixFile(absPath: string, options: FixOptions): Promise<FixOutcome> {
  const handle = await open(absPath, 'r');
  let bytes: Uint8Array;
  let before: { size: number; mtimeMs: number; mode: number };
  try {
    const st = await handle.stat();
    bytes = await handle.readFile();
    before = { size: st.size, mtimeMs: st.mtimeMs, mode: st.mode & 0o7777 };
  } finally {
    await handle.close();
  }
  const { text, bom, diagnostics: encoding } = decodeBytes(bytes);
  const fixOptions = { fileName: absPath, config: options.config, ...(options.format ? { format: options.format } : {}) };
  if (encoding.length > 0) {
    // Re-encoding would change the undecodable bytes: never fix such a file.
    const result = lintText(text, fixOptions);
    return { result, diagnostics: [...encoding, ...result.diagnostics], applied: 0 };
  }
  const fixed = fixText(text, fixOptions);
  const outcome: FixOutcome = { result: fixed.result, diagnostics: fixed.result.diagnostics, applied: fixed.applied };
  if (fixed.text === text) return outcome;
  outcome.output = fixed.text;
  if (options.dryRun) return outcome;
  try {
    await writeAtomically(absPath, encodeText(fixed.text, bom), before, await sha256(bytes), options.beforeCommit);
  } catch (e) {
    outcome.refused = e instanceof Error ? e.message : String(e);
    outcome.applied = 0;
    // Nothing was written: report the problems of the file as it is.
    const original = lintText(text, fixOptions);
    outcome.result = original;
    outcome.diagnostics = original.diagnostics;
    delete outcome.output;
  }
  return outcome;
}

async function assertUnchanged(absPath: string, before: { size: number; mtimeMs: number }, hash: string): Promise<void> {
  const handle = await open(absPath, 'r');
  try {
    const st = await handle.stat();
    if (st.size !== before.size || st.mtimeMs !== before.mtimeMs || (await sha256(await handle.readFile())) !== hash) {
      throw new FileChangedError('the file changed on disk while it was being checked; not fixed');
    }
  } finally {
    await handle.close();
  }
}

async function writeAtomically(
  absPath: string,
  bytes: Uint8Array,
  before: { size: number; mtimeMs: number; mode: number },
  hash: string,
  beforeCommit?: () => Promise<void>,
): Promise<void> {
  const dir = path.dirname(absPath);
  const { randomBytes } = await import('node:crypto');
  const temp = path.join(dir, `.${path.basename(absPath)}.${process.pid}.${randomBytes(4).toString('hex')}.cdrlint-tmp`);
  const handle = await open(temp, 'wx', before.mode);
  let renamed = false;
  try {
    await handle.writeFile(bytes);
    // `open` applies the umask; chmod gives the file exactly the original permissions.
    await handle.chmod(before.mode);
    await handle.sync();
    await handle.close();
    await beforeCommit?.();
    await assertUnchanged(absPath, before, hash);
    await rename(temp, absPath);
    renamed = true;
  } finally {
    await handle.close().catch(() => undefined);
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}
