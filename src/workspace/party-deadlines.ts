/**
 * The deadlines of a stored party: its dated facts are read from its registers and assessment
 * workflows, then handed to the pure deadline rules with the party's stored profile and peers and
 * the periods of its own policy. The incident and vulnerability duties those rules do not date
 * (the ISMS steps of G3.4 / G2.10, the manufacturer notice of G3.18(a) / G2.31(a)) come from the
 * pure incident and vulnerability paths of controls/incidents. Only what the store dates is used;
 * duties it holds no date for count as never done.
 */
import { classifyIncident, planVulnerability } from "../controls/incidents/index.js";
import type { Peers } from "../obligations/applicability/premises.js";
import type { IsoDate } from "../obligations/calendar/iso-date.js";
import { unitApplies } from "../obligations/deadlines/clauses.js";
import {
  applyingIds,
  type Deadline,
  type DeadlinesAnswer,
  deadlinesFor,
  dueWithin,
  statusOf,
} from "../obligations/deadlines/deadlines.js";
import { type DeadlineFacts, noFacts, validateFacts } from "../obligations/deadlines/facts.js";
import type { PartyProfile } from "../obligations/profile.js";
import type { Clock } from "./clock.js";
import type { Database } from "./database.js";
import { partiesOf } from "./parties.js";
import { partyPoliciesOf, type StoredPolicy } from "./party-policy.js";
import { registersOf } from "./registers/engine.js";
import type { IncidentRecord, PersonRecord, SystemRecord, VulnerabilityRecord } from "./registers/index.js";
import type { StoredWorkflow } from "./workflows/workflows.js";
import { workflowsOf } from "./workflows/workflows.js";

/** Severities taken as a material vulnerability (G3.9(b), G2.31): the register records no materiality. */
const materialSeverities: readonly VulnerabilityRecord["severity"][] = ["high", "critical"];

/** The periods the deadlines took from the party's policy, the defaults filled in where it is silent. */
export type DeadlinePolicy = {
  /** 0 and null when the party has set no policy. */
  readonly version: number;
  readonly sha256: string | null;
  readonly used: { readonly promptHours: number; readonly followUpDays: number };
};

export function deadlinePolicyOf(stored: StoredPolicy): DeadlinePolicy {
  const { policy, version, sha256 } = stored;
  return {
    version,
    sha256,
    used: {
      promptHours: policy.promptHours ?? noFacts.promptHours,
      followUpDays: policy.followUpDays ?? noFacts.followUpDays,
    },
  };
}

/** A duty the Code would impose on a subject but that the register's facts lift, with the clause that lifts it. */
export type Waiver = { readonly subject: string; readonly clause: string; readonly because: string };

/** What the deadlines of a stored party are computed from. */
export type PartyDeadlineInput = {
  /** The facts for the pure deadline rules, with the policy's periods. */
  readonly facts: DeadlineFacts;
  /** The incidents not closed. */
  readonly incidents: readonly IncidentRecord[];
  /** The open material vulnerabilities the vulnerability duties reach (G3.17, G2.31). */
  readonly vulnerabilities: readonly VulnerabilityRecord[];
  /** Open material vulnerabilities G3.17(b) leaves out, each with its waiver. */
  readonly waived: readonly Waiver[];
};

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

/** An optional field of a record as an entry of a facts object, absent when the record lacks it. */
function fact<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Incidents not closed, with the dates of the duties done: a closed one is left out, so an
 * incident closed before its dates were recorded does not show its follow-ups overdue for ever.
 */
function incidentFacts(records: readonly IncidentRecord[]) {
  return records.map((i) => ({
    id: i.id,
    detectedAt: i.detected,
    major: i.major,
    ...fact("notified", i.notified),
    ...fact("vulnerabilityAssessed", i.vulnerabilityAssessed),
    ...fact("riskAssessed", i.riskAssessed),
  }));
}

/** A material vulnerability is detected at the start of the day the register says it was discovered. */
function detectedAt(v: VulnerabilityRecord): string {
  return `${v.discovered}T00:00:00Z`;
}

