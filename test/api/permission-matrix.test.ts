/**
 * The permission matrix (G2.6(b)-(c)): every route the built server answers, called as each kind
 * of principal, is allowed or refused exactly as the table below says. The table is written by
 * hand from the access rules of docs/access.md, not computed by the policy code, and a route
 * missing from it fails the test: a new endpoint must be added here with its expected access.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { App } from "../../src/api/app.js";
import { registerAuthorization } from "../../src/api/authorization.js";
import { buildServer } from "../../src/api/server.js";
import type { PartyProfile } from "../../src/obligations/profile.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders, tokenHeaders } from "../support/api-session.js";
import { repoRoot } from "../support/shared.js";
import { embedded, type Provisioned } from "../workspace/backends.js";
import { routesOf } from "./route-list.js";

/**
 * The principals, one letter each. The party under test is "acme"; "other" is a second party.
 * I  owner of every party ("*"), the installation's owner
 * O  owner of acme            S  security officer of acme      C  contributor in acme
 * A  auditor of acme          X  the SSC (ssc of every party)   M  owner of the other party
 * T  acme's owner through an API token with the read scope only
 * N  nobody signed in
 */
const principals = ["I", "O", "S", "C", "A", "X", "M", "T", "N"] as const;
type Who = (typeof principals)[number];

const signedIn = "IOSCAXMT";
const publicRoute = "IOSCAXMTN";

/** Who may call each route on party acme (everyone else gets 401 when anonymous, else 403). */
const expected: Record<string, string> = {
  // Public: liveness and signing in.
  "GET /api/health": publicRoute,
  "POST /api/auth/login": publicRoute,
  // One's own session and tokens; a read-scoped token only reads.
  "GET /api/auth/me": signedIn,
  "POST /api/auth/logout": "IOSCAXM",
  "POST /api/auth/password": "IOSCAXM",
  "GET /api/auth/tokens": "IOSCAXM",
  "POST /api/auth/tokens": "IOSCAXM",
  "DELETE /api/auth/tokens/:id": "IOSCAXM",
  // User administration: the installation's owner (party owners administer their own members).
  "GET /api/users": "I",
  "POST /api/users": "I",
  "PATCH /api/users/:id": "I",
  // The Code: read by anyone signed in, imported by the installation's owner.
  "GET /api/code/versions": signedIn,
  "POST /api/code/versions": "I",
  "GET /api/code/versions/:label/clauses": signedIn,
  "GET /api/code/clauses/:id": signedIn,
  "GET /api/code/diff": signedIn,
  "GET /api/code/redline": signedIn,
  "GET /api/code/effects": signedIn,
  // Computations from posted data.
  "POST /api/deadlines": signedIn,
  "POST /api/deadlines.ics": signedIn,
  "POST /api/obligations/evaluate": signedIn,
  "GET /api/catalogue": signedIn,
  // The audit log and its review (G2.26): installation-wide owners, officers and auditors.
  "GET /api/audit/checkpoint": "I",
  "GET /api/audit/proof/inclusion": "I",
  "GET /api/audit/proof/consistency": "I",
  "GET /api/audit/entries": "I",
  "GET /api/audit/keys": "I",
  "GET /api/audit/bundle": "I",
  "GET /api/review": "I",
  // A party's own audit entries: its owner, security officer and auditor (not the SSC).
  "GET /api/parties/:party/audit/entries": "IOSAT",
  // Parties: the list is filtered; a party is read by its members and the SSC.
  "GET /api/parties": signedIn,
  "GET /api/parties/:party": "IOSCAXT",
  "PUT /api/parties/:party": "IOS",
  "GET /api/parties/:party/obligations": "IOSCAXT",
  "GET /api/parties/:party/obligations/diff": "IOSCAXT",
  // A stored party's deadlines: its members and the SSC, like the party itself.
  "GET /api/parties/:party/deadlines": "IOSCAXT",
  "GET /api/parties/:party/deadlines.ics": "IOSCAXT",
  // The ADT quarantine: the list is filtered; a request of no known party is decided by "*" only.
  "GET /api/adt/quarantine": signedIn,
  "POST /api/adt/quarantine/:requestId/decision": "I",
  // Replaying a party's traffic (and holding what it quarantines): its owner and security officer.
  "POST /api/parties/:party/adt/replays": "IOS",
  // Checking a thresholds file stores nothing: whoever reads the party's quarantine.
  "POST /api/parties/:party/adt/thresholds/check": "IOSCAXT",
  // Registers: kept by owner, officer and contributors, read by the auditor; not the SSC.
  "GET /api/parties/:party/registers": "IOSCAT",
  "GET /api/parties/:party/registers/:register": "IOSCAT",
  "GET /api/parties/:party/registers/:register/:id": "IOSCAT",
  "PUT /api/parties/:party/registers/:register/:id": "IOSC",
  "DELETE /api/parties/:party/registers/:register/:id": "IOSC",
  "POST /api/parties/:party/registers/:register/import": "IOSC",
  "GET /api/parties/:party/registers/:register/export": "IOSCAT",
  "POST /api/parties/:party/registers/systems/:id/transition": "IOSC",
  "GET /api/parties/:party/registers/evidence": "IOSCAT",
  "GET /api/parties/:party/registers/evidence/:id": "IOSCAT",
  "PUT /api/parties/:party/registers/evidence/:id": "IOSC",
  "DELETE /api/parties/:party/registers/evidence/:id": "IOSC",
  "POST /api/parties/:party/registers/evidence/import": "IOSC",
  "GET /api/parties/:party/registers/evidence/export": "IOSCAT",
  "GET /api/parties/:party/registers/evidence/:id/file": "IOSCAT",
  "PUT /api/parties/:party/registers/evidence/:id/file": "IOSC",
  // Controls: run by owner and officer, read by contributors and the auditor.
  "GET /api/parties/:party/controls/runs": "IOSCAT",
  "GET /api/parties/:party/controls/runs/:id": "IOSCAT",
  "POST /api/parties/:party/controls/runs": "IOS",
  "POST /api/parties/:party/systems/:system/baseline": "IOS",
  "POST /api/parties/:party/checks/:check": "IOS",
  "GET /api/parties/:party/policy": "IOSCAT",
  "PUT /api/parties/:party/policy": "IOS",
  "GET /api/parties/:party/obligations/status": "IOSCAT",
  // Findings: read by the SSC too; changing a finding's status is a decision.
  "GET /api/parties/:party/findings": "IOSCAXT",
  "POST /api/parties/:party/findings/:id/status": "IOS",
  // Assessments and notifications: the SSC reads them and decides on them.
  "GET /api/parties/:party/assessments": "IOSCAXT",
  "POST /api/parties/:party/assessments": "IOS",
  "GET /api/parties/:party/assessments/:id": "IOSCAXT",
  // Any reader reaches a transition; the workflow then checks the caller's roles against the step.
  "POST /api/parties/:party/assessments/:id/transitions": "IOSCAXT",
  "GET /api/parties/:party/assessments/:id/response.md": "IOSCAXT",
  "GET /api/parties/:party/assessments/:id/response.pdf": "IOSCAXT",
  "GET /api/parties/:party/notifications": "IOSCAXT",
  "POST /api/parties/:party/notifications": "IOSCAXT",
};

