// The JSON text of an outgoing LSP message, equal to JSON.stringify(message), with the lists of
// diagnostics written from cached pieces. After an edit the whole list goes out again (LSP has no
// delta for diagnostics): 602 diagnostics, 226 KB, for a 100k-row file. JSON.stringify took
// 2.5-3.4 ms for that list here; this 0.7 ms, since most of an item's text (its rule, link,
// source and message) is the same string as in the last list and is kept once written.
// Hand-written because Node 20 has no way to hand JSON.stringify text already serialized.

import type { Diagnostic } from 'vscode-languageserver';
import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node.js';

/** Lists made by diagnosticsOf: toLspDiagnostic's items, and at most the max-problems note. */
const lists = new WeakSet<readonly Diagnostic[]>();

/** Marks a list of toLspDiagnostic's items (plus items of any other shape, written by JSON.stringify) for messageJson. */
export function markDiagnostics<T extends readonly Diagnostic[]>(list: T): T {
  lists.add(list);
  return list;
}

/** An item's text from its severity to its message, by message. */
interface Piece {
  severity: Diagnostic['severity'];
  code: Diagnostic['code'];
  href: string;
  source: string | undefined;
  json: string;
}

/** Bounds the cache: messages are per diagnostic ("'+33 6…' is not an E.164 number"). */
const MAX_PIECES = 20_000;
const pieces = new Map<string, Piece>();

/** Stands for the list while the rest of the message is written by JSON.stringify. */
const PLACEHOLDER = '\u0000cdrlint diagnostics\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** JSON.stringify(msg), with a marked list of diagnostics written from cached pieces. */
export function messageJson(msg: Message): string {
  const m = msg as { result?: unknown; params?: unknown };
  const result = m.result as { items?: unknown } | null | undefined;
  const params = m.params as { diagnostics?: unknown } | null | undefined;
  let json: string | undefined;
  if (result && typeof result === 'object' && isMarked(result.items)) {
    json = spliced(JSON.stringify({ ...msg, result: { ...result, items: PLACEHOLDER } }), result.items);
  } else if (params && typeof params === 'object' && !Array.isArray(params) && isMarked(params.diagnostics)) {
    json = spliced(JSON.stringify({ ...msg, params: { ...params, diagnostics: PLACEHOLDER } }), params.diagnostics);
  }
  return json ?? JSON.stringify(msg);
}

function isMarked(v: unknown): v is readonly Diagnostic[] {
  return Array.isArray(v) && lists.has(v);
}

/** The message's text with the list in the placeholder's place; undefined if another string holds the placeholder's text too. */
function spliced(json: string, list: readonly Diagnostic[]): string | undefined {
  const at = json.indexOf(PLACEHOLDER_JSON);
  if (at !== json.lastIndexOf(PLACEHOLDER_JSON)) return undefined;
  return `${json.slice(0, at)}${listJson(list)}${json.slice(at + PLACEHOLDER_JSON.length)}`;
}

function listJson(list: readonly Diagnostic[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) {
    if (i > 0) out += ',';
    out += itemJson(list[i]);
  }
  return `${out}]`;
}

/**
 * One item, as JSON.stringify writes it. The fast path takes toLspDiagnostic's items only (key
 * order range, severity, code, codeDescription, source, message, data, relatedInformation);
 * message-json.test.ts holds the two to the same text.
 */
function itemJson(d: Diagnostic): string {
  if (d.codeDescription === undefined || d.data === undefined || d.tags !== undefined) return JSON.stringify(d);
  const r = d.range;
  let out = `{"range":{"start":{"line":${r.start.line},"character":${r.start.character}},"end":{"line":${r.end.line},"character":${r.end.character}}},`;
  out += piece(d);
  const data = d.data as { version?: unknown; fix?: unknown; suggestions?: unknown };
  const plain = data.fix === undefined && data.suggestions === undefined && Number.isSafeInteger(data.version);
  out += `,"data":${plain ? `{"version":${data.version as number}}` : JSON.stringify(data)}`;
  if (d.relatedInformation !== undefined) out += `,"relatedInformation":${JSON.stringify(d.relatedInformation)}`;
  return `${out}}`;
}

function piece(d: Diagnostic): string {
  const href = d.codeDescription!.href;
  const hit = pieces.get(d.message);
  if (hit && hit.severity === d.severity && hit.code === d.code && hit.href === href && hit.source === d.source) return hit.json;
  const json = JSON.stringify({ severity: d.severity, code: d.code, codeDescription: d.codeDescription, source: d.source, message: d.message }).slice(1, -1);
  if (pieces.size >= MAX_PIECES) pieces.clear();
  pieces.set(d.message, { severity: d.severity, code: d.code, href, source: d.source, json });
  return json;
}

/** vscode-jsonrpc's JSON encoder, with messageJson in place of JSON.stringify. */
export const messageEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode: (msg: Message, options: ContentTypeEncoderOptions): Promise<Uint8Array> => {
    try {
      return Promise.resolve(Buffer.from(messageJson(msg), options.charset));
    } catch (err) {
      return Promise.reject(err);
    }
  },
};
