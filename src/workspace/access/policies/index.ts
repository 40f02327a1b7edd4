/**
 * The policy of each resource a route may declare; the API's authorisation hook holds this to
 * its list of resources, so a resource without a policy does not compile.
 */
import type { Policy } from "../policy.js";
import { auditPolicy } from "./audit.js";
import { codePolicy } from "./code.js";
import { controlsPolicy } from "./controls.js";
import { deadlinesPolicy } from "./deadlines.js";
import { evidencePolicy } from "./evidence.js";
import { findingsPolicy } from "./findings.js";
import { obligationsPolicy } from "./obligations.js";
import { partiesPolicy } from "./parties.js";
import { quarantinePolicy } from "./quarantine.js";
import { registersPolicy } from "./registers.js";
import { reviewPolicy } from "./review.js";
import { sessionPolicy } from "./session.js";
import { usersPolicy } from "./users.js";
import { workflowsPolicy } from "./workflows.js";

export const policies = {
  session: sessionPolicy,
  code: codePolicy,
  parties: partiesPolicy,
  obligations: obligationsPolicy,
  deadlines: deadlinesPolicy,
  quarantine: quarantinePolicy,
  audit: auditPolicy,
  review: reviewPolicy,
  users: usersPolicy,
  registers: registersPolicy,
  evidence: evidencePolicy,
  findings: findingsPolicy,
  workflows: workflowsPolicy,
  controls: controlsPolicy,
} as const satisfies Readonly<Record<string, Policy>>;
