import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildServer } from "../../src/api/server.js";
import { runCli } from "../../src/cli/program.js";
import { type HoldInput, quarantineOf } from "../../src/workspace/quarantine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { backends, embedded, freshStore, type Provisioned, rowsOf, type TestStore } from "./backends.js";

const userA = "90-B3-D5-1F-30-01-00-00";

function held(counter: number, breach: HoldInput["breach"] = "user-threshold"): HoldInput {
  const requestId = `${userA}:00-DB-12-34-56-78-90-A0:${counter}`;
  return {
    requestId,
    userId: userA,
    request: { requestId, srv: "7.2", commandVariant: 5, time: "2025-03-01T10:00:00Z" },
    breach,
    threshold: 0,
  };
}

async function auditActions(store: Store): Promise<{ action: string; actor: string; target: string }[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`SELECT entry FROM audit_entries ORDER BY seq`);
  return rows.map((row) => {
    const { action, actor, target } = JSON.parse(row.entry) as Record<string, string>;
    return { action: action!, actor: actor!, target: target! };
  });
}

describe.each(backends.filter((b) => b.available))("the durable quarantine on $kind", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(backend);
  });
  afterEach(async () => {
    await store.dispose();
  });

  // G6: a request redelivered after a crash is held once, and each hold has its audit record.
  it("holds a RequestID once, each hold audited in its transaction", async () => {
    const quarantine = quarantineOf(store.db, store.clock);
    expect(await quarantine.hold([held(1), held(2)], { actor: "service:test" })).toHaveLength(2);
    expect(await quarantine.hold([held(2), held(3)], { actor: "service:test" })).toEqual([held(3).requestId]);
    expect((await quarantine.list()).map((r) => r.requestId)).toEqual(
      [1, 2, 3].map((n) => held(n).requestId),
    );
    const audit = await auditActions(store);
    expect(audit.filter((a) => a.action === "adt.quarantine.hold")).toHaveLength(3);
  });

  // G6: a stage holds a whole batch at once, and with many requests a message a batch can
  // quarantine more rows than one PostgreSQL statement takes parameters for (65,535).
  it("holds a batch larger than one statement can carry", async () => {
    const quarantine = quarantineOf(store.db, store.clock);
    const batch = Array.from({ length: 12_000 }, (_, i) => held(i + 1));
    expect(await quarantine.hold([...batch, held(1)], { actor: "service:test" })).toHaveLength(12_000);
    expect(await quarantine.list()).toHaveLength(12_000);
  });

  // G6: the User decides delete or process, once; every decision audited with who made it.
  it("records one decision per request, audited, and refuses a second", async () => {
    const quarantine = quarantineOf(store.db, store.clock);
    await quarantine.hold([held(1), held(2, "dcc-threshold")], { actor: "service:test" });
    const deleted = await quarantine.decide(held(1).requestId, "delete", { actor: "cli:alice" });
    expect(deleted).toMatchObject({ found: true, request: { status: "deleted", decidedBy: "cli:alice" } });
    await expect(quarantine.decide(held(1).requestId, "process", { actor: "cli:bob" })).rejects.toThrow(
      /already deleted by cli:alice/,
    );
    expect(await quarantine.decide("nope", "delete", { actor: "cli:alice" })).toEqual({ found: false });
    expect((await quarantine.list({ status: "waiting" })).map((r) => r.requestId)).toEqual([
      held(2).requestId,
    ]);
    // What the service polls for (G6.5): decisions made since an instant, never waiting requests.
    const since = new Date((deleted.found && deleted.request.decidedAt) || 0);
    expect((await quarantine.list({ decidedSince: since })).map((r) => r.requestId)).toEqual([
      held(1).requestId,
    ]);
    expect(await quarantine.list({ decidedSince: new Date(since.getTime() + 1) })).toEqual([]);
    expect(await auditActions(store)).toContainEqual({
      action: "adt.quarantine.delete",
      actor: "cli:alice",
      target: `service-request:${held(1).requestId}`,
    });
  });
});

describe("quarantine decisions through the CLI and the API", () => {
  let provisioned: Provisioned;
  beforeEach(async () => {
    provisioned = await embedded.provision();
    const store = await openStore(provisioned.options);
    await quarantineOf(store.db, store.clock).hold([held(1), held(2), held(3)], { actor: "service:test" });
    await store.close();
  });
  afterEach(() => provisioned.dispose());

  async function secg(...argv: string[]) {
    let out = "";
    let err = "";
    const code = await runCli(argv, { out: (text) => (out += text), err: (text) => (err += text) });
    return { code, out, err };
  }

  // G6: quarantined requests wait until the User decides to delete or process them.
  it("secg adt quarantine list|decide", async () => {
    const data = provisioned.options.dataDir!;
    const listed = await secg("adt", "quarantine", "list", "--status", "waiting", "--data", data, "--json");
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out)).toHaveLength(3);

    const decided = await secg(
      "adt",
      "quarantine",
      "decide",
      held(2).requestId,
      "process",
      "--data",
      data,
      "--json",
    );
    expect(decided.code).toBe(0);
    expect(JSON.parse(decided.out)).toMatchObject({ status: "processed" });
    expect(JSON.parse(decided.out).decidedBy).toMatch(/^cli:/);

    const again = await secg("adt", "quarantine", "decide", held(2).requestId, "delete", "--data", data);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/already processed/);
    const bad = await secg("adt", "quarantine", "decide", held(3).requestId, "maybe", "--data", data);
    expect(bad).toMatchObject({
      code: 2,
      err: 'secg: at <decision>: expected delete or process, found "maybe"\n',
    });
  });

  // G6: a decision made over HTTP is recorded and audited, with the signed-in person as actor.
  it("GET /api/adt/quarantine and POST …/decision", async () => {
    const store = await openStore(provisioned.options);
    const app = await buildServer({ store, webRoot: "/nonexistent" });
    try {
      const headers = await sessionHeaders(app, store, [{ party: "*", role: "security-officer" }], "officer");
      const list = await app.inject({ method: "GET", url: "/api/adt/quarantine?status=waiting", headers });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toHaveLength(3);

      const url = `/api/adt/quarantine/${encodeURIComponent(held(1).requestId)}/decision`;
      const first = await app.inject({ method: "POST", url, headers, payload: { decision: "delete" } });
      expect(first.statusCode).toBe(200);
      const actor = first.json<{ decidedBy: string }>().decidedBy;
      expect(actor).toBe("user:officer");
      expect(first.json()).toMatchObject({ status: "deleted" });
      const second = await app.inject({ method: "POST", url, headers, payload: { decision: "process" } });
      expect(second.statusCode).toBe(409);
      const wrong = await app.inject({ method: "POST", url, headers, payload: { decision: "later" } });
      expect(wrong.statusCode).toBe(400);
      const missing = await app.inject({
        method: "POST",
        url: "/api/adt/quarantine/none/decision",
        headers,
        payload: { decision: "delete" },
      });
      expect(missing.statusCode).toBe(404);
      expect(await auditActions(store)).toContainEqual({
        action: "adt.quarantine.delete",
        actor,
        target: `service-request:${held(1).requestId}`,
      });
    } finally {
      await app.close();
      await store.close();
    }
  });
});
