// Command-line parsing with node:util parseArgs. Returns either options or a usage error
// message (exit code 2); it never exits or prints by itself.
import { parseArgs } from 'node:util';
import type { CdrFormat, SeveritySetting } from '@cdrlint/core';
import type { FormatName } from './formatters/index.js';

export interface CliOptions {
  patterns: string[];
  format: FormatName;
  fix: boolean;
  fixDryRun: boolean;
  /** --rule overrides in the order given (later wins). */
  rules: Record<string, SeveritySetting>;
  config?: string;
  maxWarnings?: number;
  summary: boolean;
  quiet: boolean;
  /** Threads: a number, 'auto' (one per core) or 'off' (one thread). */
  concurrency: number | 'auto' | 'off';
  stdinFormat?: CdrFormat;
  stdinFilename?: string;
  color?: boolean;
  help: boolean;
  version: boolean;
}

export type ParseOutcome = { ok: true; options: CliOptions } | { ok: false; error: string };

const FORMATS: readonly FormatName[] = ['stylish', 'json', 'sarif', 'github'];
const SEVERITIES: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const STDIN_FORMATS: readonly CdrFormat[] = ['csv', 'ndjson', 'json'];

export const HELP = `Usage: cdrlint [options] <files|dirs|globs...>

Checks CDR (Call Detail Record) files: CSV/TSV, NDJSON/JSON Lines and JSON. Directories are
searched for *.csv, *.tsv, *.ndjson, *.jsonl and *.json files. Use - to read stdin.

Options:
  -f, --format <name>        stylish (default), json, sarif or github
      --fix                  apply safe fixes to the files (atomic write)
      --fix-dry-run          report what --fix would change, write nothing
      --rule <id:severity>   set a rule's severity (error|warning|info|off); repeatable
  -c, --config <file>        use this cdrlint.config.json instead of looking one up
      --max-warnings <n>     exit 1 when there are more than n warnings
      --summary              print each file's status summary (counts, answer rate)
      --quiet                report errors only
      --concurrency <n>      threads: auto (default, one per core), off, or a number; several
                             files are checked at once, one large file in parts
      --stdin-format <fmt>   format of stdin: csv, ndjson or json (default: detected)
      --stdin-filename <p>   name used for stdin in output and config lookup
      --color, --no-color    force colours on or off (default: on a TTY without NO_COLOR)
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many
warnings, 2 usage, configuration or I/O failure.
`;

export function parseCliArgs(argv: readonly string[]): ParseOutcome {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        rule: { type: 'string', multiple: true },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        summary: { type: 'boolean' },
        quiet: { type: 'boolean' },
        concurrency: { type: 'string' },
        'stdin-format': { type: 'string' },
        'stdin-filename': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const v = parsed.values;
  const format = v.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    return { ok: false, error: `Unknown format '${format}'. Use one of: ${FORMATS.join(', ')}.` };
  }
  const rules: Record<string, SeveritySetting> = {};
  for (const spec of v.rule ?? []) {
    const at = spec.lastIndexOf(':');
    const id = spec.slice(0, at).trim();
    const severity = spec.slice(at + 1).trim();
    if (at <= 0 || !(SEVERITIES as readonly string[]).includes(severity)) {
      return { ok: false, error: `Invalid --rule '${spec}'. Expected id:severity with severity one of ${SEVERITIES.join(', ')}.` };
    }
    rules[id] = severity as SeveritySetting;
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    const text = v['max-warnings'].trim();
    maxWarnings = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(maxWarnings)) {
      return { ok: false, error: `Invalid --max-warnings '${v['max-warnings']}'. Expected a whole number >= 0.` };
    }
  }
  const stdinFormat = v['stdin-format'];
  if (stdinFormat !== undefined && !(STDIN_FORMATS as readonly string[]).includes(stdinFormat)) {
    return { ok: false, error: `Unknown --stdin-format '${stdinFormat}'. Use one of: ${STDIN_FORMATS.join(', ')}.` };
  }
  let concurrency: CliOptions['concurrency'] = 'auto';
  if (v.concurrency !== undefined) {
    const c = v.concurrency.trim();
    if (c === 'auto' || c === 'off') concurrency = c;
    else if (/^\d+$/.test(c) && Number(c) >= 1 && Number(c) <= 256) concurrency = Number(c);
    else return { ok: false, error: `Invalid --concurrency '${v.concurrency}'. Expected auto, off or a number from 1 to 256.` };
  }
  if (v.fix && v['fix-dry-run']) return { ok: false, error: 'Use either --fix or --fix-dry-run, not both.' };
  const options: CliOptions = {
    patterns: parsed.positionals,
    format: format as FormatName,
    fix: v.fix ?? false,
    fixDryRun: v['fix-dry-run'] ?? false,
    rules,
    summary: v.summary ?? false,
    quiet: v.quiet ?? false,
    concurrency,
    help: v.help ?? false,
    version: v.version ?? false,
  };
  if (v.config !== undefined) options.config = v.config;
  if (maxWarnings !== undefined) options.maxWarnings = maxWarnings;
  if (stdinFormat !== undefined) options.stdinFormat = stdinFormat as CdrFormat;
  if (v['stdin-filename'] !== undefined) options.stdinFilename = v['stdin-filename'];
  if (v['no-color']) options.color = false;
  else if (v.color) options.color = true;
  if (!options.help && !options.version) {
    if (options.patterns.length === 0) return { ok: false, error: 'No files given. Try cdrlint --help.' };
    const stdinCount = options.patterns.filter((p) => p === '-').length;
    if (stdinCount > 1) return { ok: false, error: "'-' (stdin) can be given only once." };
    if (stdinCount === 1 && options.fix) {
      return { ok: false, error: '--fix cannot write to stdin; use --fix-dry-run to see the fixed text in --format json.' };
    }
  }
  return { ok: true, options };
}
