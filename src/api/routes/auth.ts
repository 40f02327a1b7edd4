/**
 * Signing in and out, the signed-in user, password changes and the user's API tokens. The login
 * answer never says which of username and password was wrong; a locked account or a throttled
 * address gets 429 with Retry-After.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { originFor, tokenScopes } from "../../workspace/access/principal.js";
import { csrfTokenFor } from "../../workspace/auth/sessions.js";
import type { User } from "../../workspace/auth/users.js";
import type { App } from "../app.js";
import { type AuthServices, sessionCookieName } from "../authentication.js";
import { sessionCookie } from "../cookies.js";
import { ErrorBody, sendError } from "../errors.js";

export const MembershipBody = z.object({
  party: z.string().describe('A party id, or "*" for every party'),
  role: z.enum(["owner", "security-officer", "contributor", "auditor", "ssc"]),
});

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  memberships: z.array(MembershipBody),
  mustChangePassword: z.boolean(),
});

const MeAnswer = z.object({
  user: Me,
  csrfToken: z
    .string()
    .nullable()
    .describe("Send as x-csrf-token on unsafe methods; null when signed in by token"),
});

const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.enum(tokenScopes)),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

const tags = ["auth"];
const session = (action: "read" | "write") => ({ access: { resource: "session" as const, action } });

export function me(user: User): z.infer<typeof Me> {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    memberships: user.memberships.map((m) => ({ party: m.party, role: m.role })),
    mustChangePassword: user.mustChangePassword,
  };
}

export function authRoutes(app: App, services: AuthServices): void {
  const { sessions, tokens } = services;
  const notSignedIn = (reply: FastifyReply) => sendError(reply, 401, "sign in first (POST /api/auth/login)");

  app.post(
    "/api/auth/login",
    {
      // Public alone: a policy would refuse the anonymous caller that signing in is for.
      config: { public: true },
      schema: {
        summary: "Sign in; sets the secg_session cookie and answers the CSRF token",
        tags,
        body: z.strictObject({ username: z.string().max(200), password: z.string().max(1024) }),
        response: { 200: MeAnswer, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const result = await sessions.login(username, password, {
        ...originFor(request.principal, request.ip, request.id),
        clientAddress: request.ip,
      });
      if (result.kind === "throttled") {
        reply.header("retry-after", String(result.retryAfterSeconds));
        return sendError(reply, 429, "too many failed sign-ins; try again later");
      }
      if (result.kind === "refused") return sendError(reply, 401, "unknown username or wrong password");
      reply.header(
        "set-cookie",
        sessionCookie(sessionCookieName, result.token, { secure: isHttps(request) }),
      );
      return { user: me(result.user), csrfToken: result.csrfToken };
    },
  );

  app.get(
    "/api/auth/me",
    {
      config: session("read"),
      schema: { summary: "The signed-in user", tags, response: { 200: MeAnswer, 401: ErrorBody } },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (auth.kind === "session")
        return { user: me(auth.session.user), csrfToken: csrfTokenFor(auth.token) };
      if (auth.kind === "token") return { user: me(auth.holder.user), csrfToken: null };
      return notSignedIn(reply);
    },
  );

  app.post(
    "/api/auth/logout",
    {
      config: session("write"),
      schema: {
        summary: "Sign out: ends the session and clears its cookie",
        tags,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (auth.kind === "session") {
        await sessions.logout(auth.token, originFor(request.principal, request.ip, request.id));
      }
      reply.header(
        "set-cookie",
        sessionCookie(sessionCookieName, "", { secure: isHttps(request), maxAge: 0 }),
      );
      return reply.code(204).send(null);
    },
  );

  app.post(
    "/api/auth/password",
    {
      config: session("write"),
      schema: {
        summary: "Change one's own password; ends one's other sessions",
        tags,
        body: z.strictObject({ currentPassword: z.string().max(1024), newPassword: z.string().max(1024) }),
        response: { 204: z.null(), 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const auth = request.authentication;
      if (request.principal.kind !== "user" || auth.kind === "anonymous") return notSignedIn(reply);
      const outcome = await sessions.changePassword(
        request.principal.userId,
        request.body.currentPassword,
        request.body.newPassword,
        auth.kind === "session" ? auth.session.sessionId : undefined,
        originFor(request.principal, request.ip, request.id),
      );
      if (outcome === "no-user") return notSignedIn(reply);
      if (outcome === "wrong-password") {
        return sendError(reply, 400, "expected the current password", "currentPassword");
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    "/api/auth/tokens",
    {
      config: session("write"),
      schema: {
        summary: "The signed-in user's API tokens (never their secrets)",
        tags,
        response: { 200: z.object({ tokens: z.array(ApiToken) }), 401: ErrorBody },
      },
    },
    async (request, reply) => {
      if (request.principal.kind !== "user") return notSignedIn(reply);
      return { tokens: await tokens.list(request.principal.userId) };
    },
  );

  app.post(
    "/api/auth/tokens",
    {
      config: session("write"),
      schema: {
        summary: "Issue an API token; the secret is in this answer only",
        tags,
        body: z.strictObject({
          name: z.string().max(100),
          scopes: z.array(z.enum(tokenScopes)).min(1),
          expiresAt: z.iso
            .datetime({ offset: true })
            .optional()
            .describe("ISO 8601 instant; none: no expiry"),
        }),
        response: {
          201: z.object({
            token: ApiToken.pick({ id: true, name: true, scopes: true, expiresAt: true }),
            secret: z.string().describe("Authorization: Bearer <secret>; shown once"),
          }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (principal.kind !== "user") return notSignedIn(reply);
      const { name, scopes, expiresAt } = request.body;
      // A token can make tokens only as narrow as itself, or it would be a way round its scopes.
      const wider = scopes.filter((s) => !principal.scopes.includes(s));
      if (wider.length > 0) {
        return sendError(
          reply,
          403,
          `this token may not issue scopes it lacks (${wider.join(", ")})`,
          "scopes",
        );
      }
      const issued = await tokens.issue(
        principal.userId,
        { name, scopes, ...(expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt) }) },
        originFor(principal, request.ip, request.id),
      );
      const { id, scopes: held, expiresAt: ends } = issued.token;
      return reply.code(201).send({
        token: { id, name: issued.token.name, scopes: [...held], expiresAt: ends },
        secret: issued.secret,
      });
    },
  );

  app.delete(
    "/api/auth/tokens/:id",
    {
      config: session("write"),
      schema: {
        summary: "Revoke one of the signed-in user's API tokens",
        tags,
        params: z.object({ id: z.string() }),
        response: { 204: z.null(), 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const principal = request.principal;
      if (principal.kind !== "user") return notSignedIn(reply);
      const revoked = await tokens.revoke(
        principal.userId,
        request.params.id,
        originFor(principal, request.ip, request.id),
      );
      if (!revoked) return sendError(reply, 404, `no active token ${request.params.id} of yours`, "id");
      return reply.code(204).send(null);
    },
  );
}

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === "https";
}
