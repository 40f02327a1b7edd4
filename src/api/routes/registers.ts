/**
 * The workspace registers over HTTP (docs/registers.md): list, read, put and delete records,
 * import and export whole registers as CSV or JSON, move systems along their lifecycle (G3.9),
 * and store or fetch the file behind an evidence record. Evidence routes are their own resource
 * for access control; every other register is "registers".
 */
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { originFor, type Principal } from "../../workspace/access/principal.js";
import { type Registers, registersOf, type Upload } from "../../workspace/registers/engine.js";
import type { RegisterFormat } from "../../workspace/registers/formats.js";
import { type RegisterName, registerNames } from "../../workspace/registers/index.js";
import type { Store } from "../../workspace/store.js";
import type { AccessResource } from "../access-config.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";
import type { ZodTypeProvider } from "../zod-schemas.js";

const tags = ["registers"];
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const PartyParam = z.string().regex(/^[a-z0-9-]+$/, "a party id of lower-case letters, digits and '-'");
const RegisterParam = z.enum(
  registerNames.filter((name) => name !== "evidence") as [RegisterName, ...RegisterName[]],
);
const RecordBody = z.record(z.string(), z.unknown()).describe("A record of the register (docs/registers.md)");
const Outcome = z.enum(["created", "updated", "unchanged"]);
const Counts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });
const Format = z.enum(["csv", "json"]);

/** The file sent with an evidence record: its bytes in base64; a SHA-256, if given, must match them. */
const FileUpload = z.strictObject({
  name: z.string().min(1, "a file name"),
  mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, "a media type like application/pdf"),
  contentBase64: z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "the file's bytes in base64")
    .refine((s) => s.length % 4 === 0, "the file's bytes in base64 (a length that is a multiple of 4)"),
  sha256: z.string().optional(),
});

export function registerRoutes(app: App, store: Store): void {
  const registers = registersOf(store.db, store.clock);

  app.get(
    "/api/parties/:party/registers",
    {
      config: { access: { resource: "registers", action: "read" } },
      schema: {
        summary: "Every register of the party and how many records it holds",
        tags,
        params: z.object({ party: PartyParam }),
        response: {
          200: z.object({ registers: z.array(z.object({ register: z.string(), count: z.number() })) }),
          ...errors,
        },
      },
    },
    async (request) => ({ registers: await registers.counts(request.params.party) }),
  );

  // Evidence has routes of its own (a fixed path segment wins over :register) so that its
  // access policy is the evidence one.
  recordRoutes(app, registers, "registers", z.object({ party: PartyParam, register: RegisterParam }));
  recordRoutes(app, registers, "evidence", z.object({ party: PartyParam }), "evidence");

  app.post(
    "/api/parties/:party/registers/systems/:id/transition",
    {
      config: { access: { resource: "registers", action: "write" } },
      schema: {
        summary: "Move a system forward: planned → authorised → operational → decommissioned (G3.9)",
        tags,
        params: z.object({ party: PartyParam, id: z.string() }),
        body: z.strictObject({
          to: z.enum(["authorised", "operational", "decommissioned"]),
          on: z.string().optional().describe("YYYY-MM-DD; default today in Great Britain"),
        }),
        response: { 200: RecordBody, ...errors },
      },
    },
    async (request, reply) => {
      const { party, id } = request.params;
      const { to, on } = request.body;
      const record = await registers.transition(party, "systems", id, to, origin(request), on);
      return record ?? sendError(reply, 404, `no system ${id} in ${party}'s register`, "id");
    },
  );

  evidenceFileUpload(app, registers);

  app.get(
    "/api/parties/:party/registers/evidence/:id/file",
    {
      config: { access: { resource: "evidence", action: "read" } },
      schema: {
        summary: "The file stored for an evidence record, as it was sent",
        tags,
        params: z.object({ party: PartyParam, id: z.string() }),
        response: {
          200: z.any().describe("The file's bytes, with its media type"),
          404: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { party, id } = request.params;
      const file = await registers.evidenceFile(party, id);
      if (!file) return sendError(reply, 404, `no stored file for evidence ${id}`, "id");
      // Served as a download, never rendered in the dashboard's origin: the file is the party's.
      return (
        reply
          .type(file.mediaType)
          .header("content-disposition", `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"`)
          .header("x-content-type-options", "nosniff")
          .header("content-security-policy", "sandbox")
          // RFC 9530: the SHA-256 of the file as stored, so a client can check what it received.
          .header("repr-digest", `sha-256=:${Buffer.from(file.sha256, "hex").toString("base64")}:`)
          .send(file.bytes)
      );
    },
  );
}

/**
 * Replaces the file of an evidence record with the request body's bytes, as sent (any media
 * type): for files too large to send base64 in JSON. The record keeps its other fields.
 */
function evidenceFileUpload(app: App, registers: Registers): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));
    scope.withTypeProvider<ZodTypeProvider>().put(
      "/api/parties/:party/registers/evidence/:id/file",
      {
        config: { access: { resource: "evidence", action: "write" } },
        schema: {
          summary:
            "Replace the file of an evidence record with the body's bytes; Content-Type is its media type",
          tags,
          params: z.object({ party: PartyParam, id: z.string() }),
          querystring: z.object({
            name: z.string().min(1).optional().describe("The file's name (default: as before)"),
          }),
          response: { 200: z.object({ record: RecordBody, outcome: Outcome }), ...errors },
        },
      },
      async (request, reply) => {
        const { party, id } = request.params;
        const stored = await registers.get(party, "evidence", id);
        if (!stored) return sendError(reply, 404, `no evidence ${id} in ${party}'s register`, "id");
        if (stored.kind !== "file")
          throw new InputError({ path: "id" }, `evidence of kind file (${id} is a link)`);
        const mediaType = (request.headers["content-type"] ?? "").split(";")[0]!.trim();
        const { file: _, ...record } = stored;
        const result = await registers.put(party, "evidence", record, origin(request), {
          name: request.query.name ?? stored.file?.name ?? id,
          mediaType,
          bytes: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        });
        return result;
      },
    );
  });
}

