import type { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { parseStructured } from "../../common/structured-input.js";
import type { WorkspaceRole } from "../../workspace/access/principal.js";
import type { IsoDate } from "../calendar/iso-date.js";
import type { WorkflowData } from "./types.js";

/**
 * One generic state machine: each workflow kind is a table of named transitions (the clause that
 * provides for it, who may make it, the states it leaves and reaches, its payload and what it records),
 * and `applyTransition` is the only code that moves a workflow. Pure: the day of the step is a parameter.
 */
export type StepContext = { readonly on: IsoDate; readonly data: WorkflowData; readonly state: string };

export type Transition<P = unknown> = {
  readonly clause: string;
  /** What the step is, in our words. */
  readonly summary: string;
  readonly roles: readonly WorkspaceRole[];
  readonly from: readonly string[];
  /** Every state it may reach; when more than one, `target` picks from the payload. */
  readonly to: readonly [string, ...string[]];
  readonly target?: (payload: P, context: StepContext) => string;
  readonly payload: z.ZodType<P>;
  /** A reason the step cannot be made now, with the payload key at fault; none when it can. */
  readonly refuse?: (payload: P, context: StepContext) => { path: string; expected: string } | undefined;
  readonly record: (payload: P, context: StepContext) => WorkflowData;
};

export type Machine = {
  readonly kind: string;
  /** The clauses the machine follows, for people reading an answer. */
  readonly clauses: string;
  readonly initial: string;
  readonly final: readonly string[];
  readonly transitions: Readonly<Record<string, Transition>>;
};

/** Widens a typed table entry so that entries with different payloads sit in one table. */
export function transition<P>(definition: Transition<P>): Transition {
  return definition as unknown as Transition;
}

/** A transition named that does not exist or cannot be made from the workflow's state. */
export class TransitionRefused extends InputError {
  readonly state: string;
  readonly transition: string;
  readonly allowed: readonly string[];
  constructor(state: string, name: string, allowed: readonly string[], known: boolean) {
    const options = allowed.length === 0 ? "none (the workflow is finished)" : allowed.join(", ");
    super(
      { path: "transition" },
      `${known ? "a transition allowed" : "a transition known"} in state ${state}: ${options} (got ${name})`,
    );
    this.state = state;
    this.transition = name;
    this.allowed = allowed;
  }
}

/** The step is allowed in this state, but not to any role the actor holds. */
export class RoleRefused extends Error {
  readonly transition: string;
  readonly roles: readonly WorkspaceRole[];
  constructor(name: string, roles: readonly WorkspaceRole[], held: readonly WorkspaceRole[]) {
    const holding = held.length === 0 ? "no role in this workspace" : held.join(", ");
    super(`${name} may be made only as ${roles.join(" or ")} (you act as ${holding})`);
    this.name = "RoleRefused";
    this.transition = name;
    this.roles = roles;
  }
}

export type AllowedTransition = {
  readonly name: string;
  readonly clause: string;
  readonly summary: string;
  readonly roles: readonly WorkspaceRole[];
  readonly to: readonly string[];
};

export function allowedTransitions(machine: Machine, state: string): AllowedTransition[] {
  return Object.entries(machine.transitions)
    .filter(([, t]) => t.from.includes(state))
    .map(([name, t]) => ({ name, clause: t.clause, summary: t.summary, roles: t.roles, to: t.to }));
}

export type TransitionOutcome = {
  readonly state: string;
  readonly data: WorkflowData;
  /** The role the step was made in: the first held role the transition allows. */
  readonly role: WorkspaceRole;
  readonly clause: string;
  /** The payload as validated (defaults filled in), as stored with the step. */
  readonly payload: unknown;
};

export function applyTransition(
  machine: Machine,
  current: { readonly state: string; readonly data: WorkflowData },
  name: string,
  payload: unknown,
  held: readonly WorkspaceRole[],
  on: IsoDate,
): TransitionOutcome {
  const allowed = allowedTransitions(machine, current.state).map((t) => t.name);
  const definition = Object.hasOwn(machine.transitions, name) ? machine.transitions[name] : undefined;
  if (definition === undefined) throw new TransitionRefused(current.state, name, allowed, false);
  if (!definition.from.includes(current.state))
    throw new TransitionRefused(current.state, name, allowed, true);
  const role = held.find((r) => definition.roles.includes(r));
  if (role === undefined) throw new RoleRefused(name, definition.roles, held);
  const parsed = parsePayload(definition.payload, payload);
  const context: StepContext = { on, data: current.data, state: current.state };
  const refusal = definition.refuse?.(parsed, context);
  if (refusal) {
    const path = refusal.path === "transition" ? refusal.path : `payload.${refusal.path}`;
    throw new InputError({ path }, refusal.expected);
  }
  const state = definition.target ? definition.target(parsed, context) : definition.to[0];
  return {
    state,
    data: definition.record(parsed, context),
    role,
    clause: definition.clause,
    payload: parsed,
  };
}

/** The payload checked like any structured input, its errors located by key path under `payload`. */
function parsePayload<P>(schema: z.ZodType<P>, payload: unknown): P {
  try {
    return parseStructured(JSON.stringify(payload ?? {}), "payload", schema);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const path = error.where.path === undefined ? "payload" : `payload.${error.where.path}`;
    throw new InputError({ path }, error.expected);
  }
}
