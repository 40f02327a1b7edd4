import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/input-error.js";
import {
  applicableObligations,
  type ObligationsAnswer,
  type RoleObligations,
} from "../../src/obligations/applicability/applicable.js";
import { entryOn } from "../../src/obligations/catalogue/index.js";
import { type PartyProfile, parseProfile, validateProfile } from "../../src/obligations/profile.js";

const ON = "2026-01-01";
const ids = (list: readonly { id: string }[]) => list.map((o) => o.id);

function profile(value: Record<string, unknown>): PartyProfile {
  return validateProfile({ name: String(value.id), ...value });
}

function answer(p: PartyProfile, others: readonly PartyProfile[] = [], on = ON): ObligationsAnswer {
  return applicableObligations(p, new Map([p, ...others].map((x) => [x.id, x])), on);
}

function role(a: ObligationsAnswer, name: string): RoleObligations {
  const found = a.roles.find((r) => r.role === name);
  if (found === undefined) throw new Error(`no role ${name}`);
  return found;
}

function because(list: readonly { id: string; because: readonly string[] }[], id: string): readonly string[] {
  const ob = list.find((o) => o.id === id);
  if (ob === undefined) throw new Error(`no obligation ${id} in ${ids(list).join(" ")}`);
  return ob.because;
}

const importer = { role: "import-supplier", userIds: ["90-B3-D5-1F-30-01-00-01"] };
const gas = { role: "gas-supplier", userIds: ["90-B3-D5-1F-30-01-00-02"] };

describe("User duties per role", () => {
  it("G1.5: each User duty applies once in every role, each with its own reason", () => {
    const a = answer(profile({ id: "dual", supplierParty: true, roles: [importer, gas] }));
    expect(a.roles.map((r) => r.role)).toEqual(["import-supplier", "gas-supplier"]);
    for (const r of a.roles) expect(ids(r.obligations)).toContain("G3.1");
    expect(because(role(a, "gas-supplier").obligations, "G3.1")).toEqual([
      "G1.5: acts as Gas Supplier; User duties apply to this role separately",
    ]);
    // A duty on the party as such is owed once, not per role.
    expect(ids(a.partyObligations).filter((id) => id === "G3.7")).toHaveLength(1);
  });

  it("G1.6: a Network Party's Registration Data Provider capacity is an extra role with User duties", () => {
    const a = answer(
      profile({
        id: "wires",
        networkParty: true,
        roles: [
          { role: "electricity-distributor", userIds: ["90-B3-D5-1F-30-03-00-01"] },
          { role: "registration-data-provider" },
        ],
      }),
    );
    const rdp = role(a, "registration-data-provider");
    expect(rdp.because[0]).toMatch(/^G1\.6: /);
    expect(ids(rdp.obligations)).toEqual(expect.arrayContaining(["G3.1", "G4.1", "G5.18", "G6.2"]));
    // No User IDs in the RDP capacity, so no G6.3 thresholds there.
    expect(ids(rdp.obligations)).not.toContain("G6.3");
  });

  it("G1.6: the RDP role is refused for a party that is not a Network Party", () => {
    const text = "id: x\nname: X\nroles:\n  - role: registration-data-provider\n";
    expect(() => parseProfile(text, "x.yaml")).toThrow("x.yaml:4 at roles[0].role");
  });
});

