import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseIsoDate } from "../../src/obligations/calendar/iso-date.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { partyDeadlineInput, partyDeadlines } from "../../src/workspace/party-deadlines.js";
import { partyPoliciesOf } from "../../src/workspace/party-policy.js";
import { registersOf } from "../../src/workspace/registers/engine.js";
import { workflowsOf } from "../../src/workspace/workflows/workflows.js";
import { response } from "../obligations/workflows/run.js";
import { backends, freshStore, type TestStore } from "./backends.js";
import { as, assessmentWithResponseDue, majorIncident } from "./party-deadlines-fixture.js";
import { profiles } from "./workflows/profiles.js";

const origin = { actor: "test" };
const defaults = { promptHours: 24, followUpDays: 30 };
// The fixed clock stands at 2025-06-02.
const on = parseIsoDate("2025-06-02", { path: "on" });

describe.each(backends.filter((b) => b.available))("a stored party's deadlines on $kind", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(backend);
    await partiesOf(store.db, store.clock).putAll(profiles, origin);
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("dates a clearance review from the people register", async () => {
    const registers = registersOf(store.db, store.clock);
    await registers.put(
      "acme",
      "people",
      {
        id: "p-ada",
        name: "Ada",
        dataAccess: true,
        clearanceLevel: "security-check",
        clearanceGranted: "2023-03-01",
        clearanceReviewed: "2024-05-01",
      },
      origin,
    );
    await registers.put("acme", "people", { id: "p-bob", name: "Bob" }, origin);
    const answer = await partyDeadlines(store.db, store.clock, "acme", on);
    // G4.1(b): reviewed annually, so a year after the last review, now past.
    expect(answer?.deadlines.filter((d) => d.clause === "G4.1(b)")).toEqual([
      expect.objectContaining({
        id: "G4.1(b):p-ada",
        due: "2025-05-01",
        status: "overdue",
        subject: "p-ada",
      }),
    ]);
  });

  it("dates the response and progress reports the SSC set in an assessment", async () => {
    const id = await assessmentWithResponseDue(store, "acme", "2025-08-01");
    const before = await partyDeadlines(store.db, store.clock, "acme", on);
    // G8.24: the response by the date the SSC set.
    expect(before?.deadlines.find((d) => d.id === `G8.24:${id}`)).toMatchObject({
      due: "2025-08-01",
      status: "upcoming",
    });
    const flows = workflowsOf(store.db, store.clock);
    await flows.transition(
      "acme",
      id,
      { transition: "submit-response", version: 4, payload: response },
      as("owner"),
    );
    await flows.transition(
      "acme",
      id,
      { transition: "accept-response", version: 5, payload: { progressReportsDue: ["2025-09-01"] } },
      as("ssc"),
    );
    const after = await partyDeadlines(store.db, store.clock, "acme", on);
    // G8.26: the response submitted meets the date; G8.28(b)(i): the progress report is now due.
    expect(after?.deadlines.find((d) => d.id === `G8.24:${id}`)).toMatchObject({ status: "met", done: on });
    expect(after?.deadlines.find((d) => d.clause === "G8.28(b)(i)")).toMatchObject({
      id: `G8.28(b)(i):${id}-report-1`,
      due: "2025-09-01",
      status: "upcoming",
    });
  });

  it("leaves out what the registers cannot date, and answers nothing for an unknown party", async () => {
    const registers = registersOf(store.db, store.clock);
    await registers.put(
      "acme",
      "systems",
      { id: "s-new", name: "New", kind: "user-system", status: "planned" },
      origin,
    );
    await registers.put(
      "acme",
      "vulnerabilities",
      { id: "v-low", title: "Minor", severity: "low", discovered: "2025-05-01", status: "open" },
      origin,
    );
    await registers.put(
      "acme",
      "vulnerabilities",
      { id: "v-high", title: "Major", severity: "high", discovered: "2025-05-01", status: "open" },
      origin,
    );
    const { facts } = await partyDeadlineInput(store.db, store.clock, "acme", "party", defaults);
    expect(facts.systems).toEqual([]);
    // G3.9(b): only a material vulnerability calls for the SSC's notice and a remedy.
    expect(facts.vulnerabilities.map((v) => v.id)).toEqual(["v-high"]);
    expect(await partyDeadlines(store.db, store.clock, "nobody", on)).toBeUndefined();
  });

  it("takes promptHours and followUpDays from the party's policy, and names its version", async () => {
    const registers = registersOf(store.db, store.clock);
    await registers.put("acme", "incidents", majorIncident("inc-1"), origin);
    const before = await partyDeadlines(store.db, store.clock, "acme", on);
    // G3.5: "promptly" is 24 hours when the party has set no policy; G3.7(c): 30 days of follow-up.
    expect(before?.policy).toEqual({ version: 0, sha256: null, used: defaults });
    expect(before?.deadlines.find((d) => d.id === "G3.5:inc-1")?.due).toBe("2025-06-02T09:00:00Z");
    const { stored } = await partyPoliciesOf(store.db, store.clock).set(
      "acme",
      "promptHours: 4\nfollowUpDays: 10\n",
      "policy.yaml",
      origin,
    );
    const after = await partyDeadlines(store.db, store.clock, "acme", on);
    expect(after?.policy).toEqual({
      version: 1,
      sha256: stored.sha256,
      used: { promptHours: 4, followUpDays: 10 },
    });
    expect(after?.deadlines.find((d) => d.id === "G3.5:inc-1")).toMatchObject({
      due: "2025-06-01T13:00:00Z",
      basis: "detected 2025-06-01T09:00:00Z + 4 hours (promptHours)",
    });
    expect(after?.deadlines.find((d) => d.id === "G3.7(c):inc-1")?.due).toBe("2025-06-11");
  });

  it("dates the ISMS steps (G3.4) and the manufacturer notice (G3.18(a)) from the registers, each met once recorded", async () => {
    const registers = registersOf(store.db, store.clock);
    const incident = {
      id: "inc-2",
      title: "Unknown login",
      detected: "2025-06-01T09:00:00Z",
      unauthorisedEvent: "unauthorised-access",
      major: false,
      status: "open",
    };
    const vulnerability = {
      id: "v-1",
      title: "Weak TLS",
      severity: "critical",
      discovered: "2025-05-30",
      status: "open",
    };
    await registers.put("acme", "incidents", incident, origin);
    await registers.put("acme", "vulnerabilities", vulnerability, origin);
    const open = await partyDeadlines(store.db, store.clock, "acme", on);
    expect(open?.deadlines.find((d) => d.clause === "G3.4")).toMatchObject({
      id: "G3.4:inc-2",
      due: "2025-06-02T09:00:00Z",
      status: "due-soon",
      subject: "inc-2",
    });
    expect(open?.deadlines.find((d) => d.clause === "G3.18(a)")).toMatchObject({
      id: "G3.18(a):v-1",
      due: "2025-05-31T00:00:00Z",
      status: "overdue",
    });
    await registers.put("acme", "incidents", { ...incident, stepsTaken: "2025-06-01T11:00:00Z" }, origin);
    await registers.put(
      "acme",
      "vulnerabilities",
      { ...vulnerability, manufacturerNotified: "2025-05-30", sscNotified: "2025-05-30" },
      origin,
    );
    const done = await partyDeadlines(store.db, store.clock, "acme", on);
    expect(done?.deadlines.find((d) => d.clause === "G3.4")).toMatchObject({ status: "met" });
    expect(done?.deadlines.find((d) => d.clause === "G3.18(a)")).toMatchObject({
      status: "met",
      done: "2025-05-30",
    });
    // G3.18(c): the SSC's notice of the steps and their timetable is on record too. No assessment
    // found this one, so G3.9(b) is not cited.
    expect(done?.deadlines.find((d) => d.id === "G3.18(c):v-1")).toMatchObject({ status: "met" });
    expect(
      done?.deadlines.some((d) => [d.clause, ...d.alsoClauses].some((c) => c.startsWith("G3.9(b)"))),
    ).toBe(false);
    // G3.9(b)(ii) with G3.18(c): found by a G3.8 assessment, both clauses ask for the same notice.
    await registers.put("acme", "vulnerabilities", { ...vulnerability, foundByAssessment: true }, origin);
    const assessed = await partyDeadlines(store.db, store.clock, "acme", on);
    expect(assessed?.deadlines.find((d) => d.subject === "v-1" && d.clause === "G3.9(b)(ii)")).toMatchObject({
      id: "G3.9(b)(ii):v-1",
      alsoClauses: ["G3.18(c)"],
      status: "overdue",
    });
    expect(assessed?.deadlines.find((d) => d.id === "G3.9(b)(i):v-1")?.alsoClauses).toEqual(["G3.18(b)"]);
  });

  it("leaves a User's vulnerability in a SMETS2+ Communications Hub or Gas Proxy Function out (G3.17(b)), but not the DCC's (G2.31)", async () => {
    const registers = registersOf(store.db, store.clock);
    const hub = {
      id: "v-hub",
      title: "Hub firmware",
      severity: "high",
      discovered: "2025-05-01",
      smets2CommsHubOrGasProxy: true,
      status: "open",
    };
    await registers.put("acme", "vulnerabilities", hub, origin);
    await registers.put("dcc", "vulnerabilities", hub, origin);
    const user = await partyDeadlineInput(store.db, store.clock, "acme", "party", defaults);
    expect(user.vulnerabilities).toEqual([]);
    expect(user.facts.vulnerabilities).toEqual([]);
    expect(user.waived).toEqual([expect.objectContaining({ subject: "v-hub", clause: "G3.17(b)" })]);
    const acme = await partyDeadlines(store.db, store.clock, "acme", on);
    expect(acme?.deadlines.filter((d) => d.subject === "v-hub")).toEqual([]);
    const dcc = await partyDeadlines(store.db, store.clock, "dcc", on);
    expect(
      dcc?.deadlines
        .filter((d) => d.subject === "v-hub")
        .map((d) => d.clause)
        .sort(),
    ).toEqual(["G2.31(a)", "G2.31(b)", "G2.31(c)"]);
  });
});
