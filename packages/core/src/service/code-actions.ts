// Building blocks for code actions: the quick fixes a diagnostic offers, one minimal edit for
// "fix all", and the edit of cdrlint.config.json that turns a rule off. Pure: text in, edits out.

import { applyEdits, modify, parse as parseJsonc, type FormattingOptions } from 'jsonc-parser';
import type { Diagnostic, Fix, TextEdit } from '../types.js';

/** The fixes a diagnostic offers: its safe fix first, then its suggestions, without repeats. */
export function quickFixes(d: Pick<Diagnostic, 'fix' | 'suggestions'>): { fix: Fix; preferred: boolean }[] {
  const out: { fix: Fix; preferred: boolean }[] = [];
  const seen = new Set<string>();
  const add = (fix: Fix, preferred: boolean): void => {
    const key = JSON.stringify(fix.edits);
    if (fix.edits.length === 0 || seen.has(key)) return;
    seen.add(key);
    out.push({ fix, preferred });
  };
  if (d.fix) add(d.fix, true);
  // A lone suggestion is still the user's choice, so never "preferred" (editors may auto-apply those).
  for (const s of d.suggestions ?? []) add(s, false);
  return out;
}

/**
 * One edit that turns `before` into `after`: the span between their common prefix and suffix.
 * "Fix all" sends this instead of the whole text, so editors keep cursors and undo granular.
 */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let p = 0;
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

const FORMAT: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

/**
 * Edits of a cdrlint.config.json text that set `rules[ruleId]` to "off" (the text may be empty
 * or absent: a new config is written). Formatting and comments elsewhere are kept.
 */
export function disableRuleEdits(configText: string | undefined, ruleId: string): { edits: TextEdit[]; newText: string } {
  const base = configText ?? '';
  const parsed: unknown = base.trim() === '' ? undefined : parseJsonc(base);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    // No usable object to edit: write a fresh one over the whole text.
    const fresh = JSON.stringify({ rules: { [ruleId]: 'off' } }, null, 2) + '\n';
    return { edits: [{ start: 0, end: base.length, text: fresh }], newText: fresh };
  }
  const jsonEdits = modify(base, ['rules', ruleId], 'off', { formattingOptions: FORMAT });
  const edits = jsonEdits.map((e) => ({ start: e.offset, end: e.offset + e.length, text: e.content }));
  return { edits, newText: applyEdits(base, jsonEdits) };
}

/**
 * Edits of a cdrlint.config.json text that turn `ruleId` off for one file only, through an
 * `overrides` entry for `relativePath` (relative to the config's folder). Reuses an entry that
 * names exactly that file; otherwise appends one.
 */
export function disableRuleForFileEdits(configText: string | undefined, ruleId: string, relativePath: string): { edits: TextEdit[]; newText: string } {
  const base = configText ?? '';
  const parsed: unknown = base.trim() === '' ? undefined : parseJsonc(base);
  const entry = { files: [relativePath], rules: { [ruleId]: 'off' } };
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const fresh = JSON.stringify({ overrides: [entry] }, null, 2) + '\n';
    return { edits: [{ start: 0, end: base.length, text: fresh }], newText: fresh };
  }
  const overrides = (parsed as { overrides?: unknown }).overrides;
  let jsonEdits;
  if (!Array.isArray(overrides)) {
    jsonEdits = modify(base, ['overrides'], [entry], { formattingOptions: FORMAT });
  } else {
    const at = overrides.findIndex(
      (o: unknown) => typeof o === 'object' && o !== null && Array.isArray((o as { files?: unknown }).files) &&
        (o as { files: unknown[] }).files.length === 1 && (o as { files: unknown[] }).files[0] === relativePath,
    );
    jsonEdits = at >= 0
      ? modify(base, ['overrides', at, 'rules', ruleId], 'off', { formattingOptions: FORMAT })
      : modify(base, ['overrides', overrides.length], entry, { formattingOptions: FORMAT, isArrayInsertion: true });
  }
  const edits = jsonEdits.map((e) => ({ start: e.offset, end: e.offset + e.length, text: e.content }));
  return { edits, newText: applyEdits(base, jsonEdits) };
}
