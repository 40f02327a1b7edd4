/**
 * Assessment workflows over HTTP (docs/workflows.md): list, start, read and move a party's
 * assessments, print the Security Assessment Response, and list the notices owed to the SSC.
 *
 * The transitions route declares "read" to the authorisation hook because one route carries steps of
 * every kind — the assessor's, the party's and the SSC's — and the hook's action is fixed per route;
 * the handler then applies the finer rule: the roles the actor holds in the party must include one the
 * transition allows, and an API token limited to reading may not move anything.
 */
import { z } from "zod";
import { londonDate, parseIsoDate } from "../../obligations/calendar/iso-date.js";
import { type DeadlineFacts, noFacts, validateFacts } from "../../obligations/deadlines/facts.js";
import { RoleRefused, TransitionRefused } from "../../obligations/workflows/machine.js";
import { machines } from "../../obligations/workflows/machines.js";
import { isoDate } from "../../obligations/workflows/payloads.js";
import { originFor, rolesIn } from "../../workspace/access/principal.js";
import { noticeFactsFrom } from "../../workspace/documents/notice-facts.js";
import { type NoticeDetails, sscNotices } from "../../workspace/documents/notices.js";
import { NoResponseYet } from "../../workspace/documents/response-content.js";
import { responseMarkdown } from "../../workspace/documents/response-markdown.js";
import { responsePdf } from "../../workspace/documents/response-pdf.js";
import { partiesOf } from "../../workspace/parties.js";
import { registersOf } from "../../workspace/registers/engine.js";
import type { Store } from "../../workspace/store.js";
import {
  StaleVersion,
  type StoredWorkflow,
  UnknownParty,
  workflowsOf,
} from "../../workspace/workflows/workflows.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";
import { namedSchemas } from "../zod-schemas.js";

const tags = ["assessments"];
const Party = z.object({ party: z.string() });
const PartyAndId = z.object({ party: z.string(), id: z.string() });

