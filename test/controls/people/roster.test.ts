import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { InputError } from "../../../src/common/input-error.js";
import { parseRoster } from "../../../src/controls/people/roster.js";
import { anyRoster } from "./arbitrary.js";

function problem(text: string): InputError {
  try {
    parseRoster(text, "people.yaml");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const header = "policy:\n  coolingOffDays: 90\npeople:\n  - id: p1\n    engagements:\n";

describe("reading people and engagements (people.md)", () => {
  it("reads the contract's example, defaulting the G2.22B(c) gap to 24 months", () => {
    // G2.22B(c): 24 months unless the Security Sub-Committee approved less.
    const roster = parseRoster(
      `${header}      - { system: user-systems, party: acme, activity: operation, from: 2024-01-01, to: 2024-03-31 }\n      - { system: dcc-live-c, activity: privileged, from: 2024-01-01, additionalControls: false }\n`,
      "people.yaml",
    );
    expect(roster.policy).toEqual({ coolingOffDays: 90, sscApprovedDevGapMonths: 24 });
    expect(roster.people[0]?.engagements).toEqual([
      { system: "user-systems", party: "acme", activity: "operation", from: "2024-01-01", to: "2024-03-31" },
      { system: "dcc-live-c", activity: "privileged", from: "2024-01-01", additionalControls: false },
    ]);
  });

  it("refuses an end before the start, naming the line and path", () => {
    // G2.24(b): a reversed period would hide the cooling-off it should start.
    const e = problem(
      `${header}      - system: dcc-live\n        activity: testing\n        from: 2024-05-01\n        to: 2024-04-30\n`,
    );
    expect(e.where).toEqual({ file: "people.yaml", line: 9, path: "people[0].engagements[0].to" });
    expect(e.expected).toBe("a date on or after from (2024-05-01)");
  });

  it("refuses dates that are not real ISO dates", () => {
    // people.md: ISO dates.
    expect(
      problem(`${header}      - { system: dcc-live, activity: testing, from: 2023-02-29 }\n`).where.path,
    ).toBe("people[0].engagements[0].from");
    expect(
      problem(`${header}      - { system: dcc-live, activity: testing, from: 1 May 2024 }\n`).expected,
    ).toBe("a real calendar date written YYYY-MM-DD");
  });

  it("requires the party for User Systems and refuses it elsewhere", () => {
    // G3.12: the duty falls on the User whose User Systems they are.
    const missing = problem(
      `${header}      - { system: user-systems, activity: testing, from: 2024-01-01 }\n`,
    );
    expect(missing.where.path).toBe("people[0].engagements[0].party");
    const stray = problem(
      `${header}      - { system: dcc-live, party: acme, activity: testing, from: 2024-01-01 }\n`,
    );
    expect(stray.where.path).toBe("people[0].engagements[0].party");
  });

  it("lists the allowed systems and activities for a wrong one", () => {
    // G2.23: only the listed activities and systems are understood.
    const system = problem(`${header}      - { system: dcc-test, activity: testing, from: 2024-01-01 }\n`);
    expect(system.expected).toBe(
      'one of "dcc-live", "dcc-live-b", "dcc-live-c", "dcc-other", "user-systems"',
    );
    const activity = problem(`${header}      - { system: dcc-live, activity: coding, from: 2024-01-01 }\n`);
    expect(activity.where.path).toBe("people[0].engagements[0].activity");
    expect(activity.expected).toContain('"bespoke-development"');
  });

  it("keeps additionalControls to privileged engagements on DCC systems", () => {
    // G4.8(b): the additional controls concern Privileged Persons on the DCC Total System.
    const e = problem(
      `${header}      - { system: dcc-live, activity: testing, from: 2024-01-01, additionalControls: true }\n`,
    );
    expect(e.where.path).toBe("people[0].engagements[0].additionalControls");
  });

  it("refuses unknown keys, duplicate ids, a missing policy and a gap over 24 months", () => {
    // G2.22B(c): the Security Sub-Committee may only shorten the 24 months.
    expect(
      problem(
        `${header}      - { system: dcc-live, activity: testing, from: 2024-01-01, until: 2024-02-01 }\n`,
      ).where.path,
    ).toBe("people[0].engagements[0].until");
    expect(problem(`${header}      []\n  - id: p1\n    engagements: []\n`).where).toEqual({
      file: "people.yaml",
      line: 7,
      path: "people[1].id",
    });
    expect(problem("people: []\n").where.path).toBe("policy");
    expect(
      problem("policy: { coolingOffDays: 1, sscApprovedDevGapMonths: 36 }\npeople: []\n").where.path,
    ).toBe("policy.sscApprovedDevGapMonths");
    expect(problem("policy: { coolingOffDays: -1 }\npeople: []\n").where.path).toBe("policy.coolingOffDays");
  });

  it("round-trips every valid roster through YAML and JSON", () => {
    // people.md: what is written is what gets checked against G2.22B, G2.24, G3.13 and G4.8.
    fc.assert(
      fc.property(anyRoster, fc.boolean(), (roster, asYaml) => {
        const text = asYaml ? stringify(roster) : JSON.stringify(roster);
        expect(parseRoster(text, "people")).toEqual(roster);
      }),
    );
  });

  it("answers damaged rosters with a result or an InputError, never anything else", () => {
    // Bad input is exit 2 with a located message.
    const damaged = fc
      .tuple(anyRoster, fc.oneof(fc.string(), fc.constant(" *a ")), fc.nat())
      .map(([r, junk, at]) => {
        const text = stringify(r);
        const cut = at % (text.length + 1);
        return text.slice(0, cut) + junk + text.slice(cut);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        try {
          parseRoster(text, "people");
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
    );
  });
});
