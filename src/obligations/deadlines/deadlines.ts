import { applicableObligations } from "../applicability/applicable.js";
import { type Peers, providerCustomers } from "../applicability/premises.js";
import { planAssurance } from "../assurance/plan.js";
import { addDays, type IsoDate, parseIsoDate, toDayNumber } from "../calendar/iso-date.js";
import { addMonths } from "../calendar/months.js";
import type { PartyProfile } from "../profile.js";
import { type ClauseTable, type DutyKey, dccClauses, unitApplies, userClauses } from "./clauses.js";
import type { ChangeFacts, DeadlineFacts, IncidentFacts, SystemFacts, VulnerabilityFacts } from "./facts.js";

/**
 * Every dated duty of a party turned into a deadline, from its profile, the facts of its registers and
 * a date (G3.5–G3.9, G4.1(b), G5.16, G5.18(c), G5.27 (a Shared Resource Provider's too, G10.5), G8.24,
 * G8.28, G8.40–G8.50; for the DCC G2.11, G2.13, G2.14, G2.31, G4.4(b), G5.2, G5.3(c), G9.3, G9.21, G9.25). Pure: `on` is a parameter. Only duties the
 * applicability rules say bind the party on `on` produce deadlines.
 */
export type DeadlineStatus = "upcoming" | "due-soon" | "overdue" | "met";

export type Deadline = {
  /** Stable across runs: the clause and the subject (calendar UIDs are made from it). */
  readonly id: string;
  readonly clause: string;
  /** Other clauses the same action satisfies (G3.8(a) beside G3.7(a)). */
  readonly alsoClauses: readonly string[];
  readonly title: string;
  /** `YYYY-MM-DD` for a day, `YYYY-MM-DDTHH:MM:SSZ` where the duty runs in hours. */
  readonly due: string;
  readonly basis: string;
  readonly status: DeadlineStatus;
  /** The system, person, incident or SSC request it concerns, or the party itself. */
  readonly subject: string;
  /** For one-off duties the facts record as done: the day, or `recorded` when they give none. */
  readonly done?: string;
};

export type DeadlinesAnswer = {
  readonly party: string;
  readonly on: IsoDate;
  readonly deadlines: readonly Deadline[];
};

type Draft = Omit<Deadline, "status" | "alsoClauses" | "id" | "clause"> & {
  readonly duty: DutyKey;
  readonly key: string;
};

const hourMs = 3_600_000;

function addHours(instant: string, hours: number): string {
  return `${new Date(Date.parse(instant) + hours * hourMs).toISOString().slice(0, 19)}Z`;
}

/** The day part of a due date or date-time, as UTC sees it. */
function dayOf(due: string): IsoDate {
  return due.slice(0, 10) as IsoDate;
}

/** A deadline's status on `on`: met once done, else by how far its due day lies from `on`. */
export function statusOf(
  due: string,
  done: string | undefined,
  on: IsoDate,
  dueSoonDays: number,
): DeadlineStatus {
  if (done !== undefined) return "met";
  const today = toDayNumber(on);
  const dueDay = toDayNumber(dayOf(due));
  if (dueDay < today) return "overdue";
  return dueDay - today <= dueSoonDays ? "due-soon" : "upcoming";
}

/** A recurring duty: `months` after the last time, or today when there is no last time on record. */
function every(
  months: number,
  last: IsoDate | undefined,
  what: string,
  on: IsoDate,
): { due: IsoDate; basis: string } {
  if (last === undefined) return { due: on, basis: `no ${what} on record, so one is due now` };
  return { due: addMonths(last, months), basis: `last ${what} ${last} + ${months} months` };
}

/** The last day on which something that must happen before `day` can happen. */
function dayBefore(day: IsoDate): IsoDate {
  return addDays(day, -1);
}

function withDone<T extends object>(value: T, done: string | undefined): T & { done?: string } {
  return done === undefined ? value : { ...value, done };
}

