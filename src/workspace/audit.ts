/**
 * The foundation of the audit log: each change to the store appends one entry in the same
 * transaction as the change, so the database never holds a change without its record. An entry
 * is RFC 8785 canonical JSON and its leaf hash is SHA-256(0x00 || entry), the RFC 6962 leaf
 * hash, so a Merkle tree can later be built over the leaves as they stand.
 */
import { createHash } from "node:crypto";
import canonicalizeModule from "canonicalize";
import { sql } from "drizzle-orm";
import type { Database, Transaction } from "./database.js";
import { auditEntries } from "./schema.js";

/** Version of the entry's shape; bump it when fields change meaning, never reuse a number. */
export const auditSchemaVersion = 1;

// The package is CommonJS exporting the function itself, while its typings declare an ES default
// export; under NodeNext resolution TypeScript therefore mistypes the default import.
const canonicalize = canonicalizeModule as unknown as (input: unknown) => string | undefined;

export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { [key: string]: JsonValue };

/** Who asked for a change, as far as the face that received the request knows. */
export type Origin = {
  readonly actor: string;
  readonly clientAddress?: string;
  readonly requestId?: string;
};

export type AuditEvent = Origin & {
  /** What was done, dotted, e.g. "code.version.import". */
  readonly action: string;
  /** What it was done to, e.g. "code-version:G-2024". */
  readonly target: string;
  /** "denied": refused by access control (G2.6(b)); "failure": attempted but did not succeed. */
  readonly outcome: "success" | "failure" | "denied";
  /** ISO 8601 instant in UTC. */
  readonly time: string;
  readonly timeSource: string;
  readonly schemaVersion: typeof auditSchemaVersion;
  /** Facts about the change that a reader of the log needs without opening the store. */
  readonly detail?: { readonly [key: string]: JsonValue };
};

export type AppendedEntry = { readonly seq: number; readonly entry: string; readonly leafHash: Buffer };

// Serialises appends so that sequence numbers are taken in commit order: a reader never sees
// entry n+1 committed while entry n is still pending, which a Merkle tree over seq relies on.
const auditAppendLock = 0x5ec6_a0d1;

export function canonicalEntry(event: AuditEvent): string {
  const entry = canonicalize(event);
  if (entry === undefined) throw new TypeError("audit event is not serialisable as JSON");
  return entry;
}

/** RFC 6962 leaf hash: the 0x00 prefix keeps leaves distinct from interior nodes. */
export function leafHash(entry: string): Buffer {
  return createHash("sha256").update(Buffer.of(0)).update(entry, "utf8").digest();
}

export function appendAudit(tx: Transaction, event: AuditEvent): Promise<AppendedEntry> {
  return insertEntry(tx, event);
}

/**
 * Appends an entry that records no change of its own (an API request, a refused attempt): the
 * one statement is its own transaction, durable when this resolves.
 */
export function appendStandaloneAudit(db: Database, event: AuditEvent): Promise<AppendedEntry> {
  return insertEntry(db, event);
}

async function insertEntry(q: Database | Transaction, event: AuditEvent): Promise<AppendedEntry> {
  const entry = canonicalEntry(event);
  const hash = leafHash(entry);
  // One statement: the lock is taken in the subquery, before the row (and its seq) is made,
  // which halves the round trips an audited write pays for.
  const result = (await q.execute(
    sql`insert into ${auditEntries} (entry, leaf_hash)
        select ${entry}, ${hash} from (select pg_advisory_xact_lock(${auditAppendLock})) as locked
        returning seq`,
  )) as { rows: { seq: number | string }[] };
  const row = result.rows[0];
  if (!row) throw new Error("audit entry insert returned no row");
  return { seq: Number(row.seq), entry, leafHash: hash };
}
