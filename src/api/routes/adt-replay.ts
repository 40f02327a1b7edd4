/**
 * Replaying a party's recorded Service Requests against Anomaly Detection Thresholds over HTTP
 * (G6.3, G6.4(c)): what `secg adt replay` does for files, for the dashboard, with progress.
 *
 * The answer is streamed as JSON Lines so a long replay shows its progress without the server
 * keeping any job state (any number of API servers may share one store): progress lines while
 * the engine decides, then one result line. Everything that can be wrong with the input (the
 * thresholds, a request line, the time order, a User ID the party does not hold) is found before
 * the first line is sent, so bad input is a plain 400 naming the file, line and field, and
 * nothing is stored. Quarantined requests are then held in the workspace quarantine (by default)
 * for the party's User to delete or process, each hold audited by the quarantine service; a
 * client that goes away before the result holds nothing.
 */
import { Readable } from "node:stream";
import { setImmediate as nextTurn } from "node:timers/promises";
import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { createAdtState, type Decision, decide } from "../../controls/adt/engine.js";
import { parseUtcTimestamp } from "../../controls/adt/iso-time.js";
import { defaultStart } from "../../controls/adt/replay.js";
import { type AdtRequest, requestFromDuis } from "../../controls/adt/request.js";
import { parseRequestLine } from "../../controls/adt/request-line.js";
import { emptySummary, tally } from "../../controls/adt/summary.js";
import { parseThresholds, type Threshold } from "../../controls/adt/thresholds.js";
import { parseDuisRequest } from "../../controls/duis/parse.js";
import { defaultEncryptedResponseSrvs } from "../../controls/duis/service-requests.js";
import { originFor } from "../../workspace/access/principal.js";
import { partiesByUserId } from "../../workspace/access/tenancy.js";
import { partiesOf } from "../../workspace/parties.js";
import { type HoldInput, quarantineOf } from "../../workspace/quarantine.js";
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
type ReplayBody = z.output<typeof ReplayBody>;

/** Requests decided (and lines read) between two progress lines; other requests are served between them. */
const batch = 2000;
/** Quarantined requests held per transaction, well under PostgreSQL's limit on bound parameters. */
const holdBatch = 500;
/** Room for some 400,000 JSON Lines requests. */
const bodyLimit = 64 * 1024 * 1024;

/** What one User ID sent for one SRV, and what became of it. */
type PairCount = {
  readonly userId: string;
  readonly srv: string;
  requests: number;
  processed: number;
  warned: number;
  quarantined: number;
  deleted: number;
};

/** The requests read, in the order they are decided, and each as it arrived (for the quarantine). */
type Loaded = {
  readonly requests: AdtRequest[];
  readonly arrived: (i: number) => Record<string, unknown>;
};

