import type { Store } from "../../src/workspace/store.js";
import { type Actor, workflowsOf } from "../../src/workspace/workflows/workflows.js";
import { report } from "../obligations/workflows/run.js";

/** Someone acting in one role. */
export const as = (role: Actor["roles"][number]): Actor => ({
  origin: { actor: `user:${role}` },
  roles: [role],
});

/** A User assessment reported, its response due on `due` as the SSC set it (G8.24). */
export async function assessmentWithResponseDue(store: Store, party: string, due: string): Promise<string> {
  const flows = workflowsOf(store.db, store.clock);
  const created = await flows.create(party, { kind: "user", category: "full" }, as("security-officer"));
  const steps: [string, Actor["roles"][number], unknown][] = [
    ["start-fieldwork", "auditor", {}],
    ["submit-report", "auditor", report],
    ["set-response-due", "ssc", { due }],
  ];
  for (const [i, [transition, role, payload]] of steps.entries()) {
    await flows.transition(party, created.id, { transition, version: i + 1, payload }, as(role));
  }
  return created.id;
}

/** An open Major Security Incident detected at 09:00 UTC on 2025-06-01 (G3.5: promptly notified). */
export const majorIncident = (id: string) => ({
  id,
  title: "Break-in",
  detected: "2025-06-01T09:00:00Z",
  major: true,
  status: "open",
});
