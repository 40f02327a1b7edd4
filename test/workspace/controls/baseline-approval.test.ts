/**
 * Approving an observed inventory as a system's baseline in the inventory register (G2.3(b),
 * G3.1(b)): what it adds, changes and removes, what it leaves alone, and that the drift control
 * then finds the host as approved.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { approveBaseline } from "../../../src/workspace/controls/baseline-approval.js";
import type { InputDocument } from "../../../src/workspace/controls/execute.js";
import { controlRunsOf } from "../../../src/workspace/controls/runs.js";
import { type Registers, registersOf } from "../../../src/workspace/registers/engine.js";
import { repoRoot } from "../../support/shared.js";
import { backends, freshStore, rowsOf, type TestStore } from "../backends.js";
import { inventory, putSystem, steppingClock, storeParties } from "./support.js";

const tester = { actor: "tester" };
const party = "small-supplier";

describe.each(backends)("baseline approval on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let registers: Registers;
    let host: InputDocument;

    beforeEach(async () => {
      store = await freshStore(backend, { clock: steppingClock() });
      await storeParties(store);
      await putSystem(store, party);
      registers = registersOf(store.db, store.clock);
      host = {
        name: "inventory.json",
        text: await readFile(join(repoRoot, "test/fixtures/host/inventory.json"), "utf8"),
      };
    });
    afterEach(async () => {
      await store.dispose();
    });

    const approve = (...observed: InputDocument[]) =>
      approveBaseline(store.db, store.clock, party, "web-1", observed, tester);
    const auditEntries = async () =>
      (await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`)).map(
        (row) => JSON.parse(row.entry) as { action: string; detail: Record<string, unknown> },
      );
    const approvedItems = async () =>
      (await registers.list(party, "inventory")).map((i) => [i.id, i.observedAs, i.name, i.version ?? null]);

    it("keeps the observed configuration as the approved baseline, which drift then finds unchanged", async () => {
      // G3.1(b): the approved configuration is kept; G3.1(a)(i): drift is measured against it.
      const approval = await approve(host);
      expect(approval).toMatchObject({ system: "web-1", changed: [], removed: [], unchanged: 0 });
      expect(approval.added).toEqual([
        { part: "package", name: "openssl", version: "3.0.11-1~deb12u2" },
        { part: "package", name: "nano", version: "7.2-1", architecture: "amd64" },
        { part: "package", name: "curl", version: "7.88.1-10+deb12u8" },
        { part: "kernel", name: "kernel", version: "6.1.0-28-amd64" },
        { part: "service", name: "sshd" },
      ]);
      expect(approval.kept).toEqual([
        { part: "os", reason: "not observed" },
        { part: "firmware", reason: "not observed" },
      ]);
      expect(await approvedItems()).toEqual([
        ["web-1.kernel.kernel", "kernel", "kernel", "6.1.0-28-amd64"],
        ["web-1.package.curl", "package", "curl", "7.88.1-10+deb12u8"],
        ["web-1.package.nano.amd64", "package", "nano", "7.2-1"],
        ["web-1.package.openssl", "package", "openssl", "3.0.11-1~deb12u2"],
        ["web-1.service.sshd", "service", "sshd", null],
      ]);
      const run = await controlRunsOf(store.db, store.clock).run(
        party,
        { control: "drift", observed: [host] },
        { system: "web-1" },
        tester,
      );
      expect(run).toMatchObject({ status: "pass", obligations: ["G3.1"], findings: [] });
    });

    it("reports what a new observation adds, changes and removes, keeping ids, other fields and unobserved parts", async () => {
      // G3.1(b): the list stays up to date as the approved configuration changes.
      await approve(host);
      await registers.put(
        party,
        "inventory",
        { ...(await registers.get(party, "inventory", "web-1.package.openssl"))!, vendor: "Debian" },
        tester,
      );
      const before = (await auditEntries()).length;
      const approval = await approve(
        inventory({ openssl: "3.0.15-1~deb12u1", nano: "7.2-1", netcat: "1.10" }),
      );
      expect(approval).toMatchObject({
        added: [
          { part: "package", name: "nano", version: "7.2-1" },
          { part: "package", name: "netcat", version: "1.10" },
        ],
        changed: [
          { part: "package", name: "openssl", version: "3.0.15-1~deb12u1", from: "3.0.11-1~deb12u2" },
        ],
        unchanged: 0,
      });
      // The nano approved for amd64 is not the nano observed without an architecture.
      expect(
        approval.removed.map((p) => `${p.name}${p.architecture ? `:${p.architecture}` : ""}`).sort(),
      ).toEqual(["curl", "nano:amd64"]);
      expect(approval.kept.map((k) => k.part)).toEqual(["os", "kernel", "firmware", "service"]);
      expect(await registers.get(party, "inventory", "web-1.package.openssl")).toMatchObject({
        version: "3.0.15-1~deb12u1",
        vendor: "Debian",
      });
      expect(await registers.get(party, "inventory", "web-1.service.sshd")).toBeDefined();
      expect(await registers.get(party, "inventory", "web-1.package.curl")).toBeUndefined();
      // One audit entry per item changed, each naming the system whose baseline it is.
      const entries = (await auditEntries()).slice(before);
      expect(entries.map((e) => e.action).sort()).toEqual([
        "register.delete",
        "register.delete",
        "register.put",
        "register.put",
        "register.put",
      ]);
      expect(entries.every((e) => e.detail.baselineOf === "web-1")).toBe(true);

      const again = await approve(inventory({ openssl: "3.0.15-1~deb12u1", nano: "7.2-1", netcat: "1.10" }));
      expect(again).toMatchObject({ added: [], changed: [], removed: [], unchanged: 3 });
      expect((await auditEntries()).length).toBe(before + 5);
    });

    it("approves every installed version of a package, and drift then tells a new version apart", async () => {
      // G3.1(b): the approved list holds what is installed, several kernels on an rpm host included;
      // G3.1(a)(i): a kernel installed beside them is drift.
      const rpmHost = (...versions: string[]): InputDocument => ({
        name: "inventory.json",
        text: JSON.stringify({
          packages: versions.map((version) => ({
            name: "kernel-core",
            version,
            architecture: "x86_64",
            manager: "rpm",
          })),
        }),
      });
      const first = await approve(rpmHost("5.14.0-1.el9", "5.14.0-2.el9"));
      expect(first.added.map((p) => p.version)).toEqual(["5.14.0-1.el9", "5.14.0-2.el9"]);
      expect(await approvedItems()).toEqual([
        ["web-1.package.kernel-core.x86_64", "package", "kernel-core", "5.14.0-1.el9"],
        ["web-1.package.kernel-core.x86_64-2", "package", "kernel-core", "5.14.0-2.el9"],
      ]);
      const drift = (observed: InputDocument) =>
        controlRunsOf(store.db, store.clock).run(
          party,
          { control: "drift", observed: [observed] },
          { system: "web-1" },
          tester,
        );
      expect(await drift(rpmHost("5.14.0-2.el9", "5.14.0-1.el9"))).toMatchObject({ findings: [] });
      const added = await drift(rpmHost("5.14.0-1.el9", "5.14.0-2.el9", "5.14.0-3.el9"));
      expect(added.findings.map((f) => [f.kind, f.detail])).toEqual([
        ["package-added", expect.stringContaining("5.14.0-3.el9")],
      ]);

      const next = await approve(rpmHost("5.14.0-2.el9", "5.14.0-3.el9"));
      expect(next).toMatchObject({
        added: [],
        removed: [],
        unchanged: 1,
        changed: [{ name: "kernel-core", version: "5.14.0-3.el9", from: "5.14.0-1.el9" }],
      });
      expect((await approvedItems()).map((item) => item[3])).toEqual(["5.14.0-3.el9", "5.14.0-2.el9"]);
    });

    it("refuses an observation without a complete package list, and a system the register does not know", async () => {
      // G3.1(b): an incomplete collection is never approved as the whole configuration.
      await expect(approve(inventory(undefined))).rejects.toThrow(
        /expected a complete package list to approve \(packages: dpkg status unreadable\)/,
      );
      await expect(approveBaseline(store.db, store.clock, party, "db-9", [host], tester)).rejects.toThrow(
        /a system in the systems register of small-supplier \(there is none with id "db-9"\)/,
      );
      await expect(approve({ name: "bad.json", text: "{" })).rejects.toThrow(/bad\.json/);
      expect(await registers.list(party, "inventory")).toEqual([]);
    });
  });
});
