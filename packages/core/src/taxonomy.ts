// The call-status taxonomy: the single source of truth for statuses, sub-statuses and result
// codes. The JSON Schema, the rules, hovers, completions and docs tables are all derived from
// this file; nothing else in the repository may list these values.
// Source: shared/docs/call-statuses.txt (CALLR "Call Statuses"). Doc texts are our own words.

export interface SubStatusInfo {
  readonly name: string;
  readonly doc: string;
  /** Whether the call reached the phone, so that a result code describes its outcome. */
  readonly takesResultCode: boolean;
  /** False when no call leg exists at all (nothing dialled, nothing billed). */
  readonly initiated: boolean;
  /** Whether the record has an answer time: always, never, may (machine pickup), unknown. */
  readonly answered: 'always' | 'never' | 'may' | 'unknown';
  /** Dial statuses (legacy `dialstatus`) consistent with this outcome; empty: not checked. */
  readonly dialStatuses: readonly string[];
  /** Q.850 hang-up causes typically seen with this outcome (documentation only). */
  readonly typicalCauses: readonly number[];
}

export interface StatusInfo {
  readonly name: string;
  readonly doc: string;
  readonly subStatuses: readonly SubStatusInfo[];
}

export interface ResultCodeInfo {
  readonly name: string;
  readonly doc: string;
  /** The status family this result code normally goes with (rule result-code-mismatch). */
  readonly family: string;
  /** Sub-statuses (`STATUS/SUB`) it normally goes with. */
  readonly pairsWith: readonly string[];
}

export const STATUSES: readonly StatusInfo[] = [
  {
    name: 'ANSWERED',
    doc: 'The call was placed without error and the recipient picked it up. The sub-status says whether the campaign message was played to the end.',
    subStatuses: [
      {
        name: 'COMPLETE',
        doc: 'Picked up, and every message set up for the campaign was played to the end.',
        takesResultCode: true,
        initiated: true, answered: 'always', dialStatuses: ['ANSWER'], typicalCauses: [16],
      },
      {
        name: 'INCOMPLETE',
        doc: 'Picked up, but the messages were cut short, typically because the recipient hung up before the end.',
        takesResultCode: true,
        initiated: true, answered: 'always', dialStatuses: ['ANSWER'], typicalCauses: [16],
      },
    ],
  },
  {
    name: 'ABSENT',
    doc: 'The call was placed and delivered to the recipient, but nobody took it. The sub-status gives the reason.',
    subStatuses: [
      {
        name: 'BUSY',
        doc: 'The recipient was reached but was already on another call, so this one could not go through.',
        takesResultCode: false,
        initiated: true, answered: 'never', dialStatuses: ['BUSY'], typicalCauses: [17],
      },
      {
        name: 'NO_ANSWER',
        doc: 'The recipient was reached but nobody picked up.',
        takesResultCode: false,
        initiated: true, answered: 'never', dialStatuses: ['NOANSWER'], typicalCauses: [18, 19],
      },
      {
        name: 'VOICEMAIL_DETECTED',
        doc: 'The recipient was reached, nobody picked up, and an answering machine or voicemail greeting was recognised. The line may have been connected to the machine, so an answer time and answered duration are normal here.',
        takesResultCode: true,
        initiated: true, answered: 'may', dialStatuses: ['ANSWER'], typicalCauses: [16],
      },
    ],
  },
  {
    name: 'ERROR',
    doc: 'The call failed: either it was never placed, or it was placed and a carrier refused it. The sub-status gives the cause.',
    subStatuses: [
      {
        name: 'BLACKLISTED',
        doc: 'Never placed, because the number is on a block list. No call leg exists: no answer, no duration, no cost.',
        takesResultCode: false,
        initiated: false, answered: 'never', dialStatuses: [], typicalCauses: [],
      },
      {
        name: 'REJECTED',
        doc: 'Placed, but the carrier answered with an error and the recipient was never connected (Q.850 cause 21, "call rejected", is typical).',
        takesResultCode: false,
        initiated: true, answered: 'never', dialStatuses: ['CONGESTION', 'CHANUNAVAIL'], typicalCauses: [21],
      },
      {
        name: 'UNALLOCATED_NUMBER',
        doc: 'Placed, but the carrier reported that the number is not assigned to any subscriber (Q.850 cause 1 is typical).',
        takesResultCode: false,
        initiated: true, answered: 'never', dialStatuses: ['CONGESTION', 'CHANUNAVAIL'], typicalCauses: [1],
      },
      {
        name: 'OTHER',
        doc: 'The call failed for a reason that none of the other error sub-statuses describes.',
        takesResultCode: false,
        initiated: true, answered: 'unknown', dialStatuses: ['CONGESTION', 'CHANUNAVAIL', 'CANCEL', 'NODIAL'], typicalCauses: [],
      },
    ],
  },
];

