import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import type { ClauseDiff } from "../../src/code/types.js";
import { changeImpact } from "../../src/obligations/impact.js";
import { validateProfile } from "../../src/obligations/profile.js";
import { repoRoot } from "../support/shared.js";

const supplier = validateProfile({
  id: "supplier",
  name: "S",
  supplierParty: true,
  roles: [
    { role: "import-supplier", userIds: ["90-B3-D5-1F-30-01-00-01"] },
    { role: "export-supplier", userIds: ["90-B3-D5-1F-30-01-00-02"] },
  ],
});
const wires = validateProfile({
  id: "wires",
  name: "W",
  networkParty: true,
  roles: [{ role: "electricity-distributor" }],
});
const dcc = validateProfile({ id: "dcc", name: "DCC", kind: "dcc" });
const profiles = [supplier, wires, dcc];

const diff = (d: Partial<ClauseDiff>): ClauseDiff => ({
  added: [],
  removed: [],
  changed: [],
  unchanged: [],
  ...d,
});

describe("which parties a change to the Code reaches", () => {
  it("G3.20 (DP087): a change to a User duty reaches every role that owes it, paragraph units included", () => {
    const { impacts } = changeImpact(diff({ changed: ["G3.20"] }), profiles, "2026-01-01");
    expect(impacts).toHaveLength(1);
    const [impact] = impacts;
    expect(impact!.change).toBe("changed");
    expect(impact!.duties.map((d) => [d.clause, d.since])).toEqual([["G3.20", "sec-dp087"]]);
    // G1.7: the Export Supplier role does not owe G3.20; the distributor owes G3.20(a), which counts.
    expect(impact!.parties).toEqual([
      { party: "supplier", roles: ["import-supplier"], partyLevel: false },
      { party: "wires", roles: ["electricity-distributor"], partyLevel: false },
    ]);
  });

  it("G3.7, G6.10: duties on a party as such are reported at party level", () => {
    const { impacts } = changeImpact(diff({ changed: ["G6.10", "G3.7"] }), profiles, "2026-01-01");
    expect(impacts.map((i) => i.clause)).toEqual(["G3.7", "G6.10"]);
    expect(impacts[0]!.parties).toEqual([{ party: "supplier", roles: [], partyLevel: true }]);
    expect(impacts[1]!.parties).toEqual([
      { party: "supplier", roles: ["import-supplier", "export-supplier"], partyLevel: false },
      { party: "wires", roles: ["electricity-distributor"], partyLevel: false },
      { party: "dcc", roles: [], partyLevel: true },
    ]);
  });

  it("added, removed and non-duty clauses are listed with what the catalogue knows of them", () => {
    const { impacts } = changeImpact(
      diff({ added: ["G3.30"], removed: ["G1.13"], changed: ["G1.7"] }),
      profiles,
      "2026-01-01",
    );
    expect(impacts.map((i) => [i.clause, i.change])).toEqual([
      ["G1.7", "changed"],
      ["G1.13", "removed"],
      ["G3.30", "added"],
    ]);
    for (const impact of impacts) {
      expect(impact.duties).toEqual([]);
      expect(impact.parties).toEqual([]);
    }
  });

  it("reads the catalogue as in force on the date", () => {
    const before = changeImpact(diff({ changed: ["G3.20"] }), profiles, "2021-01-01");
    expect(before.impacts[0]!.duties.map((d) => d.until)).toEqual(["sec-dp087"]);
  });
});

describe("secg code impact", () => {
  const dir = join(repoRoot, "test/fixtures/profiles");
  const tmp = mkdtempSync(join(tmpdir(), "secg-impact-"));
  const heading = "# G3. SYSTEM SECURITY: OBLIGATIONS ON USERS\n\n";
  const old = join(tmp, "old.md");
  const next = join(tmp, "new.md");
  writeFileSync(
    old,
    `${heading}G3.19 A User need not tell a maker who already knows.\n\nG3.20 Each User arranges to hear of weaknesses.\n`,
  );
  writeFileSync(
    next,
    `${heading}G3.19 A User need not tell a maker who already knows.\n\nG3.20 Each User arranges to hear of weaknesses, SMETS1 hubs too.\n\nG3.21 Arrangements may excuse a maker.\n`,
  );

  async function cli(...argv: string[]) {
    let out = "";
    let err = "";
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
    return { code, out, err };
  }

  it("G3.20: lists each changed clause with its duties and the parties and roles that owe it", async () => {
    const { code, out, err } = await cli(
      "code",
      "impact",
      old,
      next,
      "--profiles",
      dir,
      "--on",
      "2026-01-01",
      "--json",
    );
    expect(err).toBe("");
    expect(code).toBe(0);
    const { impacts } = JSON.parse(out);
    expect(impacts.map((i: { clause: string; change: string }) => [i.clause, i.change])).toEqual([
      ["G3.20", "changed"],
      ["G3.21", "added"],
    ]);
    const reached = impacts[0].parties.map(
      (p: { party: string; roles: string[] }) => `${p.party}:${p.roles.join("+")}`,
    );
    expect(reached).toContain("large-supplier:import-supplier+gas-supplier");
    // G1.7 keeps G3.20 away from Export Supplier and Registered Supplier Agent roles; the DCC owes none of G3.
    expect(reached.join(" ")).not.toMatch(/export-supplier|registered-supplier-agent|dcc/);
    expect(impacts[1]).toMatchObject({ duties: [], parties: [] });
  });

  it("prints one line per clause for people", async () => {
    const { out } = await cli("code", "impact", old, next, "--profiles", dir, "--on", "2026-01-01");
    expect(out).toMatch(
      /^G3\.20 +changed +1 duty; reaches .*large-supplier \(import-supplier, gas-supplier\)/m,
    );
    expect(out).toMatch(/^G3\.21 +added +no duty in the catalogue; reaches no party$/m);
  });

  it("needs --profiles and a readable folder", async () => {
    expect((await cli("code", "impact", old, next)).code).toBe(2);
    const { code, err } = await cli("code", "impact", old, next, "--profiles", join(tmp, "none"));
    expect(code).toBe(2);
    expect(err).toContain("a readable folder of profiles");
  });
});
