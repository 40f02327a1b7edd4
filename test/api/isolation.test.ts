/**
 * Tenant isolation (G2.6(b)-(c)): the owner of party A, the strongest role A has, reaches nothing
 * of party B — every party-scoped route answers 403 or 404 for B, and lists never show B or B's
 * quarantined Service Requests. The DCC, which runs anomaly detection, sees both quarantines.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { type PartyProfile, profileSchema } from "../../src/obligations/profile.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { quarantineOf } from "../../src/workspace/quarantine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { repoRoot } from "../support/shared.js";
import { embedded, type Provisioned } from "../workspace/backends.js";
import { routesOf } from "./route-list.js";

const userIdOfA = "90-B3-D5-1F-30-01-00-0A";
const userIdOfB = "90-B3-D5-1F-30-01-00-0B";

async function fixture(name: string): Promise<Record<string, unknown>> {
  return parse(await readFile(join(repoRoot, "test/fixtures/profiles", `${name}.yaml`), "utf8")) as Record<
    string,
    unknown
  >;
}

/** The large supplier's profile under another id, its first role holding one User ID. */
async function supplier(id: string, userId: string): Promise<PartyProfile> {
  const profile = await fixture("large-supplier");
  const [first, ...rest] = profile.roles as Record<string, unknown>[];
  return profileSchema.parse({ ...profile, id, roles: [{ ...first, userIds: [userId] }, ...rest] });
}

describe("isolation between two parties", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let ownerOfA: Record<string, string>;
  let ownerOfB: Record<string, string>;
  let dccMember: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    const origin = { actor: "test" };
    await partiesOf(store.db, store.clock).putAll(
      [
        await supplier("party-a", userIdOfA),
        await supplier("party-b", userIdOfB),
        profileSchema.parse(await fixture("dcc")),
      ],
      origin,
    );
    await quarantineOf(store.db, store.clock).hold(
      [
        { requestId: "req-a", userId: userIdOfA, request: {}, breach: "user-threshold", threshold: 0 },
        { requestId: "req-b", userId: userIdOfB, request: {}, breach: "user-threshold", threshold: 0 },
      ],
      origin,
    );
    ownerOfA = await sessionHeaders(app, store, [{ party: "party-a", role: "owner" }]);
    ownerOfB = await sessionHeaders(app, store, [{ party: "party-b", role: "owner" }]);
    const dcc = (await fixture("dcc")).id as string;
    dccMember = await sessionHeaders(app, store, [{ party: dcc, role: "contributor" }]);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  it("answers 403 or 404 to A's owner on every party-scoped route of B", async () => {
    const scoped = routesOf(app).filter(({ url }) => url.includes(":party"));
    expect(scoped.length).toBeGreaterThan(5);
    const leaks: string[] = [];
    for (const { method, url } of scoped) {
      const response = await app.inject({
        method: method as "GET",
        url: url.replace(":party", "party-b").replace(/:(\w+)/g, "no-such-$1"),
        headers: ownerOfA,
        ...(method === "GET" || method === "DELETE" ? {} : { payload: {} }),
      });
      if (response.statusCode !== 403 && response.statusCode !== 404) {
        leaks.push(`${method} ${url}: ${response.statusCode}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("never lists B to A's owner", async () => {
    const parties = (await app.inject({ method: "GET", url: "/api/parties", headers: ownerOfA })).json() as {
      parties: { id: string }[];
    };
    expect(parties.parties.map((p) => p.id)).toEqual(["party-a"]);
  });

  it("shows A's auditor only A's audit entries, and none of B's", async () => {
    // G2.26, G2.6(c): an assessor of one party reads that party's records and no other's.
    const auditorOfA = await sessionHeaders(app, store, [{ party: "party-a", role: "auditor" }]);
    const page = (
      await app.inject({
        method: "GET",
        url: "/api/parties/party-a/audit/entries?limit=1000",
        headers: auditorOfA,
      })
    ).json() as { entries: { target: string; detail: Record<string, unknown> }[] };
    const targets = page.entries.map((entry) => entry.target);
    expect(targets).toContain("party:party-a");
    expect(targets).toContain("service-request:req-a");
    expect(JSON.stringify(page.entries)).not.toMatch(/party-b|req-b/);
    const ofB = await app.inject({
      method: "GET",
      url: "/api/parties/party-b/audit/entries",
      headers: auditorOfA,
    });
    expect(ofB.statusCode).toBe(403);
  });

  it("shows each party only its own quarantined requests, and the DCC all of them", async () => {
    // G6: a User decides on its own quarantined Service Requests; the DCC runs the quarantine.
    const held = async (headers: Record<string, string>) =>
      (
        (await app.inject({ method: "GET", url: "/api/adt/quarantine", headers })).json() as {
          requestId: string;
        }[]
      ).map((entry) => entry.requestId);
    expect(await held(ownerOfA)).toEqual(["req-a"]);
    expect(await held(ownerOfB)).toEqual(["req-b"]);
    expect((await held(dccMember)).sort()).toEqual(["req-a", "req-b"]);

    const decide = (requestId: string, headers: Record<string, string>) =>
      app.inject({
        method: "POST",
        url: `/api/adt/quarantine/${requestId}/decision`,
        headers,
        payload: { decision: "delete" },
      });
    expect((await decide("req-b", ownerOfA)).statusCode).toBe(403);
    expect((await decide("req-b", dccMember)).statusCode).toBe(403);
    const decided = await decide("req-b", ownerOfB);
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: "deleted", decidedBy: expect.stringMatching(/^user:/) });
  });
});