export const RESULT_CODES: readonly ResultCodeInfo[] = [
  {
    name: 'HANGUP',
    doc: 'A person took the call and the recipient hung up.',
    family: 'ANSWERED',
    pairsWith: ['ANSWERED/COMPLETE', 'ANSWERED/INCOMPLETE'],
  },
  {
    name: 'VOICEMAIL_COMPLETE',
    doc: 'The message was left on the voicemail and played to the end.',
    family: 'ABSENT',
    pairsWith: ['ABSENT/VOICEMAIL_DETECTED'],
  },
  {
    name: 'VOICEMAIL_INCOMPLETE',
    doc: 'The message was left on the voicemail but only partly played.',
    family: 'ABSENT',
    pairsWith: ['ABSENT/VOICEMAIL_DETECTED'],
  },
];

/** The status whose share of classified calls is the answer rate. */
export const ANSWERED_STATUS = 'ANSWERED';

/** Statuses are mutually exclusive: a call has exactly one. */
export const STATUS_NAMES: readonly string[] = STATUSES.map((s) => s.name);
export const RESULT_CODE_NAMES: readonly string[] = RESULT_CODES.map((r) => r.name);
export const SUB_STATUS_NAMES: readonly string[] = [
  ...new Set(STATUSES.flatMap((s) => s.subStatuses.map((x) => x.name))),
];

const statusByName = new Map(STATUSES.map((s) => [s.name, s]));
const resultByName = new Map(RESULT_CODES.map((r) => [r.name, r]));

export function getStatus(name: string): StatusInfo | undefined {
  return statusByName.get(name);
}

export function getSubStatus(status: string, sub: string): SubStatusInfo | undefined {
  return statusByName.get(status)?.subStatuses.find((s) => s.name === sub);
}

export function getResultCode(name: string): ResultCodeInfo | undefined {
  return resultByName.get(name);
}

/** The statuses that have a sub-status of this name (each name belongs to one family today). */
export function familiesOfSubStatus(sub: string): StatusInfo[] {
  return STATUSES.filter((s) => s.subStatuses.some((x) => x.name === sub));
}

/** `STATUS/SUB` pairs that take a result code. */
export const RESULT_CODE_PAIRS: readonly string[] = STATUSES.flatMap((s) =>
  s.subStatuses.filter((x) => x.takesResultCode).map((x) => `${s.name}/${x.name}`),
);

/** Every combined value, `STATUS/SUB`. */
export const COMBINED_PAIRS: readonly string[] = STATUSES.flatMap((s) =>
  s.subStatuses.map((x) => `${s.name}/${x.name}`),
);

/**
 * Split a combined status (`ANSWERED/COMPLETE`, `ANSWERED_COMPLETE`) into its parts.
 * Returns undefined when the text does not start with a known status followed by `/` or `_`.
 * The sub-status part is returned as written; the caller checks it against the family.
 */
export function splitCombined(value: string): { status: string; sub: string; separator: '/' | '_' } | undefined {
  for (const s of STATUS_NAMES) {
    if (value.length > s.length + 1 && value.startsWith(s)) {
      const sep = value[s.length];
      if (sep === '/' || sep === '_') return { status: s, sub: value.slice(s.length + 1), separator: sep };
    }
  }
  return undefined;
}
