// Worker-thread entry: lints either a part of a file (split.ts) or a whole file (pool.ts) and
// posts the result back. Typed arrays of the duplicate table are transferred, not copied.
import { parentPort } from 'node:worker_threads';
import { describeIoError } from './files.js';
import { errorsOnly, lintFile, TooManyDiagnostics, type HoldLimit, type StreamLintOutcome } from './lint-file.js';
import { lintPart, type PartJob, type PartResult } from './part.js';
import { partTransferables, type LintConfig } from '@cdrlint/core';

export type WorkerRequest =
  | { kind: 'part'; job: PartJob }
  | { kind: 'file'; path: string; fileName: string; config: LintConfig; quiet: boolean; hold: HoldLimit };

/** Sent while a request runs: bytes of the file read so far. */
export interface WorkerProgress {
  progress: number;
}

export type WorkerReply =
  | { ok: true; kind: 'part'; result: PartResult }
  | { ok: true; kind: 'file'; result: StreamLintOutcome }
  | { ok: false; error: string; tooMany?: true };

const port = parentPort;
if (port) {
  port.on('message', (req: WorkerRequest) => {
    // Tests: a worker that stops, to check that the file is then checked in the main thread.
    if ((process.env['CDRLINT_DEBUG'] ?? '').includes('worker-exit')) process.exit(70);
    const run = async (): Promise<void> => {
      try {
        const onBytes = (n: number) => port.postMessage({ progress: n } satisfies WorkerProgress);
        if (req.kind === 'part') {
          const result = await lintPart(req.job, onBytes);
          port.postMessage({ ok: true, kind: 'part', result } satisfies WorkerReply, partTransferables(result.outcome));
        } else {
          const keep = req.quiet ? { keep: errorsOnly } : {};
          const result = await lintFile(req.path, { fileName: req.fileName, config: req.config, ...keep, onBytes, hold: req.hold });
          port.postMessage({ ok: true, kind: 'file', result } satisfies WorkerReply);
        }
      } catch (e) {
        // Too many diagnostics to hold here: the main thread checks the file again and writes
        // them as they come.
        const tooMany = e instanceof TooManyDiagnostics ? { tooMany: true as const } : {};
        port.postMessage({ ok: false, error: describeIoError(e), ...tooMany } satisfies WorkerReply);
      }
    };
    void run();
  });
}
