import { describe, expect, it } from 'vitest';
import { disableRuleEdits, minimalEdit, quickFixes } from './code-actions.js';

const apply = (text: string, edits: { start: number; end: number; text: string }[]): string =>
  [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);

describe('quickFixes', () => {
  it('puts the safe fix first as preferred, then suggestions, without repeats', () => {
    const fix = { title: 'Change to ANSWERED', edits: [{ start: 1, end: 3, text: 'ANSWERED' }] };
    const other = { title: 'Change to ABSENT', edits: [{ start: 1, end: 3, text: 'ABSENT' }] };
    const out = quickFixes({ fix, suggestions: [fix, other] });
    expect(out.map((f) => [f.fix.title, f.preferred])).toEqual([
      ['Change to ANSWERED', true],
      ['Change to ABSENT', false],
    ]);
  });
  it('offers nothing for a diagnostic without fixes', () => {
    expect(quickFixes({})).toEqual([]);
  });
});

describe('minimalEdit', () => {
  it.each([
    ['a,answered,b', 'a,ANSWERED,b'],
    ['abc', 'abc'],
    ['', 'x'],
    ['aaaa', 'aa'],
    ['status\nx\n', 'status\ny\nz\n'],
  ])('turns %j into %j', (before, after) => {
    const e = minimalEdit(before, after);
    if (before === after) expect(e).toBeUndefined();
    else expect(apply(before, [e!])).toBe(after);
  });
  it('covers only the changed span', () => {
    expect(minimalEdit('x,answered,y', 'x,ANSWERED,y')).toEqual({ start: 2, end: 10, text: 'ANSWERED' });
  });
});

describe('disableRuleEdits', () => {
  it('adds the rule to an existing rules object and keeps the rest', () => {
    const text = '{\n  "rules": {\n    "blank-row": "error"\n  },\n  "columns": {}\n}\n';
    const { edits, newText } = disableRuleEdits(text, 'status-case');
    expect(apply(text, edits)).toBe(newText);
    expect(JSON.parse(newText)).toEqual({ rules: { 'blank-row': 'error', 'status-case': 'off' }, columns: {} });
  });
  it('overwrites a rule already set', () => {
    const { newText } = disableRuleEdits('{"rules":{"status-case":"error"}}', 'status-case');
    expect(JSON.parse(newText)).toEqual({ rules: { 'status-case': 'off' } });
  });
  it('writes a new config when there is none or it is not an object', () => {
    for (const t of [undefined, '', '[1,2]', 'not json']) {
      const { edits, newText } = disableRuleEdits(t, 'blank-row');
      expect(JSON.parse(newText)).toEqual({ rules: { 'blank-row': 'off' } });
      expect(apply(t ?? '', edits)).toBe(newText);
    }
  });
  it('creates the rules object when missing', () => {
    const { newText } = disableRuleEdits('{ "ignore": ["x"] }', 'blank-row');
    expect(JSON.parse(newText)).toEqual({ ignore: ['x'], rules: { 'blank-row': 'off' } });
  });
});

describe('disableRuleForFileEdits', () => {
  it('adds, reuses and creates overrides for one file', async () => {
    const { disableRuleForFileEdits } = await import('./code-actions.js');
    const { parseConfig, configForFile, resolveConfig } = await import('../index.js');
    const a = disableRuleForFileEdits('{\n  "rules": {}\n}\n', 'blank-row', 'calls.csv').newText;
    const b = disableRuleForFileEdits(a, 'status-case', 'calls.csv').newText;
    const c = disableRuleForFileEdits(b, 'blank-row', 'other.csv').newText;
    const fresh = disableRuleForFileEdits(undefined, 'blank-row', 'x.csv').newText;
    for (const t of [a, b, c, fresh]) expect(parseConfig(t).errors).toEqual([]);
    const cfg = parseConfig(c).config;
    expect(cfg.overrides).toHaveLength(2);
    const rules = resolveConfig(configForFile(cfg, 'calls.csv')).rules;
    expect([rules['blank-row'], rules['status-case']]).toEqual(['off', 'off']);
    expect(resolveConfig(configForFile(cfg, 'third.csv')).rules['blank-row']).toBe('warning');
  });
});
