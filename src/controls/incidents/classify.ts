import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { parseStructured } from "../../common/structured-input.js";
import type { PartyProfile } from "../../obligations/profile.js";
import { utcTimestamp } from "../anomalies/utc-time.js";
import { type Duty, daysToHours, dueAfter, type Policy, policySchema } from "./policy.js";

/**
 * A security incident and the duties it triggers. Whether it is a Major Security Incident is
 * decided by the Section A definition, read as two questions the reporter answers: did the event
 * result in the System being Compromised, or could it have (`compromise`); and was that to a
 * material extent (`material`). The seeds quote only the clauses that use the term, so the
 * reading is the project's and is stated in docs/rule-checks.md.
 */

/** `user-systems` for a User; for the DCC, whether the DCC Systems, or only other parts of the DCC Total System, are concerned. */
export const affectedSystems = ["user-systems", "dcc-systems", "dcc-total-system"] as const;

/** The unauthorised events G3.1 to G3.3 (and G2.1 to G2.7 for the DCC) require the systems to catch. */
export const unauthorisedEvents = [
  "configuration-deviation",
  "unauthorised-software",
  "unauthorised-access",
] as const;

const incidentSchema = z
  .object({
    id: z.string().min(1, "a non-empty incident id"),
    detectedAt: utcTimestamp,
    system: z.enum(affectedSystems),
    /** G2.11(b): the part of the SMETS1 CSP System Telefonica UK runs as DCC Service Provider. */
    smets1CspTelefonica: z.boolean().default(false),
    unauthorisedEvent: z.enum(unauthorisedEvents).optional(),
    compromise: z.enum(["resulted", "capable", "none"]),
    material: z.boolean(),
    findings: z.array(z.string().min(1)).default([]),
    policy: policySchema,
  })
  .strict();

export type Incident = z.output<typeof incidentSchema>;

export type IncidentClassification = {
  readonly incident: string;
  readonly major: boolean;
  readonly because: readonly string[];
  readonly duties: readonly Duty[];
  readonly findings: readonly string[];
};

export function parseIncident(text: string, file: string): Incident {
  const incident = parseStructured(text, file, incidentSchema);
  if (incident.smets1CspTelefonica && incident.system === "user-systems") {
    throw new InputError(
      { file, path: "smets1CspTelefonica" },
      "false for an incident in User Systems (G2.11(b) is about the DCC)",
    );
  }
  return incident;
}

export function isMajor(incident: Pick<Incident, "compromise" | "material">): {
  major: boolean;
  because: string[];
} {
  const because: string[] = [];
  if (incident.compromise === "none") because.push("the event neither Compromised the System nor could have");
  else
    because.push(
      incident.compromise === "resulted"
        ? "the event Compromised the System"
        : "the event was capable of Compromising the System",
    );
  because.push(incident.material ? "to a material extent" : "but not to a material extent");
  return { major: incident.compromise !== "none" && incident.material, because };
}

/** Classifies the incident and lists what the party must now do, with due times from its policy. */
export function classifyIncident(
  incident: Incident,
  party: PartyProfile,
  file: string,
): IncidentClassification {
  const { major, because } = isMajor(incident);
  const duties =
    party.kind === "dcc" ? dccDuties(incident, major, file) : userDuties(incident, major, party, file);
  return { incident: incident.id, major, because, duties, findings: incident.findings };
}

function userDuties(incident: Incident, major: boolean, party: PartyProfile, file: string): Duty[] {
  if (incident.system !== "user-systems") {
    throw new InputError(
      { file, path: "system" },
      `"user-systems" for a User's incident (the party profile is not the DCC)`,
    );
  }
  if (party.roles.length === 0) return [];
  const { detectedAt: t, policy } = incident;
  const duties: Duty[] = [];
  if (incident.unauthorisedEvent !== undefined) {
    duties.push({
      clause: "G3.4",
      action: `take the steps the User ISMS requires for the ${incident.unauthorisedEvent}`,
      due: dueAfter(t, policy.promptlyHours),
    });
  }
  if (!major) return duties;
  duties.push({
    clause: "G3.5",
    action: "notify the Panel and the Security Sub-Committee",
    due: dueAfter(t, policy.promptlyHours),
  });
  if (party.supplierParty) {
    duties.push({
      clause: "G3.7(c)",
      action: "have a CREST-certified tester or CHECK provider assess the User Systems for vulnerabilities",
      due: assessment(t, policy),
    });
  }
  duties.push({
    clause: "G3.8(c)",
    action: "assess the User Systems for vulnerabilities",
    due: assessment(t, policy),
  });
  duties.push({
    clause: "G5.16(c)",
    action: "reassess the risk identification and management processes",
    due: dueAfter(t, daysToHours(policy.riskReviewWithinDays)),
  });
  return duties;
}

function dccDuties(incident: Incident, major: boolean, file: string): Duty[] {
  if (incident.system === "user-systems") {
    throw new InputError(
      { file, path: "system" },
      `"dcc-systems" or "dcc-total-system" for the DCC's incident`,
    );
  }
  const { detectedAt: t, policy } = incident;
  const duties: Duty[] = [];
  if (incident.unauthorisedEvent !== undefined || incident.compromise !== "none") {
    duties.push({
      clause: "G2.10",
      action: "take the steps the DCC ISMS requires",
      due: dueAfter(t, policy.promptlyHours),
    });
  }
  if (!major) return duties;
  duties.push(
    incident.smets1CspTelefonica
      ? {
          clause: "G2.11(b)",
          action: "notify the Panel and the Security Sub-Committee as soon as reasonably practicable",
          due: dueAfter(t, policy.asSoonAsReasonablyPracticableHours),
        }
      : {
          clause: "G2.11(a)",
          action: "notify the Panel and the Security Sub-Committee",
          due: dueAfter(t, policy.promptlyHours),
        },
  );
  if (incident.system === "dcc-systems") {
    duties.push({
      clause: "G2.13(c)",
      action: "have a CHECK provider or CREST-certified tester assess the DCC Systems for vulnerabilities",
      due: assessment(t, policy),
    });
    duties.push({
      clause: "G2.14(c)",
      action: "assess the DCC Systems for vulnerabilities",
      due: assessment(t, policy),
    });
  }
  duties.push({
    clause: "G5.2(c)",
    action: "reassess the risk identification and management processes",
    due: dueAfter(t, daysToHours(policy.riskReviewWithinDays)),
  });
  return duties;
}

function assessment(t: number, policy: Policy): string | null {
  return dueAfter(t, daysToHours(policy.assessmentWithinDays));
}
