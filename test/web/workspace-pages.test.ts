import { describe, expect, it } from "vitest";
import { countBy, perDay } from "../../src/web/adt/counts.js";
import { ApiError } from "../../src/web/api/client.js";
import { actionInWords, reviewEntryOf, targetInWords } from "../../src/web/audit/review-words.js";
import { openIncidents, postureOf, tallyDeadlines } from "../../src/web/overview/posture.js";
import { columnsOf, problemLines } from "../../src/web/registers/table.js";
import { signInProblem } from "../../src/web/session/SignInPage.js";
import { cellText } from "../../src/web/ui/format.js";

const answer = {
  party: "acme",
  on: "2026-11-22",
  codeVersion: { label: "sec-current", inForce: "2025-01-01", dateAssumed: false },
  partyObligations: [{ id: "G3.1", because: [] }],
  roles: [
    {
      role: "import-supplier",
      because: [],
      obligations: [
        { id: "G3.1", because: [] },
        { id: "G5.19(d)", because: [] },
      ],
    },
    { role: "gas-supplier", because: [], obligations: [{ id: "G2.3", because: [] }] },
  ],
};

const deadline = (id: string, due: string, status: "upcoming" | "due-soon" | "overdue" | "met") => ({
  id,
  clause: id,
  title: id,
  due,
  basis: "",
  status,
  subject: "acme",
});

describe("the Overview's posture", () => {
  it("counts each duty once, however many roles carry it (G1.5)", () => {
    expect(postureOf(answer, null)).toEqual({ applying: 3, evidenced: 0, withOpenFindings: 0 });
  });

  it("counts a duty evidenced by submitted evidence or a control run, and one with open findings", () => {
    const statuses = [
      { id: "G3.1", evidence: [{ id: "ev-1" }], openFindings: 0 },
      { id: "G2.3", evidence: [], lastRun: { id: "run-1" }, openFindings: 2 },
      // A status for a duty that does not bind the party counts for nothing.
      { id: "G9.1", evidence: [{ id: "ev-2" }], openFindings: 1 },
    ];
    expect(postureOf(answer, statuses)).toEqual({ applying: 3, evidenced: 2, withOpenFindings: 1 });
  });

  it("tallies overdue and due-soon deadlines and lists the next open ones, soonest first", () => {
    const tally = tallyDeadlines(
      [
        deadline("G8.42(a)", "2026-12-01", "upcoming"),
        deadline("G5.16(a)", "2026-11-20", "overdue"),
        deadline("G5.18(c)", "2026-11-25", "due-soon"),
        deadline("G3.8", "2026-01-01", "met"),
      ],
      2,
    );
    expect(tally.overdue).toBe(1);
    expect(tally.dueSoon).toBe(1);
    expect(tally.next.map((d) => d.id)).toEqual(["G5.16(a)", "G5.18(c)"]);
  });

  it("treats every incident not closed or resolved as open (G3.4–G3.5)", () => {
    expect(openIncidents([{ status: "open" }, { status: "closed" }, {}, { status: "resolved" }])).toBe(2);
  });
});

describe("the ADT page's request counts", () => {
  it("counts per key, most first, ties by name, at most `top`", () => {
    const requests = ["u2", "u1", "u2", "u3", "u1", "u2"].map((userId) => ({ userId }));
    expect(countBy(requests, (r) => r.userId, 2)).toEqual([
      { label: "u2", value: 3 },
      { label: "u1", value: 2 },
    ]);
  });
});

describe("the ADT page's daily counts", () => {
  it("counts per day up to today, oldest first, leaving out the future and the too old", () => {
    const at = [
      "2026-11-22T09:00:00Z",
      "2026-11-22T23:00:00Z",
      "2026-11-20T01:00:00Z",
      "2026-11-01T00:00:00Z",
      "2026-11-23T00:00:00Z",
    ];
    expect(perDay(at, (t) => t, "2026-11-22", 3)).toEqual([1, 0, 2]);
  });
});

describe("register tables", () => {
  it("puts id first and keeps the order fields were first seen", () => {
    expect(
      columnsOf([
        { name: "a", id: "1" },
        { id: "2", owner: "x", name: "b" },
      ]),
    ).toEqual(["id", "name", "owner"]);
  });

  it("shows lists, objects and missing values as text", () => {
    expect(cellText(["G3.1", "G3.2"])).toBe("G3.1, G3.2");
    expect(cellText({ port: 22 })).toBe('{"port":22}');
    expect(cellText(undefined)).toBe("");
  });

  it("splits an import's error into one problem per line of the file", () => {
    expect(problemLines("line 3: owner: a party id\nline 9: expires: a date")).toEqual([
      "line 3: owner: a party id",
      "line 9: expires: a date",
    ]);
    expect(problemLines("2 problems, nothing was stored:\nbody:3 at detected: expected an instant")).toEqual([
      "2 problems, nothing was stored:",
      "line 3, detected: expected an instant",
    ]);
    expect(problemLines("line 3, column owner: x; line 4, column id: y")).toEqual([
      "line 3, column owner: x",
      "line 4, column id: y",
    ]);
  });
});

// G2.26: the review is read by people, so its entries read as words, not as raw fields.
describe("the audit review's words", () => {
  it("says what a refused API request tried on which resource, and names other actions", () => {
    const request = { action: "api.request", detail: { action: "write", resource: "registers" } };
    expect(actionInWords(request)).toBe("write registers");
    expect(actionInWords({ action: "auth.login", detail: {} })).toBe("sign in");
    expect(actionInWords({ action: "party.policy.set", detail: {} })).toBe("party policy set");
    expect(targetInWords("route:POST /api/parties/:party/registers/:register/import")).toBe(
      "POST /api/parties/:party/registers/:register/import",
    );
  });

  it("reads a log entry as the review does, keeping text that is no audit event", () => {
    const event = {
      actor: "user:ann",
      clientAddress: "10.0.0.7",
      action: "auth.login",
      target: "user:ann",
      outcome: "failure",
      time: "2026-11-22T09:00:00.000Z",
      detail: {},
    };
    expect(reviewEntryOf({ index: 3, seq: 4, leafHash: "", entry: JSON.stringify(event) })).toEqual({
      seq: 4,
      ...event,
    });
    expect(reviewEntryOf({ index: 0, seq: 1, leafHash: "", entry: "not json" })).toMatchObject({
      seq: 1,
      action: "not json",
    });
  });
});

describe("sign-in messages", () => {
  const now = new Date("2026-11-22T10:00:00Z");

  it("says how long a locked account stays locked (429 with Retry-After)", () => {
    const locked = new ApiError(429, "too_many_requests", "locked", { retryAfter: 600 });
    expect(signInProblem(locked, now)).toMatch(/locked for 10 minutes \(until \d\d:\d\d\)/);
  });

  it("gives the same answer whatever was wrong with the credentials", () => {
    expect(signInProblem(new ApiError(401, "unauthorized", "no such user"), now)).toBe(
      "That username and password do not match.",
    );
  });
});
