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

  const send = async (method: "GET" | "PUT", url: string, payload?: object, headers = officer) => {
    const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };

  it("sets and reads the party's policy, naming the key path of a bad value", async () => {
    expect((await send("GET", `/api/parties/${party}/policy`)).body).toMatchObject({
      policy: {},
      version: 0,
    });
    // G2.22B(c): the SSC may approve a gap shorter than 24 months, never a longer one.
    const bad = await send("PUT", `/api/parties/${party}/policy`, { sscApprovedDevGapMonths: 30 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ path: "sscApprovedDevGapMonths" });
    const put = await send("PUT", `/api/parties/${party}/policy`, { coolingOffDays: 180 });
    expect(put).toMatchObject({ status: 200, body: { outcome: "created", version: 1 } });
    expect((await send("GET", `/api/parties/${party}/policy`)).body.policy).toEqual({ coolingOffDays: 180 });
    const auditor = await sessionHeaders(app, store, [{ party, role: "auditor" }]);
    expect((await send("PUT", `/api/parties/${party}/policy`, {}, auditor)).status).toBe(403);
  });

  it("runs the keys check over signing events in the body, naming a bad line", async () => {
    await registersOf(store.db, store.clock).put(
      party,
      "keys",
      { id: "cmd-1", kind: "command-signing", purposes: ["command-signature"] },
      { actor: "tester" },
    );
    // G3.29: a User's command-signing key signs only Commands and CSRs.
    const events =
      '{"time":"2025-06-01T10:00:00Z","keyId":"cmd-1","purpose":"organisation-crl","actor":"ops"}';
    const { status, body } = await post(`/api/parties/${party}/checks/keys`, { on: "2025-06-02", events });
    expect(status).toBe(201);
    expect(body.findings.map((f: { obligations: string[] }) => f.obligations)).toEqual([["G3.29"]]);
    const bad = await post(`/api/parties/${party}/checks/keys`, { events: `${events}\n{"time":"x"}` });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^events:2 at time/);
  });

  it("runs the anomaly rules of the policy over feeds in the body", async () => {
    await send("PUT", `/api/parties/${party}/policy`, {
      anomalyRules: [{ id: "errors", source: "device-error", threshold: 2, window: "PT1H", per: "device" }],
    });
    const feed = [
      '{"source":"device-error","time":"2025-06-01T10:00:00Z","device":"D1","code":"E1"}',
      '{"source":"device-error","time":"2025-06-01T10:05:00Z","device":"D1","code":"E1"}',
    ].join("\n");
    const { status, body } = await post(`/api/parties/${party}/checks/anomalies`, { feeds: [feed] });
    expect(status).toBe(201);
    // G3.15(c): device error messages, acted on under G3.16(b).
    expect(body.findings.map((f: { obligations: string[] }) => f.obligations)).toEqual([
      ["G3.15(c)", "G3.16(b)"],
    ]);
  });

  it("runs the certificates check with the ECoS Service Live Date from the body, refusing a bad one", async () => {
    const { status, body } = await post(`/api/parties/${party}/checks/certificates`, {
      on: "2026-01-15",
      ecosServiceLiveDate: "2025-06-30",
    });
    // G2.57–G2.59 bind only the DCC: a User's run finds nothing and is evidence for no clause.
    expect(status).toBe(201);
    expect(body).toMatchObject({ findings: [], run: { control: "rule:certificates", obligations: [] } });
    const bad = await post(`/api/parties/${party}/checks/certificates`, {
      ecosServiceLiveDate: "2025-02-30",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.path).toBe("ecosServiceLiveDate");
  });
});
