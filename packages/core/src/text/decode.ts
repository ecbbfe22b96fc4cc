import type { Diagnostic, Position } from '../types.js';

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be' | null;

export interface Decoder {
  /** Decodes the next bytes; returns the text they complete. Keeps no view of `bytes`: the caller may reuse them. */
  push(bytes: Uint8Array): string;
  /** Flushes what is left. */
  end(): string;
  /** The byte-order mark found at the start, if any (it is not part of the text). */
  readonly bom: Bom;
  /** `encoding` diagnostics: the first invalid UTF-8 sequence and the first NUL character. */
  problems(): Diagnostic[];
}

const REPLACEMENT = '\uFFFD';

/**
 * Streaming bytes-to-text with BOM detection (UTF-8, UTF-16 LE/BE). Invalid UTF-8 never stops
 * the check: the bytes are replaced by U+FFFD and one `encoding` diagnostic points at the first.
 * It counts lines itself (only line breaks, via indexOf) so that the diagnostic has a position
 * without anyone keeping the text.
 */
export interface DecoderOptions {
  /**
   * The bytes continue a UTF-8 file whose start was decoded elsewhere (a later part of a file
   * checked in parts): no byte-order mark is looked for, so a U+FEFF there stays text.
   */
  continues?: boolean;
  /**
   * A fast decoder for pure-ASCII bytes (where Latin-1 and UTF-8 agree), returning undefined
   * for anything else. Node's Buffer.isAscii + latin1 decoding measured 20x faster than
   * TextDecoder's UTF-8 on a 130 MB CSV, and gives compact one-byte strings; the check in
   * JavaScript alone cost a third of that gain, so the caller brings both.
   */
  ascii?: (bytes: Uint8Array) => string | undefined;
}

export function createDecoder(options: DecoderOptions = {}): Decoder {
  let decoder: TextDecoder | undefined;
  let bom: Bom = null;
  let head = new Uint8Array(0); // bytes held until the BOM can be decided
  let carry = new Uint8Array(0); // an incomplete UTF-8 sequence at the end of the last chunk
  let odd = -1; // UTF-16: the byte of an unfinished unit at the end of the last chunk
  let offset = 0; // chars emitted so far
  let line = 0;
  let lineStart = 0;
  let pendingCR = false;
  const problems: Diagnostic[] = [];
  let sawInvalid = false;
  let sawNul = false;

  function start(bytes: Uint8Array): Uint8Array {
    if (options.continues) {
      // (bom stays null: the start of the file said what it was.)
    } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      bom = 'utf-8';
      bytes = bytes.subarray(3);
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      bom = 'utf-16le';
      bytes = bytes.subarray(2);
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      bom = 'utf-16be';
      bytes = bytes.subarray(2);
    }
    decoder = new TextDecoder(bom === 'utf-16le' || bom === 'utf-16be' ? bom : 'utf-8', { ignoreBOM: true });
    return bytes;
  }

  function positionIn(text: string, at: number): Position {
    // Line breaks in text before `at`, continuing the running count.
    let l = line;
    let ls = lineStart;
    // A CR that ended the previous chunk is a line break unless this text starts with LF.
    if (pendingCR && text.length > 0 && text.charCodeAt(0) !== 10) {
      l++;
      ls = offset;
    }
    for (let i = 0; i < at; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        l++;
        ls = offset + i + 1;
      }
    }
    return { offset: offset + at, line: l, column: offset + at - ls };
  }

  function report(text: string, at: number, message: string): void {
    const s = positionIn(text, at);
    problems.push({
      ruleId: 'encoding',
      severity: 'error',
      message,
      range: { start: s, end: { offset: s.offset + 1, line: s.line, column: s.column + 1 } },
    });
  }

  function inspect(text: string, bytes: Uint8Array | undefined): void {
    if (!sawInvalid) {
      const r = text.indexOf(REPLACEMENT);
      const utf16 = bom === 'utf-16le' || bom === 'utf-16be';
      if (r >= 0 && (bytes === undefined || countReplacement(text) > countEncodedReplacement(bytes, bom))) {
        sawInvalid = true;
        report(
          text,
          r,
          utf16
            ? 'Invalid UTF-16: an odd trailing byte or an unpaired surrogate. The check goes on with it replaced.'
            : 'Invalid UTF-8: the file is not valid UTF-8 (perhaps Latin-1 or Windows-1252). Save it as UTF-8; the check goes on with the bad bytes replaced.',
        );
      }
    }
    if (!sawNul) {
      const z = text.indexOf('\0');
      if (z >= 0) {
        sawNul = true;
        report(text, z, 'NUL character: the file looks binary, or UTF-16 without a byte-order mark.');
      }
    }
    countLines(text);
  }

  function countLines(text: string): void {
    if (text.length === 0) return; // a pending CR waits for the next text that has characters
    if (pendingCR && text.charCodeAt(0) !== 10) {
      line++;
      lineStart = offset;
    }
    pendingCR = false;
    // Line breaks found natively (a character loop over a CR LF file took 1.4 s of a 1M-row
    // check): every LF, and every CR that no LF follows. A CR that ends the text waits for the
    // next one. `last`: the last line break counted.
    let last = -1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      line++;
      last = i;
    }
    for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
      if (i + 1 === text.length) pendingCR = true;
      else if (text.charCodeAt(i + 1) !== 10) {
        line++;
        if (i > last) last = i;
      }
    }
    if (last >= 0) lineStart = offset + last + 1;
    offset += text.length;
  }

  return {
    get bom() {
      return bom;
    },
    push(bytes: Uint8Array): string {
      if (!decoder) {
        if (head.length + bytes.length < 3) {
          const h = new Uint8Array(head.length + bytes.length);
          h.set(head);
          h.set(bytes, head.length);
          head = h;
          return '';
        }
        if (head.length > 0) {
          const h = new Uint8Array(head.length + bytes.length);
          h.set(head);
          h.set(bytes, head.length);
          bytes = h;
          head = new Uint8Array(0);
        }
        bytes = start(bytes);
      }
      let text: string;
      if (bom === 'utf-16le' || bom === 'utf-16be') {
        text = decoder!.decode(bytes, { stream: true });
        // An odd byte left by the last chunk starts this chunk's first unit: count encoded
        // U+FFFD over whole units, or a real U+FFFD cut in two looks like a decoding error.
        const units = odd >= 0 ? concat(Uint8Array.of(odd), bytes) : bytes;
        odd = units.length % 2 === 1 ? units[units.length - 1] : -1;
        inspect(text, units);
        return text;
      } else {
        // Decode whole sequences only, without `stream` (much faster in Node's TextDecoder),
        // and carry an incomplete trailing sequence over to the next chunk.
        if (carry.length > 0) bytes = concat(carry, bytes);
        const fast = options.ascii?.(bytes);
        if (fast !== undefined) {
          carry = new Uint8Array(0);
          inspect(fast, bytes);
          return fast;
        }
        const cut = completeUtf8Length(bytes);
        carry = new Uint8Array(bytes.subarray(cut)); // a copy: the caller may reuse `bytes`
        bytes = bytes.subarray(0, cut);
        text = decoder!.decode(bytes);
      }
      inspect(text, bytes);
      return text;
    },
    end(): string {
      let text = '';
      if (!decoder) {
        const rest = start(head);
        text = decoder!.decode(rest, { stream: true });
      }
      text += carry.length > 0 ? decoder!.decode(carry) : decoder!.decode();
      carry = new Uint8Array(0);
      // A sequence cut off at the end of the file decodes to U+FFFD with no bytes left to compare.
      inspect(text, text.length > 0 ? new Uint8Array(0) : undefined);
      return text;
    },
    problems: () => problems,
  };
}

