import { RESULT_CODE_NAMES, STATUSES, STATUS_NAMES } from '../taxonomy.js';
import type { SeveritySetting } from '../types.js';

export type RuleCategory = 'structure' | 'taxonomy' | 'consistency' | 'format';

export interface RuleMeta {
  /** Stable, public id: CI users filter on it. Never rename. */
  readonly id: string;
  readonly category: RuleCategory;
  readonly defaultSeverity: SeveritySetting;
  /** One line: what the rule reports. */
  readonly description: string;
  /** Whether it carries a safe fix that --fix applies. */
  readonly fixable: boolean;
  /** Whether it offers did-you-mean alternatives (never applied automatically). */
  readonly hasSuggestions?: boolean;
  /** The cdr-domain.md rule it implements, if any (R1-R16). */
  readonly source?: string;
}

export const DOCS_BASE_URL = 'https://github.com/cdrlint/cdrlint/blob/main/docs/rules.md';

const r = (
  id: string,
  category: RuleCategory,
  defaultSeverity: SeveritySetting,
  description: string,
  extra: Partial<Pick<RuleMeta, 'fixable' | 'hasSuggestions' | 'source'>> = {},
): RuleMeta => ({ id, category, defaultSeverity, description, fixable: extra.fixable ?? false, ...extra });

export const RULES: readonly RuleMeta[] = [
  // structure
  r('parse-error', 'structure', 'error', 'The file cannot be read as CSV, NDJSON or JSON at this place.'),
  r('encoding', 'structure', 'error', 'The bytes are not valid UTF-8 (or the file holds NUL characters).'),
  r('csv-field-count', 'structure', 'error', 'A CSV row has more or fewer fields than the header.'),
  r('missing-column', 'structure', 'error', 'No column or key holds the call status, so the file cannot be checked as a campaign CDR.'),
  r('duplicate-column', 'structure', 'error', 'Two columns mean the same field; only the first is read.'),
  r('blank-row', 'structure', 'warning', 'An empty row inside a CSV file.', { fixable: true }),
  // taxonomy
  r('unknown-status', 'taxonomy', 'error', `The status is not one of ${STATUS_NAMES.join(', ')}.`, { hasSuggestions: true, source: 'R1' }),
  r('unknown-sub-status', 'taxonomy', 'error', 'The sub-status is not one of the taxonomy.', { hasSuggestions: true, source: 'R2' }),
  r('sub-status-mismatch', 'taxonomy', 'error', 'The sub-status belongs to another status.', { hasSuggestions: true, source: 'R2' }),
  r('missing-status', 'taxonomy', 'error', 'A record has no status.', { source: 'R1' }),
  r('missing-sub-status', 'taxonomy', 'error', 'A record has a status but no sub-status.', { source: 'R2' }),
  r('unknown-result-code', 'taxonomy', 'error', `The result code is not one of ${RESULT_CODE_NAMES.join(', ')}.`, { hasSuggestions: true, source: 'R3' }),
  r('result-code-not-applicable', 'taxonomy', 'error', 'A result code on a call that never reached the phone.', { hasSuggestions: true, source: 'R3' }),
  r('multiple-statuses', 'taxonomy', 'error', 'More than one status where exactly one belongs.', { source: 'R1' }),
  r('duplicate-call-id', 'taxonomy', 'error', 'The same call id appears twice with different content.'),
  r('result-code-mismatch', 'taxonomy', 'warning', 'The result code belongs to another outcome than the status says (e.g. a voicemail result on an answered call).', { source: 'R3b' }),
  r('status-case', 'taxonomy', 'warning', 'A known value written in the wrong case or with surrounding spaces.', { fixable: true }),
  r('mixed-notation', 'taxonomy', 'off', 'One file writes statuses in more than one notation.', { fixable: true, source: 'R15' }),
  // consistency
  r('blacklisted-not-initiated', 'consistency', 'warning', `A call that was never placed (${notInitiated()}) carries data that only a placed call can have.`, { source: 'R4' }),
  r('answer-time-unexpected', 'consistency', 'warning', 'An answer time on a call that was never answered.', { source: 'R5, R6' }),
  r('answer-time-missing', 'consistency', 'warning', 'A call that was picked up but has no answer time.', { source: 'R8' }),
  r('duration-unexpected', 'consistency', 'warning', 'Answered or billed seconds on an unanswered call, or durations that contradict each other.', { source: 'R5, R6, R11' }),
  r('duration-mismatch', 'consistency', 'warning', 'A duration that disagrees with its start, answer and hang-up times by more than 1 s.', { source: 'R10' }),
  r('dial-status-mismatch', 'consistency', 'warning', 'The dial status contradicts the call status.', { source: 'R5, R6, R8' }),
  r('status-on-inbound', 'consistency', 'warning', 'A campaign status on an inbound call.', { source: 'R13' }),
  r('time-order', 'consistency', 'error', 'Times out of order: start, then answer, then hang-up.', { source: 'R9' }),
  // format
  r('invalid-phone-number', 'format', 'error', 'A phone number that is not E.164 (`+` and up to 15 digits).', { source: 'R14' }),
  r('invalid-datetime', 'format', 'error', 'A time that is not `YYYY-MM-DD HH:MM:SS` or ISO 8601 with Z, or not a real date and time.', { source: 'R14' }),
  r('invalid-duration', 'format', 'error', 'A duration that is not a whole number of seconds, 0 or more.', { source: 'R14' }),
  r('invalid-amount', 'format', 'error', 'An amount that is not a decimal number of cents, 0 or more.', { source: 'R14' }),
  r('invalid-hangup-cause', 'format', 'error', 'A hang-up cause that is not a Q.850 cause value (a whole number from 0 to 127).', { source: 'R14' }),
];

function notInitiated(): string {
  return STATUSES.flatMap((s) => s.subStatuses.filter((x) => !x.initiated).map((x) => `${s.name}/${x.name}`)).join(', ');
}

const ruleById = new Map(RULES.map((x) => [x.id, x]));

export function getRule(id: string): RuleMeta | undefined {
  return ruleById.get(id);
}

/** Link to the rule's section of docs/rules.md (the heading is the id). */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}#${id}`;
}
