/**
 * What binds a party. Evaluating a posted profile and reading the catalogue are computations
 * open to anyone signed in; a stored party's obligations are read by its members and the SSC.
 */
import { tablePolicy } from "../policy.js";

export const obligationsPolicy = tablePolicy("obligations", {
  inParty: {
    owner: ["read"],
    "security-officer": ["read"],
    contributor: ["read"],
    auditor: ["read"],
    ssc: ["read"],
  },
  installationWide: {
    "any user": ["read"],
  },
});
