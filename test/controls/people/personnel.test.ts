import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkPeople, checkPersonnel, parseRoster, type Roster } from "../../../src/controls/people/index.js";
import type { Person } from "../../../src/controls/people/roster.js";
import { addDays, parseIsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { anyRoster } from "./arbitrary.js";

const on = parseIsoDate("2026-03-01");
const policy = { coolingOffDays: 365, sscApprovedDevGapMonths: 24 };
const roster = (people: Person[], owner?: "user" | "dcc"): Roster => ({
  ...(owner === undefined ? {} : { owner }),
  policy,
  people,
});
const person = (fields: Partial<Person>): Person => ({ id: "p1", engagements: [], ...fields });
const clauses = (r: Roster) => checkPersonnel(r, on).map((f) => `${f.clause} ${f.severity}`);

describe("security clearance (G4.1, G4.4)", () => {
  it("needs a clearance for anyone authorised to access Data", () => {
    // G4.1(a); the DCC's G4.4(a)
    expect(clauses(roster([person({ dataAccess: true })]))).toEqual(["G4.1(a) error"]);
    expect(clauses(roster([person({ dataAccess: true })], "dcc"))).toEqual(["G4.4(a) error"]);
    expect(clauses(roster([person({ dataAccess: false })]))).toEqual([]);
    // A clearance granted after the date checked is not held yet.
    const future = { level: "baseline" as const, granted: parseIsoDate("2026-04-01") };
    expect(clauses(roster([person({ dataAccess: true, clearance: future })]))).toEqual(["G4.1(a) error"]);
  });

  it("flags a review more than 12 months after the last one (or the grant)", () => {
    // G4.1(b): "annually", by the corresponding-date rule.
    const reviewed = (date: string) =>
      person({
        dataAccess: true,
        clearance: { level: "baseline", granted: parseIsoDate("2020-01-01"), reviewed: parseIsoDate(date) },
      });
    expect(clauses(roster([reviewed("2025-03-01")]))).toEqual([]); // due 2026-03-01, the date checked
    expect(clauses(roster([reviewed("2025-02-28")]))).toEqual(["G4.1(b) error"]);
    const [finding] = checkPersonnel(roster([reviewed("2025-02-28")]), on);
    expect(finding?.detail).toContain("due by 2026-02-28");
    const neverReviewed = person({ clearance: { level: "baseline", granted: parseIsoDate("2024-12-31") } });
    expect(clauses(roster([neverReviewed], "dcc"))).toEqual(["G4.4(b) error"]);
  });

  it("warns when the scheduled review falls after the annual deadline", () => {
    // G4.1(b): a schedule cannot push the annual review back.
    const late = person({
      clearance: {
        level: "baseline",
        granted: parseIsoDate("2025-06-01"),
        nextReview: parseIsoDate("2026-07-01"),
      },
    });
    expect(clauses(roster([late]))).toEqual(["G4.1(b) warning"]);
  });
});

describe("screening (G4.2–G4.3, G4.5–G4.6)", () => {
  const affects = { canAffectSupply: true };

  it("needs BS 7858 or an equivalent for a User's people who could affect supply", () => {
    // G4.2(b), G4.3(a)(i)-(ii)
    expect(clauses(roster([person(affects)]))).toEqual(["G4.3(a) error"]);
    expect(clauses(roster([person({ ...affects, screening: { standard: "none" } })]))).toEqual([
      "G4.3(a) error",
    ]);
    expect(clauses(roster([person({ ...affects, screening: { standard: "bs7858" } })]))).toEqual([]);
    expect(clauses(roster([person({ ...affects, screening: { standard: "equivalent" } })]))).toEqual([]);
    // G4.2: nobody else needs it.
    expect(clauses(roster([person({ canAffectSupply: false })]))).toEqual([]);
  });

  it("accepts a comparable national standard only outside the United Kingdom", () => {
    // G4.3(b)(ii)
    const abroad = person({ ...affects, locatedInUk: false, screening: { standard: "comparable-national" } });
    expect(clauses(roster([abroad]))).toEqual([]);
    expect(clauses(roster([person({ ...affects, locatedInUk: false })]))).toEqual(["G4.3(b) error"]);
    expect(() =>
      parseRoster(
        "policy: { coolingOffDays: 1 }\npeople:\n  - { id: a, canAffectSupply: true, screening: { standard: comparable-national } }\n",
        "people.yaml",
      ),
    ).toThrow(/people\[0\]\.screening\.standard/);
  });

  it("counts screening dated after the date checked as not done", () => {
    // G4.3(a)
    const later = person({ ...affects, screening: { standard: "bs7858", on: parseIsoDate("2026-05-01") } });
    expect(clauses(roster([later]))).toEqual(["G4.3(a) error"]);
  });

  it("uses the DCC's wider test and paragraphs for the DCC's people", () => {
    // G4.5(b) has no supply limb; G4.6(a)
    expect(clauses(roster([person({ canCompromise: true })], "dcc"))).toEqual(["G4.6(a) error"]);
    expect(() =>
      parseRoster(
        "owner: dcc\npolicy: { coolingOffDays: 1 }\npeople:\n  - { id: a, canAffectSupply: true }\n",
        "p.yaml",
      ),
    ).toThrow(/people\[0\]\.canAffectSupply/);
    expect(() =>
      parseRoster("policy: { coolingOffDays: 1 }\npeople:\n  - { id: a, canCompromise: true }\n", "p.yaml"),
    ).toThrow(/people\[0\]\.canCompromise/);
  });
});

describe("Security Check for the DCC's Privileged Persons (G4.7)", () => {
  const sc = { level: "security-check" as const, granted: parseIsoDate("2025-06-01") };

  it("needs a Security Check or above", () => {
    // G4.7
    expect(clauses(roster([person({ privileged: true })], "dcc"))).toEqual(["G4.7 error"]);
    const baseline = person({ privileged: true, clearance: { ...sc, level: "baseline" } });
    expect(clauses(roster([baseline], "dcc"))).toEqual(["G4.7 error"]);
    expect(clauses(roster([person({ privileged: true, clearance: sc })], "dcc"))).toEqual([]);
    const dv = person({ privileged: true, clearance: { ...sc, level: "developed-vetting" } });
    expect(clauses(roster([dv], "dcc"))).toEqual([]);
    // A User's privileged people are outside G4.7.
    expect(clauses(roster([person({ privileged: true })]))).toEqual([]);
  });

  it("needs it before privileged access begins", () => {
    // G4.7: "before being given any access"
    const early = person({
      clearance: sc,
      engagements: [{ system: "dcc-live", activity: "privileged", from: parseIsoDate("2025-05-01") }],
    });
    expect(clauses(roster([early], "dcc"))).toEqual(["G4.7 error"]);
  });
});

describe("every people rule at once", () => {
  it("gives independence violations and G4 findings one shape", () => {
    // G3.13(a) beside G4.1(a)
    const both = person({
      dataAccess: true,
      engagements: [
        { system: "dcc-live", activity: "operation", from: parseIsoDate("2025-01-01") },
        { system: "user-systems", party: "acme", activity: "operation", from: parseIsoDate("2025-06-01") },
      ],
    });
    const findings = checkPeople(roster([both]), on);
    expect(findings.map((f) => f.clause)).toEqual(["G2.24(a)", "G3.13(a)", "G4.1(a)"]);
    for (const f of findings)
      expect(Object.keys(f)).toEqual(expect.arrayContaining(["person", "clause", "severity", "detail"]));
  });

  it("never reports fewer findings on a later date for a person with no review on record", () => {
    // G4.1(b): time only makes an unreviewed clearance more overdue.
    fc.assert(
      fc.property(anyRoster, fc.integer({ min: 0, max: 2000 }), (r, later) => {
        const stripped: Roster = {
          ...r,
          people: r.people.map(({ screening: _s, ...p }) =>
            p.clearance === undefined ? p : { ...p, clearance: { ...p.clearance, nextReview: undefined } },
          ),
        };
        const base = parseIsoDate("2030-01-01");
        const count = (date: typeof base) =>
          checkPersonnel(stripped, date).filter((f) => f.severity === "error").length;
        expect(count(addDays(base, later))).toBeGreaterThanOrEqual(count(base));
      }),
    );
  });
});
