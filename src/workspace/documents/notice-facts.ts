import { type DeadlineFacts, validateFacts } from "../../obligations/deadlines/facts.js";
import type { IncidentRecord } from "../registers/incidents.js";
import type { VulnerabilityRecord } from "../registers/vulnerabilities.js";
import type { NoticeDetails } from "./notices.js";

export type NoticeRecords = {
  readonly incidents: readonly IncidentRecord[];
  readonly vulnerabilities: readonly VulnerabilityRecord[];
};

/**
 * What the registers tell the notices: Major Security Incidents not yet closed (G3.5) and open
 * vulnerabilities (G3.18(c)), with their titles and mitigations as the notices' text. Closed
 * incidents and mitigated or closed vulnerabilities are taken as dealt with, so old records do not
 * stay overdue for ever. The registers hold no go-live or decommissioning dates, so G3.9(a) and (c)
 * notices come only from facts given explicitly (POST /api/parties/:party/notifications).
 */
export function noticeFactsFrom(records: NoticeRecords): { facts: DeadlineFacts; details: NoticeDetails } {
  const incidents = records.incidents.filter((i) => i.major && i.status !== "closed");
  const vulnerabilities = records.vulnerabilities.filter((v) => v.status === "open");
  const facts = validateFacts(
    {
      incidents: incidents.map((i) => ({ id: i.id, detectedAt: i.detected, major: true })),
      vulnerabilities: vulnerabilities.map((v) => ({ id: v.id, detectedAt: `${v.discovered}T00:00:00Z` })),
    },
    "registers",
  );
  const details: Record<string, Record<string, string>> = {};
  for (const i of incidents)
    details[i.id] = {
      summary: `${i.title} (detected ${i.detected})`,
      ...(i.affects ? { systems: i.affects } : {}),
    };
  for (const v of vulnerabilities) details[v.id] = { ...(v.mitigation ? { steps: v.mitigation } : {}) };
  return { facts, details };
}
