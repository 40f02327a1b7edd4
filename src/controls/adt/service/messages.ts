import type { Breach, Decision } from "../engine.js";
import type { AdtRequest } from "../request.js";

/**
 * What the service's streams carry. A request travels as its JSON Lines text
 * (../shared/contracts/adt.md); a message on the requests stream may carry several, one line
 * each, and its outcomes then come out as one message of as many lines. On the staged stream
 * a message carries one input message's requests for one slot, with the DCC stage's verdicts
 * beside them in a header. Outcomes and alerts are JSON objects.
 */

export const decisionHeader = "Secg-Dcc-Decision";
/** The sequence number, in the stage's input stream, of the message an output came from. */
export const sourceHeader = "Secg-Source-Seq";
/**
 * On an outcome decided in one stage (no staged hop), the sequence number of its request in the
 * requests stream: the DCC stage of a later partitioned run rebuilds its windows from these too.
 */
export const requestSeqHeader = "Secg-Request-Seq";

/**
 * On a staged message, how many more staged messages from the same input message follow it (0,
 * or absent, on the last): a restart finds an input message whose staged messages did not all
 * reach the log.
 */
export const restHeader = "Secg-Source-Rest";

/** The requests, or outcomes, one message carries: its non-blank lines. */
export function messageLines(text: string): string[] {
  return text.split("\n").filter((line) => line.trim() !== "");
}

export function sourceSeq(value: string | undefined): number {
  const seq = Number(value);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : 0;
}

/** A decision as one header value: `processed`, `warned:3`, `quarantined:dcc-threshold:2`, `deleted:1`. */
export function encodeDecision(decision: Decision): string {
  switch (decision.outcome) {
    case "processed":
      return decision.warned ? `warned:${decision.threshold}` : "processed";
    case "quarantined":
      return `quarantined:${decision.breach}:${decision.threshold}`;
    case "deleted":
      return `deleted:${decision.threshold}`;
  }
}

const breaches = new Set<string>(["user-threshold", "dcc-threshold", "attribute-limits"]);

export function decodeDecision(text: string): Decision {
  const parts = text.split(":");
  const threshold = Number(parts.at(-1));
  if (text === "processed") return { outcome: "processed", warned: false };
  if (parts[0] === "warned" && parts.length === 2 && Number.isInteger(threshold)) {
    return { outcome: "processed", warned: true, threshold };
  }
  if (parts[0] === "deleted" && parts.length === 2 && Number.isInteger(threshold)) {
    return { outcome: "deleted", breach: "attribute-limits", threshold, notifyUser: true };
  }
  const breach = parts[1];
  if (parts[0] === "quarantined" && parts.length === 3 && breach && breaches.has(breach)) {
    if (Number.isInteger(threshold)) return { outcome: "quarantined", breach: breach as Breach, threshold };
  }
  throw new RangeError(`a decision like "quarantined:dcc-threshold:2", found "${text}"`);
}

/** The verdicts of a staged message of several requests, one per line, as `encodeDecision`s joined by commas. */
export function decodeDecisions(text: string): Decision[] {
  return text.split(",").map(decodeDecision);
}

/**
 * The final decision from the User stage's verdict and the DCC stage's, in the engine's order:
 * attribute limits (both stages agree on them), the User's quarantine levels, the DCC's levels,
 * the User's warning levels.
 */
export function combine(user: Decision, dcc: Decision): Decision {
  if (user.outcome !== "processed") return user;
  if (dcc.outcome === "quarantined") return dcc;
  return user;
}

/** One published outcome: the decision, and the request as it arrived. */
export type OutcomeMessage = {
  readonly requestId: string;
  readonly userId: string;
  readonly outcome: Decision["outcome"];
  readonly warned: boolean;
  readonly breach?: Breach;
  /** Index of the threshold that decided it, in the thresholds file. */
  readonly threshold?: number;
  /** A deleted SMETS1 request: its User is to be told (G6.1(d)(i)). */
  readonly notifyUser?: true;
  /**
   * A quarantined request its User decided to process (G6.5(b)): forwarded once, after the
   * request's own `quarantined` outcome, with who decided.
   */
  readonly released?: true;
  readonly decidedBy?: string | null;
  readonly request: Record<string, unknown>;
};

/** The decision a logged outcome stands for, as far as the windows it is recorded in care. */
export function loggedDecision(outcome: OutcomeMessage): Decision {
  if (outcome.outcome === "deleted") {
    return {
      outcome: "deleted",
      breach: "attribute-limits",
      threshold: outcome.threshold ?? 0,
      notifyUser: true,
    };
  }
  if (outcome.outcome === "quarantined" && outcome.breach !== undefined) {
    return { outcome: "quarantined", breach: outcome.breach, threshold: outcome.threshold ?? 0 };
  }
  return { outcome: "processed", warned: false };
}

/**
 * The message id of a decision's outputs (its outcome, its alert): the RequestID and the input
 * message it came from. A retried publish of the same decision is dropped as a repeat; a request
 * whose RequestID comes back after the stage's de-duplication horizon is a new input message,
 * decided anew, and its outputs are kept.
 */
export function decisionMessageId(requestId: string, sourceSeq: number): string {
  return `${requestId}@${sourceSeq}`;
}

/** The message id of a release: not the RequestID, which JetStream would drop as the outcome's repeat. */
export function releaseMessageId(requestId: string): string {
  return `${requestId}:released`;
}

/** A released request's outcome: processed, as a request let through is, and marked released. */
export function releaseText(
  requestId: string,
  userId: string,
  decidedBy: string | null,
  request: Readonly<Record<string, unknown>>,
): string {
  const outcome: OutcomeMessage = {
    requestId,
    userId,
    outcome: "processed",
    warned: false,
    released: true,
    decidedBy,
    request: { ...request },
  };
  return JSON.stringify(outcome);
}

/** The outcome as JSON, the request's own line spliced in rather than parsed and written again. */
export function outcomeText(request: AdtRequest, line: string, decision: Decision): string {
  const head: Record<string, unknown> = {
    requestId: request.requestId,
    userId: request.userId,
    outcome: decision.outcome,
    warned: decision.outcome === "processed" && decision.warned,
  };
  if (decision.outcome !== "processed") head.breach = decision.breach;
  if (decision.outcome !== "processed" || decision.warned) head.threshold = decision.threshold;
  if (decision.outcome === "deleted") head.notifyUser = true;
  const json = JSON.stringify(head);
  return `${json.slice(0, -1)},"request":${line.trim()}}`;
}

const alertElement: Record<Breach, string> = {
  "user-threshold": "ADUserThresholdBreach",
  "dcc-threshold": "ADDCCThresholdBreach",
  "attribute-limits": "ADAttributeLimitsBreach",
};

/**
 * A quarantine notice mirroring the DUIS `QuarantinedRequest` alert: one of three breach elements,
 * each holding the RequestID and a QuarantineEventRef (`quarantineEventRef`).
 */
export function alertText(request: AdtRequest, breach: Breach, eventRef: string): string {
  return JSON.stringify({
    QuarantinedRequest: {
      [alertElement[breach]]: { RequestID: request.requestId, QuarantineEventRef: eventRef },
    },
  });
}

/**
 * The reference of a quarantine: the sequence number of the message the deciding stage read,
 * stable across redeliveries. A request after the first line of a message of several has its
 * line number written in front of the sequence number padded to 15 digits, so every request
 * has its own reference within the 20 digits DUIS allows (a message of up to 99,999 lines).
 */
export function quarantineEventRef(seq: number, line: number): string {
  return line === 0 ? String(seq) : `${line}${String(seq).padStart(15, "0")}`;
}
