import { ANSWERED_STATUS } from './taxonomy.js';
import type { StatusSummary } from './types.js';
import type { Classification } from './rules/taxonomy-rules.js';

/** Accumulates the status summary of one file, record by record. */
export class SummaryBuilder {
  private records = 0;
  private classified = 0;
  private readonly statuses: Record<string, number> = {};
  private readonly subStatuses: Record<string, number> = {};
  private readonly resultCodes: Record<string, number> = {};

  add(c: Classification): void {
    this.records++;
    if (!c.status) return;
    this.classified++;
    inc(this.statuses, c.status.name);
    if (c.sub) inc(this.subStatuses, `${c.status.name}/${c.sub.name}`);
    if (c.resultCode) inc(this.resultCodes, c.resultCode);
  }

  build(): StatusSummary {
    const answered = this.statuses[ANSWERED_STATUS] ?? 0;
    return {
      records: this.records,
      classified: this.classified,
      statuses: { ...this.statuses },
      subStatuses: { ...this.subStatuses },
      resultCodes: { ...this.resultCodes },
      answerRate: this.classified === 0 ? null : answered / this.classified,
    };
  }
}

function inc(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}
