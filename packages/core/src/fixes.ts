import type { Diagnostic, TextEdit } from './types.js';

/**
 * Applies the safe fix of each diagnostic (never the suggestions). Edits that overlap an edit
 * already taken are skipped, so the result is well defined; run again to pick those up.
 */
export function applyFixes(text: string, diagnostics: readonly Diagnostic[]): { text: string; applied: number } {
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
    // Skip no-op edits so a second run reports nothing applied.
    const changes = es.filter((e) => text.slice(e.start, e.end) !== e.text);
    if (changes.length === 0) continue;
    edits.push(...changes);
    lastEnd = es[es.length - 1].end;
    applied++;
  }
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
