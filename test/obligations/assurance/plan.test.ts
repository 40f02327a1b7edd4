import { describe, expect, it } from "vitest";
import { planAssurance } from "../../../src/obligations/assurance/plan.js";
import type { PartyProfile } from "../../../src/obligations/profile.js";
import { done, initialFull, network, party, peersOf, supplier } from "./parties.js";

const plan = (p: PartyProfile, count = 3, ...others: PartyProfile[]) =>
  planAssurance(p, peersOf(p, ...others), count);
/** The plan as `due category clause` lines: the part of the contract these tests pin down. */
const lines = (p: PartyProfile, count = 3, ...others: PartyProfile[]) =>
  plan(p, count, ...others).next.map((a) => `${a.due} ${a.category} ${a.clause}`);

describe("the initial Full assessment (G8.33, G8.40)", () => {
  it("asks for the initial Full, undated, until one is complete", () => {
    // G8.33, and the contract's fixed answer for a party with no completed initial Full.
    const newcomer = supplier("newcomer", 0, 0, []);
    expect(plan(newcomer).next).toEqual([
      { category: "full", due: null, clause: "G8.33", because: expect.any(String) },
    ]);
    // G8.36(d): a rejected first Full is not the initial one; the second has not been approved yet.
    expect(plan(supplier("rejected", 10, 0, [done("full", "2024-01-10")])).next).toMatchObject([
      { category: "full", due: null, clause: "G8.33" },
    ]);
  });

  it("counts the first assessment from the Panel's approval of the initial Full", () => {
    // G8.40: within 12 months after the initial Full is deemed complete.
    expect(lines(supplier("s", 1000, 0, [initialFull("2023-05-10")]), 1)).toEqual([
      "2024-05-10 verification G8.42(c)",
    ]);
  });

  it("counts from the Follow-up of the initial Full when there was one", () => {
    // G8.40: "or after the Follow-up Security Assessment where there was one".
    const acme = supplier("acme", 120_000, 8000, [
      initialFull("2023-05-10"),
      done("follow-up", "2023-08-01"),
    ]);
    expect(lines(acme, 1)).toEqual(["2024-08-01 verification G8.42(c)"]);
  });

  it("does not let a Follow-up of a later assessment move the cycle", () => {
    // G8.19: a Follow-up follows a User Security Assessment; it is not one of the cycle's categories.
    const s = supplier("s", 1000, 0, [
      initialFull("2023-05-10"),
      done("verification", "2024-05-02"),
      done("follow-up", "2024-09-01"),
    ]);
    expect(lines(s, 1)).toEqual(["2025-05-02 self G8.42(a)"]);
  });
});

describe("the cycles of G8.41–G8.47", () => {
  it("gives a large supplier a Full assessment every year", () => {
    // G8.41
    expect(
      lines(supplier("big", 900_000, 60_000, [initialFull("2022-03-15"), done("full", "2023-03-01")])),
    ).toEqual(["2024-03-01 full G8.41", "2025-03-01 full G8.41", "2026-03-01 full G8.41"]);
  });

  it("rotates a smaller supplier through Verification, Self-Assessment and Full", () => {
    // G8.42 and G8.42(a)-(c)
    expect(lines(supplier("small", 40_000, 2000, [initialFull("2023-06-01")]), 4)).toEqual([
      "2024-06-01 verification G8.42(c)",
      "2025-06-01 self G8.42(a)",
      "2026-06-01 full G8.42(b)",
      "2027-06-01 verification G8.42(c)",
    ]);
  });

  it("gives a large network party two Verifications, then a Full", () => {
    // G8.44 and G8.44(a)-(c)
    expect(lines(network("grid", 1_200_000, [initialFull("2022-09-01")]), 6)).toEqual([
      "2023-09-01 verification G8.44(c)",
      "2024-09-01 verification G8.44(a)",
      "2025-09-01 full G8.44(b)",
      "2026-09-01 verification G8.44(c)",
      "2027-09-01 verification G8.44(a)",
      "2028-09-01 full G8.44(b)",
    ]);
  });

  it("rotates a smaller network party like a smaller supplier", () => {
    // G8.45 and G8.45(a)-(c)
    expect(
      lines(network("local", 80_000, [initialFull("2022-09-01"), done("verification", "2023-08-20")])),
    ).toEqual(["2024-08-20 self G8.45(a)", "2025-08-20 full G8.45(b)", "2026-08-20 verification G8.45(c)"]);
  });

  it("rotates an Other User the same way", () => {
    // G8.47 and G8.47(a)-(c)
    const other = party({
      id: "insight",
      roles: [{ role: "other-user" }],
      assurance: [initialFull("2023-02-01"), done("verification", "2024-01-15")],
    });
    expect(lines(other)).toEqual([
      "2025-01-15 self G8.47(a)",
      "2026-01-15 full G8.47(b)",
      "2027-01-15 verification G8.47(c)",
    ]);
  });

  it("gives a Self-Assessment's due date as the last day to submit it", () => {
    // G8.50(b): submitted for review within 12 months of the previous assessment.
    const [self] = plan(
      supplier("s", 10, 0, [initialFull("2023-01-01"), done("verification", "2023-12-01")]),
      1,
    ).next;
    expect(self).toMatchObject({ category: "self", due: "2024-12-01" });
    expect(self?.because).toContain("G8.50(b)");
  });
});

