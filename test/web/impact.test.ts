import { describe, expect, it } from "vitest";
import { impactOn } from "../../src/web/code/impact.js";
import type { ObligationsAnswer, PartySummary } from "../../src/web/obligations/api.js";

const acme: PartySummary = { id: "acme", name: "Acme Energy", kind: "party", roles: ["import-supplier"] };
const wires: PartySummary = {
  id: "wires",
  name: "Wires plc",
  kind: "party",
  roles: ["electricity-distributor"],
};

function answer(party: string, asParty: string[], roles: Record<string, string[]>): ObligationsAnswer {
  return {
    party,
    on: "2025-06-01",
    codeVersion: { label: "v2", inForce: "2025-01-01", dateAssumed: false },
    partyObligations: asParty.map((id) => ({ id, because: [] })),
    roles: Object.entries(roles).map(([role, ids]) => ({
      role,
      because: [],
      obligations: ids.map((id) => ({ id, because: [] })),
    })),
  };
}

describe("impact of a change to the Code on the parties", () => {
  const answers = [
    { party: acme, answer: answer("acme", ["G3.20"], { "import-supplier": ["G3.20", "G5.19(d)"] }) },
    { party: wires, answer: answer("wires", [], { "electricity-distributor": ["G5.19(a)"] }) },
  ];

  // G1.5: a duty is owed separately in each User Role, so the roles reached are named one by one.
  it("names each party a changed clause binds, as such and in which roles, paragraphs included", () => {
    const impact = impactOn({ changed: ["G5.19", "G3.20"], added: [], removed: ["G2.1"] }, answers);
    expect(impact).toEqual([
      {
        clause: "G5.19",
        change: "changed",
        reach: [
          { party: acme, asParty: false, roles: ["import-supplier"] },
          { party: wires, asParty: false, roles: ["electricity-distributor"] },
        ],
      },
      {
        clause: "G3.20",
        change: "changed",
        reach: [{ party: acme, asParty: true, roles: ["import-supplier"] }],
      },
    ]);
  });

  it("leaves out clauses that bind none of the parties", () => {
    expect(impactOn({ changed: ["G9.1"], added: ["G3.20A"], removed: [] }, answers)).toEqual([]);
  });
});
