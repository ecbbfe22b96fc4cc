// Diagnostics outlive the text they were found in: the CLI keeps them while it streams a file
// in 1 MiB chunks. A message built from a cell value can be a V8 cons or sliced string that
// points into the whole chunk, so 5,000 diagnostics spread over a 130 MB file kept ~100 MB of
// chunks alive (measured with --trace-gc: live heap grew with the file). Copying their strings
// into flat ones of their own lets each chunk go once it is read.
import type { Diagnostic, Fix } from './types.js';

/** A copy of `s` that shares no storage with the text it came from (V8 keeps short strings flat). */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

function ownFix(f: Fix): Fix {
  return { ...f, title: own(f.title), edits: f.edits.map((e) => ({ ...e, text: own(e.text) })) };
}

/** The diagnostic with every string copied (changed in place and returned). */
export function detach(d: Diagnostic): Diagnostic {
  d.message = own(d.message);
  if (d.fix) d.fix = ownFix(d.fix);
  if (d.suggestions) d.suggestions = d.suggestions.map(ownFix);
  if (d.related) d.related = d.related.map((r) => ({ ...r, message: own(r.message) }));
  return d;
}
