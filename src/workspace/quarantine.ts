/**
 * The durable quarantine of Threshold Anomaly Detection (G6): Service Requests held back by a
 * threshold wait here until their User decides to delete or process them. Each hold and each
 * decision is written in the same transaction as its audit entry, and a RequestID is held at
 * most once, so a request redelivered after a crash is never quarantined twice.
 */
import { and, asc, eq, gte, ne } from "drizzle-orm";
import { InputError } from "../common/input-error.js";
import type { UserDecision } from "../controls/adt/engine.js";
import type { DecidedRequest, DecisionSource } from "../controls/adt/service/decision-feed.js";
import type { QuarantineSink } from "../controls/adt/service/user-stage.js";
import { appendAudit, auditSchemaVersion, type Origin } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Database } from "./database.js";
import { quarantinedRequests } from "./schema.js";

export type QuarantineBreach = "user-threshold" | "dcc-threshold" | "attribute-limits";
export type QuarantineStatus = "waiting" | "deleted" | "processed";
export type { UserDecision };

export type HoldInput = {
  readonly requestId: string;
  readonly userId: string;
  /** The request as it arrived (a JSON Lines object of ../shared/contracts/adt.md). */
  readonly request: Readonly<Record<string, unknown>>;
  readonly breach: QuarantineBreach;
  /** The index of the breached threshold in its file. */
  readonly threshold: number;
};

export type QuarantinedRequest = {
  readonly requestId: string;
  readonly userId: string;
  readonly request: Record<string, unknown>;
  readonly breach: QuarantineBreach;
  readonly threshold: number;
  readonly status: QuarantineStatus;
  /** ISO 8601 instants. */
  readonly quarantinedAt: string;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
};

export type DecideResult =
  | { readonly found: true; readonly request: QuarantinedRequest }
  | { readonly found: false };

export type QuarantineFilter = {
  readonly status?: QuarantineStatus;
  readonly userId?: string;
  /** Only requests decided (deleted or processed) at or after this instant. */
  readonly decidedSince?: Date;
};

export type Quarantine = {
  /** Holds each request not held before; answers the RequestIDs newly held. */
  readonly hold: (entries: readonly HoldInput[], origin: Origin) => Promise<string[]>;
  readonly list: (filter?: QuarantineFilter) => Promise<QuarantinedRequest[]>;
  readonly get: (requestId: string) => Promise<QuarantinedRequest | undefined>;
  /** Records the User's decision on a waiting request; a request already decided is refused. */
  readonly decide: (requestId: string, decision: UserDecision, origin: Origin) => Promise<DecideResult>;
};

const statusOf: Record<UserDecision, QuarantineStatus> = { delete: "deleted", process: "processed" };

export function quarantineOf(db: Database, clock: Clock): Quarantine {
  return {
    hold: (entries, origin) => hold(db, clock, entries, origin),
    list: async (filter = {}) => {
      const conditions = [
        ...(filter.status === undefined ? [] : [eq(quarantinedRequests.status, filter.status)]),
        ...(filter.userId === undefined ? [] : [eq(quarantinedRequests.userId, filter.userId)]),
        ...(filter.decidedSince === undefined
          ? []
          : [
              ne(quarantinedRequests.status, "waiting"),
              gte(quarantinedRequests.decidedAt, filter.decidedSince),
            ]),
      ];
      const rows = await db
        .select()
        .from(quarantinedRequests)
        .where(conditions.length === 0 ? undefined : and(...conditions))
        .orderBy(asc(quarantinedRequests.quarantinedAt), asc(quarantinedRequests.requestId));
      return rows.map(shaped);
    },
    get: async (requestId) => {
      const [row] = await db
        .select()
        .from(quarantinedRequests)
        .where(eq(quarantinedRequests.requestId, requestId));
      return row && shaped(row);
    },
    decide: (requestId, decision, origin) => decide(db, clock, requestId, decision, origin),
  };
}

/** Six parameters a row. */
const rowsPerInsert = 5000;

async function hold(
  db: Database,
  clock: Clock,
  entries: readonly HoldInput[],
  origin: Origin,
): Promise<string[]> {
  if (entries.length === 0) return [];
  return db.transaction(async (tx) => {
    const now = clock.now();
    const held = new Set<string>();
    // In statements of a few thousand rows: PostgreSQL takes at most 65,535 parameters in one.
    for (let start = 0; start < entries.length; start += rowsPerInsert) {
      const inserted = await tx
        .insert(quarantinedRequests)
        .values(
          entries.slice(start, start + rowsPerInsert).map((entry) => ({
            requestId: entry.requestId,
            userId: entry.userId,
            request: entry.request,
            breach: entry.breach,
            threshold: entry.threshold,
            quarantinedAt: now,
          })),
        )
        .onConflictDoNothing({ target: quarantinedRequests.requestId })
        .returning({ requestId: quarantinedRequests.requestId });
      for (const row of inserted) held.add(row.requestId);
    }
    for (const entry of entries) {
      if (!held.has(entry.requestId)) continue;
      await appendAudit(tx, {
        ...origin,
        action: "adt.quarantine.hold",
        target: `service-request:${entry.requestId}`,
        outcome: "success",
        time: now.toISOString(),
        timeSource: clock.source,
        schemaVersion: auditSchemaVersion,
        detail: { userId: entry.userId, breach: entry.breach, threshold: entry.threshold },
      });
    }
    return [...held];
  });
}

async function decide(
  db: Database,
  clock: Clock,
  requestId: string,
  decision: UserDecision,
  origin: Origin,
): Promise<DecideResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(quarantinedRequests)
      .where(eq(quarantinedRequests.requestId, requestId))
      .for("update");
    if (!row) return { found: false };
    if (row.status !== "waiting") {
      throw new InputError(
        { path: "requestId" },
        `a request still waiting for a decision (${requestId} was already ${row.status} by ${row.decidedBy})`,
      );
    }
    const now = clock.now();
    const [updated] = await tx
      .update(quarantinedRequests)
      .set({ status: statusOf[decision], decidedBy: origin.actor, decidedAt: now })
      .where(and(eq(quarantinedRequests.requestId, requestId), eq(quarantinedRequests.status, "waiting")))
      .returning();
    await appendAudit(tx, {
      ...origin,
      action: `adt.quarantine.${decision}`,
      target: `service-request:${requestId}`,
      outcome: "success",
      time: now.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: { userId: row.userId, breach: row.breach },
    });
    return { found: true, request: shaped(updated!) };
  });
}

function shaped(row: typeof quarantinedRequests.$inferSelect): QuarantinedRequest {
  return {
    requestId: row.requestId,
    userId: row.userId,
    request: row.request,
    breach: row.breach,
    threshold: row.threshold,
    status: row.status,
    quarantinedAt: row.quarantinedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

/** The quarantine as the live ADT service uses it: holds written under `origin`, decisions read back. */
export function quarantineSink(quarantine: Quarantine, origin: Origin): QuarantineSink & DecisionSource {
  return {
    hold: (entries) => quarantine.hold(entries, origin),
    decidedSince: async (since) => {
      const rows = await quarantine.list({ decidedSince: since });
      return rows.flatMap((row): DecidedRequest[] =>
        row.status === "waiting" || row.decidedAt === null
          ? []
          : [
              {
                requestId: row.requestId,
                userId: row.userId,
                status: row.status,
                decidedAt: row.decidedAt,
                decidedBy: row.decidedBy,
                request: row.request,
              },
            ],
      );
    },
  };
}
