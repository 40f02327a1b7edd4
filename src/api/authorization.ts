/**
 * Authorisation and the audit of every request (G2.6, G2.26). Three hooks:
 * - onRoute: a route under /api/ that declares neither `config.access` nor `config.public` stops
 *   the server at startup, so no endpoint ships unprotected;
 * - preValidation: the route's party is resolved and its resource's policy decides; anonymous
 *   requests get 401 and refused ones 403, before the body is validated or the handler runs;
 * - onSend: one audit entry per request, refused and failed ones included, written before the
 *   response leaves, so no client sees an answer whose record is not durable.
 * The authentication hook (./authentication.ts) must run first: it sets `request.principal`.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { policies } from "../workspace/access/policies/index.js";
import type { Decision, Policy } from "../workspace/access/policy.js";
import { actorName } from "../workspace/access/principal.js";
import { dccParties } from "../workspace/access/tenancy.js";
import {
  type AuditEvent,
  appendStandaloneAudit,
  auditSchemaVersion,
  type JsonValue,
} from "../workspace/audit.js";
import type { Store } from "../workspace/store.js";
import type { AccessResource, RouteAccess } from "./access-config.js";
import type { App } from "./app.js";
import { errorBody, sendError } from "./errors.js";

const policyOf: Readonly<Record<AccessResource, Policy>> = policies;

/** What the authorisation hook decided about one request, for its audit entry. */
type Decided = { readonly party: string | null; readonly reason: string };

const decided = new WeakMap<FastifyRequest, Decided>();

// The OpenAPI document and its viewer describe the API and hold no data.
const documentation = ["/api/docs", "/api/openapi.json"];
// A load balancer polls health every few seconds; it touches no data, so it is not audited.
const unaudited = new Set(["/api/health"]);

function isApiPath(path: string): boolean {
  return path === "/api" || path.startsWith("/api/");
}

function isDocumentation(path: string): boolean {
  return documentation.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

export function registerAuthorization(app: App, store: Store): void {
  app.addHook("onRoute", (route) => {
    if (!isApiPath(route.url) || isDocumentation(route.url)) return;
    if (route.config?.access !== undefined || route.config?.public === true) return;
    const methods = [route.method].flat().join(",");
    throw new Error(
      `route ${methods} ${route.url} declares neither config.access nor config.public: ` +
        "every /api route must say which resource and action it touches (src/api/access-config.ts)",
    );
  });

  app.addHook("preValidation", async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (access === undefined) return;
    const principal = request.principal;
    const party = await partyOf(request, access);
    const decision = policyOf[access.resource]({
      principal,
      action: access.action,
      party,
      ...(access.resource === "quarantine" ? { dccParties: await dccParties(store.db) } : {}),
    });
    decided.set(request, { party, reason: decision.reason });
    if (decision.allow) return;
    if (principal.kind !== "user")
      return sendError(reply, 401, "sign in first: this needs a session or an API token");
    return sendError(reply, 403, `not allowed: ${decision.reason}`);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const path = request.url.split("?")[0] ?? "";
    if (!isApiPath(path) || isDocumentation(path) || unaudited.has(path)) return payload;
    try {
      await appendStandaloneAudit(store.db, requestEntry(request, reply.statusCode, store));
      return payload;
    } catch (error) {
      // An answer whose record could not be kept is not given; the error shape leaks nothing.
      request.log.error({ err: error }, "audit: could not record the request");
      reply.code(500).type("application/json").removeHeader("content-length");
      return JSON.stringify(errorBody(500, "internal error; the server log has the details"));
    }
  });
}

/**
 * Refuses a request from inside a handler, for finer rules only the handler can judge (e.g.
 * creating a party rather than updating one); the audit entry carries the reason.
 */
export function refuse(request: FastifyRequest, reply: FastifyReply, decision: Decision): FastifyReply {
  decided.set(request, { party: decided.get(request)?.party ?? null, reason: decision.reason });
  return sendError(reply, 403, `not allowed: ${decision.reason}`);
}

async function partyOf(request: FastifyRequest, access: RouteAccess): Promise<string | null> {
  if (access.partyFrom !== undefined) return access.partyFrom(request);
  const params = request.params as Readonly<Record<string, string | undefined>> | undefined;
  return params?.party ?? null;
}

function outcomeOf(status: number): AuditEvent["outcome"] {
  if (status === 401 || status === 403) return "denied";
  return status < 400 ? "success" : "failure";
}

function requestEntry(request: FastifyRequest, status: number, store: Store): AuditEvent {
  const route = request.routeOptions.url;
  // A request refused before the decision (e.g. by the authentication hook) has no decision.
  const access = request.routeOptions.config.access;
  const decision = decided.get(request);
  const detail: Record<string, JsonValue> = { status };
  if (route === undefined) detail.path = request.url.split("?")[0] ?? "";
  if (decision?.party != null) detail.party = decision.party;
  if (access !== undefined) {
    detail.resource = access.resource;
    detail.action = access.action;
  }
  if (decision !== undefined) detail.reason = decision.reason;
  return {
    actor: actorName(request.principal),
    clientAddress: request.ip,
    requestId: request.id,
    action: "api.request",
    target: `route:${request.method} ${route ?? "(no route)"}`,
    outcome: outcomeOf(status),
    time: store.clock.now().toISOString(),
    timeSource: store.clock.source,
    schemaVersion: auditSchemaVersion,
    detail,
  };
}
