import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { repoRoot } from "../support/shared.js";
import { embedded, type Provisioned } from "../workspace/backends.js";
import { approved, baseline, inventory, steppingClock, storeParties } from "../workspace/controls/support.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");
const party = "small-supplier";

describe("controls, findings and obligation status API", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let officer: Record<string, string>;
  let auditor: Record<string, string>;
  let contributor: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore({ ...provisioned.options, clock: steppingClock() });
    await storeParties(store);
    app = await buildServer({ store, webRoot: noWebRoot });
    officer = await sessionHeaders(app, store, [{ party, role: "security-officer" }]);
    auditor = await sessionHeaders(app, store, [{ party, role: "auditor" }]);
    contributor = await sessionHeaders(app, store, [{ party, role: "contributor" }]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const call = async (
    headers: Record<string, string>,
    method: "GET" | "POST",
    url: string,
    payload?: object,
  ) => {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    return { status: response.statusCode, body: response.json() };
  };
  const driftBody = (packages: Record<string, string>) => ({
    control: "drift",
    system: "web-1",
    input: { baseline: baseline().text, observed: [JSON.parse(inventory(packages).text)] },
  });

  it("runs a control, stores it with its findings, and lists it", async () => {
    // G3.1(a)(i): drift found and kept as evidence against the obligation.
    const posted = await call(
      officer,
      "POST",
      `/api/parties/${party}/controls/runs`,
      driftBody({ ...approved, nano: "7.3-1" }),
    );
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      control: "drift",
      system: "web-1",
      status: "findings",
      obligations: ["G3.1", "G3.2"],
    });
    expect(posted.body.findings).toMatchObject([
      { kind: "package-version-changed", status: "open", obligations: ["G3.1(a)(i)"] },
    ]);

    const listed = await call(auditor, "GET", `/api/parties/${party}/controls/runs?control=drift`);
    expect(listed.body.runs).toMatchObject([{ id: posted.body.id }]);
    expect(
      (await call(auditor, "GET", `/api/parties/${party}/controls/runs?control=time`)).body.runs,
    ).toEqual([]);
    expect(
      (await call(auditor, "GET", `/api/parties/${party}/controls/runs/${posted.body.id}`)).body.findings,
    ).toHaveLength(1);
  });

  it("stores unusable input as an error run, and refuses a malformed request", async () => {
    const truncated = await readFile(join(repoRoot, "test/fixtures/host/osquery-truncated.json"), "utf8");
    const posted = await call(officer, "POST", `/api/parties/${party}/controls/runs`, {
      control: "drift",
      input: { baseline: baseline().text, observed: [truncated] },
    });
    expect(posted).toMatchObject({ status: 201, body: { status: "error", obligations: [], findings: [] } });
    expect(posted.body.result.error).toMatch(/^input\.observed\[0\]:\d+: expected/);
    const bad = await call(officer, "POST", `/api/parties/${party}/controls/runs`, {
      control: "drift",
      input: {},
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_input");
  });

  it("lets only the roles the policy names run controls and decide on findings", async () => {
    expect(
      (await call(auditor, "POST", `/api/parties/${party}/controls/runs`, driftBody(approved))).status,
    ).toBe(403);
    const [finding] = (await call(contributor, "GET", `/api/parties/${party}/findings?status=open`)).body
      .findings;
    expect(
      (
        await call(contributor, "POST", `/api/parties/${party}/findings/${finding.id}/status`, {
          status: "accepted",
          note: "n",
        })
      ).status,
    ).toBe(403);
  });

  it("accepts a finding with a note, refuses a second acceptance, and reports obligation status", async () => {
    const [finding] = (await call(officer, "GET", `/api/parties/${party}/findings?status=open`)).body
      .findings;
    const url = `/api/parties/${party}/findings/${finding.id}/status`;
    expect((await call(officer, "POST", url, { status: "accepted" })).status).toBe(400);

    const statusBefore = await call(auditor, "GET", `/api/parties/${party}/obligations/status`);
    const g31 = statusBefore.body.obligations.find((o: { id: string }) => o.id === "G3.1");
    expect(g31).toMatchObject({
      openFindings: 1,
      lastRun: { control: "drift", system: "web-1", status: "findings" },
    });
    expect(g31.evidence).toMatchObject([{ kind: "control-run" }]);

    const accepted = await call(officer, "POST", url, { status: "accepted", note: "approved change CR-7" });
    expect(accepted).toMatchObject({
      status: 200,
      body: { status: "accepted", note: "approved change CR-7" },
    });
    expect(accepted.body.decidedBy).toMatch(/^user:/);
    expect((await call(officer, "POST", url, { status: "accepted", note: "again" })).status).toBe(409);
    expect(
      (await call(officer, "GET", `/api/parties/${party}/findings?status=accepted`)).body.findings,
    ).toHaveLength(1);

    const statusAfter = await call(auditor, "GET", `/api/parties/${party}/obligations/status`);
    expect(statusAfter.body.obligations.find((o: { id: string }) => o.id === "G3.1").openFindings).toBe(0);
  });

  it("lets only an owner of every party have this server collect its own host", async () => {
    // G3.1(b): the server's host is the installation's, not one party's, to inspect.
    const collect = {
      control: "drift",
      system: "web-1",
      input: { baseline: baseline().text, observed: "collect" },
    };
    const refused = await call(officer, "POST", `/api/parties/${party}/controls/runs`, collect);
    expect(refused).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    const everyone = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
    const collected = await call(everyone, "POST", `/api/parties/${party}/controls/runs`, collect);
    expect(collected.status).toBe(201);
    expect(collected.body.result.control).toBe("drift");
  });

  it("answers 404 for a party that is not stored", async () => {
    const everyone = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
    expect((await call(everyone, "GET", "/api/parties/nobody/findings")).status).toBe(404);
    expect((await call(everyone, "GET", "/api/parties/nobody/obligations/status")).status).toBe(404);
  });
});
