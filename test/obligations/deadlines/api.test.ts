import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../../src/api/app.js";
import { buildServer } from "../../../src/api/server.js";
import { openStore, type Store } from "../../../src/workspace/store.js";
import { sessionHeaders } from "../../support/api-session.js";
import { embedded, type Provisioned } from "../../workspace/backends.js";

const profile = {
  id: "insight",
  name: "Insight Energy Services Ltd",
  roles: [{ role: "other-user" }],
  assurance: [{ category: "full", completed: "2025-06-01", initial: true }],
};

describe("POST /api/deadlines and /api/deadlines.ics", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let headers: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    // Deadlines are computed from the body, not the store: any signed-in reader may ask.
    headers = await sessionHeaders(app, store, [{ party: "*", role: "auditor" }]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const post = (url: string, payload: object) => app.inject({ method: "POST", url, payload, headers });

  it("answers as the CLI does", async () => {
    // G4.1(b): reviewed 2025-01-31, due 2026-01-31.
    const response = await post("/api/deadlines", {
      profile,
      facts: { people: [{ id: "p", clearanceReviewed: "2025-01-31" }] },
      on: "2026-01-15",
    });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      party: string;
      on: string;
      deadlines: { id: string; due: string; status: string }[];
    };
    expect(body.party).toBe("insight");
    expect(body.on).toBe("2026-01-15");
    expect(body.deadlines.find((d) => d.id === "G4.1(b):p")).toMatchObject({
      due: "2026-01-31",
      status: "due-soon",
    });
  });

  it("serves the same deadlines as text/calendar", async () => {
    // G5.18(c): no ISMS review on record, so one is due on the day asked about.
    const response = await post("/api/deadlines.ics", { profile, on: "2026-01-15" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(response.body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(response.body).toContain("UID:G5.18_0028c_0029_003ainsight@insight.secg\r\n");
  });

  it("refuses bad facts with a 400 naming the key", async () => {
    const response = await post("/api/deadlines", {
      profile,
      facts: { people: [{ id: "p", reviewMonths: 24 }] },
      on: "2026-01-15",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { code: "invalid_input", path: "people[0].reviewMonths" },
    });
  });

  it("refuses a profile that names a Shared Resource Provider it was not given", async () => {
    const shared = { ...profile, sharedResources: { used: true, providedBy: "srp-one" } };
    const response = await post("/api/deadlines", { profile: shared, on: "2026-01-15" });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { path: "peers" } });
  });
});
