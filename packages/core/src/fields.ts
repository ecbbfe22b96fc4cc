// CDR fields: canonical names, the column/key aliases that map to them, their value kinds and
// documentation (our own words, facts from shared/docs/cdr-domain.md sections 2, 3, 5 and 8).
// Hovers, completion, the JSON Schema and the rules read field facts from here only.

export type FieldKind =
  | 'call-id'
  | 'phone'
  | 'datetime'
  | 'duration'
  | 'amount'
  | 'hangup-cause'
  | 'enum'
  | 'boolean'
  | 'country'
  | 'text'
  | 'status'
  | 'sub-status'
  | 'result-code';

export interface EnumValueInfo {
  readonly name: string;
  readonly doc: string;
}

/** Canonical field names (each must have an entry in FIELDS). */
export type FieldName =
  | 'status'
  | 'sub_status'
  | 'result_code'
  | 'call_id'
  | 'callid_in'
  | 'direction'
  | 'caller'
  | 'caller_name'
  | 'caller_restricted'
  | 'callee'
  | 'callee_country'
  | 'callee_type'
  | 'caller_country'
  | 'caller_type'
  | 'did_hash'
  | 'start_time'
  | 'answer_time'
  | 'end_time'
  | 'duration'
  | 'duration_answered'
  | 'duration_billed'
  | 'hangup_cause'
  | 'hangup_source'
  | 'hangup_tech'
  | 'dial_status'
  | 'cost_label'
  | 'debit'
  | 'credit'
  | 'payment_type'
  | 'scenario_name'
  | 'scenario_hash'
  | 'package_name'
  | 'customer_field';

export interface FieldInfo {
  /** Canonical name, used in configuration (`columns`) and messages. */
  readonly name: FieldName;
  readonly kind: FieldKind;
  /** Column or key names that mean this field (matched after normalizeKey). */
  readonly aliases: readonly string[];
  readonly doc: string;
  /** Human description of the expected format. */
  readonly format?: string;
  /** For enum fields: known values, matched case-insensitively. */
  readonly values?: readonly EnumValueInfo[];
  /** Where the field comes from: legacy API names, v2 names, other vendors. */
  readonly direction?: 'inbound' | 'outbound';
}

export const DATETIME_FORMAT_DOC =
  '`YYYY-MM-DD HH:MM:SS` in UTC (legacy API and console exports) or ISO 8601 with a `Z` suffix and optional milliseconds, e.g. `2025-03-29T17:55:57.093Z` (API v2).';

export const DIAL_STATUSES: readonly EnumValueInfo[] = [
  { name: 'ANSWER', doc: 'The dialled party picked up (a person or a machine).' },
  { name: 'NOANSWER', doc: 'The dialled party rang but nobody picked up.' },
  { name: 'BUSY', doc: 'The dialled party was busy.' },
  { name: 'CONGESTION', doc: 'A carrier refused the call (network congestion or an error response).' },
  { name: 'CHANUNAVAIL', doc: 'No channel could be opened to the destination; a carrier refused the call.' },
  { name: 'CANCEL', doc: 'The caller hung up before the dialled party answered.' },
  { name: 'NODIAL', doc: 'The call was cancelled while it was being dialled.' },
];

export const HANGUP_SOURCES: readonly EnumValueInfo[] = [
  { name: 'GATEWAY', doc: "CALLR's gateway ended the call (legacy API)." },
  { name: 'CALLER', doc: 'The calling side ended the call (legacy API).' },
  { name: 'CALLEE', doc: 'The called side ended the call (legacy API).' },
  { name: 'system', doc: 'The platform ended the call (API v2 spelling of GATEWAY).' },
  { name: 'caller', doc: 'The calling side ended the call (API v2).' },
  { name: 'callee', doc: 'The called side ended the call (API v2).' },
];

/**
 * Q.850 cause values that matter for CDR checking (names as FreeSWITCH spells them; some
 * coincide with sub-status names, a different vocabulary). Which outcome a cause typically goes
 * with is taxonomy data (SubStatusInfo.typicalCauses), not repeated here.
 */