function systemDrafts(system: SystemFacts, on: IsoDate): Draft[] {
  const drafts: Draft[] = [];
  const subject = system.id;
  if (system.status === "decommissioned") return drafts;
  if (system.status === "operational") {
    const since = system.operationalSince;
    const { due, basis } =
      system.lastVulnerabilityAssessment === undefined && since !== undefined
        ? {
            due: addMonths(since, 12),
            basis: `operational since ${since} + 12 months, no assessment on record`,
          }
        : every(12, system.lastVulnerabilityAssessment, "vulnerability assessment", on);
    drafts.push({
      duty: "vulnerabilityAnnual",
      key: subject,
      title: `Annual vulnerability assessment of system ${subject}`,
      due,
      basis,
      subject,
    });
  } else {
    const due = dayBefore(system.goLive);
    const authorised = system.status === "authorised" ? (system.sscAuthorised ?? "recorded") : undefined;
    drafts.push(
      withDone(
        {
          duty: "newSystemAuthorised" as const,
          key: subject,
          title: `Notify the SSC of new system ${subject}, describe it, and have its authorisation before it goes live`,
          due,
          basis: `goes live ${system.goLive}; the SSC must have authorised it before then`,
          subject,
        },
        authorised,
      ),
      withDone(
        {
          duty: "vulnerabilityBeforeLive" as const,
          key: subject,
          title: `Vulnerability assessment of new system ${subject} before it goes live`,
          due,
          basis: `goes live ${system.goLive}`,
          subject,
        },
        system.lastVulnerabilityAssessment,
      ),
    );
  }
  for (const component of system.components) {
    drafts.push(
      withDone(
        {
          duty: "vulnerabilityBeforeLive" as const,
          key: `${subject}/${component.id}`,
          title: `Vulnerability assessment of new or changed ${component.id} in system ${subject} before it goes live`,
          due: dayBefore(component.live),
          basis: `${component.id} goes live ${component.live}`,
          subject,
        },
        component.assessed,
      ),
    );
  }
  if (system.decommissioning !== undefined) {
    drafts.push(
      withDone(
        {
          duty: "decommissionNotice" as const,
          key: subject,
          title: `Tell the SSC why and when system ${subject} is to be decommissioned, before doing it`,
          due: dayBefore(system.decommissioning),
          basis: `decommissioning planned for ${system.decommissioning}`,
          subject,
        },
        system.decommissioningNotified,
      ),
    );
  }
  return drafts;
}

function incidentDrafts(incident: IncidentFacts, facts: DeadlineFacts): Draft[] {
  if (!incident.major) return [];
  const subject = incident.id;
  const detected = dayOf(incident.detectedAt);
  const followUp = addDays(detected, facts.followUpDays);
  const followUpBasis = `Major Security Incident detected ${incident.detectedAt}; the Code sets no period, followUpDays = ${facts.followUpDays}`;
  const notice: Draft = incident.smets1TelefonicaCsp
    ? {
        duty: "incidentNoticeCsp",
        key: subject,
        title: `Notify the Panel and the SSC of Major Security Incident ${subject} as soon as reasonably practicable`,
        due: followUp,
        basis: followUpBasis,
        subject,
      }
    : {
        duty: "incidentNotice",
        key: subject,
        title: `Notify the Panel and the SSC of Major Security Incident ${subject} promptly`,
        due: addHours(incident.detectedAt, facts.promptHours),
        basis: `detected ${incident.detectedAt} + ${facts.promptHours} hours (promptHours)`,
        subject,
      };
  return [
    withDone(notice, incident.notified),
    withDone(
      {
        duty: "vulnerabilityOnIncident" as const,
        key: subject,
        title: `Vulnerability assessment after Major Security Incident ${subject}`,
        due: followUp,
        basis: followUpBasis,
        subject,
      },
      incident.vulnerabilityAssessed,
    ),
    withDone(
      {
        duty: "riskOnIncident" as const,
        key: subject,
        title: `Assess the risk management processes after Major Security Incident ${subject}`,
        due: followUp,
        basis: followUpBasis,
        subject,
      },
      incident.riskAssessed,
    ),
  ];
}

/**
 * G3.9(b) and G3.18(b)–(c), or G3.18(b)–(c) alone for a vulnerability no assessment found (G2.31(b)–(c)
 * for the DCC): tell the SSC the remedy and its timetable promptly, then carry it out.
 */
function vulnerabilityDrafts(vulnerability: VulnerabilityFacts, facts: DeadlineFacts): Draft[] {
  const subject = vulnerability.id;
  const detected = vulnerability.detectedAt;
  const rectifyBy = vulnerability.rectifyBy;
  return [
    withDone(
      {
        duty: vulnerability.foundByAssessment
          ? ("vulnerabilityNotice" as const)
          : ("awareVulnerabilityNotice" as const),
        key: subject,
        title: `Tell the SSC the steps to rectify or mitigate vulnerability ${subject} and when they will be done`,
        due: addHours(detected, facts.promptHours),
        basis: `material vulnerability detected ${detected} + ${facts.promptHours} hours (promptHours)`,
        subject,
      },
      vulnerability.notified,
    ),
    withDone(
      {
        duty: vulnerability.foundByAssessment
          ? ("vulnerabilityRemedy" as const)
          : ("awareVulnerabilityRemedy" as const),
        key: subject,
        title: `Rectify the cause of vulnerability ${subject} or mitigate its impact`,
        due: rectifyBy ?? addDays(dayOf(detected), facts.followUpDays),
        basis:
          rectifyBy === undefined
            ? `material vulnerability detected ${detected}; as soon as reasonably practicable, followUpDays = ${facts.followUpDays}`
            : `the completion date given to the SSC, ${rectifyBy}`,
        subject,
      },
      vulnerability.rectified,
    ),
  ];
}

