/**
 * The versions of Section G: anyone signed in may read them; importing a version changes what
 * every party is measured against, so only an owner of the whole installation may.
 */
import { everything, tablePolicy } from "../policy.js";

export const codePolicy = tablePolicy("code", {
  installationWide: {
    "any user": ["read"],
    owner: everything,
  },
});
