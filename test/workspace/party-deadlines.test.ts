import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseIsoDate } from "../../src/obligations/calendar/iso-date.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { partyDeadlines, partyFacts } from "../../src/workspace/party-deadlines.js";
import { registersOf } from "../../src/workspace/registers/engine.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { workflowsOf } from "../../src/workspace/workflows/workflows.js";
import { response } from "../obligations/workflows/run.js";
import { backends, type Provisioned } from "./backends.js";
import { as, assessmentWithResponseDue } from "./party-deadlines-fixture.js";
import { profiles } from "./workflows/profiles.js";

const origin = { actor: "test" };
// The fixed clock stands at 2025-06-02.
const on = parseIsoDate("2025-06-02", { path: "on" });

describe.each(backends.filter((b) => b.available))("a stored party's deadlines on $kind", (backend) => {
  let provisioned: Provisioned;
  let store: Store;
  beforeEach(async () => {
    provisioned = await backend.provision();
    store = await openStore(provisioned.options);
    await partiesOf(store.db, store.clock).putAll(profiles, origin);
  });
  afterEach(async () => {
    await store.close();
    await provisioned.dispose();
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
    const facts = await partyFacts(store.db, store.clock, "acme");
    expect(facts.systems).toEqual([]);
    // G3.9(b): only a material vulnerability calls for the SSC's notice and a remedy.
    expect(facts.vulnerabilities.map((v) => v.id)).toEqual(["v-high"]);
    expect(await partyDeadlines(store.db, store.clock, "nobody", on)).toBeUndefined();
  });
});