const changeScopeWords: Readonly<Record<ChangeFacts["scope"], string>> = {
  "user-systems": "its User Systems (G5.16(b)(i))",
  "security-functionality": "the security functionality it relies on for Section G (G5.16(b)(ii))",
  "service-request-systems": "the systems or processes it relies on for Service Requests (G5.16(b)(iii))",
  "smart-metering-systems": "Smart Metering Systems it is Responsible Supplier for (G5.16(b)(iv))",
  "dcc-total-system": "the DCC Total System (G5.2(b))",
};

/** G5.16(b), G5.2(b): the assessment goes with the change, so it is dated the day the change is implemented. */
function changeDraft(change: ChangeFacts): Draft {
  return withDone(
    {
      duty: "riskOnChange" as const,
      key: change.id,
      title: `Assess the risk management processes for material change ${change.id}`,
      due: change.implemented,
      basis: `material change to ${changeScopeWords[change.scope]} implemented ${change.implemented}; the assessment is due on that occasion`,
      subject: change.id,
    },
    change.riskAssessed,
  );
}

function sharedResourceDrafts(
  party: string,
  facts: DeadlineFacts,
  on: IsoDate,
  title = "Tell the SSC how many Smart Metering Systems Critical Service Requests can reach from the shared User Systems",
): Draft[] {
  const shared = facts.sharedResources;
  if (shared === undefined) {
    return [
      {
        duty: "sharedFirstNotice",
        key: party,
        title,
        due: on,
        basis: "no record of when Shared Resources were first employed, so a notice is due now",
        subject: party,
      },
    ];
  }
  if (shared.lastNotified === undefined) {
    return [
      {
        duty: "sharedFirstNotice",
        key: party,
        title,
        due: addDays(shared.firstEmployed, facts.followUpDays),
        basis: `Shared Resources first employed ${shared.firstEmployed}; as soon as reasonably practicable, followUpDays = ${facts.followUpDays}`,
        subject: party,
      },
    ];
  }
  return [
    {
      duty: "sharedRepeatNotice",
      key: party,
      title,
      ...every(6, shared.lastNotified, "notice", on),
      subject: party,
    },
  ];
}

function partyDrafts(profile: PartyProfile, facts: DeadlineFacts, on: IsoDate): Draft[] {
  const party = profile.id;
  const drafts: Draft[] = [
    {
      duty: "ismsReview",
      key: party,
      title: "Annual review of the Information Security Management System",
      ...every(12, facts.ismsReviewed, "ISMS review", on),
      subject: party,
    },
    {
      duty: "riskAnnual",
      key: party,
      title: "Annual assessment of the risk identification and management processes",
      ...every(12, facts.riskAssessed, "risk assessment", on),
      subject: party,
    },
    ...sharedResourceDrafts(party, facts, on),
  ];
  if (profile.kind === "dcc") {
    drafts.push({
      duty: "dccAssessment",
      key: party,
      title: "Annual DCC Security Assessment by the independent provider",
      ...every(12, facts.dccAssessmentCompleted, "DCC Security Assessment", on),
      subject: party,
    });
  }
  for (const response of facts.ssc.responses) {
    drafts.push(
      withDone(
        {
          duty: "sscResponse" as const,
          key: response.id,
          title: `Security Assessment Response ${response.id} to the SSC and the assessor`,
          due: response.due,
          basis: `date set by the SSC`,
          subject: response.id,
        },
        response.done,
      ),
    );
  }
  for (const report of facts.ssc.progressReports) {
    drafts.push(
      withDone(
        {
          duty: "sscProgress" as const,
          key: report.id,
          title: `Progress report ${report.id} on agreed remedial steps`,
          due: report.due,
          basis: `date set by the SSC`,
          subject: report.id,
        },
        report.done,
      ),
    );
  }
  return drafts;
}

/** The next User Security Assessment, from the assurance planner (which applies G8 itself). */
function assuranceDeadlines(
  profile: PartyProfile,
  peers: Peers,
  on: IsoDate,
  dueSoonDays: number,
): Deadline[] {
  const out: Deadline[] = [];
  for (const next of planAssurance(profile, peers, 1).next) {
    if (next.due === null) continue;
    out.push({
      id: `${next.clause}:${profile.id}`,
      clause: next.clause,
      alsoClauses: [],
      title:
        next.category === "undetermined"
          ? "Book the User Security Assessment (no cycle of G8.41–G8.47 sets its category: ask the SSC)"
          : `Book the ${next.category} User Security Assessment`,
      due: next.due,
      basis: next.because,
      status: statusOf(next.due, undefined, on, dueSoonDays),
      subject: profile.id,
    });
  }
  return out;
}

