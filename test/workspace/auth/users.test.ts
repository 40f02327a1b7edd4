/**
 * The users service and the users an installation starts with, on each database backend. Every
 * change is audited in the same transaction (G2.6(a)); no entry holds a password or its hash.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  demoPassword,
  demoUsers,
  ensureFirstOwner,
  seedDemoUsers,
} from "../../../src/workspace/auth/first-start.js";
import { verifyPassword } from "../../../src/workspace/auth/passwords.js";
import { type Users, usersOf } from "../../../src/workspace/auth/users.js";
import type { Store } from "../../../src/workspace/store.js";
import { backends, freshStore, rowsOf, type TestStore } from "../backends.js";

const origin = { actor: "cli:tester" };

async function auditEntries(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`);
  return rows.map((row) => JSON.parse(row.entry) as Record<string, unknown>);
}

describe.each(backends)("users on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let users: Users;

    beforeEach(async () => {
      store = await freshStore(backend);
      users = usersOf(store.db, store.clock);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("creates a user with memberships under a lower-case username, and audits it", async () => {
      const { user, oneTimePassword } = await users.create(
        { username: " Nadia ", memberships: [{ party: "srp-one", role: "security-officer" }] },
        origin,
      );
      expect(user).toMatchObject({
        username: "nadia",
        displayName: "nadia",
        memberships: [{ party: "srp-one", role: "security-officer" }],
        mustChangePassword: true,
        disabled: false,
      });
      expect(await users.find("NADIA")).toEqual(user);
      const [row] = await rowsOf<{ password_hash: string }>(store, sql`select password_hash from users`);
      expect(await verifyPassword(oneTimePassword!, row!.password_hash)).toBe(true);
      const entries = await auditEntries(store);
      expect(entries).toEqual([
        expect.objectContaining({
          actor: "cli:tester",
          action: "user.create",
          target: "user:nadia",
          detail: { id: user.id, displayName: "nadia", memberships: ["security-officer@srp-one"] },
        }),
      ]);
      expect(JSON.stringify(entries)).not.toContain(oneTimePassword!);
    });

    it("refuses a taken username, a bad role or party, and a weak password, storing nothing", async () => {
      await users.create({ username: "olga", memberships: [], password: "a good long password" }, origin);
      await expect(users.create({ username: "OLGA", memberships: [] }, origin)).rejects.toThrow(
        /at username: expected a username not taken \(olga is\)/,
      );
      await expect(
        users.create({ username: "pat", memberships: [{ party: "x", role: "boss" as "owner" }] }, origin),
      ).rejects.toThrow(/at memberships\[0\]\.role: expected one of owner/);
      await expect(
        users.create({ username: "pat", memberships: [{ party: "Bad Party", role: "owner" }] }, origin),
      ).rejects.toThrow(/at memberships\[0\]\.party/);
      await expect(
        users.create({ username: "pat", memberships: [], password: "pat-is-my-name" }, origin),
      ).rejects.toThrow(/does not contain the username/);
      await expect(users.create({ username: "-pat", memberships: [] }, origin)).rejects.toThrow(
        /at username/,
      );
      expect((await users.list()).map((u) => u.username)).toEqual(["olga"]);
      expect(await auditEntries(store)).toHaveLength(1);
    });

    it("grants, replaces memberships, resets a password and disables, each audited", async () => {
      const { user } = await users.create(
        { username: "quinn", memberships: [], password: "a good long password" },
        origin,
      );
      await users.grant(user.id, { party: "srp-one", role: "auditor" }, origin);
      const granted = await users.grant(user.id, { party: "*", role: "ssc" }, origin);
      expect(granted?.memberships).toEqual([
        { party: "*", role: "ssc" },
        { party: "srp-one", role: "auditor" },
      ]);
      const password = await users.resetPassword(user.id, origin);
      expect((await users.get(user.id))?.mustChangePassword).toBe(true);
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect((await users.update(user.id, { disabled: true }, origin))?.disabled).toBe(true);
      expect(await users.update("no-such-id", { disabled: true }, origin)).toBeUndefined();
      expect((await auditEntries(store)).map((e) => e.action)).toEqual([
        "user.create",
        "user.update",
        "user.update",
        "user.password.reset",
        "user.disable",
      ]);
    });

    it("makes the first owner once only, with a one-time password", async () => {
      const password = await ensureFirstOwner(users, origin);
      expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(await ensureFirstOwner(users, origin)).toBeUndefined();
      expect(await users.list()).toEqual([
        expect.objectContaining({
          username: "owner",
          memberships: [{ party: "*", role: "owner" }],
          mustChangePassword: true,
        }),
      ]);
    });

    it("seeds the demo users once, with the documented password and no change required", async () => {
      expect(await seedDemoUsers(users, origin)).toEqual(demoUsers.map((u) => u.username));
      expect(await seedDemoUsers(users, origin)).toEqual([]);
      const stored = await users.list();
      expect(stored.every((u) => !u.mustChangePassword)).toBe(true);
      expect(stored.map((u) => u.memberships[0]?.role).sort()).toEqual(
        ["auditor", "contributor", "owner", "security-officer", "ssc"].sort(),
      );
      const [row] = await rowsOf<{ password_hash: string }>(
        store,
        sql`select password_hash from users where username = 'ssc-member'`,
      );
      expect(await verifyPassword(demoPassword, row!.password_hash)).toBe(true);
    });
  });
});
