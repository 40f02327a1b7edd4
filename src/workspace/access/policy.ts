/**
 * How a policy decides. Each resource's policy (./policies/) is a table: who may do which action,
 * inside one party's workspace and installation-wide (no party). A decision always carries its
 * reason in words, because the audit log stores it beside every denied attempt (G2.6(b)).
 *
 * The order of the checks is the same for every resource: a request without a signed-in user is
 * refused; a token whose scopes do not cover the action is refused even when the user's roles
 * would allow it (scopes only narrow); then the roles decide.
 */
import {
  type AccessAction,
  actorName,
  everyParty,
  type Principal,
  rolesIn,
  type TokenScope,
  type WorkspaceRole,
} from "./principal.js";

export type AccessRequest = {
  readonly principal: Principal;
  readonly action: AccessAction;
  /** The party whose workspace is touched; null for installation-wide resources. */
  readonly party: string | null;
  /** Ids of the parties whose profile kind is "dcc"; only the quarantine policy asks. */
  readonly dccParties?: readonly string[];
};

export type Decision = { readonly allow: boolean; readonly reason: string };

export type Policy = (request: AccessRequest) => Decision;

/**
 * Who a table row names: a workspace role, anyone signed in, or a member of the DCC (a user
 * holding any role in a party whose profile kind is "dcc").
 */
export type Holder = WorkspaceRole | "any user" | "DCC member";

export type AccessTable = Readonly<Partial<Record<Holder, readonly AccessAction[]>>>;

export type PolicyTables = {
  /** Inside one party's workspace: roles held in that party, or in every party ("*"). */
  readonly inParty?: AccessTable;
  /** With no party: only roles held in every party ("*") count. */
  readonly installationWide?: AccessTable;
};

/** Every action; owners hold it in their workspace. */
export const everything: readonly AccessAction[] = ["read", "write", "decide", "admin"];

/** What each token scope lets through: read → read only; write → all but admin; admin → all. */
const actionsOfScope: Readonly<Record<TokenScope, readonly AccessAction[]>> = {
  read: ["read"],
  write: ["read", "write", "decide"],
  admin: everything,
};

export function allow(reason: string): Decision {
  return { allow: true, reason };
}

export function deny(reason: string): Decision {
  return { allow: false, reason };
}

/** A policy read off its tables; the resource name only words the reasons. */
export function tablePolicy(resource: string, tables: PolicyTables): Policy {
  return (request) => {
    const { principal, action, party } = request;
    if (principal.kind !== "user") return deny("not signed in");
    if (
      principal.via === "token" &&
      !principal.scopes.some((scope) => actionsOfScope[scope].includes(action))
    ) {
      return deny(`the API token's scopes (${principal.scopes.join(", ") || "none"}) do not cover ${action}`);
    }
    const where = party === null ? "installation-wide" : `in party ${party}`;
    const table = party === null ? tables.installationWide : tables.inParty;
    if (table === undefined) {
      return deny(
        party === null ? `${resource} belongs to a party's workspace` : `${resource} is installation-wide`,
      );
    }
    const holders = holdersOf(request);
    const granting = holders.find((holder) => table[holder]?.includes(action));
    if (granting !== undefined) return allow(`${granting} ${where} may ${action} ${resource}`);
    const held = holders.filter((holder) => holder !== "any user");
    return deny(
      `${actorName(principal)} holds ${held.length === 0 ? "no role" : held.join(", ")} ${where}; ` +
        `none may ${action} ${resource}`,
    );
  };
}

/** The table rows that apply to the request's principal, roles first. */
function holdersOf(request: AccessRequest): Holder[] {
  const { principal, party } = request;
  if (principal.kind !== "user") return [];
  const roles = rolesIn(principal, party ?? everyParty);
  const dcc = request.dccParties ?? [];
  const inDcc = principal.memberships.some((m) => dcc.includes(m.party));
  return [...new Set<Holder>(roles), "any user", ...(inDcc ? (["DCC member"] as const) : [])];
}
