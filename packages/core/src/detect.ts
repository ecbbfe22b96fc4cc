import type { CdrFormat } from './types.js';

/** Extension-implied format and CSV delimiter, if the name says. */
export function formatFromName(fileName: string | undefined): { format?: CdrFormat; delimiter?: string } {
  const name = (fileName ?? '').toLowerCase();
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return { format: 'csv', delimiter: '\t' };
  if (name.endsWith('.csv')) return { format: 'csv' };
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return { format: 'ndjson' };
  if (name.endsWith('.json')) return { format: 'json' };
  return {};
}

/**
 * The format of a file, from its name and its first characters. A `.json` file whose first two
 * non-blank lines each hold an object is NDJSON; a text starting with `[` or `{` is JSON.
 */
export function detectFormat(fileName: string | undefined, head: string): CdrFormat {
  const byName = formatFromName(fileName).format;
  if (byName === 'csv' || byName === 'ndjson') return byName;
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const first = text.search(/\S/);
  if (first < 0) return byName ?? 'csv';
  const c = text[first];
  if (c === '{') return looksLikeNdjson(text, first) ? 'ndjson' : 'json';
  if (c === '[') return 'json';
  return byName ?? 'csv';
}

function looksLikeNdjson(text: string, from: number): boolean {
  const lines = text.slice(from).split(/\r\n|\n|\r/, 3).filter((l) => l.trim().length > 0);
  if (lines.length < 2) return false;
  try {
    const v = JSON.parse(lines[0]) as unknown;
    return typeof v === 'object' && v !== null && lines[1].trimStart().startsWith('{');
  } catch {
    return false;
  }
}
