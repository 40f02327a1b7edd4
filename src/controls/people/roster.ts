import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";
import { type IsoDate, isIsoDate } from "../../obligations/calendar/iso-date.js";

/**
 * People and their engagements on systems (../shared/contracts/people.md), with the policy
 * periods the independence rules need. Validation is strict: a typo in a system, an activity or
 * a date would otherwise hide a violation.
 */

/** `dcc-live-b` and `dcc-live-c` are the 'relevant systems' of G2.22A; `dcc-other` is G2.20(b)'s. */
export const systems = ["dcc-live", "dcc-live-b", "dcc-live-c", "dcc-other", "user-systems"] as const;
export const engagementActivities = [
  "bespoke-development",
  "customisation",
  "development",
  "design",
  "build",
  "testing",
  "configuration",
  "implementation",
  "operation",
  "maintenance",
  "modification",
  "decommissioning",
  "privileged",
] as const;

export type System = (typeof systems)[number];
export type EngagementActivity = (typeof engagementActivities)[number];

type Period = {
  readonly activity: EngagementActivity;
  readonly from: IsoDate;
  /** Last day engaged; absent while the engagement is ongoing. */
  readonly to?: IsoDate;
};

/** Only privileged engagements on DCC systems can record the G4.8(b) additional controls. */
export type Engagement =
  | (Period & { readonly system: Exclude<System, "user-systems">; readonly additionalControls?: boolean })
  | (Period & { readonly system: "user-systems"; readonly party: string });

/** Clearance levels, weakest first; G4.7 asks a DCC Privileged Person for a Security Check or above. */
export const clearanceLevels = ["baseline", "security-check", "developed-vetting", "other"] as const;
export type ClearanceLevel = (typeof clearanceLevels)[number];

export type Clearance = {
  readonly level: ClearanceLevel;
  readonly granted: IsoDate;
  /** The last annual review (G4.1(b), G4.4(b)); the grant counts as the first. */
  readonly reviewed?: IsoDate | undefined;
  /** A review the party has scheduled; it cannot push the annual review back. */
  readonly nextReview?: IsoDate | undefined;
};

/**
 * How the person was screened (G4.3, G4.6): to BS 7858, to an equivalent that updates or replaces it,
 * or, for someone outside the United Kingdom, to a comparable national standard of their jurisdiction.
 */
export const screeningStandards = ["bs7858", "equivalent", "comparable-national", "none"] as const;
export type ScreeningStandard = (typeof screeningStandards)[number];
export type Screening = { readonly standard: ScreeningStandard; readonly on?: IsoDate | undefined };

/**
 * One person. Besides the engagements the independence rules read, the optional fields feed the
 * G4 checks: whether they may access Data on the owner's systems (G4.1(a), G4.4(a)), their clearance,
 * whether their authorised activities could Compromise systems or Devices so as to affect supply (a
 * User's test, G4.2) or at all (the DCC's, G4.5), their screening and where they are, and whether they
 * are a Privileged Person (G4.7).
 */
export type Person = {
  readonly id: string;
  readonly engagements: readonly Engagement[];
  readonly dataAccess?: boolean | undefined;
  readonly clearance?: Clearance | undefined;
  readonly canAffectSupply?: boolean | undefined;
  readonly canCompromise?: boolean | undefined;
  readonly screening?: Screening | undefined;
  /** Taken as true when absent. */
  readonly locatedInUk?: boolean | undefined;
  readonly privileged?: boolean | undefined;
};

/** Whose people these are: a User's (G4.1–G4.3, G3.12–G3.13) or the DCC's (G4.4–G4.8, G2.22B–G2.24). */
export const rosterOwners = ["user", "dcc"] as const;
export type RosterOwner = (typeof rosterOwners)[number];

export type Policy = {
  /** Days that must pass between work on one side and starting on the other (G2.24(b), G3.13(b)). */
  readonly coolingOffDays: number;
  /** G2.22B(c)'s gap in months: 24, or a shorter period the Security Sub-Committee approved. */
  readonly sscApprovedDevGapMonths: number;
};

export type Roster = {
  /** A User's when absent. */
  readonly owner?: RosterOwner | undefined;
  readonly policy: Policy;
  readonly people: readonly Person[];
};

const isoDate = z.custom<IsoDate>(
  (v) => typeof v === "string" && isIsoDate(v),
  "a real calendar date written YYYY-MM-DD",
);

