/**
 * Retention of the audit log: the only change the audit tables accept. The text of the oldest
 * entries is first archived in a bundle (which is read back and verified), then removed from the
 * store; their leaf hashes, the tree's nodes and the checkpoints stay, so every signed root,
 * inclusion proof and consistency proof remains verifiable, and a later bundle lists the pruned
 * leaves by hash alone. The database lets an entry lose its text only inside the transaction that
 * records a retention covering its leaf (migrations/0091), and that transaction also appends the
 * retention's own audit entry: no change without its record.
 *
 * Pruning always removes a prefix of the leaves: [0, P) after every retention, so a verifier can
 * tell a pruned entry from a removed one (docs/audit-log.md, "Retention").
 */
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { and, desc, gte, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { InputError, type Where } from "../../common/input-error.js";
import { parseStructured } from "../../common/structured-input.js";
import { appendAuditReturningSeq, auditSchemaVersion, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import { auditEntries } from "../schema.js";
import { bundleLines, type ExportOptions, type Verdict, verifyBundle } from "./bundle.js";
import { registeredKeys, signNewCheckpoint } from "./checkpoints.js";
import type { SigningKey } from "./keys.js";
import { auditRetentions, auditTreeLeaves } from "./tables.js";

/**
 * Nothing younger than this is ever pruned unless the caller lowers it explicitly: User Security
 * Assessments recur at most twelve months apart (G8.40), so the records of a whole assessment
 * cycle, and a month's slack to schedule the assessment, stay readable to the assessor.
 */
export const defaultMinimumRetentionDays = 400;

const dayMs = 86_400_000;
// Retentions queue on this lock, so two never compute the same range.
const retentionLock = 0x5ec6_a0d4;

/** A retention policy file (YAML or JSON): keep `keepDays` days, never fewer than `minimumDays`. */
export const retentionPolicySchema = z
  .object({
    keepDays: z.number().int().min(1).describe("entries older than this many days lose their text"),
    minimumDays: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe(`refuse a cut younger than this many days (default ${defaultMinimumRetentionDays})`),
  })
  .strict();

export type RetentionPolicy = z.output<typeof retentionPolicySchema>;

export function readRetentionPolicy(text: string, file: string): RetentionPolicy {
  return parseStructured(text, file, retentionPolicySchema);
}

/** The cut of a policy that keeps `keepDays` days, judged at `now`. */
export function cutOfKeepDays(now: Date, keepDays: number): Date {
  return new Date(now.getTime() - keepDays * dayMs);
}

/** Refuses a cut that would prune entries younger than `minimumDays` at `now`; `where` names the setting. */
export function requireMinimumAge(cut: Date, now: Date, minimumDays: number, where: Where): void {
  const latest = new Date(now.getTime() - minimumDays * dayMs);
  if (cut.getTime() > latest.getTime()) {
    throw new InputError(
      where,
      `a cut no later than ${latest.toISOString()}: entries younger than the minimum retention of ` +
        `${minimumDays} days are never pruned (got ${cut.toISOString()})`,
    );
  }
}

export type Archive = { readonly file: string; readonly sha256: string; readonly size: number };

/** Writes the bundle (up to the latest signed checkpoint) to `file`; returns how many entries it holds. */
export async function writeBundleFile(db: Database, file: string, options: ExportOptions): Promise<number> {
  const out = createWriteStream(file, { encoding: "utf8" });
  let entries = 0;
  try {
    for await (const line of bundleLines(db, options)) {
      if (line.startsWith('{"type":"entry"')) entries += 1;
      if (!out.write(line)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  } catch (error) {
    out.destroy();
    throw error;
  }
  out.end();
  await finished(out);
  return entries;
}

/** An archive that does not verify: nothing is pruned. */
export class ArchiveNotVerified extends Error {
  readonly verdict: Verdict;
  constructor(file: string, verdict: Verdict) {
    super(
      `the archive ${file} does not verify (first invalid entry ${verdict.firstInvalid}: ` +
        `${verdict.problems[0] ?? "unknown problem"}); nothing was pruned`,
    );
    this.name = "ArchiveNotVerified";
    this.verdict = verdict;
  }
}

/**
 * Writes the archive bundle and reads it back: it must verify against the keys registered in the
 * store before anything it holds may lose its text in the store.
 */
export async function writeVerifiedArchive(db: Database, file: string, exportedAt: string): Promise<Archive> {
  await writeBundleFile(db, file, { exportedAt });
  const bytes = await readFile(file);
  const verdict = verifyBundle(bytes.toString("utf8"), await registeredKeys(db));
  if (!verdict.valid) throw new ArchiveNotVerified(file, verdict);
  return { file, sha256: createHash("sha256").update(bytes).digest("hex"), size: verdict.size };
}

export type Retention = {
  /** Leaves [prunedFrom, prunedTo) lost their text; equal when there was nothing to prune. */
  readonly prunedFrom: number;
  readonly prunedTo: number;
  readonly cut: string;
  readonly archive: Archive;
};

export type RetainOutcome =
  | { readonly retained: true; readonly retention: Retention }
  | { readonly retained: false; readonly reason: string };

/**
 * The whole retention, as `secg audit retain` runs it: sign a checkpoint (so the archive holds
 * every entry so far), write and verify the archive, prune, and sign again, so that the retention's
 * own entry, which justifies the pruned leaves to a verifier, is in the checkpoint every later
 * bundle ends with. Refused (nothing pruned) when the first checkpoint cannot be signed; throws
 * ArchiveNotVerified when the archive does not verify.
 */
export async function retainAuditLog(
  db: Database,
  clock: Clock,
  key: SigningKey,
  request: { readonly cut: Date; readonly minimumDays: number; readonly archiveFile: string },
  origin: Origin,
): Promise<RetainOutcome> {
  const before = await signNewCheckpoint(db, clock, key, origin);
  if (!before.signed) return { retained: false, reason: before.reason };
  const archive = await writeVerifiedArchive(db, request.archiveFile, clock.now().toISOString());
  const { cut, minimumDays } = request;
  const retention = await pruneAuditLog(db, clock, { cut, minimumDays, archive }, origin);
  if (retention.prunedTo === retention.prunedFrom) return { retained: true, retention };
  const after = await signNewCheckpoint(db, clock, key, origin);
  if (!after.signed) {
    throw new Error(
      `pruned leaves ${retention.prunedFrom} to ${retention.prunedTo - 1}, but could not sign the checkpoint ` +
        `that holds the retention's entry (${after.reason}); bundles verify again once one is signed`,
    );
  }
  return { retained: true, retention };
}

/** How many leaves, from the first, have lost their text: every retention prunes a prefix. */
export async function prunedPrefix(db: Database | Transaction): Promise<number> {
  const [row] = await db
    .select({ to: auditRetentions.prunedTo })
    .from(auditRetentions)
    .orderBy(desc(auditRetentions.prunedTo))
    .limit(1);
  return row?.to ?? 0;
}

/**
 * Removes the text of the leaves from the end of the pruned prefix up to the first leaf, within
 * the archive, whose time is not before `cut`; records the retention and its audit entry in the
 * same transaction. The caller has written the archive; a cut within the minimum age is refused.
 */
export async function pruneAuditLog(
  db: Database,
  clock: Clock,
  request: { readonly cut: Date; readonly minimumDays: number; readonly archive: Archive },
  origin: Origin,
): Promise<Retention> {
  const { cut, minimumDays, archive } = request;
  requireMinimumAge(cut, clock.now(), minimumDays, { path: "cut" });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${retentionLock})`);
    const from = await prunedPrefix(tx);
    const to = await firstKept(tx, from, archive.size, cut);
    const retention = { prunedFrom: from, prunedTo: Math.max(from, to), cut: cut.toISOString(), archive };
    if (to <= from) return retention;
    const now = clock.now();
    const auditSeq = await appendAuditReturningSeq(tx, {
      ...origin,
      action: "audit.retain",
      target: `audit-leaves:${from}-${to}`,
      outcome: "success",
      time: now.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: {
        prunedFrom: from,
        prunedTo: to,
        cut: cut.toISOString(),
        minimumDays,
        archiveSha256: archive.sha256,
        archiveSize: archive.size,
      },
    });
    await tx.insert(auditRetentions).values({
      prunedFrom: from,
      prunedTo: to,
      cut,
      archiveSha256: archive.sha256,
      archiveSize: archive.size,
      auditSeq,
    });
    await tx
      .update(auditEntries)
      .set({ entry: null })
      .where(
        sql`${auditEntries.seq} in (${tx
          .select({ seq: auditTreeLeaves.seq })
          .from(auditTreeLeaves)
          .where(and(gte(auditTreeLeaves.index, from), lt(auditTreeLeaves.index, to)))})`,
      );
    return retention;
  });
}

/** The first leaf in [from, end) that must keep its text (its time is not before the cut), or end. */
async function firstKept(tx: Transaction, from: number, end: number, cut: Date): Promise<number> {
  // An entry without a readable time, or already without text, stops the prefix: it is kept.
  const before = sql`coalesce((${auditEntries.entry}::jsonb ->> 'time')::timestamptz < ${cut.toISOString()}::timestamptz, false)`;
  const [row] = await tx
    .select({ index: auditTreeLeaves.index })
    .from(auditTreeLeaves)
    .innerJoin(auditEntries, sql`${auditEntries.seq} = ${auditTreeLeaves.seq}`)
    .where(and(gte(auditTreeLeaves.index, from), lt(auditTreeLeaves.index, end), sql`not ${before}`))
    .orderBy(auditTreeLeaves.index)
    .limit(1);
  return row?.index ?? end;
}
