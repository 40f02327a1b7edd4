import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { IsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { addMonths } from "../../../src/obligations/calendar/months.js";
import { isWorkingDay } from "../../../src/obligations/calendar/working-days.js";
import { type Deadline, deadlinesFor, dueWithin } from "../../../src/obligations/deadlines/deadlines.js";
import { parseFacts, validateFacts } from "../../../src/obligations/deadlines/facts.js";
import { type PartyProfile, parseProfile } from "../../../src/obligations/profile.js";
import { monthEndish } from "../calendar/arbitrary.js";

const profileFile = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/profiles/${name}`, import.meta.url));
const factsFile = (name: string) =>
  fileURLToPath(new URL(`../../fixtures/deadlines/${name}`, import.meta.url));
const profile = (name: string): PartyProfile => parseProfile(readFileSync(profileFile(name), "utf8"), name);

const supplier = profile("large-supplier.yaml");
const otherUser = profile("other-user.yaml");
const exportOnly = profile("export-only-supplier.yaml");
const dcc = profile("dcc.yaml");

function run(party: PartyProfile, facts: unknown, on: string, peers?: Map<string, PartyProfile>): Deadline[] {
  return deadlinesFor(party, validateFacts(facts), on, peers);
}

function one(list: readonly Deadline[], id: string): Deadline {
  const found = list.find((d) => d.id === id);
  if (found === undefined) throw new Error(`no deadline ${id} in ${list.map((d) => d.id).join(", ")}`);
  return found;
}

const operational = (id: string, last: string) => ({
  id,
  status: "operational",
  lastVulnerabilityAssessment: last,
});

describe("annual vulnerability assessments per system", () => {
  it("falls due 12 months after the last one, by the corresponding-date rule", () => {
    // G3.7(a): from a leap day the next one is due on 28 February.
    const list = run(
      supplier,
      { systems: [operational("a", "2024-02-29"), operational("b", "2025-01-31")] },
      "2025-01-01",
    );
    expect(one(list, "G3.7(a):a").due).toBe("2025-02-28");
    expect(one(list, "G3.7(a):b").due).toBe("2026-01-31");
    expect(one(list, "G3.7(a):a").basis).toBe("last vulnerability assessment 2024-02-29 + 12 months");
  });

  it("names G3.7(a) (CREST or CHECK) for a Supplier Party, satisfying G3.8(a) too; G3.8(a) alone for any other User", () => {
    // G3.7 binds Supplier Parties; G3.8 every User.
    const facts = { systems: [operational("a", "2025-06-30")] };
    expect(one(run(supplier, facts, "2026-01-01"), "G3.7(a):a").alsoClauses).toEqual(["G3.8(a)"]);
    const other = one(run(otherUser, facts, "2026-01-01"), "G3.8(a):a");
    expect({ clause: other.clause, alsoClauses: other.alsoClauses }).toEqual({
      clause: "G3.8(a)",
      alsoClauses: [],
    });
  });

  it("counts from going live when no assessment is on record, and from today when neither is known", () => {
    // G3.8(a)
    const list = run(
      otherUser,
      {
        systems: [
          { id: "a", status: "operational", operationalSince: "2025-03-31" },
          { id: "b", status: "operational" },
        ],
      },
      "2026-01-10",
    );
    expect(one(list, "G3.8(a):a").due).toBe("2026-03-31");
    expect(one(list, "G3.8(a):b")).toMatchObject({ due: "2026-01-10", status: "due-soon" });
  });

  it("keeps calendar dates: the Code counts these periods in months, not Working Days", () => {
    // G3.8(a): 31 January 2026 is a Saturday and stays the due date.
    const due = one(
      run(otherUser, { systems: [operational("a", "2025-01-31")] }, "2026-01-01"),
      "G3.8(a):a",
    ).due;
    expect(due).toBe("2026-01-31");
    expect(isWorkingDay(due as IsoDate)).toBe(false);
  });

  it("gives nothing for a decommissioned system", () => {
    expect(
      run(otherUser, { systems: [{ id: "old", status: "decommissioned" }] }, "2026-01-01").filter(
        (d) => d.subject === "old",
      ),
    ).toEqual([]);
  });
});

describe("before a new or changed component goes live", () => {
  it("is due the day before it goes live, and met once assessed", () => {
    // G3.7(b), G3.8(b): prior to becoming operational; 1 March 2024 goes back to the leap day.
    const system = {
      ...operational("a", "2025-06-01"),
      components: [
        { id: "x", live: "2024-03-01" },
        { id: "y", live: "2026-03-01", assessed: "2026-02-10" },
      ],
    };
    const list = run(supplier, { systems: [system] }, "2026-01-01");
    expect(one(list, "G3.7(b):a/x")).toMatchObject({ due: "2024-02-29", status: "overdue" });
    expect(one(list, "G3.7(b):a/y")).toMatchObject({ due: "2026-02-28", status: "met", done: "2026-02-10" });
  });
});

describe("new systems and decommissioning", () => {
  it("needs the SSC's authorisation and an assessment before a planned system goes live", () => {
    // G3.9(a)(i)-(iii), G3.8(b)
    const list = run(
      otherUser,
      { systems: [{ id: "n", status: "planned", goLive: "2026-03-01" }] },
      "2026-02-01",
    );
    expect(one(list, "G3.9(a):n")).toMatchObject({ due: "2026-02-28", status: "due-soon" });
    expect(one(list, "G3.8(b):n")).toMatchObject({ due: "2026-02-28", status: "due-soon" });
  });

  it("counts an authorised system's G3.9(a) deadline as met", () => {
    // G3.9(a)(iii)
    const list = run(
      otherUser,
      { systems: [{ id: "n", status: "authorised", goLive: "2026-03-01", sscAuthorised: "2026-01-05" }] },
      "2026-01-15",
    );
    expect(one(list, "G3.9(a):n")).toMatchObject({ status: "met", done: "2026-01-05" });
  });

  it("asks for notice to the SSC before decommissioning", () => {
    // G3.9(c)(i), (iii)
    const list = run(
      otherUser,
      { systems: [{ ...operational("s", "2025-06-01"), decommissioning: "2026-01-01" }] },
      "2026-01-01",
    );
    expect(one(list, "G3.9(c):s")).toMatchObject({ due: "2025-12-31", status: "overdue" });
  });
});

describe("reviews", () => {
  it("reviews each person's clearance within the review period, at most 12 months", () => {
    // G4.1(b): annually; a shorter period from 31 August lands on the last day of February.
    const list = run(
      otherUser,
      {
        people: [
          { id: "p", clearanceReviewed: "2025-08-31", reviewMonths: 6 },
          { id: "q", clearanceReviewed: "2024-02-29" },
        ],
      },
      "2026-01-01",
    );
    expect(one(list, "G4.1(b):p").due).toBe("2026-02-28");
    expect(one(list, "G4.1(b):q")).toMatchObject({ due: "2025-02-28", status: "overdue" });
    expect(() => validateFacts({ people: [{ id: "p", reviewMonths: 13 }] })).toThrow(
      /people\[0\]\.reviewMonths/,
    );
  });

  it("reviews the ISMS and assesses the risk processes every year", () => {
    // G5.18(c), G5.16(a)
    const list = run(otherUser, { ismsReviewed: "2025-01-31", riskAssessed: "2024-12-31" }, "2026-01-01");
    expect(one(list, "G5.18(c):other-user").due).toBe("2026-01-31");
    expect(one(list, "G5.16(a):other-user")).toMatchObject({ due: "2025-12-31", status: "overdue" });
  });

  it("gives an Export Supplier only what G1.7 leaves it: no clearance reviews and no incident notice", () => {
    // G1.7: G3.8 to G3.9 and G5.14 to G5.18 apply, G3.5 and G4 do not.
    const list = run(
      exportOnly,
      { people: [{ id: "p" }], incidents: [{ id: "i", detectedAt: "2026-01-01T00:00:00Z", major: true }] },
      "2026-01-02",
    );
    const clauses = list.map((d) => d.clause);
    expect(clauses).not.toContain("G4.1(b)");
    expect(clauses).not.toContain("G3.5");
    expect(clauses).toContain("G5.16(c)");
    // G3.7(c) binds it as a Supplier Party, not as a User.
    expect(clauses).toContain("G3.7(c)");
  });
});

describe("what a Major Security Incident sets off", () => {
  const incident = { id: "m", detectedAt: "2026-01-31T23:30:00+01:00", major: true };

  it("notifies the Panel and the SSC within promptHours, counted in hours from detection", () => {
    // G3.5: 22:30 UTC on 31 January + 24 hours (the default).
    const list = run(otherUser, { incidents: [incident] }, "2026-02-01");
    expect(one(list, "G3.5:m")).toMatchObject({ due: "2026-02-01T22:30:00Z", status: "due-soon" });
    const prompt = run(otherUser, { promptHours: 2, incidents: [incident] }, "2026-02-01");
    expect(one(prompt, "G3.5:m")).toMatchObject({ due: "2026-02-01T00:30:00Z", status: "due-soon" });
    expect(one(run(otherUser, { incidents: [incident] }, "2026-02-02"), "G3.5:m").status).toBe("overdue");
    const notified = run(
      otherUser,
      { incidents: [{ ...incident, notified: "2026-02-01T08:00:00Z" }] },
      "2026-03-01",
    );
    expect(one(notified, "G3.5:m")).toMatchObject({ status: "met", done: "2026-02-01T08:00:00Z" });
  });

  it("sets off a vulnerability assessment and a risk assessment, followUpDays after detection", () => {
    // G3.7(c), G3.8(c), G5.16(c): the Code says "on the occurrence" and sets no period.
    const list = run(supplier, { followUpDays: 28, incidents: [incident] }, "2026-02-01");
    expect(one(list, "G3.7(c):m")).toMatchObject({ due: "2026-02-28", alsoClauses: ["G3.8(c)"] });
    expect(one(list, "G5.16(c):m").due).toBe("2026-02-28");
  });

  it("sets off nothing for an incident that is not major", () => {
    // G3.5, G3.7(c), G3.8(c), G5.16(c) all turn on a Major Security Incident.
    expect(
      run(otherUser, { incidents: [{ ...incident, major: false }] }, "2026-02-01").filter(
        (d) => d.subject === "m",
      ),
    ).toEqual([]);
  });
});

describe("Shared Resources notifications", () => {
  const srpSupplier = profile("srp-supplier.yaml");
  const srpOne = profile("srp-one.yaml");
  const peers = new Map([
    [srpSupplier.id, srpSupplier],
    [srpOne.id, srpOne],
  ]);

  it("falls due six months after the last notice, only where G5.25 and G5.27 hold", () => {
    // G5.27(b): intervals of six months; 31 August + 6 months = 28 February.
    const list = run(
      srpSupplier,
      { sharedResources: { firstEmployed: "2024-01-10", lastNotified: "2025-08-31" } },
      "2026-01-01",
      peers,
    );
    expect(one(list, "G5.27(b):srp-supplier").due).toBe("2026-02-28");
    // The same facts for a party without Shared Resources give nothing (G5.25).
    expect(
      run(otherUser, { sharedResources: { firstEmployed: "2024-01-10" } }, "2026-01-01").some((d) =>
        d.clause.startsWith("G5.27"),
      ),
    ).toBe(false);
  });

  it("asks for the first notice followUpDays after first employing Shared Resources", () => {
    // G5.27(a): as soon as reasonably practicable.
    const list = run(srpSupplier, { sharedResources: { firstEmployed: "2026-01-10" } }, "2026-01-15", peers);
    expect(one(list, "G5.27(a):srp-supplier").due).toBe("2026-02-09");
  });

  it("gives the Shared Resource Provider its own notices for the Users entitled to send Critical Service Requests", () => {
    // G5.27(a)-(b) read through G10.5: its User Systems are the Shared Resources, from which
    // srp-supplier can send Critical Service Requests.
    const first = run(srpOne, { sharedResources: { firstEmployed: "2026-01-10" } }, "2026-01-15", peers);
    expect(one(first, "G5.27(a):srp-one")).toMatchObject({
      due: "2026-02-09",
      alsoClauses: ["G10.5"],
      status: "due-soon",
    });
    expect(one(first, "G5.27(a):srp-one").title).toContain("srp-supplier");
    const later = run(
      srpOne,
      { sharedResources: { firstEmployed: "2024-01-10", lastNotified: "2025-08-31" } },
      "2026-01-01",
      peers,
    );
    expect(one(later, "G5.27(b):srp-one").due).toBe("2026-02-28");
  });

  it("gives the provider no G5.27 notice when no User it serves may send Critical Service Requests", () => {
    // G5.27 binds only where Critical Service Requests can be sent from the User Systems.
    const hostedOther = profile("srp-other-user.yaml");
    const onlyOther = new Map([
      [srpOne.id, srpOne],
      [hostedOther.id, hostedOther],
    ]);
    const list = run(srpOne, { sharedResources: { firstEmployed: "2026-01-10" } }, "2026-01-15", onlyOther);
    expect(list.some((d) => d.clause.startsWith("G5.27"))).toBe(false);
  });
});

describe("material vulnerabilities found by an assessment (G3.9(b); G2.31 for the DCC)", () => {
  const vulnerability = {
    id: "v1",
    detectedAt: "2026-01-10T09:00:00Z",
  };

  it("asks a User to tell the SSC promptly and to rectify as soon as reasonably practicable", () => {
    // G3.9(b)(ii): promptly (promptHours); G3.9(b)(i): followUpDays, as the Code names no period.
    const list = run(otherUser, { vulnerabilities: [vulnerability], promptHours: 48 }, "2026-01-11");
    expect(one(list, "G3.9(b)(ii):v1")).toMatchObject({ due: "2026-01-12T09:00:00Z", status: "due-soon" });
    expect(one(list, "G3.9(b)(i):v1")).toMatchObject({ due: "2026-02-09", status: "due-soon" });
  });

  it("cites G3.18(b)-(c) beside G3.9(b), and G3.18 alone for a vulnerability no assessment found", () => {
    // G3.17(a), G3.18(b)-(c): every material vulnerability the User learns of; G3.9(b): after G3.7/G3.8.
    const assessed = run(otherUser, { vulnerabilities: [vulnerability] }, "2026-01-11");
    expect(one(assessed, "G3.9(b)(ii):v1").alsoClauses).toEqual(["G3.18(c)"]);
    const advisory = run(
      otherUser,
      { vulnerabilities: [{ ...vulnerability, foundByAssessment: false }] },
      "2026-01-11",
    );
    expect(one(advisory, "G3.18(c):v1")).toMatchObject({ due: "2026-01-11T09:00:00Z", alsoClauses: [] });
    expect(one(advisory, "G3.18(b):v1")).toMatchObject({ due: "2026-02-09" });
    expect(advisory.some((d) => d.clause.startsWith("G3.9"))).toBe(false);
  });

  it("takes the completion date given to the SSC, and marks both met when done", () => {
    // G3.9(b)(i)-(ii): the timetable the User told the SSC is the one it is held to.
    const list = run(
      otherUser,
      {
        vulnerabilities: [
          {
            ...vulnerability,
            notified: "2026-01-10T15:00:00Z",
            rectifyBy: "2026-03-31",
            rectified: "2026-03-01",
          },
        ],
      },
      "2026-04-15",
    );
    expect(one(list, "G3.9(b)(ii):v1")).toMatchObject({ status: "met", done: "2026-01-10T15:00:00Z" });
    expect(one(list, "G3.9(b)(i):v1")).toMatchObject({
      due: "2026-03-31",
      status: "met",
      done: "2026-03-01",
    });
    const late = run(
      otherUser,
      { vulnerabilities: [{ ...vulnerability, rectifyBy: "2026-03-31" }] },
      "2026-04-15",
    );
    expect(one(late, "G3.9(b)(i):v1").status).toBe("overdue");
  });

  it("uses G2.31(b)-(c) for the DCC", () => {
    // G2.31(b)-(c): the DCC's counterpart, for any material vulnerability in the DCC Total System.
    const list = run(dcc, { vulnerabilities: [vulnerability] }, "2026-01-11");
    expect(list.map((d) => d.id)).toEqual(expect.arrayContaining(["G2.31(c):v1", "G2.31(b):v1"]));
  });
});

describe("risk assessments on a material change (G5.16(b); G5.2(b) for the DCC)", () => {
  it("dates the assessment the day the change is implemented and names the sub-paragraph", () => {
    // G5.16(b)(iii): a change to the systems relied on for Service Requests.
    const list = run(
      otherUser,
      { changes: [{ id: "c1", implemented: "2026-02-01", scope: "service-request-systems" }] },
      "2026-01-15",
    );
    expect(one(list, "G5.16(b):c1")).toMatchObject({ due: "2026-02-01", status: "due-soon" });
    expect(one(list, "G5.16(b):c1").basis).toContain("G5.16(b)(iii)");
  });

  it("counts an assessment recorded for the change as met, and uses G5.2(b) for the DCC", () => {
    // G5.16(b), G5.2(b)
    const change = {
      id: "c1",
      implemented: "2026-02-01",
      scope: "dcc-total-system",
      riskAssessed: "2026-01-20",
    };
    expect(one(run(dcc, { changes: [change] }, "2026-03-01"), "G5.2(b):c1")).toMatchObject({
      status: "met",
      done: "2026-01-20",
    });
  });

  it("refuses a change with an unknown scope, naming the key", () => {
    expect(() =>
      validateFacts({ changes: [{ id: "c1", implemented: "2026-02-01", scope: "everything" }] }),
    ).toThrow(/changes\.0\.scope|changes\[0\]\.scope|changes.*scope/);
  });
});

describe("dates the SSC sets and the assurance plan", () => {
  it("takes the SSC's dates for the response and progress reports", () => {
    // G8.24, G8.28(b)(i)
    const list = run(
      otherUser,
      {
        ssc: {
          responses: [{ id: "r", due: "2026-01-31" }],
          progressReports: [{ id: "p", due: "2025-12-01", done: "2025-11-30" }],
        },
      },
      "2026-01-01",
    );
    expect(one(list, "G8.24:r")).toMatchObject({ due: "2026-01-31", status: "due-soon" });
    expect(one(list, "G8.28(b)(i):p").status).toBe("met");
  });

  it("includes the next User Security Assessment from the planner", () => {
    // G8.41: yearly Full assessments for a large supplier, 12 months after the last one.
    expect(one(run(supplier, {}, "2025-01-01"), "G8.41:large-supplier")).toMatchObject({
      due: "2025-02-20",
      status: "upcoming",
    });
  });
});

describe("the DCC", () => {
  it("gets the G2, G4, G5 and G9 equivalents", () => {
    const facts = parseFacts(readFileSync(factsFile("dcc-facts.json"), "utf8"), "dcc-facts.json");
    const list = deadlinesFor(dcc, facts, "2026-01-15");
    const clauses = new Set(list.map((d) => d.clause));
    // G2.11(a)/(b), G2.13(a)-(c) with G2.14, G4.4(b), G5.2(a)/(c), G5.3(c), G9.3(b)(i), G9.21
    for (const c of [
      "G2.11(a)",
      "G2.11(b)",
      "G2.13(a)",
      "G2.13(b)",
      "G2.13(c)",
      "G4.4(b)",
      "G5.2(a)",
      "G5.2(c)",
      "G5.3(c)",
      "G9.3(b)(i)",
      "G9.21",
    ]) {
      expect(clauses).toContain(c);
    }
    for (const c of clauses) expect(c).toMatch(/^G(2|4|5|9)\./);
    expect(one(list, "G2.13(a):dsp")).toMatchObject({ due: "2026-05-31", alsoClauses: ["G2.14(a)"] });
    // No User-side G3.9 for the DCC: a planned DCC system only needs its assessment (G2.13(b)).
    expect(list.filter((d) => d.subject === "new-hub").map((d) => d.clause)).toEqual(["G2.13(b)"]);
  });
});

describe("status and the --within window", () => {
  it("is due-soon from the due day back dueSoonDays, overdue from the day after", () => {
    const at = (on: string) =>
      one(run(otherUser, { ismsReviewed: "2025-03-01" }, on), "G5.18(c):other-user").status;
    // G5.18(c): due 2026-03-01.
    expect([at("2026-01-29"), at("2026-01-30"), at("2026-03-01"), at("2026-03-02")]).toEqual([
      "upcoming",
      "due-soon",
      "due-soon",
      "overdue",
    ]);
  });

  it("keeps open deadlines due within the window, overdue ones always", () => {
    const list = run(
      otherUser,
      {
        ismsReviewed: "2024-12-01",
        riskAssessed: "2025-03-01",
        people: [{ id: "p", clearanceReviewed: "2025-01-21" }],
      },
      "2026-01-01",
    );
    // The assurance plan's overdue G8.47(a) assessment stays in as well.
    expect(dueWithin(list, "2026-01-01", 19).map((d) => d.id)).toEqual([
      "G8.47(a):other-user",
      "G5.18(c):other-user",
    ]);
    expect(dueWithin(list, "2026-01-01", 20).map((d) => d.id)).toContain("G4.1(b):p");
  });

  it("is overdue exactly when the due day is before `on`, for any last review date", () => {
    // G5.18(c): annual by the corresponding-date rule, month ends included.
    fc.assert(
      fc.property(monthEndish(2020, 2030), monthEndish(2021, 2032), (last, on) => {
        const d = one(run(otherUser, { ismsReviewed: last }, on), "G5.18(c):other-user");
        expect(d.due).toBe(addMonths(last, 12));
        expect(d.status === "overdue").toBe(d.due < on);
      }),
    );
  });
});

describe("the facts format", () => {
  it("reads the fixture and gives each deadline a unique id", () => {
    const facts = parseFacts(readFileSync(factsFile("acme-facts.yaml"), "utf8"), "acme-facts.yaml");
    const ids = deadlinesFor(supplier, facts, "2026-01-15").map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ["systems:\n  - id: n\n    status: planned\n", /^f\.yaml:2 at systems\[0\]\.goLive: expected a value/],
    [
      "systems:\n  - id: n\n    status: live\n",
      /^f\.yaml:3 at systems\[0\]\.status: expected a status of planned, authorised, operational, decommissioned/,
    ],
    ["people:\n  - id: p\n  - id: p\n", /^f\.yaml:3 at people\[1\]\.id: expected an id not already used/],
    [
      "incidents:\n  - { id: i, detectedAt: 2026-01-01T10:00, major: true }\n",
      /at incidents\[0\]\.detectedAt: expected a date-time with an offset/,
    ],
    ["ismsReviewd: 2025-01-01\n", /^f\.yaml:1 at ismsReviewd: expected no such key/],
    ["riskAssessed: 2025-02-30\n", /at riskAssessed: expected a calendar date as YYYY-MM-DD/],
  ])("refuses bad facts with file, line and key path: %j", (text, message) => {
    expect(() => parseFacts(text, "f.yaml")).toThrow(message);
  });
});

describe("a Supplier Party counting no premises (G8.40, G8.42)", () => {
  it("still gets the yearly G8.40 booking, with the category left to the SSC", () => {
    // G8.42 needs smart-metered premises; G8.40 still asks for a booking within 12 months.
    const empty = parseProfile(
      "id: empty\nname: Empty Ltd\nsupplierParty: true\nroles: [{ role: import-supplier }]\nassurance: [{ category: full, completed: 2025-06-01, initial: true }]\n",
      "empty.yaml",
    );
    expect(one(run(empty, {}, "2026-01-01"), "G8.40:empty")).toMatchObject({
      due: "2026-06-01",
      title: expect.stringContaining("ask the SSC"),
    });
  });
});