/**
 * A Shared Resource Provider is treated as a User whose User Systems are the Shared Resources it provides
 * (G10.5). Critical Service Requests can be sent from them whenever a User it serves is entitled to send
 * them, so G5.27 has it tell the SSC how many Smart Metering Systems they reach, first as soon as
 * reasonably practicable after it begins to provide them (`sharedResources.firstEmployed`) and then
 * every six months. G5.25(b) must hold, as for any User: a profile may say the sharing cannot carry a
 * Compromise (`capableOfCompromise: false`). Only needed where the party has no G5.27 duty of its own.
 */
function providerNotices(
  profile: PartyProfile,
  facts: DeadlineFacts,
  on: IsoDate,
  peers: Peers,
  applying: ReadonlySet<string>,
): Deadline[] {
  if (!applying.has("G10.4") || profile.sharedResources?.capableOfCompromise === false) return [];
  const entitled = Object.values(providerCustomers(profile, peers))
    .flat()
    .filter((p) => p.criticalServiceRequests)
    .map((p) => p.id);
  if (entitled.length === 0) return [];
  const users = [...new Set(entitled)].sort().join(", ");
  return sharedResourceDrafts(
    profile.id,
    facts,
    on,
    `Tell the SSC how many Smart Metering Systems Critical Service Requests can reach from the Shared Resources it provides to ${users}`,
  ).map(({ duty, key, ...rest }) => {
    const clause = duty === "sharedFirstNotice" ? "G5.27(a)" : "G5.27(b)";
    return {
      id: `${clause}:${key}`,
      clause,
      alsoClauses: ["G10.5"],
      ...rest,
      status: statusOf(rest.due, rest.done, on, facts.dueSoonDays),
    };
  });
}

/** The ids of the obligations binding the party on `on`, as the deadline rules ask them. */
export function applyingIds(profile: PartyProfile, peers: Peers, on: IsoDate): Set<string> {
  const answer = applicableObligations(profile, peers, on);
  const ids = new Set(answer.partyObligations.map((o) => o.id));
  for (const role of answer.roles) for (const o of role.obligations) ids.add(o.id);
  return ids;
}

export function deadlinesFor(
  profile: PartyProfile,
  facts: DeadlineFacts,
  on: string,
  peers: Peers = new Map([[profile.id, profile]]),
): Deadline[] {
  const day = parseIsoDate(on, { path: "on" });
  const applying = applyingIds(profile, peers, day);
  const table: ClauseTable = profile.kind === "dcc" ? dccClauses : userClauses;
  const drafts: Draft[] = partyDrafts(profile, facts, day);
  for (const system of facts.systems) drafts.push(...systemDrafts(system, day));
  for (const person of facts.people) {
    drafts.push({
      duty: "clearanceReview",
      key: person.id,
      title: `Review the security clearance of ${person.id}`,
      ...every(person.reviewMonths, person.clearanceReviewed, "clearance review", day),
      subject: person.id,
    });
  }
  for (const incident of facts.incidents) drafts.push(...incidentDrafts(incident, facts));
  for (const vulnerability of facts.vulnerabilities)
    drafts.push(...vulnerabilityDrafts(vulnerability, facts));
  for (const change of facts.changes) drafts.push(changeDraft(change));

  const clausesOf = new Map<DutyKey, readonly string[]>();
  const deadlines: Deadline[] = [];
  for (const draft of drafts) {
    let clauses = clausesOf.get(draft.duty);
    if (clauses === undefined) {
      clauses = table[draft.duty].filter((unit) => unitApplies(unit, applying));
      clausesOf.set(draft.duty, clauses);
    }
    const [clause, ...alsoClauses] = clauses;
    if (clause === undefined) continue;
    const { duty: _duty, key, ...rest } = draft;
    deadlines.push({
      id: `${clause}:${key}`,
      clause,
      alsoClauses,
      ...rest,
      status: statusOf(draft.due, draft.done, day, facts.dueSoonDays),
    });
  }
  if (!deadlines.some((d) => d.clause.startsWith("G5.27"))) {
    deadlines.push(...providerNotices(profile, facts, day, peers, applying));
  }
  if (profile.kind !== "dcc") deadlines.push(...assuranceDeadlines(profile, peers, day, facts.dueSoonDays));
  return deadlines.sort((a, b) =>
    a.due < b.due ? -1 : a.due > b.due ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/** The deadlines still open that fall due within `days` of `on` (overdue ones always included). */
export function dueWithin(deadlines: readonly Deadline[], on: string, days: number): Deadline[] {
  const last = toDayNumber(parseIsoDate(on, { path: "on" })) + days;
  return deadlines.filter((d) => d.status !== "met" && toDayNumber(dayOf(d.due)) <= last);
}
