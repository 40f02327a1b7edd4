import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { registersOf } from "../../src/workspace/registers/engine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { embedded, type Provisioned } from "../workspace/backends.js";
import { steppingClock, storeParties } from "../workspace/controls/support.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");
const party = "small-supplier";

describe("rule checks API", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let officer: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore({ ...provisioned.options, clock: steppingClock() });
    await storeParties(store);
    app = await buildServer({ store, webRoot: noWebRoot });
    officer = await sessionHeaders(app, store, [{ party, role: "security-officer" }]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const post = async (url: string, payload: object) => {
    const response = await app.inject({ method: "POST", url, headers: officer, payload });
    return { status: response.statusCode, body: response.json() };
  };

  it("runs the people check over the register and returns its run and findings", async () => {
    await registersOf(store.db, store.clock).put(
      party,
      "people",
      {
        id: "ana",
        name: "Ana",
        dataAccess: true,
        clearanceLevel: "baseline",
        clearanceGranted: "2024-01-15",
      },
      { actor: "tester" },
    );
    // G4.1(b): granted in January 2024 and never reviewed, so overdue on 2025-06-02.
    const { status, body } = await post(`/api/parties/${party}/checks/people`, { on: "2025-06-02" });
    expect(status).toBe(201);
    expect(body.run).toMatchObject({ control: "rule:people", status: "findings" });
    expect(body.findings.map((f: { obligations: string[] }) => f.obligations)).toEqual([["G4.1(b)"]]);
  });

  it("refuses a day that is not a calendar date", async () => {
    expect((await post(`/api/parties/${party}/checks/people`, { on: "2025-02-30" })).status).toBe(400);
  });
});
