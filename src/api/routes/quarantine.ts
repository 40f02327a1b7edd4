/**
 * The ADT quarantine over HTTP (G6): list the Service Requests held by a threshold, and record
 * a User's decision on one — delete it or process it. Each decision is written with its audit
 * entry in one transaction by the workspace's quarantine service.
 */
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
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
      schema: {
        summary: "Quarantined Service Requests, oldest first",
        tags,
        querystring: z.object({ status: Status.optional(), userId: z.string().optional() }),
        response: { 200: z.array(QuarantinedRequest), ...errors() },
      },
    },
    async (request) => {
      const { status, userId } = request.query;
      return quarantine.list({
        ...(status === undefined ? {} : { status }),
        ...(userId === undefined ? {} : { userId: userId.toUpperCase() }),
      });
    },
  );

  app.post(
    "/api/adt/quarantine/:requestId/decision",
    {
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
        const result = await quarantine.decide(requestId, request.body.decision, {
          actor: "api:anonymous",
          clientAddress: request.ip,
          requestId: request.id,
        });
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
  return { 400: ErrorBody, 404: ErrorBody };
}