describe("G1.7: Export Supplier and Registered Supplier Agent roles", () => {
  const kept = [
    "G3.2",
    "G3.3",
    "G3.8",
    "G3.9",
    "G5.14",
    "G5.15",
    "G5.16",
    "G5.17",
    "G5.18",
    "G5.19(d)",
    "G6.2",
    "G6.3",
    "G6.4",
    "G6.10",
  ];

  it.each(["export-supplier", "registered-supplier-agent"])(
    "G1.7: the %s role carries only the listed duties",
    (name) => {
      const a = answer(profile({ id: "x", roles: [{ role: name, userIds: ["90-B3-D5-1F-30-05-00-01"] }] }));
      expect(ids(role(a, name).obligations)).toEqual(kept);
    },
  );

  it("G1.7(c)(i)–(ii): G5.18(b) is read with the substitutions, and only G5.19(d) of G5.19–G5.24 is owed", () => {
    const es = role(answer(profile({ id: "x", roles: [{ role: "export-supplier" }] })), "export-supplier");
    expect(because(es.obligations, "G5.18")[0]).toContain("G5.18(b)(i) covers only G3.2–G3.3 and G3.8–G3.9");
    expect(because(es.obligations, "G5.18")[0]).toContain("G5.18(b)(iii) only G5.19(d)");
    expect(ids(es.obligations).filter((id) => /^G5\.(19|2[0-4])/.test(id))).toEqual(["G5.19(d)"]);
  });

  it("G1.7(d): Shared Resources keep G5.26 but not G5.27 or G5.28", () => {
    const a = answer(
      profile({
        id: "x",
        criticalServiceRequests: true,
        sharedResources: { used: true, sharedWith: ["y"] },
        roles: [{ role: "export-supplier" }],
      }),
      [profile({ id: "y" })],
    );
    const list = ids(role(a, "export-supplier").obligations);
    expect(list).toContain("G5.26(a)");
    expect(list.filter((id) => id.startsWith("G5.27") || id.startsWith("G5.28"))).toEqual([]);
  });

  it("G1.1: G1.7 reads only G2–G9, so the G10.3 restriction still reaches the Export Supplier role", () => {
    const a = answer(
      profile({
        id: "x",
        sharedResources: { used: true, sharedWith: ["y"] },
        roles: [{ role: "export-supplier" }],
      }),
      [profile({ id: "y" })],
    );
    expect(because(role(a, "export-supplier").obligations, "G10.3")).toContain(
      "G1.1: G1.7 limits only G2–G9, so this G10 duty still reaches the Export Supplier role",
    );
  });

  it("G1.7: duties on a Supplier Party as such stay with an export-only supplier", () => {
    const a = answer(profile({ id: "x", supplierParty: true, roles: [{ role: "export-supplier" }] }));
    expect(ids(a.partyObligations)).toEqual(expect.arrayContaining(["G3.7", "G3.15", "G3.16"]));
  });
});

describe("parties treated as Users for named Sections", () => {
  const provider = profile({ id: "srp", roles: [{ role: "shared-resource-provider" }] });
  const hosted = profile({
    id: "hosted",
    supplierParty: true,
    premises: { domestic: 100, nonDomestic: 0 },
    sharedResources: { used: true, providedBy: "srp" },
    roles: [importer],
  });

  it("G10.5: a Shared Resource Provider is a User in an extra role for G1–G5 and G7–G9, not G6", () => {
    const a = answer(provider, [hosted]);
    const srp = role(a, "shared-resource-provider");
    expect(srp.because[0]).toMatch(/^G10\.5: /);
    expect(ids(srp.obligations)).toEqual(expect.arrayContaining(["G3.1", "G4.1", "G5.18", "G8.13"]));
    expect(ids(srp.obligations).some((id) => id.startsWith("G6.") || id.startsWith("G10."))).toBe(false);
    // G5.28(b)(i): the provider scales its own ISMS controls to every User it serves.
    expect(ids(srp.obligations)).toContain("G5.28");
    expect(ids(a.partyObligations)).toContain("G10.4");
  });

  it("G8.63(a): a provider to Supplier Parties takes the supplier cycle on their premises", () => {
    const big = profile({ ...hosted, id: "big", premises: { domestic: 300_000, nonDomestic: 0 } });
    const a = answer(provider, [hosted, big]);
    expect(because(a.partyObligations, "G8.41")[0]).toContain("300,100 domestic");
    expect(because(a.partyObligations, "G8.41")).toContain(
      "G8.63(a): as Shared Resource Provider to Supplier Parties big, hosted it follows the supplier cycle on their premises",
    );
  });

  it("G12.5: a Triage Facility Provider is a User for G1, G3–G5, G7 and G8 only, with G12.8's own cycle", () => {
    const a = answer(profile({ id: "tfp", roles: [{ role: "triage-facility-provider" }] }));
    const tfp = role(a, "triage-facility-provider");
    expect(tfp.because[0]).toMatch(/^G12\.5: /);
    expect(ids(tfp.obligations)).toEqual(expect.arrayContaining(["G3.1", "G4.3", "G5.17", "G8.13"]));
    expect(ids(tfp.obligations).some((id) => /^G(6|10)\./.test(id))).toBe(false);
    expect(ids(tfp.obligations)).not.toContain("G8.40");
    expect(ids(a.partyObligations)).toEqual(expect.arrayContaining(["G12.4", "G12.8"]));
  });
});

