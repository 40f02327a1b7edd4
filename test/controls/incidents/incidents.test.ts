import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { classifyIncident, type Incident, isMajor } from "../../../src/controls/incidents/classify.js";
import { planVulnerability, type Vulnerability } from "../../../src/controls/incidents/vulnerability.js";
import { type PartyProfile, validateProfile } from "../../../src/obligations/profile.js";
import { repoRoot } from "../../support/shared.js";

const fixture = (name: string) => join(repoRoot, "test/fixtures/incidents", name);

async function secg(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const supplier: PartyProfile = validateProfile({
  id: "acme",
  name: "Acme",
  supplierParty: true,
  roles: [{ role: "import-supplier" }],
});
const network: PartyProfile = validateProfile({
  id: "net",
  name: "Net",
  networkParty: true,
  roles: [{ role: "electricity-distributor" }],
});
const dcc: PartyProfile = validateProfile({ id: "dcc", name: "DCC", kind: "dcc" });

const t = Date.UTC(2026, 0, 5, 9);
const incident = (over: Partial<Incident> = {}): Incident => ({
  id: "i",
  detectedAt: t,
  system: "user-systems",
  smets1CspTelefonica: false,
  compromise: "resulted",
  material: true,
  findings: [],
  policy: { promptlyHours: 24, assessmentWithinDays: 30, riskReviewWithinDays: 60 },
  ...over,
});
const clauses = (r: { duties: readonly { clause: string }[] }) => r.duties.map((d) => d.clause);

describe("Major Security Incident", () => {
  it("is major only when the System was, or could have been, Compromised to a material extent", () => {
    // Section A, Major Security Incident
    expect(isMajor({ compromise: "resulted", material: true }).major).toBe(true);
    expect(isMajor({ compromise: "capable", material: true }).major).toBe(true);
    expect(isMajor({ compromise: "resulted", material: false }).major).toBe(false);
    expect(isMajor({ compromise: "none", material: true }).major).toBe(false);
  });

  it("gives the same answer every time for the same facts", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("resulted", "capable", "none"),
        fc.boolean(),
        fc.constantFrom(supplier, network),
        (compromise, material, party) => {
          const i = incident({ compromise: compromise as Incident["compromise"], material });
          expect(classifyIncident(i, party, "f")).toEqual(classifyIncident(i, party, "f"));
        },
      ),
    );
  });
});

describe("duties an incident triggers for a User", () => {
  it("a Supplier Party: notices, CREST/CHECK and own assessments, and the risk review", () => {
    // G3.4, G3.5, G3.7(c), G3.8(c), G5.16(c)
    const r = classifyIncident(incident({ unauthorisedEvent: "unauthorised-access" }), supplier, "f");
    expect(clauses(r)).toEqual(["G3.4", "G3.5", "G3.7(c)", "G3.8(c)", "G5.16(c)"]);
    expect(r.duties.find((d) => d.clause === "G3.5")?.due).toBe("2026-01-06T09:00:00Z");
    expect(r.duties.find((d) => d.clause === "G3.8(c)")?.due).toBe("2026-02-04T09:00:00Z");
    expect(r.duties.find((d) => d.clause === "G5.16(c)")?.due).toBe("2026-03-06T09:00:00Z");
  });

  it("a User that is not a Supplier Party owes no G3.7(c) assessment", () => {
    // G3.7(c) is on Supplier Parties, G3.8(c) on every User
    expect(clauses(classifyIncident(incident(), network, "f"))).toEqual(["G3.5", "G3.8(c)", "G5.16(c)"]);
  });

  it("a minor incident still triggers the ISMS steps for an unauthorised event, and nothing else", () => {
    // G3.4
    expect(
      clauses(
        classifyIncident(
          incident({ material: false, unauthorisedEvent: "unauthorised-software" }),
          supplier,
          "f",
        ),
      ),
    ).toEqual(["G3.4"]);
  });

  it("leaves due null where the policy sets no time", () => {
    // G3.8(c): "on the occurrence" has no number in the Code
    const r = classifyIncident(incident({ policy: { promptlyHours: 1 } }), supplier, "f");
    expect(r.duties.find((d) => d.clause === "G3.8(c)")?.due).toBeNull();
  });
});

describe("duties an incident triggers for the DCC", () => {
  it("DCC Systems: G2.10 steps, prompt G2.11(a) notice, G2.13(c)/G2.14(c) assessments, G5.2(c) review", () => {
    // G2.10, G2.11(a), G2.13(c), G2.14(c), G5.2(c)
    expect(clauses(classifyIncident(incident({ system: "dcc-systems" }), dcc, "f"))).toEqual([
      "G2.10",
      "G2.11(a)",
      "G2.13(c)",
      "G2.14(c)",
      "G5.2(c)",
    ]);
  });

  it("the Telefonica part of the SMETS1 CSP System: G2.11(b) with its own time", () => {
    // G2.11(b)
    const r = classifyIncident(
      incident({
        system: "dcc-total-system",
        smets1CspTelefonica: true,
        policy: { promptlyHours: 24, asSoonAsReasonablyPracticableHours: 72 },
      }),
      dcc,
      "f",
    );
    expect(r.duties.find((d) => d.clause === "G2.11(b)")?.due).toBe("2026-01-08T09:00:00Z");
    expect(clauses(r)).not.toContain("G2.13(c)");
  });
});

