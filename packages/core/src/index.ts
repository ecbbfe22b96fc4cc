// Public API of @cdrlint/core. Pure: no I/O, no editor or protocol types.
export * from './types.js';
export * from './taxonomy.js';
export * from './fields.js';
export { RULES, getRule, ruleDocsUrl, DOCS_BASE_URL, type RuleMeta, type RuleCategory } from './rules/registry.js';
export { CONFIG_FILE_NAME, CONFIG_SCHEMA, DEFAULT_CONFIG, parseConfig, resolveConfig, type CdrlintConfig, type ConfigError, type LintConfig } from './config.js';
export { buildRecordSchema, buildConfigSchema } from './schema.js';
export { createDecoder, decodeBytes, encodeText, type Bom, type Decoder } from './text/decode.js';
export { LineIndex, positionFrom, type Anchor } from './text/position.js';
export { detectFormat, formatFromName } from './detect.js';
export { createLinter, lintText, type LintOptions, type LintResult, type Linter, type StreamLintOptions } from './lint.js';
export { applyFixes } from './fixes.js';
export { bindFields, type FieldBinding } from './binding.js';
export type { Classification, Notation } from './rules/taxonomy-rules.js';
export { createCsvParser, sniffDelimiter } from './parse/csv.js';
export { createJsonParser } from './parse/json.js';
export { createNdjsonParser } from './parse/ndjson.js';
export type { CsvHeader, OffsetRange, ParseProblem, ParseSink, SourceRecord, StreamParser } from './parse/types.js';
