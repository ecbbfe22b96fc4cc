import { createWriter as githubWriter, format as github } from './github.js';
import { createWriter as jsonWriter, format as json } from './json.js';
import { createWriter as sarifWriter, format as sarif } from './sarif.js';
import { createWriter as stylishWriter, format as stylish } from './stylish.js';
import type { Formatter, WriterFactory } from '../results.js';

/** Whole output for results held in memory. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github };
/** The same formats written as the check goes (what the command uses). */
export const WRITERS: Readonly<Record<string, WriterFactory>> = { stylish: stylishWriter, json: jsonWriter, sarif: sarifWriter, github: githubWriter };
export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';