describe("duties on the party as such", () => {
  it("G4.4, G5.1, G6.5: the DCC gets the DCC duties and no User duties", () => {
    const a = answer(profile({ id: "dcc", kind: "dcc" }));
    expect(a.roles).toEqual([]);
    expect(ids(a.partyObligations)).toEqual(
      expect.arrayContaining(["G4.4", "G5.1", "G5.13", "G6.5", "G6.10"]),
    );
    expect(ids(a.partyObligations)).not.toContain("G3.1");
    expect(because(a.partyObligations, "G4.4")).toEqual(["G4.4: a duty on the DCC"]);
  });

  it("G3.7: duties on Supplier Parties go to partyObligations of suppliers only", () => {
    const supplier = answer(profile({ id: "s", supplierParty: true, roles: [importer] }));
    expect(because(supplier.partyObligations, "G3.7")).toEqual(["G3.7: binds it as a Supplier Party"]);
    expect(ids(role(supplier, "import-supplier").obligations)).not.toContain("G3.7");
    const other = answer(profile({ id: "o", roles: [{ role: "other-user" }] }));
    expect(ids(other.partyObligations)).not.toContain("G3.7");
  });

  it("G1.10: SMETS1 duties bind only a supplier with enrolled SMETS1 systems", () => {
    const without = answer(profile({ id: "s", supplierParty: true, roles: [importer] }));
    expect(ids(without.partyObligations)).not.toContain("G3.26");
    const withSmets1 = answer(
      profile({ id: "s", supplierParty: true, enrolledSmets1: true, roles: [importer] }),
    );
    expect(ids(withSmets1.partyObligations)).toEqual(expect.arrayContaining(["G3.26", "G3.27"]));
    expect(because(withSmets1.partyObligations, "G3.26")[0]).toMatch(/^G1\.10: /);
  });

  it("G8.41–G8.43: a supplier's cycle follows its premises, adding those of direct sharers", () => {
    const small = profile({
      id: "small",
      supplierParty: true,
      premises: { domestic: 200_000, nonDomestic: 5_000 },
      sharedResources: { used: true, sharedWith: ["peer"] },
      roles: [importer],
    });
    const peer = profile({ id: "peer", supplierParty: true, premises: { domestic: 30_000, nonDomestic: 0 } });
    expect(ids(answer(small).partyObligations)).toContain("G8.42");
    const shared = answer(small, [peer]);
    expect(ids(shared.partyObligations)).toContain("G8.41");
    expect(because(shared.partyObligations, "G8.41")[0]).toContain("counting those of peer (G8.43)");
  });
});

describe("G8.44–G8.46: a network party's cycle", () => {
  it("G8.46: counts the domestic premises of network parties sharing its resources, through a provider too", () => {
    const hosted = (id: string, domestic: number) =>
      profile({
        id,
        networkParty: true,
        premises: { domestic },
        sharedResources: { used: true, providedBy: "srp" },
        roles: [{ role: "gas-transporter" }],
      });
    const [a, b] = [hosted("gas-a", 200_000), hosted("gas-b", 100_000)];
    const provider = profile({ id: "srp", roles: [{ role: "shared-resource-provider" }] });
    expect(ids(answer(a).partyObligations)).toContain("G8.45");
    const shared = answer(a, [b, provider]);
    expect(because(shared.partyObligations, "G8.44")[0]).toBe(
      "G8.44: a network party with 300,000 domestic premises, counting those of gas-b (G8.46)",
    );
  });
});

