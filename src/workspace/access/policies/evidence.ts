/**
 * The evidence of a party's workspace (files and links behind obligations): kept by its owner,
 * security officer and contributors, read by its auditor. The SSC has no sight of it.
 */
import { everything, tablePolicy } from "../policy.js";

export const evidencePolicy = tablePolicy("evidence", {
  inParty: {
    owner: everything,
    "security-officer": ["read", "write", "decide"],
    contributor: ["read", "write"],
    auditor: ["read"],
  },
});
