/**
 * The ADT quarantine (G6). A held Service Request belongs to the party whose User ID sent it.
 * Its members and the SSC (threshold reports) read it; the DCC, which runs anomaly detection,
 * reads every party's. Deleting or processing a held request is the User's decision: owner or
 * security officer of the owning party, who may also replay recorded traffic against thresholds
 * and hold what it quarantines (write). A request whose User ID no stored party lists is taken
 * to belong to every party ("*"), so only those holding a role in every party see or decide it.
 * Installation-wide, anyone signed in may ask for the list, which the route then filters to the
 * requests whose owning party's quarantine they may read.
 */
import { tablePolicy } from "../policy.js";

export const quarantinePolicy = tablePolicy("quarantine", {
  inParty: {
    owner: ["read", "write", "decide"],
    "security-officer": ["read", "write", "decide"],
    contributor: ["read"],
    auditor: ["read"],
    ssc: ["read"],
    "DCC member": ["read"],
  },
  installationWide: {
    "any user": ["read"],
  },
});
