/**
 * Runs a rule check over a party's registers and keeps it as a control run would be kept: the run
 * (control "rule:<check>", its evidence record and SHA-256, the clauses binding the party that it
 * is evidence for), the findings it opens, sees again or rectifies (source "rule:<check>"), and its
 * audit entry, in one transaction. The registers are validated on the way in, so every run is
 * complete and may rectify what it no longer sees.
 */
import { createHash, randomUUID } from "node:crypto";
import canonicalizeModule from "canonicalize";
import { InputError } from "../../common/input-error.js";
import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import { appendAudit, auditSchemaVersion, type JsonValue, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import { outcomeDetail, recordObservation } from "../controls/findings.js";
import { type ControlRunWithFindings, clauseOf, controlRunsOf } from "../controls/runs.js";
import { controlRuns } from "../controls/tables.js";
import type { Database } from "../database.js";
import { partiesOf } from "../parties.js";
import { registersOf } from "../registers/engine.js";
import { type CheckName, type Evaluation, evaluateModules, evaluatePeople } from "./evaluate.js";

// See ../audit.ts: the CommonJS package's typings misdescribe its default export under NodeNext.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

/** Findings and runs of a check are recorded under this name. */
export function checkSourceOf(check: CheckName): string {
  return `rule:${check}`;
}

export async function runCheck(
  db: Database,
  clock: Clock,
  partyId: string,
  check: CheckName,
  on: IsoDate,
  origin: Origin,
): Promise<ControlRunWithFindings> {
  const parties = partiesOf(db, clock);
  const party = await parties.get(partyId);
  if (!party) throw new InputError({ path: "party" }, `a stored party (there is no party "${partyId}")`);
  const owner = party.profile.kind === "dcc" ? "dcc" : "user";
  const registers = registersOf(db, clock);
  const startedAt = clock.now();
  const evaluation: Evaluation =
    check === "people"
      ? evaluatePeople(owner, await registers.list(partyId, "people"), on)
      : evaluateModules(
          owner,
          await registers.list(partyId, "modules"),
          await registers.list(partyId, "keys"),
        );
  const finishedAt = clock.now();
  const answer = await parties.obligationsOf(partyId, on);
  const binding = new Set(
    answer
      ? [...answer.partyObligations, ...answer.roles.flatMap((r) => r.obligations)].map((o) => clauseOf(o.id))
      : [],
  );
  const obligations = evaluation.obligations.filter((id) => binding.has(id));
  const source = checkSourceOf(check);
  const result = {
    control: source,
    ranAt: startedAt.toISOString(),
    on,
    method: "test",
    obligations,
    findings: evaluation.findings.map((f) => ({
      obligations: f.obligations,
      severity: f.severity,
      title: f.title,
      detail: f.detail,
    })),
  };
  const status = evaluation.findings.length > 0 ? "findings" : "pass";
  const resultSha256 = createHash("sha256")
    .update(canonicalize(result) ?? "", "utf8")
    .digest("hex");
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(controlRuns).values({
      id,
      party: partyId,
      control: source,
      system: null,
      startedAt,
      finishedAt,
      method: "test",
      status,
      result,
      obligations,
      resultSha256,
    });
    const observed = await recordObservation(tx, {
      party: partyId,
      source,
      system: null,
      runId: id,
      at: finishedAt,
      findings: evaluation.findings,
      covers: [evaluation.kind],
    });
    await appendAudit(tx, {
      ...origin,
      action: "check.run",
      target: `party:${partyId}`,
      outcome: "success",
      time: finishedAt.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: {
        runId: id,
        check,
        on,
        status,
        resultSha256,
        obligations: [...obligations],
        ...outcomeDetail(observed),
      } satisfies Record<string, JsonValue>,
    });
  });
  return (await controlRunsOf(db, clock).get(partyId, id))!;
}
