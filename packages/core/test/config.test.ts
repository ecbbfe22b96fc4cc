import { describe, expect, it } from 'vitest';
import { parseConfig, resolveConfig } from '../src/index.js';

describe('parseConfig', () => {
  it('reads severities and column mappings', () => {
    const { config, errors } = parseConfig('{"rules":{"blank-row":"off","status-case":"error"},"columns":{"status":"Statut"}}');
    expect(errors).toEqual([]);
    const c = resolveConfig(config);
    expect(c.rules['blank-row']).toBe('off');
    expect(c.rules['status-case']).toBe('error');
    expect(c.rules['unknown-status']).toBe('error');
    expect(c.columns.status).toBe('Statut');
  });

  it('reports invalid JSON with a position and falls back to defaults', () => {
    const { config, errors } = parseConfig('{\n  "rules": {\n    "blank-row": "off",\n  }\n}');
    expect(config).toEqual({});
    expect(errors[0]).toMatchObject({ line: 3 });
    expect(errors[0].message).toMatch(/Invalid JSON/);
  });

  it('names unknown rules, wrong severities and unknown settings, keeping the valid parts', () => {
    const text = '{"rules":{"no-such-rule":"error","blank-row":"loud","status-case":"off"},"colour":true}';
    const { config, errors } = parseConfig(text);
    const messages = errors.map((e) => e.message).join('\n');
    expect(messages).toMatch(/Unknown rule 'no-such-rule'/);
    expect(messages).toMatch(/Unknown setting 'colour'/);
    expect(messages).toMatch(/blank-row/);
    expect(config.rules).toEqual({ 'status-case': 'off' });
    for (const e of errors) expect(text.slice(e.offset)).not.toBe('');
  });

  it('rejects comments, non-objects and empty text', () => {
    expect(parseConfig('// x\n{}').errors.length).toBeGreaterThan(0);
    expect(parseConfig('[]').errors[0].message).toMatch(/JSON object/);
    expect(parseConfig('').errors.length).toBe(1);
  });

  it('does not pollute prototypes', () => {
    const { config } = parseConfig('{"rules":{"__proto__":{"polluted":"yes"}},"columns":{"__proto__":"x","constructor":"y"},"__proto__":{"polluted":1}}');
    const c = resolveConfig(config);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(c.rules)).toBe(null);
    expect(c.columns.constructor).toBeUndefined();
  });
});
