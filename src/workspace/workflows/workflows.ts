/**
 * Assessment workflows in the store. Each step is written with the workflow's new state and its audit
 * entry in one transaction, and names the version it applies to: a step made on a stale view of the
 * workflow (someone else moved it first) is refused rather than applied on top.
 */
import { randomBytes } from "node:crypto";
import { and, asc, desc, eq } from "drizzle-orm";
import { londonDate } from "../../obligations/calendar/iso-date.js";
import type { CompletedAssessment } from "../../obligations/profile.js";
import { assuranceHistory } from "../../obligations/workflows/completion.js";
import { creators, newWorkflow } from "../../obligations/workflows/create.js";
import {
  type AllowedTransition,
  allowedTransitions,
  applyTransition,
  RoleRefused,
} from "../../obligations/workflows/machine.js";
import { machines } from "../../obligations/workflows/machines.js";
import type { WorkflowCategory, WorkflowData, WorkflowKind } from "../../obligations/workflows/types.js";
import type { WorkspaceRole } from "../access/principal.js";
import { appendAudit, auditSchemaVersion, type JsonValue, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import { partiesOf } from "../parties.js";
import { workflowSteps, workflows } from "./tables.js";

export type WorkflowStep = {
  readonly version: number;
  readonly transition: string;
  readonly from: string | null;
  readonly to: string;
  readonly clause: string;
  readonly actor: string;
  readonly role: string;
  /** ISO 8601 instant, and the day in Great Britain the step counts on. */
  readonly at: string;
  readonly on: string;
  readonly payload: unknown;
};

export type WorkflowSummary = {
  readonly id: string;
  readonly party: string;
  readonly kind: WorkflowKind;
  readonly category: WorkflowCategory;
  readonly state: string;
  readonly version: number;
  readonly scheduledFor: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type StoredWorkflow = WorkflowSummary & {
  readonly data: WorkflowData;
  readonly steps: readonly WorkflowStep[];
  readonly allowedTransitions: readonly AllowedTransition[];
};

/** Who acts: the audit origin, and the roles held in the party's workspace (the step picks one). */
export type Actor = { readonly origin: Origin; readonly roles: readonly WorkspaceRole[] };

export type StepRequest = {
  readonly transition: string;
  readonly version: number;
  readonly payload: unknown;
};

/** The step named a version the workflow has moved past (HTTP 409). */
export class StaleVersion extends Error {
  readonly current: number;
  constructor(id: string, given: number, current: number) {
    super(`workflow ${id} is at version ${current}, not ${given}: reload it and decide again`);
    this.name = "StaleVersion";
    this.current = current;
  }
}

export class UnknownParty extends Error {
  constructor(party: string) {
    super(`no party with id ${party}`);
    this.name = "UnknownParty";
  }
}

export type Workflows = {
  readonly create: (party: string, body: unknown, actor: Actor) => Promise<StoredWorkflow>;
  readonly list: (party: string) => Promise<WorkflowSummary[]>;
  readonly get: (party: string, id: string) => Promise<StoredWorkflow | undefined>;
  readonly transition: (
    party: string,
    id: string,
    step: StepRequest,
    actor: Actor,
  ) => Promise<StoredWorkflow | undefined>;
  /** The party's completed assessments as the assurance planner counts them (G8.37, G8.40). */
  readonly assuranceHistory: (party: string) => Promise<CompletedAssessment[]>;
};

type Row = typeof workflows.$inferSelect;

export function workflowsOf(db: Database, clock: Clock): Workflows {
  const get = async (party: string, id: string) => {
    const [row] = await db
      .select()
      .from(workflows)
      .where(and(eq(workflows.party, party), eq(workflows.id, id)));
    return row && withSteps(db, row);
  };
  return {
    create: (party, body, actor) => create(db, clock, party, body, actor),
    list: async (party) =>
      (
        await db
          .select()
          .from(workflows)
          .where(eq(workflows.party, party))
          .orderBy(desc(workflows.createdAt), asc(workflows.id))
      ).map(summary),
    get,
    transition: (party, id, step, actor) => transition(db, clock, party, id, step, actor),
    assuranceHistory: async (party) =>
      assuranceHistory(await db.select().from(workflows).where(eq(workflows.party, party))),
  };
}

async function create(
  db: Database,
  clock: Clock,
  party: string,
  body: unknown,
  actor: Actor,
): Promise<StoredWorkflow> {
  const parties = partiesOf(db, clock);
  const stored = await parties.get(party);
  if (!stored) throw new UnknownParty(party);
  const fresh = newWorkflow(stored.profile, await parties.peers(), body);
  const role = actor.roles.find((r) => creators.includes(r));
  if (role === undefined) throw new RoleRefused("create", creators, actor.roles);
  const machine = machines[fresh.kind];
  const id = `wf-${randomBytes(5).toString("hex")}`;
  const now = clock.now();
  const row = await db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(workflows)
      .values({
        id,
        party,
        kind: fresh.kind,
        category: fresh.category,
        state: machine.initial,
        version: 1,
        data: fresh.data,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordStep(tx, clock, inserted!, {
      transition: "create",
      from: null,
      clause: fresh.clause,
      role,
      origin: actor.origin,
      payload: { kind: fresh.kind, category: fresh.category, scheduledFor: fresh.data.scheduledFor ?? null },
    });
    return inserted!;
  });
  return withSteps(db, row);
}

async function transition(
  db: Database,
  clock: Clock,
  party: string,
  id: string,
  step: StepRequest,
  actor: Actor,
): Promise<StoredWorkflow | undefined> {
  const row = await db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(workflows)
      .where(and(eq(workflows.party, party), eq(workflows.id, id)))
      .for("update");
    if (!current) return undefined;
    if (current.version !== step.version) throw new StaleVersion(id, step.version, current.version);
    const now = clock.now();
    const outcome = applyTransition(
      machines[current.kind],
      current,
      step.transition,
      step.payload,
      actor.roles,
      londonDate(now),
    );
    const [updated] = await tx
      .update(workflows)
      .set({ state: outcome.state, data: outcome.data, version: current.version + 1, updatedAt: now })
      .where(and(eq(workflows.id, id), eq(workflows.version, current.version)))
      .returning();
    await recordStep(tx, clock, updated!, {
      transition: step.transition,
      from: current.state,
      clause: outcome.clause,
      role: outcome.role,
      origin: actor.origin,
      payload: outcome.payload,
    });
    return updated!;
  });
  return row && withSteps(db, row);
}

