/**
 * A stored party's deadlines over HTTP: the same answer as POST /api/deadlines, with the facts read
 * from the party's registers and assessments instead of the request and the periods from its policy
 * (named with its version). The date stays a parameter, so the rules never read the server's clock.
 */
import { z } from "zod";
import { parseIsoDate } from "../../obligations/calendar/iso-date.js";
import { renderCalendar } from "../../obligations/ical/ical.js";
import { partyDeadlines } from "../../workspace/party-deadlines.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";
import { Answer } from "./deadlines.js";

const Params = z.object({
  party: z.string().regex(/^[a-z0-9-]+$/, "a party id of lower-case letters, digits and '-'"),
});
const Query = z.object({
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date as YYYY-MM-DD"),
  within: z.coerce
    .number()
    .int()
    .min(0)
    .max(9999)
    .optional()
    .describe("Only open deadlines due within this many days"),
});
const PartyAnswer = Answer.extend({
  policy: z
    .object({
      version: z.number().int().describe("The version of the party's policy used; 0 when it has set none"),
      sha256: z.string().nullable(),
      used: z.object({ promptHours: z.number().int(), followUpDays: z.number().int() }),
    })
    .describe("The periods taken from the party's policy (docs/rule-checks.md), defaults filled in"),
});
const tags = ["deadlines"];
const access = { resource: "deadlines", action: "read" } as const;

export function partyDeadlinesRoutes(app: App, store: Store): void {
  const answer = (party: string, query: z.infer<typeof Query>) =>
    partyDeadlines(store.db, store.clock, party, parseIsoDate(query.on, { path: "on" }), query.within);

  app.get(
    "/api/parties/:party/deadlines",
    {
      config: { access },
      schema: {
        summary: "A stored party's deadlines, from its registers, assessments and policy, on a date",
        tags,
        params: Params,
        querystring: Query,
        response: { 200: PartyAnswer, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request, reply) =>
      (await answer(request.params.party, request.query)) ??
      sendError(reply, 404, `no party with id ${request.params.party}`, "party"),
  );

  app.get(
    "/api/parties/:party/deadlines.ics",
    {
      config: { access },
      schema: {
        summary: "The same deadlines as an RFC 5545 calendar (text/calendar)",
        tags,
        params: Params,
        querystring: Query,
        response: {
          200: z.string().describe("An RFC 5545 iCalendar document"),
          400: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { party } = request.params;
      const found = await answer(party, request.query);
      if (!found) return sendError(reply, 404, `no party with id ${party}`, "party");
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="${party}-deadlines.ics"`)
        .send(renderCalendar(found));
    },
  );
}
