/**
 * The deadlines of a stored party: its dated facts are read from its registers and assessment
 * workflows, then handed to the pure deadline rules with the party's stored profile and peers.
 * Only what the store dates is used; duties it holds no date for count as never done.
 */
import type { IsoDate } from "../obligations/calendar/iso-date.js";
import { type DeadlinesAnswer, deadlinesFor, dueWithin } from "../obligations/deadlines/deadlines.js";
import { type DeadlineFacts, validateFacts } from "../obligations/deadlines/facts.js";
import type { Clock } from "./clock.js";
import type { Database } from "./database.js";
import { partiesOf } from "./parties.js";
import { registersOf } from "./registers/engine.js";
import type { IncidentRecord, PersonRecord, SystemRecord, VulnerabilityRecord } from "./registers/index.js";
import type { StoredWorkflow } from "./workflows/workflows.js";
import { workflowsOf } from "./workflows/workflows.js";

/** Severities taken as a material vulnerability (G3.9(b), G2.31): the register records no materiality. */
const materialSeverities: readonly VulnerabilityRecord["severity"][] = ["high", "critical"];

/** G4.1(b), G4.4(b): a person holding a clearance; its review cycle counts from the last review, or the grant. */
function personFacts(records: readonly PersonRecord[]) {
  return records.flatMap((p) => {
    const last = p.clearanceReviewed ?? p.clearanceGranted;
    if (p.clearanceLevel === undefined && p.dataAccess !== true) return [];
    return [{ id: p.id, ...(last === undefined ? {} : { clearanceReviewed: last }) }];
  });
}

/**
 * Operational systems run the annual vulnerability cycle from the day they went live; decommissioned
 * ones answer for the notice given before (G3.9(c)). Planned and authorised systems are left out:
 * the register holds no planned go-live day, which the rules need to date G3.9(a).
 */
function systemFacts(records: readonly SystemRecord[]) {
  return records.flatMap((s): object[] => {
    if (s.status === "operational") {
      return [{ id: s.id, status: s.status, operationalSince: s.operationalOn }];
    }
    if (s.status === "decommissioned") {
      return [
        {
          id: s.id,
          status: s.status,
          decommissioning: s.decommissionedOn,
          decommissioningNotified: s.decommissioningNoticeOn,
        },
      ];
    }
    return [];
  });
}

/**
 * Incidents and vulnerabilities still open: the register records no notice or rectification date,
 * so a closed one would show its follow-up duties as overdue for ever.
 */
function incidentFacts(records: readonly IncidentRecord[]) {
  return records
    .filter((i) => i.status !== "closed")
    .map((i) => ({ id: i.id, detectedAt: i.detected, major: i.major }));
}

function vulnerabilityFacts(records: readonly VulnerabilityRecord[]) {
  return records
    .filter((v) => v.status === "open" && materialSeverities.includes(v.severity))
    .map((v) => ({ id: v.id, detectedAt: `${v.discovered}T00:00:00Z` }));
}

/** The dates the SSC set in each assessment: the response (G8.24, G9.21) and progress reports (G8.28, G9.25). */
function sscFacts(flows: readonly StoredWorkflow[]) {
  const responses = flows.flatMap(({ id, data }) =>
    data.responseDue === undefined
      ? []
      : [{ id, due: data.responseDue, ...(data.response ? { done: data.response.submitted } : {}) }],
  );
  // The n-th report submitted answers the n-th date set, both kept in date order.
  const progressReports = flows.flatMap(({ id, data }) =>
    data.progressReportsDue.map((due, i) => {
      const done = data.progressReports[i]?.submitted;
      return { id: `${id}-report-${i + 1}`, due, ...(done === undefined ? {} : { done }) };
    }),
  );
  return { responses, progressReports };
}

/** The facts for `party` from its registers and workflows, checked by the rules' own facts schema. */
export async function partyFacts(db: Database, clock: Clock, party: string): Promise<DeadlineFacts> {
  const registers = registersOf(db, clock);
  const workflows = workflowsOf(db, clock);
  const [people, systems, incidents, vulnerabilities, summaries] = await Promise.all([
    registers.list(party, "people"),
    registers.list(party, "systems"),
    registers.list(party, "incidents"),
    registers.list(party, "vulnerabilities"),
    workflows.list(party),
  ]);
  const flows = (await Promise.all(summaries.map((s) => workflows.get(party, s.id)))).filter(
    (flow): flow is StoredWorkflow => flow !== undefined,
  );
  return validateFacts(
    {
      people: personFacts(people),
      systems: systemFacts(systems),
      incidents: incidentFacts(incidents),
      vulnerabilities: vulnerabilityFacts(vulnerabilities),
      ssc: sscFacts(flows),
    },
    `the stored registers and assessments of ${party}`,
  );
}

/** The party's deadlines on `on` (undefined when no such party is stored); `within` as for dueWithin. */
export async function partyDeadlines(
  db: Database,
  clock: Clock,
  party: string,
  on: IsoDate,
  within?: number,
): Promise<DeadlinesAnswer | undefined> {
  const parties = partiesOf(db, clock);
  const stored = await parties.get(party);
  if (!stored) return undefined;
  const all = deadlinesFor(stored.profile, await partyFacts(db, clock, party), on, await parties.peers());
  return { party, on, deadlines: within === undefined ? all : dueWithin(all, on, within) };
}
