/**
 * `secg user ...`: the holder of the data folder manages users; one-time passwords and token
 * secrets are printed once, and every change is audited as `cli:<os user>` (G2.6(a)).
 */
import { userInfo } from "node:os";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { tokensOf } from "../../../src/workspace/auth/tokens.js";
import { usersOf } from "../../../src/workspace/auth/users.js";
import { openStore } from "../../../src/workspace/store.js";
import { embedded, type Provisioned, rowsOf } from "../backends.js";

describe("secg user", () => {
  let provisioned: Provisioned;

  beforeAll(async () => {
    provisioned = await embedded.provision();
  });
  afterAll(async () => {
    await provisioned.dispose();
  });

  async function cli(...args: string[]) {
    let out = "";
    let err = "";
    const code = await runCli([...args, "--data", provisioned.options.dataDir!], {
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
    return { code, out, err };
  }

  it("adds, grants, lists, resets, issues a token and disables", async () => {
    const added = await cli("user", "add", "Rita", "--role", "security-officer", "--party", "srp-one");
    expect(added.code).toBe(0);
    expect(added.out).toMatch(
      /^rita \(rita\): security-officer@srp-one \[must change password\]\nOne-time password/,
    );
    expect(added.out).toMatch(/\n {2}[A-Za-z0-9_-]{24}\n$/);

    expect((await cli("user", "grant", "rita", "--role", "auditor", "--party", "*")).out).toBe(
      "rita (rita): auditor@*, security-officer@srp-one [must change password]\n",
    );
    const reset = await cli("user", "reset-password", "rita", "--json");
    expect(JSON.parse(reset.out)).toEqual({
      username: "rita",
      oneTimePassword: expect.stringMatching(/^.{24}$/),
    });

    const token = await cli(
      "user",
      "token",
      "create",
      "rita",
      "--scopes",
      "write,read",
      "--expires",
      "2099-01-01",
    );
    expect(token.code).toBe(0);
    const secret = /\n {2}(secg_\S+)\n$/.exec(token.out)?.[1];
    expect(secret).toBeDefined();

    expect((await cli("user", "disable", "rita")).out).toMatch(/\[disabled; must change password\]/);
    const listed = JSON.parse((await cli("user", "list", "--json")).out) as { users: { username: string }[] };
    expect(listed.users.map((u) => u.username)).toEqual(["rita"]);

    const store = await openStore(provisioned.options);
    try {
      // Disabling revoked the token the CLI issued.
      expect(await tokensOf(store.db, store.clock).resolve(secret!)).toBeUndefined();
      const [rita] = await usersOf(store.db, store.clock).list();
      expect(rita?.disabled).toBe(true);
      const entries = await rowsOf<{ entry: string }>(
        store,
        sql`select entry from audit_entries order by seq`,
      );
      const parsed = entries.map((row) => JSON.parse(row.entry) as { actor: string; action: string });
      expect(parsed.map((e) => e.action)).toEqual([
        "user.create",
        "user.update",
        "user.password.reset",
        "auth.token.issue",
        "user.disable",
      ]);
      expect(new Set(parsed.map((e) => e.actor))).toEqual(new Set([`cli:${userInfo().username}`]));
    } finally {
      await store.close();
    }
  });

  it("refuses an unknown role, an unknown user and a bad scope with exit 2", async () => {
    expect((await cli("user", "add", "sam", "--role", "boss", "--party", "*")).err).toMatch(
      /^secg: at --role: expected one of owner/,
    );
    expect((await cli("user", "disable", "nobody")).err).toMatch(
      /expected an existing username \(no user nobody\)/,
    );
    const scope = await cli("user", "token", "create", "rita", "--scopes", "read,everything");
    expect(scope.code).toBe(2);
    expect(scope.err).toMatch(/at --scopes\[1\]: expected one of read, write, admin/);
  });
});
