/**
 * Signed checkpoints of the audit log. Signing integrates the new entries, then refuses to sign
 * unless the new tree provably extends the last signed one (a consistency proof checked against
 * the last checkpoint's signed root), so a rewritten history can never be signed over.
 */
import { asc, desc, eq, sql } from "drizzle-orm";
import { InputError } from "../../common/input-error.js";
import { appendAudit, auditSchemaVersion, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import type { SigningKey } from "./keys.js";
import { verifyConsistency } from "./merkle.js";
import {
  type Checkpoint,
  keyIdOf,
  type PublicKeyInfo,
  parseSignedNote,
  signCheckpoint,
  verifiedSigners,
} from "./note.js";
import { auditCheckpoints, auditKeys, auditLog } from "./tables.js";
import { consistencyProof, integrate, rootAt } from "./tree.js";

type Reader = Database | Transaction;

export type SignedCheckpoint = Checkpoint & {
  readonly keyName: string;
  /** The whole signed note, exactly as signed. */
  readonly note: string;
  readonly signedAt: string;
};

export type RegisteredKey = PublicKeyInfo & { readonly keyId: Buffer; readonly registeredAt: string };

export type SignOutcome =
  | { readonly signed: true; readonly checkpoint: SignedCheckpoint; readonly previous?: SignedCheckpoint }
  | { readonly signed: false; readonly reason: string; readonly previous: SignedCheckpoint };

const checkpointLock = 0x5ec6_a0d3;

export async function logOrigin(db: Reader): Promise<string> {
  const [row] = await db.select({ origin: auditLog.origin }).from(auditLog);
  if (!row) throw new Error("the audit log has no origin; migration 0010 did not run");
  return row.origin;
}

export function keyName(origin: string, key: SigningKey): string {
  return `${origin}/audit-${key.number}`;
}

export async function latestCheckpoint(db: Reader): Promise<SignedCheckpoint | undefined> {
  const [row] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.id)).limit(1);
  return row && toCheckpoint(row);
}

export async function registeredKeys(db: Reader): Promise<RegisteredKey[]> {
  const rows = await db.select().from(auditKeys).orderBy(asc(auditKeys.registeredAt), asc(auditKeys.name));
  return rows.map((row) => ({
    name: row.name,
    keyId: row.keyId,
    publicKey: row.publicKey,
    registeredAt: row.registeredAt.toISOString(),
  }));
}

export async function signNewCheckpoint(
  db: Database,
  clock: Clock,
  key: SigningKey,
  origin: Origin,
): Promise<SignOutcome> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${checkpointLock})`);
    const size = await integrate(tx);
    const root = await rootAt(tx, size);
    const log = await logOrigin(tx);
    const previous = await latestCheckpoint(tx);
    const keys = await registeredKeys(tx);
    if (previous) {
      const refusal = await inconsistency(tx, previous, keys, size, root);
      if (refusal) return { signed: false, reason: refusal, previous };
    }
    const name = keyName(log, key);
    await registerKey(tx, clock, keys, { name, publicKey: key.publicKey }, key.file);
    const checkpoint = { origin: log, size, root };
    const now = clock.now();
    const note = signCheckpoint(checkpoint, name, key.privateKey);
    const [row] = await tx
      .insert(auditCheckpoints)
      .values({ size, root, keyName: name, note, signedAt: now })
      .returning();
    await appendAudit(tx, {
      ...origin,
      action: "audit.checkpoint.sign",
      target: `audit-checkpoint:${size}`,
      outcome: "success",
      time: now.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: { size, root: root.toString("base64"), keyName: name },
    });
    return { signed: true, checkpoint: toCheckpoint(row!), ...(previous ? { previous } : {}) };
  });
}

/** Why the tree of `size` with `root` must not be signed after `previous`, if it must not. */
async function inconsistency(
  tx: Transaction,
  previous: SignedCheckpoint,
  keys: readonly PublicKeyInfo[],
  size: number,
  root: Buffer,
): Promise<string | undefined> {
  const note = parseSignedNote(previous.note);
  if (!note || verifiedSigners(note, keys).length === 0 || !note.checkpoint.root.equals(previous.root)) {
    return `the last checkpoint (size ${previous.size}) does not carry a valid signature over its root`;
  }
  if (size < previous.size) {
    return `the tree has ${size} entries, fewer than the ${previous.size} of the last signed checkpoint`;
  }
  const proof = await consistencyProof(tx, previous.size, size);
  if (!verifyConsistency(previous.size, size, previous.root, root, proof)) {
    return `the tree of ${size} entries is not consistent with the last signed checkpoint (size ${previous.size})`;
  }
  return undefined;
}

async function registerKey(
  tx: Transaction,
  clock: Clock,
  keys: readonly RegisteredKey[],
  key: PublicKeyInfo,
  file: string,
): Promise<void> {
  const known = keys.find((k) => k.name === key.name);
  if (known && !known.publicKey.equals(key.publicKey)) {
    throw new InputError(
      { file },
      `the key registered as ${key.name} (every server signing for one database must share the same key files)`,
    );
  }
  if (known) return;
  await tx.insert(auditKeys).values({
    name: key.name,
    keyId: keyIdOf(key.name, key.publicKey),
    publicKey: key.publicKey,
    registeredAt: clock.now(),
  });
}

function toCheckpoint(row: typeof auditCheckpoints.$inferSelect): SignedCheckpoint {
  const note = parseSignedNote(row.note);
  return {
    origin: note?.checkpoint.origin ?? "",
    size: row.size,
    root: row.root,
    keyName: row.keyName,
    note: row.note,
    signedAt: row.signedAt.toISOString(),
  };
}

export async function checkpointOfSize(db: Reader, size: number): Promise<SignedCheckpoint | undefined> {
  const [row] = await db
    .select()
    .from(auditCheckpoints)
    .where(eq(auditCheckpoints.size, size))
    .orderBy(desc(auditCheckpoints.id))
    .limit(1);
  return row && toCheckpoint(row);
}
