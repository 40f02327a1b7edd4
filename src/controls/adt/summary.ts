import type { Breach, Decision } from "./engine.js";

/**
 * The outcome of a replay as `secg adt replay --json` reports it (../shared/contracts/cli.md):
 * every request lands in exactly one of processed (warned ones included), quarantined or deleted.
 */
export type ReplaySummary = {
  processed: number;
  warned: string[];
  quarantined: { requestId: string; breach: Breach }[];
  deleted: string[];
};

export function emptySummary(): ReplaySummary {
  return { processed: 0, warned: [], quarantined: [], deleted: [] };
}

export function tally(summary: ReplaySummary, requestId: string, decision: Decision): void {
  switch (decision.outcome) {
    case "processed":
      summary.processed++;
      if (decision.warned) summary.warned.push(requestId);
      return;
    case "quarantined":
      summary.quarantined.push({ requestId, breach: decision.breach });
      return;
    case "deleted":
      summary.deleted.push(requestId);
      return;
  }
}
