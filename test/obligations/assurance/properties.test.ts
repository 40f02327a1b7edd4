import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type PlannedAssessment, planAssurance } from "../../../src/obligations/assurance/plan.js";
import type { IsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { addMonths } from "../../../src/obligations/calendar/months.js";
import type { PartyProfile } from "../../../src/obligations/profile.js";
import { anyDate } from "../calendar/arbitrary.js";
import { done, initialFull, network, party, peersOf, supplier } from "./parties.js";

type Kind = "supplier" | "network" | "other";
type Category = "full" | "verification" | "self";

/** A party of one kind with a valid history: an initial Full, maybe its Follow-up, then later assessments. */
const anyParty = fc
  .record({
    kind: fc.constantFrom<Kind>("supplier", "network", "other"),
    domestic: fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(249_999, 250_000, 250_001)),
    nonDomestic: fc.oneof(
      fc.integer({ min: 0, max: 100_000 }),
      fc.constantFrom(30_000, 49_999, 50_000, 50_001),
    ),
    initial: anyDate("2014-01-01", "2030-12-31"),
    followUp: fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined }),
    later: fc.array(
      fc.record({
        category: fc.constantFrom<Category>("full", "verification", "self"),
        gap: fc.integer({ min: 30, max: 500 }),
      }),
      {
        maxLength: 6,
      },
    ),
  })
  .map(({ kind, domestic, nonDomestic, initial, followUp, later }) => {
    const day = (date: IsoDate, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10) as IsoDate;
    const assurance = [initialFull(initial)];
    let last = initial;
    if (followUp !== undefined) {
      last = day(last, followUp);
      assurance.push(done("follow-up", last));
    }
    for (const { category, gap } of later) {
      last = day(last, gap);
      assurance.push(done(category, last));
    }
    const profile: PartyProfile =
      kind === "supplier"
        ? supplier("p", domestic, nonDomestic, assurance)
        : kind === "network"
          ? network("p", domestic, assurance)
          : party({ id: "p", roles: [{ role: "other-user" }], assurance });
    return { kind, profile, last };
  });

const planned = (profile: PartyProfile, count: number) =>
  planAssurance(profile, peersOf(profile), count).next as readonly PlannedAssessment[];

/** The cycle each kind and size must follow, worked out here from the thresholds, not from the planner. */
function expectedCycle(kind: Kind, p: PartyProfile): string {
  const { domestic: d, nonDomestic: n } = p.premises;
  // G8.42 needs some smart-metered premises; with none, only G8.40's yearly booking is left.
  if (kind === "supplier" && d + n === 0) return "G8.40";
  if (kind === "supplier") return 5 * n + d > 250_000 ? "G8.41" : "G8.42";
  if (kind === "network") return d > 250_000 ? "G8.44" : "G8.45";
  return "G8.47";
}

describe("assurance plans as properties", () => {
  it("move forward in time, 12 months at a time, from the last assessment or the initial's Follow-up", () => {
    // G8.40 (the first) and G8.41–G8.47 (each next within 12 months of the one before).
    fc.assert(
      fc.property(anyParty, fc.integer({ min: 1, max: 12 }), ({ profile, last }, count) => {
        const next = planned(profile, count);
        expect(next).toHaveLength(count);
        let previous = last;
        for (const a of next) {
          expect(a.due).toBe(addMonths(previous, 12));
          expect(a.due > previous).toBe(true);
          previous = a.due;
        }
      }),
    );
  });

  it("follow their cycle, with the clause saying which", () => {
    // G8.41 (always Full), G8.42/G8.45/G8.47 (Verification, Self, Full), G8.44 (Verification, Verification, Full).
    const rotation: Record<Category, Category> = { full: "verification", verification: "self", self: "full" };
    fc.assert(
      fc.property(anyParty, ({ kind, profile }) => {
        const cycle = expectedCycle(kind, profile);
        const next = planned(profile, 9);
        for (const a of next) expect(a.clause.startsWith(cycle)).toBe(true);
        for (let i = 1; i < next.length; i++) {
          const before = next[i - 1]!.category as Category;
          const category = next[i]!.category;
          if (cycle === "G8.40") expect(category).toBe("undetermined");
          else if (cycle === "G8.41") expect(category).toBe("full");
          else if (cycle === "G8.44") {
            // After a Full, a Verification; after two Verifications in a row, a Full; after one, another.
            // (Whether the first planned Verification is the second in a row depends on the history.)
            const beforeThat = i >= 2 ? next[i - 2]!.category : undefined;
            if (before === "full") expect(category).toBe("verification");
            else if (beforeThat !== undefined) {
              expect(category).toBe(beforeThat === "verification" ? "full" : "verification");
            }
          } else expect(category).toBe(rotation[before]);
        }
      }),
    );
  });

  it("never plan three assessments in a row without a Full one", () => {
    // G8.41(c)/G8.42(b)/G8.44(b)/G8.45(b)/G8.47(b): every cycle returns to a Full assessment.
    fc.assert(
      fc.property(anyParty, ({ kind, profile }) => {
        fc.pre(expectedCycle(kind, profile) !== "G8.40");
        const categories = planned(profile, 12).map((a) => a.category);
        for (let i = 2; i < categories.length; i++) expect(categories.slice(i - 2, i + 1)).toContain("full");
      }),
    );
  });

  it("plan the same thing again once the first planned assessment is done on its due date", () => {
    // The projection's own assumption: each assessment completed on its due date.
    fc.assert(
      fc.property(anyParty, fc.integer({ min: 2, max: 8 }), ({ kind, profile }, count) => {
        fc.pre(expectedCycle(kind, profile) !== "G8.40");
        const [first, ...rest] = planned(profile, count);
        const category = first!.category as Category;
        const after = {
          ...profile,
          assurance: [...profile.assurance, { category, completed: first!.due, initial: false }],
        };
        const strip = (list: readonly PlannedAssessment[]) =>
          list.map(({ category: c, due, clause }) => ({ c, due, clause }));
        expect(strip(planned(after, count - 1))).toEqual(strip(rest));
        expect(strip(planned(profile, count - 1))).toEqual(strip([first!, ...rest].slice(0, count - 1)));
      }),
    );
  });
});
