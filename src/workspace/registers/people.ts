import { z } from "zod";
import {
  clearanceLevels,
  type Engagement,
  type Person,
  parseRoster,
  screeningStandards,
} from "../../controls/people/roster.js";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, issueFrom, recordId, text } from "./fields.js";

/**
 * The people register: who works on the party's systems, their access to Data, clearance and
 * screening (G4.1–G4.3 for a User, G4.4–G4.7 for the DCC), whether they are privileged or could
 * affect supply, and their engagements — the people control's roster fields, flat for CSV, so the
 * G4 and independence checks (G2.23–G2.24, G3.12–G3.13, G4.8) run over the register (personOf).
 */

/**
 * Engagements are read by the people control's own roster reader, so one definition of systems,
 * activities and dates serves both the people file and the register.
 */
const engagements = z.array(z.unknown()).transform((list, ctx): Engagement[] => {
  try {
    const roster = parseRoster(
      JSON.stringify({ policy: { coolingOffDays: 0 }, people: [{ id: "person", engagements: list }] }),
      "engagements",
    );
    return [...roster.people[0]!.engagements];
  } catch (error) {
    issueFrom(ctx, error, /^people\[0\]\.engagements/);
    return z.NEVER;
  }
});

const personSchema = z
  .strictObject({
    id: recordId,
    name: text,
    /** G4.1(a), G4.4(a): may access Data on the party's systems. */
    dataAccess: z.boolean().optional(),
    /** G4.1(b), G4.4(b): the clearance held, when granted, last reviewed and next due for review. */
    clearanceLevel: z.enum(clearanceLevels).optional(),
    clearanceGranted: isoDate.optional(),
    clearanceReviewed: isoDate.optional(),
    nextReviewDue: isoDate.optional(),
    /** G4.3, G4.6: the screening standard and when the person was screened. */
    screeningStandard: z.enum(screeningStandards).optional(),
    screenedOn: isoDate.optional(),
    locatedInUk: z.boolean().optional(),
    /** G4.7-G4.8: a Privileged Person. */
    privileged: z.boolean().optional(),
    /** G4.2 (a User's test): could affect the supply of energy; G4.5 (the DCC's): could Compromise. */
    canAffectSupply: z.boolean().optional(),
    canCompromise: z.boolean().optional(),
    engagements: engagements.default([]),
  })
  .superRefine((person, ctx) => {
    const problem = (key: string, message: string) => ctx.addIssue({ code: "custom", path: [key], message });
    if ((person.clearanceLevel === undefined) !== (person.clearanceGranted === undefined)) {
      problem(
        person.clearanceLevel === undefined ? "clearanceLevel" : "clearanceGranted",
        "a clearance level and the date it was granted, both or neither",
      );
    }
    if (
      person.clearanceLevel === undefined &&
      (person.clearanceReviewed ?? person.nextReviewDue) !== undefined
    ) {
      problem("clearanceLevel", "the clearance level the review dates are for");
    }
    for (const key of ["clearanceReviewed", "nextReviewDue"] as const) {
      const date = person[key];
      if (date !== undefined && person.clearanceGranted !== undefined && date < person.clearanceGranted) {
        problem(key, `a date on or after clearanceGranted (${person.clearanceGranted})`);
      }
    }
    if (person.screenedOn !== undefined && (person.screeningStandard ?? "none") === "none") {
      problem("screenedOn", "no screening date unless screeningStandard names the standard screened to");
    }
  });

export type PersonRecord = z.output<typeof personSchema>;

export const people: RegisterDefinition<PersonRecord> = {
  name: "people",
  noun: "person",
  schema: personSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "name", kind: "text" },
    { key: "dataAccess", kind: "boolean" },
    { key: "clearanceLevel", kind: "text" },
    { key: "clearanceGranted", kind: "date" },
    { key: "clearanceReviewed", kind: "date" },
    { key: "nextReviewDue", kind: "date" },
    { key: "screeningStandard", kind: "text" },
    { key: "screenedOn", kind: "date" },
    { key: "locatedInUk", kind: "boolean" },
    { key: "privileged", kind: "boolean" },
    { key: "canAffectSupply", kind: "boolean" },
    { key: "canCompromise", kind: "boolean" },
    { key: "engagements", kind: "json" },
  ],
};

/** The person as the people control's roster holds them, for its G4 and independence checks. */
export function personOf(record: PersonRecord): Person {
  const {
    clearanceLevel,
    clearanceGranted,
    clearanceReviewed,
    nextReviewDue,
    screeningStandard,
    screenedOn,
  } = record;
  return {
    id: record.id,
    engagements: record.engagements,
    dataAccess: record.dataAccess,
    clearance:
      clearanceLevel === undefined || clearanceGranted === undefined
        ? undefined
        : {
            level: clearanceLevel,
            granted: clearanceGranted,
            reviewed: clearanceReviewed,
            nextReview: nextReviewDue,
          },
    canAffectSupply: record.canAffectSupply,
    canCompromise: record.canCompromise,
    screening: screeningStandard === undefined ? undefined : { standard: screeningStandard, on: screenedOn },
    locatedInUk: record.locatedInUk,
    privileged: record.privileged,
  };
}
