import { describe, expect, it } from 'vitest';
import { CDR_LANGUAGES, documentSelector } from '../src/selector.js';

describe('documentSelector', () => {
  it('takes the CDR globs and, with detection by content, the CDR languages for files and untitled', () => {
    const selector = documentSelector({ files: ['**/*.cdr.csv', '**/*.ndjson'], detectByContent: true });
    expect(selector).toContainEqual({ scheme: 'file', pattern: '**/*.cdr.csv' });
    expect(selector).toContainEqual({ scheme: 'file', pattern: '**/*.ndjson' });
    for (const language of CDR_LANGUAGES) {
      expect(selector).toContainEqual({ scheme: 'file', language });
      expect(selector).toContainEqual({ scheme: 'untitled', language });
    }
  });

  it('keeps to the globs when detection by content is off, and drops empty globs', () => {
    expect(documentSelector({ files: ['**/*.cdr.json', ' ', ''], detectByContent: false })).toEqual([{ scheme: 'file', pattern: '**/*.cdr.json' }]);
  });
});
