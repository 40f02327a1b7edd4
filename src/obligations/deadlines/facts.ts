import { z } from "zod";
import { parseStructured } from "../../common/structured-input.js";
import { type IsoDate, isIsoDate } from "../calendar/iso-date.js";

/**
 * The dated facts about a party that its deadlines are computed from: the registers of its systems,
 * people and incidents, and the dates the Security Sub-Committee (SSC) has set. Every key is optional so
 * that a party with no registers yet still gets the deadlines that need none (each then counts as never
 * done). Unknown keys are refused, so a misspelt date never silently drops a deadline.
 */
const date = z
  .string()
  .refine(isIsoDate, "a calendar date as YYYY-MM-DD")
  .transform((text) => text as IsoDate);

/** An instant with an explicit offset, kept as UTC `YYYY-MM-DDTHH:MM:SSZ` (seconds are enough). */
const dateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/,
    "a date-time with an offset, e.g. 2026-01-05T10:30:00Z",
  )
  .refine((text) => !Number.isNaN(Date.parse(text)), "a real date-time, e.g. 2026-01-05T10:30:00Z")
  .transform((text) => `${new Date(text).toISOString().slice(0, 19)}Z`);

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "an id of letters, digits, '.', '_' or '-'");

const component = z.strictObject({
  id,
  /** The day the new or materially changed component or functionality becomes operational. */
  live: date,
  /** The vulnerability assessment done for it before going live (G3.7(b), G3.8(b)). */
  assessed: date.optional(),
});

export const systemStatuses = ["planned", "authorised", "operational", "decommissioned"] as const;

/** What every system record may carry, whatever its status. */
const systemBase = {
  id,
  lastVulnerabilityAssessment: date.optional(),
  /** New or materially changed components or functionality, with the day each goes live. */
  components: z.array(component).default([]),
  /** The planned day of decommissioning, and when the SSC was told (G3.9(c)). */
  decommissioning: date.optional(),
  decommissioningNotified: date.optional(),
};

/**
 * A system's status decides which dates it must have: a new system is not operational yet, so it has
 * a go-live day and the SSC's notice and authorisation (G3.9(a)) instead of an annual cycle.
 */
const system = z.discriminatedUnion(
  "status",
  [
    z.strictObject({
      ...systemBase,
      status: z.literal("planned"),
      goLive: date,
      sscNotified: date.optional(),
    }),
    z.strictObject({
      ...systemBase,
      status: z.literal("authorised"),
      goLive: date,
      sscNotified: date.optional(),
      sscAuthorised: date.optional(),
    }),
    /** `operationalSince` counts when no vulnerability assessment is on record. */
    z.strictObject({ ...systemBase, status: z.literal("operational"), operationalSince: date.optional() }),
    z.strictObject({ ...systemBase, status: z.literal("decommissioned") }),
  ],
  { error: `a status of ${systemStatuses.join(", ")}` },
);

const person = z.strictObject({
  id,
  clearanceReviewed: date.optional(),
  /** Months between clearance reviews; "annually" (G4.1(b), G4.4(b)) allows at most 12. */
  reviewMonths: z.number().int().min(1).max(12).default(12),
});

const incident = z.strictObject({
  id,
  detectedAt: dateTime,
  major: z.boolean(),
  /** A DCC incident in the SMETS1 CSP System run by Telefonica UK Limited (G2.11(b)). */
  smets1TelefonicaCsp: z.boolean().default(false),
  notified: dateTime.optional(),
  vulnerabilityAssessed: date.optional(),
  riskAssessed: date.optional(),
});

/**
 * A material vulnerability of the User Systems (G3.17(a)): detected by an assessment under G3.7 or
 * G3.8 (G3.9(b) and G3.18), or learnt of some other way (G3.18 alone); or one the DCC became aware
 * of in the DCC Total System (G2.31).
 */
const vulnerability = z.strictObject({
  id,
  detectedAt: dateTime,
  /** Whether a G3.7 or G3.8 assessment found it; facts written before this key meant one had. */
  foundByAssessment: z.boolean().default(true),
  /** When the SSC was told the steps being taken and their timetable (G3.9(b)(ii), G2.31(c)). */
  notified: dateTime.optional(),
  /** The completion date given to the SSC for rectifying or mitigating it. */
  rectifyBy: date.optional(),
  /** When the cause was rectified or its impact mitigated (G3.9(b)(i), G2.31(b)). */
  rectified: date.optional(),
});

