/**
 * Replaying a party's recorded Service Requests against Anomaly Detection Thresholds over HTTP
 * (G6.3, G6.4(c)), for the dashboard; the work is the workspace's (workspace/adt-replay.ts).
 *
 * The answer is streamed as JSON Lines so a long replay shows its progress without the server
 * keeping any job state (any number of API servers may share one store): progress lines while
 * the engine decides, then one result line. The workspace checks the whole input before the
 * replay starts, so bad input is a plain 400 naming the file, line and field, and nothing is
 * stored; a client that goes away before the result holds nothing more.
 */
import { Readable } from "node:stream";
import { z } from "zod";
import { parseUtcTimestamp } from "../../controls/adt/iso-time.js";
import { originFor } from "../../workspace/access/principal.js";
import { adtReplaysOf, type ReplayEvent } from "../../workspace/adt-replay.js";
import type { Store } from "../../workspace/store.js";
import type { App } from "../app.js";
import { ErrorBody, sendError } from "../errors.js";

const UploadedFile = z.strictObject({
  name: z.string().min(1).max(255).describe("The file's name, used in error messages"),
  text: z.string(),
});

const ReplayBody = z.strictObject({
  thresholds: UploadedFile.describe(
    "The thresholds file (YAML or JSON), as `secg adt replay --thresholds` reads it",
  ),
  format: z.enum(["jsonl", "duis"]),
  requests: z
    .array(UploadedFile)
    .min(1)
    .describe("One JSON Lines file, or DUIS XML requests replayed in name order one second apart"),
  start: z
    .string()
    .refine((text) => parseUtcTimestamp(text) !== undefined, {
      error: "an ISO-8601 UTC timestamp like 2025-01-01T00:00:00Z",
    })
    .optional()
    .describe("DUIS XML only: when the first request arrives (default 2025-01-01T00:00:00Z)"),
  hold: z
    .boolean()
    .default(true)
    .describe("Hold the quarantined requests in the workspace quarantine for a decision"),
});

/** Room for some 400,000 JSON Lines requests. */
const bodyLimit = 64 * 1024 * 1024;

export function adtReplayRoutes(app: App, store: Store): void {
  const replays = adtReplaysOf(store.db, store.clock);

  app.post(
    "/api/parties/:party/adt/replays",
    {
      bodyLimit,
      config: { access: { resource: "quarantine", action: "write" } },
      schema: {
        summary: "Replay Service Requests against thresholds, streaming progress; hold what is quarantined",
        tags: ["adt"],
        params: z.object({ party: z.string() }),
        body: ReplayBody,
        response: {
          200: z
            .any()
            .describe(
              'JSON Lines: {"type":"progress","phase","processed","total"}…, then {"type":"result",…} (or {"type":"error",…})',
            ),
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          413: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      // Set before the input is read: a client that leaves while it is checked has left already.
      let gone = false;
      reply.raw.once("close", () => {
        gone = true;
      });
      const { party } = request.params;
      const { start, ...body } = request.body;
      const origin = originFor(request.principal, request.ip, request.id);
      const input = { ...body, start: start === undefined ? undefined : parseUtcTimestamp(start) };
      const events = await replays.start(party, input, origin, () => gone);
      if (!events) return sendError(reply, 404, `no party with id ${party}`, "party");
      async function* lines(replay: AsyncIterable<ReplayEvent>): AsyncGenerator<string> {
        try {
          for await (const line of replay) {
            yield `${JSON.stringify(line)}\n`;
          }
        } catch (error) {
          request.log.error({ err: error }, "adt replay failed after it started");
          yield `${JSON.stringify({ type: "error", error: { code: "internal", message: "the replay stopped: internal error; the server log has the details" } })}\n`;
        }
      }
      return reply
        .type("application/x-ndjson; charset=utf-8")
        .header("cache-control", "no-store")
        .send(Readable.from(lines(events)));
    },
  );
}
