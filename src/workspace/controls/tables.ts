/**
 * Control runs, findings and schedule leases (migrations/0080_control_results.sql), as Drizzle
 * sees them for typed queries.
 */
import { sql } from "drizzle-orm";
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { parties } from "../schema.js";

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const controlRunStatuses = ["pass", "findings", "error"] as const;
export type ControlRunStatus = (typeof controlRunStatuses)[number];

export const findingStatuses = ["open", "rectified", "accepted"] as const;
export type FindingStatus = (typeof findingStatuses)[number];

export const severities = ["low", "medium", "high", "critical"] as const;
export type FindingSeverity = (typeof severities)[number];

export const controlRuns = pgTable(
  "control_runs",
  {
    id: text("id").primaryKey(),
    party: text("party")
      .notNull()
      .references(() => parties.id),
    control: text("control").notNull(),
    system: text("system"),
    startedAt: instant("started_at").notNull(),
    finishedAt: instant("finished_at").notNull(),
    method: text("method").$type<"test">().notNull(),
    status: text("status").$type<ControlRunStatus>().notNull(),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    obligations: text("obligations").array().notNull(),
    resultSha256: text("result_sha256").notNull(),
  },
  (t) => [
    check("control_runs_method", sql`${t.method} IN ('test')`),
    check("control_runs_status", sql`${t.status} IN ('pass', 'findings', 'error')`),
    check("control_runs_result_sha256_hex", sql`${t.resultSha256} ~ '^[0-9a-f]{64}$'`),
    check("control_runs_order", sql`${t.finishedAt} >= ${t.startedAt}`),
    index("control_runs_party_control").on(t.party, t.control, t.finishedAt),
  ],
);

export const findings = pgTable(
  "findings",
  {
    id: text("id").primaryKey(),
    party: text("party")
      .notNull()
      .references(() => parties.id),
    source: text("source").notNull(),
    system: text("system"),
    kind: text("kind").notNull(),
    fingerprint: text("fingerprint").notNull(),
    obligations: text("obligations").array().notNull(),
    severity: text("severity").$type<FindingSeverity>().notNull(),
    title: text("title").notNull(),
    detail: text("detail").notNull(),
    status: text("status").$type<FindingStatus>().notNull(),
    firstSeen: instant("first_seen").notNull(),
    lastSeen: instant("last_seen").notNull(),
    rectifiedAt: instant("rectified_at"),
    decidedBy: text("decided_by"),
    decidedAt: instant("decided_at"),
    note: text("note"),
  },
  (t) => [
    check("findings_severity", sql`${t.severity} IN ('low', 'medium', 'high', 'critical')`),
    check("findings_status", sql`${t.status} IN ('open', 'rectified', 'accepted')`),
    check("findings_rectified", sql`(${t.status} = 'rectified') = (${t.rectifiedAt} IS NOT NULL)`),
    check(
      "findings_accepted",
      sql`${t.status} <> 'accepted' OR (${t.decidedBy} IS NOT NULL AND ${t.note} IS NOT NULL)`,
    ),
    uniqueIndex("findings_live_fingerprint")
      .on(t.party, t.source, sql`coalesce(${t.system}, '')`, t.fingerprint)
      .where(sql`${t.status} <> 'rectified'`),
    index("findings_party_status").on(t.party, t.status),
  ],
);

export const findingObservations = pgTable(
  "finding_observations",
  {
    findingId: text("finding_id")
      .notNull()
      .references(() => findings.id),
    runId: text("run_id").notNull(),
    seenAt: instant("seen_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.findingId, t.runId] })],
);

export const scheduleLeases = pgTable(
  "schedule_leases",
  {
    job: text("job").primaryKey(),
    nextDue: instant("next_due").notNull(),
    holder: text("holder"),
    leaseUntil: instant("lease_until"),
    lastStartedAt: instant("last_started_at"),
    lastFinishedAt: instant("last_finished_at"),
  },
  (t) => [check("schedule_leases_holder", sql`(${t.holder} IS NULL) = (${t.leaseUntil} IS NULL)`)],
);
