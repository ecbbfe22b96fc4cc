// Renders diagnostics under their source lines, like a compiler: the golden format of the tests.
import { LineIndex, type Diagnostic } from '../src/index.js';

export function renderDiagnostics(text: string, diagnostics: readonly Diagnostic[]): string {
  const index = new LineIndex(text);
  const lines = text.split(/\r\n|\n|\r/);
  const out: string[] = [];
  for (const d of diagnostics) {
    const { start, end } = d.range;
    out.push(`${start.line + 1}:${start.column + 1}-${end.line + 1}:${end.column + 1} ${d.severity} ${d.ruleId}: ${d.message}`);
    const src = lines[start.line] ?? '';
    out.push(`  | ${src}`);
    const width = end.line === start.line ? Math.max(1, end.column - start.column) : Math.max(1, src.length - start.column);
    out.push(`  | ${' '.repeat(start.column)}${'^'.repeat(width)}`);
    if (d.fix) out.push(`  = fix: ${d.fix.title}: ${d.fix.edits.map((e) => `[${e.start},${e.end}) -> ${JSON.stringify(e.text)}`).join(', ')}`);
    for (const s of d.suggestions ?? []) out.push(`  = suggestion: ${s.title}`);
    for (const r of d.related ?? []) out.push(`  = related ${r.range.start.line + 1}:${r.range.start.column + 1}: ${r.message}`);
    // Ranges must agree with the offsets they carry.
    const fromOffsets = index.rangeOf(start.offset, end.offset);
    if (fromOffsets.start.line !== start.line || fromOffsets.start.column !== start.column || fromOffsets.end.line !== end.line || fromOffsets.end.column !== end.column) {
      out.push(`  !! range does not match its offsets: ${JSON.stringify(fromOffsets)}`);
    }
  }
  return out.join('\n') + '\n';
}
