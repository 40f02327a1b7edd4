/**
 * The foundation of the audit log: each change to the store appends one entry in the same
 * transaction as the change, so the database never holds a change without its record. An entry
 * is RFC 8785 canonical JSON and its leaf hash is SHA-256(0x00 || entry), the RFC 6962 leaf
 * hash, so a Merkle tree can later be built over the leaves as they stand.
 */

import { is, sql } from "drizzle-orm";
import { PgliteSession } from "drizzle-orm/pglite";
import pg from "pg";
import { canonicalize } from "../common/canonical-json.js";
import { hashLeaf } from "./audit-log/merkle.js";
import type { Database, Transaction } from "./database.js";
import { type EmbeddedQueries, isEmbeddedTransaction } from "./embedded-client.js";
import { auditEntries } from "./schema.js";

/** Version of the entry's shape; bump it when fields change meaning, never reuse a number. */
export const auditSchemaVersion = 1;

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

// On PostgreSQL, serialises appends so that sequence numbers are taken in commit order: a reader
// never sees entry n+1 committed while entry n is still pending, which a Merkle tree over seq relies
// on. PGlite needs no lock: it runs one transaction or statement at a time, and the data folder's
// lock keeps every other process out, so its commit order is already seq order.
const auditAppendLock = 0x5ec6_a0d1;

export function canonicalEntry(event: AuditEvent): string {
  const entry = canonicalize(event);
  if (entry === undefined) throw new TypeError("audit event is not serialisable as JSON");
  return entry;
}

/**
 * Whether `text` is exactly the canonical form of the JSON it holds. JSON.stringify writes numbers
 * and strings as RFC 8785 does and keeps properties in the order they were read, so when it gives
 * the text back and every object's keys are in order, the text is canonical without rebuilding it;
 * otherwise (integer-like keys, which JavaScript enumerates first, or a text that is not
 * canonical) the full canonicalisation decides.
 */
export function isCanonicalEntry(text: string): boolean {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  return (JSON.stringify(value) === text && keysInOrder(value)) || canonicalize(value) === text;
}

/** RFC 8785 orders keys by their UTF-16 code units, which is how `<` compares strings. */
function keysInOrder(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return true;
  if (Array.isArray(value)) return value.every(keysInOrder);
  const keys = Object.keys(value);
  for (let i = 1; i < keys.length; i += 1) if (!(keys[i - 1]! < keys[i]!)) return false;
  return Object.values(value).every(keysInOrder);
}

/** RFC 6962 leaf hash: the 0x00 prefix keeps leaves distinct from interior nodes. */
export function leafHash(entry: string): Buffer {
  return hashLeaf(entry);
}

/**
 * Appends the entry of a change to the change's transaction. Nothing comes back: sending the new
 * `seq` back costs an embedded store about a tenth of a small write (docs/audit-log.md,
 * "Performance"), and only a caller that refers to the entry in the same transaction needs it,
 * which `appendAuditReturningSeq` serves. On the embedded store the entry is written with the
 * transaction's COMMIT, so later reads in the same transaction do not see it yet; either way it
 * commits, or fails, with the change.
 */
export function appendAudit(tx: Transaction, event: AuditEvent): Promise<void> {
  return insertEntry(tx, event, "at-commit");
}

/**
 * Appends an entry that records no change of its own (an API request, a refused attempt): the
 * one statement is its own transaction, durable when this resolves.
 */
export function appendStandaloneAudit(db: Database, event: AuditEvent): Promise<void> {
  return insertEntry(db, event, "now");
}

/**
 * Appends an entry and returns its `seq`, for a transaction that goes on to refer to it (a
 * retention names the entry that records it). The sequence's value in this session is the one
 * the insert just took: sessions never share a transaction, and no trigger draws from it.
 */
export async function appendAuditReturningSeq(tx: Transaction, event: AuditEvent): Promise<number> {
  await insertEntry(tx, event, "now");
  const result = (await tx.execute(
    sql`select currval(pg_get_serial_sequence('audit_entries', 'seq')) as seq`,
  )) as { rows: { seq: number | string }[] };
  const seq = result.rows[0]?.seq;
  if (seq === undefined) throw new Error("the audit sequence gave no value after an append");
  return Number(seq);
}

/** "at-commit": inside an embedded transaction, the entry is written with its COMMIT. */
type Timing = "at-commit" | "now";

async function insertEntry(q: Database | Transaction, event: AuditEvent, timing: Timing): Promise<void> {
  const entry = canonicalEntry(event);
  const hash = leafHash(entry);
  const client = sessionClient(q);
  if (!client) {
    await insertOnServer(q, entry, hash);
    return;
  }
  const text = embeddedInsert(entry, hash);
  if (timing === "at-commit" && isEmbeddedTransaction(client)) client.atCommit(text);
  else await client.exec(text);
}

/** One statement as SQL text: the values go in as literals, escaped as node-postgres escapes them. */
function embeddedInsert(entry: string, hash: Buffer): string {
  return `insert into audit_entries (entry, leaf_hash)
     values (${pg.escapeLiteral(entry)}, '\\x${hash.toString("hex")}'::bytea)`;
}

/** One statement: the lock is taken in the subquery, before the row (and its seq) is made. */
function insertOnServer(q: Database | Transaction, entry: string, hash: Buffer) {
  return q.execute(
    sql`insert into ${auditEntries} (entry, leaf_hash)
        select ${entry}, ${hash} from (select pg_advisory_xact_lock(${auditAppendLock})) as locked`,
  );
}

/**
 * The embedded store's client under drizzle's session (or its open transaction's), when the store
 * is embedded. drizzle sends every statement with the extended protocol, which PGlite runs as six
 * calls into PostgreSQL (parse, describe, bind, describe, execute, sync); the append is the one
 * statement every audited write adds, so it goes as SQL text: inside a transaction it rides on
 * the COMMIT's message, otherwise it is one simple-protocol statement (docs/audit-log.md,
 * "Performance"). drizzle keeps the client in a private field.
 */
function sessionClient(q: Database | Transaction): EmbeddedQueries | undefined {
  const session = q._.session;
  return is(session, PgliteSession) ? (session as unknown as { client: EmbeddedQueries }).client : undefined;
}
