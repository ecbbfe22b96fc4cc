import type { FieldBinding } from '../binding.js';
import { FIELDS } from '../fields.js';
import { hasValueText, type SourceRecord } from '../parse/types.js';
import type { CdrFormat, Diagnostic, Fix, Range, RelatedInformation, Severity, SeveritySetting } from '../types.js';
import { textOf } from './values.js';

export interface ReportExtras {
  fix?: Fix;
  suggestions?: Fix[];
  related?: RelatedInformation[];
}

/** What a rule sees of one record: values by canonical field, their ranges, and a reporter. */
export class RecordContext {
  constructor(
    /** Re-pointed at each record by the linter (one context per file, not per record). */
    public record: SourceRecord,
    public binding: FieldBinding,
    readonly format: CdrFormat,
    private readonly severities: Readonly<Record<string, SeveritySetting>>,
    private readonly emit: (d: Diagnostic) => void,
  ) {}

  // Fields are numeric ids (F.status, ...) so the per-record path does no string lookups.
  has(field: number): boolean {
    return this.binding.slots[field] >= 0;
  }

  value(field: number): unknown {
    const i = this.binding.slots[field];
    return i < 0 ? undefined : this.record.value(i);
  }

  /** Where at() found a field's text: src[from, to). */
  src = '';
  from = 0;
  to = 0;

  /**
   * Points src, from and to at the field's value when it is non-empty text, without making a
   * substring: in the text its record lays its values out in (TextValuesRecord: CSV rows, in
   * place in the parser's buffer when the row has no quotes), else in the value itself (JSON
   * strings), so that readers such as parseDatetime(src, from, to) read it there. False when
   * the value is absent, empty or not a string (a JSON number: read value()).
   */
  at(field: number): boolean {
    const i = this.binding.slots[field];
    if (i < 0) return false;
    const r = this.record;
    if (hasValueText(r)) {
      const spans = r.valueSpans;
      if (2 * i + 1 >= spans.length) return false;
      const start = spans[2 * i];
      const end = spans[2 * i + 1];
      if (start === end) return false;
      this.src = r.valueText;
      this.from = start - r.valueTextBase;
      this.to = end - r.valueTextBase;
      return true;
    }
    const v = r.value(i);
    if (typeof v !== 'string' || v.length === 0) return false;
    this.src = v;
    this.from = 0;
    this.to = v.length;
    return true;
  }

  /** Whether text() would give a value, without making its text where at() finds it. */
  present(field: number): boolean {
    return this.at(field) || this.text(field) !== undefined;
  }

  /** The value as text; undefined when absent or empty. */
  text(field: number): string | undefined {
    return textOf(this.value(field));
  }

  name(field: number): string {
    return FIELDS[field].name;
  }

  /** The value as written in the file (JSON: the token; CSV: the cell), clipped for messages. */
  source(field: number, max = 40): string {
    const i = this.binding.slots[field];
    if (i < 0) return '';
    const v = this.record.value(i);
    let s: string;
    if (typeof v === 'string') s = v;
    else {
      const { start, end } = this.record.valueRange(i);
      s = this.record.text().slice(start - this.record.start, Math.min(end, start + max + 1) - this.record.start);
    }
    return s.length > max ? `${s.slice(0, max - 3)}...` : s;
  }

  enabled(ruleId: string): boolean {
    return this.severities[ruleId] !== 'off';
  }

  /** Range of a field's value; for an absent field, the record's first character. */
  range(field: number): Range {
    const i = this.binding.slots[field];
    const r = this.record;
    if (i < 0) return { start: r.position(r.start), end: r.position(Math.min(r.start + 1, r.end)) };
    const o = r.valueRange(i);
    return { start: r.position(o.start), end: r.position(o.end) };
  }

  report(ruleId: string, message: string, field: number | Range, extras: ReportExtras = {}): void {
    const s = this.severities[ruleId];
    if (s === 'off' || s === undefined) return;
    const d: Diagnostic = {
      ruleId,
      severity: s as Severity,
      message,
      range: typeof field === 'number' ? this.range(field) : field,
      record: this.record.index,
    };
    if (extras.fix) d.fix = extras.fix;
    if (extras.suggestions && extras.suggestions.length > 0) d.suggestions = extras.suggestions;
    if (extras.related) d.related = extras.related;
    this.emit(d);
  }

  /** An edit that replaces a field's value with `next`, written the way the file writes values. */
  replaceValue(field: number, next: string, title: string): Fix | undefined {
    const i = this.binding.slots[field];
    if (i < 0) return undefined;
    const { start, end } = this.record.valueRange(i);
    let text: string;
    if (this.format === 'csv') {
      const raw = this.record.text().slice(start - this.record.start, end - this.record.start);
      const needsQuotes = /[",;\t\r\n]/.test(next) || raw.startsWith('"');
      text = needsQuotes ? `"${next.replace(/"/g, '""')}"` : next;
    } else {
      text = next === '' ? 'null' : JSON.stringify(next);
    }
    return { title, edits: [{ start, end, text }] };
  }
}
