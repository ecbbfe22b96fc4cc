// JSON Schemas generated from the taxonomy, the field table and the rule registry. The build
// writes them to packages/core/schema/; a test fails when the committed files are stale.
import { FIELDS, type FieldInfo } from './fields.js';
import { RULES } from './rules/registry.js';
import { COMBINED_PAIRS, RESULT_CODES, STATUSES } from './taxonomy.js';

type Schema = Record<string, unknown>;

const DRAFT = 'https://json-schema.org/draft/2020-12/schema';
const EMPTY: Schema = { enum: [null, ''] };

function valueSchema(f: FieldInfo): Schema {
  switch (f.kind) {
    case 'call-id':
      return { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }, { type: 'null' }] };
    case 'phone':
      return { anyOf: [{ type: 'string', pattern: '^\\+[1-9][0-9]{1,14}$' }, EMPTY] };
    case 'datetime':
      return {
        anyOf: [
          { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}( |T)[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9}Z|Z)?$' },
          EMPTY,
        ],
      };
    case 'duration':
      return { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }, EMPTY] };
    case 'amount':
      return { anyOf: [{ type: 'number', minimum: 0 }, { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$' }, EMPTY] };
    case 'hangup-cause':
      return { anyOf: [{ type: 'integer', minimum: 0, maximum: 127 }, { type: 'string', pattern: '^[0-9]{1,3}$' }, EMPTY] };
    case 'boolean':
      return { type: ['boolean', 'null'] };
    default:
      return {};
  }
}

/** Schema for one CDR record (split or combined notation), with R1-R3 as conditions. */
export function buildRecordSchema(): Schema {
  const properties: Record<string, Schema> = {};
  for (const f of FIELDS) {
    if (f.kind === 'status' || f.kind === 'sub-status' || f.kind === 'result-code') continue;
    const s: Schema = { description: f.doc, ...valueSchema(f) };
    for (const name of new Set([f.name, ...f.aliases])) properties[name] = s;
  }
  const statusNames = STATUSES.map((s) => s.name);
  const combined = [...COMBINED_PAIRS, ...COMBINED_PAIRS.map((p) => p.replace('/', '_'))];
  properties.status = {
    description: 'Campaign call status, alone (split notation) or with its sub-status (combined notation).',
    enum: [...statusNames, ...combined],
  };
  properties.sub_status = { description: 'Sub-status; must belong to the status.', type: ['string', 'null'] };
  properties.result_code = {
    description: 'Outcome of a call that reached the phone.',
    enum: [...RESULT_CODES.map((r) => r.name), null, ''],
  };
  const takesResult = STATUSES.flatMap((s) => s.subStatuses.filter((x) => x.takesResultCode).map((x) => ({ s: s.name, x: x.name })));
  const allOf: Schema[] = STATUSES.map((s) => ({
    if: { properties: { status: { const: s.name } }, required: ['status'] },
    then: { properties: { sub_status: { enum: s.subStatuses.map((x) => x.name) } }, required: ['sub_status'] },
  }));
  allOf.push({
    if: {
      not: {
        anyOf: [
          ...takesResult.map(({ s, x }) => ({ properties: { status: { const: s }, sub_status: { const: x } }, required: ['status', 'sub_status'] })),
          ...takesResult.map(({ s, x }) => ({ properties: { status: { enum: [`${s}/${x}`, `${s}_${x}`] } }, required: ['status'] })),
        ],
      },
    },
    then: { properties: { result_code: EMPTY } },
  });
  return {
    $schema: DRAFT,
    $id: 'https://cdrlint.dev/schema/cdr-record.schema.json',
    title: 'CDR record with a campaign call status',
    description: 'One Call Detail Record. Generated from the cdrlint taxonomy; cross-field rules beyond R1-R3 are checked by cdrlint itself.',
    type: 'object',
    required: ['status'],
    properties,
    allOf,
  };
}

/** Schema of cdrlint.config.json. */
export function buildConfigSchema(): Schema {
  const severity = { enum: ['error', 'warning', 'info', 'off'] };
  return {
    $schema: DRAFT,
    $id: 'https://cdrlint.dev/schema/cdrlint.config.schema.json',
    title: 'cdrlint configuration',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        description: 'Severity per rule id: error, warning, info or off.',
        type: 'object',
        propertyNames: { enum: RULES.map((r) => r.id) },
        additionalProperties: severity,
        properties: Object.fromEntries(RULES.map((r) => [r.id, { ...severity, description: `${r.description} Default: ${r.defaultSeverity}.` }])),
      },
      columns: {
        description: 'Column (or key) name a file uses for a field, by canonical field name, when the built-in aliases do not match.',
        type: 'object',
        propertyNames: { enum: FIELDS.map((f) => f.name) },
        additionalProperties: { type: 'string', minLength: 1 },
      },
      files: { description: 'Globs of the files to check when a folder is given.', type: 'array', items: { type: 'string' } },
      ignore: { description: 'Globs of files never to check.', type: 'array', items: { type: 'string' } },
      overrides: {
        description: 'Rule severities for some files only, e.g. to turn a rule off for one file. Later entries win.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files', 'rules'],
          properties: {
            files: { description: 'Globs relative to this file\'s folder.', type: 'array', items: { type: 'string' }, minItems: 1 },
            rules: {
              type: 'object',
              propertyNames: { enum: RULES.map((r) => r.id) },
              additionalProperties: severity,
            },
          },
        },
      },
    },
  };
}
