/** The Drizzle view of migrations/0070_workflows.sql: assessment workflows and their steps. */
import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import type { IsoDate } from "../../obligations/calendar/iso-date.js";
import type { WorkflowCategory, WorkflowData, WorkflowKind } from "../../obligations/workflows/types.js";
import { parties } from "../schema.js";

export const workflows = pgTable(
  "workflows",
  {
    id: text("id").primaryKey(),
    party: text("party")
      .notNull()
      .references(() => parties.id),
    kind: text("kind").$type<WorkflowKind>().notNull(),
    category: text("category").$type<WorkflowCategory>().notNull(),
    state: text("state").notNull(),
    version: integer("version").notNull(),
    data: jsonb("data").$type<WorkflowData>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [
    check("workflows_kind", sql`${t.kind} IN ('user', 'entry', 'triage-entry', 'dcc')`),
    check("workflows_category", sql`${t.category} IN ('full', 'verification', 'self', 'follow-up')`),
    check("workflows_version", sql`${t.version} >= 1`),
    index("workflows_party").on(t.party, t.createdAt),
  ],
);

export const workflowSteps = pgTable(
  "workflow_steps",
  {
    workflowId: text("workflow_id")
      .notNull()
      .references(() => workflows.id),
    version: integer("version").notNull(),
    transition: text("transition").notNull(),
    fromState: text("from_state"),
    toState: text("to_state").notNull(),
    clause: text("clause").notNull(),
    actor: text("actor").notNull(),
    role: text("role").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    onDate: date("on_date", { mode: "string" }).$type<IsoDate>().notNull(),
    payload: jsonb("payload").$type<unknown>().notNull(),
  },
  (t) => [
    primaryKey({ name: "workflow_steps_pkey", columns: [t.workflowId, t.version] }),
    check("workflow_steps_first", sql`(${t.version} = 1) = (${t.fromState} IS NULL)`),
  ],
);