type StepRecord = {
  readonly transition: string;
  readonly from: string | null;
  readonly clause: string;
  readonly role: WorkspaceRole;
  readonly origin: Origin;
  readonly payload: unknown;
};

/** The step row and its audit entry, in the caller's transaction. */
async function recordStep(tx: Transaction, clock: Clock, row: Row, step: StepRecord): Promise<void> {
  const at = row.updatedAt;
  await tx.insert(workflowSteps).values({
    workflowId: row.id,
    version: row.version,
    transition: step.transition,
    fromState: step.from,
    toState: row.state,
    clause: step.clause,
    actor: step.origin.actor,
    role: step.role,
    at,
    onDate: londonDate(at),
    payload: step.payload ?? {},
  });
  await appendAudit(tx, {
    ...step.origin,
    action: step.from === null ? "workflow.create" : "workflow.transition",
    target: `workflow:${row.party}/${row.id}`,
    outcome: "success",
    time: at.toISOString(),
    timeSource: clock.source,
    schemaVersion: auditSchemaVersion,
    detail: {
      kind: row.kind,
      transition: step.transition,
      from: step.from,
      to: row.state,
      clause: step.clause,
      role: step.role,
      version: row.version,
      copiesTo: row.data.copiesTo as JsonValue,
    },
  });
}

function summary(row: Row): WorkflowSummary {
  return {
    id: row.id,
    party: row.party,
    kind: row.kind,
    category: row.category,
    state: row.state,
    version: row.version,
    scheduledFor: row.data.scheduledFor ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function withSteps(db: Database, row: Row): Promise<StoredWorkflow> {
  const steps = await db
    .select()
    .from(workflowSteps)
    .where(eq(workflowSteps.workflowId, row.id))
    .orderBy(asc(workflowSteps.version));
  return {
    ...summary(row),
    data: row.data,
    steps: steps.map((s) => ({
      version: s.version,
      transition: s.transition,
      from: s.fromState,
      to: s.toState,
      clause: s.clause,
      actor: s.actor,
      role: s.role,
      at: s.at.toISOString(),
      on: s.onDate,
      payload: s.payload,
    })),
    allowedTransitions: allowedTransitions(machines[row.kind], row.state),
  };
}
