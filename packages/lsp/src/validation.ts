// Push diagnostics: validation runs ~150 ms after the last change (debounce), only the newest
// version's result is published, and closing a document clears its diagnostics.

import { Stale } from './analysis.js';
import type { ServerContext } from './context.js';
import { diagnosticOptions, diagnosticsOf } from './diagnostics.js';
import { errorText } from './runner.js';
import { reportConfigErrors } from './config-report.js';

export const DEBOUNCE_MS = 150;
/** CDRLINT_LSP_DEBUG=1 logs how each check ran and how long it took. */
const DEBUG = process.env.CDRLINT_LSP_DEBUG === '1';

export class Validator {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: ServerContext) {}

  /** Validate soon: right away on open, after the debounce on change. */
  schedule(uri: string, delay = DEBOUNCE_MS): void {
    if (this.ctx.pullDiagnostics) return;
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delay),
    );
  }

  scheduleAll(): void {
    for (const d of this.ctx.docs.all()) this.schedule(d.uri, 0);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  private async validate(uri: string): Promise<void> {
    const ctx = this.ctx;
    try {
      const t0 = performance.now();
      const a = await ctx.analyzer.analyze(uri);
      if (DEBUG) ctx.log(`cdrlint: ${a.incremental ? 'incremental' : 'full'} check of ${uri} v${a.version} in ${(performance.now() - t0).toFixed(1)} ms`);
      const doc = ctx.docs.get(uri);
      // Drop the result if the document moved on while it was computed.
      if (!doc || doc.version !== a.version) return;
      reportConfigErrors(ctx, a);
      ctx.connection.sendDiagnostics({ uri, version: a.version, diagnostics: diagnosticsOf(a, ctx.docs.positions(doc), diagnosticOptions(ctx.caps)) });
    } catch (e) {
      if (!(e instanceof Stale)) ctx.log(`validation of ${uri} failed: ${errorText(e)}`);
    }
  }
}
