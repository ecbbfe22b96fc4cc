// Several files over several cores: a pool of worker threads, each checking whole files one
// after the other (a file is never split here; split.ts does that for a single large file).
import type { LintConfig } from '@cdrlint/core';
import type { StreamLintOutcome } from './lint-file.js';
import { WorkerDied, WorkerThread } from './threads.js';

export interface PoolFile {
  path: string;
  fileName: string;
  config: LintConfig;
}

/**
 * Results in the order of `files`: an outcome, the error message of a file that could not be
 * read, or undefined where a worker thread stopped (check that file in the main thread).
 */
export async function lintFilesInPool(
  files: readonly PoolFile[],
  quiet: boolean,
  threads: number,
): Promise<(StreamLintOutcome | string | undefined)[]> {
  const results: (StreamLintOutcome | string | undefined)[] = new Array(files.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(threads, files.length) }, () => new WorkerThread());
  try {
    await Promise.all(
      workers.map(async (_w, k) => {
        for (let i = next++; i < files.length; i = next++) {
          const f = files[i];
          try {
            const reply = await workers[k].run({ kind: 'file', path: f.path, fileName: f.fileName, config: f.config, quiet });
            results[i] = !reply.ok ? reply.error : reply.kind === 'file' ? reply.result : 'unexpected reply';
          } catch (e) {
            if (!(e instanceof WorkerDied)) throw e;
            results[i] = undefined;
            workers[k] = new WorkerThread();
          }
        }
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  return results;
}
