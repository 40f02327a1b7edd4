import { readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { quarantineOf } from "../../src/workspace/quarantine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { repoRoot } from "../support/shared.js";
import { embedded, type Provisioned, rowsOf } from "../workspace/backends.js";
import { steppingClock, storeParties } from "../workspace/controls/support.js";

const party = "small-supplier";
const officerName = "replay-officer";
const url = `/api/parties/${party}/adt/replays`;
const fixtures = join(repoRoot, "test/fixtures/adt");

async function fixture(path: string): Promise<{ name: string; text: string }> {
  return { name: path.split("/").pop()!, text: await readFile(join(fixtures, path), "utf8") };
}

type Line = { type: string; [key: string]: unknown };

/** `count` requests of the import supplier for SRV 4.1.1 (no threshold on it), one a second. */
function manyRequests(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const time = new Date(Date.UTC(2025, 3, 1) + i * 1000).toISOString().replace(".000", "");
    lines.push(
      JSON.stringify({
        requestId: `90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:${i + 1}`,
        srv: "4.1.1",
        commandVariant: 1,
        time,
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("replaying traffic against thresholds over HTTP (G6)", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let officer: Record<string, string>;
  let thresholds: { name: string; text: string };

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore({ ...provisioned.options, clock: steppingClock() });
    await storeParties(store);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    officer = await sessionHeaders(app, store, [{ party, role: "security-officer" }], officerName);
    thresholds = await fixture("replay/thresholds.yaml");
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const replay = async (payload: object) => {
    const response = await app.inject({ method: "POST", url, headers: officer, payload });
    const lines =
      response.statusCode === 200
        ? response.body
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as Line)
        : [];
    return { status: response.statusCode, type: response.headers["content-type"], lines, response };
  };
  const held = () => quarantineOf(store.db, store.clock).list();

  it("decides the requests in order and holds the quarantined ones for the User's decision", async () => {
    const { status, type, lines } = await replay({
      thresholds,
      format: "jsonl",
      requests: [await fixture("replay/requests.jsonl")],
    });
    expect(status).toBe(200);
    expect(type).toMatch(/^application\/x-ndjson/);
    const result = lines.at(-1)!;
    expect(result.type).toBe("result");
    // G6.3: over the warning level of 1 the second 7.2 request is processed and reported; over
    // the quarantine level of 2 the third is held. G6.6(b), G6.1(d)(i): a price outside the
    // limits quarantines a request, and deletes a SMETS1 one.
    expect(result.summary).toEqual({
      processed: 4,
      warned: ["90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:2"],
      quarantined: [
        { requestId: "90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:3", breach: "user-threshold" },
        { requestId: "90-B3-D5-1F-30-02-00-02:00-DB-12-34-56-78-90-A1:5", breach: "attribute-limits" },
      ],
      deleted: ["90-B3-D5-1F-30-02-00-02:00-DB-12-34-56-78-90-A1:6"],
    });
    expect(result.counts).toEqual([
      {
        userId: "90-B3-D5-1F-30-02-00-01",
        srv: "7.2",
        requests: 4,
        processed: 3,
        warned: 1,
        quarantined: 1,
        deleted: 0,
      },
      {
        userId: "90-B3-D5-1F-30-02-00-02",
        srv: "1.2.1",
        requests: 3,
        processed: 1,
        warned: 0,
        quarantined: 1,
        deleted: 1,
      },
    ]);
    expect(result).toMatchObject({
      from: "2025-03-01T10:00:00.000Z",
      to: "2025-03-01T11:30:00.000Z",
      held: 2,
    });

    // G6.5: the held requests wait in the workspace quarantine, each hold audited.
    const waiting = await held();
    expect(waiting.map((r) => [r.requestId, r.breach, r.threshold, r.status])).toEqual([
      ["90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:3", "user-threshold", 0, "waiting"],
      ["90-B3-D5-1F-30-02-00-02:00-DB-12-34-56-78-90-A1:5", "attribute-limits", 1, "waiting"],
    ]);
    expect(waiting[1]!.request).toMatchObject({ srv: "1.2.1", values: { price: 250000 } });
    const holds = (await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`))
      .map((row) => JSON.parse(row.entry) as { action: string; actor: string })
      .filter((entry) => entry.action === "adt.quarantine.hold");
    expect(holds.map((entry) => entry.actor)).toEqual([`user:${officerName}`, `user:${officerName}`]);

    // A second replay of the same traffic holds nothing twice.
    const again = await replay({
      thresholds,
      format: "jsonl",
      requests: [await fixture("replay/requests.jsonl")],
    });
    expect(again.lines.at(-1)).toMatchObject({ type: "result", held: 0 });
    expect(await held()).toHaveLength(2);
  });

  it("sends progress lines, each further on, before the result", async () => {
    const { lines } = await replay({
      thresholds,
      format: "jsonl",
      requests: [{ name: "many.jsonl", text: manyRequests(5000) }],
    });
    const progress = lines.filter((line) => line.type === "progress");
    expect(progress.map((line) => line.processed)).toEqual([0, 2000, 4000, 5000]);
    expect(progress.every((line) => line.total === 5000 && line.phase === "deciding")).toBe(true);
    expect(lines.map((line) => line.type)).toEqual([...progress.map(() => "progress"), "result"]);
    expect(lines.at(-1)).toMatchObject({ summary: { processed: 5000 }, held: 0 });
  });

  it("refuses a bad request line with its file, line and field, storing nothing", async () => {
    const before = await held();
    const { status, response } = await replay({
      thresholds,
      format: "jsonl",
      requests: [await fixture("replay/bad-requests.jsonl")],
    });
    expect(status).toBe(400);
    expect(response.json().error.message).toMatch(
      /^bad-requests\.jsonl:4: expected only the keys .*found "smets"/,
    );
    expect(await held()).toEqual(before);
  });

  it("validates the thresholds as `secg adt replay` does, naming the line and key path (G6.3)", async () => {
    const { status, response } = await replay({
      thresholds: {
        name: "t.yaml",
        text: 'thresholds:\n  - { userId: "90-B3-D5-1F-30-02-00-01", srv: 7.2 }\n',
      },
      format: "jsonl",
      requests: [await fixture("replay/requests.jsonl")],
    });
    expect(status).toBe(400);
    expect(response.json().error).toMatchObject({ path: "thresholds[0].srv" });
    expect(response.json().error.message).toMatch(
      /^t\.yaml:2 at thresholds\[0\]\.srv: expected a quoted SRV/,
    );
  });

  it("refuses requests out of time order, as the engine decides in order", async () => {
    const text = (await fixture("replay/requests.jsonl")).text.split("\n").reverse().join("\n");
    const { status, response } = await replay({
      thresholds,
      format: "jsonl",
      requests: [{ name: "reversed.jsonl", text }],
    });
    expect(status).toBe(400);
    expect(response.json().error.message).toMatch(/^reversed\.jsonl:3: expected "time" no earlier than/);
  });

  it("holds only the party's own traffic; another User's can be replayed without holding", async () => {
    const before = await held();
    const duis = join(fixtures, "duis");
    const files = await Promise.all(
      (await readdir(duis))
        .filter((name) => name.endsWith(".xml"))
        .map(async (name) => ({ name, text: await readFile(join(duis, name), "utf8") })),
    );
    const refused = await replay({ thresholds, format: "duis", requests: files });
    expect(refused.status).toBe(400);
    expect(refused.response.json().error.message).toMatch(
      /^001-disable-supply\.xml at requestId: expected a request from a User ID of party small-supplier/,
    );

    // DUIS XML carries no time: the requests arrive one second apart from `start`.
    const { status, lines } = await replay({
      thresholds,
      format: "duis",
      requests: files.reverse(),
      start: "2025-06-01T00:00:00Z",
      hold: false,
    });
    expect(status).toBe(200);
    expect(lines.at(-1)).toMatchObject({
      type: "result",
      from: "2025-06-01T00:00:00.000Z",
      to: "2025-06-01T00:00:03.000Z",
      held: null,
      summary: { processed: 4 },
    });
    expect(await held()).toEqual(before);
  });

  it("refuses a start time for JSON Lines, whose requests carry their own", async () => {
    const { status, response } = await replay({
      thresholds,
      format: "jsonl",
      requests: [await fixture("replay/requests.jsonl")],
      start: "2025-06-01T00:00:00Z",
    });
    expect(status).toBe(400);
    expect(response.json().error.path).toBe("start");
  });
});
