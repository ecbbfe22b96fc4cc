import { describe, expect, it } from 'vitest';
import { summaryLine } from './summary.js';

const base = { records: 1234, classified: 1000, statuses: {}, subStatuses: {}, resultCodes: {} };

describe('summaryLine', () => {
  it('prints calls, answer rate and problems', () => {
    expect(summaryLine({ ...base, answerRate: 0.6123 }, { errors: 3, warnings: 1 })).toBe(
      '1,234 calls · answer rate 61.2% · 3 errors, 1 warning',
    );
  });
  it('says n/a when nothing was classified and "no problems" when clean', () => {
    expect(summaryLine({ ...base, records: 1, answerRate: null }, { errors: 0, warnings: 0 })).toBe(
      '1 call · answer rate n/a · no problems',
    );
  });
});
