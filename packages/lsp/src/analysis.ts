// One analysis per document version, cached by uri + version + settings/config generation; a
// result for an older version is never returned. After an edit of a CSV, NDJSON or JSON document
// only the records it touches are re-checked (incremental.ts); otherwise the whole text is
// linted, big texts in chunks with a yield between them, so a newer edit or a cancellation stops
// the work and progress can be reported.

import { configForFile, createLinter, resolveConfig, type LintConfig, type LintResult } from '@cdrlint/core';
import type { CancellationToken } from 'vscode-languageserver';
import { relativeToConfig, type ConfigFiles, type LoadedConfig } from './config-files.js';
import { resolverFor, type FieldResolver } from './core-service.js';
import { parseView, type ParsedDocument } from './document.js';
import type { DocumentStore, TextDocument } from './documents.js';
import { relintEdit, type Snapshot } from './incremental.js';
import { RecordIndexBuilder } from './record-index.js';
import type { LineText } from './line-text.js';
import type { CdrlintSettings } from './protocol.js';
import type { SettingsStore } from './settings.js';

/** Texts above this size are linted in chunks (cancellable, with progress). */
export const CHUNK_SIZE = 1 << 20;

export interface Analysis {
  uri: string;
  version: number;
  /** This version's text (chunks shared with other versions; `text.toString()` joins it). */
  text: LineText;
  fileName: string | undefined;
  settings: CdrlintSettings;
  config: LoadedConfig;
  lintConfig: LintConfig;
  result: LintResult;
  /** What the next incremental step starts from. */
  snapshot: Snapshot;
  /** Whether this result came from the incremental path (for tests and logs). */
  incremental: boolean;
  /**
   * Names this result's diagnostics for pull diagnostics (LSP resultId): the same for the same
   * opening and version of the document under the same effective settings, so a client that
   * pulls again with it gets "unchanged".
   */
  resultId: string;
  resolve: FieldResolver;
  /** All records, parsed on first use (outline, JSON documents, quoted CSV lines). */
  document(): ParsedDocument;
}

export interface ProgressSink {
  report(percent: number, message?: string): void;
  done(): void;
}

export type ProgressFactory = (title: string) => Promise<ProgressSink | undefined>;

/** Thrown when the work was cancelled or the document moved on. */
export class Stale extends Error {
  constructor() {
    super('stale');
  }
}

export function fileNameOf(uri: string): string | undefined {
  try {
    const path = new URL(uri).pathname;
    const name = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
    return name === '' ? undefined : name;
  } catch {
    return undefined;
  }
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Starts every resultId of this server process: a client that still holds an id from an earlier
 * server (restarted, maybe on another text) must not get "unchanged" for the same numbers.
 */
const RUN_ID = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}`;

export class Analyzer {
  private readonly cache = new Map<string, { key: string; promise: Promise<Analysis> }>();
  /** The newest finished analysis per document: the base of the next incremental step. */
  private readonly last = new Map<string, { gen: string; analysis: Analysis }>();
  /**
   * A number per distinct effective configuration (rules, columns, enable, maxProblems), for
   * resultIds: after a change of settings or config files that leaves a document's own as it
   * was (an override for other files, a setting of another folder), its id stays the same.
   */
  private readonly configIds = new Map<string, number>();

  constructor(
    private readonly docs: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly configs: ConfigFiles,
    private readonly progress: ProgressFactory,
  ) {}

  /** The analysis of the document's current version; rejects with Stale if it changes meanwhile. */
  async analyze(uri: string, token?: CancellationToken): Promise<Analysis> {
    const doc = this.docs.get(uri);
    if (!doc) throw new Stale();
    const [settings, config] = await Promise.all([this.settings.get(uri), this.configs.forDocument(uri)]);
    const current = this.docs.get(uri);
    if (current !== doc || doc.version === undefined) throw new Stale();
    const gen = `${this.settings.generation}:${this.configs.generation}`;
    const key = `${doc.version}:${gen}`;
    const hit = this.cache.get(uri);
    if (hit && hit.key === key) return hit.promise;
    // The run is shared by every request for this version, so no single request's token may
    // cancel it (a cancelled colour request must not fail the CodeLens waiting on the same run);
    // it still stops when the document changes.
    void token;
    const promise = this.run(doc, settings, config, gen);
    this.cache.set(uri, { key, promise });
    promise.then(
      (a) => {
        const prev = this.last.get(uri);
        if (!prev || prev.analysis.version <= a.version) this.last.set(uri, { gen, analysis: a });
        if (this.docs.get(uri)?.version === a.version) this.docs.markBase(uri, a.version);
      },
      () => {
        if (this.cache.get(uri)?.promise === promise) this.cache.delete(uri);
      },
    );
    return promise;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.last.delete(uri);
  }

  private async run(doc: TextDocument, settings: CdrlintSettings, config: LoadedConfig, gen: string, token?: CancellationToken): Promise<Analysis> {
    const uri = doc.uri;
    const version = doc.version;
    const text = doc.text;
    // Editor settings win over the config file (the user's explicit choice for this editor).
    const lintConfig = resolveConfig(configForFile(config.config, relativeToConfig(config, uri)), { rules: settings.rules, columns: settings.columns });
    const fileName = fileNameOf(uri);
    const stale = (): boolean => token?.isCancellationRequested === true || this.docs.get(uri) !== doc || doc.version !== version;
    const base = this.last.get(uri);
    const edit = this.docs.editSince(uri, base?.analysis.version);
    let snapshot: Snapshot | undefined;
    if (base && base.gen === gen && edit) snapshot = relintEdit(base.analysis.snapshot, text, edit);
    const incremental = snapshot !== undefined;
    if (!snapshot) snapshot = await this.lintAll(text, lintConfig, fileName, stale);
    if (stale()) throw new Stale();
    let parsed: ParsedDocument | undefined;
    const result = snapshot.result;
    return {
      uri,
      version,
      text,
      fileName,
      settings,
      config,
      lintConfig,
      result,
      snapshot,
      incremental,
      resultId: `${RUN_ID}.${doc.opening}:${version}:${this.configId(lintConfig, settings)}`,
      resolve: resolverFor(lintConfig.columns),
      document: () => (parsed ??= parseView(text.toString(), fileName, result.format)),
    };
  }

  private configId(lintConfig: LintConfig, settings: CdrlintSettings): number {
    const key = JSON.stringify([lintConfig, settings.enable, settings.maxProblems]);
    let id = this.configIds.get(key);
    if (id === undefined) this.configIds.set(key, (id = this.configIds.size));
    return id;
  }

  private async lintAll(text: LineText, config: LintConfig, fileName: string | undefined, stale: () => boolean): Promise<Snapshot> {
    const index = new RecordIndexBuilder(config.columns);
    const linter = createLinter({ fileName, config, onRecord: (r, c) => index.add(r, c) });
    // The text's own chunks go to the linter (no joined copy); a yield after each CHUNK_SIZE.
    const pieces = text.pieces();
    const sink = text.length > CHUNK_SIZE ? await this.progress(`cdrlint: checking ${fileName ?? 'document'}`) : undefined;
    try {
      let pushed = 0;
      let sinceYield = 0;
      for (const piece of pieces) {
        if (sinceYield >= CHUNK_SIZE) {
          sinceYield = 0;
          await yieldToEvents();
          if (stale()) throw new Stale();
          sink?.report(Math.floor((pushed / text.length) * 100));
        }
        linter.push(piece);
        pushed += piece.length;
        sinceYield += piece.length;
      }
    } finally {
      sink?.done();
    }
    return { text, result: linter.end(), index: index.index, config, fileName };
  }
}
