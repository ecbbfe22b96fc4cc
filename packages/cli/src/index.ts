// Programmatic entry: run the CLI in-process, or reuse its formatters.
export { main, type CliIo } from './main.js';
export { parseCliArgs, type CliOptions } from './args.js';
export { FORMATTERS, type FormatName } from './formatters/index.js';
export type { FileResult, FormatContext, Formatter, RuleInfo } from './results.js';
