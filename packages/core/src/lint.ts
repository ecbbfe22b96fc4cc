// The linter: text -> parser -> records -> rules -> diagnostics, streaming. Whole documents
// (editors, tests) and huge files (CLI) go through the same path.
import { BindingCache, bindFields, type FieldBinding } from './binding.js';
import { DEFAULT_CONFIG, type LintConfig } from './config.js';
import { detectFormat, formatFromName } from './detect.js';
import { F, getField } from './fields.js';
import { createCsvParser } from './parse/csv.js';
import { createJsonParser } from './parse/json.js';
import { createNdjsonParser } from './parse/ndjson.js';
import type { CsvHeader, ParseProblem, ParseSink, SourceRecord, StreamParser } from './parse/types.js';
import { detach } from './detach.js';
import { noStatusMessage, PENDING_LIMIT, type PartOptions, type PartOutcome } from './parts.js';
import { DuplicateCallIds } from './rules/duplicates.js';
import { RecordContext } from './rules/record-context.js';
import { checkConsistency, checkFormats } from './rules/record-rules.js';
import { checkTaxonomy, type Classification, type Notation } from './rules/taxonomy-rules.js';
import { SummaryBuilder } from './summary.js';
import type { CdrFormat, Diagnostic, Severity, StatusSummary } from './types.js';

export interface LintOptions {
  /** Used to detect the format from the extension (`.csv`, `.tsv`, `.ndjson`, `.jsonl`, `.json`). */
  fileName?: string;
  /** Forces the format instead of detecting it. */
  format?: CdrFormat;
  config?: LintConfig;
}

export interface StreamLintOptions extends LintOptions {
  /** Receives each diagnostic as found; the result then keeps none (bounded memory). */
  onDiagnostic?: (d: Diagnostic) => void;
  /** Receives each record with what the taxonomy rules made of it (editor features). */
  onRecord?: (record: SourceRecord, classification: Classification) => void;
  /** Lint one part of a larger file (see parts.ts); needs `format`. */
  part?: PartOptions;
}

export interface LintResult {
  format: CdrFormat;
  /** In source order, unless onDiagnostic took them. */
  diagnostics: Diagnostic[];
  summary: StatusSummary;
  records: number;
  /** Whether a status field was found: files without one are not campaign CDRs. */
  isCdr: boolean;
  /** With `part`: what joinParts needs. */
  part?: PartOutcome;
}

export interface Linter {
  push(chunk: string): void;
  end(): LintResult;
  /**
   * The offset before which no diagnostic is still to come: everything handed to onDiagnostic
   * that starts before it is final, so a DiagnosticOrder can release it in source order.
   */
  settled(): number;
}

/** duplicate-column messages per header or record, at most. */
const MAX_DUPLICATE_REPORTS = 100;

/** The most text looked at before choosing a format (a longer first line decides for JSON). */
const SNIFF_CHARS = 1 << 20;

/**
 * Tells, as text arrives, whether the head holds two complete non-blank lines or all the text
 * format sniffing reads. Resumes where it stopped, so many small chunks stay linear.
 */
class SniffProgress {
  private seen = 0;
  private lineHasText = false;
  private lines = 0;

  /** Feeds the next chunk (each chunk once: a concatenated head would be re-flattened). */
  ready(chunk: string): boolean {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) {
        if (this.lineHasText && ++this.lines === 2) return true;
        this.lineHasText = false;
      } else if (c !== 32 && c !== 9 && c !== 0xfeff) {
        this.lineHasText = true;
      }
    }
    this.seen += chunk.length;
    return this.seen >= SNIFF_CHARS;
  }
}
/**
 * Whether `head` holds everything format detection reads (two non-blank lines, or SNIFF_CHARS):
 * then `detectFormat(name, head)` decides as the linter itself would.
 */
export function headDecidesFormat(head: string): boolean {
  return new SniffProgress().ready(head);
}

