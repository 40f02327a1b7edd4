/**
 * The Code as versioned data in the store. Each import parses a published text and stores it
 * whole (version, clauses, definitions) together with its effects on the version in force just
 * before it, and the audit entry recording the import, in one transaction: a failed import
 * leaves nothing behind, and every stored version has its record.
 */
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, lt, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { computeEffects, type Effect } from "../code/effects.js";
import { parseSection } from "../code/parse.js";
import type { Clause, CodeDocument, Definition, ParseProblem } from "../code/types.js";
import { InputError, inFile } from "../common/input-error.js";
import { type IsoDate, parseIsoDate } from "../obligations/calendar/iso-date.js";
import { appendAudit, auditSchemaVersion, type Origin } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Database, Transaction } from "./database.js";
import { codeClauses, codeDefinitions, codeEffects, codeVersions } from "./schema.js";

export type VersionSummary = {
  readonly label: string;
  readonly inForce: IsoDate;
  readonly madeBy: string | null;
  readonly clauseCount: number;
  readonly sha256: string;
  readonly sourceName: string;
  /** ISO 8601 instant. */
  readonly importedAt: string;
};

export type VersionRef = { readonly label: string; readonly inForce: IsoDate };

export type ImportInput = {
  readonly text: string;
  readonly label: string;
  readonly inForce: string;
  readonly madeBy?: string;
  /** Where the text came from (a file name), kept with the version and used in error messages. */
  readonly sourceName: string;
};

export type ImportResult = {
  readonly version: VersionSummary;
  /** False when this exact text was already stored under this label: nothing changed. */
  readonly created: boolean;
  /** What the parser met in the text but could not place, kept with the version. */
  readonly problems: readonly ParseProblem[];
};

export type ClauseLookup =
  | { readonly found: true; readonly version: VersionRef; readonly clause: Clause }
  | { readonly found: false; readonly reason: "no-version-in-force" }
  | { readonly found: false; readonly reason: "not-in-version"; readonly version: VersionRef };

export type ClauseQuery = { readonly q?: string; readonly part?: string };

export type StoredEffect = {
  readonly from: string;
  readonly to: string;
  readonly clauseId: string;
  readonly kind: Effect["kind"];
  readonly renumberedFrom?: string;
  readonly madeBy: string | null;
};

export type CodeVersions = {
  readonly importVersion: (input: ImportInput, origin?: Origin) => Promise<ImportResult>;
  readonly listVersions: () => Promise<VersionSummary[]>;
  readonly version: (label: string) => Promise<VersionSummary | undefined>;
  readonly versionInForce: (date: string) => Promise<VersionSummary | undefined>;
  readonly clauseOn: (id: string, date: string) => Promise<ClauseLookup>;
  readonly clauseIn: (label: string, id: string) => Promise<Clause | undefined>;
  readonly clausesOf: (
    label: string,
    query?: ClauseQuery,
  ) => Promise<{ version: VersionRef; clauses: Clause[] } | undefined>;
  readonly effects: (range?: { from?: string; to?: string }) => Promise<StoredEffect[]>;
  readonly loadDocument: (label: string) => Promise<CodeDocument | undefined>;
};

/** Labels appear in URLs and file names, so they are kept to a safe alphabet. */
export const labelPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const clauseIdPattern = /^[A-Z]\d+\.\d+[A-Z]{0,3}$/;
export const partPattern = /^[A-Z]\d+$/;

// Imports queue on this lock so that two servers slotting versions in at once each compute
// effects against the other's result, never against a snapshot missing it.
const importLock = 0x5ec6_c0de;
const insertBatch = 500;

/** Same text, same hash: line endings, trailing spaces, a BOM and Unicode composition do not count. */
export function textSha256(text: string): string {
  const normalised = text
    .replace(/^\uFEFF/, "")
    .normalize("NFC")
    .split(/\r\n?|\n/)
    .map((line) => line.trimEnd())
    .join("\n")
    .trimEnd();
  return createHash("sha256").update(normalised, "utf8").digest("hex");
}

