// The JSON text of an outgoing LSP message, equal to JSON.stringify(message), with answers that
// go out again unchanged (the outline, symbols.ts) written to JSON once. VS Code asks for the
// outline after every edit, and an edit past the first records leaves it as it was: its 1.1 MB
// of JSON for a 100k-row file took ~17 ms to write each time.
// Hand-written because Node 20 has no way to hand JSON.stringify text already written.

import type { ContentTypeEncoder, ContentTypeEncoderOptions, Message } from 'vscode-languageserver/node.js';

/** Remembered answers, with their JSON once written. */
const remembered = new WeakMap<object, string | undefined>();

/** Marks an answer that is sent again as it is and never changed: messageJson writes its JSON once. */
export function rememberJson<T extends object>(value: T): T {
  if (!remembered.has(value)) remembered.set(value, undefined);
  return value;
}

/** Stands for the remembered answer while the rest of the message is written by JSON.stringify. */
const PLACEHOLDER = '\u0000cdrlint answer\u0000';
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER);

/** JSON.stringify(msg), with a remembered answer's JSON written once. */
export function messageJson(msg: Message): string {
  const result = (msg as { result?: unknown }).result;
  if (result && typeof result === 'object' && remembered.has(result)) {
    let text = remembered.get(result);
    if (text === undefined) remembered.set(result, (text = JSON.stringify(result)));
    const json = JSON.stringify({ ...msg, result: PLACEHOLDER });
    const at = json.indexOf(PLACEHOLDER_JSON);
    // Another string of the message holding the placeholder's text: no guessing which is which.
    if (at === json.lastIndexOf(PLACEHOLDER_JSON)) return `${json.slice(0, at)}${text}${json.slice(at + PLACEHOLDER_JSON.length)}`;
  }
  return JSON.stringify(msg);
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
