/** The Overview's arithmetic, kept pure so it is tested without a browser. */
import type { ObligationStatus } from "../api/workspace.js";
import type { Deadline } from "../calendar/deadlines.js";
import type { ObligationsAnswer } from "../obligations/api.js";

export type Posture = {
  /** Distinct duties binding the party, as such or in any of its roles. */
  readonly applying: number;
  /** Of those, the ones with evidence or a control run behind them. */
  readonly evidenced: number;
  /** Of those, the ones with at least one open finding. */
  readonly withOpenFindings: number;
};

export function applyingIds(answer: ObligationsAnswer): Set<string> {
  return new Set(
    [...answer.partyObligations, ...answer.roles.flatMap((role) => role.obligations)].map((o) => o.id),
  );
}

/** `statuses` is null when the server records no evidence yet; nothing then counts as evidenced. */
export function postureOf(answer: ObligationsAnswer, statuses: readonly ObligationStatus[] | null): Posture {
  const applying = applyingIds(answer);
  const relevant = (statuses ?? []).filter((status) => applying.has(status.id));
  return {
    applying: applying.size,
    evidenced: relevant.filter(
      (s) => s.evidence.length > 0 || (s.lastRun !== undefined && s.lastRun !== null),
    ).length,
    withOpenFindings: relevant.filter((s) => s.openFindings > 0).length,
  };
}

export type DeadlineTally = {
  readonly overdue: number;
  readonly dueSoon: number;
  readonly next: readonly Deadline[];
};

export function tallyDeadlines(deadlines: readonly Deadline[], nextCount = 5): DeadlineTally {
  const open = deadlines.filter((d) => d.status !== "met").sort((a, b) => a.due.localeCompare(b.due));
  return {
    overdue: open.filter((d) => d.status === "overdue").length,
    dueSoon: open.filter((d) => d.status === "due-soon").length,
    next: open.slice(0, nextCount),
  };
}

/** Incidents still being handled: every status but a closing one counts as open. */
export function openIncidents(items: readonly Record<string, unknown>[]): number {
  return items.filter((item) => !["closed", "resolved"].includes(String(item.status ?? "open"))).length;
}
