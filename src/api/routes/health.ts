import { z } from "zod";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";

const Health = z.object({ ok: z.literal(true), database: z.enum(["pglite", "postgres"]) });

/** Liveness that includes the database, so a load balancer stops sending to a server that lost it. */
export function healthRoutes(app: App, store: Store): void {
  app.get(
    "/api/health",
    {
      config: { public: true },
      schema: {
        summary: "Whether this server and its database answer",
        tags: ["health"],
        response: { 200: Health, 503: ErrorBody },
      },
    },
    async (request, reply) => {
      try {
        await store.ping();
      } catch (error) {
        request.log.error({ err: error }, "health: database did not answer");
        return sendError(reply, 503, "the database does not answer");
      }
      return { ok: true as const, database: store.kind };
    },
  );
}