/** What a material change touched: G5.16(b)(i)–(iv) for a User, the DCC Total System for the DCC (G5.2(b)). */
export const changeScopes = [
  "user-systems",
  "security-functionality",
  "service-request-systems",
  "smart-metering-systems",
  "dcc-total-system",
] as const;

/** A material change implemented, which calls for an assessment of the risk processes (G5.16(b), G5.2(b)). */
const change = z.strictObject({
  id,
  implemented: date,
  scope: z.enum(changeScopes, { error: `one of ${changeScopes.join(", ")}` }),
  riskAssessed: date.optional(),
});

const sscDate = z.strictObject({ id, due: date, done: date.optional() });

const factsObject = z.strictObject({
  /** Hours within which "promptly" notifying the Panel and the SSC is taken to fall (G3.5, G2.11(a)). */
  promptHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(24),
  /**
   * Days allowed where the Code sets no period: what a Major Security Incident sets off ("on the
   * occurrence", G3.7(c), G3.8(c), G5.16(c)) and "as soon as reasonably practicable" (G2.11(b), G5.27(a)).
   */
  followUpDays: z.number().int().min(0).max(365).default(30),
  /** How near a deadline must be to count as due soon. */
  dueSoonDays: z.number().int().min(0).max(366).default(30),
  systems: z.array(system).default([]),
  people: z.array(person).default([]),
  incidents: z.array(incident).default([]),
  vulnerabilities: z.array(vulnerability).default([]),
  changes: z.array(change).default([]),
  ismsReviewed: date.optional(),
  riskAssessed: date.optional(),
  sharedResources: z.strictObject({ firstEmployed: date, lastNotified: date.optional() }).optional(),
  /** The DCC's last annual security assessment by its independent provider (G9.3(b)(i)). */
  dccAssessmentCompleted: date.optional(),
  ssc: z
    .strictObject({
      /** Dates by which a Security Assessment Response is due (G8.24, G9.21). */
      responses: z.array(sscDate).default([]),
      /** Dates set for progress reports on agreed steps (G8.28(b)(i), G9.25(b)(i)). */
      progressReports: z.array(sscDate).default([]),
    })
    .default({ responses: [], progressReports: [] }),
});

type Identified = readonly { readonly id: string }[];

/** Ids name deadlines and calendar UIDs, so each must be unique within its list. */
function refuseRepeatedIds(facts: Record<string, unknown>, ctx: z.RefinementCtx): void {
  const lists: [string[], Identified][] = [];
  for (const key of ["systems", "people", "incidents", "vulnerabilities", "changes"] as const)
    lists.push([[key], facts[key] as Identified]);
  const ssc = facts.ssc as { responses: Identified; progressReports: Identified };
  lists.push([["ssc", "responses"], ssc.responses], [["ssc", "progressReports"], ssc.progressReports]);
  for (const [path, list] of lists) {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) {
        ctx.addIssue({
          code: "custom",
          path: [...path, i, "id"],
          message: `an id not already used in this list (got "${item.id}" again)`,
        });
      }
      seen.add(item.id);
    });
  }
}

export const factsSchema = factsObject.superRefine(refuseRepeatedIds);

export type DeadlineFacts = z.output<typeof factsSchema>;
export type SystemFacts = DeadlineFacts["systems"][number];
export type IncidentFacts = DeadlineFacts["incidents"][number];
export type VulnerabilityFacts = DeadlineFacts["vulnerabilities"][number];
export type ChangeFacts = DeadlineFacts["changes"][number];

export function parseFacts(text: string, file: string): DeadlineFacts {
  return parseStructured(text, file, factsSchema);
}

/** Facts given as an object (the API body); `source` names it in errors. */
export function validateFacts(value: unknown, source = "facts"): DeadlineFacts {
  return parseStructured(JSON.stringify(value ?? {}), source, factsSchema);
}

export const noFacts: DeadlineFacts = factsSchema.parse({});
