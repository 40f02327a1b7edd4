/**
 * Control runs, findings and the live status of obligations over HTTP. A run posted here is
 * executed at once on the documents in the body (or on this server's own host with "collect") and
 * stored as evidence with its findings; a run whose input cannot be used is stored as an error
 * run and returned as such, since a control that could not run is itself something to see.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { everyParty, originFor, type Principal } from "../../workspace/access/principal.js";
import { checkNames } from "../../workspace/checks/evaluate.js";
import { checkSourceOf } from "../../workspace/checks/run-check.js";
import { approveBaseline } from "../../workspace/controls/baseline-approval.js";
import { controlNames, type InputDocument, type Observed } from "../../workspace/controls/execute.js";
import { findingsOf } from "../../workspace/controls/findings.js";
import { type EvidenceSource, obligationStatus } from "../../workspace/controls/obligation-status.js";
import { controlRunsOf } from "../../workspace/controls/runs.js";
import { controlRunStatuses, findingStatuses, severities } from "../../workspace/controls/tables.js";
import { partiesOf } from "../../workspace/parties.js";
import { observedParts } from "../../workspace/registers/inventory.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { refuse } from "../authorization.js";
import { ErrorBody, sendError } from "../errors.js";

const Finding = z.object({
  id: z.string(),
  party: z.string(),
  source: z.string().describe('What raised it, e.g. "control:drift"'),
  system: z.string().nullable(),
  kind: z.string(),
  fingerprint: z.string().describe("Stable identity of the deviation across runs"),
  obligations: z.array(z.string()).describe("Clause ids it is against, e.g. G3.1(a)(i)"),
  severity: z.enum(severities),
  title: z.string(),
  detail: z.string(),
  status: z.enum(findingStatuses),
  firstSeen: z.string(),
  lastSeen: z.string(),
  rectifiedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  runIds: z.array(z.string()).describe("The runs that saw it, first first"),
});

const RunFields = {
  id: z.string(),
  party: z.string(),
  control: z.string(),
  system: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string(),
  method: z.literal("test"),
  status: z.enum(controlRunStatuses),
  result: z.record(z.string(), z.unknown()).describe("The evidence record (or {error} for an error run)"),
  obligations: z.array(z.string()).describe("Obligations binding the party that the run is evidence for"),
  resultSha256: z.string().describe("SHA-256 of the result's RFC 8785 canonical JSON"),
};
const Run = z.object(RunFields);
const RunWithFindings = z.object({ ...RunFields, findings: z.array(Finding) });

const Document = z
  .union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .describe("A document as text (YAML, JSON or JSON Lines), or as JSON");
const ObservedInput = z
  .union([z.literal("collect"), z.array(Document).min(1)])
  .describe('"collect" (this server\'s host) or inventories / osquery results, merged in order');
const SystemId = z.string().min(1).optional();
const fromRegisters = "Left out: the approved one the party's registers hold for `system`";

const RunBody = z.discriminatedUnion("control", [
  z.strictObject({
    control: z.literal("drift"),
    system: SystemId,
    input: z.strictObject({ baseline: Document.optional().describe(fromRegisters), observed: ObservedInput }),
  }),
  z.strictObject({
    control: z.literal("ports"),
    system: SystemId,
    input: z.strictObject({
      allowlist: Document.optional().describe(fromRegisters),
      observed: ObservedInput.optional(),
      attempts: z.string().optional().describe("Connection attempts as JSON Lines"),
    }),
  }),
  z.strictObject({
    control: z.literal("time"),
    system: SystemId,
    input: z.strictObject({ sources: Document }),
  }),
]);

const EvidenceItem = z.object({
  kind: z.string(),
  id: z.string(),
  title: z.string(),
  at: z.string(),
  obligations: z.array(z.string()),
});

const ObligationStatus = z.object({
  id: z.string(),
  evidence: z.array(EvidenceItem),
  lastRun: z
    .object({
      id: z.string(),
      control: z.string(),
      system: z.string().nullable(),
      status: z.enum(controlRunStatuses),
      finishedAt: z.string(),
    })
    .optional(),
  openFindings: z.number().int(),
});

const ApprovedPart = z.object({
  part: z.enum(observedParts),
  name: z.string(),
  version: z.string().optional(),
  architecture: z.string().optional(),
});

const Approval = z.object({
  system: z.string(),
  added: z.array(ApprovedPart),
  changed: z.array(
    ApprovedPart.extend({
      from: z.string().describe("The version (for the OS, id and version) approved before"),
    }),
  ),
  removed: z.array(ApprovedPart),
  unchanged: z.number().int(),
  kept: z
    .array(z.object({ part: z.enum(observedParts), reason: z.string() }))
    .describe("Parts the observation did not show in full: their approved items stay as they were"),
});

const PartyParams = z.object({ party: z.string() });
const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ["controls"];

/** `evidenceSources` add evidence other than control runs (e.g. submitted evidence) to the status. */
export function controlsRoutes(
  app: App,
  store: Store,
  evidenceSources: readonly EvidenceSource[] = [],
): void {
  const runs = controlRunsOf(store.db, store.clock);
  const findings = findingsOf(store.db, store.clock);
  const parties = partiesOf(store.db, store.clock);
  const noParty = (party: string) => `no party with id ${party}`;

  app.get(
    "/api/parties/:party/controls/runs",
    {
      config: { access: { resource: "controls", action: "read" } },
      schema: {
        summary: "The party's control runs, latest first",
        tags,
        params: PartyParams,
        querystring: z.object({
          control: z
            .enum([...controlNames, ...checkNames.map(checkSourceOf)])
            .optional()
            .describe('A control ("drift") or a rule check ("rule:people")'),
          system: z.string().optional(),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
        response: { 200: z.object({ runs: z.array(Run) }), ...errors },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      if (!(await parties.get(party))) return sendError(reply, 404, noParty(party), "party");
      const { control, system, limit } = request.query;
      return {
        runs: await runs.list(party, {
          ...(control === undefined ? {} : { control }),
          ...(system === undefined ? {} : { system }),
          ...(limit === undefined ? {} : { limit }),
        }),
      };
    },
  );

  app.get(
    "/api/parties/:party/controls/runs/:id",
    {
      config: { access: { resource: "controls", action: "read" } },
      schema: {
        summary: "One control run with the findings it saw",
        tags,
        params: z.object({ party: z.string(), id: z.string() }),
        response: { 200: RunWithFindings, ...errors },
      },
    },
    async (request, reply) => {
      const { party, id } = request.params;
      const run = await runs.get(party, id);
      return run ?? sendError(reply, 404, `no control run ${id} for ${party}`, "id");
    },
  );

  app.post(
    "/api/parties/:party/controls/runs",
    {
      config: { access: { resource: "controls", action: "write" } },
      schema: {
        summary:
          'Run a control now and store the run (an input that cannot be used gives an error run; "collect" needs an owner of every party)',
        tags,
        params: PartyParams,
        body: RunBody,
        response: { 201: RunWithFindings, ...errors },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      if (!(await parties.get(party))) return sendError(reply, 404, noParty(party), "party");
      const { system } = request.body;
      const body = request.body;
      if (
        "observed" in body.input &&
        body.input.observed === "collect" &&
        !installationOwner(request.principal)
      )
        return refuseCollect(request, reply);
      const observed = (value: z.infer<typeof ObservedInput>) => observedOf(value, "input.observed");
      const run = await runs.run(
        party,
        body.control === "drift"
          ? {
              control: "drift",
              ...(body.input.baseline === undefined
                ? {}
                : { baseline: doc(body.input.baseline, "input.baseline") }),
              observed: observed(body.input.observed),
            }
          : body.control === "ports"
            ? {
                control: "ports",
                ...(body.input.allowlist === undefined
                  ? {}
                  : { allowlist: doc(body.input.allowlist, "input.allowlist") }),
                ...(body.input.observed === undefined ? {} : { observed: observed(body.input.observed) }),
                ...(body.input.attempts === undefined
                  ? {}
                  : { attempts: doc(body.input.attempts, "input.attempts") }),
              }
            : { control: "time", sources: doc(body.input.sources, "input.sources") },
        system === undefined ? {} : { system },
        originFor(request.principal, request.ip, request.id),
      );
      return reply.code(201).send(run);
    },
  );

  app.post(
    "/api/parties/:party/systems/:system/baseline",
    {
      config: { access: { resource: "controls", action: "write" } },
      schema: {
        summary:
          "Approve an observed inventory as the system's baseline in the inventory register (G2.3(b), G3.1(b)): what it added, changed and removed",
        tags,
        params: z.object({ party: z.string(), system: z.string() }),
        body: z.strictObject({ observed: ObservedInput }),
        response: { 200: Approval, ...errors },
      },
    },
    async (request, reply) => {
      const { party, system } = request.params;
      if (!(await parties.get(party))) return sendError(reply, 404, noParty(party), "party");
      const { observed } = request.body;
      if (observed === "collect" && !installationOwner(request.principal))
        return refuseCollect(request, reply);
      return approveBaseline(
        store.db,
        store.clock,
        party,
        system,
        observedOf(observed, "observed"),
        originFor(request.principal, request.ip, request.id),
      );
    },
  );

  app.get(
    "/api/parties/:party/findings",
    {
      config: { access: { resource: "findings", action: "read" } },
      schema: {
        summary: "The party's findings, most recently seen first",
        tags,
        params: PartyParams,
        querystring: z.object({
          status: z.enum(findingStatuses).optional(),
          source: z.string().optional(),
          system: z.string().optional(),
        }),
        response: { 200: z.object({ findings: z.array(Finding) }), ...errors },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      if (!(await parties.get(party))) return sendError(reply, 404, noParty(party), "party");
      const { status, source, system } = request.query;
      return {
        findings: await findings.list(party, {
          ...(status === undefined ? {} : { status }),
          ...(source === undefined ? {} : { source }),
          ...(system === undefined ? {} : { system }),
        }),
      };
    },
  );

  app.post(
    "/api/parties/:party/findings/:id/status",
    {
      config: { access: { resource: "findings", action: "decide" } },
      schema: {
        summary: "Accept a finding (with a note saying why) or reopen an accepted one (409 otherwise)",
        tags,
        params: z.object({ party: z.string(), id: z.string() }),
        body: z.strictObject({ status: z.enum(["accepted", "open"]), note: z.string().optional() }),
        response: { 200: Finding, ...errors, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { party, id } = request.params;
      const { status, note } = request.body;
      try {
        const finding = await findings.decide(
          party,
          id,
          { status, ...(note === undefined ? {} : { note }) },
          originFor(request.principal, request.ip, request.id),
        );
        return finding ?? sendError(reply, 404, `no finding ${id} for ${party}`, "id");
      } catch (error) {
        if (error instanceof InputError && error.where.path === "status")
          return sendError(reply, 409, error.message, "status");
        throw error;
      }
    },
  );

  app.get(
    "/api/parties/:party/obligations/status",
    {
      config: { access: { resource: "controls", action: "read" } },
      schema: {
        summary: "Per obligation binding the party today: its evidence, last control run and open findings",
        tags,
        params: PartyParams,
        response: { 200: z.object({ obligations: z.array(ObligationStatus) }), ...errors },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      const obligations = await obligationStatus(store.db, store.clock, party, evidenceSources);
      return obligations ? { obligations } : sendError(reply, 404, noParty(party), "party");
    },
  );
}

function doc(value: z.infer<typeof Document>, name: string): InputDocument {
  return { name, text: typeof value === "string" ? value : JSON.stringify(value) };
}

function observedOf(value: z.infer<typeof ObservedInput>, field: string): Observed {
  return value === "collect" ? value : value.map((v, i) => doc(v, `${field}[${i}]`));
}

/** This server's host belongs to the installation, not to one party: only its owner may inspect it. */
function refuseCollect(request: FastifyRequest, reply: FastifyReply) {
  return refuse(request, reply, {
    allow: false,
    reason: 'observed: "collect" reads this server\'s own host, which only an owner of every party may do',
  });
}

function installationOwner(principal: Principal): boolean {
  return (
    principal.kind === "user" &&
    principal.memberships.some((m) => m.party === everyParty && m.role === "owner")
  );
}
