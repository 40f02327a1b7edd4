/**
 * The one engine behind every register: list, get, put, delete, import, export and lifecycle
 * transitions for a party, driven by the register's definition (./index.ts). Every change is
 * written with its audit entry in one transaction; an import is checked in full and then stored
 * all or nothing; storing a record identical to the one held changes nothing.
 */
import { createHash } from "node:crypto";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { canonicalize, canonicalSha256 } from "../../common/canonical-json.js";
import { InputError } from "../../common/input-error.js";
import { type IsoDate, londonDate, parseIsoDate } from "../../obligations/calendar/iso-date.js";
import { appendAudit, auditSchemaVersion, type JsonValue, type Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database, Transaction } from "../database.js";
import { parties } from "../schema.js";
import type { RegisterDefinition, StoredFileMeta } from "./definition.js";
import { decodeRegister, encodeRegister, type Located, type RegisterFormat } from "./formats.js";
import { type RegisterName, type RegisterRecords, registerDefinitions, registerNames } from "./index.js";
import { type Problem, problemsOf, refuseIfAny } from "./problems.js";
import { evidenceFiles, registerRecords } from "./tables.js";

export type PutOutcome = "created" | "updated" | "unchanged";

export type ImportCounts = { readonly created: number; readonly updated: number; readonly unchanged: number };

/** Records to store (validated in full) and ids to remove, planned from the records held. */
export type RegisterChange = { readonly put: readonly unknown[]; readonly remove: readonly string[] };

/** A file sent with an evidence record; its SHA-256, if the sender gave one, must match the bytes. */
export type Upload = {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly sha256?: string;
};

export type StoredFile = StoredFileMeta & { readonly bytes: Buffer };

type Rec<N extends RegisterName> = RegisterRecords[N];

export type Registers = {
  /** How many records each register holds for the party, every register listed. */
  readonly counts: (party: string) => Promise<{ register: RegisterName; count: number }[]>;
  readonly list: <N extends RegisterName>(party: string, register: N) => Promise<Rec<N>[]>;
  readonly get: <N extends RegisterName>(
    party: string,
    register: N,
    id: string,
  ) => Promise<Rec<N> | undefined>;
  /** Creates or replaces one record (validated in full); evidence of kind file comes with its upload. */
  readonly put: <N extends RegisterName>(
    party: string,
    register: N,
    input: unknown,
    origin: Origin,
    upload?: Upload,
  ) => Promise<{ record: Rec<N>; outcome: PutOutcome }>;
  /** False when there was no such record. */
  readonly remove: (party: string, register: RegisterName, id: string, origin: Origin) => Promise<boolean>;
  readonly importText: (
    party: string,
    register: RegisterName,
    format: RegisterFormat,
    text: string,
    file: string,
    origin: Origin,
  ) => Promise<ImportCounts>;
  readonly exportText: (party: string, register: RegisterName, format: RegisterFormat) => Promise<string>;
  /**
   * Puts and removes many records as one change: `plan` sees the records held (under the
   * register's lock) and says what to store and what to remove; everything is checked first and
   * written in one transaction, each record's entry (register.put, register.delete) carrying `detail`.
   */
  readonly change: <N extends RegisterName>(
    party: string,
    register: N,
    plan: (held: readonly Rec<N>[]) => RegisterChange,
    origin: Origin,
    detail: { readonly [key: string]: JsonValue },
  ) => Promise<ImportCounts & { readonly removed: number }>;
  /** Moves a record along its register's lifecycle (systems: G3.9); `on` defaults to today in Great Britain. */
  readonly transition: <N extends RegisterName>(
    party: string,
    register: N,
    id: string,
    to: string,
    origin: Origin,
    on?: string,
  ) => Promise<Rec<N> | undefined>;
  readonly evidenceFile: (party: string, id: string) => Promise<StoredFile | undefined>;
};

// Writes to one party's register queue on this lock (with the party and register as the second
// key), so two imports of the same new id never both try to insert it.
const registersLock = 0x5ec6_0060;

