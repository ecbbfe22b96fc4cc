// Miller peer: the main cdrlint checks written as a Miller DSL filter, so `mlr` can be timed on
// the same CSV. The taxonomy maps are generated from core's taxonomy (never restated here).
// Checks: status in set, sub-status belongs to its status, result code known and only where the
// pair takes one, E.164 number, datetimes, time order, durations, amount, hangup cause 0-127,
// duplicate call ids. Records that fail are emitted (`filter -x`) and counted (`then count`).
import { loadTaxonomy } from '../lib/taxonomy.mjs';

const lit = (o) => JSON.stringify(o); // a JSON map literal is valid Miller DSL

export async function millerDsl() {
  const tax = await loadTaxonomy();
  // Flat `STATUS/SUB` keys: indexing a nested map with an unknown status is an error in Miller.
  const pairs = Object.fromEntries(tax.STATUSES.flatMap((s) => s.subStatuses.map((x) => [`${s.name}/${x.name}`, 1])));
  const takes = Object.fromEntries(
    tax.STATUSES.flatMap((s) => s.subStatuses.filter((x) => x.takesResultCode).map((x) => [`${s.name}/${x.name}`, 1])),
  );
  const codes = Object.fromEntries(tax.RESULT_CODES.map((r) => [r.name, 1]));
  return `begin {
  @pairs = ${lit(pairs)};
  @takes = ${lit(takes)};
  @codes = ${lit(codes)};
  @seen = {};
}
func dt(str s): bool {
  return s == "" || s =~ "^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01]) (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$";
}
func dur(str s): bool {
  return s =~ "^[0-9]+$";
}
str pair = $status . "/" . $sub_status;
bool taxo = haskey(@pairs, pair)
  && ($result_code == "" || (haskey(@codes, $result_code) && haskey(@takes, pair)));
bool fmt = $number =~ "^[+][1-9][0-9]{1,14}$"
  && dt($start) && dt($answer) && dt($hangup)
  && dur($duration) && dur($duration_answered) && dur($duration_billed)
  && $billing_customer_debit_eur =~ "^[0-9]+[.][0-9]{2}$"
  && ($hangupcause == "" || $hangupcause =~ "^(?:[0-9]|[1-9][0-9]|1[01][0-9]|12[0-7])$");
bool order = $answer == "" || ($start <= $answer && $answer <= $hangup);
bool dup = $callid != "" && haskey(@seen, $callid);
if ($callid != "") { @seen[$callid] = 1; }
taxo && fmt && order && !dup
`;
}

/** argv for mlr, given the DSL file and the CSV file. */
export function millerArgs(dslFile, csvFile) {
  return ['mlr', '-S', '--icsv', '--ojson', '--allow-ragged-csv-input', 'filter', '-x', '-f', dslFile, 'then', 'count', csvFile];
}
