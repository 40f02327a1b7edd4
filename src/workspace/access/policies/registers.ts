/**
 * The registers of a party's workspace: kept by its owner, security officer and contributors, read by
 * its auditor. The SSC has no sight of them.
 */
import { everything, tablePolicy } from "../policy.js";

export const registersPolicy = tablePolicy("registers", {
  inParty: {
    owner: everything,
    "security-officer": ["read", "write", "decide"],
    contributor: ["read", "write"],
    auditor: ["read"],
  },
});
