/**
 * Controls that take their approved state from the registers: the drift baseline from the
 * inventory register, the ports allowlist and denial-of-service rates from the systems register,
 * for a run that names only a system — directly, and from a schedule.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { InputDocument } from "../../../src/workspace/controls/execute.js";
import { type ControlRuns, controlRunsOf } from "../../../src/workspace/controls/runs.js";
import { parseSchedule, schedulerOf } from "../../../src/workspace/schedule.js";
import { repoRoot } from "../../support/shared.js";
import { backends, freshStore, type TestStore } from "../backends.js";
import {
  approved,
  baseline,
  inventory,
  putApprovedPackages,
  putSystem,
  steppingClock,
  storeParties,
} from "./support.js";

const tester = { actor: "tester" };
const hostDocument = async (name: string): Promise<InputDocument> => ({
  name,
  text: await readFile(join(repoRoot, "test/fixtures/host", name), "utf8"),
});
const allowedPorts = async () =>
  (parse((await hostDocument("allowlist.yaml")).text) as { allow: unknown[] }).allow;

describe.each(backends)("register-driven control inputs on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let runs: ControlRuns;

    beforeEach(async () => {
      store = await freshStore(backend, { clock: steppingClock() });
      await storeParties(store);
      runs = controlRunsOf(store.db, store.clock);
    });
    afterEach(async () => {
      await store.dispose();
    });

    const drifted = () => [inventory({ ...approved, openssl: "3.0.15-1~deb12u1", netcat: "1.10" })];

    it.each([
      ["small-supplier", "user", ["G3.1", "G3.2"]],
      ["dcc", "dcc", ["G2.2", "G2.3"]],
    ] as const)(
      "finds on %s the same drift from the inventory register as from the same baseline document",
      async (party, duty, obligations) => {
        // G3.1(a)(i), G3.2(a) for a User; G2.3(a)(i), G2.2(a) for the DCC.
        await putSystem(store, party, { allowedPackages: ["openssl", "nano", "curl"] });
        await putApprovedPackages(store, party);
        const fromDocument = await runs.run(
          party,
          { control: "drift", baseline: baseline(duty), observed: drifted() },
          {},
          tester,
        );
        const fromRegisters = await runs.run(
          party,
          { control: "drift", observed: drifted() },
          { system: "web-1" },
          tester,
        );
        expect(fromRegisters).toMatchObject({ status: "findings", system: "web-1", obligations });
        expect(fromRegisters.result.findings).toEqual(fromDocument.result.findings);
        expect((fromRegisters.result.findings as { kind: string }[]).map((f) => f.kind).sort()).toEqual([
          "package-added",
          "package-version-changed",
          "unauthorised-package",
        ]);
        // The evidence names the register records the baseline was read from.
        expect(fromRegisters.result.registers).toMatchObject({
          systems: { id: "web-1", version: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
          inventory: { items: 2, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
        });
        expect(fromDocument.result.registers).toBeUndefined();
      },
    );

    it("records an error run, never a pass, when the registers hold no baseline for the system", async () => {
      // G3.1(b): with no approved baseline there is nothing to compare with; that is not "no deviation".
      const open = await runs.run(
        "small-supplier",
        { control: "drift", baseline: baseline(), observed: drifted() },
        {},
        tester,
      );
      await putSystem(store, "small-supplier");
      const missing = await runs.run(
        "small-supplier",
        { control: "drift", observed: [inventory(approved)] },
        { system: "web-1" },
        tester,
      );
      expect(missing).toMatchObject({ status: "error", system: "web-1", obligations: [], findings: [] });
      expect(missing.result.error).toMatch(
        /expected an approved baseline for web-1 .*secg control baseline approve/,
      );
      const unknown = await runs.run(
        "small-supplier",
        { control: "drift", observed: [inventory(approved)] },
        { system: "db-9" },
        tester,
      );
      expect(unknown.result.error).toMatch(
        /a system in the systems register \(there is none with id "db-9"\)/,
      );
      const unnamed = await runs.run(
        "small-supplier",
        { control: "drift", observed: [inventory(approved)] },
        {},
        tester,
      );
      expect(unnamed).toMatchObject({ status: "error" });
      expect(unnamed.result.error).toMatch(
        /a system whose baseline the registers hold, or a baseline document/,
      );
      // The error runs rectified nothing: the drift seen before is still open.
      const still = await runs.get("small-supplier", open.id);
      expect(still!.findings.every((f) => f.status === "open")).toBe(true);
      expect((await runs.latestEvidence("small-supplier")).map((r) => r.id)).toEqual([open.id]);
    });

    it("checks ports against the system's allowlist and its denial-of-service rates from the register", async () => {
      // G2.4(b) listening sockets, G2.1(a)-(b) attempts, G2.8(a) denial of service: duties of the DCC.
      const observed = [await hostDocument("inventory.json")];
      const attempts = await hostDocument("attempts.jsonl");
      await putSystem(store, "dcc", {
        ports: await allowedPorts(),
        denialOfService: { windowSeconds: 10, perSource: 3, total: 5 },
      });
      const fromDocument = await runs.run(
        "dcc",
        { control: "ports", allowlist: await hostDocument("allowlist.yaml"), observed, attempts },
        {},
        tester,
      );
      const fromRegisters = await runs.run(
        "dcc",
        { control: "ports", observed, attempts },
        { system: "web-1" },
        tester,
      );
      expect(fromRegisters).toMatchObject({ status: "findings", obligations: ["G2.1", "G2.4", "G2.8"] });
      expect(fromRegisters.result.findings).toEqual(fromDocument.result.findings);
      const kinds = (run: typeof fromRegisters) =>
        (run.result.findings as { kind: string }[]).map((f) => f.kind);
      expect(kinds(fromRegisters)).toEqual(
        expect.arrayContaining(["denial-of-service-source", "denial-of-service-total"]),
      );
      expect(fromRegisters.result.registers).toMatchObject({ systems: { id: "web-1", version: 1 } });

      // Rates the system allows are the ones applied: raised, the same attempts are no attack.
      await putSystem(store, "dcc", {
        ports: await allowedPorts(),
        denialOfService: { windowSeconds: 10, perSource: 100, total: 1000 },
      });
      const relaxed = await runs.run("dcc", { control: "ports", attempts }, { system: "web-1" }, tester);
      expect(kinds(relaxed)).toEqual(["unauthorised-connection-accepted", "unauthorised-attempt"]);
      expect(relaxed.result.registers).toMatchObject({ systems: { version: 2 } });

      await putSystem(store, "dcc", { id: "web-1" });
      const none = await runs.run("dcc", { control: "ports", attempts }, { system: "web-1" }, tester);
      expect(none).toMatchObject({ status: "error" });
      expect(none.result.error).toMatch(/a ports allowlist for web-1/);
    });

    it("runs a scheduled job that names only a system from the registers", async () => {
      // G3.1(a), G2.8(a): scheduled controls read the approved state the registers hold at each run.
      const folder = await mkdtemp(join(tmpdir(), "secg-schedule-"));
      try {
        await writeFile(join(folder, "inventory.json"), drifted()[0]!.text);
        await writeFile(join(folder, "attempts.jsonl"), (await hostDocument("attempts.jsonl")).text);
        await putSystem(store, "small-supplier", { allowedPackages: ["openssl", "nano", "curl"] });
        await putApprovedPackages(store, "small-supplier");
        await putSystem(store, "dcc", { ports: await allowedPorts() });
        const schedule = parseSchedule(
          [
            "jobs:",
            "  - {control: drift, party: small-supplier, system: web-1, everyMinutes: 60, observed: [inventory.json]}",
            "  - {control: ports, party: dcc, system: web-1, everyMinutes: 15, attempts: attempts.jsonl}",
          ].join("\n"),
          join(folder, "schedule.yaml"),
        );
        expect(await schedulerOf({ db: store.db, clock: store.clock, schedule }).tick()).toEqual([
          "small-supplier/drift/web-1",
          "dcc/ports/web-1",
        ]);
        const [drift] = await runs.list("small-supplier");
        expect(drift).toMatchObject({ control: "drift", system: "web-1", status: "findings" });
        expect(drift!.result.registers).toMatchObject({ inventory: { items: 2 } });
        const [ports] = await runs.list("dcc");
        expect(ports).toMatchObject({ control: "ports", system: "web-1", status: "findings" });
        expect(ports!.result.registers).toMatchObject({ systems: { id: "web-1" } });
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });
  });
});
