/**
 * The parties register over HTTP, and what binds a stored party on a date or changes between two
 * dates. The rules see every stored party as a peer, so shared resources resolve within the store.
 */
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { codeVersionOn } from "../../obligations/applicability/applicable.js";
import { londonDate } from "../../obligations/calendar/iso-date.js";
import type { PartyProfile } from "../../obligations/profile.js";
import { partiesPolicy } from "../../workspace/access/policies/parties.js";
import { originFor } from "../../workspace/access/principal.js";
import { partiesOf } from "../../workspace/parties.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { refuse } from "../authorization.js";
import { ErrorBody, sendError } from "../errors.js";
import {
  bodyCheckedBy,
  CodeVersionRef,
  checkProfile,
  DateString,
  Obligation,
  ObligationsAnswer,
  ProfileBody,
} from "./obligations.js";

const PartyId = z.string().regex(/^[a-z0-9-]+$/, "a party id of lower-case letters, digits and '-'");

const PartySummary = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(["party", "dcc"]),
  roles: z.array(z.string()),
  updatedAt: z.string().describe("ISO 8601 instant"),
});

const StoredParty = z.object({
  id: z.string(),
  name: z.string(),
  profile: ProfileBody,
  createdAt: z.string(),
  updatedAt: z.string(),
});

const Change = {
  starts: z.array(Obligation),
  stops: z.array(Obligation),
  changed: z
    .array(
      z.object({
        id: z.string(),
        before: z.array(z.string()),
        after: z.array(z.string()),
        entryChanged: z.boolean().describe("The catalogue entry was rewritten between the two versions"),
      }),
    )
    .describe("Binding on both dates, for other reasons or under a rewritten entry"),
};

const ObligationsDiff = z.object({
  party: z.string(),
  from: z.object({ on: z.string(), codeVersion: CodeVersionRef }),
  to: z.object({ on: z.string(), codeVersion: CodeVersionRef }),
  partyObligations: z.object(Change),
  roles: z.array(z.object({ role: z.string(), ...Change })),
});

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

const tags = ["parties"];

export function partyRoutes(app: App, store: Store): void {
  const parties = partiesOf(store.db, store.clock);
  const notFound = (id: string) => `no party with id ${id}`;

  app.get(
    "/api/parties",
    {
      config: { access: { resource: "parties", action: "read" } },
      schema: {
        summary: "The stored parties the caller may read, by id",
        tags,
        response: { 200: z.object({ parties: z.array(PartySummary) }) },
      },
    },
    async (request) => ({
      parties: (await parties.list())
        .filter(({ id }) => partiesPolicy({ principal: request.principal, action: "read", party: id }).allow)
        .map(({ id, name, profile, updatedAt }) => ({
          id,
          name,
          kind: profile.kind,
          roles: profile.roles.map((r) => r.role),
          updatedAt,
        })),
    }),
  );

  app.get(
    "/api/parties/:party",
    {
      config: { access: { resource: "parties", action: "read" } },
      schema: {
        summary: "One stored party and its profile",
        tags,
        params: z.object({ party: PartyId }),
        response: { 200: StoredParty, ...errors },
      },
    },
    async (request, reply) => {
      const party = await parties.get(request.params.party);
      return party ?? sendError(reply, 404, notFound(request.params.party), "party");
    },
  );

  app.put(
    "/api/parties/:party",
    {
      config: { access: { resource: "parties", action: "write" } },
      schema: {
        summary: "Store or update a party (201 when created, 200 when updated or unchanged)",
        tags,
        params: z.object({ party: PartyId }),
        body: ProfileBody,
        response: {
          200: z.object({ party: StoredParty, outcome: z.enum(["updated", "unchanged"]) }),
          201: z.object({ party: StoredParty, outcome: z.literal("created") }),
          ...errors,
        },
      },
      validatorCompiler: bodyCheckedBy((body) => checkProfile(body)),
    },
    async (request, reply) => {
      const profile = request.body as unknown as PartyProfile;
      if (profile.id !== request.params.party) {
        throw new InputError(
          { path: "id" },
          `${request.params.party}, the id in the URL (got ${profile.id})`,
        );
      }
      if ((await parties.get(profile.id)) === undefined) {
        // Only an owner of every party may bring a new party into the installation.
        const creating = partiesPolicy({ principal: request.principal, action: "write", party: null });
        if (!creating.allow) return refuse(request, reply, creating);
      }
      const [result] = await parties.putAll([profile], originFor(request.principal, request.ip, request.id));
      return reply.code(result!.outcome === "created" ? 201 : 200).send(result!);
    },
  );

  app.get(
    "/api/parties/:party/obligations",
    {
      config: { access: { resource: "obligations", action: "read" } },
      schema: {
        summary: "The obligations of a stored party on a date; every stored party is a peer",
        tags,
        params: z.object({ party: PartyId }),
        querystring: z.object({ on: DateString.optional().describe("Default: today in Great Britain") }),
        response: { 200: ObligationsAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const on = request.query.on ?? londonDate(store.clock.now());
      codeVersionOn(on, "on");
      const answer = await parties.obligationsOf(request.params.party, on);
      return answer ?? sendError(reply, 404, notFound(request.params.party), "party");
    },
  );

  app.get(
    "/api/parties/:party/obligations/diff",
    {
      config: { access: { resource: "obligations", action: "read" } },
      schema: {
        summary: "What starts and stops binding a stored party between two dates, as such and per role",
        tags,
        params: z.object({ party: PartyId }),
        querystring: z.object({ from: DateString, to: DateString }),
        response: { 200: ObligationsDiff, ...errors },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const diff = await parties.obligationsDiff(request.params.party, from, to);
      return diff ?? sendError(reply, 404, notFound(request.params.party), "party");
    },
  );
}
