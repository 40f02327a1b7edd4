import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Findings, findingsOf } from "../../../src/workspace/controls/findings.js";
import { type ControlRuns, controlRunsOf } from "../../../src/workspace/controls/runs.js";
import { repoRoot } from "../../support/shared.js";
import { backends, freshStore, refusal, type TestStore } from "../backends.js";
import { approved, auditActions, baseline, inventory, steppingClock, storeParties } from "./support.js";

const hostFixture = (name: string) => readFile(join(repoRoot, "test/fixtures/host", name), "utf8");
const tester = { actor: "tester" };

describe.each(backends)("control runs and findings on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;
    let runs: ControlRuns;
    let findings: Findings;

    beforeEach(async () => {
      store = await freshStore(backend, { clock: steppingClock() });
      await storeParties(store);
      runs = controlRunsOf(store.db, store.clock);
      findings = findingsOf(store.db, store.clock);
    });
    afterEach(async () => {
      await store.dispose();
    });

    const drift = (packages: Record<string, string> | undefined, party = "small-supplier") =>
      runs.run(
        party,
        {
          control: "drift",
          baseline: baseline(party === "dcc" ? "dcc" : "user"),
          observed: [inventory(packages)],
        },
        {},
        tester,
      );

    it("stores a run as evidence with its hash, obligations and findings, audited with it", async () => {
      // G3.1(a)(i): drift detected; G3.2(a): software outside the allowlist.
      const run = await drift({ ...approved, openssl: "3.0.15-1~deb12u1", netcat: "1.10" });
      expect(run).toMatchObject({
        party: "small-supplier",
        control: "drift",
        system: "web-1",
        method: "test",
        status: "findings",
        obligations: ["G3.1", "G3.2"],
      });
      expect(run.resultSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(run.finishedAt)).toBeGreaterThan(Date.parse(run.startedAt));
      expect(run.findings.map((f) => [f.kind, f.severity, f.obligations, f.status]).sort()).toEqual([
        ["package-added", "medium", ["G3.1(a)(i)"], "open"],
        ["package-version-changed", "high", ["G3.1(a)(i)"], "open"],
        ["unauthorised-package", "high", ["G3.2(a)"], "open"],
      ]);
      expect(run.findings.every((f) => f.source === "control:drift" && f.runIds[0] === run.id)).toBe(true);
      expect(await auditActions(store)).toEqual(["party.create", "party.create", "control.run"]);
      expect(await runs.get("small-supplier", run.id)).toEqual(run);
    });

    it("keeps one finding open while it is seen again, and rectifies it when a later run no longer sees it", async () => {
      // G3.1(a)(ii): drift is tracked until corrected.
      const first = await drift({ ...approved, openssl: "3.0.15-1~deb12u1" });
      const second = await drift({ ...approved, openssl: "3.0.15-1~deb12u1" });
      const [finding] = second.findings;
      expect(second.findings).toHaveLength(1);
      expect(finding).toMatchObject({
        id: first.findings[0]!.id,
        status: "open",
        runIds: [first.id, second.id],
      });
      expect(Date.parse(finding!.lastSeen)).toBeGreaterThan(Date.parse(finding!.firstSeen));

      const third = await drift(approved);
      expect(third.status).toBe("pass");
      expect(await findings.get("small-supplier", finding!.id)).toMatchObject({
        status: "rectified",
        rectifiedAt: third.finishedAt,
        runIds: [first.id, second.id],
      });
      expect(await findings.list("small-supplier", { status: "open" })).toEqual([]);

      // The same deviation coming back is a new finding: the old one stays rectified.
      const fourth = await drift({ ...approved, openssl: "3.0.15-1~deb12u1" });
      expect(fourth.findings[0]!.id).not.toBe(finding!.id);
      expect(await findings.list("small-supplier", { status: "rectified" })).toHaveLength(1);
    });

    it("stores a run that errors, and it rectifies nothing and evidences nothing", async () => {
      // G3.1: unreadable input is never "no deviation".
      const first = await drift({ ...approved, openssl: "3.0.15-1~deb12u1" });
      const failed = await runs.run(
        "small-supplier",
        {
          control: "drift",
          baseline: baseline(),
          observed: [{ name: "osquery-truncated.json", text: await hostFixture("osquery-truncated.json") }],
        },
        {},
        tester,
      );
      expect(failed).toMatchObject({ status: "error", obligations: [], findings: [] });
      expect(failed.result.error).toMatch(/osquery-truncated\.json:\d+: expected/);
      expect(await findings.get("small-supplier", first.findings[0]!.id)).toMatchObject({ status: "open" });
      expect((await auditActions(store)).at(-1)).toBe("control.run");
      expect((await runs.latestEvidence("small-supplier")).map((r) => r.id)).toEqual([first.id]);
    });

    it("does not rectify what an incomplete collection could not see", async () => {
      const first = await drift({ ...approved, openssl: "3.0.15-1~deb12u1" });
      const partial = await drift(undefined);
      expect(partial.findings.map((f) => [f.kind, f.severity])).toEqual([
        ["collection-incomplete", "critical"],
      ]);
      expect(await findings.get("small-supplier", first.findings[0]!.id)).toMatchObject({ status: "open" });
      // Once collection is whole again, the gap itself is closed.
      await drift(approved);
      expect(await findings.list("small-supplier", { status: "open" })).toEqual([]);
    });

    it("cites only the duties that bind the party: the DCC's G2, a User's G3", async () => {
      // G2.1, G2.4, G2.8 bind the DCC; a User has no such duty, so its ports run evidences nothing.
      const allowlist = { name: "allowlist.yaml", text: await hostFixture("allowlist.yaml") };
      const observed = [{ name: "inventory.json", text: await hostFixture("inventory.json") }];
      const attempts = { name: "attempts.jsonl", text: await hostFixture("attempts.jsonl") };
      const request = { control: "ports", allowlist, observed, attempts } as const;
      expect((await runs.run("dcc", request, {}, tester)).obligations).toEqual(["G2.1", "G2.4", "G2.8"]);
      expect((await runs.run("small-supplier", request, {}, tester)).obligations).toEqual([]);
      expect((await drift(approved, "dcc")).obligations).toEqual(["G2.2", "G2.3"]);
    });

    it("leaves a kernel finding open when a later run did not observe the kernel", async () => {
      // G3.1(a)(i): osquery package results alone say nothing about the kernel.
      const withKernel = { ...baseline(), text: `${baseline().text}\nkernel: 6.1.0-28-amd64` };
      const observed = (kernel?: string) => ({
        name: "inventory.json",
        text: JSON.stringify({ ...JSON.parse(inventory(approved).text), ...(kernel ? { kernel } : {}) }),
      });
      const first = await runs.run(
        "small-supplier",
        { control: "drift", baseline: withKernel, observed: [observed("6.1.0-30-amd64")] },
        {},
        tester,
      );
      expect(first.findings.map((f) => f.kind)).toEqual(["kernel-changed"]);
      await runs.run(
        "small-supplier",
        { control: "drift", baseline: withKernel, observed: [observed()] },
        {},
        tester,
      );
      expect((await findings.get("small-supplier", first.findings[0]!.id))?.status).toBe("open");
      await runs.run(
        "small-supplier",
        { control: "drift", baseline: withKernel, observed: [observed("6.1.0-28-amd64")] },
        {},
        tester,
      );
      expect((await findings.get("small-supplier", first.findings[0]!.id))?.status).toBe("rectified");
    });

    it("rectifies only the kinds of deviation a run looked for", async () => {
      // G2.1(a), G2.8(a): a ports run without an attempt log says nothing about attempts.
      const allowlist = { name: "allowlist.yaml", text: await hostFixture("allowlist.yaml") };
      const observed = [{ name: "inventory.json", text: await hostFixture("inventory.json") }];
      const attempts = { name: "attempts.jsonl", text: await hostFixture("attempts.jsonl") };
      const withAttempts = await runs.run(
        "dcc",
        { control: "ports", allowlist, observed, attempts },
        {},
        tester,
      );
      const attemptFindings = withAttempts.findings.map((f) => f.id);
      expect(attemptFindings.length).toBeGreaterThan(0);
      const socketsOnly = await runs.run("dcc", { control: "ports", allowlist, observed }, {}, tester);
      expect(socketsOnly).toMatchObject({ status: "pass", obligations: ["G2.1", "G2.4"] });
      expect(await findings.list("dcc", { status: "rectified" })).toEqual([]);
      const quiet = { ...attempts, text: attempts.text.split("\n")[0]! };
      await runs.run("dcc", { control: "ports", allowlist, attempts: quiet }, {}, tester);
      expect((await findings.list("dcc", { status: "rectified" })).map((f) => f.id).sort()).toEqual(
        [...attemptFindings].sort(),
      );
    });

    it("refuses a baseline for the other side's duties or another system as an error run", async () => {
      const wrongParty = await runs.run(
        "dcc",
        { control: "drift", baseline: baseline("user"), observed: [inventory(approved)] },
        {},
        tester,
      );
      expect(wrongParty).toMatchObject({
        status: "error",
        result: { error: expect.stringMatching(/party: dcc/) },
      });
      const wrongSystem = await runs.run(
        "small-supplier",
        { control: "drift", baseline: baseline(), observed: [inventory(approved)] },
        { system: "db-1" },
        tester,
      );
      expect(wrongSystem).toMatchObject({ status: "error", system: "db-1" });
      await expect(drift(approved, "nobody")).rejects.toThrow(/no party "nobody"/);
    });

    it("lets a person accept a finding with a note, reopen it, and an accepted finding still rectifies", async () => {
      const run = await drift({ ...approved, nano: "7.2-2" });
      const id = run.findings[0]!.id;
      await expect(findings.decide("small-supplier", id, { status: "accepted" }, tester)).rejects.toThrow(
        /note/,
      );
      const accepted = await findings.decide(
        "small-supplier",
        id,
        { status: "accepted", note: "editor upgrade approved by change CR-12" },
        { actor: "user:alice" },
      );
      expect(accepted).toMatchObject({
        status: "accepted",
        decidedBy: "user:alice",
        note: "editor upgrade approved by change CR-12",
      });
      await expect(
        findings.decide("small-supplier", id, { status: "accepted", note: "again" }, tester),
      ).rejects.toThrow(/an open finding to accept \(this one is accepted\)/);
      // Seen again while accepted: still the one finding, still accepted.
      await drift({ ...approved, nano: "7.2-2" });
      expect(await findings.list("small-supplier")).toMatchObject([{ id, status: "accepted" }]);
      expect((await findings.decide("small-supplier", id, { status: "open" }, tester))?.status).toBe("open");
      await findings.decide("small-supplier", id, { status: "accepted", note: "ok" }, tester);
      await drift(approved);
      expect((await findings.get("small-supplier", id))?.status).toBe("rectified");
      expect(await findings.decide("other-party", id, { status: "open" }, tester)).toBeUndefined();
      const actions = await auditActions(store);
      expect(actions.filter((a) => a.startsWith("finding."))).toEqual([
        "finding.accept",
        "finding.reopen",
        "finding.accept",
      ]);
    });

    it("records observations from other sources through the same service", async () => {
      // Rule checks will report through findings.observe; the database keeps one live finding per deviation.
      const observation = {
        party: "small-supplier",
        source: "rule:G5.19",
        system: null,
        runId: "check-1",
        at: new Date("2025-06-02T10:00:00Z"),
        findings: [
          {
            kind: "missing-evidence",
            fingerprint: "G5.19(d)",
            obligations: ["G5.19(d)"],
            severity: "medium" as const,
            title: "No vulnerability assessment on record",
            detail: "none in the last year",
          },
        ],
        covers: ["missing-evidence"],
      };
      const first = await findings.observe(observation, tester);
      const again = await findings.observe({ ...observation, runId: "check-2" }, tester);
      expect(again).toEqual({ opened: [], seenAgain: first.opened, rectified: [] });
      const gone = await findings.observe({ ...observation, runId: "check-3", findings: [] }, tester);
      expect(gone.rectified).toEqual(first.opened);
      expect(
        await refusal(
          store.db.execute(
            // A second live finding for one deviation is refused by the database itself.
            (await import("drizzle-orm"))
              .sql`insert into findings (id, party, source, kind, fingerprint, obligations, severity, title, detail, status, first_seen, last_seen)
              select 'dup-' || n, 'small-supplier', 's', 'k', 'f', '{}', 'low', 't', 'd', 'open', now(), now() from generate_series(1, 2) n`,
          ),
        ),
      ).toMatch(/duplicate key|unique/);
    });
  });
});
