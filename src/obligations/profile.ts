import { z } from "zod";
import { parseStructured } from "../common/structured-input.js";

/**
 * The party profile (../shared/contracts/party-profile.md): how the rules of Section G see a SEC
 * Party. Unknown keys are refused everywhere so that a typo never silently changes what applies.
 */

/** The User Roles, and the roles Section G treats as User Roles (G1.6, G10.5(d), G12.5). */
export const userRoles = [
  "import-supplier",
  "export-supplier",
  "gas-supplier",
  "electricity-distributor",
  "gas-transporter",
  "other-user",
  "registered-supplier-agent",
  "registration-data-provider",
  "shared-resource-provider",
  "triage-facility-provider",
] as const;
export type UserRole = (typeof userRoles)[number];

export const assessmentCategories = ["full", "verification", "self", "follow-up"] as const;
export type AssessmentCategory = (typeof assessmentCategories)[number];

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "an ISO date YYYY-MM-DD")
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, "a real calendar date YYYY-MM-DD");

const partyId = z.string().regex(/^[a-z0-9-]+$/, "an id of lower-case letters, digits and '-'");
const eui64 = z
  .string()
  .regex(/^[0-9A-F]{2}(-[0-9A-F]{2}){7}$/, "an EUI-64 User ID like 90-B3-D5-1F-30-01-00-00");
const srv = z.string().regex(/^\d+(\.\d+)+$/, "a Service Reference Variant like 7.1");
const count = z.number().int("a whole number").nonnegative("a count of zero or more");

const roleSchema = z
  .object({
    role: z.enum(userRoles),
    userIds: z.array(eui64).default([]),
    eligibleForSupplySensitive: z.boolean().default(false),
    untestedCriticalServiceRequests: z.array(srv).default([]),
  })
  .strict();

const sharedResourcesSchema = z
  .object({
    used: z.boolean(),
    providedBy: partyId.optional(),
    sharedWith: z.array(partyId).default([]),
    capableOfCompromise: z.boolean().optional(),
  })
  .strict()
  .transform((s) => ({ ...s, capableOfCompromise: s.capableOfCompromise ?? s.used }));

const assessmentSchema = z
  .object({
    category: z.enum(assessmentCategories),
    completed: isoDate,
    initial: z.boolean().default(false),
  })
  .strict();

export const profileSchema = z
  .object({
    id: partyId,
    name: z.string().min(1, "a non-empty name"),
    kind: z.enum(["party", "dcc"]).default("party"),
    supplierParty: z.boolean().default(false),
    networkParty: z.boolean().default(false),
    roles: z.array(roleSchema).default([]),
    premises: z
      .object({ domestic: count.default(0), nonDomestic: count.default(0) })
      .strict()
      .default({
        domestic: 0,
        nonDomestic: 0,
      }),
    sharedResources: sharedResourcesSchema.optional(),
    criticalServiceRequests: z.boolean().default(false),
    enrolledSmets1: z.boolean().default(false),
    assurance: z.array(assessmentSchema).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<UserRole>();
    p.roles.forEach((r, i) => {
      if (seen.has(r.role)) {
        ctx.addIssue({
          code: "custom",
          path: ["roles", i, "role"],
          message: `each role once (${r.role} repeats)`,
        });
      }
      seen.add(r.role);
    });
    // The DCC is not a User and holds no supply or network licence; G1.6 makes the RDP capacity a role
    // only for a Network Party.
    if (p.kind === "dcc") {
      for (const key of ["supplierParty", "networkParty"] as const) {
        if (p[key]) ctx.addIssue({ code: "custom", path: [key], message: "false for the DCC (kind: dcc)" });
      }
      if (p.roles.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["roles", 0],
          message: "no User Roles for the DCC (kind: dcc), which is not a User",
        });
      }
    }
    p.roles.forEach((r, i) => {
      if (r.role === "registration-data-provider" && !p.networkParty) {
        ctx.addIssue({
          code: "custom",
          path: ["roles", i, "role"],
          message:
            "registration-data-provider only for a Network Party (networkParty: true), as G1.6 provides",
        });
      }
    });
    for (let i = 1; i < p.assurance.length; i++) {
      if (p.assurance[i]!.completed < p.assurance[i - 1]!.completed) {
        ctx.addIssue({
          code: "custom",
          path: ["assurance", i, "completed"],
          message: "assessments oldest first (this one is earlier than the one before)",
        });
      }
    }
  });

export type PartyProfile = z.output<typeof profileSchema>;
export type RoleEntry = PartyProfile["roles"][number];
export type CompletedAssessment = PartyProfile["assurance"][number];

/** Parses and validates one profile (YAML or JSON text); errors name the file, line and key path. */
export function parseProfile(text: string, file: string): PartyProfile {
  return parseStructured(text, file, profileSchema);
}

/** Validates a profile already decoded from JSON (the API's body), with the same errors. */
export function validateProfile(value: unknown, source = "profile"): PartyProfile {
  return parseStructured(JSON.stringify(value), source, profileSchema);
}