describe("parties under two cycles at once", () => {
  it("plans the most searching category either cycle asks for", () => {
    // G8.42 (as a supplier, 200,000 premises) and G8.44 (as a network party, with 100,000 more shared
    // under G8.46): the Code does not say how two cycles combine.
    const both = party({
      id: "both",
      supplierParty: true,
      networkParty: true,
      roles: [{ role: "gas-supplier" }, { role: "gas-transporter" }],
      premises: { domestic: 200_000 },
      sharedResources: { used: true, sharedWith: ["pipes"] },
      assurance: [initialFull("2023-01-01")],
    });
    const pipes = network("pipes", 100_000, []);
    expect(lines(both, 4, pipes)).toEqual([
      "2024-01-01 verification G8.42(c)",
      "2025-01-01 verification G8.44(a)",
      "2026-01-01 full G8.44(b)",
      "2027-01-01 verification G8.42(c)",
    ]);
    expect(plan(both, 1, pipes).because.join("\n")).toContain("under more than one cycle");
  });
});

describe("an entry assessment for a further User Role (G8.33)", () => {
  it("counts as a Full assessment in the cycle", () => {
    // G8.33 for the new role; G8.42(c): a Verification within 12 months of each Full.
    const s = supplier("s", 1000, 0, [
      initialFull("2022-01-10"),
      done("verification", "2023-01-05"),
      initialFull("2023-06-01"),
    ]);
    expect(lines(s, 1)).toEqual(["2024-06-01 verification G8.42(c)"]);
  });
});

describe("size boundaries (G8.41, G8.44, G8.45)", () => {
  const first = (p: PartyProfile) => lines(p, 1)[0]?.split(" ").slice(1).join(" ");
  const history = [initialFull("2024-01-01")];

  it.each([
    [250_000, 0, "verification G8.42(c)"],
    [250_001, 0, "full G8.41"],
    [0, 50_000, "verification G8.42(c)"],
    [0, 50_001, "full G8.41"],
    [100_000, 30_000, "verification G8.42(c)"],
    [100_001, 30_000, "full G8.41"],
    [1, 50_000, "full G8.41"],
    [1, 0, "verification G8.42(c)"],
  ])("a supplier with D = %i and N = %i gets %s", (domestic, nonDomestic, expected) => {
    // G8.41(a) D > 250,000; (b) N > 50,000; (c) 5N + D > 250,000 — each strictly above.
    expect(first(supplier("s", domestic, nonDomestic, history))).toBe(expected);
  });

  it("says which G8.41 criteria hold and shows the sums", () => {
    // G8.41(c)
    const because = plan(supplier("s", 150_000, 30_000, history)).because.join("\n");
    expect(because).toContain("(5N)+D = 300,000 > 250,000");
    expect(because).toContain("G8.41(c) holds");
    expect(plan(supplier("t", 250_000, 0, history)).because.join("\n")).toContain("D = 250,000 ≤ 250,000");
  });

  it.each([
    [250_000, "verification G8.45(c)"],
    [250_001, "verification G8.44(c)"],
  ])("a network party with %i domestic premises follows %s", (domestic, expected) => {
    // G8.44 above 250,000; G8.45 at 250,000 or fewer.
    expect(first(network("n", domestic, history))).toBe(expected);
    const secondStep = lines(network("n", domestic, [...history, done("verification", "2025-01-01")]), 1)[0];
    expect(secondStep).toBe(
      domestic > 250_000 ? "2026-01-01 verification G8.44(a)" : "2026-01-01 self G8.45(a)",
    );
  });
});

