import { z } from "zod";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text } from "./fields.js";

/**
 * The vulnerabilities register: each vulnerability found, where, how bad, whether the manufacturer
 * or developer was told or already knew (G2.31–G2.32, G3.17–G3.19), whether it lies in a part
 * G3.17(b) leaves out, and what was done about it (G3.9(b), G3.18(b)–(c)).
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
    /**
     * Whether a G3.7 or G3.8 assessment of the User Systems found it, which adds G3.9(b) to the
     * G3.18 duties every material vulnerability the User learns of carries; left out, it did not.
     */
    foundByAssessment: z.boolean().optional(),
    manufacturerNotified: isoDate.optional(),
    /** G3.19, G2.32: the day the party had reason to be satisfied the manufacturer or developer already knew. */
    manufacturerAware: isoDate.optional(),
    /** G3.17(b): it lies in a Communications Hub Function or Gas Proxy Function of a SMETS2+ Device. */
    smets2CommsHubOrGasProxy: z.boolean().optional(),
    /** When the SSC was told the steps being taken and their timetable (G3.9(b)(ii), G2.31(c)). */
    sscNotified: isoDate.optional(),
    mitigation: text.optional(),
    status: z.enum(vulnerabilityStatuses),
  })
  .superRefine((v, ctx) => {
    for (const field of ["manufacturerNotified", "manufacturerAware", "sscNotified"] as const) {
      const day = v[field];
      if (day !== undefined && day < v.discovered)
        ctx.addIssue({ code: "custom", path: [field], message: "a date on or after discovered" });
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
    { key: "foundByAssessment", kind: "boolean" },
    { key: "manufacturerNotified", kind: "date" },
    { key: "manufacturerAware", kind: "date" },
    { key: "smets2CommsHubOrGasProxy", kind: "boolean" },
    { key: "sscNotified", kind: "date" },
    { key: "mitigation", kind: "text" },
    { key: "status", kind: "text" },
  ],
};
