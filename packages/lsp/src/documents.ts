// Open documents with incremental sync. Not vscode-languageserver's TextDocuments: change ranges
// arrive in the negotiated position encoding (maybe UTF-8), so each one is converted to UTF-16,
// and the text is a LineText (chunked, versions share chunks) so an edit does not copy the file.

import type {
  DidChangeTextDocumentParams,
  DidCloseTextDocumentParams,
  DidOpenTextDocumentParams,
} from 'vscode-languageserver';
import { mergeEdits, type CombinedEdit } from './incremental.js';
import { LineText } from './line-text.js';
import { Positions, type PositionEncoding } from './positions.js';

/** Edits since a base version, merged into one span (see incremental.ts); null: unknown. */
interface EditLog {
  base: number;
  edit: CombinedEdit | null;
}

/** Documents opened by this process so far (see TextDocument.opening). */
let openings = 0;

/** One open document; `text` is replaced (never changed) by each edit. */
export class TextDocument {
  /**
   * Which opening this is, unique in the process: after a close, the document may open again
   * at the same version number with another text.
   */
  readonly opening = ++openings;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    public text: LineText,
  ) {}

  static create(uri: string, languageId: string, version: number, text: string): TextDocument {
    return new TextDocument(uri, languageId, version, LineText.from(text));
  }

  /** The whole text as one string (joined once per version). */
  getText(): string {
    return this.text.toString();
  }
}

export class DocumentStore {
  private readonly docs = new Map<string, TextDocument>();
  private readonly logs = new Map<string, EditLog>();

  constructor(private readonly encoding: () => PositionEncoding) {}

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  all(): TextDocument[] {
    return [...this.docs.values()];
  }

  positions(doc: TextDocument): Positions {
    return new Positions(doc.text, this.encoding());
  }

  /** Stores an opened document; a malformed didOpen (no text, uri or integer version) is ignored. */
  open(p: DidOpenTextDocumentParams): TextDocument | undefined {
    const d = (p as Partial<DidOpenTextDocumentParams> | null)?.textDocument;
    if (!d || typeof d.uri !== 'string' || typeof d.text !== 'string' || !Number.isInteger(d.version)) return undefined;
    const doc = TextDocument.create(d.uri, typeof d.languageId === 'string' ? d.languageId : '', d.version, d.text);
    this.docs.set(d.uri, doc);
    this.logs.delete(d.uri);
    return doc;
  }

  /** Applies the changes in order; returns undefined for a document that is not open. */
  change(p: DidChangeTextDocumentParams): TextDocument | undefined {
    const doc = this.docs.get(p.textDocument.uri);
    if (!doc) return undefined;
    const changes = p.contentChanges;
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      const version = i === changes.length - 1 ? p.textDocument.version : doc.version;
      if ('range' in c && c.range) {
        const pos = this.positions(doc);
        let s = pos.offset(c.range.start);
        let e = pos.offset(c.range.end);
        if (e < s) [s, e] = [e, s];
        this.record(p.textDocument.uri, s, e, c.text.length);
        doc.text = doc.text.replace(s, e, c.text);
      } else {
        this.record(p.textDocument.uri, -1, -1, 0);
        doc.text = LineText.from(c.text);
      }
      doc.version = version;
    }
    doc.version = p.textDocument.version;
    return doc;
  }

  close(p: DidCloseTextDocumentParams): void {
    this.docs.delete(p.textDocument.uri);
    this.logs.delete(p.textDocument.uri);
  }

  /** An analysis of `version` finished while it was current: later edits are logged from it. */
  markBase(uri: string, version: number): void {
    this.logs.set(uri, { base: version, edit: null });
  }

  /** The merged edit from `base` to the current text, if every change since was logged. */
  editSince(uri: string, base: number | undefined): CombinedEdit | undefined {
    const log = this.logs.get(uri);
    return log && base !== undefined && log.base === base && log.edit ? log.edit : undefined;
  }

  /** Merges the edit [s, e) -> `len` chars (current-text offsets) into the log; s < 0: unknown. */
  private record(uri: string, s: number, e: number, len: number): void {
    const log = this.logs.get(uri);
    if (!log) return;
    if (s < 0 || log.base < 0) {
      log.base = -1;
      return;
    }
    const edit = { start: s, endOld: e, endNew: s + len };
    log.edit = log.edit ? mergeEdits(log.edit, edit) : edit;
  }
}
