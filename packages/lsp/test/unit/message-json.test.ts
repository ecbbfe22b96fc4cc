// messageJson writes a remembered answer's JSON once: every message must still be JSON.stringify's
// text, byte for byte, the first time and again, whatever the rest of the message holds.
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node.js';
import { describe, expect, it } from 'vitest';
import { messageEncoder, messageJson, rememberJson } from '../../src/message-json.js';

const outline = () => [{ name: 'call 1 "é" 😀', kind: 23, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 80 } }, children: [{ name: 'status', kind: 7 }] }];

describe('messageJson writes what JSON.stringify writes', () => {
  it('a remembered answer, written once, sent again under other ids', () => {
    const answer = rememberJson(outline());
    expect(rememberJson(answer)).toBe(answer);
    // The fourth id is the placeholder's text (JSON.stringify writes that message whole); the fifth
    // holds it between quotes, which JSON escapes, so the answer is spliced in as usual.
    for (const id of [3, 4, 'x', '\u0000cdrlint answer\u0000', 'a "\u0000cdrlint answer\u0000" b']) {
      const msg = { jsonrpc: '2.0', id, result: answer } as Message;
      expect(messageJson(msg)).toBe(JSON.stringify(msg));
      expect(messageJson(msg)).toBe(JSON.stringify(msg));
    }
  });

  it('writes a remembered answer once: a change after its first sending is not seen', () => {
    // The contract (symbols.ts keeps it): a remembered answer never changes. This shows the JSON
    // is not written again.
    const answer = rememberJson(outline());
    const first = messageJson({ jsonrpc: '2.0', id: 1, result: answer } as Message);
    answer[0].name = 'changed';
    expect(messageJson({ jsonrpc: '2.0', id: 1, result: answer } as Message)).toBe(first);
    expect(first).not.toContain('changed');
  });

  it('random answers, remembered or not, and other messages', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.oneof(fc.integer(), fc.string({ unit: 'binary' })), fc.boolean(), (value, id, remember) => {
        const result = remember && value !== null && typeof value === 'object' ? rememberJson(value) : value;
        for (const msg of [{ jsonrpc: '2.0', id, result }, { jsonrpc: '2.0', method: 'x', params: result }] as unknown as Message[]) {
          const json = JSON.stringify(msg);
          expect(messageJson(msg)).toBe(json);
          expect(messageJson(msg)).toBe(json);
        }
      }),
      { seed: 5, numRuns: 2000 },
    );
  });

  it('the encoder sends its UTF-8 bytes', async () => {
    const msg = { jsonrpc: '2.0', id: 1, result: rememberJson(outline()) } as Message;
    const bytes = await messageEncoder.encode(msg, { charset: 'utf-8' });
    expect(Buffer.from(bytes).toString('utf8')).toBe(JSON.stringify(msg));
  });
});