const vulnerability = (over: Partial<Vulnerability> = {}): Vulnerability => ({
  id: "v",
  awareAt: t,
  in: "user-systems",
  material: true,
  foundByAssessment: false,
  smets2CommsHubOrGasProxy: false,
  manufacturer: { name: "Maker", alreadyAware: false, practicable: true },
  usersAlreadyAware: false,
  policy: { promptlyHours: 48 },
  ...over,
});

describe("vulnerability path", () => {
  it("a User notifies the manufacturer, mitigates and tells the SSC with a timetable", () => {
    // G3.17(a), G3.18(a)-(c)
    const plan = planVulnerability(vulnerability(), supplier, "f");
    expect(clauses(plan)).toEqual(["G3.18(a)", "G3.18(b)", "G3.18(c)"]);
    expect(plan.duties[2]?.due).toBe("2026-01-07T09:00:00Z");
  });

  it("skips the manufacturer when it already knows", () => {
    // G3.19
    const plan = planVulnerability(
      vulnerability({ manufacturer: { name: "M", alreadyAware: true, practicable: true } }),
      supplier,
      "f",
    );
    expect(clauses(plan)).toEqual(["G3.18(b)", "G3.18(c)"]);
    expect(plan.waived).toEqual([{ clause: "G3.19", because: "M is already aware" }]);
  });

  it("adds the G3.9(b) steps when an assessment found it", () => {
    // G3.9(b)(i), G3.9(b)(ii)
    expect(
      clauses(planVulnerability(vulnerability({ foundByAssessment: true }), supplier, "f")).slice(0, 2),
    ).toEqual(["G3.9(b)(i)", "G3.9(b)(ii)"]);
  });

  it("leaves out SMETS2+ Communications Hub and Gas Proxy Functions", () => {
    // G3.17(b)
    const plan = planVulnerability(
      vulnerability({ in: "smart-metering-system", smets2CommsHubOrGasProxy: true }),
      supplier,
      "f",
    );
    expect(plan.duties).toEqual([]);
  });

  it("the DCC follows G2.31 unless the manufacturer knows (G2.32)", () => {
    // G2.31(a)-(c), G2.32
    expect(clauses(planVulnerability(vulnerability({ in: "dcc-total-system" }), dcc, "f"))).toEqual([
      "G2.31(a)",
      "G2.31(b)",
      "G2.31(c)",
    ]);
  });

  it("Parse and Correlate Software: tell the Users and the developer unless they know", () => {
    // G2.35, G2.36
    expect(clauses(planVulnerability(vulnerability({ in: "parse-and-correlate" }), dcc, "f"))).toEqual([
      "G2.35",
      "G2.35",
    ]);
    const known = planVulnerability(
      vulnerability({ in: "parse-and-correlate", usersAlreadyAware: true }),
      dcc,
      "f",
    );
    expect(known.waived.map((w) => w.clause)).toEqual(["G2.36"]);
  });

  it("a vulnerability that is not material triggers nothing", () => {
    // G3.17
    expect(planVulnerability(vulnerability({ material: false }), supplier, "f").duties).toEqual([]);
  });
});

describe("secg incident classify and vulnerability plan", () => {
  it("classifies a major User incident as the contract shape", async () => {
    // G3.5, G3.7(c), G3.8(c), G5.16(c)
    const { code, out } = await secg(
      "incident",
      "classify",
      fixture("major.yaml"),
      "--party",
      fixture("user-party.yaml"),
      "--json",
    );
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.major).toBe(true);
    expect(r.because.length).toBeGreaterThan(0);
    expect(r.duties[1]).toEqual({
      clause: "G3.5",
      action: "notify the Panel and the Security Sub-Committee",
      due: "2026-01-06T09:00:00Z",
    });
  });

  it("prints a minor incident for people", async () => {
    // G3.4
    const { code, out } = await secg(
      "incident",
      "classify",
      fixture("minor.yaml"),
      "--party",
      fixture("other-user.yaml"),
    );
    expect(code).toBe(0);
    expect(out).toContain("not a Major Security Incident");
    expect(out).toContain("G3.4");
  });

  it("exits 2 when the incident does not fit the party", async () => {
    const { code, err } = await secg(
      "incident",
      "classify",
      fixture("dcc-telefonica.yaml"),
      "--party",
      fixture("user-party.yaml"),
    );
    expect(code).toBe(2);
    expect(err).toMatch(/dcc-telefonica\.yaml at system: expected "user-systems" for a User's incident/);
  });

  it("exits 2 naming a missing answer", async () => {
    const { code, err } = await secg(
      "incident",
      "classify",
      fixture("incident-typo.yaml"),
      "--party",
      fixture("dcc.yaml"),
    );
    expect(code).toBe(2);
    expect(err).toMatch(/incident-typo\.yaml:1 at material: expected a value \(required boolean\)/);
  });

  it("plans the DCC's path when the manufacturer already knows", async () => {
    // G2.31(b), G2.31(c), G2.32
    const { code, out } = await secg(
      "vulnerability",
      "plan",
      fixture("vuln-dcc-aware.yaml"),
      "--party",
      fixture("dcc.yaml"),
      "--json",
    );
    expect(code).toBe(0);
    expect(clauses(JSON.parse(out))).toEqual(["G2.31(b)", "G2.31(c)"]);
  });
});