export const HANGUP_CAUSES: ReadonlyMap<number, EnumValueInfo> = new Map([
  [1, { name: 'UNALLOCATED_NUMBER', doc: 'The number is not assigned to any subscriber.' }],
  [3, { name: 'NO_ROUTE_DESTINATION', doc: 'The network cannot route the call to that destination.' }],
  [16, { name: 'NORMAL_CLEARING', doc: 'The call ended normally: one side hung up.' }],
  [17, { name: 'USER_BUSY', doc: 'The called party is busy.' }],
  [18, { name: 'NO_USER_RESPONSE', doc: 'The called phone did not respond in time.' }],
  [19, { name: 'NO_ANSWER', doc: 'The phone rang but nobody answered.' }],
  [20, { name: 'SUBSCRIBER_ABSENT', doc: 'The called mobile is switched off or out of coverage.' }],
  [21, { name: 'CALL_REJECTED', doc: 'The called side or its network refused the call.' }],
  [22, { name: 'NUMBER_CHANGED', doc: 'The called number has changed.' }],
  [27, { name: 'DESTINATION_OUT_OF_ORDER', doc: 'The destination cannot be reached: its line is out of order.' }],
  [28, { name: 'INVALID_NUMBER_FORMAT', doc: 'The number is incomplete or badly formed.' }],
  [31, { name: 'NORMAL_UNSPECIFIED', doc: 'A normal event with no more specific cause.' }],
  [34, { name: 'NORMAL_CIRCUIT_CONGESTION', doc: 'No circuit or channel is available.' }],
  [38, { name: 'NETWORK_OUT_OF_ORDER', doc: 'The network is not working and will not be for a while.' }],
  [41, { name: 'NORMAL_TEMPORARY_FAILURE', doc: 'A temporary network failure; retrying may work.' }],
  [102, { name: 'RECOVERY_ON_TIMER_EXPIRE', doc: 'A protocol timer ran out.' }],
  [127, { name: 'INTERWORKING', doc: 'An error in a network the call passed through, with no more precise cause.' }],
]);

const STATUS_FIELD_DOC =
  'The campaign call status: exactly one of the statuses below. It may also carry the sub-status in combined notation, `STATUS/SUB_STATUS` or `STATUS_SUB_STATUS`.';

