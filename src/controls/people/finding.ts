/**
 * What every check over the people register reports: who, under which clause, how serious, and why
 * in words. `error` is a breach on the date checked; `warning` is something that will become one
 * unless it changes (a review scheduled after the annual deadline).
 */
export type Severity = "error" | "warning";

export type PersonFinding = {
  readonly person: string;
  readonly clause: string;
  readonly severity: Severity;
  readonly detail: string;
};