export function createLinter(options: StreamLintOptions = {}): Linter {
  const config = options.config ?? DEFAULT_CONFIG;
  const severities = config.rules;
  const collected: Diagnostic[] = [];
  const part = options.part;
  if (part && !options.format) throw new Error('a part needs a format');
  const prefixChars = part?.prefix.length ?? 0;
  // How a later JSON part's own text opens (PartOutcome.cleanStart).
  let partStart = part?.later && options.format === 'json' ? PART_START_UNSEEN : PART_START_CLEAN;
  const give = options.onDiagnostic ?? ((d: Diagnostic) => collected.push(d));
  // What a part's end finds after the text ended cleanly between records holds only if the
  // file ends there too (PartOutcome.endOfFile): held while that end runs.
  let endOfFile: Diagnostic[] | undefined;
  const deliver = (d: Diagnostic) => (endOfFile ? endOfFile.push(detach(d)) : give(detach(d)));
  // The prefix of a part only gives context: what is found in it belongs to the first part.
  const emit = prefixChars > 0 ? (d: Diagnostic) => d.range.start.offset >= prefixChars && deliver(d) : deliver;
  const summary = new SummaryBuilder();
  const checkDuplicates = severities['duplicate-call-id'] !== 'off';
  let duplicates: DuplicateCallIds | undefined;
  const notation: { first?: Notation } = part?.notation ?? {};
  let chars = 0;
  const bindings = new BindingCache(config.columns);
  let format: CdrFormat | undefined = options.format;
  let parser: StreamParser | undefined;
  // Text held until the format is known, as chunks (joined once).
  let headChunks: string[] = [];
  let sniffed = false;
  const sniff = new SniffProgress();
  let headerBinding: FieldBinding | undefined;
  // A CSV header without a status column (decided once, not per row).
  let noStatusColumn = false;
  let isCdr = false;
  let ctx: RecordContext | undefined;
  // JSON records without a status field: held back until some record shows one.
  let pending: Diagnostic[] = [];
  let pendingDropped = 0;
  /** How many held messages went out at the first record with a status. */
  let released = 0;

  const forward = (d: Diagnostic) => {
    if (isCdr || format === 'csv' || d.ruleId !== 'missing-status') {
      emit(d);
    } else if (pending.length < PENDING_LIMIT) {
      pending.push(d);
    } else {
      pendingDropped++;
    }
  };

  const problem = (p: ParseProblem) => {
    const s = severities[p.ruleId];
    if (s === undefined || s === 'off') return;
    const d: Diagnostic = { ruleId: p.ruleId, severity: s as Severity, message: p.message, range: p.range };
    if (p.record !== undefined) d.record = p.record;
    if (p.fix) d.fix = p.fix;
    emit(d);
  };

  const sink: ParseSink = {
    header(h: CsvHeader) {
      headerBinding = bindFields(h.cells, config.columns);
      noStatusColumn = !headerBinding.index.has('status');
      checkHeader(h, headerBinding);
    },
    record(r: SourceRecord) {
      const binding = headerBinding ?? bindings.get(r.keys);
      if (!isCdr && binding.index.has('status')) {
        isCdr = true;
        released = pending.length;
        for (const d of pending) emit(d);
        pending = [];
      }
      if (ctx) {
        ctx.record = r;
        ctx.binding = binding;
      } else {
        ctx = new RecordContext(r, binding, format ?? 'csv', severities, forward);
      }
      if (headerBinding === undefined && binding.duplicates.length > 0) reportDuplicateKeys(ctx, binding);
      // Without a status column the CSV header already said so once; rows add nothing.
      const c: Classification = noStatusColumn ? {} : checkTaxonomy(ctx, notation);
      const values = checkFormats(ctx);
      checkConsistency(ctx, c, values);
      if (checkDuplicates) {
        duplicates ??= new DuplicateCallIds(part?.later ?? false);
        duplicates.check(ctx);
      }
      summary.add(c);
      options.onRecord?.(r, c);
    },
    problem,
  };

  function checkHeader(h: CsvHeader, b: FieldBinding): void {
    const rangeOf = (i: number) => ({ start: h.position(h.ranges[i].start), end: h.position(h.ranges[i].end) });
    for (const [i, first] of b.duplicates.slice(0, MAX_DUPLICATE_REPORTS)) {
      const f = b.fieldOfKey[i];
      problem({
        ruleId: 'duplicate-column',
        message: `Column '${h.cells[i]}' is the ${f?.name ?? 'same'} field again (first: '${h.cells[first]}', column ${first + 1}); only the first is read.`,
        range: rangeOf(i),
      });
    }
    if (!b.index.has('status')) {
      const last = h.ranges.length - 1;
      const aliases = getField('status')?.aliases.join(', ') ?? 'status';
      problem({
        ruleId: 'missing-column',
        message: `No status column: expected one of ${aliases} (or map one with "columns" in cdrlint.config.json).`,
        range: { start: h.position(h.ranges[0].start), end: h.position(h.ranges[Math.max(0, last)].end) },
      });
    } else {
      isCdr = true;
    }
  }

  function reportDuplicateKeys(ctx: RecordContext, b: FieldBinding): void {
    // A record repeating one field thousands of times needs no thousand messages.
    for (const [i, first] of b.duplicates.slice(0, MAX_DUPLICATE_REPORTS)) {
      const kr = ctx.record.keyRange(i);
      const range = kr ? { start: ctx.record.position(kr.start), end: ctx.record.position(kr.end) } : ctx.range(F.status);
      ctx.report('duplicate-column', `Key '${ctx.record.keys[i]}' is the ${b.fieldOfKey[i]?.name} field again (first: '${ctx.record.keys[first]}'); only the first is read.`, range);
    }
  }

  function start(final: boolean): void {
    if (parser) return;
    if (!format) {
      // The decision reads only the first two non-blank lines (or the first SNIFF_CHARS), so it
      // is the same however the text is chunked: editor and CLI agree.
      if (!final && !sniffed) return;
      format = detectFormat(options.fileName, headChunks.join('').slice(0, SNIFF_CHARS));
    }
    const delimiter = formatFromName(options.fileName).delimiter;
    const p = format === 'csv' ? createCsvParser(sink, { delimiter }) : format === 'ndjson' ? createNdjsonParser(sink) : createJsonParser(sink);
    parser = p;
    const held = headChunks;
    headChunks = [];
    for (const c of held) p.push(c);
  }

  const linter: Linter = {
    push(chunk: string) {
      if (partStart === PART_START_UNSEEN && chars >= prefixChars) partStart = partStartOf(chunk);
      chars += chunk.length;
      if (parser) {
        parser.push(chunk);
        return;
      }
      headChunks.push(chunk);
      if (!sniffed && !format) sniffed = sniff.ready(chunk);
      start(false);
    },
    end(): LintResult {
      start(true);
      const boundary = part ? parser!.boundary?.() : undefined;
      if (boundary?.clean) endOfFile = [];
      parser!.end();
      const held = endOfFile ?? [];
      endOfFile = undefined;
      const s = summary.build();
      if (part) {
        const outcome: PartOutcome = {
          format: format ?? 'csv',
          prefixChars,
          prefixLines: countLineBreaks(part.prefix),
          chars,
          lines: boundary?.lines ?? 0,
          clean: boundary?.clean ?? false,
          cleanStart: partStart !== PART_START_UNCLEAN,
          records: s.records,
          summary: s,
          isCdr,
          pending,
          pendingDropped,
          released,
          endOfFile: held,
        };
        if (duplicates) outcome.duplicates = duplicates.state();
        collected.sort((a, b) => a.range.start.offset - b.range.start.offset);
        return { format: outcome.format, diagnostics: collected, summary: s, records: s.records, isCdr, part: outcome };
      }
      if (!isCdr && format !== 'csv') {
        // Not a campaign CDR: one file-level message instead of one per record.
        const held = pending.length + pendingDropped;
        if (held > 0) {
          problem({
            ruleId: 'missing-column',
            message: noStatusMessage(held),
            range: pending[0].range,
          });
        }
      }
      collected.sort((a, b) => a.range.start.offset - b.range.start.offset);
      return { format: format ?? 'csv', diagnostics: collected, summary: s, records: s.records, isCdr };
    },
    settled(): number {
      if (!parser) return 0; // the format is not known yet: nothing has been read
      // (Never past the text given: a JSON parser that stopped at a fatal error settles all,
      // but the caller may still add the decoder's problems in later text.)
      const p = Math.min(parser.settled(), chars);
      // Held missing-status messages come out later, or become one file-level message at the
      // first of them (see end()).
      return pending.length > 0 ? Math.min(p, pending[0].range.start.offset) : p;
    },
  };
  if (part && part.prefix.length > 0) linter.push(part.prefix);
  return linter;
}

const PART_START_UNSEEN = 0;
const PART_START_CLEAN = 1;
const PART_START_UNCLEAN = 2;

/**
 * How a later JSON part's own text opens, by its first character that is not white space.
 * Unclean: `]`, `}` or `:`, after which one pass still knows the comma that ended the earlier
 * part (to report it as trailing at a `]`), and the later part, read after its prefix, does not.
 */
function partStartOf(chunk: string): number {
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    return c === 93 || c === 125 || c === 58 ? PART_START_UNCLEAN : PART_START_CLEAN; // ']', '}', ':'
  }
  return PART_START_UNSEEN;
}

function countLineBreaks(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) n++;
  }
  return n;
}

/** Lints a whole document held in memory. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const linter = createLinter(options);
  linter.push(text);
  return linter.end();
}