export function registersOf(db: Database, clock: Clock): Registers {
  const read = async <N extends RegisterName>(
    executor: Database | Transaction,
    party: string,
    register: N,
  ) => {
    const rows = await executor
      .select()
      .from(registerRecords)
      .where(and(eq(registerRecords.party, party), eq(registerRecords.register, register)))
      .orderBy(asc(registerRecords.id));
    return rows.map((row) => ({ row, record: revive(register, row.record) }));
  };

  return {
    counts: async (party) => {
      const rows = await db
        .select({ register: registerRecords.register, count: count() })
        .from(registerRecords)
        .where(eq(registerRecords.party, party))
        .groupBy(registerRecords.register);
      const byName = new Map(rows.map((r) => [r.register, r.count]));
      return registerNames.map((register) => ({
        register,
        count: byName.get(register) ?? 0,
      }));
    },
    list: async (party, register) => (await read(db, party, register)).map((r) => r.record),
    get: async (party, register, id) => {
      const [row] = await db
        .select()
        .from(registerRecords)
        .where(recordKey(party, register, id));
      return row && revive(register, row.record);
    },
    put: async (party, register, input, origin, upload) => {
      const definition = definitionOf(register);
      return db.transaction(async (tx) => {
        await lockRegister(tx, party, register);
        const [before] = await tx
          .select()
          .from(registerRecords)
          .where(recordKey(party, register, idOf(input)));
        const candidate = upload ? withUpload(definition, input, upload) : input;
        const parsed = definition.schema.safeParse(candidate);
        if (!parsed.success) refuseIfAny(undefined, problemsOf(parsed.error, {}));
        const record = parsed.data!;
        refuseIfAny(undefined, checkAgainstStored(definition, record, before?.record, upload !== undefined));
        const outcome = await write(tx, clock, party, register, record, before, origin, "register.put");
        if (outcome !== "unchanged") await keepFileInStep(tx, definition, party, record, upload);
        return { record, outcome };
      });
    },
    remove: (party, register, id, origin) =>
      db.transaction(async (tx) => {
        await lockRegister(tx, party, register);
        // The evidence file, if any, goes with the record (ON DELETE CASCADE).
        const [gone] = await tx
          .delete(registerRecords)
          .where(recordKey(party, register, id))
          .returning();
        if (!gone) return false;
        await audit(tx, clock, origin, "register.delete", party, register, id, {
          previousSha256: gone.sha256,
        });
        return true;
      }),
    importText: async (party, register, format, text, file, origin) => {
      const definition = definitionOf(register);
      const located = decodeRegister(definition, format, text, file);
      return db.transaction(async (tx) => {
        await lockRegister(tx, party, register);
        const stored = new Map((await read(tx, party, register)).map((r) => [r.row.id, r.row]));
        const problems = located.flatMap(({ record, line, path }: Located<Rec<typeof register>>) =>
          checkAgainstStored(definition, record, stored.get(record.id)?.record, false).map(
            (p): Problem => ({
              ...(line === undefined ? {} : { line }),
              expected: p.expected,
              ...(p.path === undefined && path === "" ? {} : { path: joinPath(path, p.path) }),
            }),
          ),
        );
        refuseIfAny(file, problems);
        return storeAll(
          tx,
          clock,
          definition,
          party,
          located.map((l) => l.record),
          stored,
          origin,
          "register.import",
        );
      });
    },
    change: async (party, register, plan, origin, detail) => {
      const definition = definitionOf(register);
      return db.transaction(async (tx) => {
        await lockRegister(tx, party, register);
        const held = await read(tx, party, register);
        const stored = new Map(held.map((r) => [r.row.id, r.row]));
        const { put, remove } = plan(held.map((r) => r.record));
        const records = put.map((input, index) => {
          const parsed = definition.schema.safeParse(input);
          if (!parsed.success) refuseIfAny(undefined, problemsOf(parsed.error, { prefix: ["put", index] }));
          return parsed.data!;
        });
        const ids = [...records.map((r) => r.id), ...remove];
        const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
        if (repeated !== undefined)
          throw new InputError({ path: "id" }, `each id once in a change (${repeated} comes twice)`);
        refuseIfAny(
          undefined,
          records.flatMap((record) =>
            checkAgainstStored(definition, record, stored.get(record.id)?.record, false),
          ),
        );
        const counts = {
          ...(await storeAll(tx, clock, definition, party, records, stored, origin, "register.put", detail)),
          removed: 0,
        };
        for (const id of remove) {
          const gone = stored.get(id);
          if (!gone) continue;
          await tx.delete(registerRecords).where(recordKey(party, register, id));
          await audit(tx, clock, origin, "register.delete", party, register, id, {
            ...detail,
            previousSha256: gone.sha256,
          });
          counts.removed++;
        }
        return counts;
      });
    },
    exportText: async (party, register, format) =>
      encodeRegister(
        definitionOf(register),
        format,
        (await read(db, party, register)).map((r) => r.record),
      ),
    transition: async (party, register, id, to, origin, on) => {
      const definition = definitionOf(register);
      const lifecycle = definition.lifecycle;
      if (!lifecycle) throw new InputError({ path: "register" }, "a register with a lifecycle (systems)");
      const date: IsoDate = on === undefined ? londonDate(clock.now()) : parseIsoDate(on, { path: "on" });
      return db.transaction(async (tx) => {
        await lockRegister(tx, party, register);
        const [before] = await tx
          .select()
          .from(registerRecords)
          .where(recordKey(party, register, id));
        if (!before) return undefined;
        const current = revive(register, before.record);
        const from = lifecycle.stateOf(current);
        if (!(lifecycle.next[from] ?? []).includes(to)) {
          const allowed = lifecycle.next[from] ?? [];
          throw new InputError(
            { path: "to" },
            allowed.length === 0
              ? `no transition: ${from} is the last state`
              : `one of ${allowed.join(", ")} (states only move forward; this one is ${from})`,
          );
        }
        const parsed = definition.schema.safeParse(lifecycle.apply(current, to, date));
        if (!parsed.success) refuseIfAny(undefined, problemsOf(parsed.error, {}));
        const record = parsed.data!;
        await write(tx, clock, party, register, record, before, origin, "register.transition", {
          from,
          to,
          on: date,
        });
        return record;
      });
    },
    evidenceFile: async (party, id) => {
      const [row] = await db
        .select()
        .from(evidenceFiles)
        .where(and(eq(evidenceFiles.party, party), eq(evidenceFiles.evidenceId, id)));
      const record =
        row &&
        (
          await db
            .select()
            .from(registerRecords)
            .where(recordKey(party, "evidence", id))
        )[0];
      if (!row || !record) return undefined;
      const meta = (revive("evidence", record.record).file ?? {}) as Partial<StoredFileMeta>;
      return {
        name: meta.name ?? id,
        mediaType: row.mediaType,
        size: row.size,
        sha256: row.sha256,
        bytes: row.bytes,
      };
    },
  };
}

