import { describe, expect, it } from "vitest";
import { checkCoverage } from "../../../src/controls/adt/coverage.js";
import { serviceRequests } from "../../../src/controls/duis/service-requests.js";
import { parseProfile } from "../../../src/obligations/profile.js";
import { fixtureProfile, fixtureThresholds, thresholdsFrom } from "./thresholds-support.js";

const userA = "90-B3-D5-1F-30-01-00-00";
const profile = fixtureProfile("network-party.yaml");

describe("threshold coverage against the party's roles", () => {
  // G6.3(a)(i), G6.3(a)(ii), G6.4A: a file with every required threshold has no findings.
  it("accepts a file that covers every critical and encrypted-response SRV", () => {
    expect(checkCoverage(fixtureThresholds("complete.yaml"), profile)).toEqual([]);
  });

  // G6.3, G6.4A: each kind of gap is found, named by clause and key.
  it("names each gap by clause, User ID, SRV and measure", () => {
    const findings = checkCoverage(fixtureThresholds("gaps.yaml"), profile);
    const keys = findings.map((f) => [
      f.clause,
      f.kind,
      f.userId,
      f.srv,
      f.measure ?? null,
      f.threshold ?? null,
    ]);
    expect(keys).toEqual([
      ["G6.3", "unknown-user-id", "90-B3-D5-1F-30-09-00-00", "4.1.1", "encrypted", 4],
      ["G6.3", "not-eligible", userA, "7.2", "critical", 5],
      ["G6.3(a)(ii)", "missing", userA, "4.1.2", "encrypted", null],
      ["G6.3(a)(ii)", "missing", userA, "4.1.3", "encrypted", null],
      ["G6.3(a)(ii)", "missing", userA, "4.8.1", "encrypted", null],
      ["G6.3(a)(ii)", "missing", userA, "4.17", "encrypted", null],
      ["G6.4A", "not-zero", userA, "6.15.1", "critical", 0],
    ]);
    expect(findings[6]!.message).toContain("must quarantine at 0, not 10");
  });

  // G6.3(a)(i): a warning level alone quarantines nothing, so it does not set the threshold.
  it("does not count a warning-only threshold as set", () => {
    const findings = checkCoverage(fixtureThresholds("gaps.yaml"), profile);
    expect(findings.some((f) => f.srv === "4.1.2" && f.kind === "missing")).toBe(true);
  });

  // G6.4A: with no critical threshold at all, the untested request is reported under G6.4A.
  it("asks for a zero threshold where an untested request has none", () => {
    const findings = checkCoverage([], profile);
    expect(findings.find((f) => f.srv === "6.15.1")).toMatchObject({
      clause: "G6.4A",
      kind: "missing",
      measure: "critical",
    });
  });

  // G6.3: one requirement per User ID in every role, for every critical SRV the role may send.
  it("requires a critical threshold for each critical SRV of an import supplier's every User ID", () => {
    const supplier = parseProfile(
      `id: s\nname: S\nroles:\n  - role: import-supplier\n    userIds: ["${userA}", "90-B3-D5-1F-30-03-00-00"]\n`,
      "s.yaml",
    );
    const critical = serviceRequests.filter(
      (s) => s.critical && (s.roles as readonly string[]).includes("import-supplier"),
    );
    const missing = checkCoverage([], supplier).filter((f) => f.measure === "critical");
    expect(missing).toHaveLength(critical.length * 2);
    expect(missing.every((f) => f.clause === "G6.3(a)(i)" && f.kind === "missing")).toBe(true);
  });

  // G6.3: roles that send no DUIS Service Requests (a Registration Data Provider) need no thresholds.
  it("requires nothing of roles outside DUIS", () => {
    const rdp = parseProfile(
      `id: r\nname: R\nnetworkParty: true\nroles:\n  - role: registration-data-provider\n    userIds: ["${userA}"]\n`,
      "r.yaml",
    );
    expect(checkCoverage([], rdp)).toEqual([]);
  });

  // G6.4A: an "untested" entry that is no Critical Service Request of the role is itself flagged.
  it("flags an untested entry the role cannot send as a Critical Service Request", () => {
    const odd = parseProfile(
      `id: o\nname: O\nroles:\n  - role: other-user\n    userIds: ["${userA}"]\n    untestedCriticalServiceRequests: ["7.2"]\n`,
      "o.yaml",
    );
    expect(checkCoverage([], odd)[0]).toMatchObject({
      clause: "G6.4A",
      kind: "not-a-sendable-critical-request",
      srv: "7.2",
    });
  });

  // G6.3(a)(ii): the encrypted-response list can be replaced, and coverage follows it.
  it("follows a replaced list of encrypted-response SRVs", () => {
    const findings = checkCoverage(fixtureThresholds("complete.yaml"), profile, { encryptedSrvs: ["4.10"] });
    expect(findings.map((f) => [f.kind, f.srv])).toEqual([["missing", "4.10"]]);
  });

  // G6.3(b): discretionary thresholds on SRVs the role can send raise nothing.
  it("leaves discretionary thresholds alone", () => {
    const extra = thresholdsFrom(
      `thresholds:\n  - { userId: "${userA}", srv: "6.13", measure: all, quarantine: 100, period: PT1H }\n`,
    );
    const findings = checkCoverage([...fixtureThresholds("complete.yaml"), ...extra], profile);
    expect(findings).toEqual([]);
  });
});
