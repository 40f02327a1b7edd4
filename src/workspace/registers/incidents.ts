import { z } from "zod";
import { affectedSystems, unauthorisedEvents } from "../../controls/incidents/classify.js";
import type { RegisterDefinition } from "./definition.js";
import { isoDate, recordId, text, utcInstant } from "./fields.js";

/**
 * The incidents register: each security incident, when it happened and was detected, the kind of
 * unauthorised event it was (G3.4, G2.10), whether it is a Major Security Incident (which G3.5 and
 * G2.11 make reportable to the SSC and the Panel), its status, the vulnerabilities it is linked to,
 * and when each duty it set off was done.
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
    /** The kind of unauthorised event of G3.1–G3.3 (G2.1–G2.7 for the DCC) it was, if one. */
    unauthorisedEvent: z.enum(unauthorisedEvents).optional(),
    major: z.boolean(),
    status: z.enum(incidentStatuses),
    /** Ids in the vulnerabilities register. */
    vulnerabilities: z.array(recordId).default([]),
    /** When the steps the party's ISMS requires for it were taken (G3.4, G2.10). */
    stepsTaken: utcInstant.optional(),
    /** When the Panel and the SSC were told of the Major Security Incident (G3.5, G2.11). */
    notified: utcInstant.optional(),
    /** The vulnerability assessment it set off (G3.7(c), G3.8(c); G2.13(c), G2.14(c)). */
    vulnerabilityAssessed: isoDate.optional(),
    /** The assessment of the risk management processes it set off (G5.16(c), G5.2(c)). */
    riskAssessed: isoDate.optional(),
  })
  .superRefine((incident, ctx) => {
    const detected = Date.parse(incident.detected);
    if (incident.occurred !== undefined && detected < Date.parse(incident.occurred)) {
      ctx.addIssue({ code: "custom", path: ["detected"], message: "an instant on or after occurred" });
    }
    for (const field of ["stepsTaken", "notified"] as const) {
      const at = incident[field];
      if (at !== undefined && Date.parse(at) < detected)
        ctx.addIssue({ code: "custom", path: [field], message: "an instant on or after detected" });
    }
    for (const field of ["vulnerabilityAssessed", "riskAssessed"] as const) {
      const day = incident[field];
      if (day !== undefined && day < incident.detected.slice(0, 10))
        ctx.addIssue({ code: "custom", path: [field], message: "a date on or after the day detected" });
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
    { key: "unauthorisedEvent", kind: "text" },
    { key: "major", kind: "boolean" },
    { key: "status", kind: "text" },
    { key: "vulnerabilities", kind: "list" },
    { key: "stepsTaken", kind: "text" },
    { key: "notified", kind: "text" },
    { key: "vulnerabilityAssessed", kind: "date" },
    { key: "riskAssessed", kind: "date" },
  ],
};