export const FIELDS: readonly FieldInfo[] = [
  // Campaign taxonomy. CALLR publishes no column names for these; these aliases are our choice.
  { name: 'status', kind: 'status', aliases: ['status', 'call_status', 'campaign_status', 'callStatus', 'campaignStatus'], doc: STATUS_FIELD_DOC },
  { name: 'sub_status', kind: 'sub-status', aliases: ['sub_status', 'substatus', 'status_detail', 'campaign_sub_status'], doc: 'The reason behind the status. It must belong to the status of the same record.' },
  { name: 'result_code', kind: 'result-code', aliases: ['result_code', 'result', 'call_result', 'campaign_result'], doc: 'How a call that reached the phone ended. Only ANSWERED calls and ABSENT/VOICEMAIL_DETECTED calls carry one; every other record leaves it empty.' },
  // Identity and direction.
  { name: 'call_id', kind: 'call-id', aliases: ['callid', 'call_id', 'uniqueid', 'uuid'], doc: 'Unique id of the call. Ids can exceed 2^31 (API v2 ids do), so they are read as 53-bit integers or digit strings.', format: 'A whole number or a string of digits.' },
  { name: 'callid_in', kind: 'call-id', aliases: ['callid_in'], doc: 'Id of the inbound call that led to this outbound call, if any.', format: 'A whole number, or empty.', direction: 'outbound' },
  { name: 'direction', kind: 'enum', aliases: ['direction', 'type'], doc: 'Whether the call came in or went out. Campaign statuses only make sense on outbound calls.', values: [
    { name: 'outbound', doc: 'A call placed by the platform (API v2 spelling).' },
    { name: 'inbound', doc: 'A call received by the platform (API v2 spelling).' },
    { name: 'OUT', doc: 'A call placed by the platform (legacy API).' },
    { name: 'IN', doc: 'A call received by the platform (legacy API).' },
  ] },
  // Parties.
  { name: 'caller', kind: 'phone', aliases: ['cli_number', 'callerNumber', 'src', 'caller_id_number', 'from', 'caller'], doc: 'Number of the calling party, when known. Empty when the caller withheld it.', format: 'E.164: `+` then the country code and number, at most 15 digits (`+33159001234`).' },
  { name: 'caller_name', kind: 'text', aliases: ['cli_name', 'callerName', 'caller_id_name'], doc: 'Name of the calling party, when known.' },
  { name: 'caller_restricted', kind: 'enum', aliases: ['cli_pres', 'callerRestricted'], doc: 'Whether the caller id was shown to the called party (legacy `cli_pres`) or withheld (v2 `callerRestricted`).', values: [
    { name: 'allowed_passed_screen', doc: 'The caller id was presented.' },
    { name: 'prohib_passed_screen', doc: 'The caller id was withheld.' },
    { name: 'true', doc: 'The caller id was withheld (API v2).' },
    { name: 'false', doc: 'The caller id was presented (API v2).' },
  ] },
  { name: 'callee', kind: 'phone', aliases: ['number', 'did_intl_number', 'callee', 'dst', 'destination_number', 'to'], doc: 'The number that was called: the dialled number of an outbound call, or the DID of an inbound call.', format: 'E.164: `+` then the country code and number, at most 15 digits (`+33612345678`).' },
  { name: 'callee_country', kind: 'country', aliases: ['number_country_code'], doc: 'Country of the dialled number.', format: 'ISO 3166-1 alpha-2 code, e.g. `FR`.', direction: 'outbound' },
  { name: 'callee_type', kind: 'text', aliases: ['number_type'], doc: 'Kind of the dialled number (the value set is not documented).', direction: 'outbound' },
  { name: 'caller_country', kind: 'country', aliases: ['cli_country_code'], doc: "Country of the caller's number, when known.", format: 'ISO 3166-1 alpha-2 code, e.g. `FR`.', direction: 'inbound' },
  { name: 'caller_type', kind: 'text', aliases: ['cli_number_type'], doc: "Kind of the caller's number (the value set is not documented).", direction: 'inbound' },
  { name: 'did_hash', kind: 'text', aliases: ['did_hash'], doc: 'Id of the DID (the number of ours that was called).', direction: 'inbound' },
  // Times.
  { name: 'start_time', kind: 'datetime', aliases: ['start', 'started', 'start_stamp', 'calltime', 'calldate', 'start_time'], doc: 'When the call started, in UTC.', format: DATETIME_FORMAT_DOC },
  { name: 'answer_time', kind: 'datetime', aliases: ['answer', 'answered', 'answer_stamp', 'answertime', 'answer_time'], doc: 'When the call was answered, in UTC. Empty when nobody (and no machine) picked up.', format: DATETIME_FORMAT_DOC },
  { name: 'end_time', kind: 'datetime', aliases: ['hangup', 'ended', 'end', 'end_stamp', 'end_time'], doc: 'When the call was hung up, in UTC.', format: DATETIME_FORMAT_DOC },
  // Durations.
  { name: 'duration', kind: 'duration', aliases: ['duration', 'durationTotal', 'duration_total'], doc: 'Whole length of the call in seconds, from start to hang-up.', format: 'Whole seconds, 0 or more.' },
  { name: 'duration_answered', kind: 'duration', aliases: ['duration_answered', 'durationAnswered', 'billsec'], doc: 'Seconds from answer to hang-up; 0 when the call was not answered.', format: 'Whole seconds, 0 or more.' },
  { name: 'duration_billed', kind: 'duration', aliases: ['duration_billed', 'durationBilled'], doc: 'Seconds billed. Billing may round up to whole minutes, so it can exceed the answered time; 0 when nothing was answered.', format: 'Whole seconds, 0 or more.' },
  // Hang-up and dialling outcome.
  { name: 'hangup_cause', kind: 'hangup-cause', aliases: ['hangupcause', 'hangupCause', 'hangup_cause'], doc: 'Why the call ended, as an ISDN Q.850 cause value (16 is a normal hang-up).', format: 'A whole number from 0 to 127.' },
  { name: 'hangup_source', kind: 'enum', aliases: ['hangupsource', 'hangupSource', 'hangup_source'], doc: 'Which side ended the call.', values: HANGUP_SOURCES },
  { name: 'hangup_tech', kind: 'text', aliases: ['hangupTech'], doc: 'Technical detail of the hang-up (API v2; the value set is not documented).' },
  { name: 'dial_status', kind: 'enum', aliases: ['dialstatus', 'dial_status', 'disposition'], doc: 'Outcome of dialling the number (legacy outbound CDRs). It should agree with the campaign status.', values: DIAL_STATUSES, direction: 'outbound' },
  // Billing.
  { name: 'cost_label', kind: 'text', aliases: ['billing_customer_cost_label', 'billingDestinationLabel'], doc: 'Name of the billing destination, e.g. `FR-MOBILE`.' },
  { name: 'debit', kind: 'amount', aliases: ['billing_customer_debit_eur', 'billingDebit'], doc: 'Amount charged for the call, in cents of the account currency (despite `_eur` in the legacy name).', format: 'A decimal string in cents: 2 decimals in the legacy API (`"2.40"`), 4 in API v2 (`"0.8925"`).' },
  { name: 'credit', kind: 'amount', aliases: ['billing_customer_credit_eur', 'billingCredit'], doc: 'Amount credited for the call, in cents of the account currency.', format: 'A decimal string in cents: 2 decimals in the legacy API, 4 in API v2.' },
  { name: 'payment_type', kind: 'enum', aliases: ['billingPaymentType'], doc: 'How the account pays (API v2).', values: [
    { name: 'prepaid', doc: 'The account pays in advance.' },
    { name: 'postpaid', doc: 'The account is invoiced afterwards.' },
  ] },
  // Application.
  { name: 'scenario_name', kind: 'text', aliases: ['scenario_name'], doc: 'Name of the voice app that handled the call.' },
  { name: 'scenario_hash', kind: 'text', aliases: ['scenario_hash'], doc: 'Id of the voice app that handled the call.' },
  { name: 'package_name', kind: 'text', aliases: ['package_name'], doc: 'Name of the app package (e.g. `SENDR` for voice campaigns).' },
  { name: 'customer_field', kind: 'text', aliases: ['customer_field'], doc: 'Free text that the customer attached when placing the call, e.g. a lead id.' },
];

/** Case-insensitive key with `_`, `-` and spaces removed: `subStatus`, `SUB_STATUS`, `sub-status` match. */
export function normalizeKey(key: string): string {
  return key.replace(/^\uFEFF/, '').replace(/[_\- ]/g, '').toLowerCase();
}

const fieldByAlias = new Map<string, FieldInfo>();
for (const f of FIELDS) {
  for (const a of [f.name, ...f.aliases]) {
    const k = normalizeKey(a);
    if (!fieldByAlias.has(k)) fieldByAlias.set(k, f);
  }
}
const fieldByName = new Map<string, FieldInfo>(FIELDS.map((f) => [f.name, f]));

/** The field a column or key name stands for, by alias. */
export function fieldForKey(key: string): FieldInfo | undefined {
  return fieldByAlias.get(normalizeKey(key));
}

export function getField(name: string): FieldInfo | undefined {
  return fieldByName.get(name);
}

/** Field ids: the index of each field in FIELDS, for the per-record hot path (no string lookups). */
export const F: Readonly<Record<FieldName, number>> = Object.freeze(
  Object.fromEntries(FIELDS.map((f, i) => [f.name, i])) as Record<FieldName, number>,
);
