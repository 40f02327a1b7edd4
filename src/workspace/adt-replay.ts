/**
 * Replaying a party's uploaded Service Requests against Anomaly Detection Thresholds (G6.3,
 * G6.4(c)) and holding what is quarantined: what `secg adt replay` does for files, for uploads,
 * with progress.
 *
 * Everything that can be wrong with the input (the thresholds, a request line, the time order, a
 * User ID the party does not hold) is found before the replay starts, as an InputError naming
 * the file, line and field, and nothing is stored. The replay is then a stream of progress events
 * ending in one result; quarantined requests are held in the workspace quarantine (when asked),
 * each hold audited by the quarantine service, and a reader that has gone before the holding
 * starts holds nothing.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { InputError, inFile } from "../common/input-error.js";
import { createAdtState, type Decision, decide } from "../controls/adt/engine.js";
import { defaultStart, readRequestLine } from "../controls/adt/replay.js";
import { type AdtRequest, requestFromDuis } from "../controls/adt/request.js";
import { emptySummary, type ReplaySummary, tally } from "../controls/adt/summary.js";
import { parseThresholds, type Threshold } from "../controls/adt/thresholds.js";
import { parseDuisRequest } from "../controls/duis/parse.js";
import { defaultEncryptedResponseSrvs } from "../controls/duis/service-requests.js";
import { partiesByUserId } from "./access/tenancy.js";
import type { Origin } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Database } from "./database.js";
import { partiesOf } from "./parties.js";
import { type HoldInput, quarantineOf } from "./quarantine.js";

/** An uploaded file: its name (used in error messages) and its text. */
export type ReplayFile = { readonly name: string; readonly text: string };

export type ReplayInput = {
  /** The thresholds file (YAML or JSON), as `secg adt replay --thresholds` reads it. */
  readonly thresholds: ReplayFile;
  readonly format: "jsonl" | "duis";
  /** One JSON Lines file, or DUIS XML requests replayed in name order one second apart. */
  readonly requests: readonly ReplayFile[];
  /** DUIS XML only: when the first request arrives (ms since the epoch; default 2025-01-01T00:00:00Z). */
  readonly start?: number | undefined;
  /** Hold the quarantined requests in the workspace quarantine for a decision. */
  readonly hold: boolean;
};

/** What one User ID sent for one SRV, and what became of it. */
export type PairCount = {
  readonly userId: string;
  readonly srv: string;
  requests: number;
  processed: number;
  warned: number;
  quarantined: number;
  deleted: number;
};

export type ReplayEvent =
  | { type: "progress"; phase: "deciding" | "holding"; processed: number; total: number }
  | {
      type: "result";
      summary: ReplaySummary;
      counts: PairCount[];
      from: string | null;
      to: string | null;
      thresholds: number;
      held: number | null;
    };

export type AdtReplays = {
  /**
   * Checks the input and returns the replay's events, or undefined when there is no such party.
   * Holds are written under `origin`; `gone` says the reader has left, so nothing more is held.
   */
  readonly start: (
    party: string,
    input: ReplayInput,
    origin: Origin,
    gone: () => boolean,
  ) => Promise<AsyncGenerator<ReplayEvent> | undefined>;
};

/** Requests decided (and lines read) between two progress events; other work runs between them. */
const batch = 2000;
/** Quarantined requests held per transaction, well under PostgreSQL's limit on bound parameters. */
const holdBatch = 500;

/** The requests read, in the order they are decided, and each as it arrived (for the quarantine). */
type Loaded = {
  readonly requests: AdtRequest[];
  readonly arrived: (i: number) => Record<string, unknown>;
};

export function adtReplaysOf(db: Database, clock: Clock): AdtReplays {
  const parties = partiesOf(db, clock);
  const quarantine = quarantineOf(db, clock);
  return {
    start: async (party, input, origin, gone) => {
      if (!(await parties.get(party))) return undefined;
      const thresholds = parseThresholds(input.thresholds.text, input.thresholds.name, {
        encryptedSrvs: new Set(defaultEncryptedResponseSrvs),
      });
      const owned = input.hold ? await userIdsOf(db, party) : undefined;
      const loaded = await loadRequests(input, party, owned);
      const hold = input.hold ? (entries: HoldInput[]) => quarantine.hold(entries, origin) : undefined;
      return replayed(loaded, thresholds, hold, gone);
    },
  };
}

/** The User IDs whose quarantined requests belong to the party, as the quarantine's routes judge it. */
async function userIdsOf(db: Database, party: string): Promise<ReadonlySet<string>> {
  const owners = await partiesByUserId(db);
  return new Set([...owners].filter(([, owner]) => owner === party).map(([userId]) => userId));
}

/**
 * Reads and checks every request before anything is decided: its syntax (as `secg adt replay`
 * reads it), the time order the engine requires, and, when holding, that its User ID is the
 * party's. Errors name the file, the line and the field.
 */
async function loadRequests(
  input: ReplayInput,
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
  if (input.format === "duis") return loadDuis(input.requests, input.start ?? defaultStart, check);
  if (input.start !== undefined) {
    throw new InputError(
      { path: "start" },
      "no start time for a JSON Lines file (its requests carry their own times); start is for DUIS XML",
    );
  }
  const [file, ...more] = input.requests;
  if (file === undefined || more.length > 0) {
    throw new InputError(
      { path: "requests" },
      `one JSON Lines file, found ${input.requests.length} files (DUIS XML requests may come as several)`,
    );
  }
  return loadJsonLines(file, check);
}

async function loadJsonLines(file: ReplayFile, check: (request: AdtRequest) => void): Promise<Loaded> {
  const text = file.text.startsWith("\uFEFF") ? file.text.slice(1) : file.text;
  const requests: AdtRequest[] = [];
  const lines: string[] = [];
  let lineNumber = 0;
  for (let from = 0; from <= text.length; ) {
    const end = text.indexOf("\n", from);
    const to = end < 0 ? text.length : end;
    const raw = text.slice(from, to);
    from = to + 1;
    lineNumber++;
    const before = requests.length;
    readRequestLine(raw, file.name, lineNumber, (request, line) => {
      check(request);
      requests.push(request);
      lines.push(line);
    });
    if (requests.length > before && requests.length % batch === 0) await nextTurn();
  }
  return { requests, arrived: (i) => JSON.parse(lines[i]!) as Record<string, unknown> };
}

async function loadDuis(
  uploaded: readonly ReplayFile[],
  start: number,
  check: (request: AdtRequest) => void,
): Promise<Loaded> {
  // Plain code-unit order, as a folder replay sorts its file names.
  const files = [...uploaded].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const requests: AdtRequest[] = [];
  for (const [i, file] of files.entries()) {
    const request = requestFromDuis(parseDuisRequest(file.text, file.name), start + i * 1000);
    try {
      check(request);
    } catch (error) {
      throw inFile(error, file.name);
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

/** Decides every request in order, then holds the quarantined ones, saying how far it got. */
async function* replayed(
  loaded: Loaded,
  thresholds: readonly Threshold[],
  hold: ((entries: HoldInput[]) => Promise<string[]>) | undefined,
  gone: () => boolean,
): AsyncGenerator<ReplayEvent> {
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