describe("a party that changes size changes cycle (G8.49)", () => {
  it("moves a grown supplier to yearly Full assessments", () => {
    // G8.49(a) with G8.41: the count is taken when the category is set.
    const grown = supplier("grown", 400_000, 0, [
      initialFull("2022-01-10"),
      done("verification", "2023-01-05"),
    ]);
    expect(lines(grown, 2)).toEqual(["2024-01-05 full G8.41", "2025-01-05 full G8.41"]);
  });

  it("moves a shrunk supplier into the rotation after its last Full", () => {
    // G8.49(a) with G8.42(c)
    const shrunk = supplier("shrunk", 100_000, 0, [initialFull("2022-01-10"), done("full", "2023-01-05")]);
    expect(lines(shrunk, 2)).toEqual(["2024-01-05 verification G8.42(c)", "2025-01-05 self G8.42(a)"]);
  });

  it("restarts a grown network party's cycle with a Verification after a Self-Assessment", () => {
    // G8.49(b) with G8.44: its cycle has no Self-Assessment and starts from a Verification.
    const grown = network("grown", 300_000, [
      initialFull("2021-04-01"),
      done("verification", "2022-04-01"),
      done("self", "2023-04-01"),
    ]);
    expect(lines(grown)).toEqual([
      "2024-04-01 verification G8.44",
      "2025-04-01 verification G8.44(a)",
      "2026-04-01 full G8.44(b)",
    ]);
  });

  it("puts a shrunk network party on the rotation after two Verifications", () => {
    // G8.49(b) with G8.45(a)
    const shrunk = network("shrunk", 200_000, [
      initialFull("2021-04-01"),
      done("verification", "2022-04-01"),
      done("verification", "2023-04-01"),
    ]);
    expect(lines(shrunk, 1)).toEqual(["2024-04-01 self G8.45(a)"]);
  });
});

describe("dates: leap days and month ends (G8.40, corresponding-date rule)", () => {
  it("takes 29 February to 28 February, and stays there once projected", () => {
    // Each planned assessment is assumed complete on its due date.
    expect(lines(supplier("leap", 900_000, 0, [initialFull("2024-02-29")]), 5)).toEqual([
      "2025-02-28 full G8.41",
      "2026-02-28 full G8.41",
      "2027-02-28 full G8.41",
      "2028-02-28 full G8.41",
      "2029-02-28 full G8.41",
    ]);
  });

  it("counts from the day an assessment was actually completed, month ends included", () => {
    // G8.41: within 12 months after each Full; a Full done on 2028-02-29 is due again by 2029-02-28.
    expect(
      lines(supplier("s", 900_000, 0, [initialFull("2027-02-28"), done("full", "2028-02-29")]), 1),
    ).toEqual(["2029-02-28 full G8.41"]);
    expect(lines(supplier("s", 900_000, 0, [initialFull("2023-12-31")]), 2)).toEqual([
      "2024-12-31 full G8.41",
      "2025-12-31 full G8.41",
    ]);
  });
});

