/**
 * The authentication hook alone, on a bare server with one route that answers the principal it
 * sees: what a session and a token make of a request, before any authorisation policy runs.
 */
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { authentication, authServices } from "../../src/api/authentication.js";
import { authRoutes } from "../../src/api/routes/auth.js";
import { serializerCompiler, validatorCompiler } from "../../src/api/zod-schemas.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders, tokenHeaders } from "../support/api-session.js";
import { embedded, type Provisioned } from "../workspace/backends.js";

describe("the principal a request carries", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = Fastify() as unknown as App;
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    const services = authServices(store);
    authentication(app, services);
    authRoutes(app, services);
    app.all("/api/echo", async (request) => request.principal);
    app.get("/elsewhere", async (request) => request.principal);
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const echo = (method: "GET" | "POST", headers: Record<string, string> = {}) =>
    app.inject({ method, url: "/api/echo", headers });

  it("is anonymous without credentials", async () => {
    expect((await echo("GET")).json()).toEqual({ kind: "anonymous" });
  });

  it("is the user with every scope when signed in by session", async () => {
    const headers = await sessionHeaders(app, store, [{ party: "srp-one", role: "auditor" }], "kim");
    expect((await echo("GET", { cookie: headers.cookie! })).json()).toMatchObject({
      kind: "user",
      username: "kim",
      memberships: [{ party: "srp-one", role: "auditor" }],
      via: "session",
      scopes: ["read", "write", "admin"],
    });
    // G2.6(c): a cross-site form post carries the cookie but cannot know the CSRF token.
    expect((await echo("POST", { cookie: headers.cookie! })).statusCode).toBe(403);
    expect((await echo("POST", headers)).statusCode).toBe(200);
  });

  it("carries a token's scopes, and needs no CSRF token", async () => {
    const headers = await tokenHeaders(store, [{ party: "*", role: "ssc" }], ["read"], "lee");
    expect((await echo("POST", headers)).json()).toMatchObject({
      kind: "user",
      username: "lee",
      memberships: [{ party: "*", role: "ssc" }],
      via: "token",
      scopes: ["read"],
    });
  });

  it("answers 401 for a malformed or unknown bearer token rather than treating it as anonymous", async () => {
    for (const authorization of ["Bearer nonsense", `Bearer secg_0123456789abcdef_${"A".repeat(43)}`]) {
      const response = await echo("GET", { authorization });
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe("unauthorized");
    }
  });

  it("ignores an unknown session cookie (anonymous), and reads no credentials outside /api", async () => {
    expect((await echo("POST", { cookie: `secg_session=${"A".repeat(43)}` })).json()).toEqual({
      kind: "anonymous",
    });
    const headers = await sessionHeaders(app, store, [], "mo");
    const outside = await app.inject({ method: "GET", url: "/elsewhere", headers });
    expect(outside.json()).toEqual({ kind: "anonymous" });
  });
});
