import type { LintOptions } from './lint.js';
import { detectFormat, formatFromName } from './detect.js';
import { createCsvParser } from './parse/csv.js';
import { createJsonParser } from './parse/json.js';
import { createNdjsonParser } from './parse/ndjson.js';
import type { CsvHeader, ParseSink, SourceRecord } from './parse/types.js';
import type { CdrFormat } from './types.js';

/** A whole document parsed into records, for editor features (hover, completion, outline). */
export interface CdrDocument {
  format: CdrFormat;
  header?: CsvHeader;
  records: SourceRecord[];
}

/** Parses a whole text; problems are the linter's business and are dropped here. */
export function parseDocument(text: string, options: Pick<LintOptions, 'fileName' | 'format'> = {}): CdrDocument {
  const records: SourceRecord[] = [];
  let header: CsvHeader | undefined;
  const sink: ParseSink = {
    header: (h) => void (header = h),
    record: (r) => void records.push(r),
    problem: () => undefined,
  };
  const format = options.format ?? detectFormat(options.fileName, text.slice(0, 4096));
  const parser =
    format === 'csv'
      ? createCsvParser(sink, { delimiter: formatFromName(options.fileName).delimiter })
      : format === 'ndjson'
        ? createNdjsonParser(sink)
        : createJsonParser(sink);
  parser.push(text);
  parser.end();
  return { format, header, records };
}
