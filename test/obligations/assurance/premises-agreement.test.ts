import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applicableObligations } from "../../../src/obligations/applicability/applicable.js";
import { standingOf } from "../../../src/obligations/assurance/standing.js";
import type { PartyProfile } from "../../../src/obligations/profile.js";
import { initialFull, party, peersOf } from "./parties.js";

const sizeClauses = ["G8.41", "G8.42", "G8.44", "G8.45"];

/** A premises figure, often on or near the thresholds of G8.41 and G8.44. */
const premises = fc.oneof(
  fc.constantFrom(0, 1, 50_000, 50_001, 125_000, 250_000, 250_001),
  fc.integer({ min: 0, max: 400_000 }),
);

const member = fc.record({
  supplier: fc.boolean(),
  network: fc.boolean(),
  domestic: premises,
  nonDomestic: premises,
  viaHost: fc.boolean(),
  sharesWithNext: fc.boolean(),
});

/** A Shared Resource Provider and up to four other parties, some its customers, some sharing directly. */
const group = fc
  .record({ host: member, hostRole: fc.boolean(), others: fc.array(member, { maxLength: 4 }) })
  .map(({ host, hostRole, others }) => {
    const profile = (id: string, m: typeof host, extra: Record<string, unknown>) =>
      party({
        id,
        supplierParty: m.supplier,
        networkParty: m.network,
        premises: { domestic: m.domestic, nonDomestic: m.nonDomestic },
        assurance: [initialFull("2023-01-01")],
        ...extra,
      });
    const roleOf = (m: typeof host) =>
      m.supplier ? "import-supplier" : m.network ? "electricity-distributor" : "other-user";
    return [
      profile("host", host, {
        // Named as provider with or without the role, which is what makes it one (G10.5(d)).
        roles: [{ role: roleOf(host) }, ...(hostRole ? [{ role: "shared-resource-provider" }] : [])],
      }),
      ...others.map((m, i) =>
        profile(`p${i}`, m, {
          roles: [{ role: roleOf(m) }],
          ...(m.viaHost || m.sharesWithNext
            ? {
                sharedResources: {
                  used: true,
                  ...(m.viaHost ? { providedBy: "host" } : {}),
                  ...(m.sharesWithNext && i + 1 < others.length ? { sharedWith: [`p${i + 1}`] } : {}),
                },
              }
            : {}),
        }),
      ),
    ];
  });

describe("one premises count for applicability and the planner (G8.41–G8.46, G8.63)", () => {
  it("puts every party of a group on the same size cycles in both", () => {
    // G8.43, G8.46 and G8.63 add the same premises whichever question is asked.
    fc.assert(
      fc.property(group, (profiles: PartyProfile[]) => {
        const peers = peersOf(...profiles);
        for (const profile of profiles) {
          const standing = standingOf(profile, peers);
          const planned =
            standing.kind === "user" ? standing.cycles.filter((c) => sizeClauses.includes(c)) : [];
          const applicable = applicableObligations(profile, peers, "2025-06-01")
            .partyObligations.map((o) => o.id)
            .filter((id) => sizeClauses.includes(id));
          expect(applicable.sort()).toEqual([...planned].sort());
        }
      }),
    );
  });

  it("gives a Supplier Party with no premises neither G8.42 nor a planned G8.42 cycle", () => {
    // G8.42: a supplier to premises through Smart Metering Systems; zero is outside it.
    const empty = party({
      id: "empty",
      supplierParty: true,
      roles: [{ role: "import-supplier" }],
      assurance: [initialFull("2024-01-01")],
    });
    const peers = peersOf(empty);
    expect(standingOf(empty, peers).kind).toBe("uncategorised");
    const ids = applicableObligations(empty, peers, "2025-06-01").partyObligations.map((o) => o.id);
    expect(ids).not.toContain("G8.42");
    expect(ids).not.toContain("G8.41");
  });
});
