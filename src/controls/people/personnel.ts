import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import { addMonths } from "../../obligations/calendar/months.js";
import type { PersonFinding } from "./finding.js";
import type { ClearanceLevel, Person, Roster, RosterOwner } from "./roster.js";

/**
 * The G4 checks over a people register, judged on a date: security clearance for those who may access
 * Data and its annual review (G4.1, G4.4), screening to BS 7858 or an equivalent for those whose
 * authorised activities could Compromise systems or Devices (G4.2–G4.3, G4.5–G4.6), and the DCC's
 * Security Check for Privileged Persons (G4.7). Pure: the date is a parameter.
 */

/** The paragraph numbers differ between a User's duties (G4.1–G4.3) and the DCC's (G4.4–G4.6). */
const clauses: Readonly<
  Record<RosterOwner, { held: string; review: string; screenUk: string; screenAbroad: string; test: string }>
> = {
  user: { held: "G4.1(a)", review: "G4.1(b)", screenUk: "G4.3(a)", screenAbroad: "G4.3(b)", test: "G4.2" },
  dcc: { held: "G4.4(a)", review: "G4.4(b)", screenUk: "G4.6(a)", screenAbroad: "G4.6(b)", test: "G4.5" },
};

/** G4.7 asks for a Security Check; Developed Vetting includes one. */
const securityCheckOrAbove: ReadonlySet<ClearanceLevel> = new Set(["security-check", "developed-vetting"]);

type Check = (person: Person, owner: RosterOwner, on: IsoDate) => readonly Omit<PersonFinding, "person">[];

const clearanceHeld: Check = (person, owner, on) => {
  if (person.dataAccess !== true) return [];
  const clearance = person.clearance;
  if (clearance !== undefined && clearance.granted <= on) return [];
  return [
    {
      clause: clauses[owner].held,
      severity: "error",
      detail:
        clearance === undefined
          ? "may access Data but holds no security clearance on record"
          : `may access Data but the clearance is granted only on ${clearance.granted}`,
    },
  ];
};

/** Annually, from the last review or else the grant, by the corresponding-date rule. */
const clearanceReviewed: Check = (person, owner, on) => {
  const clearance = person.clearance;
  if (clearance === undefined || person.dataAccess === false || clearance.granted > on) return [];
  const last = clearance.reviewed ?? clearance.granted;
  const due = addMonths(last, 12);
  const since =
    clearance.reviewed === undefined ? `granted ${last} and never reviewed` : `last reviewed ${last}`;
  if (due < on) {
    return [
      {
        clause: clauses[owner].review,
        severity: "error",
        detail: `clearance review overdue: ${since}, so a review was due by ${due}`,
      },
    ];
  }
  if (clearance.nextReview !== undefined && clearance.nextReview > due) {
    return [
      {
        clause: clauses[owner].review,
        severity: "warning",
        detail: `the review scheduled for ${clearance.nextReview} falls after the annual deadline ${due} (${since})`,
      },
    ];
  }
  return [];
};

const screened: Check = (person, owner, on) => {
  const covered = owner === "dcc" ? person.canCompromise : person.canAffectSupply;
  if (covered !== true) return [];
  const inUk = person.locatedInUk !== false;
  const clause = inUk ? clauses[owner].screenUk : clauses[owner].screenAbroad;
  const why =
    owner === "dcc"
      ? "is authorised for activities that could Compromise the DCC Total System, User Systems, RDP Systems or a Device (G4.5)"
      : "is authorised for activities that could Compromise systems or Devices so as to affect supply to consumers (G4.2)";
  const accepted = inUk
    ? "BS 7858 or an equivalent that updates or replaces it"
    : "BS 7858 (or an equivalent) or a comparable national standard where they are";
  const screening = person.screening;
  if (screening === undefined || screening.standard === "none") {
    return [{ clause, severity: "error", detail: `${why} but has no screening on record to ${accepted}` }];
  }
  if (screening.on !== undefined && screening.on > on) {
    return [{ clause, severity: "error", detail: `${why} but is screened only on ${screening.on}` }];
  }
  return [];
};

/** G4.7: a Privileged Person of the DCC needs a Security Check before any access to its Data. */
const privilegedChecked: Check = (person, owner) => {
  if (owner !== "dcc") return [];
  const privilegedFrom = person.engagements
    .filter((e) => e.activity === "privileged" && e.system !== "user-systems")
    .map((e) => e.from)
    .sort()[0];
  if (person.privileged !== true && privilegedFrom === undefined) return [];
  const clearance = person.clearance;
  if (clearance === undefined || !securityCheckOrAbove.has(clearance.level)) {
    const held = clearance === undefined ? "no clearance on record" : `clearance level ${clearance.level}`;
    return [
      {
        clause: "G4.7",
        severity: "error",
        detail: `a Privileged Person with ${held}: a Security Check is needed before any access to Data on the DCC Total System`,
      },
    ];
  }
  if (privilegedFrom !== undefined && clearance.granted > privilegedFrom) {
    return [
      {
        clause: "G4.7",
        severity: "error",
        detail: `privileged from ${privilegedFrom}, before the Security Check granted ${clearance.granted}`,
      },
    ];
  }
  return [];
};

const checks: readonly Check[] = [clearanceHeld, clearanceReviewed, screened, privilegedChecked];

export function checkPersonnel(roster: Roster, on: IsoDate): PersonFinding[] {
  const owner = roster.owner ?? "user";
  const findings: PersonFinding[] = [];
  for (const person of roster.people) {
    for (const check of checks) {
      for (const found of check(person, owner, on)) findings.push({ person: person.id, ...found });
    }
  }
  return findings;
}