describe("shared resources (G8.43, G8.46, G8.63)", () => {
  it("adds the premises of a supplier sharing resources directly, from either side's profile", () => {
    // G8.43: 120,000 + 100,000 domestic, 8,000 + 2,000 non-domestic: (5N)+D = 270,000 > 250,000.
    const acme = supplier("acme", 120_000, 8000, [initialFull("2023-05-10")], {
      sharedResources: { used: true, sharedWith: ["beta"] },
    });
    const beta = supplier("beta", 100_000, 2000, [initialFull("2023-01-01")]);
    expect(lines(acme, 1, beta)).toEqual(["2024-05-10 full G8.41"]);
    expect(lines(beta, 1, acme)).toEqual(["2024-01-01 full G8.41"]);
    expect(plan(acme, 1, beta).because.join("\n")).toContain(
      "beta's 100,000 domestic and 2,000 non-domestic (G8.43)",
    );
  });

  it("does not add a fellow customer of a Shared Resource Provider to a supplier's count", () => {
    // G8.43 counts only resources not provided by a Shared Resource Provider.
    const viaProvider = { sharedResources: { used: true, providedBy: "host" } };
    const acme = supplier("acme", 120_000, 8000, [initialFull("2023-05-10")], viaProvider);
    const beta = supplier("beta", 100_000, 2000, [initialFull("2023-01-01")], viaProvider);
    const host = party({
      id: "host",
      roles: [{ role: "shared-resource-provider" }],
      assurance: [initialFull("2022-01-01")],
    });
    expect(lines(acme, 1, beta, host)).toEqual(["2024-05-10 verification G8.42(c)"]);
  });

  it("adds the domestic premises of network parties sharing directly or through the same provider", () => {
    // G8.46: any Shared Resources, so fellow customers of a provider count too.
    const viaProvider = { sharedResources: { used: true, providedBy: "host" } };
    const north = network("north", 200_000, [initialFull("2023-03-31")], viaProvider);
    const south = network("south", 60_000, [initialFull("2023-03-31")], viaProvider);
    const host = party({
      id: "host",
      roles: [{ role: "shared-resource-provider" }],
      assurance: [initialFull("2022-01-01")],
    });
    expect(lines(north, 1, south, host)).toEqual(["2024-03-31 verification G8.44(c)"]);
    expect(plan(north, 1, south, host).because.join("\n")).toContain("south's 60,000 domestic (G8.46)");
    const direct = network("east", 200_000, [initialFull("2023-03-31")], {
      sharedResources: { used: true, sharedWith: ["west"] },
    });
    const west = network("west", 50_001, [initialFull("2023-03-31")]);
    expect(lines(direct, 2, west)).toEqual([
      "2024-03-31 verification G8.44(c)",
      "2025-03-31 verification G8.44(a)",
    ]);
    expect(lines(direct, 2, network("west", 50_000, []))).toEqual([
      "2024-03-31 verification G8.45(c)",
      "2025-03-31 self G8.45(a)",
    ]);
  });

  it("ignores sharing a profile records as not in use", () => {
    // G10.1: Shared Resources exist only where resources really form part of both Users' Systems.
    const acme = supplier("acme", 200_000, 0, [initialFull("2023-05-10")], {
      sharedResources: { used: false, sharedWith: ["beta"] },
    });
    expect(lines(acme, 1, supplier("beta", 100_000, 0, []))).toEqual(["2024-05-10 verification G8.42(c)"]);
  });

  it("puts a Shared Resource Provider on the cycle of the suppliers it serves, counting their premises", () => {
    // G8.63(a): 150,000 + 5 × 30,000 = 300,000 > 250,000, so G8.41.
    const host = party({
      id: "host",
      roles: [{ role: "shared-resource-provider" }],
      assurance: [initialFull("2022-11-01")],
    });
    const customer = supplier("hosted", 150_000, 30_000, [initialFull("2023-03-01")], {
      sharedResources: { used: true, providedBy: "host" },
    });
    expect(lines(host, 2, customer)).toEqual(["2023-11-01 full G8.41", "2024-11-01 full G8.41"]);
    expect(plan(host, 1, customer).because.join("\n")).toContain("treated as a Supplier Party (G8.63(a))");
  });

  it("puts it on the network cycle for network customers and on G8.47 for Other Users", () => {
    // G8.63(b) and G8.63(c)
    const host = party({
      id: "host",
      roles: [{ role: "shared-resource-provider" }],
      assurance: [initialFull("2022-11-01")],
    });
    const hosted = { sharedResources: { used: true, providedBy: "host" } };
    const grid = network("grid", 300_000, [], hosted);
    const app = party({ id: "app", roles: [{ role: "other-user" }], ...hosted });
    expect(lines(host, 3, grid)).toEqual([
      "2023-11-01 verification G8.44(c)",
      "2024-11-01 verification G8.44(a)",
      "2025-11-01 full G8.44(b)",
    ]);
    expect(lines(host, 3, app)).toEqual([
      "2023-11-01 verification G8.47(c)",
      "2024-11-01 self G8.47(a)",
      "2025-11-01 full G8.47(b)",
    ]);
    // Both at once: each time the most searching category either cycle asks for.
    expect(lines(host, 4, grid, app)).toEqual([
      "2023-11-01 verification G8.44(c)",
      "2024-11-01 verification G8.44(a)",
      "2025-11-01 full G8.44(b)",
      "2026-11-01 verification G8.44(c)",
    ]);
  });

  it("adds a provider's own premises to its supplier customers' when it is a Supplier Party too", () => {
    // G8.63(a): the customers' meters count "as if" they were its own, so one count, not two:
    // 100,000 + 200,000 = 300,000 > 250,000, though each alone is under G8.41(a).
    const host = supplier("host", 100_000, 0, [initialFull("2022-11-01")], {
      roles: [{ role: "import-supplier" }, { role: "shared-resource-provider" }],
    });
    const customer = supplier("hosted", 200_000, 0, [initialFull("2023-03-01")], {
      sharedResources: { used: true, providedBy: "host" },
    });
    expect(lines(host, 1, customer)).toEqual(["2023-11-01 full G8.41"]);
    expect(plan(host, 1, customer).because.join("\n")).toContain(
      "its own 100,000 domestic and 0 non-domestic + hosted's 200,000 domestic and 0 non-domestic (G8.63(a))",
    );
  });

  it("counts only what a customer supplies itself, not what G8.43 adds to the customer", () => {
    // G8.63(a) names the meters "for which those Supplier Parties are the Responsible Suppliers".
    const host = party({
      id: "host",
      roles: [{ role: "shared-resource-provider" }],
      assurance: [initialFull("2022-11-01")],
    });
    const hosted = supplier("hosted", 200_000, 0, [], {
      sharedResources: { used: true, providedBy: "host", sharedWith: ["partner"] },
    });
    const partner = supplier("partner", 200_000, 0, []);
    expect(lines(host, 1, hosted, partner)).toEqual(["2023-11-01 verification G8.42(c)"]);
  });

  it("treats a provider with no customers on file as an Other User", () => {
    // G10.5: a Shared Resource Provider is treated as a User; with no G8.63 customers it falls under G8.47.
    const host = party({
      id: "host",
      roles: [{ role: "shared-resource-provider" }],
      assurance: [initialFull("2022-11-01")],
    });
    expect(lines(host, 1)).toEqual(["2023-11-01 verification G8.47(c)"]);
  });
});

