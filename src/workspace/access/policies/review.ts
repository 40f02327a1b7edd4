/**
 * The review of the audit log (G2.26): denied attempts, failed logins and unusual activity
 * across the installation, for its owners, security officers and auditors.
 */
import { tablePolicy } from "../policy.js";

export const reviewPolicy = tablePolicy("review", {
  installationWide: {
    owner: ["read"],
    "security-officer": ["read"],
    auditor: ["read"],
  },
});
