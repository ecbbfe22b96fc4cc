// Several files over several cores: a pool of worker threads, each checking whole files one
// after the other (a file is never split here; split.ts does that for a single large file).
import type { LintConfig } from '@cdrlint/core';
import type { HoldLimit, StreamLintOutcome } from './lint-file.js';
import { WorkerDied, WorkerThread } from './threads.js';

export interface PoolFile {
  path: string;
  fileName: string;
  config: LintConfig;
}

/**
 * A file's outcome, the error message of a file that could not be read, or undefined where
 * the file is to be checked in the main thread (its worker stopped, or it found more than
 * more diagnostics than `hold` allows, which the main thread writes as they come).
 */
export type PoolResult = StreamLintOutcome | string | undefined;

/** One file's result to come, let go of as soon as it is taken (a settled promise keeps its value). */
interface Pending {
  promise: Promise<PoolResult>;
  resolve: (r: PoolResult) => void;
  reject: (e: unknown) => void;
}

function pending(): Pending {
  let resolve!: (r: PoolResult) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<PoolResult>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {}); // (a file after one whose worker failed may never be asked for)
  return { promise, resolve, reject };
}

/**
 * Results in the order of `files`, each as soon as it and those before it are done. A worker
 * starts a file only while fewer than two per thread are started and not yet taken, so the
 * diagnostics held stay bounded however many files there are.
 */
export async function* lintFilesInPool(files: readonly PoolFile[], quiet: boolean, threads: number, hold: HoldLimit): AsyncGenerator<PoolResult> {
  // Entries are cleared once used: a result reachable from here would be held to the end
  // (200 files of 9,400 diagnostics each: 1.08 GB instead of 280 MB).
  const results: (Pending | undefined)[] = files.map(pending);
  const ahead = 2 * threads;
  let taken = 0;
  const waiting: (() => void)[] = [];
  const wake = () => {
    for (const w of waiting.splice(0)) w();
  };
  let stopped = false;
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, files.length) }, () => new WorkerThread());
  const running = workers.map(async (_w, k) => {
    for (;;) {
      while (!stopped && next >= taken + ahead) await new Promise<void>((resolve) => waiting.push(resolve));
      const i = next++;
      if (stopped || i >= files.length) return;
      const f = files[i];
      let r: PoolResult;
      try {
        const reply = await workers[k].run({ kind: 'file', path: f.path, fileName: f.fileName, config: f.config, quiet, hold });
        r = reply.ok ? (reply.kind === 'file' ? reply.result : 'unexpected reply') : reply.tooMany ? undefined : reply.error;
      } catch (e) {
        if (!(e instanceof WorkerDied)) throw e;
        r = undefined;
        // (Not once the pool is closing: its workers were terminated on purpose.)
        if (stopped) return;
        workers[k] = new WorkerThread();
      }
      results[i]?.resolve(r);
    }
  });
  // A worker that fails for another reason ends the pool with its error. (Not by racing each
  // result against one promise that stays pending: every race would stay on its list, with
  // its result.)
  Promise.all(running).catch((e: unknown) => {
    for (const p of results) p?.reject(e);
  });
  try {
    for (let i = 0; i < files.length; i++) {
      const r = await results[i]!.promise;
      results[i] = undefined;
      yield r;
      taken = i + 1;
      wake();
    }
  } finally {
    stopped = true;
    wake();
    await Promise.all(workers.map((w) => w.close()));
  }
}
