import type { IsoDate } from "../../../src/obligations/calendar/iso-date.js";
import { applyTransition } from "../../../src/obligations/workflows/machine.js";
import { machines } from "../../../src/obligations/workflows/machines.js";
import { emptyData, type WorkflowData, type WorkflowKind } from "../../../src/obligations/workflows/types.js";
import type { WorkspaceRole } from "../../../src/workspace/access/principal.js";

export type Step = readonly [name: string, role: WorkspaceRole, payload?: unknown, on?: string];
export type Walked = { state: string; data: WorkflowData };

/** Runs steps through a machine from its initial state, each on the given day (default 2025-03-01). */
export function walk(kind: WorkflowKind, steps: readonly Step[], from?: Walked): Walked {
  const machine = machines[kind];
  let current: Walked = from ?? { state: machine.initial, data: emptyData };
  for (const [name, role, payload, on] of steps) {
    const outcome = applyTransition(
      machine,
      current,
      name,
      payload ?? {},
      [role],
      (on ?? "2025-03-01") as IsoDate,
    );
    current = { state: outcome.state, data: outcome.data };
  }
  return current;
}

export const report = {
  summary: "Full assessment of acme's User Systems",
  findings: [
    {
      id: "f1",
      obligation: "G5.18",
      kind: "actual",
      summary: "ISMS not reviewed this year",
      evidence: ["ev-1"],
    },
    { id: "f2", obligation: "G3.8(a)", kind: "potential", summary: "Annual scan incomplete" },
  ],
};

export const response = {
  answers: [
    { finding: "f1", accepted: true, steps: [{ description: "Review the ISMS", by: "2025-06-30" }] },
    { finding: "f2", accepted: false, reason: "The scan covered every system", steps: [] },
  ],
};

/** To the point where the User has responded with steps proposed. */
export const toResponse: readonly Step[] = [
  ["start-fieldwork", "auditor"],
  ["submit-report", "auditor", report, "2025-03-10"],
  ["set-response-due", "ssc", { due: "2025-04-10" }],
  ["submit-response", "security-officer", response, "2025-04-01"],
];
