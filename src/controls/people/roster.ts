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

export type Person = { readonly id: string; readonly engagements: readonly Engagement[] };

export type Policy = {
  /** Days that must pass between work on one side and starting on the other (G2.24(b), G3.13(b)). */
  readonly coolingOffDays: number;
  /** G2.22B(c)'s gap in months: 24, or a shorter period the Security Sub-Committee approved. */
  readonly sscApprovedDevGapMonths: number;
};

export type Roster = { readonly policy: Policy; readonly people: readonly Person[] };

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

const rosterSchema = z
  .object({
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
    people: z.array(
      z
        .object({ id: z.string().min(1, "a non-empty person id"), engagements: z.array(engagementSchema) })
        .strict(),
    ),
  })
  .strict()
  .superRefine((roster, ctx) => {
    const seen = new Set<string>();
    roster.people.forEach((person, i) => {
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
