/**
 * Control runs (drift, ports, time) and the status of each obligation's evidence: run by the
 * party's owner and security officer, read by its contributors and auditor.
 */
import { everything, tablePolicy } from "../policy.js";

export const controlsPolicy = tablePolicy("controls", {
  inParty: {
    owner: everything,
    "security-officer": ["read", "write", "decide"],
    contributor: ["read"],
    auditor: ["read"],
  },
});
