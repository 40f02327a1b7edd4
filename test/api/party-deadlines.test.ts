import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { verifyBundle } from "../../src/workspace/audit-log/bundle.js";
import { signNewCheckpoint } from "../../src/workspace/audit-log/checkpoints.js";
import { currentSigningKey } from "../../src/workspace/audit-log/keys.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { registersOf } from "../../src/workspace/registers/engine.js";
import { sessionHeaders } from "../support/api-session.js";
import { backends, freshStore, type TestStore } from "../workspace/backends.js";
import { assessmentWithResponseDue, majorIncident } from "../workspace/party-deadlines-fixture.js";
import { profiles } from "../workspace/workflows/profiles.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");
const origin = { actor: "test" };

describe.each(backends.filter((b) => b.available))(
  "party deadlines and the audit bundle over HTTP on $kind",
  (backend) => {
    let store: TestStore;
    let app: App;
    let auditor: Record<string, string>;
    let installationOwner: Record<string, string>;
    let assessment: string;

    beforeAll(async () => {
      store = await freshStore(backend);
      await partiesOf(store.db, store.clock).putAll(profiles, origin);
      await registersOf(store.db, store.clock).put(
        "acme",
        "people",
        {
          id: "p-ada",
          name: "Ada",
          clearanceLevel: "security-check",
          clearanceGranted: "2023-03-01",
          clearanceReviewed: "2024-05-01",
        },
        origin,
      );
      assessment = await assessmentWithResponseDue(store, "acme", "2025-08-01");
      app = await buildServer({ store, webRoot: noWebRoot });
      auditor = await sessionHeaders(app, store, [{ party: "acme", role: "auditor" }]);
      installationOwner = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
    });
    afterAll(async () => {
      await app.close();
      await store.dispose();
    });

    const get = (url: string, headers: Record<string, string>) => app.inject({ method: "GET", url, headers });

    it("answers the stored party's deadlines in the shape of POST /api/deadlines", async () => {
      const response = await get("/api/parties/acme/deadlines?on=2025-06-02", auditor);
      expect(response.statusCode).toBe(200);
      const answer = response.json() as {
        party: string;
        on: string;
        deadlines: { id: string; due: string }[];
      };
      expect(answer).toMatchObject({ party: "acme", on: "2025-06-02" });
      // G4.1(b): the clearance review from the people register.
      expect(answer.deadlines).toContainEqual(
        expect.objectContaining({ id: "G4.1(b):p-ada", due: "2025-05-01", status: "overdue" }),
      );
      // G8.24: the response date the SSC set in the assessment.
      expect(answer.deadlines).toContainEqual(
        expect.objectContaining({ id: `G8.24:${assessment}`, due: "2025-08-01", status: "upcoming" }),
      );
      const within = (await get("/api/parties/acme/deadlines?on=2025-06-02&within=0", auditor)).json() as {
        deadlines: { status: string }[];
      };
      expect(within.deadlines.every((d) => d.status === "overdue" || d.status === "due-soon")).toBe(true);
    });

    it("dates the duties with the party's stored policy and says which version it used", async () => {
      const registers = registersOf(store.db, store.clock);
      await registers.put("beta", "incidents", majorIncident("inc-9"), origin);
      const url = "/api/parties/beta/deadlines?on=2025-06-02";
      const notice = (body: { deadlines: { id: string; due: string }[] }) =>
        body.deadlines.find((d) => d.id === "G3.5:inc-9")?.due;
      const before = (await get(url, installationOwner)).json();
      // G3.5: "promptly" is the default 24 hours while the party has no policy.
      expect(before.policy).toEqual({
        version: 0,
        sha256: null,
        used: { promptHours: 24, followUpDays: 30 },
      });
      expect(notice(before)).toBe("2025-06-02T09:00:00Z");
      const put = await app.inject({
        method: "PUT",
        url: "/api/parties/beta/policy",
        headers: installationOwner,
        payload: { promptHours: 2 },
      });
      expect(put.statusCode).toBe(200);
      const after = (await get(url, installationOwner)).json();
      expect(after.policy).toMatchObject({ version: 1, sha256: put.json().sha256, used: { promptHours: 2 } });
      expect(notice(after)).toBe("2025-06-01T11:00:00Z");
    });

    it("serves the same deadlines as an iCalendar file", async () => {
      const response = await get("/api/parties/acme/deadlines.ics?on=2025-06-02", auditor);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/calendar/);
      expect(response.body).toMatch(/^BEGIN:VCALENDAR/);
      expect(response.body).toContain(`SUMMARY:G8.24 Security Assessment Response ${assessment}`);
      expect(response.body).toContain("SUMMARY:G4.1(b) Review the security clearance of p-ada");
    });

    it("refuses a bad date and an unknown party precisely", async () => {
      const bad = await get("/api/parties/acme/deadlines?on=2025-02-30", auditor);
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ error: { path: "on" } });
      const owner = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
      const missing = await get("/api/parties/nobody/deadlines?on=2025-06-02", owner);
      expect(missing.statusCode).toBe(404);
    });

    it("downloads the audit bundle, which verifies as `secg audit verify` checks it", async () => {
      // G2.26: the log can be handed over and checked offline.
      expect((await get("/api/audit/bundle", installationOwner)).statusCode).toBe(404);
      // The PostgreSQL backend has no data folder, so the signing key lives in a folder of its own.
      const keys = await mkdtemp(join(tmpdir(), "secg-keys-"));
      try {
        await signNewCheckpoint(store.db, store.clock, await currentSigningKey(keys), origin);
      } finally {
        await rm(keys, { recursive: true, force: true });
      }
      const response = await get("/api/audit/bundle", installationOwner);
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-disposition"]).toMatch(/^attachment; filename="audit-\d+\.jsonl"$/);
      const verdict = verifyBundle(response.body);
      expect(verdict.problems).toEqual([]);
      expect(verdict.valid).toBe(true);
      expect(verdict.size).toBeGreaterThan(0);
    });
  },
);
