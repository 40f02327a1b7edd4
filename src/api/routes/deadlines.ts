/**
 * Deadlines over HTTP: the same answer as `secg deadlines --json`, or the same deadlines as an
 * iCalendar file to subscribe to. Stateless: the body carries the profile, its peers and the facts,
 * and the date is a field, so the rules never read the server's clock.
 */
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { parseIsoDate } from "../../obligations/calendar/iso-date.js";
import { type DeadlinesAnswer, deadlinesFor, dueWithin } from "../../obligations/deadlines/deadlines.js";
import { validateFacts } from "../../obligations/deadlines/facts.js";
import { renderCalendar } from "../../obligations/ical/ical.js";
import { type PartyProfile, validateProfile } from "../../obligations/profile.js";
import type { App } from "../app.js";
import { ErrorBody } from "../errors.js";

const DeadlinesBody = z.strictObject({
  profile: z
    .record(z.string(), z.unknown())
    .describe("A party profile (../shared/contracts/party-profile.md)"),
  peers: z.array(z.record(z.string(), z.unknown())).optional().describe("Profiles the party refers to"),
  facts: z
    .record(z.string(), z.unknown())
    .optional()
    .describe("Systems, people, incidents, SSC dates (docs/deadlines.md)"),
  on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a calendar date as YYYY-MM-DD"),
  within: z
    .number()
    .int()
    .min(0)
    .max(9999)
    .optional()
    .describe("Only open deadlines due within this many days"),
});

const Deadline = z.object({
  id: z.string(),
  clause: z.string(),
  alsoClauses: z.array(z.string()),
  title: z.string(),
  due: z.string().describe("YYYY-MM-DD, or YYYY-MM-DDTHH:MM:SSZ for duties counted in hours"),
  basis: z.string(),
  status: z.enum(["upcoming", "due-soon", "overdue", "met"]),
  subject: z.string(),
  done: z.string().optional(),
});

export const Answer = z.object({ party: z.string(), on: z.string(), deadlines: z.array(Deadline) });

type Body = z.infer<typeof DeadlinesBody>;

function answerFor(body: Body): DeadlinesAnswer {
  const on = parseIsoDate(body.on, { path: "on" });
  const profile = validateProfile(body.profile, "profile");
  const peers = new Map<string, PartyProfile>();
  (body.peers ?? []).forEach((peer, i) => {
    const p = validateProfile(peer, `peers[${i}]`);
    peers.set(p.id, p);
  });
  peers.set(profile.id, profile);
  for (const ref of [profile.sharedResources?.providedBy, ...(profile.sharedResources?.sharedWith ?? [])]) {
    if (ref !== undefined && !peers.has(ref)) {
      throw new InputError(
        { path: "peers" },
        `a profile for party "${ref}", which the profile's sharedResources names`,
      );
    }
  }
  const facts = validateFacts(body.facts ?? {}, "facts");
  const all = deadlinesFor(profile, facts, on, peers);
  return {
    party: profile.id,
    on,
    deadlines: body.within === undefined ? all : dueWithin(all, on, body.within),
  };
}

const tags = ["deadlines"];

export function deadlinesRoutes(app: App): void {
  app.post(
    "/api/deadlines",
    {
      config: { access: { resource: "deadlines", action: "read" } },
      schema: {
        summary: "Every dated Section G duty of a party as a deadline on a date, with its status",
        tags,
        body: DeadlinesBody,
        response: { 200: Answer, 400: ErrorBody },
      },
    },
    async (request) => answerFor(request.body),
  );

  app.post(
    "/api/deadlines.ics",
    {
      config: { access: { resource: "deadlines", action: "read" } },
      schema: {
        summary: "The same deadlines as an RFC 5545 calendar (text/calendar)",
        tags,
        body: DeadlinesBody,
        response: { 200: z.string().describe("An RFC 5545 iCalendar document"), 400: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", 'attachment; filename="deadlines.ics"')
        .send(renderCalendar(answerFor(request.body))),
  );
}
