/**
 * The workspace's one findings register. Anything that observes deviations (control runs now;
 * rule checks and assessments later) reports each observation here: a deviation seen again keeps
 * its one live finding, a new one opens a finding, and a live finding the observation looked for
 * but no longer saw is rectified. `source` names what raised a finding ("control:drift",
 * "rule:…", "assessment:…") and `fingerprint` which deviation it is, stable across observations.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { canonicalSha256 } from "../../common/canonical-json.js";
import { InputError } from "../../common/input-error.js";
import { appendAudit, auditSchemaVersion, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import { type FindingSeverity, type FindingStatus, findingObservations, findings } from "./tables.js";

export type FindingInput = {
  /** What sort of deviation, e.g. "package-added"; rectification is decided per kind. */
  readonly kind: string;
  readonly fingerprint: string;
  /** The clause ids the deviation is against, e.g. ["G3.1(a)(i)"]. */
  readonly obligations: readonly string[];
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly detail: string;
};

export type Observation = {
  readonly party: string;
  readonly source: string;
  readonly system: string | null;
  /** The run (control run, rule check, …) that made the observation. */
  readonly runId: string;
  readonly at: Date;
  readonly findings: readonly FindingInput[];
  /**
   * The kinds of deviation this observation looked for in full. A live finding of one of these
   * kinds that it did not see is rectified; an observation that could not look (an error, input
   * known to be incomplete) covers nothing and so rectifies nothing.
   */
  readonly covers: readonly string[];
};

export type ObservationOutcome = {
  readonly opened: readonly string[];
  readonly seenAgain: readonly string[];
  readonly rectified: readonly string[];
};

export type StoredFinding = {
  readonly id: string;
  readonly party: string;
  readonly source: string;
  readonly system: string | null;
  readonly kind: string;
  readonly fingerprint: string;
  readonly obligations: readonly string[];
  readonly severity: FindingSeverity;
  readonly title: string;
  readonly detail: string;
  readonly status: FindingStatus;
  /** ISO 8601 instants. */
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly rectifiedAt: string | null;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly note: string | null;
  /** The runs that saw it, first first. */
  readonly runIds: readonly string[];
};

export type FindingsFilter = {
  readonly status?: FindingStatus;
  readonly source?: string;
  readonly system?: string;
  /** Only the findings this run saw. */
  readonly runId?: string;
};

/** What a person may set: accept a live finding (with a note saying why), or reopen an accepted one. */
export type FindingDecision = { readonly status: "accepted" | "open"; readonly note?: string };

export type Findings = {
  /** Records one observation in a transaction of its own, with its audit entry. */
  readonly observe: (observation: Observation, origin: Origin) => Promise<ObservationOutcome>;
  readonly list: (party: string, filter?: FindingsFilter) => Promise<StoredFinding[]>;
  readonly get: (party: string, id: string) => Promise<StoredFinding | undefined>;
  /** Undefined when the party has no such finding; an InputError when the change is not allowed. */
  readonly decide: (
    party: string,
    id: string,
    decision: FindingDecision,
    origin: Origin,
  ) => Promise<StoredFinding | undefined>;
};

// Observations of one (party, source, system) queue on this lock (with a hash of the three), so
// two concurrent runs never both open the same deviation or rectify what the other just saw.
const findingsLock = 0x5ec6_0080;

/** A stable fingerprint from the parts that identify a deviation (e.g. its kind and subject). */
export function fingerprintOf(parts: readonly string[]): string {
  return canonicalSha256(parts);
}

export function findingsOf(db: Database, clock: Clock): Findings {
  return {
    observe: (observation, origin) =>
      db.transaction(async (tx) => {
        const outcome = await recordObservation(tx, observation);
        await appendAudit(tx, {
          ...origin,
          action: "findings.observe",
          target: `party:${observation.party}`,
          outcome: "success",
          time: clock.now().toISOString(),
          timeSource: clock.source,
          schemaVersion: auditSchemaVersion,
          detail: {
            source: observation.source,
            system: observation.system,
            runId: observation.runId,
            ...outcomeDetail(outcome),
          },
        });
        return outcome;
      }),
    list: async (party, filter = {}) => {
      const rows = await db
        .select()
        .from(findings)
        .where(
          and(
            eq(findings.party, party),
            ...(filter.status === undefined ? [] : [eq(findings.status, filter.status)]),
            ...(filter.source === undefined ? [] : [eq(findings.source, filter.source)]),
            ...(filter.system === undefined ? [] : [eq(findings.system, filter.system)]),
            ...(filter.runId === undefined
              ? []
              : [
                  inArray(
                    findings.id,
                    db
                      .select({ id: findingObservations.findingId })
                      .from(findingObservations)
                      .where(eq(findingObservations.runId, filter.runId)),
                  ),
                ]),
          ),
        )
        .orderBy(desc(findings.lastSeen), asc(findings.id));
      return withRunIds(db, rows);
    },
    get: async (party, id) => {
      const rows = await db
        .select()
        .from(findings)
        .where(and(eq(findings.party, party), eq(findings.id, id)));
      return (await withRunIds(db, rows))[0];
    },
    decide: (party, id, decision, origin) => decide(db, clock, party, id, decision, origin),
  };
}

