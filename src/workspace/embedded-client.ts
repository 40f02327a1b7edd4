/**
 * The PGlite client drizzle runs on in the embedded store. It differs from PGlite's own in one
 * way: a transaction may queue statements to run at its commit, and they travel to PostgreSQL in
 * the same message as the COMMIT. On PGlite most of a small statement's cost is the trip into
 * PostgreSQL, not the work, and every audited write adds one statement (its audit entry), so
 * riding on the COMMIT takes about a third off what the audit log adds to a write
 * (docs/audit-log.md, "Performance").
 *
 * PGlite's `transaction` sends its COMMIT itself, so this client runs BEGIN and COMMIT on its own
 * and keeps the database to itself from BEGIN to COMMIT: every statement sent through it, inside
 * a transaction or not, waits its turn, so no other caller's statement lands in an open
 * transaction. The store hands PGlite to nothing else once it is open.
 */

import type { PGlite, QueryOptions, Results } from "@electric-sql/pglite";

/** The calls drizzle's PGlite session makes on its client, and on a transaction's. */
export type EmbeddedQueries = {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string, options?: QueryOptions): Promise<Results[]>;
};

export type EmbeddedTransaction = EmbeddedQueries & {
  /**
   * Queues SQL text to run just before COMMIT, in the same transaction. A statement queued inside
   * a savepoint that is rolled back is dropped with it.
   */
  atCommit(text: string): void;
};

export type EmbeddedClient = EmbeddedQueries & {
  transaction<T>(body: (tx: EmbeddedTransaction) => Promise<T>): Promise<T>;
  /** Closes PGlite once the work already asked for is done. */
  close(): Promise<void>;
};

export function isEmbeddedTransaction(client: unknown): client is EmbeddedTransaction {
  return typeof (client as Partial<EmbeddedTransaction>).atCommit === "function";
}

export function embeddedClient(pglite: PGlite): EmbeddedClient {
  const exclusive = queue();
  return {
    query: (text, params, options) => exclusive(() => pglite.query(text, params, options)),
    exec: (text, options) => exclusive(() => pglite.exec(text, options)),
    transaction: (body) => exclusive(() => runTransaction(pglite, body)),
    close: () => exclusive(() => pglite.close()),
  };
}

/** Runs one piece of work at a time, in the order they were asked for. */
function queue() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

// drizzle opens a nested transaction as a savepoint, with exactly these statements.
const savepointStatement = /^(savepoint|release savepoint|rollback to savepoint) (\w+)$/i;

async function runTransaction<T>(pglite: PGlite, body: (tx: EmbeddedTransaction) => Promise<T>) {
  await pglite.exec("BEGIN");
  const pending: string[] = [];
  const savepoints: { name: string; queued: number }[] = [];
  let open = true;
  const usable = () => {
    if (!open) throw new Error("the transaction is already closed");
  };
  const follow = (text: string) => {
    const match = savepointStatement.exec(text.trim());
    if (!match) return;
    const [, verb, name] = match;
    const at = savepoints.findLastIndex((s) => s.name === name);
    if (verb!.toLowerCase() === "savepoint") savepoints.push({ name: name!, queued: pending.length });
    else if (at >= 0 && verb!.toLowerCase() === "release savepoint") savepoints.length = at;
    else if (at >= 0) {
      pending.length = savepoints[at]!.queued;
      savepoints.length = at + 1;
    }
  };
  const tx: EmbeddedTransaction = {
    query: async <R>(text: string, params?: unknown[], options?: QueryOptions) => {
      usable();
      const result = await pglite.query<R>(text, params, options);
      follow(text);
      return result;
    },
    exec: async (text, options) => {
      usable();
      const results = await pglite.exec(text, options);
      follow(text);
      return results;
    },
    atCommit: (text) => {
      usable();
      pending.push(text);
    },
  };
  try {
    const result = await body(tx);
    const results = await pglite.exec([...pending, "COMMIT"].join(";\n"));
    open = false;
    // A transaction a failed statement aborted answers COMMIT with ROLLBACK and no error.
    if ((results.at(-1) as { command?: string } | undefined)?.command === "ROLLBACK") {
      throw new Error("the transaction was rolled back: a statement in it failed");
    }
    return result;
  } catch (error) {
    if (open) {
      open = false;
      await pglite.exec("ROLLBACK");
    }
    throw error;
  }
}