export function codeVersionsOf(db: Database, clock: Clock): CodeVersions {
  return {
    importVersion: (input, origin = { actor: "system" }) => importVersion(db, clock, input, origin),
    listVersions: () => summaries(db),
    version: async (label) => (await summaries(db, eq(codeVersions.label, label)))[0],
    versionInForce: async (date) => {
      const version = await inForceOn(db, parseIsoDate(date, { path: "date" }));
      return version && (await summaries(db, eq(codeVersions.id, version.id)))[0];
    },
    clauseOn: async (id, date) => {
      const clauseId = checkClauseId(id);
      const version = await inForceOn(db, parseIsoDate(date, { path: "on" }));
      if (!version) return { found: false, reason: "no-version-in-force" };
      const ref = { label: version.label, inForce: version.inForce };
      const [clause] = await clauseRows(db, version.id, eq(codeClauses.clauseId, clauseId));
      return clause
        ? { found: true, version: ref, clause }
        : { found: false, reason: "not-in-version", version: ref };
    },
    clauseIn: async (label, id) => {
      const clauseId = checkClauseId(id);
      const version = await versionRow(db, label);
      if (!version) return undefined;
      return (await clauseRows(db, version.id, eq(codeClauses.clauseId, clauseId)))[0];
    },
    clausesOf: async (label, query = {}) => {
      const version = await versionRow(db, label);
      if (!version) return undefined;
      const clauses = await clauseRows(db, version.id, clauseFilter(query));
      return { version: { label: version.label, inForce: version.inForce }, clauses };
    },
    effects: (range = {}) => effectsBetween(db, range),
    loadDocument: async (label) => {
      const version = await versionRow(db, label);
      return version && loadDocument(db, version);
    },
  };
}

