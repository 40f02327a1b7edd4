/**
 * Who is asking, as the access policies see it. A user holds a role in one party's workspace per
 * membership; party "*" means every workspace (the first owner of an installation, members of the
 * SSC). A request made with an API token carries that token's scopes, which can only narrow what
 * the user's roles allow.
 */
import type { Origin } from "../audit.js";

export const workspaceRoles = ["owner", "security-officer", "contributor", "auditor", "ssc"] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

/** "*" stands for every party's workspace. */
export type PartyScope = string;
export const everyParty: PartyScope = "*";

export type Membership = { readonly party: PartyScope; readonly role: WorkspaceRole };

export const tokenScopes = ["read", "write", "admin"] as const;
export type TokenScope = (typeof tokenScopes)[number];

/** What a request wants to do to a resource; policies answer per action. */
export const accessActions = ["read", "write", "decide", "admin"] as const;
export type AccessAction = (typeof accessActions)[number];

export type UserPrincipal = {
  readonly kind: "user";
  readonly userId: string;
  readonly username: string;
  readonly memberships: readonly Membership[];
  /** A browser session carries every scope; a token only those it was issued with. */
  readonly via: "session" | "token";
  readonly scopes: readonly TokenScope[];
};

export type Principal = { readonly kind: "anonymous" } | UserPrincipal;

export const anonymous: Principal = { kind: "anonymous" };

/** The roles a principal holds in one party's workspace, "*" memberships included. */
export function rolesIn(principal: Principal, party: string): readonly WorkspaceRole[] {
  if (principal.kind !== "user") return [];
  return principal.memberships.filter((m) => m.party === party || m.party === everyParty).map((m) => m.role);
}

/** The name an audit entry gives the principal. */
export function actorName(principal: Principal): string {
  return principal.kind === "user" ? `user:${principal.username}` : "anonymous";
}

/** The audit origin of a change made on behalf of a principal. */
export function originFor(principal: Principal, clientAddress: string, requestId: string): Origin {
  return { actor: actorName(principal), clientAddress, requestId };
}
