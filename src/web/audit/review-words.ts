/** How the G2.26 review's entries read as sentences and words rather than raw fields. */
import type { ReviewEntry, UnusualActivity } from "../api/workspace.js";
import type { Entry } from "./verify.js";

const actionWords: Readonly<Record<string, string>> = {
  "auth.login": "sign in",
  "auth.logout": "sign out",
  "auth.lockout": "account locked",
  "auth.password.change": "change password",
  "auth.token.issue": "issue API token",
  "auth.token.revoke": "revoke API token",
  "user.create": "create user",
  "user.password.reset": "reset password",
};

/**
 * The action in words: an API request reads as what it tried on which resource ("write
 * registers"), other actions from their dotted names ("party.policy.set" → "party policy set").
 */
export function actionInWords(entry: Pick<ReviewEntry, "action" | "detail">): string {
  const { action, resource } = entry.detail;
  if (entry.action === "api.request" && typeof action === "string" && typeof resource === "string") {
    return `${action} ${resource}`;
  }
  return actionWords[entry.action] ?? entry.action.replaceAll(".", " ");
}

/** The target without its kind prefix: "route:GET /api/x" → "GET /api/x". */
export function targetInWords(target: string): string {
  return target.replace(/^[a-z]+:/, "");
}

export const unusualKinds: readonly { kind: UnusualActivity["kind"]; title: string; reason: string }[] = [
  {
    kind: "denial-burst",
    title: "Bursts of refusals",
    reason: "Many requests refused in a short time from one user or one address: someone may be probing.",
  },
  {
    kind: "new-address",
    title: "Sign-ins from a new address",
    reason: "A user acted from an address not seen for them before: check it was them.",
  },
  {
    kind: "outside-hours",
    title: "Activity outside working hours",
    reason: "A user acted outside working hours (Monday to Friday, 07:00 to 19:00 in Great Britain).",
  },
];

/**
 * A log entry read while verifying, in the review's shape so it shows in the same table; an entry
 * that is not the JSON of an audit event keeps its text as the action.
 */
export function reviewEntryOf(entry: Entry): ReviewEntry {
  let event: Partial<ReviewEntry> = {};
  try {
    event = JSON.parse(entry.entry ?? "{}") as Partial<ReviewEntry>;
  } catch {
    event = { action: entry.entry ?? "" };
  }
  return {
    seq: entry.seq,
    time: event.time ?? "",
    actor: event.actor ?? "",
    clientAddress: event.clientAddress ?? null,
    action: event.action ?? "",
    target: event.target ?? "",
    outcome: event.outcome ?? "success",
    detail: event.detail ?? {},
  };
}
