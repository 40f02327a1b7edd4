import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { planAssurance } from "../../../src/obligations/assurance/plan.js";
import { RoleRefused, TransitionRefused } from "../../../src/obligations/workflows/machine.js";
import { partiesOf } from "../../../src/workspace/parties.js";
import type { Store } from "../../../src/workspace/store.js";
import {
  type Actor,
  StaleVersion,
  UnknownParty,
  workflowsOf,
} from "../../../src/workspace/workflows/workflows.js";
import { report, response } from "../../obligations/workflows/run.js";
import { backends, freshStore, refusal, rowsOf, type TestStore } from "../backends.js";
import { profiles } from "./profiles.js";

const as = (role: Actor["roles"][number], who: string = role): Actor => ({
  origin: { actor: `user:${who}` },
  roles: [role],
});

async function auditOf(store: Store) {
  const rows = await rowsOf<{ entry: string }>(store, sql`SELECT entry FROM audit_entries ORDER BY seq`);
  return rows.map(
    (r) =>
      JSON.parse(r.entry) as {
        action: string;
        actor: string;
        target: string;
        detail: Record<string, unknown>;
      },
  );
}

describe.each(backends.filter((b) => b.available))("assessment workflows on $kind", (backend) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(backend);
    await partiesOf(store.db, store.clock).putAll(profiles, { actor: "test" });
  });
  afterEach(async () => {
    await store.dispose();
  });

  it("stores each step with actor, role, time and payload, audited in the same transaction", async () => {
    const flows = workflowsOf(store.db, store.clock);
    const created = await flows.create(
      "acme",
      { kind: "user", category: "full", scheduledFor: "2025-07-01" },
      as("security-officer", "sam"),
    );
    expect(created).toMatchObject({
      party: "acme",
      state: "scheduled",
      version: 1,
      scheduledFor: "2025-07-01",
    });
    const started = await flows.transition(
      "acme",
      created.id,
      { transition: "start-fieldwork", version: 1, payload: {} },
      as("auditor", "ada"),
    );
    const reported = await flows.transition(
      "acme",
      created.id,
      { transition: "submit-report", version: 2, payload: report },
      as("auditor", "ada"),
    );
    expect(started?.state).toBe("fieldwork");
    expect(
      reported?.steps.map((s) => [s.version, s.transition, s.from, s.to, s.actor, s.role, s.clause]),
    ).toEqual([
      [1, "create", null, "scheduled", "user:sam", "security-officer", "G8.40"],
      [2, "start-fieldwork", "scheduled", "fieldwork", "user:ada", "auditor", "G8.21"],
      [3, "submit-report", "fieldwork", "reported", "user:ada", "auditor", "G8.22"],
    ]);
    expect(reported?.steps[2]).toMatchObject({ at: "2025-06-02T09:30:00.000Z", on: "2025-06-02" });
    expect((reported!.steps[2]!.payload as typeof report).findings[1]).toMatchObject({
      id: "f2",
      evidence: [],
    });
    expect(reported?.allowedTransitions.map((t) => t.name)).toEqual(["set-response-due", "submit-response"]);
    const audit = (await auditOf(store)).filter((e) => e.action.startsWith("workflow."));
    expect(audit.map((e) => [e.action, e.actor, e.target, e.detail.transition])).toEqual([
      ["workflow.create", "user:sam", `workflow:acme/${created.id}`, "create"],
      ["workflow.transition", "user:ada", `workflow:acme/${created.id}`, "start-fieldwork"],
      ["workflow.transition", "user:ada", `workflow:acme/${created.id}`, "submit-report"],
    ]);
    expect(await flows.list("acme")).toEqual([
      expect.objectContaining({ id: created.id, state: "reported", version: 3 }),
    ]);
    expect(await flows.list("beta")).toEqual([]);
    expect(await flows.get("beta", created.id)).toBeUndefined();
  });

  it("refuses a step on a stale version and one the actor's role may not make, storing nothing", async () => {
    const flows = workflowsOf(store.db, store.clock);
    const created = await flows.create("acme", { kind: "user", category: "verification" }, as("owner"));
    await flows.transition(
      "acme",
      created.id,
      { transition: "start-fieldwork", version: 1, payload: {} },
      as("auditor"),
    );
    const stale = flows.transition(
      "acme",
      created.id,
      { transition: "start-fieldwork", version: 1, payload: {} },
      as("auditor"),
    );
    await expect(stale).rejects.toThrow(StaleVersion);
    await expect(stale).rejects.toThrow(/at version 2, not 1/);
    // G8.22: only the assessor reports.
    await expect(
      flows.transition(
        "acme",
        created.id,
        { transition: "submit-report", version: 2, payload: report },
        as("owner"),
      ),
    ).rejects.toThrow(RoleRefused);
    await expect(
      flows.transition(
        "acme",
        created.id,
        { transition: "submit-response", version: 2, payload: response },
        as("owner"),
      ),
    ).rejects.toThrow(TransitionRefused);
    const after = await flows.get("acme", created.id);
    expect(after).toMatchObject({ state: "fieldwork", version: 2 });
    expect((await auditOf(store)).filter((e) => e.action === "workflow.transition")).toHaveLength(1);
    expect(
      await flows.transition(
        "acme",
        "wf-missing",
        { transition: "close", version: 1, payload: {} },
        as("ssc"),
      ),
    ).toBeUndefined();
  });

  it("checks the kind against the party, the creator's role, and that the party exists", async () => {
    const flows = workflowsOf(store.db, store.clock);
    await expect(flows.create("dcc", { kind: "user", category: "full" }, as("owner"))).rejects.toThrow(
      /dcc for the DCC/,
    );
    await expect(flows.create("acme", { kind: "dcc" }, as("owner"))).rejects.toThrow(/which is not the DCC/);
    await expect(flows.create("acme", { kind: "triage-entry" }, as("owner"))).rejects.toThrow(/G12.6/);
    await expect(flows.create("acme", { kind: "user" }, as("owner"))).rejects.toThrow(
      /at category: expected for a user assessment/,
    );
    await expect(flows.create("acme", { kind: "entry" }, as("auditor"))).rejects.toThrow(RoleRefused);
    await expect(flows.create("nobody", { kind: "entry" }, as("owner"))).rejects.toThrow(UnknownParty);
    expect((await flows.create("dcc", { kind: "dcc" }, as("owner"))).category).toBe("full");
  });

  // G10.7–G10.8: a Shared Resource Provider's assessment names the Shared Resource Users to copy.
  it("records the Shared Resource Users that receive copies", async () => {
    const flows = workflowsOf(store.db, store.clock);
    const created = await flows.create("hub", { kind: "user", category: "full" }, as("owner"));
    expect(created.data.copiesTo).toEqual(["beta"]);
    expect((await flows.create("acme", { kind: "entry" }, as("owner"))).data.copiesTo).toEqual([]);
  });

  // G8.37, G8.40: the Panel's approval, as stored, anchors the planner.
  it("gives the planner the initial assessment's completion", async () => {
    const flows = workflowsOf(store.db, store.clock);
    const { id } = await flows.create("acme", { kind: "entry" }, as("owner"));
    const steps: [string, Actor, unknown][] = [
      ["start-fieldwork", as("auditor"), {}],
      ["submit-report", as("auditor"), report],
      ["submit-response", as("security-officer"), response],
      ["refer-to-panel", as("ssc"), {}],
      ["set-assurance-status", as("ssc"), { status: "approved" }],
    ];
    let version = 1;
    for (const [transition, actor, payload] of steps) {
      await flows.transition("acme", id, { transition, version, payload }, actor);
      version++;
    }
    const history = await flows.assuranceHistory("acme");
    expect(history).toEqual([{ category: "full", completed: "2025-06-02", initial: true }]);
    const acme = profiles[0]!;
    expect(planAssurance({ ...acme, assurance: history }, new Map(), 1).next[0]?.due).toBe("2026-06-02");
  });

  it("keeps the steps and workflows consistent in the database itself", async () => {
    expect(
      await refusal(
        store.db.execute(
          sql`INSERT INTO workflows (id, party, kind, category, state, version, data, created_at, updated_at) VALUES ('x', 'acme', 'other', 'full', 's', 1, '{}', now(), now())`,
        ),
      ),
    ).toMatch(/workflows_kind/);
  });
});
