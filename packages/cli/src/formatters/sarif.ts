// SARIF 2.1.0 for code scanning (GitHub and others): one run, the rule descriptors from core's
// rule table, one result per diagnostic with a 1-based region (end column exclusive, UTF-16).
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Severity, SeveritySetting } from '@cdrlint/core';
import { formatWith, type FileResult, type FormatContext, type RuleInfo, type WriterFactory } from '../results.js';

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

function ruleDescriptors(ctx: FormatContext): { rules: object[]; ruleIndex: Map<string, number> } {
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
  return { rules, ruleIndex };
}

function sarifResult(d: Diagnostic, displayPath: string, artifactIndex: number, ruleIndex: ReadonlyMap<string, number>): object {
  const artifactLocation = { uri: toUri(displayPath), uriBaseId: '%SRCROOT%', index: artifactIndex };
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
}

/** The log with its results array left as `results` (a placeholder: see createWriter). */
function sarifLog(ctx: FormatContext, rules: object[], results: unknown, artifacts: object[]): object {
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
        // Results before artifacts: an artifact's properties (records, summary) are known only
        // once its results are all written.
        results,
        artifacts,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

const PLACEHOLDER = '\u0000results';
/** Indentation of one result inside runs[0].results, as JSON.stringify(log, null, 2) lays it out. */
const RESULT_INDENT = '\n' + ' '.repeat(8);

/**
 * Writes what `JSON.stringify(log, null, 2)` would, a result at a time: the log around the
 * results array is laid out once with a placeholder, and split there.
 */
export const createWriter: WriterFactory = (ctx, write) => {
  const { rules, ruleIndex } = ruleDescriptors(ctx);
  const artifacts: object[] = [];
  let displayPath = '';
  let results = 0;
  const mark = JSON.stringify(PLACEHOLDER);
  const cut = (text: string) => {
    const at = text.indexOf(mark);
    return [text.slice(0, at), text.slice(at + mark.length)] as const;
  };
  write(cut(JSON.stringify(sarifLog(ctx, rules, PLACEHOLDER, []), null, 2))[0] + '[');
  return {
    beginFile(file) {
      displayPath = file.displayPath;
    },
    message(d) {
      const text = JSON.stringify(sarifResult(d, displayPath, artifacts.length, ruleIndex), null, 2);
      write((results++ === 0 ? '' : ',') + RESULT_INDENT + text.replaceAll('\n', RESULT_INDENT));
    },
    endFile(file) {
      artifacts.push({
        location: { uri: toUri(file.displayPath), uriBaseId: '%SRCROOT%' },
        properties: { format: file.format, records: file.records, summary: file.summary },
      });
    },
    end() {
      write((results === 0 ? ']' : '\n      ]') + cut(JSON.stringify(sarifLog(ctx, rules, PLACEHOLDER, artifacts), null, 2))[1] + '\n');
    },
  };
};

export function toSarif(results: readonly FileResult[], ctx: FormatContext): object {
  const { rules, ruleIndex } = ruleDescriptors(ctx);
  const sarifResults = results.flatMap((r, i) => r.diagnostics.map((d) => sarifResult(d, r.displayPath, i, ruleIndex)));
  const artifacts = results.map((r) => ({
    location: { uri: toUri(r.displayPath), uriBaseId: '%SRCROOT%' },
    properties: { format: r.format, records: r.records, summary: r.summary },
  }));
  return sarifLog(ctx, rules, sarifResults, artifacts);
}

export function format(results: readonly FileResult[], ctx: FormatContext): string {
  return formatWith(createWriter, results, ctx);
}