const Summary = z.object({
  id: z.string(),
  party: z.string(),
  kind: z.string(),
  category: z.string(),
  state: z.string(),
  version: z.number().int().describe("Steps so far; a transition names it (optimistic concurrency)"),
  scheduledFor: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const fieldTypes = ["text", "date", "enum", "boolean", "list", "group"] as const;

/** One input a step's payload takes, described for a form; lists and groups nest. */
export type StepField = {
  name: string;
  label: string;
  type: (typeof fieldTypes)[number];
  required: boolean;
  help?: string;
  options?: string[];
  item?: StepField;
  fields?: StepField[];
};

const StepFieldSchema = z.object({
  name: z.string().describe("The payload key; empty for the entries of a list"),
  label: z.string(),
  type: z.enum(fieldTypes),
  required: z.boolean(),
  help: z.string().optional().describe("What the server accepts there, in words"),
  options: z.array(z.string()).optional().describe("The values an enum takes"),
  get item() {
    return StepFieldSchema.optional().describe("What each entry of a list is");
  },
  get fields() {
    return z.array(StepFieldSchema).optional().describe("The fields of a group");
  },
});
namedSchemas.add(StepFieldSchema, { id: "StepField" });

/** `progressReportsDue` → "Progress reports due"; `start-fieldwork` → "Start fieldwork". */
function words(key: string): string {
  const spaced = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replaceAll("-", " ")
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** The messages of a schema's own checks that say what is accepted (an id's shape, a clause). */
function checkMessages(schema: z.ZodType, kinds: readonly string[]): string[] {
  return (schema._zod.def.checks ?? [])
    .filter((check) => kinds.includes(check._zod.def.check))
    .map((check) => (check._zod.def.error as ((issue?: unknown) => unknown) | undefined)?.())
    .filter((message): message is string => typeof message === "string");
}

/**
 * A step's payload schema read as form fields, so the dashboard can ask for exactly what the step
 * needs: optional and defaulted keys are not required; a list is required when it needs an entry.
 */
export function describeField(name: string, schema: z.ZodType, required = true): StepField {
  const base = { name, label: words(name), required };
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return describeField(name, schema.unwrap() as z.ZodType, false);
  if (schema === isoDate) return { ...base, type: "date" };
  if (schema instanceof z.ZodPipe) return describeField(name, schema.in as z.ZodType, required);
  if (schema instanceof z.ZodEnum) return { ...base, type: "enum", options: schema.options.map(String) };
  if (schema instanceof z.ZodBoolean) return { ...base, type: "boolean" };
  if (schema instanceof z.ZodArray) {
    const [atLeastOne] = checkMessages(schema, ["min_length"]);
    return {
      ...base,
      type: "list",
      required: required && atLeastOne !== undefined,
      ...(atLeastOne === undefined ? {} : { help: atLeastOne }),
      item: describeField("", schema.element as z.ZodType),
    };
  }
  if (schema instanceof z.ZodObject) return { ...base, type: "group", fields: payloadFields(schema) };
  const [help] = checkMessages(schema, ["custom", "string_format"]);
  return { ...base, type: "text", ...(help === undefined ? {} : { help }) };
}

export function payloadFields(schema: z.ZodType): StepField[] {
  const object = schema instanceof z.ZodPipe ? schema.in : schema;
  if (!(object instanceof z.ZodObject)) return [];
  return Object.entries(object.shape as Record<string, z.ZodType>).map(([key, value]) =>
    describeField(key, value),
  );
}

const Assessment = Summary.extend({
  data: z.record(z.string(), z.unknown()).describe("Everything the steps recorded (docs/workflows.md)"),
  findings: z.array(z.record(z.string(), z.unknown())).describe("The report's findings"),
  steps: z.array(
    z.object({
      version: z.number().int(),
      transition: z.string(),
      from: z.string().nullable(),
      to: z.string(),
      clause: z.string(),
      actor: z.string(),
      role: z.string(),
      at: z.string(),
      on: z.string(),
      payload: z.unknown(),
    }),
  ),
  allowedTransitions: z.array(
    z.object({
      name: z.string(),
      clause: z.string(),
      summary: z.string(),
      roles: z.array(z.string()),
      to: z.array(z.string()),
      label: z.string().describe("The step in words, for a button"),
      fields: z.array(StepFieldSchema).describe("What the step's payload takes, for a form"),
    }),
  ),
});

const Notice = z.object({
  id: z.string(),
  clause: z.string(),
  alsoClauses: z.array(z.string()),
  to: z.array(z.string()),
  title: z.string(),
  subject: z.string(),
  due: z.string(),
  basis: z.string(),
  status: z.string(),
  done: z.string().optional(),
  fields: z.array(z.object({ label: z.string(), clause: z.string(), value: z.string().nullable() })),
});
const Notices = z.object({ party: z.string(), on: z.string(), notices: z.array(Notice) });

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody };

function shaped(workflow: StoredWorkflow) {
  const table = machines[workflow.kind].transitions;
  return {
    ...workflow,
    findings: workflow.data.report?.findings ?? [],
    allowedTransitions: workflow.allowedTransitions.map((allowed) => ({
      ...allowed,
      label: words(allowed.name),
      fields: payloadFields(table[allowed.name]!.payload),
    })),
  };
}

export function assessmentRoutes(app: App, store: Store): void {
  const flows = workflowsOf(store.db, store.clock);
  const parties = partiesOf(store.db, store.clock);
  const registers = registersOf(store.db, store.clock);
  const base = "/api/parties/:party/assessments";
  const missing = (id: string) => `no assessment ${id} in this party's workspace`;

  app.get(
    base,
    {
      config: { access: { resource: "workflows", action: "read" } },
      schema: {
        summary: "The party's assessments, newest first",
        tags,
        params: Party,
        response: { 200: z.object({ assessments: z.array(Summary) }), ...errors },
      },
    },
    async (request) => ({ assessments: await flows.list(request.params.party) }),
  );

  app.post(
    base,
    {
      config: { access: { resource: "workflows", action: "write" } },
      schema: {
        summary: "Start an assessment workflow: kind user | entry | triage-entry | dcc",
        tags,
        params: Party,
        body: z.record(z.string(), z.unknown()).describe("{kind, category?, scheduledFor?}"),
        response: { 201: Assessment, ...errors },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      try {
        const actor = {
          origin: originFor(request.principal, request.ip, request.id),
          roles: rolesIn(request.principal, party),
        };
        return reply.code(201).send(shaped(await flows.create(party, request.body, actor)));
      } catch (error) {
        if (error instanceof UnknownParty) return sendError(reply, 404, error.message, "party");
        if (error instanceof RoleRefused) return sendError(reply, 403, error.message);
        throw error;
      }
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { access: { resource: "workflows", action: "read" } },
      schema: {
        summary: "One assessment with its steps, findings and the transitions allowed now",
        tags,
        params: PartyAndId,
        response: { 200: Assessment, ...errors },
      },
    },
    async (request, reply) => {
      const found = await flows.get(request.params.party, request.params.id);
      return found ? shaped(found) : sendError(reply, 404, missing(request.params.id), "id");
    },
  );

  app.post(
    `${base}/:id/transitions`,
    {
      config: { access: { resource: "workflows", action: "read" } },
      schema: {
        summary:
          "Make a step: {transition, version, …payload}; 409 when the version is stale or the step not allowed now",
        tags,
        params: PartyAndId,
        body: z.looseObject({ transition: z.string().min(1), version: z.number().int().min(1) }),
        response: { 200: Assessment, ...errors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { party, id } = request.params;
      const { transition, version, ...payload } = request.body;
      const { principal } = request;
      if (
        principal.kind === "user" &&
        principal.via === "token" &&
        principal.scopes.every((s) => s === "read")
      ) {
        return sendError(
          reply,
          403,
          "an API token with the write scope to make a step (this one may only read)",
        );
      }
      try {
        const actor = {
          origin: originFor(principal, request.ip, request.id),
          roles: rolesIn(principal, party),
        };
        const moved = await flows.transition(party, id, { transition, version, payload }, actor);
        return moved ? shaped(moved) : sendError(reply, 404, missing(id), "id");
      } catch (error) {
        if (error instanceof RoleRefused) return sendError(reply, 403, error.message, "transition");
        if (error instanceof StaleVersion || error instanceof TransitionRefused) {
          return sendError(
            reply,
            409,
            error.message,
            error instanceof StaleVersion ? "version" : "transition",
          );
        }
        throw error;
      }
    },
  );

  for (const format of ["md", "pdf"] as const) {
    app.get(
      `${base}/:id/response.${format}`,
      {
        config: { access: { resource: "workflows", action: "read" } },
        schema: {
          summary: `The Security Assessment Response as ${format === "md" ? "Markdown" : "PDF"}; 409 before it is submitted`,
          tags,
          params: PartyAndId,
          response: { 200: z.any(), ...errors, 409: ErrorBody },
        },
      },
      async (request, reply) => {
        const { party, id } = request.params;
        const [found, stored] = await Promise.all([flows.get(party, id), parties.get(party)]);
        if (!found || !stored) return sendError(reply, 404, missing(id), "id");
        const source = { party: { id: stored.id, name: stored.name }, workflow: found };
        try {
          if (format === "md")
            return reply.type("text/markdown; charset=utf-8").send(responseMarkdown(source));
          const pdf = await responsePdf(source);
          return reply
            .type("application/pdf")
            .header("content-disposition", `attachment; filename="${id}-response.pdf"`)
            .send(Buffer.from(pdf));
        } catch (error) {
          if (error instanceof NoResponseYet) return sendError(reply, 409, error.message, "id");
          throw error;
        }
      },
    );
  }

  const noticesOf = async (
    party: string,
    on: string | undefined,
    facts: DeadlineFacts,
    details: NoticeDetails,
  ) => {
    const stored = await parties.get(party);
    if (!stored) return undefined;
    const day = on === undefined ? londonDate(store.clock.now()) : parseIsoDate(on, { path: "on" });
    return {
      party,
      on: day,
      notices: sscNotices(stored.profile, facts, details, day, await parties.peers()),
    };
  };

  app.get(
    "/api/parties/:party/notifications",
    {
      config: { access: { resource: "workflows", action: "read" } },
      schema: {
        summary:
          "Notices owed to the SSC (G3.5, G3.18(c), G5.26, G5.27) from the profile and the registers, with due dates",
        tags,
        params: Party,
        querystring: z.object({ on: z.string().optional().describe("Default: today in Great Britain") }),
        response: { 200: Notices, ...errors },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      const [incidents, vulnerabilities] = await Promise.all([
        registers.list(party, "incidents"),
        registers.list(party, "vulnerabilities"),
      ]);
      const { facts, details } = noticeFactsFrom({ incidents, vulnerabilities });
      const answer = await noticesOf(party, request.query.on, facts, details);
      return answer ?? sendError(reply, 404, `no party with id ${request.params.party}`, "party");
    },
  );

  app.post(
    "/api/parties/:party/notifications",
    {
      config: { access: { resource: "workflows", action: "read" } },
      schema: {
        summary:
          "The same notices from facts in the body (the deadlines facts format) and per-subject details",
        tags,
        params: Party,
        body: z.strictObject({
          on: z.string().optional(),
          facts: z.record(z.string(), z.unknown()).optional(),
          details: z.record(z.string(), z.record(z.string(), z.string())).default({}),
        }),
        response: { 200: Notices, ...errors },
      },
    },
    async (request, reply) => {
      const { on, facts, details } = request.body;
      const known = facts === undefined ? noFacts : validateFacts(facts);
      const answer = await noticesOf(request.params.party, on, known, details);
      return answer ?? sendError(reply, 404, `no party with id ${request.params.party}`, "party");
    },
  );
}
