import type { AdtRequest } from "../request.js";
import { parseRequestLine } from "../request-line.js";
import { reason, type StageLog } from "./stage-context.js";

/**
 * Users' decisions on quarantined requests, fed to the stages that counted them (G6.5). The
 * workspace is where decisions are made (CLI, API, dashboard), durably and audited; the service
 * polls it for decisions made since a cursor and hands each one on once per run. The cursor
 * is kept in the workspace's own time (`decidedAt`), never this process's clock. A run's first
 * poll reads every decision made so far, so each decision on a request in a rebuilt state is
 * applied again to that fresh state; the stages ignore decisions on requests they do not hold.
 */

export type DecidedRequest = {
  readonly requestId: string;
  readonly userId: string;
  readonly status: "deleted" | "processed";
  /** ISO 8601 instant of the decision. */
  readonly decidedAt: string;
  readonly decidedBy: string | null;
  /** The request as it arrived (a JSON Lines object). */
  readonly request: Readonly<Record<string, unknown>>;
};

export type DecisionSource = {
  /** Requests decided at or after `since`, in any order. */
  readonly decidedSince: (since: Date) => Promise<readonly DecidedRequest[]>;
};

/** A decision with its request parsed, as the stages take it. */
export type UserDecisionEvent = { readonly decided: DecidedRequest; readonly request: AdtRequest };

export type DecisionHandler = (event: UserDecisionEvent) => Promise<void> | void;

export type DecisionFeed = {
  /** Settles when stopped; rejected when a handler failed (the service then stops). */
  readonly done: Promise<void>;
  readonly stop: () => Promise<void>;
};

/**
 * Decisions can commit a little out of their `decidedAt` order (concurrent transactions, clocks
 * of several deciding processes): each poll looks back this far, and the RequestIDs seen in that
 * span are remembered so none is handed on twice.
 */
const lookBackMs = 60_000;

export function startDecisionFeed(
  source: DecisionSource,
  everyMs: number,
  handlers: readonly DecisionHandler[],
  log: StageLog,
): DecisionFeed {
  let cursor = 0;
  const seen = new Map<string, number>();
  let stopped = false;
  let wake: (() => void) | undefined;

  const poll = async () => {
    const rows = await source.decidedSince(new Date(cursor));
    const fresh = rows
      .filter((row) => !seen.has(row.requestId))
      .sort((a, b) => a.decidedAt.localeCompare(b.decidedAt) || compare(a.requestId, b.requestId));
    let latest = cursor;
    for (const decided of fresh) {
      const at = Date.parse(decided.decidedAt);
      seen.set(decided.requestId, at);
      latest = Math.max(latest, at);
      let request: AdtRequest;
      try {
        request = parseRequestLine(JSON.stringify(decided.request));
      } catch (error) {
        log.warn(`adt decisions: ${decided.requestId} has no readable request: ${reason(error)}`);
        continue;
      }
      for (const handle of handlers) await handle({ decided, request });
    }
    cursor = Math.max(cursor, latest - lookBackMs);
    for (const [id, at] of seen) if (at < cursor) seen.delete(id);
  };

  const done = (async () => {
    while (!stopped) {
      await poll();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, everyMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    done,
    stop: async () => {
      stopped = true;
      wake?.();
      await done.catch(() => undefined);
    },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
