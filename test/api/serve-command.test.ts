import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword, demoUsers } from "../../src/workspace/auth/first-start.js";
import { demoVersions, inventedVersions, seedVersions } from "../../src/workspace/demo-data.js";
import { serveInProcess } from "../support/serve.js";
import { embedded, type Provisioned } from "../workspace/backends.js";

describe("secg serve", () => {
  let provisioned: Provisioned;

  beforeAll(async () => {
    provisioned = await embedded.provision();
  });
  afterAll(async () => {
    await provisioned.dispose();
  });

  const serve = (...extra: string[]) => serveInProcess(provisioned.options.dataDir!, ...extra);

  /** GET as the first demo user, signed in with the documented password. */
  async function signedInGet(url: string, path: string): Promise<unknown> {
    const login = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: demoUsers[0]!.username, password: demoPassword }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    return (await fetch(`${url}${path}`, { headers: { cookie } })).json();
  }

  it("serves the API on 127.0.0.1 with demonstration versions, and stops cleanly on SIGTERM", async () => {
    // G3.20 before and after DP087 are among the versions the demo loads.
    const server = serve("--port", "0", "--demo");
    const url = await server.url();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ ok: true, database: "pglite" });
    const { versions } = (await signedInGet(url, "/api/code/versions")) as { versions: { label: string }[] };
    const expected = (await demoVersions()).map((version) => version.label);
    expect(versions.map((version) => version.label)).toEqual(expected);
    expect([seedVersions, inventedVersions].map((set) => set.map((version) => version.label))).toContainEqual(
      expected,
    );
    process.emit("SIGTERM");
    expect(await server.exit).toBe(0);
    await expect(fetch(`${url}/api/health`)).rejects.toThrow();
  });

  it("seeds the demonstration data only once", async () => {
    const server = serve("--port", "0", "--demo");
    const url = await server.url();
    const { versions } = (await signedInGet(url, "/api/code/versions")) as { versions: unknown[] };
    expect(versions).toHaveLength(2);
    process.emit("SIGINT");
    expect(await server.exit).toBe(0);
  });

  it("refuses a bad port or log level with exit 2", async () => {
    const port = serve("--port", "80000");
    expect(await port.exit).toBe(2);
    expect(port.output().err).toMatch(/^secg: at --port: expected a TCP port number from 0 to 65535/);
    const level = serve("--log-level", "loud");
    expect(await level.exit).toBe(2);
    expect(level.output().err).toMatch(/^secg: at --log-level: expected one of fatal, error/);
  });
});
