import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRuleSet } from "../../../src/controls/anomalies/index.js";
import { parseSigningEvents } from "../../../src/controls/keys/index.js";
import { parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { validateFacts } from "../../../src/obligations/deadlines/facts.js";
import { type PartyProfile, parseProfile } from "../../../src/obligations/profile.js";
import {
  evaluateAnomalies,
  evaluateCertificates,
  evaluateIncidents,
  evaluateKeys,
  evaluatePeople,
  incidentLogEvents,
  quarantineEvents,
} from "../../../src/workspace/checks/evaluate.js";
import { type PartyDeadlineInput, storedPartyDeadlines } from "../../../src/workspace/party-deadlines.js";
import type { QuarantinedRequest } from "../../../src/workspace/quarantine.js";
import type {
  IncidentRecord,
  KeyRecord,
  PersonRecord,
  VulnerabilityRecord,
} from "../../../src/workspace/registers/index.js";
import { repoRoot } from "../../support/shared.js";

const profile = async (name: string) =>
  parseProfile(await readFile(join(repoRoot, "test/fixtures/profiles", `${name}.yaml`), "utf8"), name);

describe("key use over the keys register", () => {
  const keys: KeyRecord[] = [
    {
      id: "cmd-1",
      kind: "command-signing",
      purposes: ["command-signature"],
      expires: parseIsoDate("2025-12-31"),
    },
    { id: "iss-1", kind: "issuing-oca", purposes: ["organisation-certificate", "oca-certificate"] },
  ];
  const events = parseSigningEvents(
    [
      '{"time":"2025-06-01T10:00:00Z","keyId":"cmd-1","purpose":"command-signature","actor":"a"}',
      '{"time":"2025-06-01T10:01:00Z","keyId":"cmd-1","purpose":"organisation-crl","actor":"a"}',
      '{"time":"2025-06-01T10:02:00Z","keyId":"cmd-1","purpose":"csr","actor":"a"}',
      '{"time":"2025-12-31T23:59:59Z","keyId":"cmd-1","purpose":"command-signature","actor":"a"}',
      '{"time":"2026-01-01T00:00:00Z","keyId":"cmd-1","purpose":"command-signature","actor":"a"}',
      '{"time":"2025-06-01T10:03:00Z","keyId":"ghost","purpose":"csr","actor":"b"}',
    ].join("\n"),
    "events.jsonl",
  );

  it("raises each breach against its clause, register findings apart from signature findings", () => {
    const result = evaluateKeys("dcc", keys, events);
    expect(result.findings.map((f) => [f.kind, f.obligations[0], f.severity, f.title])).toEqual([
      // G2.61: an Issuing OCA Private Key may not be permitted to sign OCA Certificates.
      ["key-register", "G2.61", "high", "G2.61: register-purpose-not-permitted with key iss-1"],
      // G2.56: a command-signing key signed the Organisation CRL.
      ["key-use", "G2.56", "high", "G2.56: purpose-not-permitted with key cmd-1"],
      // G2.56 allows CSRs, but the holder permitted only command signatures.
      ["key-use", "G2.56", "medium", "G2.56: purpose-not-declared with key cmd-1"],
      // The expiry day is the key's last: a signature the next day uses a retired key.
      ["key-use", "G2.56", "high", "G2.56: retired-key with key cmd-1"],
      ["key-use", "G2.56", "high", "G2.56: unknown-key with key ghost"],
    ]);
    expect(result.findings[1]!.detail).toContain("(event 2)");
    // Only what the register permits is judged in full each run; signatures are history.
    expect(result.covers).toEqual(["key-register"]);
    expect(result.obligations).toEqual(["G2.56", "G2.60", "G2.61"]);
  });

  it("judges a User's keys under G3.29 and gives the same signature the same fingerprint", () => {
    const first = evaluateKeys("user", keys.slice(0, 1), events.slice(1, 2));
    const again = evaluateKeys("user", keys.slice(0, 1), events.slice(1, 2));
    expect(first.findings.map((f) => f.obligations)).toEqual([["G3.29"]]);
    expect(again.findings[0]!.fingerprint).toBe(first.findings[0]!.fingerprint);
  });
});

describe("people with the party's policy periods", () => {
  // G2.24(b): three months between User Systems work and the DCC Live Systems.
  const person = {
    id: "p1",
    name: "P One",
    engagements: [
      { system: "user-systems", party: "acme", activity: "operation", from: "2024-01-01", to: "2024-03-31" },
      { system: "dcc-live", activity: "operation", from: "2024-07-01" },
    ],
  } as unknown as PersonRecord;
  const on = parseIsoDate("2025-01-01");

  it("finds a short gap only when the party's cooling-off period is longer than it", () => {
    const clauses = (coolingOffDays: number) =>
      evaluatePeople("dcc", [person], on, { coolingOffDays, sscApprovedDevGapMonths: 24 }).findings.map(
        (f) => f.obligations[0],
      );
    expect(clauses(0)).not.toContain("G2.24(b)");
    expect(clauses(365)).toContain("G2.24(b)");
  });
});

describe("anomalies over feeds and the workspace's records", () => {
  const rules = parseRuleSet(
    [
      "party: supplier",
      "rules:",
      "  - { id: quarantine-burst, source: adt, match: { outcome: quarantined }, threshold: 2, window: PT1H, per: userId }",
    ].join("\n"),
    "rules.yaml",
  );
  const held = (requestId: string, userId: string, at: string, status = "waiting"): QuarantinedRequest => ({
    requestId,
    userId,
    request: {},
    breach: "user-threshold",
    threshold: 0,
    status: status as QuarantinedRequest["status"],
    quarantinedAt: at,
    decidedBy: status === "waiting" ? null : "u",
    decidedAt: status === "waiting" ? null : "2025-06-01T12:00:00.000Z",
  });
  const quarantine = [
    held("r1", "U1", "2025-06-01T09:00:00.000Z"),
    held("r2", "U1", "2025-06-01T09:30:00.000Z", "deleted"),
    held("r3", "U2", "2025-06-01T09:10:00.000Z"),
    held("r4", "U2", "2025-06-01T09:20:00.000Z"),
  ];

  it("reads a User's own quarantined requests as ADT outcomes, deletions as well (G3.15(a))", () => {
    const events = quarantineEvents(quarantine, new Set(["U1"]));
    expect(events.map((e) => [e.outcome, e.at])).toEqual([
      ["quarantined", "quarantine:r1"],
      ["quarantined", "quarantine:r2"],
      ["deleted", "quarantine:r2 (deleted)"],
    ]);
    expect(quarantineEvents(quarantine, undefined)).toHaveLength(5);
  });

  it("turns each burst into a finding and an incident whose id a re-run finds again", () => {
    const now = new Date("2025-06-02T08:00:00Z");
    const events = quarantineEvents(quarantine, new Set(["U1"]));
    const result = evaluateAnomalies(rules, events, now);
    // G3.15(a) detection over ADT outcomes, G3.16(b) the duty to act on it.
    expect(result.findings.map((f) => [f.obligations, f.title])).toEqual([
      [["G3.15(a)", "G3.16(b)"], "G3.15(a): rule quarantine-burst for U1"],
    ]);
    expect(result.incidents).toEqual([
      expect.objectContaining({
        occurred: "2025-06-01T09:00:00Z",
        detected: "2025-06-02T08:00:00Z",
        major: false,
        status: "open",
      }),
    ]);
    expect(result.findings[0]!.detail).toContain(result.incidents![0]!.id);
    // A later run with more events in the same burst opens nothing new.
    const later = evaluateAnomalies(
      rules,
      quarantineEvents(quarantine, undefined),
      new Date("2025-06-03T00:00:00Z"),
    );
    expect(later.incidents!.map((i) => i.id)).toContain(result.incidents![0]!.id);
    expect(result.covers).toEqual([]);
  });

  it("feeds the DCC's incident log from the register, leaving out incidents it opened itself (G2.29(d))", () => {
    const events = incidentLogEvents([
      {
        id: "inc-1",
        title: "t",
        detected: "2025-06-01T09:00:00Z",
        major: true,
        status: "open",
        vulnerabilities: [],
      },
      {
        id: "anomaly-0123456789abcdef",
        title: "t",
        detected: "2025-06-01T09:00:00Z",
        major: false,
        status: "open",
        vulnerabilities: [],
      },
    ]);
    expect(events).toEqual([
      {
        source: "incident-log",
        time: Date.parse("2025-06-01T09:00:00Z"),
        code: "major-security-incident",
        at: "incidents:inc-1",
      },
    ]);
  });
});

describe("incident and vulnerability duties", () => {
  const on = parseIsoDate("2025-06-20");
  const incident: IncidentRecord = {
    id: "inc-1",
    title: "Break-in",
    detected: "2025-06-01T09:00:00Z",
    major: true,
    status: "open",
    vulnerabilities: ["v-1"],
  };
  const vulnerability: VulnerabilityRecord = {
    id: "v-1",
    title: "Weak TLS",
    severity: "high",
    discovered: parseIsoDate("2025-06-01"),
    status: "open",
  };
  const inputOf = (
    incidents: IncidentRecord[],
    vulnerabilities: VulnerabilityRecord[],
    facts: object,
  ): PartyDeadlineInput => ({ facts: validateFacts(facts), incidents, vulnerabilities, waived: [] });
  const judge = (p: PartyProfile, input: PartyDeadlineInput) =>
    evaluateIncidents(
      p.kind === "dcc" ? "dcc" : "user",
      input,
      storedPartyDeadlines(p, input, on, new Map([[p.id, p]])),
      on,
    );

  it("raises the notices overdue on the day, and not the follow-ups still within their period", async () => {
    const supplier = await profile("small-supplier");
    const result = judge(
      supplier,
      inputOf([incident], [vulnerability], {
        incidents: [{ id: "inc-1", detectedAt: "2025-06-01T09:00:00Z", major: true }],
        vulnerabilities: [{ id: "v-1", detectedAt: "2025-06-01T00:00:00Z" }],
      }),
    );
    // G3.5: the Panel and SSC told within 24 hours; G3.9(b)(ii): the SSC told the remedy promptly;
    // G3.18(a): the manufacturer told. The 30-day follow-ups (G3.7(c), G3.8(c), G5.16(c), G3.9(b)(i)) are not yet due.
    expect(result.findings.map((f) => f.obligations[0]).sort()).toEqual(["G3.18(a)", "G3.5", "G3.9(b)(ii)"]);
    const classified = result.details.incidents as {
      id: string;
      major: boolean;
      duties: { clause: string }[];
    }[];
    expect(classified[0]).toMatchObject({ id: "inc-1", major: true });
    expect(classified[0]!.duties.map((d) => d.clause)).toEqual(
      expect.arrayContaining(["G3.5", "G3.7(c)", "G5.16(c)"]),
    );
  });

  it("takes a manufacturer notice on record as done (G3.18(a))", async () => {
    const supplier = await profile("small-supplier");
    const notified = { ...vulnerability, manufacturerNotified: parseIsoDate("2025-06-02") };
    const result = judge(supplier, inputOf([], [notified], {}));
    expect(result.findings).toEqual([]);
  });

  it("waives the manufacturer notice when the manufacturer already knew (G3.19; G2.32 for the DCC)", async () => {
    const known = { ...vulnerability, manufacturerAware: parseIsoDate("2025-06-01") };
    const supplier = judge(await profile("small-supplier"), inputOf([], [known], {}));
    expect(supplier.findings).toEqual([]);
    expect(supplier.details.waived).toEqual([expect.objectContaining({ subject: "v-1", clause: "G3.19" })]);
    const dcc = judge(await profile("dcc"), inputOf([], [known], {}));
    expect(dcc.findings.map((f) => f.obligations[0])).not.toContain("G2.31(a)");
    expect(dcc.details.waived).toEqual([expect.objectContaining({ clause: "G2.32" })]);
  });

  it("dates the ISMS steps for an unauthorised event, met once taken (G3.4)", async () => {
    const supplier = await profile("small-supplier");
    const access = { ...incident, major: false, unauthorisedEvent: "unauthorised-access" as const };
    const facts = { incidents: [{ id: "inc-1", detectedAt: incident.detected, major: false }] };
    const open = judge(supplier, inputOf([access], [], facts));
    expect(open.findings.map((f) => [f.obligations[0], f.title])).toEqual([
      ["G3.4", "G3.4: For incident inc-1, take the steps the User ISMS requires for the unauthorised-access"],
    ]);
    expect(open.findings[0]!.detail).toContain("due 2025-06-02T09:00:00Z");
    // An incident with no unauthorised event recorded sets off no G3.4 duty.
    expect(
      judge(supplier, inputOf([{ ...access, unauthorisedEvent: undefined }], [], facts)).findings,
    ).toEqual([]);
    const taken = judge(supplier, inputOf([{ ...access, stepsTaken: "2025-06-01T12:00:00Z" }], [], facts));
    expect(taken.findings).toEqual([]);
    expect((taken.details.incidents as { duties: unknown[] }[])[0]!.duties).toEqual([
      { clause: "G3.4", due: "2025-06-02T09:00:00Z", status: "met", done: "2025-06-01T12:00:00Z" },
    ]);
  });

  it("gives an Export Supplier no G3.4 duty (G1.7), and the DCC its G2.10 for a Major Security Incident", async () => {
    const exporter = await profile("export-only-supplier");
    const access = { ...incident, major: false, unauthorisedEvent: "unauthorised-access" as const };
    const facts = { incidents: [{ id: "inc-1", detectedAt: incident.detected, major: false }] };
    expect(judge(exporter, inputOf([access], [], facts)).findings).toEqual([]);
    const dcc = judge(
      await profile("dcc"),
      inputOf([{ ...incident, affects: "dcc-systems" }], [], {
        incidents: [
          { id: "inc-1", detectedAt: incident.detected, major: true, notified: "2025-06-01T10:00:00Z" },
        ],
      }),
    );
    // G2.10(b): a Major Security Incident Compromised, or could have Compromised, the DCC Total System.
    expect(dcc.findings.map((f) => f.obligations[0])).toEqual(["G2.10"]);
  });
});

describe("Organisation Certificates over the keys register", () => {
  const on = parseIsoDate("2026-01-15");
  const live = parseIsoDate("2025-06-30");
  const cert = (id: string, more: Partial<KeyRecord>): KeyRecord => ({
    id,
    kind: "command-signing",
    purposes: ["command-signature"],
    remotePartyRole: "accessControlBroker",
    gbcsRole: true,
    nonGbcsUse: true,
    subscribed: parseIsoDate("2023-01-01"),
    expires: parseIsoDate("2027-12-31"),
    ...more,
  });
  const keys = [
    cert("acb-held", {}),
    cert("acb-expired", { expires: parseIsoDate("2025-12-31") }),
    cert("acb-new", { subscribed: parseIsoDate("2025-09-01"), keyReplaced: parseIsoDate("2025-10-01") }),
    cert("acb-recovery", {
      subscribed: parseIsoDate("2025-09-01"),
      keyReplaced: parseIsoDate("2025-10-01"),
      replacesRevokedUnderRecovery: true,
    }),
    cert("gbcs-only", { nonGbcsUse: false }),
    { id: "plain", kind: "command-signing", purposes: ["command-signature"] },
  ] satisfies KeyRecord[];

  it("judges G2.57 always and G2.58 only with the ECoS Service Live Date, G2.59 lifting it", () => {
    const result = evaluateCertificates("dcc", keys, on, live);
    expect(result.findings.map((f) => [f.kind, f.obligations[0], f.severity, f.title])).toEqual([
      // G2.57: a key still in use beyond GBCS, its certificate unexpired: replace it at the earliest opportunity.
      ["certificate-key", "G2.57", "medium", "G2.57: Organisation Certificate of key acb-held"],
      // G2.57: not replaced by the certificate's expiry.
      ["certificate-key", "G2.57", "high", "G2.57: Organisation Certificate of key acb-expired"],
      // G2.58: newly subscribed after the ECoS Service Live Date; G2.59 lifts it for acb-recovery.
      ["certificate-subscription", "G2.58", "high", "G2.58: Organisation Certificate of key acb-new"],
    ]);
    expect(result.covers).toEqual(["certificate-key", "certificate-subscription"]);
    expect(result.details).toEqual({ keys: 6, certificates: 5, ecosServiceLiveDate: live });
    const undated = evaluateCertificates("dcc", keys, on, undefined);
    expect(undated.findings.map((f) => f.obligations[0])).toEqual(["G2.57", "G2.57"]);
    expect(undated.covers).toEqual(["certificate-key"]);
  });

  it("finds nothing for a User: G2.57–G2.59 bind the DCC", () => {
    const result = evaluateCertificates("user", keys, on, live);
    expect(result).toMatchObject({ findings: [], obligations: [] });
  });
});
