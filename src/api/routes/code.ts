/**
 * The Code over HTTP: stored versions, their clauses, a clause as it stood on a date, diffs and
 * redlines between versions, and the effects register. Handlers only translate between HTTP and
 * the code-versions service; a label that names no version is a 404 where it is the resource in
 * the path and a 400 naming the field where it is a query parameter.
 */
import { z } from "zod";
import { diffSections } from "../../code/diff.js";
import { diffWords } from "../../code/word-diff.js";
import { InputError } from "../../common/input-error.js";
import { londonDate } from "../../obligations/calendar/iso-date.js";
import { originFor } from "../../workspace/access/principal.js";
import { clauseIdPattern, labelPattern, partPattern } from "../../workspace/code-versions.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";
import { namedSchemas } from "../zod-schemas.js";

const Label = z.string().regex(labelPattern, "a version label (letters, digits, '.', '_', '-')");
const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date as YYYY-MM-DD");
const ClauseId = z
  .string()
  .trim()
  .toUpperCase()
  .regex(clauseIdPattern, "a clause id such as G3.20 or G2.44A");
const PartId = z.string().trim().toUpperCase().regex(partPattern, "a part of the section such as G2");

const VersionSummary = z.object({
  label: z.string(),
  inForce: z.string().describe("The day this version came into force, YYYY-MM-DD"),
  madeBy: z.string().nullable().describe("The modification that made it, e.g. DP087"),
  clauseCount: z.number().int(),
  sha256: z.string().describe("SHA-256 of the normalised source text, hex"),
  sourceName: z.string(),
  importedAt: z.string().describe("ISO 8601 instant"),
});

const VersionRef = z.object({ label: z.string(), inForce: z.string() });

const Paragraph = z.object({
  label: z.string(),
  id: z.string(),
  text: z.string(),
  tail: z.string().optional().describe("Words after the sub-paragraphs that close this paragraph"),
  inferred: z.boolean().optional().describe("The label was missing in the source and inferred"),
  get children() {
    return z.array(Paragraph);
  },
});
namedSchemas.add(Paragraph, { id: "Paragraph" });

const Clause = z.object({
  id: z.string(),
  part: z.string(),
  heading: z.string(),
  text: z.string(),
  intro: z.string(),
  paragraphs: z.array(Paragraph),
  trailing: z.string().optional().describe("Words after the last paragraph that close the clause"),
  notUsed: z.boolean(),
  references: z.array(z.object({ from: z.string(), to: z.string() })),
  line: z.number().int(),
});

const ClauseListing = z.object({
  id: z.string(),
  part: z.string(),
  heading: z.string(),
  text: z.string(),
  notUsed: z.boolean(),
});

const ImportBody = z.strictObject({
  label: Label,
  inForce: DateString,
  madeBy: z.string().min(1).optional(),
  text: z.string().min(1, "the text of a SEC section document"),
  sourceName: z.string().min(1).optional(),
});

const Effect = z.object({
  from: z.string(),
  to: z.string(),
  clauseId: z.string(),
  kind: z.enum(["inserted", "substituted", "repealed", "renumbered"]),
  renumberedFrom: z.string().optional(),
  madeBy: z.string().nullable(),
});

const ClauseDiff = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
  unchanged: z.array(z.string()),
});

const Redline = z.object({
  clause: z.string(),
  old: z.string().nullable(),
  new: z.string().nullable(),
  spans: z.array(z.object({ op: z.enum(["equal", "insert", "delete"]), text: z.string() })),
});

const errors = { 400: ErrorBody, 404: ErrorBody };
const tags = ["code"];

