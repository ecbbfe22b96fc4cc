// Worker threads for the CLI: how many to use (--concurrency), and a small promise wrapper
// around one worker. Workers run dist/worker.js; from sources (tests in-process) there is no
// built worker, and everything runs in the main thread.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { HoldLimit } from './lint-file.js';
import type { WorkerProgress, WorkerReply, WorkerRequest } from './worker.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
/**
 * Young generation of each worker's heap (Node's default is 48 MB on 64-bit). 24 MB measured
 * fastest on the 10M-row CSV in parts (16.7 s; 12 MB: 32.1 s, the default: 21.8 s) and holds
 * 1M rows in parts at 177 MB RSS (the default: 205 MB).
 */
const YOUNG_GENERATION_MB = 24;
/** Several files together from this size on are checked by a pool of worker threads. */
export const POOL_MIN_BYTES = 8 << 20;
/**
 * What a part of a file may hold (see HoldLimit; part 0 too, in the main thread), and a worker
 * for a whole file of a pool, at about 0.7 KB a diagnostic. Parts: the 10M-row benchmark file
 * holds 28,000 a part, one per 27 KB; a file with a problem on every row gives up after 10,000.
 * Pool: at most two files a thread are started and not yet written.
 */
export const PART_HOLD: HoldLimit = { some: 10_000, most: 100_000, bytesEach: 4096 };
export const POOL_HOLD: HoldLimit = { some: 10_000, most: 25_000, bytesEach: 4096 };
export const WORKERS_AVAILABLE = !import.meta.url.endsWith('.ts');

/** Worker threads to use for `--concurrency auto|off|N`; 0 for off (all in the main thread). */
export function threadCount(setting: number | 'auto' | 'off'): number {
  if (!WORKERS_AVAILABLE || setting === 'off') return 0;
  if (setting === 'auto') return Math.max(1, Math.min(os.availableParallelism(), 16));
  return Math.max(1, setting);
}

/** A worker thread stopped (an engine limit, a bug): the caller checks the file in the main thread. */
export class WorkerDied extends Error {}

/** One worker thread answering requests one at a time. */
export class WorkerThread {
  private readonly worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  /** Bytes read so far by the current request (progress display). */
  onBytes: ((bytes: number) => void) | undefined;
  private waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.worker.on('message', (r: WorkerReply | WorkerProgress) => {
      if ('progress' in r) {
        this.onBytes?.(r.progress);
        return;
      }
      const w = this.waiting;
      this.waiting = undefined;
      w?.resolve(r);
    });
    const fail = (e: Error) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(new WorkerDied(`worker thread stopped: ${e.message}`));
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`exit code ${code}`)));
  }

  run(req: WorkerRequest): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(req);
    });
  }

  close(): Promise<number> {
    return this.worker.terminate();
  }
}
