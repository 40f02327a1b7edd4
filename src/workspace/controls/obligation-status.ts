/**
 * The live status of each obligation binding a party today: the evidence that it is met (the
 * latest control runs that prove it, and whatever other evidence sources add, such as evidence
 * people submit to the registers) and how many findings against it are still open.
 */
import { londonDate } from "../../obligations/calendar/iso-date.js";
import type { Clock } from "../clock.js";
import type { Database } from "../database.js";
import { partiesOf } from "../parties.js";
import { findingsOf } from "./findings.js";
import { clauseOf, controlRunsOf, type StoredControlRun } from "./runs.js";

/** One piece of evidence, from whichever source holds it. */
export type EvidenceItem = {
  /** "control-run" here; other sources name their own (e.g. "submitted"). */
  readonly kind: string;
  readonly id: string;
  readonly title: string;
  /** ISO 8601 instant it was produced or submitted. */
  readonly at: string;
  /** Clause ids it is evidence for. */
  readonly obligations: readonly string[];
};

/**
 * Where evidence other than control runs comes from: a function answering a party's evidence.
 * The registers' user-submitted evidence plugs in here without this module depending on it.
 */
export type EvidenceSource = (party: string) => Promise<readonly EvidenceItem[]>;

export type ObligationStatus = {
  readonly id: string;
  readonly evidence: readonly EvidenceItem[];
  readonly lastRun?: Pick<StoredControlRun, "id" | "control" | "system" | "status" | "finishedAt">;
  readonly openFindings: number;
};

/** Undefined when the party is not stored. */
export async function obligationStatus(
  db: Database,
  clock: Clock,
  party: string,
  sources: readonly EvidenceSource[] = [],
): Promise<ObligationStatus[] | undefined> {
  const answer = await partiesOf(db, clock).obligationsOf(party, londonDate(clock.now()));
  if (!answer) return undefined;
  const ids = [
    ...new Set([...answer.partyObligations, ...answer.roles.flatMap((r) => r.obligations)].map((o) => o.id)),
  ];
  const runs = await controlRunsOf(db, clock).latestEvidence(party);
  const evidence: EvidenceItem[] = [
    ...runs.map((run) => ({
      kind: "control-run",
      id: run.id,
      title: `${run.control}${run.system === null ? "" : ` on ${run.system}`}: ${run.status}`,
      at: run.finishedAt,
      obligations: run.obligations,
    })),
    ...(await Promise.all(sources.map((source) => source(party)))).flat(),
  ];
  const open = await findingsOf(db, clock).list(party, { status: "open" });
  return ids.map((id) => {
    const clause = clauseOf(id);
    const about = (obligations: readonly string[]) => obligations.some((o) => clauseOf(o) === clause);
    // Runs are latest first, so the first that proves the clause is its last run.
    const last = runs.find((run) => about(run.obligations));
    return {
      id,
      evidence: evidence.filter((e) => about(e.obligations)),
      ...(last
        ? {
            lastRun: {
              id: last.id,
              control: last.control,
              system: last.system,
              status: last.status,
              finishedAt: last.finishedAt,
            },
          }
        : {}),
      openFindings: open.filter((f) => about(f.obligations)).length,
    };
  });
}
