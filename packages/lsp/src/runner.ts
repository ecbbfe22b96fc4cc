// Every handler runs through these: an exception is logged and answered with an empty result,
// a cancellation with the LSP RequestCancelled error, so one feature's bug never kills the server.

import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { Stale } from './analysis.js';

// ResponseError<never> fits every handler's declared error data type.
function cancelled(): ResponseError<never> {
  return new ResponseError<never>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

export function errorText(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}

export async function runSafe<T>(
  log: (m: string) => void,
  name: string,
  fallback: T,
  token: CancellationToken | undefined,
  fn: () => T | Promise<T>,
): Promise<T | ResponseError<never>> {
  // Yield once so a $/cancelRequest already queued behind this request is seen.
  await new Promise((r) => setImmediate(r));
  if (token?.isCancellationRequested) return cancelled();
  try {
    const result = await fn();
    if (token?.isCancellationRequested) return cancelled();
    return result;
  } catch (e) {
    if (e instanceof ResponseError) return e as ResponseError<never>;
    if (e instanceof Stale) {
      // The document changed or closed: the client asks again for the new version.
      return token?.isCancellationRequested ? cancelled() : new ResponseError<never>(LSPErrorCodes.ContentModified, 'Content modified');
    }
    log(`${name} failed: ${errorText(e)}`);
    return fallback;
  }
}

/** For notifications: nothing to answer, but failures are logged and contained. */
export function runSafeNotification(log: (m: string) => void, name: string, fn: () => void | Promise<void>): void {
  try {
    const p = fn();
    if (p) p.catch((e) => log(`${name} failed: ${errorText(e)}`));
  } catch (e) {
    log(`${name} failed: ${errorText(e)}`);
  }
}