/** Whole-buffer form of createDecoder. */
export function decodeBytes(bytes: Uint8Array): { text: string; bom: Bom; diagnostics: Diagnostic[] } {
  const d = createDecoder();
  const text = d.push(bytes) + d.end();
  return { text, bom: d.bom, diagnostics: d.problems() };
}

/** Encodes text back to bytes in the encoding it was read with. */
export function encodeText(text: string, bom: Bom): Uint8Array {
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const out = new Uint8Array(2 + text.length * 2);
    const le = bom === 'utf-16le';
    out[0] = le ? 0xff : 0xfe;
    out[1] = le ? 0xfe : 0xff;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[2 + 2 * i] = le ? c & 0xff : c >> 8;
      out[3 + 2 * i] = le ? c >> 8 : c & 0xff;
    }
    return out;
  }
  const body = new TextEncoder().encode(text);
  if (bom !== 'utf-8') return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Length of the prefix of `bytes` that ends on a UTF-8 sequence boundary. */
function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  // Look back at most 3 bytes for the lead byte of a sequence that runs past the end.
  for (let i = n - 1; i >= 0 && i >= n - 3; i--) {
    const b = bytes[i];
    if (b < 0x80) return n; // ASCII: complete
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return n - i >= need ? n : i;
    }
    // continuation byte: keep looking for its lead
  }
  return n;
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf(REPLACEMENT); i >= 0; i = text.indexOf(REPLACEMENT, i + 1)) n++;
  return n;
}

/** How many U+FFFD the bytes really encode (so a genuine U+FFFD is not taken for damage). */
function countEncodedReplacement(bytes: Uint8Array, bom: Bom): number {
  let n = 0;
  if (bom === 'utf-16le' || bom === 'utf-16be') {
    const [a, b] = bom === 'utf-16le' ? [0xfd, 0xff] : [0xff, 0xfd];
    for (let i = 0; i + 1 < bytes.length; i += 2) if (bytes[i] === a && bytes[i + 1] === b) n++;
    return n;
  }
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  }
  return n;
}
