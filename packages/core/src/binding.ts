import { FIELDS, fieldForKey, normalizeKey, type FieldInfo } from './fields.js';

/** Which key (column) holds each canonical field, for one header or one set of JSON keys. */
export interface FieldBinding {
  /** Canonical field name -> index in the keys. */
  readonly index: ReadonlyMap<string, number>;
  /** Key index -> field, for every key that maps to a known field. */
  readonly fieldOfKey: readonly (FieldInfo | undefined)[];
  /** Keys that repeat a field already bound: [index of the repeat, index of the first]. */
  readonly duplicates: readonly (readonly [number, number])[];
  /** Field id (see F in fields.ts) -> key index, or -1: the per-record hot path. */
  readonly slots: Int32Array;
}

/**
 * Binds keys to canonical fields. `columns` (from configuration) maps a canonical field name to
 * the column name a file uses; it wins over the built-in aliases.
 */
export function bindFields(keys: readonly string[], columns: Readonly<Record<string, string>> = {}): FieldBinding {
  const override = new Map<string, FieldInfo>();
  for (const f of FIELDS) {
    const col = Object.prototype.hasOwnProperty.call(columns, f.name) ? columns[f.name] : undefined;
    if (typeof col === 'string') override.set(normalizeKey(col), f);
  }
  const overridden = new Set(override.values());
  const index = new Map<string, number>();
  const fieldOfKey: (FieldInfo | undefined)[] = [];
  const duplicates: [number, number][] = [];
  for (let i = 0; i < keys.length; i++) {
    const k = normalizeKey(keys[i]);
    let f = override.get(k);
    if (!f) {
      f = fieldForKey(keys[i]);
      // A field the configuration maps elsewhere is not also taken from its default alias.
      if (f && overridden.has(f)) f = undefined;
    }
    fieldOfKey.push(f);
    if (!f) continue;
    const first = index.get(f.name);
    if (first === undefined) index.set(f.name, i);
    else duplicates.push([i, first]);
  }
  const slots = new Int32Array(FIELDS.length).fill(-1);
  FIELDS.forEach((f, id) => {
    const i = index.get(f.name);
    if (i !== undefined) slots[id] = i;
  });
  return { index, fieldOfKey, duplicates, slots };
}

/** Caches bindings by key list: JSON records of one file nearly always share their keys. */
export class BindingCache {
  private readonly cache = new Map<string, FieldBinding>();
  private lastKeys: readonly string[] | undefined;
  private last: FieldBinding | undefined;

  constructor(private readonly columns: Readonly<Record<string, string>>) {}

  get(keys: readonly string[]): FieldBinding {
    if (this.last && sameKeys(keys, this.lastKeys)) {
      this.lastKeys = keys;
      return this.last;
    }
    const id = keys.join('\u0000');
    let b = this.cache.get(id);
    if (!b) {
      if (this.cache.size > 256) this.cache.clear();
      b = bindFields(keys, this.columns);
      this.cache.set(id, b);
    }
    this.lastKeys = keys;
    this.last = b;
    return b;
  }
}

/** Element-wise equality; JSON.parse interns key strings, so this compares pointers mostly. */
export function sameKeys(a: readonly string[], b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
