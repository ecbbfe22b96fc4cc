import { ANSWERED_STATUS } from './taxonomy.js';
import type { StatusInfo, SubStatusInfo } from './taxonomy.js';
import type { StatusSummary } from './types.js';
import type { Classification } from './rules/taxonomy-rules.js';

/** Accumulates the status summary of one file, record by record (keyed by identity: no string building per record). */
export class SummaryBuilder {
  private records = 0;
  private classified = 0;
  private readonly statuses = new Map<StatusInfo, number>();
  private readonly subStatuses = new Map<SubStatusInfo, [StatusInfo, number]>();
  private readonly resultCodes = new Map<string, number>();

  add(c: Classification): void {
    this.records++;
    const { status, sub, resultCode } = c;
    if (!status) return;
    this.classified++;
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (sub) {
      const e = this.subStatuses.get(sub);
      if (e) e[1]++;
      else this.subStatuses.set(sub, [status, 1]);
    }
    if (resultCode) this.resultCodes.set(resultCode, (this.resultCodes.get(resultCode) ?? 0) + 1);
  }

  build(): StatusSummary {
    const statuses: Record<string, number> = {};
    for (const [s, n] of this.statuses) statuses[s.name] = n;
    const subStatuses: Record<string, number> = {};
    for (const [x, [s, n]] of this.subStatuses) subStatuses[`${s.name}/${x.name}`] = n;
    const resultCodes: Record<string, number> = {};
    for (const [r, n] of this.resultCodes) resultCodes[r] = n;
    const answered = statuses[ANSWERED_STATUS] ?? 0;
    return {
      records: this.records,
      classified: this.classified,
      statuses,
      subStatuses,
      resultCodes,
      answerRate: this.classified === 0 ? null : answered / this.classified,
    };
  }
}
