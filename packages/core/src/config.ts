// cdrlint.config.json: JSON data only (never executed). Core parses and validates the text;
// finding and reading the file is the caller's job (CLI, language server).
import type { ErrorObject } from 'ajv';
import picomatch from 'picomatch';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { FIELDS } from './fields.js';
import { RULES } from './rules/registry.js';
import { validate as validateConfig } from './generated/config-validator.js';
import { buildConfigSchema } from './schema.js';
import type { SeveritySetting } from './types.js';

export const CONFIG_FILE_NAME = 'cdrlint.config.json';

export interface ConfigOverride {
  /** Globs of paths relative to the configuration file's folder. */
  files: string[];
  rules: Record<string, SeveritySetting>;
}

export interface CdrlintConfig {
  rules?: Record<string, SeveritySetting>;
  columns?: Record<string, string>;
  files?: string[];
  ignore?: string[];
  /** Rule severities for some files only ("disable this rule for this file"). */
  overrides?: ConfigOverride[];
}

export interface ConfigError {
  message: string;
  /** 0-based. */
  offset: number;
  line: number;
  column: number;
}

/** What the linter needs: a severity for every rule, and column overrides. */
export interface LintConfig {
  rules: Readonly<Record<string, SeveritySetting>>;
  columns: Readonly<Record<string, string>>;
}

export const CONFIG_SCHEMA = buildConfigSchema();

/** ajv's validator of CONFIG_SCHEMA, compiled at build time (scripts/config-validator.mjs). */
const validator = validateConfig as { (value: unknown): boolean; errors?: ErrorObject[] | null };

function validate(value: unknown): ErrorObject[] {
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

const SEVERITIES = new Set(['error', 'warning', 'info', 'off']);

/**
 * Parses and validates a configuration text. Never throws: each problem becomes a ConfigError
 * with a position, and the parts in error fall back to the defaults.
 */
export function parseConfig(text: string): { config: CdrlintConfig; errors: ConfigError[] } {
  const errors: ConfigError[] = [];
  const at = (offset: number, message: string) => errors.push({ message, offset, ...lineColumn(text, offset) });
  const parseErrors: ParseError[] = [];
  let root: Node | undefined;
  try {
    root = parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false });
  } catch {
    at(0, 'The configuration is nested too deeply to read.');
    return { config: {}, errors };
  }
  for (const e of parseErrors) at(e.offset, `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}.`);
  if (parseErrors.length > 0 || !root) {
    if (!root && parseErrors.length === 0) at(0, 'The configuration is empty; expected a JSON object.');
    return { config: {}, errors };
  }
  if (root.type !== 'object') {
    at(root.offset, 'The configuration must be a JSON object.');
    return { config: {}, errors };
  }
  const value = nodeValue(root) as Record<string, unknown>;
  const schemaErrors = validate(value);
  // ajv reports a bad property name twice (propertyNames, then the enum inside it): keep one.
  const namedPaths = new Set(schemaErrors.filter((e) => e.keyword === 'propertyNames').map((e) => e.instancePath));
  for (const e of schemaErrors) {
    if (e.keyword === 'enum' && namedPaths.has(e.instancePath) && (e.params as { propertyName?: string }).propertyName === undefined && e.schemaPath.includes('propertyNames')) continue;
    // Array indexes must be numbers for findNodeAtLocation.
    const path = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.keyword === 'propertyNames') {
      const name = String((e.params as { propertyName?: string }).propertyName ?? '');
      const node = findNodeAtLocation(root, [...path, name]);
      const where = path[0] === 'rules' ? 'rule' : path[0] === 'columns' ? 'field' : 'setting';
      at(node?.parent?.children?.[0]?.offset ?? node?.offset ?? root.offset, `Unknown ${where} '${name}'.`);
      continue;
    }
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty?: string }).additionalProperty ?? '');
      const node = findNodeAtLocation(root, [...path, name]);
      at(node?.parent?.children?.[0]?.offset ?? root.offset, `Unknown setting '${name}'; expected rules, columns, files or ignore.`);
      continue;
    }
    const node = findNodeAtLocation(root, path);
    at(node?.offset ?? root.offset, `${e.instancePath || 'The configuration'} ${e.message ?? 'is invalid'}.`);
  }
  // Keep only the parts that are valid; everything else falls back to the defaults.
  const config: CdrlintConfig = {};
  const known = new Set(RULES.map((r) => r.id));
  const fieldNames = new Set<string>(FIELDS.map((f) => f.name));
  if (isPlainObject(value.rules)) {
    const rules: Record<string, SeveritySetting> = {};
    for (const [k, v] of Object.entries(value.rules)) {
      if (known.has(k) && typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as SeveritySetting;
    }
    config.rules = rules;
  }
  if (isPlainObject(value.columns)) {
    const columns: Record<string, string> = {};
    for (const [k, v] of Object.entries(value.columns)) if (fieldNames.has(k) && typeof v === 'string' && v.length > 0) columns[k] = v;
    config.columns = columns;
  }
  if (Array.isArray(value.overrides)) {
    config.overrides = [];
    for (const o of value.overrides as unknown[]) {
      if (!isPlainObject(o) || !Array.isArray(o.files)) continue;
      const rules: Record<string, SeveritySetting> = {};
      if (isPlainObject(o.rules)) {
        for (const [k, v] of Object.entries(o.rules)) if (known.has(k) && typeof v === 'string' && SEVERITIES.has(v)) rules[k] = v as SeveritySetting;
      }
      config.overrides.push({ files: o.files.filter((x): x is string => typeof x === 'string'), rules });
    }
  }
  for (const key of ['files', 'ignore'] as const) {
    const list = value[key];
    if (Array.isArray(list)) config[key] = list.filter((x): x is string => typeof x === 'string');
  }
  return { config, errors };
}

/** Defaults from the rule registry, then each layer in order (later wins). */
export function resolveConfig(...layers: (CdrlintConfig | undefined)[]): LintConfig {
  const rules: Record<string, SeveritySetting> = Object.create(null) as Record<string, SeveritySetting>;
  for (const r of RULES) rules[r.id] = r.defaultSeverity;
  const columns: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const layer of layers) {
    if (!layer) continue;
    for (const [k, v] of Object.entries(layer.rules ?? {})) if (k in rules && SEVERITIES.has(v)) rules[k] = v;
    for (const [k, v] of Object.entries(layer.columns ?? {})) columns[k] = v;
  }
  return { rules, columns };
}

export const DEFAULT_CONFIG: LintConfig = resolveConfig();

/**
 * The configuration as it applies to one file: the rules of every override whose globs match
 * `relativePath` (relative to the configuration file's folder, `/`-separated) are merged in order.
 */
export function configForFile(config: CdrlintConfig | undefined, relativePath: string): CdrlintConfig | undefined {
  if (!config?.overrides?.length) return config;
  const path = relativePath.replace(/\\/g, '/');
  let rules = { ...config.rules };
  for (const o of config.overrides) {
    if (o.files.some((g) => picomatch.isMatch(path, g, { dot: true, matchBase: !g.includes('/') }))) rules = { ...rules, ...o.rules };
  }
  return { ...config, rules };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Builds the value of a parse tree with own data properties only (no prototype setters). */
function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) Object.defineProperty(out, String(k.value), { value: nodeValue(v), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 0;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start };
}

function describeParseError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