type RequestLike = { principal: Principal; ip: string; id: string };

function origin(request: RequestLike) {
  return originFor(request.principal, request.ip, request.id);
}

/** The record routes of every register named by `:register`, or of the one `fixed` register. */
function recordRoutes(
  app: App,
  registers: Registers,
  resource: AccessResource,
  params: z.ZodObject<{ party: typeof PartyParam; register?: typeof RegisterParam }>,
  fixed?: RegisterName,
): void {
  const base = `/api/parties/:party/registers/${fixed ?? ":register"}`;
  const withId = params.extend({ id: z.string() });
  // The params schema has already checked `register` against the register names.
  const target = (p: { party: string; register?: unknown }) => ({
    party: p.party,
    register: (fixed ?? p.register) as RegisterName,
  });
  const read = { access: { resource, action: "read" as const } };
  const write = { access: { resource, action: "write" as const } };

  app.get(
    base,
    {
      config: read,
      schema: {
        summary: "The register's records, by id",
        tags,
        params,
        response: { 200: z.object({ items: z.array(RecordBody) }), ...errors },
      },
    },
    async (request) => {
      const { party, register } = target(request.params);
      return { items: await registers.list(party, register) };
    },
  );

  app.get(
    `${base}/export`,
    {
      config: read,
      schema: {
        summary: "The register as CSV or JSON, which import reads back unchanged",
        tags,
        params,
        querystring: z.object({ format: Format.default("csv") }),
      },
    },
    async (request, reply) => {
      const { party, register } = target(request.params);
      const format = request.query.format;
      const text = await registers.exportText(party, register, format);
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8")
        .header("content-disposition", `attachment; filename="${party}-${register}.${format}"`)
        .send(text);
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: read,
      schema: { summary: "One record", tags, params: withId, response: { 200: RecordBody, ...errors } },
    },
    async (request, reply) => {
      const { party, register } = target(request.params);
      const { id } = request.params;
      const record = await registers.get(party, register, id);
      return record ?? sendError(reply, 404, `no record ${id} in ${party}'s ${register} register`, "id");
    },
  );

  app.put(
    `${base}/:id`,
    {
      config: write,
      schema: {
        summary:
          "Create or replace one record (201 when created); evidence of kind file carries file: {name, mediaType, contentBase64}",
        tags,
        params: withId,
        body: RecordBody,
        response: {
          200: z.object({ record: RecordBody, outcome: Outcome }),
          201: z.object({ record: RecordBody, outcome: Outcome }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const { party, register } = target(request.params);
      const { id } = request.params;
      const body = request.body;
      if (body.id !== undefined && body.id !== id) {
        throw new InputError({ path: "id" }, `${id}, the id in the URL (got ${JSON.stringify(body.id)})`);
      }
      const { record: input, upload } = splitUpload({ ...body, id });
      const result = await registers.put(party, register, input, origin(request), upload);
      return reply.code(result.outcome === "created" ? 201 : 200).send(result);
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: write,
      schema: {
        summary: "Delete one record (and its stored file)",
        tags,
        params: withId,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      const { party, register } = target(request.params);
      const { id } = request.params;
      if (!(await registers.remove(party, register, id, origin(request)))) {
        return sendError(reply, 404, `no record ${id} in ${party}'s ${register} register`, "id");
      }
      return reply.code(204).send(null);
    },
  );

  // The import body is read as text whatever its type, so CSV and JSON problems are reported at
  // the line of the body as sent; the parsers are scoped to this one route.
  app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser(
      ["application/json", "text/csv"],
      { parseAs: "string" },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().post(
      `${base}/import`,
      {
        config: write,
        schema: {
          summary: "Import a whole register (text/csv or an application/json array): all or nothing",
          tags,
          params,
          response: { 200: Counts, ...errors, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        const { party, register } = target(request.params);
        const type = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
        const format: RegisterFormat | undefined =
          type === "text/csv" ? "csv" : type === "application/json" ? "json" : undefined;
        if (format === undefined) return sendError(reply, 415, "a body of type text/csv or application/json");
        return registers.importText(
          party,
          register,
          format,
          String(request.body ?? ""),
          "body",
          origin(request),
        );
      },
    );
  });
}

/** Takes the file's bytes out of an evidence body; what stays is the record as the register holds it. */
function splitUpload(body: Record<string, unknown>): { record: Record<string, unknown>; upload?: Upload } {
  const file = body.file as Record<string, unknown> | undefined;
  if (file === undefined || file === null || typeof file !== "object" || !("contentBase64" in file)) {
    return { record: body };
  }
  const parsed = FileUpload.safeParse(file);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(
      { path: ["file", ...issue.path].join(".") },
      issue.message.replace(/^Invalid input: /, ""),
    );
  }
  const { file: _, ...record } = body;
  const { name, mediaType, contentBase64, sha256 } = parsed.data;
  return {
    record,
    upload: {
      name,
      mediaType,
      bytes: Buffer.from(contentBase64, "base64"),
      ...(sha256 === undefined ? {} : { sha256 }),
    },
  };
}
