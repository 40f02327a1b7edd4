import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFDocument } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { validateProfile } from "../../src/obligations/profile.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { registersOf } from "../../src/workspace/registers/engine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { report, response } from "../obligations/workflows/run.js";
import { sessionHeaders, tokenHeaders } from "../support/api-session.js";
import { embedded, type Provisioned } from "../workspace/backends.js";

const party = "acme";
const base = `/api/parties/${party}/assessments`;
// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely, as a client would
type Json = Record<string, any>;

describe("assessments API", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  const as: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    const profiles = [
      {
        id: party,
        name: "Acme Energy",
        supplierParty: true,
        roles: [{ role: "import-supplier" }],
        criticalServiceRequests: true,
        sharedResources: { used: true },
      },
      { id: "other", name: "Other", roles: [{ role: "other-user" }] },
    ].map((p) => validateProfile(p));
    await partiesOf(store.db, store.clock).putAll(profiles, { actor: "test" });
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    as.officer = await sessionHeaders(app, store, [{ party, role: "security-officer" }]);
    as.auditor = await sessionHeaders(app, store, [{ party, role: "auditor" }]);
    as.contributor = await sessionHeaders(app, store, [{ party, role: "contributor" }]);
    as.ssc = await sessionHeaders(app, store, [{ party: "*", role: "ssc" }]);
    as.outsider = await sessionHeaders(app, store, [{ party: "other", role: "owner" }]);
    as.readToken = await tokenHeaders(store, [{ party, role: "owner" }], ["read"]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const call = async (who: string, method: "GET" | "POST", url: string, payload?: object) => {
    const res = await app.inject({
      method,
      url,
      headers: as[who]!,
      ...(payload === undefined ? {} : { payload }),
    });
    return {
      status: res.statusCode,
      body: res.headers["content-type"]?.toString().startsWith("application/json")
        ? (res.json() as Json)
        : res.body,
      res,
    };
  };

  it("runs an assessment through the roles the Code gives each step", async () => {
    const created = await call("officer", "POST", base, {
      kind: "user",
      category: "full",
      scheduledFor: "2025-07-01",
    });
    expect(created.status).toBe(201);
    const id = (created.body as Json).id as string;
    expect(created.body).toMatchObject({
      state: "scheduled",
      version: 1,
      allowedTransitions: [{ name: "start-fieldwork", roles: ["auditor"] }],
    });

    const step = (who: string, transition: string, version: number, payload: object = {}) =>
      call(who, "POST", `${base}/${id}/transitions`, { transition, version, ...payload });

    // G8.21: the assessor starts; the party may not.
    const refused = await step("officer", "start-fieldwork", 1);
    expect(refused).toMatchObject({
      status: 403,
      body: { error: { code: "forbidden", message: expect.stringContaining("only as auditor") } },
    });
    expect((await step("auditor", "start-fieldwork", 1)).body).toMatchObject({
      state: "fieldwork",
      version: 2,
    });
    // A second click on the same version is stale.
    expect(await step("auditor", "start-fieldwork", 1)).toMatchObject({
      status: 409,
      body: { error: { code: "conflict", path: "version" } },
    });
    // Out of order: precise about state and what is allowed.
    const early = await step("officer", "submit-response", 2, response);
    expect(early).toMatchObject({
      status: 409,
      body: {
        error: { code: "conflict", message: expect.stringContaining("in state fieldwork: submit-report") },
      },
    });
    // G8.22: the report with findings; a bad obligation id is a 400 at its key path.
    const bad = await step("auditor", "submit-report", 2, {
      summary: "s",
      findings: [{ id: "f", obligation: "G99.1", kind: "actual", summary: "x" }],
    });
    expect(bad).toMatchObject({ status: 400, body: { error: { path: "payload.findings[0].obligation" } } });
    expect((await step("auditor", "submit-report", 2, report)).body).toMatchObject({
      state: "reported",
      findings: [{ id: "f1" }, { id: "f2" }],
    });

    // The response document exists only once the response is in.
    expect((await call("officer", "GET", `${base}/${id}/response.md`)).status).toBe(409);
    // G8.24, G8.26: the party responds; G8.27(a): the SSC accepts (a "decide" made through this route).
    expect((await step("officer", "submit-response", 3, response)).body).toMatchObject({
      state: "responded",
    });
    expect((await step("officer", "accept-response", 4)).status).toBe(403);
    expect(
      (await step("ssc", "accept-response", 4, { progressReportsDue: ["2025-09-01"] })).body,
    ).toMatchObject({ state: "remediation", version: 5 });

    const markdown = await call("auditor", "GET", `${base}/${id}/response.md`);
    expect(markdown.status).toBe(200);
    expect(markdown.res.headers["content-type"]).toMatch(/^text\/markdown/);
    expect(markdown.body).toContain("| f1 | G5.18 | actual non-compliance | accepted |");
    const pdf = await app.inject({ method: "GET", url: `${base}/${id}/response.pdf`, headers: as.ssc! });
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect((await PDFDocument.load(pdf.rawPayload)).getTitle()).toBe(
      "User Security Assessment Response: Acme Energy",
    );

    const shown = await call("ssc", "GET", `${base}/${id}`);
    expect((shown.body as Json).steps.map((s: Json) => [s.transition, s.role])).toEqual([
      ["create", "security-officer"],
      ["start-fieldwork", "auditor"],
      ["submit-report", "auditor"],
      ["submit-response", "security-officer"],
      ["accept-response", "ssc"],
    ]);
    expect((await call("contributor", "GET", base)).body).toMatchObject({
      assessments: [{ id, state: "remediation" }],
    });
  });

  it("describes its routes in the OpenAPI document", async () => {
    const spec = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json() as Json;
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/api/parties/{party}/assessments",
        "/api/parties/{party}/assessments/{id}/transitions",
        "/api/parties/{party}/notifications",
      ]),
    );
  });

  it("keeps other parties and read-only tokens out", async () => {
    expect((await call("outsider", "GET", base)).status).toBe(403);
    expect((await call("auditor", "POST", base, { kind: "entry" })).status).toBe(403);
    const created = await call("officer", "POST", base, { kind: "entry" });
    const id = (created.body as Json).id as string;
    const viaToken = await call("readToken", "POST", `${base}/${id}/transitions`, {
      transition: "start-fieldwork",
      version: 1,
    });
    expect(viaToken).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect((await call("officer", "GET", `${base}/wf-none`)).status).toBe(404);
    expect((await call("officer", "POST", base, { kind: "dcc" })).status).toBe(400);
  });

  it("lists the notices owed to the SSC with due dates, from the profile and the registers", async () => {
    const answer = await call("ssc", "GET", `/api/parties/${party}/notifications?on=2026-01-21`);
    expect(answer.status).toBe(200);
    // G5.26, G5.27(a): sharing with no date on record, so due now.
    expect((answer.body as Json).notices.map((n: Json) => [n.clause, n.due])).toEqual([
      ["G5.26", "2026-01-21"],
      ["G5.27(a)", "2026-01-21"],
    ]);
    // G3.5: a Major Security Incident in the incidents register, promptly (24 hours by default).
    const registers = registersOf(store.db, store.clock);
    await registers.put(
      party,
      "incidents",
      {
        id: "inc-9",
        title: "Signing key exposed",
        detected: "2026-01-20T08:00:00Z",
        major: true,
        status: "open",
      },
      { actor: "test" },
    );
    await registers.put(
      party,
      "incidents",
      { id: "inc-8", title: "Old", detected: "2025-01-20T08:00:00Z", major: true, status: "closed" },
      { actor: "test" },
    );
    const fromRegisters = await call("officer", "GET", `/api/parties/${party}/notifications?on=2026-01-21`);
    const incidents = (fromRegisters.body as Json).notices.filter((n: Json) => n.clause === "G3.5");
    expect(incidents).toEqual([
      expect.objectContaining({
        id: "G3.5:inc-9",
        due: "2026-01-21T08:00:00Z",
        to: ["Panel", "Security Sub-Committee"],
      }),
    ]);
    expect(incidents[0].fields[0].value).toBe("Signing key exposed (detected 2026-01-20T08:00:00Z)");
    const withFacts = await call("officer", "POST", `/api/parties/${party}/notifications`, {
      on: "2026-01-21",
      facts: { incidents: [{ id: "inc-1", detectedAt: "2026-01-20T10:00:00Z", major: true }] },
      details: { "inc-1": { summary: "Keys exposed" } },
    });
    const incident = (withFacts.body as Json).notices.find((n: Json) => n.id === "G3.5:inc-1");
    expect(incident).toMatchObject({
      due: "2026-01-21T10:00:00Z",
      fields: [{ value: "Keys exposed" }, { value: null }, { value: null }],
    });
  });
});
