/**
 * Assessments and their workflows, and the notifications to the SSC: run by the party's owner and
 * security officer; the SSC reads them and takes its decisions on them ("decide"). Which role may
 * make which transition is a finer rule of the workflow itself.
 */
import { everything, tablePolicy } from "../policy.js";

export const workflowsPolicy = tablePolicy("workflows", {
  inParty: {
    owner: everything,
    "security-officer": ["read", "write", "decide"],
    contributor: ["read"],
    auditor: ["read"],
    ssc: ["read", "decide"],
  },
});
