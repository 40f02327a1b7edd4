import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseProfile } from "../../../src/obligations/profile.js";
import type { Clock } from "../../../src/workspace/clock.js";
import { obligationStatus } from "../../../src/workspace/controls/obligation-status.js";
import { partiesOf } from "../../../src/workspace/parties.js";
import { registersOf } from "../../../src/workspace/registers/engine.js";
import { submittedEvidence } from "../../../src/workspace/registers/evidence-source.js";
import { repoRoot } from "../../support/shared.js";
import { backends, freshStore, type TestStore } from "../backends.js";

const origin = { actor: "tester" };
const clock: Clock = { now: () => new Date("2026-03-01T12:00:00Z"), source: "test" };

describe.each(backends)("submitted evidence in the obligations' status on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;

    beforeEach(async () => {
      store = await freshStore(backend, { clock });
      const profile = parseProfile(
        await readFile(join(repoRoot, "test/fixtures/profiles/small-supplier.yaml"), "utf8"),
        "small-supplier.yaml",
      );
      await partiesOf(store.db, clock).putAll([profile], origin);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("counts evidence still in date against the obligations it names, and drops expired evidence", async () => {
      const registers = registersOf(store.db, clock);
      const base = { kind: "link", url: "https://example.org/report", method: "examine" } as const;
      // G3.7: the yearly vulnerability assessment, evidenced by its report
      await registers.put(
        "small-supplier",
        "evidence",
        {
          ...base,
          id: "va-2026",
          title: "Vulnerability assessment",
          collectedOn: "2026-02-01",
          obligations: ["G3.7"],
        },
        origin,
      );
      await registers.put(
        "small-supplier",
        "evidence",
        {
          ...base,
          id: "va-2024",
          title: "Old vulnerability assessment",
          collectedOn: "2024-02-01",
          expiresOn: "2025-02-01",
          obligations: ["G3.7"],
        },
        origin,
      );
      const items = await submittedEvidence(store.db, clock)("small-supplier");
      expect(items.map((e) => e.id)).toEqual(["va-2026"]);
      const status = await obligationStatus(store.db, clock, "small-supplier", [
        submittedEvidence(store.db, clock),
      ]);
      const g37 = status?.filter((s) => s.evidence.some((e) => e.id === "va-2026")) ?? [];
      expect(g37.length).toBeGreaterThan(0);
      expect(status?.some((s) => s.evidence.some((e) => e.id === "va-2024"))).toBe(false);
    });
  });
});