describe("a Supplier Party counting no premises (G8.40, G8.42, G8.47)", () => {
  it("gets a dated G8.40 booking of undetermined category, not the G8.42 cycle", () => {
    // G8.42 is for a supplier to premises through Smart Metering Systems; G8.47 excludes Supplier
    // Parties; G8.40 still asks for an assessment within 12 months.
    const empty = supplier("empty", 0, 0, [initialFull("2024-01-01")]);
    expect(lines(empty, 2)).toEqual(["2025-01-01 undetermined G8.40", "2026-01-01 undetermined G8.40"]);
    expect(plan(empty).because.join("\n")).toContain("ask the SSC");
  });

  it("still follows its network cycle when it is a Network Party too", () => {
    // G8.45: 0 domestic premises is "equal to or less than 250,000".
    const both = supplier("both", 0, 0, [initialFull("2024-01-01")], { networkParty: true });
    expect(lines(both, 1)).toEqual(["2025-01-01 verification G8.45(c)"]);
  });
});

describe("parties outside the yearly cycles", () => {
  it("plans nothing for the DCC, which G9 covers", () => {
    const dcc = party({ id: "dcc", kind: "dcc" });
    expect(plan(dcc)).toMatchObject({ party: "dcc", next: [] });
    expect(plan(dcc).because[0]).toContain("G9");
  });

  it("plans nothing after entry for a party acting only as Export Supplier or Registered Supplier Agent", () => {
    // G1.7 leaves the G8 duties on Users out for those roles.
    const exporter = party({
      id: "exporter",
      supplierParty: true,
      roles: [{ role: "export-supplier" }],
      assurance: [initialFull("2023-04-01")],
    });
    expect(plan(exporter).next).toEqual([]);
    expect(plan(exporter).because[0]).toContain("G1.7");
    // G1.5: the same party acting also as Import Supplier owes the cycle in that role.
    const both = party({
      id: "both",
      supplierParty: true,
      roles: [{ role: "export-supplier" }, { role: "import-supplier" }],
      premises: { domestic: 10 },
      assurance: [initialFull("2023-04-01")],
    });
    expect(lines(both, 1)).toEqual(["2024-04-01 verification G8.42(c)"]);
  });

  it("plans nothing for an entered party with no User Roles", () => {
    // G8.40 binds Users.
    expect(
      plan(party({ id: "lapsed", supplierParty: true, assurance: [initialFull("2023-04-01")] })).next,
    ).toEqual([]);
  });
});

