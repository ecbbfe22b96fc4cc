// What every feature handler needs: the stores, the negotiated capabilities and a logger.

import type { ClientCapabilities, Connection } from 'vscode-languageserver';
import type { Analyzer } from './analysis.js';
import type { ConfigFiles } from './config-files.js';
import type { DocumentStore } from './documents.js';
import type { PositionEncoding } from './positions.js';
import type { SettingsStore } from './settings.js';

export interface ServerContext {
  connection: Connection;
  caps: ClientCapabilities;
  encoding: PositionEncoding;
  docs: DocumentStore;
  settings: SettingsStore;
  configs: ConfigFiles;
  analyzer: Analyzer;
  /** Workspace folder URIs. */
  folders: string[];
  /** Whether the client pulls diagnostics (textDocument/diagnostic) instead of receiving pushes. */
  pullDiagnostics: boolean;
  log(message: string): void;
}
