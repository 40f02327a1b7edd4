import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "../../../src/controls/anomalies/index.js";
import { parseSigningEvents } from "../../../src/controls/keys/index.js";
import { parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { runCheck } from "../../../src/workspace/checks/run-check.js";
import { findingsOf } from "../../../src/workspace/controls/findings.js";
import { partyPoliciesOf } from "../../../src/workspace/party-policy.js";
import { quarantineOf } from "../../../src/workspace/quarantine.js";
import { type Registers, registersOf } from "../../../src/workspace/registers/engine.js";
import { backends, freshStore, type TestStore } from "../backends.js";
import { auditActions, steppingClock, storeParties } from "../controls/support.js";

const tester = { actor: "tester" };
const on = parseIsoDate("2025-06-02");
const supplier = "small-supplier";
// The small supplier's import-supplier User ID (test/fixtures/profiles/small-supplier.yaml).
const userId = "90-B3-D5-1F-30-02-00-01";

describe.each(backends)("rule checks with the party's policy on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let registers: Registers;

    beforeAll(async () => {
      store = await freshStore(backend, { clock: steppingClock() });
      await storeParties(store);
      registers = registersOf(store.db, store.clock);
    });
    afterAll(async () => {
      await store.dispose();
    });

    it("keeps the policy audited, refuses bad periods, and the people check takes its cooling-off period", async () => {
      const policies = partyPoliciesOf(store.db, store.clock);
      // G2.24(b): worked on User Systems until March, on the DCC Live Systems from July.
      await registers.put(
        "dcc",
        "people",
        {
          id: "p1",
          name: "P One",
          engagements: [
            {
              system: "user-systems",
              party: "acme",
              activity: "operation",
              from: "2024-01-01",
              to: "2024-03-31",
            },
            { system: "dcc-live", activity: "operation", from: "2024-07-01" },
          ],
        },
        tester,
      );
      const before = await runCheck(store.db, store.clock, "dcc", "people", on, tester);
      expect(before.findings.map((f) => f.obligations[0])).not.toContain("G2.24(b)");
      expect(before.result).toMatchObject({
        details: { policy: { version: 0, used: { coolingOffDays: 0, sscApprovedDevGapMonths: 24 } } },
      });

      await expect(policies.set("dcc", "coolingOffDays: -1\n", "policy.yaml", tester)).rejects.toThrow(
        /policy\.yaml:1 at coolingOffDays: expected zero or more days/,
      );
      await expect(
        policies.set("dcc", "sscApprovedDevGapMonth: 12\n", "policy.yaml", tester),
      ).rejects.toThrow(/at sscApprovedDevGapMonth/);
      const set = await policies.set("dcc", "coolingOffDays: 365\n", "policy.yaml", tester);
      expect(set).toMatchObject({
        outcome: "created",
        stored: { version: 1, policy: { coolingOffDays: 365 } },
      });
      // Storing what is held changes nothing and is not audited again.
      expect((await policies.set("dcc", '{"coolingOffDays": 365}', "body", tester)).outcome).toBe(
        "unchanged",
      );
      expect((await auditActions(store)).filter((a) => a === "party.policy.set")).toHaveLength(1);

      const after = await runCheck(store.db, store.clock, "dcc", "people", on, tester);
      expect(after.findings.map((f) => f.obligations[0])).toContain("G2.24(b)");
      expect(after.result).toMatchObject({
        details: { policy: { version: 1, sha256: set.stored.sha256, used: { coolingOffDays: 365 } } },
      });
    });

    it("checks signing events against the keys register, keeping signature findings when later runs lack them", async () => {
      await registers.put(
        "dcc",
        "keys",
        { id: "root-1", kind: "root-oca", purposes: ["oca-certificate", "organisation-crl"] },
        tester,
      );
      const events = parseSigningEvents(
        '{"time":"2025-06-01T10:00:00Z","keyId":"root-1","purpose":"command-signature","actor":"ops"}\n',
        "events.jsonl",
      );
      const first = await runCheck(store.db, store.clock, "dcc", "keys", on, tester, { events });
      // G2.60: the Root OCA Private Key may sign only OCA Certificates, CSRs and the Organisation ARL.
      expect(first.findings.map((f) => [f.kind, f.obligations])).toEqual(
        expect.arrayContaining([
          ["key-register", ["G2.60"]],
          ["key-use", ["G2.60"]],
        ]),
      );
      await registers.put(
        "dcc",
        "keys",
        { id: "root-1", kind: "root-oca", purposes: ["oca-certificate"] },
        tester,
      );
      const later = await runCheck(store.db, store.clock, "dcc", "keys", on, tester);
      expect(later.status).toBe("pass");
      const stored = await findingsOf(store.db, store.clock).list("dcc", { source: "rule:keys" });
      expect(stored.map((f) => [f.kind, f.status]).sort()).toEqual([
        ["key-register", "rectified"],
        ["key-use", "open"],
      ]);
      await expect(runCheck(store.db, store.clock, "dcc", "people", on, tester, { events })).rejects.toThrow(
        /events/,
      );
    });

    it("opens one incident per anomaly burst from the quarantine and feeds, and none again on a re-run", async () => {
      // G3.15(a): the Supplier Party's rules are its own; without any the check cannot run.
      await expect(runCheck(store.db, store.clock, supplier, "anomalies", on, tester)).rejects.toThrow(
        /anomalyRules/,
      );
      await expect(
        partyPoliciesOf(store.db, store.clock).set(
          supplier,
          "anomalyRules:\n  - { id: logs, source: incident-log, threshold: 1, window: PT1H }\n",
          "policy.yaml",
          tester,
        ),
      ).rejects.toThrow(/policy\.yaml at anomalyRules\[0\]\.source/);
      await partyPoliciesOf(store.db, store.clock).set(
        supplier,
        [
          "anomalyRules:",
          "  - { id: quarantine-burst, source: adt, match: { outcome: quarantined }, threshold: 2, window: P1D, per: userId }",
          "  - { id: audit-8f35, source: device-audit, match: { code: 8F35 }, threshold: 2, window: PT1H, per: device }",
        ].join("\n"),
        "policy.yaml",
        tester,
      );
      const request = (n: number) => ({
        requestId: `${userId}:00-00-00-00-00-00-00-01:${n}`,
        userId,
        request: {},
        breach: "user-threshold" as const,
        threshold: 0,
      });
      await quarantineOf(store.db, store.clock).hold([request(1), request(2)], tester);
      // Another User's quarantined requests are not the small supplier's traffic.
      await quarantineOf(store.db, store.clock).hold(
        [{ ...request(3), requestId: "OTHER:x:3", userId: "90-B3-D5-1F-30-09-00-01" }],
        tester,
      );
      const feeds = parseFeed(
        [
          '{"source":"device-audit","time":"2025-06-01T10:00:00Z","device":"D1","code":"8F35"}',
          '{"source":"device-audit","time":"2025-06-01T10:20:00Z","device":"D1","code":"8F35"}',
        ].join("\n"),
        "audit.jsonl",
      );
      const puts = async () => (await auditActions(store)).filter((a) => a === "register.put").length;
      const putsBefore = await puts();
      const first = await runCheck(store.db, store.clock, supplier, "anomalies", on, tester, { feeds });
      // Each incident opened is an audited register write.
      expect(await puts()).toBe(putsBefore + 2);
      // G3.15(a) over ADT outcomes and G3.15(b) over the device audit log, each to act on under G3.16(b).
      expect(first.findings.map((f) => f.obligations).sort()).toEqual([
        ["G3.15(a)", "G3.16(b)"],
        ["G3.15(b)", "G3.16(b)"],
      ]);
      const opened = await registers.list(supplier, "incidents");
      expect(opened.map((i) => [i.major, i.status])).toEqual([
        [false, "open"],
        [false, "open"],
      ]);
      // Triage closes one; a re-run sees the same bursts, keeps its findings and reopens nothing.
      await registers.put(supplier, "incidents", { ...opened[0]!, status: "closed" }, tester);
      const again = await runCheck(store.db, store.clock, supplier, "anomalies", on, tester, { feeds });
      expect(again.findings.map((f) => f.id).sort()).toEqual(first.findings.map((f) => f.id).sort());
      const after = await registers.list(supplier, "incidents");
      expect(after).toHaveLength(2);
      expect(after.find((i) => i.id === opened[0]!.id)?.status).toBe("closed");
      expect(await puts()).toBe(putsBefore + 3);
    });

    it("finds incident and vulnerability duties overdue on the day, with the party's promptness", async () => {
      const judged = parseIsoDate("2025-06-04");
      await registers.put(
        supplier,
        "incidents",
        { id: "inc-1", title: "Break-in", detected: "2025-06-02T09:00:00Z", major: true, status: "open" },
        tester,
      );
      // G3.5: with the default 24 hours, the notice due 2025-06-03 is overdue on 2025-06-04.
      const first = await runCheck(store.db, store.clock, supplier, "incidents", judged, tester);
      expect(first.findings.map((f) => f.obligations[0])).toEqual(["G3.5"]);
      // The party allows itself 72 hours: not overdue yet.
      await partyPoliciesOf(store.db, store.clock).set(supplier, "promptHours: 72\n", "policy.yaml", tester);
      const later = await runCheck(store.db, store.clock, supplier, "incidents", judged, tester);
      expect(later.status).toBe("pass");
      expect(later.result).toMatchObject({
        details: { policy: { used: { promptHours: 72, followUpDays: 30 } } },
      });
      const [finding] = await findingsOf(store.db, store.clock).list(supplier, { source: "rule:incidents" });
      expect(finding).toMatchObject({ status: "rectified" });
    });
  });
});
