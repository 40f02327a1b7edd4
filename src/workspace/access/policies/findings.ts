/**
 * Findings from assessments and controls: recorded and rectified by the party's owner, security
 * officer and contributors; accepting one is a decision. Auditors and the SSC (which sees
 * assessment results) read them.
 */
import { everything, tablePolicy } from "../policy.js";

export const findingsPolicy = tablePolicy("findings", {
  inParty: {
    owner: everything,
    "security-officer": ["read", "write", "decide"],
    contributor: ["read", "write"],
    auditor: ["read"],
    ssc: ["read"],
  },
});