async function importVersion(
  db: Database,
  clock: Clock,
  input: ImportInput,
  origin: Origin,
): Promise<ImportResult> {
  const label = checkLabel(input.label);
  const inForce = parseIsoDate(input.inForce, { path: "inForce" });
  const madeBy = checkMadeBy(input.madeBy);
  const sourceName = input.sourceName.trim();
  if (sourceName === "") throw new InputError({ path: "sourceName" }, "the name of the source document");
  const document = parseDocument(input.text, sourceName);
  const sha256 = textSha256(input.text);

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${importLock})`);
    const existing = await versionRow(tx, label);
    if (existing) {
      refuseConflict(existing, { sha256, inForce, madeBy });
      const [version] = await summaries(tx, eq(codeVersions.id, existing.id));
      return { version: version!, created: false, problems: existing.problems };
    }
    const [sameDay] = await tx
      .select({ label: codeVersions.label })
      .from(codeVersions)
      .where(eq(codeVersions.inForce, inForce));
    if (sameDay) {
      throw new InputError(
        { path: "inForce" },
        `a date on which no other version comes into force (${sameDay.label} does on ${inForce})`,
      );
    }

    const now = clock.now();
    const [inserted] = await tx
      .insert(codeVersions)
      .values({
        label,
        inForce,
        madeBy,
        sha256,
        sourceName,
        importedAt: now,
        parts: document.parts,
        problems: document.problems,
      })
      .returning({ id: codeVersions.id });
    const version = { id: inserted!.id, label, inForce, madeBy };
    await insertClauses(tx, version.id, document.clauses);
    await insertDefinitions(tx, version.id, document.definitions);

    const previous = await neighbour(tx, "before", inForce);
    if (previous) await recordEffects(tx, previous, version, await loadDocument(tx, previous), document);
    const next = await neighbour(tx, "after", inForce);
    if (next) {
      await tx.delete(codeEffects).where(eq(codeEffects.toVersionId, next.id));
      await recordEffects(tx, version, next, document, await loadDocument(tx, next));
    }

    await appendAudit(tx, {
      ...origin,
      action: "code.version.import",
      target: `code-version:${label}`,
      outcome: "success",
      time: now.toISOString(),
      timeSource: clock.source,
      schemaVersion: auditSchemaVersion,
      detail: {
        label,
        inForce,
        madeBy,
        sha256,
        sourceName,
        clauses: document.clauses.length,
        ...(next ? { effectsRecomputedFor: next.label } : {}),
      },
    });
    const [summary] = await summaries(tx, eq(codeVersions.id, version.id));
    return { version: summary!, created: true, problems: document.problems };
  });
}

/** The parser refuses a text without clauses, so every stored version has at least one. */
function parseDocument(text: string, sourceName: string): CodeDocument {
  try {
    return parseSection(text);
  } catch (error) {
    throw inFile(error, sourceName);
  }
}

function refuseConflict(
  existing: VersionRow,
  wanted: { sha256: string; inForce: IsoDate; madeBy: string | null },
): void {
  const label = existing.label;
  if (existing.sha256 !== wanted.sha256) {
    throw new InputError(
      { path: "label" },
      `a label not already used for a different text (${label} holds text with SHA-256 ${existing.sha256})`,
    );
  }
  if (existing.inForce !== wanted.inForce) {
    throw new InputError({ path: "inForce" }, `${existing.inForce}, the date ${label} was imported with`);
  }
  if (existing.madeBy !== wanted.madeBy) {
    throw new InputError(
      { path: "madeBy" },
      `${JSON.stringify(existing.madeBy)}, the modification ${label} was imported with`,
    );
  }
}

function checkLabel(value: string): string {
  if (!labelPattern.test(value)) {
    throw new InputError(
      { path: "label" },
      "a label of letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters",
    );
  }
  return value;
}

function checkMadeBy(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === "" || trimmed.length > 100) {
    throw new InputError({ path: "madeBy" }, "the modification that made the version, e.g. DP087");
  }
  return trimmed;
}

function checkClauseId(value: string): string {
  const id = value.trim().toUpperCase();
  if (!clauseIdPattern.test(id)) throw new InputError({ path: "id" }, "a clause id such as G3.20 or G2.44A");
  return id;
}

function checkPart(value: string): string {
  const part = value.trim().toUpperCase();
  if (!partPattern.test(part)) throw new InputError({ path: "part" }, "a part of the section such as G2");
  return part;
}

/**
 * Every word of q must appear somewhere in the clause's id, heading or text, as a
 * case-insensitive substring. Substrings (not stemmed full-text tokens) keep defined terms and
 * clause numbers exact — "Anomaly Detection" finds "Anomaly Detection Threshold", "G3.2" finds
 * references to it — and a version is a few hundred clauses, so a scan costs nothing.
 */
function clauseFilter(query: ClauseQuery) {
  const conditions = [];
  if (query.part !== undefined && query.part.trim() !== "") {
    conditions.push(eq(codeClauses.part, checkPart(query.part)));
  }
  const haystack = sql`(${codeClauses.clauseId} || ' ' || ${codeClauses.heading} || ' ' || ${codeClauses.text})`;
  for (const term of (query.q ?? "").split(/\s+/).filter(Boolean)) {
    conditions.push(sql`${haystack} ilike ${`%${term.replace(/[\\%_]/g, "\\$&")}%`}`);
  }
  return and(...conditions);
}

type VersionRow = {
  id: number;
  label: string;
  inForce: IsoDate;
  madeBy: string | null;
  sha256: string;
  parts: CodeDocument["parts"];
  problems: CodeDocument["problems"];
};

type Reader = Database | Transaction;

async function versionRow(db: Reader, label: string): Promise<VersionRow | undefined> {
  const [row] = await db
    .select({
      id: codeVersions.id,
      label: codeVersions.label,
      inForce: codeVersions.inForce,
      madeBy: codeVersions.madeBy,
      sha256: codeVersions.sha256,
      parts: codeVersions.parts,
      problems: codeVersions.problems,
    })
    .from(codeVersions)
    .where(eq(codeVersions.label, label));
  return row;
}

/** The version in force on a day: the one that came into force last, on or before it. */
async function inForceOn(db: Reader, on: IsoDate) {
  const [version] = await db
    .select({ id: codeVersions.id, label: codeVersions.label, inForce: codeVersions.inForce })
    .from(codeVersions)
    .where(lte(codeVersions.inForce, on))
    .orderBy(desc(codeVersions.inForce))
    .limit(1);
  return version;
}

async function neighbour(tx: Transaction, side: "before" | "after", inForce: IsoDate) {
  const [row] = await tx
    .select({ label: codeVersions.label })
    .from(codeVersions)
    .where(side === "before" ? lt(codeVersions.inForce, inForce) : gt(codeVersions.inForce, inForce))
    .orderBy(side === "before" ? desc(codeVersions.inForce) : asc(codeVersions.inForce))
    .limit(1);
  return row && versionRow(tx, row.label);
}

async function summaries(db: Reader, where?: ReturnType<typeof eq>): Promise<VersionSummary[]> {
  const rows = await db
    .select({
      label: codeVersions.label,
      inForce: codeVersions.inForce,
      madeBy: codeVersions.madeBy,
      clauseCount: sql<number>`count(${codeClauses.clauseId})::int`,
      sha256: codeVersions.sha256,
      sourceName: codeVersions.sourceName,
      importedAt: codeVersions.importedAt,
    })
    .from(codeVersions)
    .leftJoin(codeClauses, eq(codeClauses.versionId, codeVersions.id))
    .where(where)
    .groupBy(codeVersions.id)
    .orderBy(asc(codeVersions.inForce));
  return rows.map((row) => ({
    ...row,
    clauseCount: Number(row.clauseCount),
    importedAt: row.importedAt.toISOString(),
  }));
}

async function clauseRows(db: Reader, versionId: number, where?: ReturnType<typeof and>): Promise<Clause[]> {
  const rows = await db
    .select()
    .from(codeClauses)
    .where(and(eq(codeClauses.versionId, versionId), where))
    .orderBy(asc(codeClauses.position));
  return rows.map((row) => ({
    id: row.clauseId,
    part: row.part,
    heading: row.heading,
    text: row.text,
    intro: row.intro,
    paragraphs: row.paragraphs,
    ...(row.trailing === null ? {} : { trailing: row.trailing }),
    notUsed: row.notUsed,
    references: row.references,
    line: row.line,
  }));
}

async function loadDocument(db: Reader, version: VersionRow): Promise<CodeDocument> {
  const clauses = await clauseRows(db, version.id);
  const rows = await db
    .select({ term: codeDefinitions.term, text: codeDefinitions.text, clause: codeDefinitions.clauseId })
    .from(codeDefinitions)
    .where(eq(codeDefinitions.versionId, version.id))
    .orderBy(asc(codeDefinitions.position));
  const definitions: Definition[] = rows.map(({ clause, ...definition }) =>
    clause === null ? definition : { ...definition, clause },
  );
  return { parts: version.parts, clauses, definitions, problems: version.problems };
}

async function insertClauses(tx: Transaction, versionId: number, clauses: readonly Clause[]): Promise<void> {
  const rows = clauses.map((clause, position) => ({
    versionId,
    clauseId: clause.id,
    position,
    part: clause.part,
    heading: clause.heading,
    text: clause.text,
    intro: clause.intro,
    paragraphs: clause.paragraphs,
    trailing: clause.trailing ?? null,
    notUsed: clause.notUsed,
    references: clause.references,
    line: clause.line,
  }));
  for (let start = 0; start < rows.length; start += insertBatch) {
    await tx.insert(codeClauses).values(rows.slice(start, start + insertBatch));
  }
}

async function insertDefinitions(
  tx: Transaction,
  versionId: number,
  definitions: readonly Definition[],
): Promise<void> {
  const rows = definitions.map((definition, position) => ({
    versionId,
    position,
    term: definition.term,
    text: definition.text,
    clauseId: definition.clause ?? null,
  }));
  for (let start = 0; start < rows.length; start += insertBatch) {
    await tx.insert(codeDefinitions).values(rows.slice(start, start + insertBatch));
  }
}

/** The effects a version had on the one before it, attributed to the modification that made it. */
async function recordEffects(
  tx: Transaction,
  from: { id: number },
  to: { id: number; madeBy: string | null },
  before: CodeDocument,
  after: CodeDocument,
): Promise<void> {
  const rows = computeEffects(before, after).map((effect, position) => ({
    toVersionId: to.id,
    position,
    fromVersionId: from.id,
    clauseId: effect.id,
    kind: effect.kind,
    renumberedFrom: effect.kind === "renumbered" ? effect.from : null,
    madeBy: to.madeBy,
  }));
  for (let start = 0; start < rows.length; start += insertBatch) {
    await tx.insert(codeEffects).values(rows.slice(start, start + insertBatch));
  }
}

async function effectsBetween(db: Database, range: { from?: string; to?: string }): Promise<StoredEffect[]> {
  const from = range.from === undefined ? undefined : await requireVersion(db, range.from, "from");
  const to = range.to === undefined ? undefined : await requireVersion(db, range.to, "to");
  if (from && to && from.inForce >= to.inForce) {
    throw new InputError({ path: "from" }, `a version in force before ${to.label} (${from.label} is not)`);
  }
  const fromVersion = alias(codeVersions, "from_version");
  const rows = await db
    .select({
      from: fromVersion.label,
      to: codeVersions.label,
      clauseId: codeEffects.clauseId,
      kind: codeEffects.kind,
      renumberedFrom: codeEffects.renumberedFrom,
      madeBy: codeEffects.madeBy,
    })
    .from(codeEffects)
    .innerJoin(codeVersions, eq(codeVersions.id, codeEffects.toVersionId))
    .innerJoin(fromVersion, eq(fromVersion.id, codeEffects.fromVersionId))
    .where(
      and(
        from ? gt(codeVersions.inForce, from.inForce) : undefined,
        to ? lte(codeVersions.inForce, to.inForce) : undefined,
      ),
    )
    .orderBy(asc(codeVersions.inForce), asc(codeEffects.position));
  return rows.map(({ renumberedFrom, ...effect }) =>
    renumberedFrom === null ? effect : { ...effect, renumberedFrom },
  );
}

async function requireVersion(db: Database, label: string, path: string): Promise<VersionRow> {
  const version = await versionRow(db, label);
  if (!version)
    throw new InputError({ path }, `the label of a stored version (${JSON.stringify(label)} is not one)`);
  return version;
}