describe("conditions on facts of the party or the role", () => {
  it("G3.23–G3.25: only in roles eligible for Supply Sensitive requests", () => {
    const a = answer(
      profile({
        id: "s",
        supplierParty: true,
        roles: [{ ...importer, eligibleForSupplySensitive: true }, gas],
      }),
    );
    expect(because(role(a, "import-supplier").obligations, "G3.23")[0]).toBe(
      "G3.23: eligible for Supply Sensitive requests in this role",
    );
    expect(ids(role(a, "import-supplier").obligations)).toEqual(expect.arrayContaining(["G3.24", "G3.25"]));
    expect(ids(role(a, "gas-supplier").obligations).filter((id) => /^G3\.2[345]$/.test(id))).toEqual([]);
  });

  it("G5.25–G5.28: Shared Resource duties need sharing that could carry a Compromise", () => {
    const none = answer(profile({ id: "u", roles: [{ role: "other-user" }] }));
    expect(
      ids(role(none, "other-user").obligations).some((id) => id.startsWith("G5.2") && id > "G5.25"),
    ).toBe(false);

    const harmless = answer(
      profile({
        id: "u",
        sharedResources: { used: true, sharedWith: ["v"], capableOfCompromise: false },
        roles: [{ role: "other-user" }],
      }),
      [profile({ id: "v" })],
    );
    expect(ids(role(harmless, "other-user").obligations).filter((id) => /^G5\.2[678]/.test(id))).toEqual([]);

    const direct = answer(
      profile({
        id: "u",
        sharedResources: { used: true, sharedWith: ["v"] },
        roles: [{ role: "other-user" }],
      }),
      [profile({ id: "v" })],
    );
    const list = ids(role(direct, "other-user").obligations);
    // G5.26(b) and G5.28(b) need a Shared Resource Provider, so only the (a) paragraphs apply.
    expect(list.filter((id) => /^G5\.2[678]/.test(id))).toEqual(["G5.26(a)", "G5.28(a)"]);
    expect(because(role(direct, "other-user").obligations, "G5.26(a)")[0]).toBe(
      "G5.26(b) left out (G10.2: no Shared Resource Provider supplies its Shared Resources)",
    );
  });

  it("G5.27: the six-monthly count is owed only with Critical Service Request entitlement", () => {
    const base = { id: "u", sharedResources: { used: true, providedBy: "p" }, roles: [importer] };
    const provider = profile({ id: "p", roles: [{ role: "shared-resource-provider" }] });
    expect(ids(role(answer(profile(base), [provider]), "import-supplier").obligations)).not.toContain(
      "G5.27",
    );
    const entitled = answer(profile({ ...base, criticalServiceRequests: true }), [provider]);
    expect(because(role(entitled, "import-supplier").obligations, "G5.27")[0]).toBe(
      "G5.27: entitled to send Critical Service Requests",
    );
  });

  it("G6.4A: a zero threshold only in the role with untested Critical Service Requests", () => {
    const a = answer(
      profile({ id: "s", roles: [{ ...importer, untestedCriticalServiceRequests: ["7.1", "6.15.1"] }, gas] }),
    );
    expect(because(role(a, "import-supplier").obligations, "G6.4A")[0]).toBe(
      "G6.4A: eligible in this role without testing Critical Service Requests 7.1, 6.15.1",
    );
    expect(ids(role(a, "gas-supplier").obligations)).not.toContain("G6.4A");
  });

  it("G6.3: thresholds per User ID only in roles that have User IDs", () => {
    const a = answer(profile({ id: "s", roles: [importer, { role: "gas-supplier" }] }));
    expect(ids(role(a, "import-supplier").obligations)).toEqual(expect.arrayContaining(["G6.3", "G6.4"]));
    expect(ids(role(a, "gas-supplier").obligations)).not.toContain("G6.3");
  });
});

describe("the smallest unit that applies", () => {
  it("G3.17(b), G3.20(b): the supplier paragraphs apply only where it is Responsible Supplier", () => {
    const a = answer(
      profile({
        id: "x",
        supplierParty: true,
        networkParty: true,
        roles: [importer, { role: "electricity-distributor" }],
      }),
    );
    expect(ids(role(a, "import-supplier").obligations)).toEqual(expect.arrayContaining(["G3.17", "G3.20"]));
    const ed = ids(role(a, "electricity-distributor").obligations);
    expect(ed).toEqual(expect.arrayContaining(["G3.17(a)", "G3.20(a)"]));
    expect(ed).not.toContain("G3.20");
  });
});

describe("the Code version the answer is computed under", () => {
  it("G3.20 (DP087): the answer names the version in force, and G3.20 reads differently either side", () => {
    const p = profile({ id: "s", supplierParty: true, roles: [importer] });
    const before = answer(p, [], "2021-06-01");
    const after = answer(p, [], "2023-06-01");
    expect(before.codeVersion).toEqual({ label: "sec-2020-03", inForce: "2020-03-31", dateAssumed: true });
    expect(after.codeVersion.label).toBe("sec-dp087");
    expect(entryOn("G3.20", before.codeVersion.label)?.until).toBe("sec-dp087");
    expect(entryOn("G3.20", after.codeVersion.label)?.since).toBe("sec-dp087");
    expect(ids(role(before, "import-supplier").obligations)).toContain("G3.20");
  });

  it("refuses a date before the first version secg knows, and a date that does not exist", () => {
    const p = profile({ id: "s" });
    expect(() => answer(p, [], "2019-10-31")).toThrow(InputError);
    expect(() => answer(p, [], "2025-02-29")).toThrow("a real calendar date");
  });
});
