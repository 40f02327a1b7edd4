/**
 * Control runs as evidence: each run is stored for its party with when it started and finished,
 * its method, its status, the evidence record it produced and that record's SHA-256, and the
 * obligation ids it is evidence for — those of the control's duties that bind the party on the
 * day it ran. The run, the findings it opens, sees again or rectifies, and its audit entry are
 * written in one transaction. A run that fails (unreadable input, truncated osquery JSON) is
 * stored as an error, evidences nothing and rectifies nothing.
 */
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { canonicalSha256 } from "../../common/canonical-json.js";
import { InputError } from "../../common/input-error.js";
import type { Finding } from "../../controls/host/findings.js";
import { londonDate } from "../../obligations/calendar/iso-date.js";
import { appendAudit, auditSchemaVersion, type JsonValue, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database } from "../database.js";
import { partiesOf } from "../parties.js";
import {
  type ControlName,
  type ControlOutcome,
  evidenceRecord,
  executeControl,
  type RunRequest,
} from "./execute.js";
import {
  type FindingInput,
  findingsOf,
  fingerprintOf,
  outcomeDetail,
  recordObservation,
  type StoredFinding,
} from "./findings.js";
import { resolveFromRegisters } from "./register-inputs.js";
import { type ControlRunStatus, controlRuns } from "./tables.js";

export type StoredControlRun = {
  readonly id: string;
  readonly party: string;
  readonly control: string;
  readonly system: string | null;
  /** ISO 8601 instants. */
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly method: "test";
  readonly status: ControlRunStatus;
  readonly result: Record<string, unknown>;
  readonly obligations: readonly string[];
  readonly resultSha256: string;
};

export type ControlRunWithFindings = StoredControlRun & { readonly findings: readonly StoredFinding[] };

/** A request whose inputs are read when the run starts, so a file that cannot be read is an error run. */
export type PendingRequest = { readonly control: ControlName; readonly load: () => Promise<RunRequest> };

export type RunOptions = {
  /**
   * The system the run is for; must agree with the one the baseline or allowlist names. A drift or
   * ports request naming neither reads this system's from the registers.
   */
  readonly system?: string;
};

export type ControlRunsFilter = {
  readonly control?: string;
  readonly system?: string;
  /** At most this many, latest first (default 100). */
  readonly limit?: number;
};

export type ControlRuns = {
  /** Runs the control now and stores the run; a run that fails is stored with status "error". */
  readonly run: (
    party: string,
    request: RunRequest | PendingRequest,
    options: RunOptions,
    origin: Origin,
  ) => Promise<ControlRunWithFindings>;
  readonly list: (party: string, filter?: ControlRunsFilter) => Promise<StoredControlRun[]>;
  readonly get: (party: string, id: string) => Promise<ControlRunWithFindings | undefined>;
  /** The latest run that was not an error, per control and system: the party's current control evidence. */
  readonly latestEvidence: (party: string) => Promise<StoredControlRun[]>;
};

export function controlRunsOf(db: Database, clock: Clock): ControlRuns {
  const findings = findingsOf(db, clock);
  const get = async (party: string, id: string) => {
    const [row] = await db
      .select()
      .from(controlRuns)
      .where(and(eq(controlRuns.party, party), eq(controlRuns.id, id)));
    return row && { ...shaped(row), findings: await findings.list(party, { runId: id }) };
  };
  return {
    run: async (party, request, options, origin) => {
      const id = await runAndStore(db, clock, party, request, options, origin);
      return (await get(party, id))!;
    },
    list: async (party, filter = {}) => {
      const rows = await db
        .select()
        .from(controlRuns)
        .where(
          and(
            eq(controlRuns.party, party),
            ...(filter.control === undefined ? [] : [eq(controlRuns.control, filter.control)]),
            ...(filter.system === undefined ? [] : [eq(controlRuns.system, filter.system)]),
          ),
        )
        .orderBy(desc(controlRuns.finishedAt), asc(controlRuns.id))
        .limit(filter.limit ?? 100);
      return rows.map(shaped);
    },
    get,
    latestEvidence: async (party) => {
      const rows = await db
        .selectDistinctOn([controlRuns.control, sql`coalesce(${controlRuns.system}, '')`])
        .from(controlRuns)
        .where(and(eq(controlRuns.party, party), ne(controlRuns.status, "error")))
        .orderBy(controlRuns.control, sql`coalesce(${controlRuns.system}, '')`, desc(controlRuns.finishedAt));
      return rows.map(shaped).sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
    },
  };
}

