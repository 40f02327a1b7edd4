/**
 * User accounts and memberships: an owner of every party ("*") administers all users; the owner
 * of one party administers the memberships in that party.
 */
import { everything, tablePolicy } from "../policy.js";

export const usersPolicy = tablePolicy("users", {
  inParty: {
    owner: everything,
  },
  installationWide: {
    owner: everything,
  },
});
