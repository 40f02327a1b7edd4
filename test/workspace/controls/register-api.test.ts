/**
 * The controls routes over the registers: approving a system's baseline, running drift from it,
 * and listing a party's runs filtered to one control or rule check.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/api/app.js";
import { buildServer } from "../../../src/api/server.js";
import { openStore, type Store } from "../../../src/workspace/store.js";
import { sessionHeaders } from "../../support/api-session.js";
import { repoRoot } from "../../support/shared.js";
import { embedded, type Provisioned } from "../backends.js";
import { putSystem, steppingClock, storeParties } from "./support.js";

const party = "small-supplier";

describe("controls API over the registers", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let officer: Record<string, string>;
  let host: unknown;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore({ ...provisioned.options, clock: steppingClock() });
    await storeParties(store);
    await putSystem(store, party);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    officer = await sessionHeaders(app, store, [{ party, role: "security-officer" }]);
    host = JSON.parse(await readFile(join(repoRoot, "test/fixtures/host/inventory.json"), "utf8"));
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  /** Calls the API as the party's security officer: the status and the parsed body. */
  const api = async (method: "GET" | "POST", url: string, payload?: object) => {
    const response = await app.inject({ method, url, headers: officer, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };
  const post = (url: string, payload: object) => api("POST", url, payload);
  const runsOf = async (query: string) =>
    (await api("GET", `/api/parties/${party}/controls/runs${query}`)).body.runs as { control: string }[];

  it("approves an observed inventory as the system's baseline, which a drift run naming only the system then uses", async () => {
    // G3.1(b): the approved configuration is kept; G3.1(a)(i): drift is measured against it.
    const approval = await post(`/api/parties/${party}/systems/web-1/baseline`, { observed: [host] });
    expect(approval.status).toBe(200);
    expect(approval.body).toMatchObject({ system: "web-1", changed: [], removed: [], unchanged: 0 });
    expect(approval.body.added).toHaveLength(5);
    const run = await post(`/api/parties/${party}/controls/runs`, {
      control: "drift",
      system: "web-1",
      input: { observed: [host] },
    });
    expect(run).toMatchObject({ status: 201, body: { status: "pass", obligations: ["G3.1"] } });
    expect(run.body.result.registers).toMatchObject({ inventory: { items: 5 } });
  });

  it("refuses an unknown system, another party, and this server's own host to all but the installation's owner", async () => {
    // G3.1(b): a baseline belongs to a system the register knows, taken from a host the caller may read.
    const unknown = await post(`/api/parties/${party}/systems/db-9/baseline`, { observed: [host] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/there is none with id "db-9"/);
    // A party the officer is not a member of is refused before anything else is looked at.
    expect((await post("/api/parties/nobody/systems/web-1/baseline", { observed: [host] })).status).toBe(403);
    expect((await post(`/api/parties/${party}/systems/web-1/baseline`, { observed: "collect" })).status).toBe(
      403,
    );
  });

  it("lists only the runs of the control or rule check asked for", async () => {
    // G3.1, G4: control runs and rule checks share one register of runs, told apart by their source.
    expect((await post(`/api/parties/${party}/checks/people`, {})).status).toBe(201);
    expect((await runsOf("?control=rule:people")).map((r) => r.control)).toEqual(["rule:people"]);
    const drift = await runsOf("?control=drift");
    expect(drift.length).toBeGreaterThan(0);
    expect(drift.every((r) => r.control === "drift")).toBe(true);
    expect(new Set((await runsOf("")).map((r) => r.control))).toEqual(new Set(["drift", "rule:people"]));
    expect((await api("GET", `/api/parties/${party}/controls/runs?control=rule:nothing`)).status).toBe(400);
  });
});
