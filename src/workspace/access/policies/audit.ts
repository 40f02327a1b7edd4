/**
 * The audit log (G2.26, G2.27): read by those who answer for security and by the independent
 * assessor. Nobody writes it through the API; entries come only with the changes they record.
 */
import { tablePolicy } from "../policy.js";

export const auditPolicy = tablePolicy("audit", {
  inParty: {
    owner: ["read"],
    "security-officer": ["read"],
    auditor: ["read"],
  },
  installationWide: {
    owner: ["read"],
    "security-officer": ["read"],
    auditor: ["read"],
  },
});