export function codeRoutes(app: App, store: Store): void {
  const versions = store.codeVersions;

  app.get(
    "/api/code/versions",
    {
      config: { access: { resource: "code", action: "read" } },
      schema: {
        summary: "Stored versions of the Code, oldest in force first",
        tags,
        response: { 200: z.object({ versions: z.array(VersionSummary) }) },
      },
    },
    async () => ({ versions: await versions.listVersions() }),
  );

  app.post(
    "/api/code/versions",
    {
      config: { access: { resource: "code", action: "write" } },
      schema: {
        summary: "Import a version of Section G (201 when stored, 200 when this text already was)",
        tags,
        body: ImportBody,
        response: { 200: VersionSummary, 201: VersionSummary, ...errors },
      },
    },
    async (request, reply) => {
      const { text, label, inForce, madeBy, sourceName } = request.body;
      const { version, created } = await versions.importVersion(
        {
          text,
          label,
          inForce,
          sourceName: sourceName ?? `${label} (uploaded)`,
          ...(madeBy === undefined ? {} : { madeBy }),
        },
        originFor(request.principal, request.ip, request.id),
      );
      return reply.code(created ? 201 : 200).send(version);
    },
  );

  app.get(
    "/api/code/versions/:label/clauses",
    {
      config: { access: { resource: "code", action: "read" } },
      schema: {
        summary: "The clauses of one version, optionally searched (every word of q) and limited to a part",
        tags,
        params: z.object({ label: z.string() }),
        querystring: z.object({ q: z.string().optional(), part: PartId.optional() }),
        response: { 200: z.object({ version: VersionRef, clauses: z.array(ClauseListing) }), ...errors },
      },
    },
    async (request, reply) => {
      const { q, part } = request.query;
      const found = await versions.clausesOf(request.params.label, {
        ...(q === undefined ? {} : { q }),
        ...(part === undefined ? {} : { part }),
      });
      if (!found) return sendError(reply, 404, `no version labelled ${request.params.label}`, "label");
      return {
        version: found.version,
        clauses: found.clauses.map(({ id, part, heading, text, notUsed }) => ({
          id,
          part,
          heading,
          text,
          notUsed,
        })),
      };
    },
  );

  app.get(
    "/api/code/clauses/:id",
    {
      config: { access: { resource: "code", action: "read" } },
      schema: {
        summary: "A clause as it stood on a date (default: today in the UK)",
        tags,
        params: z.object({ id: ClauseId }),
        querystring: z.object({ on: DateString.optional() }),
        response: { 200: z.object({ version: VersionRef, clause: Clause }), ...errors },
      },
    },
    async (request, reply) => {
      const on = request.query.on ?? londonDate(store.clock.now());
      const found = await versions.clauseOn(request.params.id, on);
      if (found.found) return { version: found.version, clause: found.clause };
      const message =
        found.reason === "no-version-in-force"
          ? `no stored version was in force on ${on}`
          : `${request.params.id} is not in ${found.version.label}, the version in force on ${on}`;
      return sendError(reply, 404, message, "id");
    },
  );

  app.get(
    "/api/code/diff",
    {
      config: { access: { resource: "code", action: "read" } },
      schema: {
        summary: "Which clauses were added, removed, changed or left unchanged between two versions",
        tags,
        querystring: z.object({ old: Label, new: Label, part: PartId.optional() }),
        response: { 200: ClauseDiff, ...errors },
      },
    },
    async (request) => {
      const { old: oldLabel, new: newLabel, part } = request.query;
      const before = await versions.loadDocument(oldLabel);
      if (!before) throw unknownLabel("old", oldLabel);
      const after = await versions.loadDocument(newLabel);
      if (!after) throw unknownLabel("new", newLabel);
      return diffSections(before, after, part === undefined ? {} : { part });
    },
  );

  app.get(
    "/api/code/redline",
    {
      config: { access: { resource: "code", action: "read" } },
      schema: {
        summary: "A word-level redline of one clause between two versions",
        tags,
        querystring: z.object({ old: Label, new: Label, clause: ClauseId }),
        response: { 200: Redline, ...errors },
      },
    },
    async (request, reply) => {
      const { old: oldLabel, new: newLabel, clause } = request.query;
      if (!(await versions.version(oldLabel))) throw unknownLabel("old", oldLabel);
      if (!(await versions.version(newLabel))) throw unknownLabel("new", newLabel);
      const before = (await versions.clauseIn(oldLabel, clause))?.text ?? null;
      const after = (await versions.clauseIn(newLabel, clause))?.text ?? null;
      if (before === null && after === null) {
        return sendError(reply, 404, `${clause} is in neither ${oldLabel} nor ${newLabel}`, "clause");
      }
      return { clause, old: before, new: after, spans: diffWords(before ?? "", after ?? "") };
    },
  );

  app.get(
    "/api/code/effects",
    {
      config: { access: { resource: "code", action: "read" } },
      schema: {
        summary: "The effects register: what each version did to the one before it, in order",
        tags,
        querystring: z.object({ from: Label.optional(), to: Label.optional() }),
        response: { 200: z.object({ effects: z.array(Effect) }), ...errors },
      },
    },
    async (request) => {
      const { from, to } = request.query;
      const effects = await versions.effects({
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      });
      return { effects };
    },
  );
}

function unknownLabel(path: string, label: string): InputError {
  return new InputError({ path }, `the label of a stored version (${JSON.stringify(label)} is not one)`);
}
