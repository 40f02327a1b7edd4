/**
 * One party's audit log over HTTP and on the command line (G2.26): the entries that belong to the
 * party by what they record (docs/access.md, "A party's audit log"), newest first, filtered and
 * paged with a cursor.
 */
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import type { PartyProfile } from "../../src/obligations/profile.js";
import { type AuditEvent, appendStandaloneAudit, auditSchemaVersion } from "../../src/workspace/audit.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { quarantineOf } from "../../src/workspace/quarantine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { cliRun } from "../support/cli.js";
import { repoRoot } from "../support/shared.js";
import { embedded, fixedClock, type Provisioned } from "../workspace/backends.js";

type Page = {
  party: string;
  entries: { seq: number; target: string; action: string }[];
  next: number | null;
};

const profile = async (id: string) =>
  ({
    ...(parse(
      await readFile(join(repoRoot, "test/fixtures/profiles/large-supplier.yaml"), "utf8"),
    ) as object),
    id,
  }) as PartyProfile;

/** Entries of every kind that names a party, and some that name none or another one. */
async function seed(store: Store): Promise<void> {
  await partiesOf(store.db, store.clock).putAll([await profile("acme"), await profile("acme-extra")], {
    actor: "test",
  });
  // The large supplier's profile lists this User ID; acme comes first by id, so it owns it.
  await quarantineOf(store.db, store.clock).hold(
    [
      {
        requestId: "req-1",
        userId: "90-B3-D5-1F-30-01-00-01",
        request: {},
        breach: "user-threshold",
        threshold: 0,
      },
    ],
    { actor: "test" },
  );
  const event = (target: string, time: string, more: Partial<AuditEvent> = {}): AuditEvent => ({
    actor: "user:alice",
    action: "test.change",
    target,
    outcome: "success",
    time,
    timeSource: fixedClock.source,
    schemaVersion: auditSchemaVersion,
    ...more,
  });
  for (const e of [
    event("register:acme/systems/s1", "2025-05-01T10:00:00.000Z", { action: "register.put" }),
    event("register:acme-extra/systems/s1", "2025-05-01T10:00:00.000Z", { action: "register.put" }),
    event("workflow:acme/7", "2025-05-02T10:00:00.000Z", { action: "workflow.create" }),
    event("finding:12", "2025-05-03T10:00:00.000Z", { action: "finding.accept", detail: { party: "acme" } }),
    event("route:GET /api/parties/:party", "2025-05-04T10:00:00.000Z", {
      action: "api.request",
      actor: "user:mallory",
      outcome: "denied",
      detail: { party: "acme", status: 403 },
    }),
    event("user:alice", "2025-05-05T10:00:00.000Z", { action: "auth.login" }),
  ]) {
    await appendStandaloneAudit(store.db, e);
  }
}

describe("GET /api/parties/:party/audit/entries", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let auditor: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    await seed(store);
    auditor = await sessionHeaders(app, store, [{ party: "acme", role: "auditor" }]);
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const get = async (query: string) => {
    const response = await app.inject({
      method: "GET",
      url: `/api/parties/acme/audit/entries${query}`,
      headers: auditor,
    });
    return { status: response.statusCode, page: response.json() as Page };
  };

  it("answers the entries that belong to the party, newest first", async () => {
    // G2.26: the party's assessor reviews the party's own records.
    const { status, page } = await get("?limit=1000");
    expect(status).toBe(200);
    const targets = page.entries.map((e) => e.target);
    expect(targets).toEqual(
      expect.arrayContaining([
        "party:acme",
        "service-request:req-1",
        "register:acme/systems/s1",
        "workflow:acme/7",
        "finding:12",
        "route:GET /api/parties/:party",
      ]),
    );
    expect(targets).not.toContain("register:acme-extra/systems/s1");
    expect(targets).not.toContain("party:acme-extra");
    expect(targets).not.toContain("user:alice");
    const seqs = page.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
  });

  it("filters by action prefix, outcome, actor and time", async () => {
    expect((await get("?action=register")).page.entries.map((e) => e.target)).toEqual([
      "register:acme/systems/s1",
    ]);
    expect((await get("?outcome=denied&actor=user:mallory")).page.entries.map((e) => e.action)).toEqual([
      "api.request",
    ]);
    const window = await get("?since=2025-05-02&until=2025-05-04T00:00:00Z");
    expect(window.page.entries.map((e) => e.target)).toEqual(["finding:12", "workflow:acme/7"]);
    const bad = await app.inject({
      method: "GET",
      url: "/api/parties/acme/audit/entries?since=yesterday",
      headers: auditor,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: "invalid_input", path: "since" } });
  });

  it("pages with a cursor, without gaps or repeats", async () => {
    // Before the test's own requests (each is an entry of acme, at the fixed clock's time).
    const period = "until=2025-06-01";
    const all = (await get(`?${period}&limit=1000`)).page.entries.map((e) => e.seq);
    expect(all).toHaveLength(4);
    const seen: number[] = [];
    let cursor: number | null | undefined;
    do {
      const { page } = await get(`?${period}&limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      seen.push(...page.entries.map((e) => e.seq));
      cursor = page.next;
    } while (cursor !== null);
    expect(seen).toEqual(all);
  });
});

describe("secg audit entries --party", () => {
  let provisioned: Provisioned;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    const store = await openStore(provisioned.options);
    await seed(store);
    await store.close();
  }, 120_000);
  afterAll(() => provisioned.dispose());

  it("lists the same entries as the API", async () => {
    const { code, out } = await cliRun(
      "audit",
      "entries",
      "--data",
      provisioned.options.dataDir!,
      "--party",
      "acme",
      "--action",
      "workflow",
      "--json",
    );
    expect(code).toBe(0);
    expect((JSON.parse(out) as Page).entries.map((e) => e.target)).toEqual(["workflow:acme/7"]);
  });
});