export function adtReplayRoutes(app: App, store: Store): void {
  const parties = partiesOf(store.db, store.clock);
  const quarantine = quarantineOf(store.db, store.clock);

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
      const stored = await parties.get(party);
      if (!stored) return sendError(reply, 404, `no party with id ${party}`, "party");
      const body = request.body;
      const thresholds = parseThresholds(body.thresholds.text, body.thresholds.name, {
        encryptedSrvs: new Set(defaultEncryptedResponseSrvs),
      });
      const owned = body.hold ? await userIdsOf(store, party) : undefined;
      const loaded = await loadRequests(body, party, owned);

      const origin = originFor(request.principal, request.ip, request.id);
      const hold = body.hold ? (entries: HoldInput[]) => quarantine.hold(entries, origin) : undefined;
      async function* lines(): AsyncGenerator<string> {
        try {
          for await (const line of replayed(loaded, thresholds, hold, () => gone)) {
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
        .send(Readable.from(lines()));
    },
  );
}

/** The User IDs whose quarantined requests belong to the party, as the quarantine's routes judge it. */
async function userIdsOf(store: Store, party: string): Promise<ReadonlySet<string>> {
  const owners = await partiesByUserId(store.db);
  return new Set([...owners].filter(([, owner]) => owner === party).map(([userId]) => userId));
}

/**
 * Reads and checks every request before anything is decided: its syntax (as `secg adt replay`
 * reads it), the time order the engine requires, and, when holding, that its User ID is the
 * party's. Errors name the file, the line and the field.
 */
async function loadRequests(
  body: ReplayBody,
  party: string,
  owned: ReadonlySet<string> | undefined,
): Promise<Loaded> {
  // A state with no thresholds decides nothing but checks the order, with the engine's own rule.
  const order = createAdtState([]);
  const check = (request: AdtRequest) => {
    decide(order, request);
    if (owned !== undefined && !owned.has(request.userId)) {
      const listed = owned.size === 0 ? "it lists none" : [...owned].join(", ");
      throw new InputError(
        { path: "requestId" },
        `a request from a User ID of party ${party} (${listed}), since quarantined requests are held for its decision; found ${request.userId} (replay without holding to try other Users' traffic)`,
      );
    }
  };
  if (body.format === "duis") return loadDuis(body, check);
  if (body.start !== undefined) {
    throw new InputError(
      { path: "start" },
      "no start time for a JSON Lines file (its requests carry their own times); start is for DUIS XML",
    );
  }
  const [file, ...more] = body.requests;
  if (file === undefined || more.length > 0) {
    throw new InputError(
      { path: "requests" },
      `one JSON Lines file, found ${body.requests.length} files (DUIS XML requests may come as several)`,
    );
  }
  return loadJsonLines(file, check);
}

async function loadJsonLines(
  file: { name: string; text: string },
  check: (request: AdtRequest) => void,
): Promise<Loaded> {
  const text = file.text.startsWith("\uFEFF") ? file.text.slice(1) : file.text;
  const requests: AdtRequest[] = [];
  const lines: string[] = [];
  let lineNumber = 0;
  for (let from = 0; from <= text.length; ) {
    const end = text.indexOf("\n", from);
    const to = end < 0 ? text.length : end;
    const raw = text.slice(from, to);
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    from = to + 1;
    lineNumber++;
    if (/^[ \t]*$/.test(line)) continue;
    try {
      const request = parseRequestLine(line);
      check(request);
      requests.push(request);
      lines.push(line);
    } catch (error) {
      throw located(error, file.name, lineNumber);
    }
    if (requests.length % batch === 0) await nextTurn();
  }
  return { requests, arrived: (i) => JSON.parse(lines[i]!) as Record<string, unknown> };
}

async function loadDuis(body: ReplayBody, check: (request: AdtRequest) => void): Promise<Loaded> {
  const start = body.start === undefined ? defaultStart : parseUtcTimestamp(body.start)!;
  // Plain code-unit order, as a folder replay sorts its file names.
  const files = [...body.requests].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const requests: AdtRequest[] = [];
  for (const [i, file] of files.entries()) {
    const request = requestFromDuis(parseDuisRequest(file.text, file.name), start + i * 1000);
    try {
      check(request);
    } catch (error) {
      throw located(error, file.name, undefined);
    }
    requests.push(request);
    if (requests.length % batch === 0) await nextTurn();
  }
  return {
    requests,
    arrived: (i) => {
      const { requestId, srv, commandVariant, time, smets1 } = requests[i]!;
      return { requestId, srv, commandVariant, time: new Date(time).toISOString(), smets1 };
    },
  };
}

function located(error: unknown, file: string, line: number | undefined): unknown {
  if (!(error instanceof InputError)) return error;
  const { path } = error.where;
  return new InputError(
    { file, ...(line === undefined ? {} : { line }), ...(path === undefined ? {} : { path }) },
    error.expected,
  );
}

type ReplayLine =
  | { type: "progress"; phase: "deciding" | "holding"; processed: number; total: number }
  | {
      type: "result";
      summary: ReturnType<typeof emptySummary>;
      counts: PairCount[];
      from: string | null;
      to: string | null;
      thresholds: number;
      held: number | null;
    };

/** Decides every request in order, then holds the quarantined ones, saying how far it got. */
async function* replayed(
  loaded: Loaded,
  thresholds: readonly Threshold[],
  hold: ((entries: HoldInput[]) => Promise<string[]>) | undefined,
  gone: () => boolean,
): AsyncGenerator<ReplayLine> {
  const { requests } = loaded;
  const total = requests.length;
  const state = createAdtState(thresholds);
  const summary = emptySummary();
  const counts = new Map<string, PairCount>();
  const quarantined = new Map<string, HoldInput>();
  yield { type: "progress", phase: "deciding", processed: 0, total };
  for (let i = 0; i < total; i++) {
    const request = requests[i]!;
    const decision = decide(state, request);
    tally(summary, request.requestId, decision);
    countOutcome(counts, request, decision);
    if (decision.outcome === "quarantined" && !quarantined.has(request.requestId)) {
      quarantined.set(request.requestId, {
        requestId: request.requestId,
        userId: request.userId,
        request: loaded.arrived(i),
        breach: decision.breach,
        threshold: decision.threshold,
      });
    }
    if ((i + 1) % batch === 0 || i + 1 === total) {
      yield { type: "progress", phase: "deciding", processed: i + 1, total };
      await nextTurn();
    }
  }

  let held: number | null = null;
  if (hold !== undefined) {
    held = 0;
    const entries = [...quarantined.values()];
    for (let at = 0; at < entries.length; at += holdBatch) {
      if (gone()) return;
      held += (await hold(entries.slice(at, at + holdBatch))).length;
      const done = Math.min(entries.length, at + holdBatch);
      yield { type: "progress", phase: "holding", processed: done, total: entries.length };
    }
  }
  const first = requests[0];
  const last = requests[total - 1];
  yield {
    type: "result",
    summary,
    counts: [...counts.values()].sort(
      (a, b) => b.requests - a.requests || a.userId.localeCompare(b.userId) || a.srv.localeCompare(b.srv),
    ),
    from: first ? new Date(first.time).toISOString() : null,
    to: last ? new Date(last.time).toISOString() : null,
    thresholds: thresholds.length,
    held,
  };
}

function countOutcome(counts: Map<string, PairCount>, request: AdtRequest, decision: Decision): void {
  const key = `${request.userId} ${request.srv}`;
  let count = counts.get(key);
  if (!count) {
    count = {
      userId: request.userId,
      srv: request.srv,
      requests: 0,
      processed: 0,
      warned: 0,
      quarantined: 0,
      deleted: 0,
    };
    counts.set(key, count);
  }
  count.requests++;
  count[decision.outcome]++;
  if (decision.outcome === "processed" && decision.warned) count.warned++;
}
