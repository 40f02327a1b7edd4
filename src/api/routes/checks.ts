/**
 * Rule checks over a party's registers over HTTP: a check posted here runs at once over what the
 * registers hold, judged on the day given (today in Great Britain by default), and is stored as a
 * control run named "rule:<check>" with the findings it opened, saw again or rectified.
 */
import { z } from "zod";
import { type FeedEvent, parseFeed } from "../../controls/anomalies/index.js";
import { parseSigningEvents } from "../../controls/keys/index.js";
import { londonDate, parseIsoDate } from "../../obligations/calendar/iso-date.js";
import { originFor } from "../../workspace/access/principal.js";
import { checkNames } from "../../workspace/checks/evaluate.js";
import { runCheck } from "../../workspace/checks/run-check.js";
import { partiesOf } from "../../workspace/parties.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";

const Finding = z
  .object({
    id: z.string(),
    source: z.string(),
    kind: z.string(),
    obligations: z.array(z.string()).describe("The clause broken, e.g. G4.1(b)"),
    severity: z.string(),
    title: z.string(),
    detail: z.string(),
    status: z.string(),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .passthrough();

const Run = z
  .object({
    id: z.string(),
    control: z.string().describe('"rule:<check>"'),
    status: z.string(),
    finishedAt: z.string(),
    obligations: z.array(z.string()).describe("Clauses binding the party that the run is evidence for"),
    resultSha256: z.string(),
  })
  .passthrough();

export function checksRoutes(app: App, store: Store): void {
  const parties = partiesOf(store.db, store.clock);
  app.post(
    "/api/parties/:party/checks/:check",
    {
      config: { access: { resource: "controls", action: "write" } },
      schema: {
        summary: "Run a rule check over the party's registers now and store it with its findings",
        tags: ["controls"],
        params: z.object({ party: z.string(), check: z.enum(checkNames) }),
        body: z
          .strictObject({
            on: z.string().optional().describe("The day judged, YYYY-MM-DD (default today)"),
            events: z
              .string()
              .optional()
              .describe("keys: signing events as JSON Lines text, as `secg check run keys --events` reads"),
            feeds: z
              .array(z.string())
              .optional()
              .describe("anomalies: feeds, each JSON Lines text (or `secg adt replay --json` output)"),
            ecosServiceLiveDate: z
              .string()
              .optional()
              .describe("certificates: the ECoS Service Live Date, YYYY-MM-DD, for G2.58"),
          })
          .optional(),
        response: {
          201: z.object({ findings: z.array(Finding), run: Run }),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { party, check } = request.params;
      if (!(await parties.get(party))) return sendError(reply, 404, `no party with id ${party}`, "party");
      const given = request.body?.on;
      const on = given === undefined ? londonDate(store.clock.now()) : parseIsoDate(given, { path: "on" });
      const { events, feeds, ecosServiceLiveDate } = request.body ?? {};
      const { findings, ...run } = await runCheck(
        store.db,
        store.clock,
        party,
        check,
        on,
        originFor(request.principal, request.ip, request.id),
        {
          ...(events === undefined ? {} : { events: parseSigningEvents(events, "events") }),
          ...(feeds === undefined
            ? {}
            : { feeds: feeds.flatMap((text, i): FeedEvent[] => parseFeed(text, `feeds[${i}]`)) }),
          ...(ecosServiceLiveDate === undefined
            ? {}
            : { ecosServiceLiveDate: parseIsoDate(ecosServiceLiveDate, { path: "ecosServiceLiveDate" }) }),
        },
      );
      return reply.code(201).send({ findings, run });
    },
  );
}
