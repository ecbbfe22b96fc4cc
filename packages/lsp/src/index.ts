// @cdrlint/lsp: start the server in-process, and the shared protocol (settings, commands, requests).
export { startServer } from './server.js';
export * from './protocol.js';
