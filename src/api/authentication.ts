/**
 * Who is asking: an onRequest hook that sets `request.principal` from the session cookie or an
 * `Authorization: Bearer` API token (anonymous otherwise), before the authorisation hook and the
 * handlers run. It also refuses two kinds of request outright: a cookie-authenticated unsafe
 * method without the session's CSRF token (a browser sends cookies along on cross-site requests;
 * the header proves the page that sent it could read the session's answers), and anything but
 * the session routes from a user who must first change a one-time password.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { anonymous, type Principal, tokenScopes } from "../workspace/access/principal.js";
import {
  type ActiveSession,
  csrfMatches,
  defaultSessionPolicy,
  type SessionPolicy,
  type Sessions,
  sessionsOf,
} from "../workspace/auth/sessions.js";
import { type TokenHolder, type Tokens, tokensOf } from "../workspace/auth/tokens.js";
import type { User } from "../workspace/auth/users.js";
import type { Store } from "../workspace/store.js";
import type { App } from "./app.js";
import { parseCookies } from "./cookies.js";
import { sendError } from "./errors.js";

export const sessionCookieName = "secg_session";

/** How the principal was established; the session routes need the session itself. */
export type Authentication =
  | { readonly kind: "anonymous" }
  | { readonly kind: "session"; readonly token: string; readonly session: ActiveSession }
  | { readonly kind: "token"; readonly holder: TokenHolder };

declare module "fastify" {
  interface FastifyRequest {
    authentication: Authentication;
  }
}

/** The routes a user who must change a one-time password may still call. */
const whileChangeRequired = new Set(["/api/auth/me", "/api/auth/password", "/api/auth/logout"]);
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export type AuthServices = { readonly sessions: Sessions; readonly tokens: Tokens };

export function authServices(store: Store, policy: SessionPolicy = defaultSessionPolicy): AuthServices {
  return { sessions: sessionsOf(store.db, store.clock, policy), tokens: tokensOf(store.db, store.clock) };
}

/** Registers the hook; call it before any route is registered. */
export function authentication(app: App, services: AuthServices): void {
  const noAuthentication: Authentication = { kind: "anonymous" };
  app.decorateRequest("principal", null as never);
  app.decorateRequest("authentication", null as never);

  app.addHook("onRequest", async (request, reply) => {
    request.principal = anonymous;
    request.authentication = noAuthentication;
    if (!request.url.startsWith("/api/")) return;

    const bearer = bearerToken(request.headers.authorization);
    if (bearer !== undefined) {
      const holder = await services.tokens.resolve(bearer);
      if (!holder) return sendError(reply, 401, "the API token is unknown, expired or revoked");
      request.authentication = { kind: "token", holder };
      request.principal = principalOf(holder.user, "token", holder.scopes);
      return refuseUntilPasswordChanged(request, reply, holder.user);
    }

    const token = parseCookies(request.headers.cookie).get(sessionCookieName);
    const session = token === undefined ? undefined : await services.sessions.resume(token);
    if (token === undefined || session === undefined) return;
    if (
      !safeMethods.has(request.method) &&
      request.routeOptions.config.public !== true &&
      !csrfMatches(session, headerValue(request.headers["x-csrf-token"]))
    ) {
      return sendError(
        reply,
        403,
        "a signed-in browser request that changes something must carry x-csrf-token",
      );
    }
    request.authentication = { kind: "session", token, session };
    request.principal = principalOf(session.user, "session", tokenScopes);
    return refuseUntilPasswordChanged(request, reply, session.user);
  });
}

function principalOf(
  user: User,
  via: "session" | "token",
  scopes: readonly (typeof tokenScopes)[number][],
): Principal {
  return {
    kind: "user",
    userId: user.id,
    username: user.username,
    memberships: user.memberships,
    via,
    scopes,
  };
}

function refuseUntilPasswordChanged(
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): FastifyReply | undefined {
  if (!user.mustChangePassword || whileChangeRequired.has(request.routeOptions.url ?? "")) return undefined;
  return reply
    .code(403)
    .type("application/json")
    .send({
      error: {
        code: "password_change_required",
        message: "change the one-time password first (POST /api/auth/password)",
      },
    });
}

function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
