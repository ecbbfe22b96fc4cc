#!/usr/bin/env node
// Entry point of the `cdrlint` command. Sets the exit code instead of calling process.exit so
// that stdout is fully flushed when the output is piped.
import { main } from './main.js';

// `cdrlint ... | head` closes the pipe early: main() notices (its output listens for EPIPE too)
// and ends with the exit code it has; once it has returned, stop quietly instead of crashing.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  if (process.exitCode !== undefined) process.exit(process.exitCode);
});

main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`cdrlint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  },
);
