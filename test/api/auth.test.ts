/**
 * Signing in over HTTP: sessions (cookie + CSRF token), their idle and absolute ends, lockout,
 * password changes and API tokens, on each database backend. G2.6(b): every sign-in event is an
 * audit entry; access to the workspace is by authenticated individual users.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { usersOf } from "../../src/workspace/auth/users.js";
import type { Clock } from "../../src/workspace/clock.js";
import type { Store } from "../../src/workspace/store.js";
import { sessionHeaders, signIn, testPassword } from "../support/api-session.js";
import { backends, freshStore, rowsOf, type TestStore } from "../workspace/backends.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");
const minute = 60_000;

/** A clock the test moves by hand: expiry and lockout are tested without sleeping. */
function movableClock(start: string): Clock & { advance: (ms: number) => void } {
  let now = new Date(start).getTime();
  return { now: () => new Date(now), source: "test-movable", advance: (ms) => (now += ms) };
}

async function auditEntries(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`);
  return rows.map((row) => JSON.parse(row.entry) as Record<string, unknown>);
}

describe.each(backends)("authentication API on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let app: App;
    let clock: ReturnType<typeof movableClock>;

    beforeEach(async () => {
      clock = movableClock("2026-03-02T09:00:00.000Z");
      store = await freshStore(backend, { clock });
      app = await buildServer({ store, webRoot: noWebRoot });
    });
    afterEach(async () => {
      await app.close();
      await store.dispose();
    });

    const me = (headers: Record<string, string>) =>
      app.inject({ method: "GET", url: "/api/auth/me", headers });
    const login = (username: string, password: string, remoteAddress = "192.0.2.1") =>
      app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password }, remoteAddress });

    it("signs in with a cookie that scripts cannot read, and answers who is signed in", async () => {
      await usersOf(store.db, store.clock).create(
        {
          username: "Alice",
          displayName: "Alice A",
          memberships: [{ party: "srp-one", role: "auditor" }],
          password: testPassword,
        },
        { actor: "test" },
      );
      const response = await login("alice", testPassword);
      expect(response.statusCode).toBe(200);
      const cookie = String(response.headers["set-cookie"]);
      expect(cookie).toMatch(/^secg_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
      const body = response.json();
      expect(body.user).toMatchObject({
        username: "alice",
        displayName: "Alice A",
        memberships: [{ party: "srp-one", role: "auditor" }],
        mustChangePassword: false,
      });
      const headers = { cookie: cookie.split(";")[0]!, "x-csrf-token": body.csrfToken };
      const answer = await me(headers);
      expect(answer.statusCode).toBe(200);
      expect(answer.json()).toEqual(body);
    });

    it("marks the cookie Secure when the request came over https through a trusted proxy", async () => {
      await usersOf(store.db, store.clock).create(
        { username: "tls-user", memberships: [], password: testPassword },
        { actor: "test" },
      );
      const behindProxy = await buildServer({ store, webRoot: noWebRoot, trustProxy: true });
      try {
        const response = await behindProxy.inject({
          method: "POST",
          url: "/api/auth/login",
          headers: { "x-forwarded-proto": "https" },
          payload: { username: "tls-user", password: testPassword },
        });
        expect(String(response.headers["set-cookie"])).toMatch(/; Secure$/);
      } finally {
        await behindProxy.close();
      }
    });

    it("answers the same 401 for an unknown user and a wrong password, and audits both", async () => {
      await usersOf(store.db, store.clock).create(
        { username: "bob", memberships: [], password: testPassword },
        { actor: "test" },
      );
      const unknown = await login("nobody", testPassword);
      const wrong = await login("bob", "not the password at all");
      expect(unknown.statusCode).toBe(401);
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
      const failures = (await auditEntries(store)).filter(
        (e) => e.action === "auth.login" && e.outcome === "failure",
      );
      expect(failures.map((e) => e.detail)).toEqual([
        { username: "nobody", reason: "unknown-user" },
        { username: "bob", reason: "wrong-password" },
      ]);
      expect(JSON.stringify(failures)).not.toContain("not the password");
    });

    it("refuses a cookie-authenticated change without the CSRF token (403)", async () => {
      const headers = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
      const without = await app.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { cookie: headers.cookie! },
      });
      expect(without.statusCode).toBe(403);
      expect(without.json().error.code).toBe("forbidden");
      const wrong = await app.inject({
        method: "POST",
        url: "/api/auth/logout",
        headers: { ...headers, "x-csrf-token": "A".repeat(43) },
      });
      expect(wrong.statusCode).toBe(403);
      const right = await app.inject({ method: "POST", url: "/api/auth/logout", headers });
      expect(right.statusCode).toBe(204);
      expect(String(right.headers["set-cookie"])).toContain("Max-Age=0");
      expect((await me(headers)).statusCode).toBe(401);
    });

    it("ends a session after 30 idle minutes, and after 12 hours however busy", async () => {
      const headers = await sessionHeaders(app, store, []);
      clock.advance(29 * minute);
      expect((await me(headers)).statusCode).toBe(200);
      clock.advance(29 * minute);
      expect((await me(headers)).statusCode).toBe(200);
      clock.advance(31 * minute);
      expect((await me(headers)).statusCode).toBe(401);

      const busy = await sessionHeaders(app, store, []);
      for (let i = 0; i < 24; i++) {
        clock.advance(29 * minute);
        expect((await me(busy)).statusCode).toBe(200);
      }
      clock.advance(29 * minute);
      expect((await me(busy)).statusCode).toBe(401);
    });

    // G2.6(b)-(c): repeated guessing of one account's password is detected and stopped.
    it("locks a username for 15 minutes after 5 failures, audits the lockout, and lets it in afterwards", async () => {
      await usersOf(store.db, store.clock).create(
        { username: "carol", memberships: [], password: testPassword },
        { actor: "test" },
      );
      for (let i = 0; i < 5; i++) {
        clock.advance(minute);
        expect((await login("carol", `wrong password ${i}`)).statusCode).toBe(401);
      }
      const locked = await login("carol", testPassword);
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error.code).toBe("too_many_requests");
      expect(locked.headers["retry-after"]).toBe("900");
      const entries = await auditEntries(store);
      expect(entries.filter((e) => e.action === "auth.lockout")).toHaveLength(1);
      expect(entries.filter((e) => e.action === "auth.login").at(-1)).toMatchObject({
        outcome: "failure",
        detail: { reason: "locked" },
      });

      clock.advance(14 * minute);
      expect((await login("carol", testPassword)).statusCode).toBe(429);
      clock.advance(minute);
      expect((await login("carol", testPassword)).statusCode).toBe(200);
    });

    it("clears a username's failures at a successful login", async () => {
      await usersOf(store.db, store.clock).create(
        { username: "dave", memberships: [], password: testPassword },
        { actor: "test" },
      );
      for (let i = 0; i < 4; i++) expect((await login("dave", "wrong password!")).statusCode).toBe(401);
      expect((await login("dave", testPassword)).statusCode).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login("dave", "wrong password!")).statusCode).toBe(401);
      expect((await login("dave", testPassword)).statusCode).toBe(200);
      clock.advance(31 * minute);
      expect((await login("dave", testPassword)).statusCode).toBe(200);
      // Attempts too old to count towards any limit are dropped at the next successful sign-in.
      expect(await rowsOf(store, sql`select 1 from login_attempts`)).toHaveLength(1);
    });

    it("refuses an address after 20 failures in 15 minutes, whichever usernames it tried", async () => {
      for (let i = 0; i < 20; i++) {
        expect((await login(`guess-${i}`, "some password here", "198.51.100.7")).statusCode).toBe(401);
      }
      const refused = await login("guess-20", "some password here", "198.51.100.7");
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      expect((await login("guess-20", "some password here", "198.51.100.8")).statusCode).toBe(401);
      clock.advance(15 * minute);
      expect((await login("guess-20", "some password here", "198.51.100.7")).statusCode).toBe(401);
    });

    it("holds a user with a one-time password to the session routes until it is changed", async () => {
      const { user, oneTimePassword } = await usersOf(store.db, store.clock).create(
        { username: "erin", memberships: [{ party: "*", role: "owner" }] },
        { actor: "test" },
      );
      expect(user.mustChangePassword).toBe(true);
      const headers = await signIn(app, "erin", oneTimePassword!);
      expect((await me(headers)).json().user.mustChangePassword).toBe(true);
      const blocked = await app.inject({ method: "GET", url: "/api/users", headers });
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe("password_change_required");

      const change = (currentPassword: string, newPassword: string) =>
        app.inject({
          method: "POST",
          url: "/api/auth/password",
          headers,
          payload: { currentPassword, newPassword },
        });
      const wrong = await change("not the one-time one", "a brand new password");
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.path).toBe("currentPassword");
      expect((await change(oneTimePassword!, "erin-password-1")).json().error.path).toBe("newPassword");
      expect((await change(oneTimePassword!, "too short")).statusCode).toBe(400);
      expect((await change(oneTimePassword!, "a brand new password")).statusCode).toBe(204);
      expect((await app.inject({ method: "GET", url: "/api/users", headers })).statusCode).toBe(200);
      expect((await me(headers)).json().user.mustChangePassword).toBe(false);
    });

    it("ends a user's other sessions when the password changes, keeping the one that changed it", async () => {
      const first = await sessionHeaders(app, store, [], "frank");
      const second = await signIn(app, "frank", testPassword);
      const changed = await app.inject({
        method: "POST",
        url: "/api/auth/password",
        headers: first,
        payload: { currentPassword: testPassword, newPassword: "another long password" },
      });
      expect(changed.statusCode).toBe(204);
      expect((await me(first)).statusCode).toBe(200);
      expect((await me(second)).statusCode).toBe(401);
      expect((await login("frank", testPassword)).statusCode).toBe(401);
      expect((await login("frank", "another long password")).statusCode).toBe(200);
    });

    it("issues a token whose secret is shown once, lists it without the secret, and revokes it", async () => {
      const headers = await sessionHeaders(app, store, [{ party: "*", role: "owner" }], "gina");
      const issued = await app.inject({
        method: "POST",
        url: "/api/auth/tokens",
        headers,
        payload: { name: "ci", scopes: ["read"] },
      });
      expect(issued.statusCode).toBe(201);
      const { token, secret } = issued.json();
      expect(secret).toMatch(new RegExp(`^secg_${token.id}_[A-Za-z0-9_-]{43}$`));
      const bearer = { authorization: `Bearer ${secret}` };
      const answer = await me(bearer);
      expect(answer.json()).toMatchObject({ user: { username: "gina" }, csrfToken: null });

      const listed = await app.inject({ method: "GET", url: "/api/auth/tokens", headers });
      expect(listed.json().tokens).toEqual([
        expect.objectContaining({ id: token.id, name: "ci", scopes: ["read"] }),
      ]);
      expect(listed.body).not.toContain(secret.slice(22));

      const revoked = await app.inject({ method: "DELETE", url: `/api/auth/tokens/${token.id}`, headers });
      expect(revoked.statusCode).toBe(204);
      const refused = await me(bearer);
      expect(refused.statusCode).toBe(401);
      expect(refused.json().error.code).toBe("unauthorized");
      expect(
        (await app.inject({ method: "DELETE", url: `/api/auth/tokens/${token.id}`, headers })).statusCode,
      ).toBe(404);
    });

    it("refuses a token after its expiry", async () => {
      const headers = await sessionHeaders(app, store, [], "hugo");
      const issued = await app.inject({
        method: "POST",
        url: "/api/auth/tokens",
        headers,
        payload: { name: "short", scopes: ["read"], expiresAt: "2026-03-02T10:00:00Z" },
      });
      const bearer = { authorization: `Bearer ${issued.json().secret}` };
      expect((await me(bearer)).statusCode).toBe(200);
      clock.advance(60 * minute);
      expect((await me(bearer)).statusCode).toBe(401);
    });

    it("lets an installation owner add, reset and disable users; disabling ends their sessions and tokens", async () => {
      const owner = await sessionHeaders(app, store, [{ party: "*", role: "owner" }], "root-owner");
      const added = await app.inject({
        method: "POST",
        url: "/api/users",
        headers: owner,
        payload: { username: "Ivy", memberships: [{ party: "srp-one", role: "contributor" }] },
      });
      expect(added.statusCode).toBe(201);
      const { user, oneTimePassword } = added.json();
      expect(user).toMatchObject({ username: "ivy", mustChangePassword: true, disabled: false });
      expect(oneTimePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);

      const reset = await app.inject({
        method: "PATCH",
        url: `/api/users/${user.id}`,
        headers: owner,
        payload: { resetPassword: true },
      });
      expect(reset.statusCode).toBe(200);
      expect((await login("ivy", oneTimePassword)).statusCode).toBe(401);
      const ivy = await signIn(app, "ivy", reset.json().oneTimePassword);

      const disabled = await app.inject({
        method: "PATCH",
        url: `/api/users/${user.id}`,
        headers: owner,
        payload: { disabled: true },
      });
      expect(disabled.json().user.disabled).toBe(true);
      expect((await me(ivy)).statusCode).toBe(401);
      expect((await login("ivy", reset.json().oneTimePassword)).statusCode).toBe(401);

      const self = (await me(owner)).json().user.id;
      const selfDisable = await app.inject({
        method: "PATCH",
        url: `/api/users/${self}`,
        headers: owner,
        payload: { disabled: true },
      });
      expect(selfDisable.statusCode).toBe(409);
      const listed = await app.inject({ method: "GET", url: "/api/users", headers: owner });
      expect(listed.json().users.map((u: { username: string }) => u.username)).toEqual(["ivy", "root-owner"]);
    });

    // G2.6(a): every sign-in event is recorded; no secret is.
    it("audits logins, logouts, lockouts and token issue and revocation without secrets", async () => {
      const headers = await sessionHeaders(app, store, [], "jo");
      const issued = await app.inject({
        method: "POST",
        url: "/api/auth/tokens",
        headers,
        payload: { name: "t", scopes: ["read", "write"] },
      });
      const { token, secret } = issued.json();
      await app.inject({ method: "DELETE", url: `/api/auth/tokens/${token.id}`, headers });
      await app.inject({ method: "POST", url: "/api/auth/logout", headers });
      const entries = await auditEntries(store);
      const actions = entries
        .map((e) => e.action)
        .filter((a) => String(a).startsWith("auth.") || a === "user.create");
      expect(actions).toEqual([
        "user.create",
        "auth.login",
        "auth.token.issue",
        "auth.token.revoke",
        "auth.logout",
      ]);
      expect(entries.find((e) => e.action === "auth.token.issue")).toMatchObject({
        actor: "user:jo",
        target: "user:jo",
        detail: { token: token.id, name: "t", scopes: ["read", "write"], expiresAt: null },
      });
      const text = JSON.stringify(entries);
      expect(text).not.toContain(secret.slice("secg_".length + 17));
      expect(text).not.toContain(testPassword);
      expect(text).not.toContain(headers.cookie!.split("=")[1]);
      expect(text).not.toContain("$argon2id$");
    });
  });
});
