import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import type { PersonFinding } from "./finding.js";
import { checkIndependence, type Violation } from "./independence.js";
import { checkPersonnel } from "./personnel.js";
import type { Roster } from "./roster.js";

/** The checks over the people register, each pure: plain data and a date in, findings out. */
export type { PersonFinding, Severity } from "./finding.js";
export { checkIndependence, type Violation } from "./independence.js";
export { checkPersonnel } from "./personnel.js";
export { parseRoster, type Roster } from "./roster.js";

/** Every rule at once: independence and separation (G2.22B–G2.24, G3.12–G3.13, G4.8), then G4.1–G4.7. */
export function checkPeople(roster: Roster, on: IsoDate): (PersonFinding | Violation)[] {
  return [...checkIndependence(roster, on), ...checkPersonnel(roster, on)];
}
