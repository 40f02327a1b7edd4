import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkIndependence } from "../../../src/controls/people/independence.js";
import {
  type Engagement,
  engagementActivities,
  type Policy,
  type Roster,
} from "../../../src/controls/people/roster.js";
import { parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { anyRoster } from "./arbitrary.js";

const policy: Policy = { coolingOffDays: 30, sscApprovedDevGapMonths: 24 };

function check(engagements: Engagement[], options: { policy?: Partial<Policy>; asOf?: string } = {}) {
  const roster: Roster = { policy: { ...policy, ...options.policy }, people: [{ id: "p1", engagements }] };
  return checkIndependence(roster, parseIsoDate(options.asOf ?? "2030-01-01"));
}
const clauses = (engagements: Engagement[], options?: Parameters<typeof check>[1]) =>
  check(engagements, options).map((v) => v.clause);

const live = (from: string, to?: string, activity: Engagement["activity"] = "operation"): Engagement => ({
  system: "dcc-live",
  activity,
  from: parseIsoDate(from),
  ...(to === undefined ? {} : { to: parseIsoDate(to) }),
});
const user = (from: string, to?: string, activity: Engagement["activity"] = "testing"): Engagement => ({
  system: "user-systems",
  party: "acme",
  activity,
  from: parseIsoDate(from),
  ...(to === undefined ? {} : { to: parseIsoDate(to) }),
});

describe("G2.23-G2.24: DCC Live Systems work kept apart from User Systems work", () => {
  it("flags working on both at the same time, down to a one-day overlap, for the DCC and the User", () => {
    // G2.24(a) and, in mirror, G3.13(a).
    expect(clauses([live("2024-01-01", "2024-03-01"), user("2024-03-01", "2024-06-30")])).toEqual([
      "G2.24(a)",
      "G3.13(a)",
    ]);
    expect(
      clauses([live("2024-01-01", "2024-03-01"), user("2024-03-02", "2024-06-30")], {
        policy: { coolingOffDays: 0 },
      }),
    ).toEqual([]);
  });

  it("flags starting on the DCC Live Systems within the cooling-off period after User Systems work", () => {
    // G2.24(b): 30 days after 2024-01-31 is 2024-03-01; the day after is clear.
    expect(clauses([user("2024-01-01", "2024-01-31"), live("2024-03-01", "2024-12-31")])).toEqual([
      "G2.24(b)",
    ]);
    expect(clauses([user("2024-01-01", "2024-01-31"), live("2024-03-02", "2024-12-31")])).toEqual([]);
  });

  it("says in the detail what overlapped and when", () => {
    // G2.24(b)
    const [violation] = check([user("2024-01-01", "2024-01-31"), live("2024-03-01", "2024-12-31")]);
    expect(violation?.person).toBe("p1");
    expect(violation?.detail).toContain("2024-01-31");
    expect(violation?.detail).toContain("2024-03-01");
    expect(violation?.detail).toContain("acme");
    expect(violation?.engagements).toEqual([0, 1]);
  });

  it("covers every listed activity on both sides, and every part of the DCC Live Systems", () => {
    // G2.23(a)-(b), G2.24(a)(i)-(ii): the same twelve activities on each side.
    const listed = engagementActivities.filter((a) => a !== "privileged");
    for (const activity of listed) {
      expect(
        clauses([live("2024-01-01", "2024-01-31", activity), user("2024-01-15", "2024-02-15")]),
      ).toContain("G2.24(a)");
      expect(
        clauses([live("2024-01-01", "2024-01-31"), user("2024-01-15", "2024-02-15", activity)]),
      ).toContain("G2.24(a)");
    }
    for (const system of ["dcc-live-b", "dcc-live-c"] as const) {
      expect(
        clauses([
          { system, activity: "design", from: parseIsoDate("2024-01-01") },
          user("2024-01-15", "2024-02-15"),
        ]),
      ).toContain("G2.24(a)");
    }
  });

  it("does not count privileged access alone, nor DCC systems outside the Live Systems", () => {
    // G2.23: privileged access is not a listed activity; dcc-other is not a DCC Live System.
    expect(
      clauses([live("2024-01-01", "2024-12-31", "privileged"), user("2024-01-15", "2024-02-15")]),
    ).toEqual([]);
    expect(
      clauses([live("2024-01-01", "2024-12-31"), user("2024-01-15", "2024-02-15", "privileged")]),
    ).toEqual([]);
    expect(
      clauses([
        { system: "dcc-other", activity: "testing", from: parseIsoDate("2024-01-01") },
        user("2024-01-15", "2024-02-15"),
      ]),
    ).toEqual([]);
  });
});

describe("G3.12-G3.13: a User's Systems kept apart from DCC Live Systems work", () => {
  it("flags starting on the User Systems within the cooling-off period after DCC Live work", () => {
    // G3.13(b): the same cooling-off policy, in the other direction.
    expect(clauses([live("2024-01-01", "2024-01-31"), user("2024-03-01")])).toEqual(["G3.13(b)"]);
    expect(clauses([live("2024-01-01", "2024-01-31"), user("2024-03-02")])).toEqual([]);
    const [violation] = check([live("2024-01-01", "2024-01-31"), user("2024-03-01")]);
    expect(violation?.detail).toContain("acme's user-systems");
  });
});

describe("G2.22B(c): bespoke software for the two relevant systems", () => {
  const bespoke = (
    system: "dcc-live" | "dcc-live-b" | "dcc-live-c",
    from: string,
    to?: string,
  ): Engagement => ({
    system,
    activity: "bespoke-development",
    from: parseIsoDate(from),
    ...(to === undefined ? {} : { to: parseIsoDate(to) }),
  });

  it("keeps the other relevant system closed for 24 months after the work ends", () => {
    // G2.22B(c): 24 months after 2023-12-31 is 2025-12-31 (inclusive).
    expect(
      clauses([bespoke("dcc-live-b", "2023-01-01", "2023-12-31"), bespoke("dcc-live-c", "2025-12-31")]),
    ).toEqual(["G2.22B(c)"]);
    expect(
      clauses([bespoke("dcc-live-b", "2023-01-01", "2023-12-31"), bespoke("dcc-live-c", "2026-01-01")]),
    ).toEqual([]);
  });

  it("works in both directions and flags simultaneous work", () => {
    // G2.22B(c) applies to each relevant system in turn.
    expect(
      clauses([bespoke("dcc-live-c", "2023-01-01", "2023-12-31"), bespoke("dcc-live-b", "2024-06-01")]),
    ).toEqual(["G2.22B(c)"]);
    expect(
      clauses([
        bespoke("dcc-live-b", "2023-01-01", "2023-12-31"),
        bespoke("dcc-live-c", "2023-06-01", "2023-07-01"),
      ]),
    ).toEqual(["G2.22B(c)"]);
  });

  it("uses a shorter period the Security Sub-Committee approved, by the corresponding-date rule", () => {
    // G2.22B(c): e.g. 1 month after 2024-01-31 ends on 2024-02-29.
    const ended = bespoke("dcc-live-b", "2023-06-01", "2024-01-31");
    expect(
      clauses([ended, bespoke("dcc-live-c", "2024-02-29")], { policy: { sscApprovedDevGapMonths: 1 } }),
    ).toEqual(["G2.22B(c)"]);
    expect(
      clauses([ended, bespoke("dcc-live-c", "2024-03-01")], { policy: { sscApprovedDevGapMonths: 1 } }),
    ).toEqual([]);
  });

  it("covers customisation but not other development work, nor the DCC Live Systems at large", () => {
    // G2.22B(c) speaks only of developing or customising bespoke firmware or software.
    const customise = (system: "dcc-live-b" | "dcc-live-c", from: string): Engagement => ({
      system,
      activity: "customisation",
      from: parseIsoDate(from),
      to: parseIsoDate(from),
    });
    expect(clauses([customise("dcc-live-b", "2024-01-01"), customise("dcc-live-c", "2024-02-01")])).toEqual([
      "G2.22B(c)",
    ]);
    const develop = (system: "dcc-live" | "dcc-live-b" | "dcc-live-c", from: string): Engagement => ({
      system,
      activity: "development",
      from: parseIsoDate(from),
      to: parseIsoDate(from),
    });
    expect(clauses([develop("dcc-live-b", "2024-01-01"), develop("dcc-live-c", "2024-02-01")])).toEqual([]);
    expect(
      clauses([bespoke("dcc-live", "2024-01-01", "2024-01-31"), bespoke("dcc-live-c", "2024-02-01")]),
    ).toEqual([]);
  });
});

describe("G2.22B(d): Privileged Persons on the two relevant systems", () => {
  const privileged = (system: "dcc-live-b" | "dcc-live-c", from: string, to?: string): Engagement => ({
    system,
    activity: "privileged",
    from: parseIsoDate(from),
    ...(to === undefined ? {} : { to: parseIsoDate(to) }),
    additionalControls: true,
  });

  it("keeps six months between them, whatever controls are in place", () => {
    // G2.22B(d): six months after 2024-08-31 is 2025-02-28; additional controls do not help here.
    const ended = privileged("dcc-live-b", "2024-01-01", "2024-08-31");
    expect(clauses([ended, privileged("dcc-live-c", "2025-02-28")])).toEqual(["G2.22B(d)"]);
    expect(clauses([ended, privileged("dcc-live-c", "2025-03-01")])).toEqual([]);
    expect(clauses([privileged("dcc-live-c", "2024-01-01"), privileged("dcc-live-b", "2024-05-01")])).toEqual(
      ["G2.22B(d)"],
    );
  });

  it("ignores the SSC-approved development gap", () => {
    // G2.22B(d) has no shorter alternative.
    const ended = privileged("dcc-live-b", "2024-01-01", "2024-08-31");
    expect(
      clauses([ended, privileged("dcc-live-c", "2024-12-01")], { policy: { sscApprovedDevGapMonths: 0 } }),
    ).toEqual(["G2.22B(d)"]);
  });
});

describe("G4.8 with G2.20(b): privileged on a DCC Live System and a testing or supporting system", () => {
  const privileged = (
    system: Engagement["system"],
    from: string,
    to: string,
    controls?: boolean,
  ): Engagement =>
    system === "user-systems"
      ? { system, party: "acme", activity: "privileged", from: parseIsoDate(from), to: parseIsoDate(to) }
      : {
          system,
          activity: "privileged",
          from: parseIsoDate(from),
          to: parseIsoDate(to),
          ...(controls === undefined ? {} : { additionalControls: controls }),
        };

  it("flags overlapping privileged access with no additional controls, down to one day", () => {
    // G4.8(a)-(b): neither no dual privilege nor additional controls.
    expect(
      clauses([
        privileged("dcc-live", "2024-01-01", "2024-03-01", false),
        privileged("dcc-other", "2024-03-01", "2024-06-01"),
      ]),
    ).toEqual(["G4.8"]);
    expect(
      clauses([
        privileged("dcc-live-c", "2024-01-01", "2024-03-01"),
        privileged("dcc-other", "2024-03-02", "2024-06-01"),
      ]),
    ).toEqual([]);
  });

  it("accepts the dual privilege where additional controls are recorded", () => {
    // G4.8(b)
    expect(
      clauses([
        privileged("dcc-live", "2024-01-01", "2024-03-01", true),
        privileged("dcc-other", "2024-02-01", "2024-06-01"),
      ]),
    ).toEqual([]);
  });

  it("does not apply to User Systems, which are not part of the DCC Total System", () => {
    // G4.8 concerns two Systems forming part of the DCC Total System.
    expect(
      clauses([
        privileged("dcc-live", "2024-01-01", "2024-03-01", false),
        privileged("user-systems", "2024-02-01", "2024-06-01"),
      ]),
    ).toEqual([]);
  });
});

describe("ongoing engagements and the asOf date", () => {
  it("judges an ongoing engagement as lasting until asOf", () => {
    // G2.24(a) once the ongoing User Systems work reaches the DCC Live start; G2.24(b) before.
    const engagements = [user("2024-01-01"), live("2024-06-01", "2024-12-31")];
    expect(clauses(engagements, { asOf: "2024-06-01" })).toEqual(["G2.24(a)", "G3.13(a)"]);
    expect(clauses(engagements, { asOf: "2024-05-31" })).toEqual(["G2.24(b)"]);
    expect(clauses(engagements, { asOf: "2024-05-01", policy: { coolingOffDays: 30 } })).toEqual([]);
  });

  it("reports the contract's example", () => {
    // G2.22B(c), G3.13(b), G2.24(b): see ../shared/contracts/people.md.
    const result = check(
      [
        {
          system: "dcc-live-b",
          activity: "bespoke-development",
          from: parseIsoDate("2023-01-01"),
          to: parseIsoDate("2023-12-31"),
        },
        { system: "dcc-live-c", activity: "bespoke-development", from: parseIsoDate("2024-06-01") },
        {
          system: "user-systems",
          party: "acme",
          activity: "operation",
          from: parseIsoDate("2024-01-01"),
          to: parseIsoDate("2024-03-31"),
        },
        {
          system: "dcc-live-c",
          activity: "privileged",
          from: parseIsoDate("2024-01-01"),
          additionalControls: false,
        },
      ],
      { policy: { coolingOffDays: 365 }, asOf: "2025-01-01" },
    );
    expect(result.map((v) => v.clause)).toEqual(["G2.22B(c)", "G3.13(b)", "G2.24(b)"]);
  });
});

describe("properties over random rosters", () => {
  const pairsInBreach = (roster: Roster, asOf: string) =>
    new Set(
      checkIndependence(roster, parseIsoDate(asOf)).map((v) => `${v.person} ${v.engagements.join(" ")}`),
    );
  const isSubset = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));

  it("never clears anyone when ongoing work is judged later", () => {
    // G2.22B, G2.24, G3.13, G4.8: longer engagements can only add breaches.
    fc.assert(
      fc.property(anyRoster, fc.integer({ min: 0, max: 2000 }), (roster, extra) => {
        const earlier = "2024-01-01";
        const later = new Date(Date.parse(`${earlier}T00:00:00Z`) + extra * 86_400_000)
          .toISOString()
          .slice(0, 10);
        expect(isSubset(pairsInBreach(roster, earlier), pairsInBreach(roster, later))).toBe(true);
      }),
    );
  });

  it("never clears anyone when the cooling-off period grows", () => {
    // G2.24(b), G3.13(b)
    fc.assert(
      fc.property(anyRoster, fc.integer({ min: 0, max: 400 }), (roster, more) => {
        const longer = {
          ...roster,
          policy: { ...roster.policy, coolingOffDays: roster.policy.coolingOffDays + more },
        };
        expect(isSubset(pairsInBreach(roster, "2025-01-01"), pairsInBreach(longer, "2025-01-01"))).toBe(true);
      }),
    );
  });

  it("finds the same violations whatever order the engagements are listed in", () => {
    // Every rule concerns a pair of engagements, not their order in the file.
    fc.assert(
      fc.property(anyRoster, (roster) => {
        const reversed = {
          ...roster,
          people: roster.people.map((p) => ({ ...p, engagements: [...p.engagements].reverse() })),
        };
        const key = (r: Roster) =>
          checkIndependence(r, parseIsoDate("2025-01-01"))
            .map((v) => `${v.person} ${v.clause}`)
            .sort();
        expect(key(reversed)).toEqual(key(roster));
      }),
    );
  });

  it("finds nothing for a person with a single engagement", () => {
    // Each rule needs two engagements of the same individual.
    fc.assert(
      fc.property(anyRoster, (roster) => {
        const single = {
          ...roster,
          people: roster.people.map((p) => ({ ...p, engagements: p.engagements.slice(0, 1) })),
        };
        expect(checkIndependence(single, parseIsoDate("2025-01-01"))).toEqual([]);
      }),
    );
  });
});
