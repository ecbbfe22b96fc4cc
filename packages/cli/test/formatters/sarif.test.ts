import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { format, toSarif, toUri } from '../../src/formatters/sarif.js';
import { ctx, diag, result, sample } from './helpers.js';

const schema = JSON.parse(readFileSync(new URL('./sarif-subset.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('sarif formatter', () => {
  const log = JSON.parse(format(sample, ctx));

  it('written a result at a time, is the text JSON.stringify gives for the whole log', () => {
    const cases = [sample, [], [result('clean.csv', [])], [...sample].reverse(), [sample[0]!, sample[0]!]];
    for (const results of cases) expect(format(results, ctx)).toBe(`${JSON.stringify(toSarif(results, ctx), null, 2)}\n`);
  });

  it('matches the SARIF 2.1.0 structure', () => {
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the structural check rejects what SARIF forbids', () => {
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = 'info';
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    broken.runs[0].tool.driver.rules[0].description = 'not a SARIF property';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.length).toBe(3);
  });

  it('describes the tool and every rule from the rule table', () => {
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'cdrlint', version: '0.1.0', informationUri: 'https://example.invalid/cdrlint' });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(ctx.rules.map((r) => r.id));
    expect(driver.rules[0]).toEqual({
      id: 'unknown-status',
      name: 'unknown-status',
      shortDescription: { text: 'Status not in the taxonomy.' },
      helpUri: 'https://example.invalid/rules#unknown-status',
      defaultConfiguration: { level: 'error' },
    });
    expect(driver.rules[2].defaultConfiguration).toEqual({ level: 'none', enabled: false });
    expect(driver.rules[3].defaultConfiguration).toEqual({ level: 'note' });
  });

  it('maps results with levels, rule indexes, 1-based regions and relative URIs', () => {
    const results = log.runs[0].results;
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note']);
    expect(results[0]).toMatchObject({
      ruleId: 'unknown-status',
      ruleIndex: 0,
      message: { text: "Unknown status 'ANSWERD'. Did you mean 'ANSWERED'?" },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'calls/a.csv', uriBaseId: '%SRCROOT%', index: 0 },
            region: { startLine: 2, startColumn: 151, endLine: 2, endColumn: 158 },
          },
        },
      ],
    });
    expect(results[1].fixes[0].artifactChanges[0].replacements).toEqual([
      { deletedRegion: { charOffset: 2100, charLength: 8 }, insertedContent: { text: 'ANSWERED' } },
    ]);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/project/');
    expect(log.runs[0].artifacts[0].properties).toMatchObject({ format: 'csv', records: 4 });
  });

  it('encodes paths as URI references', () => {
    expect(toUri('dir with space/a#b.csv')).toBe('dir%20with%20space/a%23b.csv');
    expect(toUri('../up/x.csv')).toBe('../up/x.csv');
    const out = JSON.parse(format([result('<stdin>', [diag('unknown-status', 'error', 'x', [0, 0, 0], 1)])], ctx));
    expect(validate(out)).toBe(true);
    expect(out.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Cstdin%3E');
  });
});
