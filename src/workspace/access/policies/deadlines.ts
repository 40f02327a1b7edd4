/**
 * Deadlines and their iCalendar form, computed from a posted profile: a computation open to
 * anyone signed in; within a party, its members and the SSC.
 */
import { tablePolicy } from "../policy.js";

export const deadlinesPolicy = tablePolicy("deadlines", {
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