function definitionOf<N extends RegisterName>(register: N): RegisterDefinition<Rec<N>> {
  return registerDefinitions[register] as RegisterDefinition<Rec<N>>;
}

/** Stored records are read back through their schema: jsonb keeps keys in its own order, people expect the schema's. */
function revive<N extends RegisterName>(register: N, stored: unknown): Rec<N> {
  return definitionOf(register).schema.parse(stored);
}

function recordKey(party: string, register: string, id: string) {
  return and(
    eq(registerRecords.party, party),
    eq(registerRecords.register, register),
    eq(registerRecords.id, id),
  );
}

function idOf(input: unknown): string {
  const id = (input as { id?: unknown } | null)?.id;
  if (typeof id !== "string") throw new InputError({ path: "id" }, "the record's id (a string)");
  return id;
}

async function lockRegister(tx: Transaction, party: string, register: string): Promise<void> {
  await requireParty(tx, party);
  await tx.execute(sql`select pg_advisory_xact_lock(${registersLock}, hashtext(${`${party}/${register}`}))`);
}

async function requireParty(tx: Transaction, party: string): Promise<void> {
  const [row] = await tx.select({ id: parties.id }).from(parties).where(eq(parties.id, party));
  if (!row) throw new InputError({ path: "party" }, `a stored party (there is none with id "${party}")`);
}

/**
 * The record's attachment metadata is the server's: from an upload it is computed here, and a
 * SHA-256 the sender gave must agree with the bytes.
 */
function withUpload(
  definition: Pick<RegisterDefinition<{ id: string }>, "name" | "attachment">,
  input: unknown,
  upload: Upload,
): unknown {
  const field = definition.attachment?.field;
  if (field === undefined)
    throw new InputError({ path: "file" }, `no file (the ${definition.name} register holds none)`);
  const sha256 = createHash("sha256").update(upload.bytes).digest("hex");
  if (upload.sha256 !== undefined && upload.sha256 !== sha256) {
    throw new InputError({ path: `${field}.sha256` }, `the SHA-256 of the file sent (${sha256}), or none`);
  }
  const meta: StoredFileMeta = {
    name: upload.name,
    mediaType: upload.mediaType,
    size: upload.bytes.length,
    sha256,
  };
  return { ...(input as object), [field]: meta };
}

/**
 * What a record may not change by being put or imported: its lifecycle state (only transitions
 * move it) and, without a new upload, the metadata of the file it describes.
 */
function checkAgainstStored<R extends { readonly id: string }>(
  definition: RegisterDefinition<R>,
  record: R,
  stored: Record<string, unknown> | undefined,
  uploaded: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const lifecycle = definition.lifecycle;
  if (lifecycle && stored) {
    const was = lifecycle.stateOf(stored as R);
    if (lifecycle.stateOf(record) !== was) {
      problems.push({
        path: lifecycle.field,
        expected: `the stored ${lifecycle.field} "${was}" (move it with a transition, which records the date)`,
      });
    }
  }
  const field = definition.attachment?.field;
  if (field !== undefined && !uploaded) {
    const given = (record as Record<string, unknown>)[field];
    if (given !== undefined && canonicalize(given) !== canonicalize(stored?.[field])) {
      problems.push({
        path: field,
        expected:
          "the details of the file stored for this record (send the file itself to change it; its SHA-256 is computed on receipt)",
      });
    }
  }
  return problems;
}