function vulnerabilityFacts(records: readonly VulnerabilityRecord[]) {
  return records.map((v) => ({
    id: v.id,
    detectedAt: detectedAt(v),
    foundByAssessment: v.foundByAssessment ?? false,
    ...fact("notified", v.sscNotified === undefined ? undefined : `${v.sscNotified}T00:00:00Z`),
  }));
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

/**
 * What the deadlines of `party` (a profile of this kind) are computed from, read from its registers
 * and workflows and checked by the rules' own facts schema. A User's material vulnerability in a
 * Communications Hub or Gas Proxy Function of a SMETS2+ Device is in neither its User Systems
 * (G3.9(b), G3.17(a)) nor the Smart Metering Systems G3.17(b) reaches, so it sets off no duty;
 * the DCC's G2.31 has no such exclusion.
 */
export async function partyDeadlineInput(
  db: Database,
  clock: Clock,
  party: string,
  kind: PartyProfile["kind"],
  periods: DeadlinePolicy["used"],
): Promise<PartyDeadlineInput> {
  const registers = registersOf(db, clock);
  const workflows = workflowsOf(db, clock);
  const [people, systems, incidentRecords, vulnerabilityRecords, summaries] = await Promise.all([
    registers.list(party, "people"),
    registers.list(party, "systems"),
    registers.list(party, "incidents"),
    registers.list(party, "vulnerabilities"),
    workflows.list(party),
  ]);
  const flows = (await Promise.all(summaries.map((s) => workflows.get(party, s.id)))).filter(
    (flow): flow is StoredWorkflow => flow !== undefined,
  );
  const incidents = incidentRecords.filter((i) => i.status !== "closed");
  const material = vulnerabilityRecords.filter(
    (v) => v.status === "open" && materialSeverities.includes(v.severity),
  );
  const excluded = (v: VulnerabilityRecord) => kind !== "dcc" && v.smets2CommsHubOrGasProxy === true;
  const vulnerabilities = material.filter((v) => !excluded(v));
  const facts = validateFacts(
    {
      ...periods,
      people: personFacts(people),
      systems: systemFacts(systems),
      incidents: incidentFacts(incidents),
      vulnerabilities: vulnerabilityFacts(vulnerabilities),
      ssc: sscFacts(flows),
    },
    `the stored registers and assessments of ${party}`,
  );
  const waived = material.filter(excluded).map((v) => ({
    subject: v.id,
    clause: "G3.17(b)",
    because: "it lies in a Communications Hub Function or Gas Proxy Function of a SMETS2+ Device",
  }));
  return { facts, incidents, vulnerabilities, waived };
}

/** A duty of the incident or vulnerability paths as a deadline, when its clause binds the party. */
type ControlDuty = {
  readonly clause: string;
  readonly title: string;
  readonly due: string | null;
  readonly basis: string;
  readonly subject: string;
  readonly done: string | undefined;
};

/**
 * G3.4 (G2.10 for the DCC): the ISMS steps for an incident that is an unauthorised event of
 * G3.1–G3.3 (G2.1–G2.7), or for the DCC one that Compromised or could have Compromised the DCC
 * Total System, which the register records only as a Major Security Incident.
 */
function ismsSteps(profile: PartyProfile, incident: IncidentRecord, promptHours: number): ControlDuty[] {
  const dcc = profile.kind === "dcc";
  const classified = classifyIncident(
    {
      id: incident.id,
      detectedAt: Date.parse(incident.detected),
      system: dcc
        ? incident.affects === "dcc-systems"
          ? "dcc-systems"
          : "dcc-total-system"
        : "user-systems",
      smets1CspTelefonica: false,
      ...fact("unauthorisedEvent", incident.unauthorisedEvent),
      compromise: incident.major ? "capable" : "none",
      material: incident.major,
      findings: [],
      policy: { promptlyHours: promptHours },
    },
    profile,
    "the incidents register",
  );
  return classified.duties
    .filter((d) => d.clause === "G3.4" || d.clause === "G2.10")
    .map((d) => ({
      clause: d.clause,
      title: `For incident ${incident.id}, ${d.action}`,
      due: d.due,
      basis: `detected ${incident.detected} + ${promptHours} hours (promptHours)`,
      subject: incident.id,
      done: incident.stepsTaken,
    }));
}

/** G3.18(a) (G2.31(a) for the DCC): tell the manufacturer or developer, unless it already knew (G3.19, G2.32). */
function manufacturerNotice(
  profile: PartyProfile,
  v: VulnerabilityRecord,
  promptHours: number,
): { duties: ControlDuty[]; waived: Waiver[] } {
  const plan = planVulnerability(
    {
      id: v.id,
      awareAt: Date.parse(detectedAt(v)),
      in: profile.kind === "dcc" ? "dcc-total-system" : "user-systems",
      material: true,
      foundByAssessment: v.foundByAssessment ?? false,
      smets2CommsHubOrGasProxy: false,
      manufacturer: {
        name: "the manufacturer or developer",
        alreadyAware: v.manufacturerAware !== undefined,
        practicable: true,
      },
      usersAlreadyAware: false,
      policy: { promptlyHours: promptHours },
    },
    profile,
    "the vulnerabilities register",
  );
  return {
    duties: plan.duties
      .filter((d) => d.clause === "G3.18(a)" || d.clause === "G2.31(a)")
      .map((d) => ({
        clause: d.clause,
        title: `For vulnerability ${v.id}, ${d.action}`,
        due: d.due,
        basis: `material vulnerability detected ${detectedAt(v)} + ${promptHours} hours (promptHours)`,
        subject: v.id,
        done: v.manufacturerNotified,
      })),
    waived: plan.waived.map((w) => ({
      subject: v.id,
      clause: w.clause,
      because: `${w.because} (since ${v.manufacturerAware})`,
    })),
  };
}

const byDueThenId = (a: Deadline, b: Deadline): number =>
  a.due === b.due ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.due < b.due ? -1 : 1;

/**
 * Every deadline of the party on `on`: the pure deadline rules over the facts, and the duties of the
 * incident and vulnerability paths that bind the party on that day. Pure.
 */
export function storedPartyDeadlines(
  profile: PartyProfile,
  input: PartyDeadlineInput,
  on: IsoDate,
  peers: Peers,
): { deadlines: Deadline[]; waived: Waiver[] } {
  const { facts } = input;
  const applying = applyingIds(profile, peers, on);
  const duties: ControlDuty[] = input.incidents.flatMap((i) => ismsSteps(profile, i, facts.promptHours));
  const waived: Waiver[] = [...input.waived];
  for (const v of input.vulnerabilities) {
    const notice = manufacturerNotice(profile, v, facts.promptHours);
    duties.push(...notice.duties);
    waived.push(...notice.waived);
  }
  const deadlines = deadlinesFor(profile, facts, on, peers);
  for (const { clause, due, done, subject, ...rest } of duties) {
    if (due === null || !unitApplies(clause, applying)) continue;
    deadlines.push({
      id: `${clause}:${subject}`,
      clause,
      alsoClauses: [],
      ...rest,
      due,
      subject,
      ...fact("done", done),
      status: statusOf(due, done, on, facts.dueSoonDays),
    });
  }
  return { deadlines: deadlines.sort(byDueThenId), waived };
}

/** A stored party's deadlines, and the policy version whose periods they took. */
export type PartyDeadlinesAnswer = DeadlinesAnswer & { readonly policy: DeadlinePolicy };

/** The party's deadlines on `on` (undefined when no such party is stored); `within` as for dueWithin. */
export async function partyDeadlines(
  db: Database,
  clock: Clock,
  party: string,
  on: IsoDate,
  within?: number,
): Promise<PartyDeadlinesAnswer | undefined> {
  const parties = partiesOf(db, clock);
  const stored = await parties.get(party);
  if (!stored) return undefined;
  const policy = deadlinePolicyOf((await partyPoliciesOf(db, clock).get(party))!);
  const input = await partyDeadlineInput(db, clock, party, stored.profile.kind, policy.used);
  const { deadlines } = storedPartyDeadlines(stored.profile, input, on, await parties.peers());
  return {
    party,
    on,
    deadlines: within === undefined ? deadlines : dueWithin(deadlines, on, within),
    policy,
  };
}
