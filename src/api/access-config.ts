/**
 * What every route declares about access, read by the authorisation hook before the handler
 * runs: the resource it touches and the action it performs. Party-scoped routes carry the party
 * in the `:party` path parameter unless `partyFrom` says otherwise.
 */
import type { FastifyRequest } from "fastify";
import type { AccessAction, Principal } from "../workspace/access/principal.js";

export const accessResources = [
  "session",
  "code",
  "parties",
  "obligations",
  "deadlines",
  "quarantine",
  "audit",
  "review",
  "users",
  "registers",
  "evidence",
  "findings",
  "workflows",
  "controls",
] as const;
export type AccessResource = (typeof accessResources)[number];

export type RouteAccess = {
  readonly resource: AccessResource;
  readonly action: AccessAction;
  /**
   * The party whose workspace the request touches; by default the `:party` path parameter, and
   * for routes without one, no party (the resource is installation-wide). May look up the store.
   */
  readonly partyFrom?: (request: FastifyRequest) => string | null | Promise<string | null>;
};

declare module "fastify" {
  interface FastifyContextConfig {
    /** Every route except the public ones (health, login, static files) must set this. */
    access?: RouteAccess;
    /** Reachable without signing in (e.g. login); such routes are also exempt from the CSRF check. */
    public?: boolean;
  }
  interface FastifyRequest {
    principal: Principal;
  }
}
