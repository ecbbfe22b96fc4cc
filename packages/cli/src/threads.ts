// Worker threads for the CLI: how many to use (--concurrency), and a small promise wrapper
// around one worker. Workers run dist/worker.js; from sources (tests in-process) there is no
// built worker, and everything runs in the main thread.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerReply, WorkerRequest } from './worker.js';

const WORKER_URL = new URL('./worker.js', import.meta.url);
export const WORKERS_AVAILABLE = !import.meta.url.endsWith('.ts');

/** Threads to use for `--concurrency auto|off|N`. */
export function threadCount(setting: number | 'auto' | 'off'): number {
  if (!WORKERS_AVAILABLE || setting === 'off') return 1;
  if (setting === 'auto') return Math.max(1, Math.min(os.availableParallelism(), 16));
  return Math.max(1, setting);
}

/** One worker thread answering requests one at a time. */
export class WorkerThread {
  private readonly worker = new Worker(WORKER_URL);
  private waiting: { resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | undefined;

  constructor() {
    this.worker.on('message', (r: WorkerReply) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.resolve(r);
    });
    const fail = (e: Error) => {
      const w = this.waiting;
      this.waiting = undefined;
      w?.reject(e);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`worker thread exited with code ${code}`)));
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
