#!/usr/bin/env node
// cdrlint-lsp: the cdrlint language server. Speaks LSP over stdio (`--stdio`); vscode-languageserver
// also accepts --node-ipc and --socket=<port> for clients that use those.

import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { SERVER_VERSION } from './capabilities.js';
import { startServer } from './server.js';
import { createStdioConnection } from './stdio.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
  process.stdout.write(`${SERVER_VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('Usage: cdrlint-lsp --stdio\n\nThe cdrlint language server for CDR files (CSV, NDJSON, JSON). Start it from your editor.\n');
  process.exitCode = args.includes('--help') || args.includes('-h') ? 0 : 2;
} else {
  startServer(args.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all));
}
