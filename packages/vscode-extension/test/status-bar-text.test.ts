import { describe, expect, it } from 'vitest';
import type { StatusSummary } from '@cdrlint/core';
import { percent, statusBarText, statusBarTooltip } from '../src/status-bar-text.js';

const summary: StatusSummary = { records: 8, classified: 7, statuses: {}, subStatuses: {}, resultCodes: {}, answerRate: 1 / 7 };

describe('status bar text', () => {
  it('shows calls, answer rate to one decimal, errors and warnings', () => {
    expect(statusBarText(summary, { errors: 2, warnings: 1 })).toBe('$(graph) 8 calls · 14.3% answered · $(error) 2 $(warning) 1');
  });

  it('says one call, and leaves out the rate when nothing was classified', () => {
    expect(statusBarText({ ...summary, records: 1, answerRate: null }, { errors: 0, warnings: 0 })).toBe('$(graph) 1 call · $(error) 0 $(warning) 0');
    expect(percent(null)).toBe('n/a');
    expect(statusBarTooltip({ ...summary, answerRate: null }, { errors: 0, warnings: 0 })).toContain('Answer rate: n/a');
  });
});
