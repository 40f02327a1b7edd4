import { postStreaming, seg } from "./client.js";

/** A file chosen in the browser, sent as its name and text. */
export type UploadedFile = { readonly name: string; readonly text: string };

/** POST /api/parties/:party/adt/replays (docs/api.md). */
export type ReplayRequest = {
  readonly thresholds: UploadedFile;
  readonly format: "jsonl" | "duis";
  readonly requests: readonly UploadedFile[];
  readonly hold: boolean;
};

/** What one User ID sent for one SRV in a replay, and what became of it. */
export type PairCount = {
  readonly userId: string;
  readonly srv: string;
  readonly requests: number;
  readonly processed: number;
  readonly warned: number;
  readonly quarantined: number;
  readonly deleted: number;
};

export type ReplayResult = {
  readonly type: "result";
  readonly summary: {
    readonly processed: number;
    readonly warned: readonly string[];
    readonly quarantined: readonly { readonly requestId: string; readonly breach: string }[];
    readonly deleted: readonly string[];
  };
  readonly counts: readonly PairCount[];
  /** ISO instants of the first and last request, null for an empty replay. */
  readonly from: string | null;
  readonly to: string | null;
  readonly thresholds: number;
  /** Requests newly held in the quarantine; null when the replay held nothing by request. */
  readonly held: number | null;
};

export type ReplayLine =
  | {
      readonly type: "progress";
      readonly phase: "deciding" | "holding";
      readonly processed: number;
      readonly total: number;
    }
  | ReplayResult
  | { readonly type: "error"; readonly error: { readonly code: string; readonly message: string } };

export function replayTraffic(
  party: string,
  body: ReplayRequest,
  onLine: (line: ReplayLine) => void,
  signal: AbortSignal,
): Promise<void> {
  return postStreaming(
    `/api/parties/${seg(party)}/adt/replays`,
    body,
    (line) => onLine(line as ReplayLine),
    signal,
  );
}
