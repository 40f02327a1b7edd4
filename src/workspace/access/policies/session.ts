/**
 * A user's own session and API tokens (sign out, change password, issue and revoke tokens): every
 * signed-in user manages their own; the handlers only ever touch the caller's records.
 */
import { everything, tablePolicy } from "../policy.js";

export const sessionPolicy = tablePolicy("session", {
  installationWide: {
    "any user": everything,
  },
});
