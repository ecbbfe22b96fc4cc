// Which documents the client hands to the server. Pure (no vscode import) so it is unit-tested.

/** Language ids whose files may be CDR files: the ids other extensions (Rainbow CSV, VS Code's
 * JSON support) use, so cdrlint adds to their features instead of taking the files over. */
export const CDR_LANGUAGES = ['csv', 'tsv', 'json', 'jsonl'] as const;

export interface SelectorSettings {
  /** Globs of files that are always CDR files. */
  files: readonly string[];
  /** Also check every file of CDR_LANGUAGES; the server ignores those without a status field. */
  detectByContent: boolean;
}

export interface DocumentFilter {
  scheme: string;
  language?: string;
  pattern?: string;
}

const SCHEMES = ['file', 'untitled'] as const;

export function documentSelector(settings: SelectorSettings): DocumentFilter[] {
  const byPattern = settings.files.filter((p) => typeof p === 'string' && p.trim() !== '').map((pattern) => ({ scheme: 'file', pattern }));
  const byLanguage = settings.detectByContent ? CDR_LANGUAGES.flatMap((language) => SCHEMES.map((scheme) => ({ scheme, language }))) : [];
  return [...byPattern, ...byLanguage];
}
