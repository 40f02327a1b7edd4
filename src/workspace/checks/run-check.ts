/**
 * Runs a rule check over a party's registers and keeps it as a control run would be kept: the run
 * (control "rule:<check>", its evidence record and SHA-256, the clauses binding the party that it
 * is evidence for), the findings it opens, sees again or rectifies (source "rule:<check>"), and its
 * audit entry, in one transaction. The registers are validated on the way in, so every run is
 * complete and may rectify what it no longer sees.
 */
import { randomUUID } from "node:crypto";
import { canonicalSha256 } from "../../common/canonical-json.js";
import { InputError } from "../../common/input-error.js";
import type { FeedEvent } from "../../controls/anomalies/index.js";
import type { Numbered } from "../../controls/anomalies/json-lines.js";
import type { SigningEvent } from "../../controls/keys/index.js";
import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import { appendAudit, auditSchemaVersion, type JsonValue, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import { outcomeDetail, recordObservation } from "../controls/findings.js";
import { type ControlRunWithFindings, clauseOf, controlRunsOf } from "../controls/runs.js";
import { controlRuns } from "../controls/tables.js";
import type { Database } from "../database.js";
import { type Parties, partiesOf, type StoredParty } from "../parties.js";
import { deadlinePolicyOf, partyDeadlineInput, storedPartyDeadlines } from "../party-deadlines.js";
import { anomalyRulesOf, partyPoliciesOf, type StoredPolicy } from "../party-policy.js";
import { quarantineOf } from "../quarantine.js";
import { registersOf } from "../registers/engine.js";
import {
  type CheckName,
  type Evaluation,
  evaluateAnomalies,
  evaluateCertificates,
  evaluateIncidents,
  evaluateKeys,
  evaluateModules,
  evaluatePeople,
  incidentLogEvents,
  quarantineEvents,
} from "./evaluate.js";

/**
 * What a run may be given beside the registers: signing events (keys), monitoring feeds (anomalies),
 * the ECoS Service Live Date (certificates, for G2.58).
 */
export type CheckInput = {
  readonly events?: readonly Numbered<SigningEvent>[];
  readonly feeds?: readonly FeedEvent[];
  readonly ecosServiceLiveDate?: IsoDate;
};

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
  input: CheckInput = {},
): Promise<ControlRunWithFindings> {
  const parties = partiesOf(db, clock);
  const party = await parties.get(partyId);
  if (!party) throw new InputError({ path: "party" }, `a stored party (there is no party "${partyId}")`);
  if (input.events !== undefined && check !== "keys")
    throw new InputError({ path: "events" }, "no signing events: only the keys check reads them");
  if (input.feeds !== undefined && check !== "anomalies")
    throw new InputError({ path: "feeds" }, "no feeds: only the anomalies check reads them");
  if (input.ecosServiceLiveDate !== undefined && check !== "certificates")
    throw new InputError(
      { path: "ecosServiceLiveDate" },
      "no ECoS Service Live Date: only the certificates check reads it",
    );
  const stored = (await partyPoliciesOf(db, clock).get(partyId))!;
  const startedAt = clock.now();
  const { evaluation, used } = await evaluate(db, clock, parties, party, check, on, input, stored, startedAt);
  const registers = registersOf(db, clock);
  for (const incident of evaluation.incidents ?? []) {
    if ((await registers.get(partyId, "incidents", incident.id)) === undefined)
      await registers.put(partyId, "incidents", incident, origin);
  }
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
    details: {
      ...evaluation.details,
      policy: { version: stored.version, sha256: stored.sha256, used },
    },
    findings: evaluation.findings.map((f) => ({
      obligations: f.obligations,
      severity: f.severity,
      title: f.title,
      detail: f.detail,
    })),
  };
  const status = evaluation.findings.length > 0 ? "findings" : "pass";
  const resultSha256 = canonicalSha256(result);
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
      covers: evaluation.covers,
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

type Evaluated = { evaluation: Evaluation; used: { [key: string]: JsonValue } };

/**
 * Reads what the check needs and evaluates it. `used` is the part of the party's policy the check
 * took, with the defaults filled in where the policy is silent (zero days of cooling-off, the
 * Code's 24 months, the deadline rules' own promptness and follow-up periods, as the stored party's
 * deadlines take them).
 */
async function evaluate(
  db: Database,
  clock: Clock,
  parties: Parties,
  party: StoredParty,
  check: CheckName,
  on: IsoDate,
  input: CheckInput,
  stored: StoredPolicy,
  now: Date,
): Promise<Evaluated> {
  const registers = registersOf(db, clock);
  const owner = party.profile.kind === "dcc" ? "dcc" : "user";
  const { policy } = stored;
  switch (check) {
    case "people": {
      const used = {
        coolingOffDays: policy.coolingOffDays ?? 0,
        sscApprovedDevGapMonths: policy.sscApprovedDevGapMonths ?? 24,
      };
      return { evaluation: evaluatePeople(owner, await registers.list(party.id, "people"), on, used), used };
    }
    case "crypto-modules":
      return {
        evaluation: evaluateModules(
          owner,
          await registers.list(party.id, "modules"),
          await registers.list(party.id, "keys"),
        ),
        used: {},
      };
    case "keys":
      return {
        evaluation: evaluateKeys(owner, await registers.list(party.id, "keys"), input.events ?? []),
        used: {},
      };
    case "anomalies": {
      const rules = anomalyRulesOf(policy, owner, `the stored policy of ${party.id}`);
      if (rules === undefined)
        throw new InputError(
          { path: "anomalyRules" },
          `anomaly rules in the policy of ${party.id} (set them with \`secg party policy set\` or PUT /api/parties/${party.id}/policy)`,
        );
      const userIds = owner === "dcc" ? undefined : new Set(party.profile.roles.flatMap((r) => r.userIds));
      const events = [
        ...(input.feeds ?? []),
        ...quarantineEvents(await quarantineOf(db, clock).list(), userIds),
        ...(owner === "dcc" ? incidentLogEvents(await registers.list(party.id, "incidents")) : []),
      ];
      return {
        evaluation: evaluateAnomalies(rules, events, now),
        used: { anomalyRules: rules.rules.length },
      };
    }
    case "certificates":
      return {
        evaluation: evaluateCertificates(
          owner,
          await registers.list(party.id, "keys"),
          on,
          input.ecosServiceLiveDate,
        ),
        used: {},
      };
    case "incidents": {
      const { used } = deadlinePolicyOf(stored);
      const deadlineInput = await partyDeadlineInput(db, clock, party.id, party.profile.kind, used);
      const judged = storedPartyDeadlines(party.profile, deadlineInput, on, await parties.peers());
      return { evaluation: evaluateIncidents(owner, deadlineInput, judged, on), used };
    }
  }
}
