/**
 * The ADT quarantine over HTTP (G6): list the Service Requests held by a threshold, and record
 * a User's decision on one — delete it or process it. Each decision is written with its audit
 * entry in one transaction by the workspace's quarantine service. A held request belongs to the
 * party whose profile lists its User ID (every party, "*", when none does): the list shows only
 * requests whose party's quarantine the caller may read, and deciding is judged on that party.
 */
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { quarantinePolicy } from "../../workspace/access/policies/quarantine.js";
import { everyParty, originFor } from "../../workspace/access/principal.js";
import { dccParties, partiesByUserId, partyOfUserId } from "../../workspace/access/tenancy.js";
import { quarantineOf } from "../../workspace/quarantine.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";

const Status = z.enum(["waiting", "deleted", "processed"]);

const QuarantinedRequest = z.object({
  requestId: z.string(),
  userId: z.string(),
  request: z.record(z.string(), z.unknown()).describe("The request as it arrived, a JSON Lines object"),
  breach: z.enum(["user-threshold", "dcc-threshold", "attribute-limits"]),
  threshold: z.number().int().describe("Index of the breached threshold in its file"),
  status: Status,
  quarantinedAt: z.string().describe("ISO 8601 instant"),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable().describe("ISO 8601 instant"),
});

const tags = ["adt"];

export function quarantineRoutes(app: App, store: Store): void {
  const quarantine = quarantineOf(store.db, store.clock);

  app.get(
    "/api/adt/quarantine",
    {
      config: { access: { resource: "quarantine", action: "read" } },
      schema: {
        summary: "Quarantined Service Requests the caller may see, oldest first",
        tags,
        querystring: z.object({ status: Status.optional(), userId: z.string().optional() }),
        response: { 200: z.array(QuarantinedRequest), ...errors() },
      },
    },
    async (request) => {
      const { status, userId } = request.query;
      const held = await quarantine.list({
        ...(status === undefined ? {} : { status }),
        ...(userId === undefined ? {} : { userId: userId.toUpperCase() }),
      });
      const [owners, dcc] = await Promise.all([partiesByUserId(store.db), dccParties(store.db)]);
      const readable = (party: string) =>
        quarantinePolicy({ principal: request.principal, action: "read", party, dccParties: dcc }).allow;
      return held.filter((entry) => readable(owners.get(entry.userId) ?? everyParty));
    },
  );

  app.post(
    "/api/adt/quarantine/:requestId/decision",
    {
      config: {
        access: {
          resource: "quarantine",
          action: "decide",
          partyFrom: async (request) => {
            const held = await quarantine.get((request.params as { requestId: string }).requestId);
            return (held && (await partyOfUserId(store.db, held.userId))) ?? everyParty;
          },
        },
      },
      schema: {
        summary: "Record the User's decision on a quarantined request (409 when already decided)",
        tags,
        params: z.object({ requestId: z.string() }),
        body: z.strictObject({ decision: z.enum(["delete", "process"]) }),
        response: { 200: QuarantinedRequest, ...errors(), 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { requestId } = request.params;
      try {
        const result = await quarantine.decide(
          requestId,
          request.body.decision,
          originFor(request.principal, request.ip, request.id),
        );
        if (!result.found) return sendError(reply, 404, `no quarantined request ${requestId}`, "requestId");
        return result.request;
      } catch (error) {
        if (error instanceof InputError) return sendError(reply, 409, error.message, "requestId");
        throw error;
      }
    },
  );
}

function errors() {
  return { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
}
