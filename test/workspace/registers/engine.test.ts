import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import { checkIndependence } from "../../../src/controls/people/independence.js";
import type { IsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { parseProfile } from "../../../src/obligations/profile.js";
import { partiesOf } from "../../../src/workspace/parties.js";
import { type Registers, registersOf } from "../../../src/workspace/registers/engine.js";
import { personOf } from "../../../src/workspace/registers/people.js";
import { RegisterProblems } from "../../../src/workspace/registers/problems.js";
import type { Store } from "../../../src/workspace/store.js";
import { repoRoot } from "../../support/shared.js";
import { backends, freshStore, rowsOf, type TestStore } from "../backends.js";

const origin = { actor: "tester" };

async function auditEntries(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`);
  return rows
    .map((row) => JSON.parse(row.entry) as Record<string, unknown>)
    .filter((e) => String(e.action).startsWith("register."));
}

async function refusal(attempt: Promise<unknown>): Promise<InputError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const inventoryCsv = [
  "id,system,kind,name,version,patchLevel,vendor,installedOn",
  "hw-1,crm,hardware,Rack server,R740,,Dell,2024-01-10",
  'sw-1,crm,software,"Postgres, server",16.2,16.2-1,,2024-02-01',
  "",
].join("\r\n");

describe.each(backends)("registers on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let registers: Registers;

    beforeEach(async () => {
      store = await freshStore(backend);
      const profile = parseProfile(
        await readFile(join(repoRoot, "test/fixtures/profiles/srp-one.yaml"), "utf8"),
        "srp-one.yaml",
      );
      await partiesOf(store.db, store.clock).putAll([profile, { ...profile, id: "other-party" }], origin);
      registers = registersOf(store.db, store.clock);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("imports a CSV inventory, audits each record, and re-importing it changes nothing", async () => {
      // G3.1(b): the inventory of hardware, software and firmware versions and patches is kept current.
      expect(
        await registers.importText("srp-one", "inventory", "csv", inventoryCsv, "inv.csv", origin),
      ).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
      });
      expect(await registers.get("srp-one", "inventory", "sw-1")).toEqual({
        id: "sw-1",
        system: "crm",
        kind: "software",
        name: "Postgres, server",
        version: "16.2",
        patchLevel: "16.2-1",
        installedOn: "2024-02-01",
      });
      expect(
        await registers.importText("srp-one", "inventory", "csv", inventoryCsv, "inv.csv", origin),
      ).toEqual({
        created: 0,
        updated: 0,
        unchanged: 2,
      });
      // G2.6(a), G3.3(a): each change has its record, written with it; unchanged records add none.
      const entries = await auditEntries(store);
      expect(entries.map((e) => [e.action, e.target])).toEqual([
        ["register.import", "register:srp-one/inventory/hw-1"],
        ["register.import", "register:srp-one/inventory/sw-1"],
      ]);
      expect((entries[0]!.detail as Record<string, unknown>).changed).toEqual([
        "id",
        "installedOn",
        "kind",
        "name",
        "system",
        "vendor",
        "version",
      ]);
    });

    it("exports CSV and JSON that import back exactly", async () => {
      await registers.importText("srp-one", "inventory", "csv", inventoryCsv, "inv.csv", origin);
      const csv = await registers.exportText("srp-one", "inventory", "csv");
      const json = await registers.exportText("srp-one", "inventory", "json");
      expect(
        await registers.importText("other-party", "inventory", "csv", csv, "x.csv", origin),
      ).toMatchObject({
        created: 2,
      });
      expect(await registers.exportText("other-party", "inventory", "csv")).toBe(csv);
      expect(
        await registers.importText("srp-one", "inventory", "json", json, "x.json", origin),
      ).toMatchObject({
        unchanged: 2,
      });
    });

    it("refuses a whole import naming every bad line and column, storing nothing", async () => {
      const bad = [
        "id,system,kind,name,installedOn",
        "ok-1,crm,hardware,Router,2024-01-01",
        "bad-1,crm,gadget,Router,2024-02-30",
        "ok-1,crm,software,Duplicate,",
        "",
      ].join("\n");
      const error = await refusal(
        registers.importText("srp-one", "inventory", "csv", bad, "inv.csv", origin),
      );
      expect(error).toBeInstanceOf(RegisterProblems);
      expect((error as RegisterProblems).problems).toEqual([
        { line: 3, path: "kind", expected: 'one of "hardware", "software", "firmware"' },
        { line: 3, path: "installedOn", expected: "a real calendar date written YYYY-MM-DD" },
        { line: 4, path: "id", expected: 'a unique inventory item id ("ok-1" is on line 2 too)' },
      ]);
      expect(error.message).toMatch(/^3 problems, nothing was stored:\ninv\.csv:3 at kind: expected one of/);
      expect(await registers.list("srp-one", "inventory")).toEqual([]);
      expect(await auditEntries(store)).toEqual([]);
    });

    it("refuses an unknown column and names JSON problems by line and key path", async () => {
      const unknownColumn = await refusal(
        registers.importText("srp-one", "inventory", "csv", "id,sytem\nx,y\n", "inv.csv", origin),
      );
      expect(unknownColumn.where).toMatchObject({ line: 1, path: "sytem" });
      const json =
        '[\n  {"id": "a", "system": "crm", "kind": "hardware", "name": "A"},\n  {"id": "a", "system": "crm", "kind": "hardware", "name": "B"}\n]';
      const repeated = await refusal(
        registers.importText("srp-one", "inventory", "json", json, "inv.json", origin),
      );
      expect(repeated.where).toEqual({ file: "inv.json", line: 3, path: "[1].id" });
      const wrongType = await refusal(
        registers.importText(
          "srp-one",
          "inventory",
          "json",
          '[{"id": "a", "system": 3}]',
          "inv.json",
          origin,
        ),
      );
      expect(wrongType.where).toMatchObject({ line: 1, path: "[0].system" });
    });

    it("keeps each party's records apart", async () => {
      await registers.importText("srp-one", "inventory", "csv", inventoryCsv, "inv.csv", origin);
      expect(await registers.list("other-party", "inventory")).toEqual([]);
      expect(await registers.get("other-party", "inventory", "hw-1")).toBeUndefined();
      expect((await registers.counts("srp-one")).find((c) => c.register === "inventory")).toEqual({
        register: "inventory",
        count: 2,
      });
    });

    it("refuses records for a party that is not stored", async () => {
      const error = await refusal(registers.put("nobody", "modules", { id: "hsm-1", name: "HSM" }, origin));
      expect(error.where.path).toBe("party");
    });

    it("moves a system only forward, recording each date, and only through transitions", async () => {
      // G3.9(a): a new System is authorised by the SSC before it becomes operational.
      await registers.put(
        "srp-one",
        "systems",
        { id: "crm", name: "CRM", kind: "user-system", status: "planned" },
        origin,
      );
      const early = await refusal(
        registers.transition("srp-one", "systems", "crm", "operational", origin, "2025-01-05"),
      );
      expect(early.expected).toMatch(/one of authorised, decommissioned/);
      await registers.transition("srp-one", "systems", "crm", "authorised", origin, "2025-01-10");
      const live = await registers.transition(
        "srp-one",
        "systems",
        "crm",
        "operational",
        origin,
        "2025-02-01",
      );
      expect(live).toMatchObject({
        status: "operational",
        authorisedOn: "2025-01-10",
        operationalOn: "2025-02-01",
      });
      const back = await refusal(registers.transition("srp-one", "systems", "crm", "authorised", origin));
      expect(back.where.path).toBe("to");
      const sneaky = await refusal(
        registers.put(
          "srp-one",
          "systems",
          { ...live, status: "authorised", operationalOn: undefined },
          origin,
        ),
      );
      expect(sneaky.where.path).toBe("status");
      const sneakyImport = await refusal(
        registers.importText(
          "srp-one",
          "systems",
          "csv",
          "id,name,kind,status\ncrm,CRM,user-system,planned\n",
          "systems.csv",
          origin,
        ),
      );
      expect(sneakyImport.where).toEqual({ file: "systems.csv", line: 2, path: "status" });
      // G3.9(c): the SSC is told before decommissioning.
      const noNotice = await refusal(
        registers.transition("srp-one", "systems", "crm", "decommissioned", origin),
      );
      expect(noNotice.where.path).toBe("decommissioningNoticeOn");
      await registers.put("srp-one", "systems", { ...live, decommissioningNoticeOn: "2025-05-01" }, origin);
      const tooSoon = await refusal(
        registers.transition("srp-one", "systems", "crm", "decommissioned", origin, "2025-04-30"),
      );
      expect(tooSoon.where.path).toBe("decommissionedOn");
      const done = await registers.transition("srp-one", "systems", "crm", "decommissioned", origin);
      expect(done).toMatchObject({ status: "decommissioned", decommissionedOn: "2025-06-02" });
      const transitions = (await auditEntries(store)).filter((e) => e.action === "register.transition");
      expect(transitions.map((e) => (e.detail as Record<string, unknown>).to)).toEqual([
        "authorised",
        "operational",
        "decommissioned",
      ]);
    });

    it("stores an evidence file with the SHA-256 it computes, and refuses a SHA-256 that disagrees", async () => {
      const bytes = new TextEncoder().encode("penetration test report");
      const record = {
        id: "pt-2025",
        title: "Annual penetration test",
        kind: "file",
        collectedOn: "2025-05-01",
        method: "test",
        obligations: ["G3.7(a)", "G3.8"],
      };
      const wrong = await refusal(
        registers.put("srp-one", "evidence", record, origin, {
          name: "pt.txt",
          mediaType: "text/plain",
          bytes,
          sha256: "0".repeat(64),
        }),
      );
      expect(wrong.where.path).toBe("file.sha256");
      const { record: stored } = await registers.put("srp-one", "evidence", record, origin, {
        name: "pt.txt",
        mediaType: "text/plain",
        bytes,
      });
      expect(stored.file).toEqual({
        name: "pt.txt",
        mediaType: "text/plain",
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
      });
      const file = await registers.evidenceFile("srp-one", "pt-2025");
      expect(Buffer.from(file!.bytes).toString()).toBe("penetration test report");
      // Metadata alone cannot claim another file: the hash is the server's.
      const forged = await refusal(
        registers.put(
          "srp-one",
          "evidence",
          { ...stored, file: { ...stored.file!, sha256: "a".repeat(64) } },
          origin,
        ),
      );
      expect(forged.where.path).toBe("file");
      // Exported evidence imports back unchanged: its file details match the stored file.
      const csv = await registers.exportText("srp-one", "evidence", "csv");
      expect(await registers.importText("srp-one", "evidence", "csv", csv, "e.csv", origin)).toMatchObject({
        unchanged: 1,
      });
      // Turned into a link, the record keeps no file behind it.
      const { file: _, ...rest } = stored;
      await registers.put(
        "srp-one",
        "evidence",
        { ...rest, kind: "link", url: "https://example.org/pt" },
        origin,
      );
      expect(await registers.evidenceFile("srp-one", "pt-2025")).toBeUndefined();
      expect(await registers.remove("srp-one", "evidence", "pt-2025", origin)).toBe(true);
      expect(await registers.evidenceFile("srp-one", "pt-2025")).toBeUndefined();
    });

    it("refuses evidence for an obligation the catalogue does not have", async () => {
      const error = await refusal(
        registers.put(
          "srp-one",
          "evidence",
          {
            id: "e1",
            title: "x",
            kind: "link",
            url: "https://example.org/x",
            collectedOn: "2025-01-01",
            method: "examine",
            obligations: ["G99.1"],
          },
          origin,
        ),
      );
      expect(error.where.path).toBe("obligations[0]");
    });

    it("reads people with engagements the independence check understands", async () => {
      // G4.2-G4.3 screening; G3.12-G3.13 engagements checked by the people control's own reader.
      const person = {
        id: "p1",
        name: "A. Person",
        screeningStandard: "bs7858",
        clearanceLevel: "security-check",
        clearanceGranted: "2023-06-01",
        screenedOn: "2024-01-01",
        engagements: [
          { system: "user-systems", party: "srp-one", activity: "operation", from: "2024-01-01" },
        ],
      };
      await registers.put("srp-one", "people", person, origin);
      await registers.put(
        "srp-one",
        "people",
        {
          id: "p2",
          name: "B. Person",
          engagements: [
            { system: "dcc-live", activity: "operation", from: "2024-01-01" },
            { system: "user-systems", party: "srp-one", activity: "operation", from: "2024-01-01" },
          ],
        },
        origin,
      );
      const stored = await registers.list("srp-one", "people");
      expect(stored[0]?.engagements[0]).toMatchObject({ system: "user-systems", party: "srp-one" });
      // G3.13(a): the independence rules run over the register as over a people file.
      const roster = {
        policy: { coolingOffDays: 365, sscApprovedDevGapMonths: 24 },
        people: stored.map(personOf),
      };
      expect(checkIndependence(roster, "2025-06-02" as IsoDate).map((v) => v.person)).toContain("p2");
      const bad = await refusal(
        registers.put(
          "srp-one",
          "people",
          { ...person, engagements: [{ system: "user-systems", activity: "operation", from: "2024-01-01" }] },
          origin,
        ),
      );
      expect(bad.where.path).toBe("engagements[0].party");
    });
  });
});
