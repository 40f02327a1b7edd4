/**
 * Party profiles. The list is open to anyone signed in, but the route shows each user only the
 * parties they may read (a party's entry is read through the in-party row). A profile is changed
 * by its owner or security officer; creating a new party is for owners of every party ("*"),
 * which the route checks since only it knows whether the party exists.
 */
import { everything, tablePolicy } from "../policy.js";

export const partiesPolicy = tablePolicy("parties", {
  inParty: {
    owner: everything,
    "security-officer": ["read", "write"],
    contributor: ["read"],
    auditor: ["read"],
    ssc: ["read"],
  },
  installationWide: {
    "any user": ["read"],
    owner: everything,
  },
});
