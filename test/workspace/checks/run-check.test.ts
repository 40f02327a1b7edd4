import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { runCheck } from "../../../src/workspace/checks/run-check.js";
import { findingsOf } from "../../../src/workspace/controls/findings.js";
import { obligationStatus } from "../../../src/workspace/controls/obligation-status.js";
import { type Registers, registersOf } from "../../../src/workspace/registers/engine.js";
import { backends, freshStore, type TestStore } from "../backends.js";
import { auditActions, steppingClock, storeParties } from "../controls/support.js";

const tester = { actor: "tester" };
const on = parseIsoDate("2025-06-02");

// Granted more than a year before `on` and never reviewed; may access Data.
const overdue = {
  id: "ana",
  name: "Ana",
  dataAccess: true,
  clearanceLevel: "baseline",
  clearanceGranted: "2024-01-15",
};
// Could affect supply, with no screening on record.
const unscreened = { id: "ben", name: "Ben", canAffectSupply: true };

describe.each(backends)("rule checks over the registers on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let registers: Registers;

    beforeEach(async () => {
      store = await freshStore(backend, { clock: steppingClock() });
      await storeParties(store);
      registers = registersOf(store.db, store.clock);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("records people findings against their clauses and rectifies them on a later complete run", async () => {
      await registers.put("small-supplier", "people", overdue, tester);
      await registers.put("small-supplier", "people", unscreened, tester);
      const first = await runCheck(store.db, store.clock, "small-supplier", "people", on, tester);
      expect(first).toMatchObject({ control: "rule:people", status: "findings", method: "test" });
      // G4.1(b): clearance review overdue; G4.2 with G4.3(a): screening missing for someone who could affect supply.
      expect(first.findings.map((f) => [f.source, f.obligations, f.title, f.status]).sort()).toEqual([
        ["rule:people", ["G4.1(b)"], "G4.1(b): ana", "open"],
        ["rule:people", ["G4.3(a)"], "G4.3(a): ben", "open"],
      ]);
      expect(first.obligations).toEqual(expect.arrayContaining(["G4.1", "G4.3"]));

      // Seen again: the same findings, not new ones.
      const again = await runCheck(store.db, store.clock, "small-supplier", "people", on, tester);
      expect(again.findings.map((f) => f.id).sort()).toEqual(first.findings.map((f) => f.id).sort());

      // G4.1(b): the review is done, so the next run no longer sees it and the finding is rectified.
      await registers.put(
        "small-supplier",
        "people",
        { ...overdue, clearanceReviewed: "2025-05-01" },
        tester,
      );
      const later = await runCheck(store.db, store.clock, "small-supplier", "people", on, tester);
      expect(later.findings.map((f) => f.title)).toEqual(["G4.3(a): ben"]);
      const all = await findingsOf(store.db, store.clock).list("small-supplier", { source: "rule:people" });
      expect(all.find((f) => f.title === "G4.1(b): ana")).toMatchObject({ status: "rectified" });
      expect(await auditActions(store)).toEqual(
        expect.arrayContaining(["check.run", "check.run", "check.run"]),
      );

      // The run is evidence in the obligations' status, with the open finding against G4.3.
      const status = await obligationStatus(store.db, store.clock, "small-supplier");
      const g43 = status?.find((s) => s.id.startsWith("G4.3"));
      expect(g43?.lastRun).toMatchObject({ id: later.id, control: "rule:people" });
      expect(g43?.openFindings).toBe(1);
    });

    it("finds a command-signing key in a module without a Level 3 validation, until the module has one", async () => {
      // G2.44(f): a DCC Private Key signing Commands for SMETS2+ Devices needs a FIPS 140-2 Level 3 module.
      await registers.put("dcc", "modules", { id: "hsm-1", name: "HSM", fips140Level: 2 }, tester);
      await registers.put(
        "dcc",
        "keys",
        { id: "cmd-1", kind: "command-signing", purposes: ["command-signature"], module: "hsm-1" },
        tester,
      );
      const first = await runCheck(store.db, store.clock, "dcc", "crypto-modules", on, tester);
      expect(first).toMatchObject({
        control: "rule:crypto-modules",
        status: "findings",
        obligations: ["G2.44"],
      });
      expect(first.findings.map((f) => [f.obligations, f.status])).toEqual([[["G2.44(f)"], "open"]]);

      await registers.put(
        "dcc",
        "modules",
        { id: "hsm-1", name: "HSM", fips140Level: 3, certificate: "4321" },
        tester,
      );
      const later = await runCheck(store.db, store.clock, "dcc", "crypto-modules", on, tester);
      expect(later).toMatchObject({ status: "pass", findings: [] });
      const [finding] = await findingsOf(store.db, store.clock).list("dcc", {
        source: "rule:crypto-modules",
      });
      expect(finding).toMatchObject({ id: first.findings[0]!.id, status: "rectified" });
    });

    it("runs G2.57–G2.58 over the Organisation Certificates the keys register records, CSV in and out", async () => {
      // The columns that came before the certificate fields still import alone.
      await registers.importText(
        "dcc",
        "keys",
        "csv",
        "id,kind,purposes\ncmd-0,command-signing,command-signature\n",
        "old.csv",
        tester,
      );
      const csv = [
        "id,kind,purposes,expires,remotePartyRole,gbcsRole,nonGbcsUse,subscribed,keyReplaced,replacesRevokedUnderRecovery",
        "acb-old,command-signing,command-signature,2025-12-31,accessControlBroker,true,true,2023-01-01,,",
        "acb-new,command-signing,command-signature,2028-08-31,accessControlBroker,true,true,2025-09-01,2025-10-01,",
        "acb-rec,command-signing,command-signature,2028-08-31,accessControlBroker,true,true,2025-09-01,2025-10-01,true",
      ].join("\n");
      await registers.importText("dcc", "keys", "csv", csv, "keys.csv", tester);
      const exported = await registers.exportText("dcc", "keys", "csv");
      expect(await registers.importText("dcc", "keys", "csv", exported, "again.csv", tester)).toMatchObject({
        created: 0,
        updated: 0,
      });
      // A certificate field without the rest is refused, naming what is missing.
      await expect(
        registers.put(
          "dcc",
          "keys",
          { id: "half", kind: "command-signing", purposes: ["csr"], gbcsRole: true },
          tester,
        ),
      ).rejects.toThrow(/remotePartyRole/);

      const judged = parseIsoDate("2026-01-15");
      const ecosServiceLiveDate = parseIsoDate("2025-06-30");
      const first = await runCheck(store.db, store.clock, "dcc", "certificates", judged, tester, {
        ecosServiceLiveDate,
      });
      expect(first).toMatchObject({ control: "rule:certificates", obligations: ["G2.57", "G2.58"] });
      // G2.57: acb-old's key was not replaced by its expiry; G2.58: acb-new newly subscribed after the
      // ECoS Service Live Date; G2.59 lifts that for acb-rec, which replaces one revoked under recovery.
      expect(first.findings.map((f) => [f.obligations[0], f.title]).sort()).toEqual([
        ["G2.57", "G2.57: Organisation Certificate of key acb-old"],
        ["G2.58", "G2.58: Organisation Certificate of key acb-new"],
      ]);
      // Without the date G2.58 is not judged, so the run sees nothing and leaves its finding open;
      // G2.57's is rectified once the key is replaced.
      const old = await registers.get("dcc", "keys", "acb-old");
      await registers.put("dcc", "keys", { ...old, keyReplaced: "2025-11-01" }, tester);
      const later = await runCheck(store.db, store.clock, "dcc", "certificates", judged, tester);
      expect(later.findings).toEqual([]);
      expect(later.result).toMatchObject({ details: { certificates: 3, ecosServiceLiveDate: null } });
      const statuses = (
        await findingsOf(store.db, store.clock).list("dcc", { source: "rule:certificates" })
      ).map((f) => [f.obligations[0], f.status]);
      expect(statuses.sort()).toEqual([
        ["G2.57", "rectified"],
        ["G2.58", "open"],
      ]);
      await expect(
        runCheck(store.db, store.clock, "dcc", "keys", judged, tester, { ecosServiceLiveDate }),
      ).rejects.toThrow(/only the certificates check/);
    });

    it("refuses a party that is not stored, keeping nothing", async () => {
      await expect(runCheck(store.db, store.clock, "nobody", "people", on, tester)).rejects.toThrow(/nobody/);
      expect(await auditActions(store)).not.toContain("check.run");
    });
  });
});
