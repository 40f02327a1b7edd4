/**
 * The Merkle tree over the audit entries, kept in the store. Entries are appended by
 * ../audit.ts in the transactions of the changes they record; integrating them into the tree is
 * a separate step (sequence, then integrate, as Tessera does), so audited writes pay only for
 * their own leaf hash. Integration stores every complete subtree's hash, so appending reads only
 * the frontier and any root or proof needs O(log n) stored nodes.
 */
import { and, asc, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "../database.js";
import { auditEntries } from "../schema.js";
import {
  appendLeaves,
  consistencyRanges,
  frontierRefs,
  type Hash,
  hashLeaf,
  inclusionRanges,
  type NodeRef,
  type NodeSource,
  nodesForRanges,
  rangeHash,
} from "./merkle.js";
import { auditTreeLeaves, auditTreeNodes } from "./tables.js";

type Reader = Database | Transaction;

/** An entry whose stored leaf hash is not the hash of its text: someone changed the row. */
export class AuditIntegrityError extends Error {
  readonly seq: number;
  constructor(seq: number, message: string) {
    super(message);
    this.name = "AuditIntegrityError";
    this.seq = seq;
  }
}

// Integrations queue on this lock so that two never give the same leaf index to two entries.
const integrateLock = 0x5ec6_a0d2;
const integrateBatch = 2000;

export async function treeSize(db: Reader): Promise<number> {
  const [row] = await db
    .select({ index: auditTreeLeaves.index })
    .from(auditTreeLeaves)
    .orderBy(desc(auditTreeLeaves.index))
    .limit(1);
  return row ? row.index + 1 : 0;
}

/** Adds every committed entry not yet in the tree, in seq order; returns the new size. */
export async function integrate(tx: Transaction): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${integrateLock})`);
  let size = await treeSize(tx);
  const [last] = await tx
    .select({ seq: auditTreeLeaves.seq })
    .from(auditTreeLeaves)
    .where(eq(auditTreeLeaves.index, size - 1));
  let afterSeq = last?.seq ?? 0;
  for (;;) {
    const rows = await tx
      .select({ seq: auditEntries.seq, entry: auditEntries.entry, leafHash: auditEntries.leafHash })
      .from(auditEntries)
      .where(gt(auditEntries.seq, afterSeq))
      .orderBy(asc(auditEntries.seq))
      .limit(integrateBatch);
    if (rows.length === 0) return size;
    for (const row of rows) {
      // Retention removes only the text of integrated leaves: one not yet integrated has been tampered with.
      if (row.entry === null || !hashLeaf(row.entry).equals(row.leafHash)) {
        throw new AuditIntegrityError(
          row.seq,
          `audit entry seq ${row.seq} does not hash to its stored leaf hash`,
        );
      }
    }
    const frontier = await nodeSource(tx, frontierRefs(size));
    const created = appendLeaves(
      size,
      rows.map((row) => row.leafHash),
      frontier,
    );
    for (let start = 0; start < created.length; start += integrateBatch) {
      await tx.insert(auditTreeNodes).values(created.slice(start, start + integrateBatch));
    }
    await tx.insert(auditTreeLeaves).values(rows.map((row, i) => ({ index: size + i, seq: row.seq })));
    size += rows.length;
    afterSeq = rows[rows.length - 1]!.seq;
  }
}

/** Fetches exactly these nodes and serves them; asking for any other is a bug. */
export async function nodeSource(db: Reader, refs: readonly NodeRef[]): Promise<NodeSource> {
  const found = new Map<string, Hash>();
  if (refs.length > 0) {
    const byLevel = new Map<number, number[]>();
    for (const ref of refs) byLevel.set(ref.level, [...(byLevel.get(ref.level) ?? []), ref.index]);
    const rows = await db
      .select()
      .from(auditTreeNodes)
      .where(
        or(
          ...[...byLevel].map(([level, indexes]) =>
            and(eq(auditTreeNodes.level, level), inArray(auditTreeNodes.index, indexes)),
          ),
        ),
      );
    for (const row of rows) found.set(`${row.level}/${row.index}`, row.hash);
  }
  return (level, index) => {
    const hash = found.get(`${level}/${index}`);
    if (!hash) throw new Error(`audit tree node ${level}/${index} is missing from the store`);
    return hash;
  };
}

export async function rootAt(db: Reader, size: number): Promise<Hash> {
  return rangeHash({ start: 0, end: size }, await nodeSource(db, frontierRefs(size)));
}

export async function inclusionProof(db: Reader, index: number, size: number): Promise<Hash[]> {
  const ranges = inclusionRanges(index, size);
  const node = await nodeSource(db, nodesForRanges(ranges));
  return ranges.map((range) => rangeHash(range, node));
}

export async function consistencyProof(db: Reader, from: number, to: number): Promise<Hash[]> {
  const ranges = consistencyRanges(from, to);
  const node = await nodeSource(db, nodesForRanges(ranges));
  return ranges.map((range) => rangeHash(range, node));
}

export type LeafRow = {
  readonly index: number;
  readonly seq: number;
  /** null once a retention removed the text (./retention.ts); the hash stays. */
  readonly entry: string | null;
  readonly hash: Hash;
};

/**
 * Integrated entries from `from`, in order, with the leaf hash the tree holds for each (which
 * may differ from the row's text if that was changed afterwards: the verifier then names it).
 */
export async function leaves(db: Reader, from: number, limit: number, size: number): Promise<LeafRow[]> {
  const end = Math.min(from + limit, size);
  if (end <= from) return [];
  const rows = await db
    .select({
      index: auditTreeLeaves.index,
      seq: auditTreeLeaves.seq,
      entry: auditEntries.entry,
      hash: auditTreeNodes.hash,
    })
    .from(auditTreeLeaves)
    .innerJoin(auditEntries, eq(auditEntries.seq, auditTreeLeaves.seq))
    .innerJoin(
      auditTreeNodes,
      and(eq(auditTreeNodes.level, 0), eq(auditTreeNodes.index, auditTreeLeaves.index)),
    )
    .where(and(sql`${auditTreeLeaves.index} >= ${from}`, sql`${auditTreeLeaves.index} < ${end}`))
    .orderBy(asc(auditTreeLeaves.index));
  return rows;
}
