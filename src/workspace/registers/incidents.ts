import { z } from "zod";
import { affectedSystems } from "../../controls/incidents/classify.js";
import type { RegisterDefinition } from "./definition.js";
import { recordId, text, utcInstant } from "./fields.js";

/**
 * The incidents register: each security incident, when it happened and was detected, whether it
 * is a Major Security Incident (which G3.4–G3.5 make reportable to the SSC and the Panel within
 * set times), its status, and the vulnerabilities it is linked to.
 */
export const incidentStatuses = ["open", "contained", "closed"] as const;

const incidentSchema = z
  .strictObject({
    id: recordId,
    title: text,
    occurred: utcInstant.optional(),
    detected: utcInstant,
    /** As the incident classifier uses it: the User Systems, the DCC Systems or the DCC Total System. */
    affects: z.enum(affectedSystems).optional(),
    major: z.boolean(),
    status: z.enum(incidentStatuses),
    /** Ids in the vulnerabilities register. */
    vulnerabilities: z.array(recordId).default([]),
  })
  .superRefine((incident, ctx) => {
    if (incident.occurred !== undefined && Date.parse(incident.detected) < Date.parse(incident.occurred)) {
      ctx.addIssue({ code: "custom", path: ["detected"], message: "an instant on or after occurred" });
    }
  });

export type IncidentRecord = z.output<typeof incidentSchema>;

export const incidents: RegisterDefinition<IncidentRecord> = {
  name: "incidents",
  noun: "incident",
  schema: incidentSchema,
  columns: [
    { key: "id", kind: "text" },
    { key: "title", kind: "text" },
    { key: "occurred", kind: "text" },
    { key: "detected", kind: "text" },
    { key: "affects", kind: "text" },
    { key: "major", kind: "boolean" },
    { key: "status", kind: "text" },
    { key: "vulnerabilities", kind: "list" },
  ],
};