/** The audit detail of an observation: counts, and the ids that changed state. */
export function outcomeDetail(outcome: ObservationOutcome) {
  return {
    opened: [...outcome.opened],
    seenAgain: outcome.seenAgain.length,
    rectified: [...outcome.rectified],
  };
}

/** Records an observation inside the caller's transaction (which also writes its audit entry). */
export async function recordObservation(tx: Transaction, o: Observation): Promise<ObservationOutcome> {
  const system = o.system ?? "";
  await tx.execute(
    sql`select pg_advisory_xact_lock(${findingsLock}, hashtext(${JSON.stringify([o.party, o.source, system])}))`,
  );
  const live = await tx
    .select()
    .from(findings)
    .where(
      and(
        eq(findings.party, o.party),
        eq(findings.source, o.source),
        sql`coalesce(${findings.system}, '') = ${system}`,
        ne(findings.status, "rectified"),
      ),
    );
  const liveByFingerprint = new Map(live.map((row) => [row.fingerprint, row]));
  const opened: string[] = [];
  const seenAgain: string[] = [];
  const seen = new Set<string>();
  for (const f of mostSevereFirst(o.findings)) {
    // The same deviation reported twice in one observation (e.g. two attempts from one source)
    // is one finding; the most severe report describes it.
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    const current = {
      kind: f.kind,
      obligations: [...f.obligations],
      severity: f.severity,
      title: f.title,
      detail: f.detail,
      lastSeen: o.at,
    };
    const existing = liveByFingerprint.get(f.fingerprint);
    let id: string;
    if (existing) {
      id = existing.id;
      await tx.update(findings).set(current).where(eq(findings.id, id));
      seenAgain.push(id);
    } else {
      id = randomUUID();
      await tx.insert(findings).values({
        ...current,
        id,
        party: o.party,
        source: o.source,
        system: o.system,
        fingerprint: f.fingerprint,
        status: "open",
        firstSeen: o.at,
      });
      opened.push(id);
    }
    await tx.insert(findingObservations).values({ findingId: id, runId: o.runId, seenAt: o.at });
  }
  const covered = new Set(o.covers);
  const gone = live.filter((row) => covered.has(row.kind) && !seen.has(row.fingerprint)).map((row) => row.id);
  if (gone.length > 0)
    await tx
      .update(findings)
      .set({ status: "rectified", rectifiedAt: o.at })
      .where(inArray(findings.id, gone));
  return { opened, seenAgain, rectified: gone };
}

const severityRank: Readonly<Record<FindingSeverity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

function mostSevereFirst(inputs: readonly FindingInput[]): FindingInput[] {
  return [...inputs].sort((a, b) => severityRank[b.severity] - severityRank[a.severity]);
}

async function decide(
  db: Database,
  clock: Clock,
  party: string,
  id: string,
  decision: FindingDecision,
  origin: Origin,
): Promise<StoredFinding | undefined> {
  const note = decision.note?.trim();
  if (decision.status === "accepted" && !note)
    throw new InputError({ path: "note" }, "a note saying why the finding is accepted");
  const changed = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(findings)
      .where(and(eq(findings.party, party), eq(findings.id, id)))
      .for("update");
    if (!row) return false;
    const allowedFrom: FindingStatus = decision.status === "accepted" ? "open" : "accepted";
    if (row.status !== allowedFrom)
      throw new InputError(
        { path: "status" },
        `${decision.status === "accepted" ? "an open finding to accept" : "an accepted finding to reopen"} (this one is ${row.status})`,
      );
    const now = clock.now();
    await tx
      .update(findings)
      .set({ status: decision.status, decidedBy: origin.actor, decidedAt: now, note: note ?? null })
      .where(eq(findings.id, id));
    await appendAudit(tx, {
      ...origin,
      action: decision.status === "accepted" ? "finding.accept" : "finding.reopen",
      target: `finding:${id}`,
      outcome: "success",
      time: now.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: { party, source: row.source, kind: row.kind, ...(note ? { note } : {}) },
    });
    return true;
  });
  if (!changed) return undefined;
  const rows = await db.select().from(findings).where(eq(findings.id, id));
  return (await withRunIds(db, rows))[0];
}

async function withRunIds(db: Database, rows: (typeof findings.$inferSelect)[]): Promise<StoredFinding[]> {
  if (rows.length === 0) return [];
  const observations = await db
    .select({ findingId: findingObservations.findingId, runId: findingObservations.runId })
    .from(findingObservations)
    .where(
      inArray(
        findingObservations.findingId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(asc(findingObservations.seenAt), asc(findingObservations.runId));
  const runIds = new Map<string, string[]>();
  for (const o of observations) {
    const list = runIds.get(o.findingId);
    if (list) list.push(o.runId);
    else runIds.set(o.findingId, [o.runId]);
  }
  return rows.map((row) => ({
    id: row.id,
    party: row.party,
    source: row.source,
    system: row.system,
    kind: row.kind,
    fingerprint: row.fingerprint,
    obligations: row.obligations,
    severity: row.severity,
    title: row.title,
    detail: row.detail,
    status: row.status,
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
    rectifiedAt: row.rectifiedAt?.toISOString() ?? null,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    note: row.note,
    runIds: runIds.get(row.id) ?? [],
  }));
}
