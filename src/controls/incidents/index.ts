/** Incidents and vulnerabilities (G2.10–G2.14, G2.31–G2.36, G3.4–G3.9, G3.17–G3.19, G5.2, G5.16), pure. */
export { classifyIncident, type Incident, type IncidentClassification, parseIncident } from "./classify.js";
export type { Duty } from "./policy.js";
export {
  parseVulnerability,
  planVulnerability,
  type Vulnerability,
  type VulnerabilityPlan,
} from "./vulnerability.js";
