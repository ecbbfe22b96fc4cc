import { format as github } from './github.js';
import { format as json } from './json.js';
import { format as sarif } from './sarif.js';
import { format as stylish } from './stylish.js';
import type { Formatter } from '../results.js';

export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github };
export type FormatName = 'stylish' | 'json' | 'sarif' | 'github';