async function runAndStore(
  db: Database,
  clock: Clock,
  partyId: string,
  request: RunRequest | PendingRequest,
  options: RunOptions,
  origin: Origin,
): Promise<string> {
  const parties = partiesOf(db, clock);
  const party = await parties.get(partyId);
  if (!party) throw new InputError({ path: "party" }, `a stored party (there is no party "${partyId}")`);
  const startedAt = clock.now();
  // Defined only when the control ran on input that fits the party and system.
  let outcome: ControlOutcome | undefined;
  let failure = "";
  const duty = party.profile.kind === "dcc" ? "dcc" : "user";
  try {
    const asked = "load" in request ? await request.load() : request;
    const executed = await executeControl(
      await resolveFromRegisters(db, partyId, duty, options.system, asked),
    );
    checkFits(executed, duty, options.system);
    outcome = executed;
  } catch (error) {
    failure = (error as Error).message;
  }
  const finishedAt = clock.now();
  const system = options.system ?? outcome?.system ?? null;
  const obligations = outcome
    ? await bindingOf(parties, partyId, outcome.obligations, londonDate(startedAt))
    : [];
  const result = outcome
    ? evidenceRecord(outcome, startedAt, obligations)
    : {
        control: request.control,
        ranAt: startedAt.toISOString(),
        method: "test",
        obligations,
        ...(system === null ? {} : { system }),
        error: failure,
      };
  const status: ControlRunStatus = !outcome ? "error" : outcome.findings.length > 0 ? "findings" : "pass";
  const resultSha256 = canonicalSha256(result);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(controlRuns).values({
      id,
      party: partyId,
      control: request.control,
      system,
      startedAt,
      finishedAt,
      method: "test",
      status,
      result,
      obligations,
      resultSha256,
    });
    const observed =
      outcome &&
      (await recordObservation(tx, {
        party: partyId,
        source: sourceOf(request.control),
        system,
        runId: id,
        at: finishedAt,
        findings: outcome.findings.map(findingInput),
        covers: outcome.covers,
      }));
    await appendAudit(tx, {
      ...origin,
      action: "control.run",
      target: `party:${partyId}`,
      outcome: status === "error" ? "failure" : "success",
      time: finishedAt.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: {
        runId: id,
        control: request.control,
        system,
        status,
        resultSha256,
        obligations: [...obligations],
        ...(observed ? outcomeDetail(observed) : {}),
        ...(outcome ? {} : { error: failure }),
      } satisfies Record<string, JsonValue>,
    });
  });
  return id;
}

/** Findings of a control are recorded under this source. */
export function sourceOf(control: ControlName): string {
  return `control:${control}`;
}

function findingInput(f: Finding): FindingInput {
  return {
    kind: f.kind,
    fingerprint: fingerprintOf([f.kind, f.subject]),
    obligations: [f.clause],
    severity: f.severity,
    title: `${f.kind}: ${f.subject}`,
    detail: f.detail,
  };
}

/** A baseline written for the other side's duties, or for another system, is a mistake to stop at. */
function checkFits(outcome: ControlOutcome, duty: "dcc" | "user", system: string | undefined): void {
  if (outcome.control === "drift" && outcome.duty !== duty)
    throw new InputError(
      { path: "party" },
      `a baseline with party: ${duty} for this party (the baseline says ${outcome.duty})`,
    );
  if (system !== undefined && outcome.system !== undefined && outcome.system !== system)
    throw new InputError(
      { path: "system" },
      `the system the ${outcome.control === "drift" ? "baseline" : "allowlist"} names (${outcome.system}, not ${system})`,
    );
}

/** The control's clause ids that bind the party (as such or in any role) on the day it ran. */
async function bindingOf(
  parties: ReturnType<typeof partiesOf>,
  party: string,
  candidates: readonly string[],
  on: string,
): Promise<string[]> {
  const answer = await parties.obligationsOf(party, on);
  if (!answer) return [];
  const binding = new Set(
    [...answer.partyObligations, ...answer.roles.flatMap((r) => r.obligations)].map((o) => clauseOf(o.id)),
  );
  return candidates.filter((id) => binding.has(id));
}

/** "G3.1(a)(i)" → "G3.1": obligations and evidence meet at the clause. */
export function clauseOf(id: string): string {
  return id.replace(/\(.*$/, "");
}

function shaped(row: typeof controlRuns.$inferSelect): StoredControlRun {
  return {
    id: row.id,
    party: row.party,
    control: row.control,
    system: row.system,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    method: row.method,
    status: row.status,
    result: row.result,
    obligations: row.obligations,
    resultSha256: row.resultSha256,
  };
}