/** Writes each record over the one stored with its id (if any), keeping attached files in step. */
async function storeAll<R extends { readonly id: string }>(
  tx: Transaction,
  clock: Clock,
  definition: RegisterDefinition<R>,
  party: string,
  records: readonly R[],
  stored: ReadonlyMap<string, typeof registerRecords.$inferSelect>,
  origin: Origin,
  action: string,
  detail: { readonly [key: string]: JsonValue } = {},
): Promise<ImportCounts> {
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const record of records) {
    const outcome = await write(
      tx,
      clock,
      party,
      definition.name,
      record,
      stored.get(record.id),
      origin,
      action,
      detail,
    );
    if (outcome !== "unchanged") await keepFileInStep(tx, definition, party, record, undefined);
    counts[outcome]++;
  }
  return counts;
}

async function write<R extends { readonly id: string }>(
  tx: Transaction,
  clock: Clock,
  party: string,
  register: string,
  record: R,
  before: typeof registerRecords.$inferSelect | undefined,
  origin: Origin,
  action: string,
  extra: { readonly [key: string]: JsonValue } = {},
): Promise<PutOutcome> {
  const sha256 = canonicalSha256(record);
  if (before?.sha256 === sha256) return "unchanged";
  const now = clock.now();
  const values = { record: record as Record<string, unknown>, sha256, updatedAt: now };
  if (before) {
    await tx
      .update(registerRecords)
      .set({ ...values, version: before.version + 1 })
      .where(recordKey(party, register, record.id));
  } else {
    await tx
      .insert(registerRecords)
      .values({ party, register, id: record.id, ...values, version: 1, createdAt: now });
  }
  await audit(tx, clock, origin, action, party, register, record.id, {
    ...extra,
    changed: changedFields(before?.record, record),
    sha256,
    version: before ? before.version + 1 : 1,
    ...(before ? { previousSha256: before.sha256 } : {}),
  });
  return before ? "updated" : "created";
}

/**
 * Stores an upload beside its record, and drops the stored file of a record that no longer
 * describes one (evidence turned from a file into a link), so no bytes outlive their record.
 */
async function keepFileInStep(
  tx: Transaction,
  definition: Pick<RegisterDefinition<{ id: string }>, "attachment">,
  party: string,
  record: { readonly id: string },
  upload: Upload | undefined,
): Promise<void> {
  const field = definition.attachment?.field;
  if (field === undefined) return;
  if (upload) await storeFile(tx, party, record, upload);
  else if ((record as Record<string, unknown>)[field] === undefined) {
    await tx
      .delete(evidenceFiles)
      .where(and(eq(evidenceFiles.party, party), eq(evidenceFiles.evidenceId, record.id)));
  }
}

async function storeFile(tx: Transaction, party: string, record: { readonly id: string }, upload: Upload) {
  const bytes = Buffer.from(upload.bytes);
  const values = {
    bytes,
    sha256: createHash("sha256").update(bytes).digest("hex"),
    mediaType: upload.mediaType,
    size: bytes.length,
  };
  await tx
    .insert(evidenceFiles)
    .values({ party, evidenceId: record.id, ...values })
    .onConflictDoUpdate({ target: [evidenceFiles.party, evidenceFiles.evidenceId], set: values });
}

async function audit(
  tx: Transaction,
  clock: Clock,
  origin: Origin,
  action: string,
  party: string,
  register: string,
  id: string,
  detail: { readonly [key: string]: JsonValue },
): Promise<void> {
  await appendAudit(tx, {
    ...origin,
    action,
    target: `register:${party}/${register}/${id}`,
    outcome: "success",
    time: clock.now().toISOString(),
    timeSource: clock.source,
    schemaVersion: auditSchemaVersion,
    // Names of the fields changed, never their values: a register holds personal data (people)
    // that the audit log, kept for years and handed to assessors, should not copy.
    detail: { party, register, id, ...detail },
  });
}

function changedFields(before: Record<string, unknown> | undefined, after: object): string[] {
  const next = after as Record<string, unknown>;
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(next)]);
  return [...keys].filter((key) => canonicalize(before?.[key]) !== canonicalize(next[key])).sort();
}

function joinPath(prefix: string, path: string | undefined): string {
  if (path === undefined) return prefix;
  return prefix === "" ? path : `${prefix}.${path}`;
}
