import { z } from "zod";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text } from "./fields.js";

/**
 * The vulnerabilities register: each vulnerability found, where, how bad, whether the manufacturer
 * or developer was told (G2.31, G3.17–G3.18), and what was done about it (G2.32, G3.9(b), G3.19).
 */
export const severities = ["low", "medium", "high", "critical"] as const;
export const vulnerabilityStatuses = ["open", "mitigated", "closed"] as const;

const vulnerabilitySchema = z
  .strictObject({
    id: recordId,
    /** An id in the systems register. */
    system: recordId.optional(),
    title: text,
    severity: z.enum(severities),
    discovered: isoDate,
    /** Where it came from: an assessment (G3.7-G3.8), a vendor advisory, a test. */
    source: text.optional(),
    manufacturerNotified: isoDate.optional(),
    mitigation: text.optional(),
    status: z.enum(vulnerabilityStatuses),
  })
  .superRefine((v, ctx) => {
    if (v.manufacturerNotified !== undefined && v.manufacturerNotified < v.discovered) {
      ctx.addIssue({
        code: "custom",
        path: ["manufacturerNotified"],
        message: "a date on or after discovered",
      });
    }
    if (v.status === "mitigated" && v.mitigation === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["mitigation"],
        message: "the mitigation in place (the status is mitigated)",
      });
    }
  });

export type VulnerabilityRecord = z.output<typeof vulnerabilitySchema>;

export const vulnerabilities: RegisterDefinition<VulnerabilityRecord> = {
  name: "vulnerabilities",
  noun: "vulnerability",
  schema: vulnerabilitySchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "system", kind: "text" },
    { key: "title", kind: "text" },
    { key: "severity", kind: "text" },
    { key: "discovered", kind: "date" },
    { key: "source", kind: "text" },
    { key: "manufacturerNotified", kind: "date" },
    { key: "mitigation", kind: "text" },
    { key: "status", kind: "text" },
  ],
};
