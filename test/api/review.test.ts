/**
 * Every request is audited (G2.6(a)), refused ones included (G2.6(b)), and the review of the log
 * (G2.26) reports the refusals: over HTTP, on each database.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { sessionHeaders, testPassword } from "../support/api-session.js";
import { backends, freshStore, rowsOf, type TestStore } from "../workspace/backends.js";

describe.each(backends.filter((b) => b.available))("request audit and review on $kind", (backend) => {
  let store: TestStore;
  let app: App;
  let contributor: Record<string, string>;
  let auditor: Record<string, string>;

  beforeAll(async () => {
    store = await freshStore(backend);
    app = await buildServer({ store, webRoot: "/nonexistent" });
    contributor = await sessionHeaders(app, store, [{ party: "acme", role: "contributor" }], "carl");
    auditor = await sessionHeaders(app, store, [{ party: "*", role: "auditor" }], "ada");
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.dispose();
  });

  const requestEntries = async () =>
    (
      await rowsOf<{ entry: string }>(
        store,
        sql`select entry from audit_entries where entry::jsonb ->> 'action' = 'api.request' order by seq`,
      )
    ).map((row) => JSON.parse(row.entry) as Record<string, unknown>);

  it("records a read and a refused attempt, each with actor, address, request id and reason", async () => {
    const read = await app.inject({
      method: "GET",
      url: "/api/code/versions",
      headers: { ...contributor, "x-request-id": "read-1" },
    });
    expect(read.statusCode).toBe(200);
    const refused = await app.inject({
      method: "GET",
      url: "/api/audit/entries",
      headers: { ...contributor, "x-request-id": "refused-1" },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: "forbidden" } });
    const anonymous = await app.inject({
      method: "GET",
      url: "/api/review",
      headers: { "x-request-id": "anon-1" },
    });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });

    const entries = await requestEntries();
    expect(entries.find((e) => e.requestId === "read-1")).toMatchObject({
      actor: "user:carl",
      clientAddress: "127.0.0.1",
      target: "route:GET /api/code/versions",
      outcome: "success",
      detail: {
        status: 200,
        resource: "code",
        action: "read",
        reason: "any user installation-wide may read code",
      },
    });
    expect(entries.find((e) => e.requestId === "refused-1")).toMatchObject({
      actor: "user:carl",
      target: "route:GET /api/audit/entries",
      outcome: "denied",
      detail: {
        status: 403,
        resource: "audit",
        action: "read",
        reason: "user:carl holds no role installation-wide; none may read audit",
      },
    });
    expect(entries.find((e) => e.requestId === "anon-1")).toMatchObject({
      actor: "anonymous",
      outcome: "denied",
      detail: { status: 401, reason: "not signed in" },
    });
  });

  it("records requests that match no route, and failed ones", async () => {
    const probe = await app.inject({
      method: "GET",
      url: "/api/secrets?x=1",
      headers: { "x-request-id": "probe-1" },
    });
    expect(probe.statusCode).toBe(404);
    const entries = await requestEntries();
    expect(entries.find((e) => e.requestId === "probe-1")).toMatchObject({
      target: "route:GET (no route)",
      outcome: "failure",
      detail: { status: 404, path: "/api/secrets" },
    });
  });

  it("reports the refused attempt and a failed login in the review, to an auditor only", async () => {
    // G2.26: the review lists denied attempts and failed logins.
    const failed = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "carl", password: `not ${testPassword}` },
    });
    expect(failed.statusCode).toBe(401);
    // The test clock stands still, so the period must end after it (the end is excluded).
    const review = await app.inject({ method: "GET", url: "/api/review?until=2025-06-03", headers: auditor });
    expect(review.statusCode).toBe(200);
    const body = review.json() as {
      denied: { actor: string; target: string }[];
      failedLogins: { kind: string; target: string }[];
    };
    expect(body.denied).toContainEqual(
      expect.objectContaining({ actor: "user:carl", target: "route:GET /api/audit/entries" }),
    );
    expect(body.failedLogins).toContainEqual(
      expect.objectContaining({ kind: "failed", target: "user:carl" }),
    );
    expect((await app.inject({ method: "GET", url: "/api/review", headers: contributor })).statusCode).toBe(
      403,
    );
    const badPeriod = await app.inject({ method: "GET", url: "/api/review?since=soon", headers: auditor });
    expect(badPeriod.json()).toMatchObject({ error: { code: "invalid_input", path: "since" } });
  });
});
