import { z } from "zod";
import { InputError } from "../../common/input-error.js";
import { formatPath } from "../../common/structured-input.js";
import { parseJsonLines } from "./json-lines.js";
import { utcTimestamp } from "./utc-time.js";
import { adtOutcomes, breaches, type Source, sources } from "./vocabulary.js";

/**
 * The monitoring feeds Section G names (G2.29(a)–(e), G3.15(a)–(c)), read into one event shape.
 * `sm-wan` is the DCC's record of traffic over the SMETS1 and SMETS2+ SM WANs (G2.29(e)): one line per
 * message seen, with the device it went to or came from and a code of the party's choosing (message
 * kind, direction), so that rules can count traffic patterns per device.
 * A feed file is either JSON Lines, each line tagged with its `source`, or the JSON document
 * `secg adt replay --json` prints, whose outcomes carry no time.
 */

export type FeedEvent = {
  readonly source: Source;
  /** Milliseconds since the epoch; absent for outcomes taken from a replay summary. */
  readonly time?: number;
  readonly device?: string;
  readonly userId?: string;
  readonly code?: string;
  readonly outcome?: (typeof adtOutcomes)[number];
  readonly breach?: (typeof breaches)[number];
  /** Where the event came from, for people following a finding back. */
  readonly at: string;
};

const text = z.string().min(1, "a non-empty string");

const lineSchema = z.discriminatedUnion(
  "source",
  [
    z
      .object({
        source: z.literal("adt"),
        time: utcTimestamp,
        requestId: text,
        userId: text.optional(),
        outcome: z.enum(adtOutcomes),
        breach: z.enum(breaches).optional(),
      })
      .strict(),
    z.object({ source: z.literal("device-audit"), time: utcTimestamp, device: text, code: text }).strict(),
    z.object({ source: z.literal("device-error"), time: utcTimestamp, device: text, code: text }).strict(),
    z.object({ source: z.literal("sm-wan"), time: utcTimestamp, device: text, code: text }).strict(),
    z
      .object({ source: z.literal("incident-log"), time: utcTimestamp, incidentId: text, code: text })
      .strict(),
  ],
  { error: `one of ${sources.map((s) => JSON.stringify(s)).join(", ")}` },
);

const replaySchema = z
  .object({
    processed: z.number(),
    warned: z.array(text),
    quarantined: z.array(z.object({ requestId: text, breach: z.enum(breaches) }).strict()),
    deleted: z.array(text),
  })
  .strict();

export function parseFeed(content: string, file: string): FeedEvent[] {
  const summary = asReplaySummary(content);
  if (summary !== undefined) return replayEvents(summary, file);
  return parseJsonLines(content, file, lineSchema).map(({ line, value }) => {
    const at = `${file}:${line}`;
    const common = { time: value.time, at };
    switch (value.source) {
      case "adt":
        return {
          source: value.source,
          ...common,
          outcome: value.outcome,
          ...(value.userId === undefined ? {} : { userId: value.userId }),
          ...(value.breach === undefined ? {} : { breach: value.breach }),
        };
      case "incident-log":
        return { source: value.source, ...common, code: value.code };
      default:
        return { source: value.source, ...common, device: value.device, code: value.code };
    }
  });
}

/*
 * A replay summary is one JSON object with no `source`, usually pretty-printed over many lines; a
 * JSON Lines feed has a `source` on every line. Anything else is left to the JSON Lines reader,
 * which reports the first bad line.
 */
function asReplaySummary(content: string): Record<string, unknown> | undefined {
  if (!content.trimStart().startsWith("{")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed) || "source" in parsed)
    return undefined;
  return parsed as Record<string, unknown>;
}

function replayEvents(summary: Record<string, unknown>, file: string): FeedEvent[] {
  const result = replaySchema.safeParse(summary);
  if (!result.success) {
    const path = formatPath(result.error.issues[0]!.path);
    throw new InputError(
      { file, ...(path === "" ? {} : { path }) },
      "the JSON printed by `secg adt replay --json` (or JSON Lines of feed events, each with a source)",
    );
  }
  const r = result.data;
  const userOf = (requestId: string) => requestId.split(":")[0] ?? requestId;
  return [
    ...r.warned.map(
      (id): FeedEvent => ({ source: "adt", outcome: "warned", userId: userOf(id), at: `${file} (${id})` }),
    ),
    ...r.quarantined.map(
      (q): FeedEvent => ({
        source: "adt",
        outcome: "quarantined",
        breach: q.breach,
        userId: userOf(q.requestId),
        at: `${file} (${q.requestId})`,
      }),
    ),
    ...r.deleted.map(
      (id): FeedEvent => ({ source: "adt", outcome: "deleted", userId: userOf(id), at: `${file} (${id})` }),
    ),
  ];
}