describe("Triage Facility Providers (G12.6, G12.8)", () => {
  const triage = (assurance: ReturnType<typeof done>[]) =>
    party({ id: "triage", roles: [{ role: "triage-facility-provider" }], assurance });

  it("leaves each category to the SSC, yearly from the last assessment", () => {
    // G12.8
    expect(lines(triage([initialFull("2024-02-29")]))).toEqual([
      "2025-02-28 ssc-determined G12.8",
      "2026-02-28 ssc-determined G12.8",
      "2027-02-28 ssc-determined G12.8",
    ]);
    expect(
      lines(
        triage([
          initialFull("2023-03-01"),
          done("follow-up", "2023-06-01"),
          done("verification", "2024-02-10"),
        ]),
        1,
      ),
    ).toEqual(["2025-02-10 ssc-determined G12.8"]);
  });

  it("counts from the initial assessment, not its Follow-up", () => {
    // G12.8 counts from each User Security Assessment; a Follow-up is not one (G8.19).
    expect(lines(triage([initialFull("2023-03-01"), done("follow-up", "2023-06-01")]), 1)).toEqual([
      "2024-03-01 ssc-determined G12.8",
    ]);
  });

  it("follows the User cycle when the provider also acts in a User Role", () => {
    // G8.47 for the Other User role; G12.8 noted, as the SSC still sets its triage assessments.
    const both = party({
      id: "both",
      roles: [{ role: "triage-facility-provider" }, { role: "other-user" }],
      assurance: [initialFull("2024-03-01")],
    });
    expect(lines(both, 1)).toEqual(["2025-03-01 verification G8.47(c)"]);
    expect(plan(both).because.join("\n")).toContain("G12.8");
  });

  it("needs the initial Full before anything else", () => {
    // G12.6, answered in the contract's G8.33 form.
    const [entry] = plan(triage([])).next;
    expect(entry).toMatchObject({ category: "full", due: null, clause: "G8.33" });
    expect(entry?.because).toContain("G12.6");
  });
});

describe("bad histories and counts", () => {
  it("refuses initial: true on anything but a Full assessment", () => {
    // G8.33: the initial assessment is a Full User Security Assessment.
    const p = party({
      id: "p",
      roles: [{ role: "other-user" }],
      assurance: [{ category: "verification", completed: "2023-01-01", initial: true }],
    });
    expect(() => plan(p)).toThrow(
      "at assurance[0].initial: expected initial: true only on a full assessment",
    );
  });

  it("refuses a Verification or Self-Assessment before the initial Full", () => {
    // G8.40: the cycle starts after User Entry.
    const p = party({
      id: "p",
      roles: [{ role: "other-user" }],
      assurance: [done("full", "2022-01-01"), done("self", "2022-06-01"), initialFull("2023-01-01")],
    });
    expect(() => plan(p)).toThrow(
      "at assurance[1].category: expected full or follow-up before the initial Full",
    );
  });

  it("refuses a count outside 1 to 1000", () => {
    const p = supplier("s", 1, 0, [initialFull("2023-01-01")]);
    expect(() => plan(p, 0)).toThrow("at count: expected a whole number of assessments from 1 to 1000");
    expect(() => plan(p, 1.5)).toThrow("at count");
    expect(plan(p, 1000).next).toHaveLength(1000);
  });
});