const engagementSchema = z
  .object({
    system: z.enum(systems),
    party: z.string().min(1, "a non-empty party id").optional(),
    activity: z.enum(engagementActivities),
    from: isoDate,
    to: isoDate.optional(),
    additionalControls: z.boolean().optional(),
  })
  .strict()
  .transform((e, ctx): Engagement => {
    const refuse = (key: string, message: string): never => {
      ctx.addIssue({ code: "custom", path: [key], message });
      return z.NEVER;
    };
    if (e.to !== undefined && e.to < e.from) return refuse("to", `a date on or after from (${e.from})`);
    const period: Period = {
      activity: e.activity,
      from: e.from,
      ...(e.to === undefined ? {} : { to: e.to }),
    };
    if (e.system === "user-systems") {
      if (e.party === undefined) return refuse("party", "the party whose User Systems these are");
      if (e.additionalControls !== undefined) {
        return refuse("additionalControls", "no additionalControls (G4.8 concerns DCC systems only)");
      }
      return { ...period, system: e.system, party: e.party };
    }
    if (e.party !== undefined) return refuse("party", "no party (only user-systems engagements name one)");
    if (e.additionalControls !== undefined && e.activity !== "privileged") {
      return refuse(
        "additionalControls",
        "no additionalControls (G4.8 controls belong to privileged engagements)",
      );
    }
    return {
      ...period,
      system: e.system,
      ...(e.additionalControls === undefined ? {} : { additionalControls: e.additionalControls }),
    };
  });

const clearanceSchema = z
  .object({
    level: z.enum(clearanceLevels),
    granted: isoDate,
    reviewed: isoDate.optional(),
    nextReview: isoDate.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.reviewed !== undefined && c.reviewed < c.granted) {
      ctx.addIssue({
        code: "custom",
        path: ["reviewed"],
        message: `a date on or after granted (${c.granted})`,
      });
    }
  });

const personSchema = z
  .object({
    id: z.string().min(1, "a non-empty person id"),
    engagements: z.array(engagementSchema).default([]),
    dataAccess: z.boolean().optional(),
    clearance: clearanceSchema.optional(),
    canAffectSupply: z.boolean().optional(),
    canCompromise: z.boolean().optional(),
    screening: z
      .object({ standard: z.enum(screeningStandards), on: isoDate.optional() })
      .strict()
      .optional(),
    locatedInUk: z.boolean().optional(),
    privileged: z.boolean().optional(),
  })
  .strict();

const rosterSchema = z
  .object({
    owner: z.enum(rosterOwners).optional(),
    policy: z
      .object({
        coolingOffDays: z.number().int("a whole number of days").nonnegative("zero or more days"),
        sscApprovedDevGapMonths: z
          .number()
          .int("a whole number of months")
          .min(0, "zero or more months")
          .max(24, "at most 24 months (G2.22B(c) lets the Security Sub-Committee only shorten the period)")
          .default(24),
      })
      .strict(),
    people: z.array(personSchema),
  })
  .strict()
  .superRefine((roster, ctx) => {
    const seen = new Set<string>();
    roster.people.forEach((person, i) => {
      // G4.2 is the User's test and G4.5 the DCC's: each register may use only its own.
      const wrongTest = roster.owner === "dcc" ? "canAffectSupply" : "canCompromise";
      if (person[wrongTest] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["people", i, wrongTest],
          message:
            roster.owner === "dcc"
              ? "canCompromise, not canAffectSupply, in the DCC's register (G4.5)"
              : "canAffectSupply, not canCompromise, in a User's register (G4.2); set owner: dcc for the DCC's",
        });
      }
      if (person.screening?.standard === "comparable-national" && person.locatedInUk !== false) {
        ctx.addIssue({
          code: "custom",
          path: ["people", i, "screening", "standard"],
          message:
            "bs7858 or equivalent for someone in the United Kingdom (a comparable national standard is for those outside it, G4.3(b), G4.6(b)); set locatedInUk: false",
        });
      }
      if (seen.has(person.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["people", i, "id"],
          message: `a unique person id ("${person.id}" appears earlier)`,
        });
      }
      seen.add(person.id);
    });
  });

/** Reads a people file (YAML or JSON); bad input throws an InputError naming file, line and key path. */
export function parseRoster(text: string, file: string): Roster {
  return parseStructured(text, file, rosterSchema);
}
