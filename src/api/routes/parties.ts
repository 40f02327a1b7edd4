/**
 * The parties register over HTTP, and what binds a stored party on a date or changes between two
 * dates. The rules see every stored party as a peer, so shared resources resolve within the store.
 */
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { codeVersionOn } from "../../obligations/applicability/applicable.js";
import { londonDate } from "../../obligations/calendar/iso-date.js";
import type { PartyProfile } from "../../obligations/profile.js";
import { partiesOf } from "../../workspace/parties.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
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

const errors = { 400: ErrorBody, 404: ErrorBody };
const tags = ["parties"];

export function partyRoutes(app: App, store: Store): void {
  const parties = partiesOf(store.db, store.clock);
  const notFound = (id: string) => `no party with id ${id}`;

  app.get(
    "/api/parties",
    {
      schema: {
        summary: "The stored parties, by id",
        tags,
        response: { 200: z.object({ parties: z.array(PartySummary) }) },
      },
    },
    async () => ({
      parties: (await parties.list()).map(({ id, name, profile, updatedAt }) => ({
        id,
        name,
        kind: profile.kind,
        roles: profile.roles.map((r) => r.role),
        updatedAt,
      })),
    }),
  );

  app.get(
    "/api/parties/:id",
    {
      schema: {
        summary: "One stored party and its profile",
        tags,
        params: z.object({ id: PartyId }),
        response: { 200: StoredParty, ...errors },
      },
    },
    async (request, reply) => {
      const party = await parties.get(request.params.id);
      return party ?? sendError(reply, 404, notFound(request.params.id), "id");
    },
  );

  app.put(
    "/api/parties/:id",
    {
      schema: {
        summary: "Store or update a party (201 when created, 200 when updated or unchanged)",
        tags,
        params: z.object({ id: PartyId }),
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
      if (profile.id !== request.params.id) {
        throw new InputError({ path: "id" }, `${request.params.id}, the id in the URL (got ${profile.id})`);
      }
      const [result] = await parties.putAll([profile], {
        actor: "api:anonymous",
        clientAddress: request.ip,
        requestId: request.id,
      });
      return reply.code(result!.outcome === "created" ? 201 : 200).send(result!);
    },
  );

  app.get(
    "/api/parties/:id/obligations",
    {
      schema: {
        summary: "The obligations of a stored party on a date; every stored party is a peer",
        tags,
        params: z.object({ id: PartyId }),
        querystring: z.object({ on: DateString.optional().describe("Default: today in Great Britain") }),
        response: { 200: ObligationsAnswer, ...errors },
      },
    },
    async (request, reply) => {
      const on = request.query.on ?? londonDate(store.clock.now());
      codeVersionOn(on, "on");
      const answer = await parties.obligationsOf(request.params.id, on);
      return answer ?? sendError(reply, 404, notFound(request.params.id), "id");
    },
  );

  app.get(
    "/api/parties/:id/obligations/diff",
    {
      schema: {
        summary: "What starts and stops binding a stored party between two dates, as such and per role",
        tags,
        params: z.object({ id: PartyId }),
        querystring: z.object({ from: DateString, to: DateString }),
        response: { 200: ObligationsDiff, ...errors },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const diff = await parties.obligationsDiff(request.params.id, from, to);
      return diff ?? sendError(reply, 404, notFound(request.params.id), "id");
    },
  );
}
