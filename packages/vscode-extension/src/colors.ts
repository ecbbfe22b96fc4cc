// Theme colour ids of the status families. Pure, so the manifest test can check that
// package.json contributes one for every status of the taxonomy.

/** E.g. `cdrlint.statusAnswered` for ANSWERED. */
export function statusColorId(status: string): string {
  return `cdrlint.status${status.charAt(0)}${status.slice(1).toLowerCase()}`;
}