// Routes that end a principal's session run last, so the others run signed in.
const runsLast = new Set(["POST /api/auth/logout"]);

/** A concrete URL for a route pattern: the party under test, and harmless values elsewhere. */
function concrete(url: string): string {
  return url
    .replace(":party", "acme")
    .replace(":register", "systems")
    .replace(/:(\w+)/g, "no-such-$1");
}

const profile = async (name: string, id: string) =>
  ({
    ...(parse(await readFile(join(repoRoot, "test/fixtures/profiles", `${name}.yaml`), "utf8")) as object),
    id,
  }) as PartyProfile;

describe("permission matrix", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  const headersOf = {} as Record<Who, Record<string, string>>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    await partiesOf(store.db, store.clock).putAll(
      [await profile("large-supplier", "acme"), await profile("small-supplier", "other")],
      { actor: "test" },
    );
    headersOf.I = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
    headersOf.O = await sessionHeaders(app, store, [{ party: "acme", role: "owner" }]);
    headersOf.S = await sessionHeaders(app, store, [{ party: "acme", role: "security-officer" }]);
    headersOf.C = await sessionHeaders(app, store, [{ party: "acme", role: "contributor" }]);
    headersOf.A = await sessionHeaders(app, store, [{ party: "acme", role: "auditor" }]);
    headersOf.X = await sessionHeaders(app, store, [{ party: "*", role: "ssc" }]);
    headersOf.M = await sessionHeaders(app, store, [{ party: "other", role: "owner" }]);
    headersOf.T = await tokenHeaders(store, [{ party: "acme", role: "owner" }], ["read"]);
    headersOf.N = {};
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  it("refuses at startup an /api route that declares neither access nor public", async () => {
    const bare = Fastify();
    registerAuthorization(bare as unknown as App, store);
    expect(() => bare.get("/api/unguarded", async () => "open")).toThrow(
      /route GET \/api\/unguarded declares neither config.access nor config.public/,
    );
    expect(() => bare.get("/api/guarded", { config: { public: true } }, async () => "open")).not.toThrow();
    expect(() => bare.get("/elsewhere", async () => "static")).not.toThrow();
    await bare.close();
  });

  it("has an expectation for every route the server answers, and none for routes it does not", () => {
    const served = routesOf(app).map(({ method, url }) => `${method} ${url}`);
    expect(served.filter((route) => !(route in expected))).toEqual([]);
    expect(Object.keys(expected).filter((route) => !served.includes(route))).toEqual([]);
  });

  it("allows and refuses every route for every principal as the table says", async () => {
    const routes = routesOf(app).sort(
      (a, b) => Number(runsLast.has(`${a.method} ${a.url}`)) - Number(runsLast.has(`${b.method} ${b.url}`)),
    );
    const mismatches: string[] = [];
    for (const { method, url } of routes) {
      const key = `${method} ${url}`;
      const allowed = expected[key] ?? "";
      for (const who of principals) {
        const response = await app.inject({
          method: method as "GET",
          url: concrete(url),
          headers: headersOf[who],
          ...(method === "GET" || method === "DELETE" ? {} : { payload: {} }),
        });
        const status = response.statusCode;
        const want = allowed.includes(who) ? "allowed" : who === "N" ? "401" : "403";
        const got = status === 401 ? "401" : status === 403 ? "403" : "allowed";
        if (got !== want)
          mismatches.push(`${key} as ${who}: expected ${want}, got ${status} ${response.body}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
