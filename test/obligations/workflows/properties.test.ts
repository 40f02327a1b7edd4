import fc from "fast-check";
import { expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import type { IsoDate } from "../../../src/obligations/calendar/iso-date.js";
import {
  allowedTransitions,
  applyTransition,
  RoleRefused,
} from "../../../src/obligations/workflows/machine.js";
import { machines } from "../../../src/obligations/workflows/machines.js";
import { emptyData, workflowKinds } from "../../../src/obligations/workflows/types.js";
import { workspaceRoles } from "../../../src/workspace/access/principal.js";
import { report, response } from "./run.js";

// Payloads that fit some steps and not others, so random walks get far and also meet refusals.
const payloads = [
  {},
  report,
  response,
  { due: "2025-05-01" },
  { due: ["2025-05-01"] },
  { progressReportsDue: ["2025-06-01"] },
  { summary: "progress", completed: true },
  { by: "2030-01-01" },
  { summary: "done", stepsTaken: true },
  { status: "approved" },
  { status: "approved-subject-to", followUpBy: "2030-01-01" },
  { status: "deferred" },
  { status: "rejected" },
  { grounds: "we disagree" },
  { nonCompliances: ["G2.14"], requirement: "steps" },
  { nonCompliances: ["G2.14"] },
  { unexpected: true },
];

// Whatever is asked, in any order and role, a workflow only ever moves along its table: each step
// either lands in a state the table names or is refused with a precise error, and it is finished
// exactly when it reaches a final state.
it("moves only along the table, and is finished exactly in its final states", () => {
  fc.assert(
    fc.property(
      fc.constantFrom(...workflowKinds),
      fc.array(
        fc.tuple(fc.nat(), fc.constantFrom(...workspaceRoles), fc.constantFrom(...payloads), fc.boolean()),
        { maxLength: 40 },
      ),
      (kind, requests) => {
        const machine = machines[kind];
        const names = Object.keys(machine.transitions);
        const states = new Set(Object.values(machine.transitions).flatMap((t) => [...t.from, ...t.to]));
        let current = { state: machine.initial, data: emptyData };
        for (const [pick, role, payload, allowedOnly] of requests) {
          const choices = allowedOnly ? allowedTransitions(machine, current.state).map((t) => t.name) : names;
          const name = choices[pick % Math.max(choices.length, 1)] ?? "close";
          try {
            const next = applyTransition(machine, current, name, payload, [role], "2025-03-01" as IsoDate);
            expect(states.has(next.state)).toBe(true);
            expect(machine.transitions[name]!.roles).toContain(next.role);
            current = { state: next.state, data: next.data };
          } catch (error) {
            if (!(error instanceof InputError || error instanceof RoleRefused)) throw error;
          }
          const finished = allowedTransitions(machine, current.state).length === 0;
          expect(finished).toBe(machine.final.includes(current.state));
        }
      },
    ),
    { numRuns: 300 },
  );
});
