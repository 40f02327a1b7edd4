/**
 * First start: `secg serve` on a store without users makes the installation owner and prints its
 * one-time password once, on standard output only; `--demo` adds demo users, and only on loopback.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword } from "../../src/workspace/auth/first-start.js";
import { serveInProcess } from "../support/serve.js";
import { embedded, type Provisioned } from "../workspace/backends.js";

describe("secg serve and the users it starts with", () => {
  let provisioned: Provisioned;

  beforeAll(async () => {
    provisioned = await embedded.provision();
  });
  afterAll(async () => {
    await provisioned.dispose();
  });

  const serve = (...extra: string[]) => serveInProcess(provisioned.options.dataDir!, ...extra);

  const login = (url: string, username: string, password: string) =>
    fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    });

  it("refuses --demo on an address other machines can reach", async () => {
    const server = serve("--port", "0", "--demo", "--host", "0.0.0.0");
    expect(await server.exit).toBe(2);
    expect(server.output().err).toMatch(/at --host: expected a loopback address with --demo/);
  });

  it("prints the first owner's one-time password on the first start only", async () => {
    const first = serve("--port", "0", "--demo");
    const url = await first.url();
    const shown = /created user "owner" .*\n {2}([A-Za-z0-9_-]{24})\n/.exec(first.output().out);
    expect(shown).not.toBeNull();
    const signedIn = await login(url, "owner", shown![1]!);
    expect(signedIn.status).toBe(200);
    expect(
      ((await signedIn.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword,
    ).toBe(true);
    const demo = await login(url, "supplier-security", demoPassword);
    expect(((await demo.json()) as { user: unknown }).user).toMatchObject({
      memberships: [{ party: "large-supplier", role: "security-officer" }],
      mustChangePassword: false,
    });
    process.emit("SIGTERM");
    expect(await first.exit).toBe(0);

    const second = serve("--port", "0");
    await second.url();
    expect(second.output().out).not.toMatch(/created user|one-time/);
    process.emit("SIGTERM");
    expect(await second.exit).toBe(0);
  });

  it("refuses a session idle time that is not a whole number of minutes", async () => {
    const server = serve("--port", "0", "--session-idle-minutes", "0");
    expect(await server.exit).toBe(2);
    expect(server.output().err).toMatch(/at --session-idle-minutes: expected a whole number of minutes/);
  });
});
