// SARIF 2.1.0 for code scanning (GitHub and others): one run, the rule descriptors from core's
// rule table, one result per diagnostic with a 1-based region (end column exclusive, UTF-16).
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity, SeveritySetting } from '@cdrlint/core';
import type { FileResult, FormatContext, RuleInfo } from '../results.js';

type SarifLevel = 'none' | 'note' | 'warning' | 'error';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

function defaultConfiguration(setting: SeveritySetting): { level: SarifLevel; enabled?: boolean } {
  return setting === 'off' ? { level: 'none', enabled: false } : { level: LEVEL[setting] };
}

/** A relative URI reference for a display path: each segment percent-encoded. */
export function toUri(displayPath: string): string {
  return displayPath
    .split('/')
    .map((seg) => (seg === '..' || seg === '.' ? seg : encodeURIComponent(seg)))
    .join('/');
}

function region(d: Diagnostic) {
  return {
    startLine: d.range.start.line + 1,
    startColumn: d.range.start.column + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.column + 1,
    charOffset: d.range.start.offset,
    charLength: d.range.end.offset - d.range.start.offset,
  };
}

export function toSarif(results: readonly FileResult[], ctx: FormatContext): object {
  const ruleIndex = new Map<string, number>();
  const rules = ctx.rules.map((r: RuleInfo, i) => {
    ruleIndex.set(r.id, i);
    return {
      id: r.id,
      name: r.id,
      shortDescription: { text: r.description },
      helpUri: r.docsUrl,
      defaultConfiguration: defaultConfiguration(r.defaultSeverity),
    };
  });
  const artifacts = results.map((r) => ({
    location: { uri: toUri(r.displayPath), uriBaseId: '%SRCROOT%' },
    properties: { format: r.format, records: r.records, summary: r.summary },
  }));
  const sarifResults = results.flatMap((r, artifactIndex) =>
    r.diagnostics.map((d) => {
      const artifactLocation = { uri: toUri(r.displayPath), uriBaseId: '%SRCROOT%', index: artifactIndex };
      const result: Record<string, unknown> = {
        ruleId: d.ruleId,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(d) } }],
      };
      const index = ruleIndex.get(d.ruleId);
      if (index !== undefined) result['ruleIndex'] = index;
      if (d.fix && d.fix.edits.length > 0) {
        result['fixes'] = [
          {
            description: { text: d.fix.title },
            artifactChanges: [
              {
                artifactLocation,
                replacements: d.fix.edits.map((e) => ({
                  deletedRegion: { charOffset: e.start, charLength: e.end - e.start },
                  insertedContent: { text: e.text },
                })),
              },
            ],
          },
        ];
      }
      return result;
    }),
  );
  const cwdUrl = pathToFileURL(ctx.cwd).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdrlint',
            version: ctx.toolVersion,
            informationUri: ctx.informationUri,
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: cwdUrl.endsWith('/') ? cwdUrl : `${cwdUrl}/` } },
        artifacts,
        results: sarifResults,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  return `${JSON.stringify(toSarif(results, ctx), null, 2)}\n`;
}
