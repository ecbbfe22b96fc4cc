import type { Diagnostic, TextEdit } from './types.js';

/** Text read by slices: a string, or an editor's text kept in pieces. */
export interface TextSlices {
  readonly length: number;
  slice(start: number, end: number): string;
}

/**
 * The edits of the safe fix of each diagnostic (never the suggestions), in order and apart. Edits
 * that overlap an edit already taken are skipped, so the result is well defined; run again to pick
 * those up. Fixes that change nothing are left out, so a second run reports nothing applied.
 */
export function planFixes(text: TextSlices, diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; applied: number } {
  const edits: TextEdit[] = [];
  let applied = 0;
  const candidates = diagnostics.filter((d) => d.fix && d.fix.edits.length > 0);
  candidates.sort((a, b) => a.fix!.edits[0].start - b.fix!.edits[0].start);
  let lastEnd = -1;
  for (const d of candidates) {
    const es = [...d.fix!.edits].sort((a, b) => a.start - b.start);
    if (es[0].start < lastEnd || es[0].start < 0 || es[es.length - 1].end > text.length) continue;
    let ok = true;
    for (let i = 1; i < es.length; i++) if (es[i].start < es[i - 1].end) ok = false;
    if (!ok) continue;
    const changes = es.filter((e) => text.slice(e.start, e.end) !== e.text);
    if (changes.length === 0) continue;
    edits.push(...changes);
    lastEnd = es[es.length - 1].end;
    applied++;
  }
  return { edits, applied };
}

/** The text with planFixes' edits applied, and how many fixes that was. */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): { text: string; applied: number } {
  const { edits, applied } = planFixes(text, diagnostics);
  if (edits.length === 0) return { text, applied: 0 };
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  out += text.slice(pos);
  return { text: out, applied };
}
