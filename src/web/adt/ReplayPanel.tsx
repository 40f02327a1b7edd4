import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { type PairCount, type ReplayLine, type ReplayResult, replayTraffic } from "../api/adt-replay.js";
import { describeError } from "../api/client.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { BarChart } from "../ui/charts.js";
import { type Column, DataTable } from "../ui/DataTable.js";
import { Section } from "../ui/Section.js";
import { percentDone, ratesPerHour, replayFormat } from "./replay.js";
import "./replay.css";

type Running = {
  readonly phase: "running";
  /** sending: the files are on their way and being checked; then the server's own phases. */
  readonly step: "sending" | "deciding" | "holding";
  readonly processed: number;
  readonly total: number;
};

type ReplayState =
  | { readonly phase: "idle" }
  | Running
  | { readonly phase: "done"; readonly result: ReplayResult }
  | { readonly phase: "cancelled"; readonly holding: boolean }
  | { readonly phase: "failed"; readonly message: string };

const shownPairs = 50;
const n = (value: number) => value.toLocaleString("en-GB");

/**
 * Replay recorded traffic against a thresholds file (G6.4(c)): what `secg adt replay` does, in
 * the browser, with a progress bar and a cancel button. What the thresholds quarantine can be
 * held in the party's quarantine queue, to be decided on this page.
 */
export function ReplayPanel({ onReplayed }: { onReplayed: () => void }): ReactNode {
  const { party } = useParty();
  return (
    <Section title="Replay traffic" className="panel">
      <p>
        Check what a thresholds file would stop: replay recorded Service Requests (a JSON Lines file, or DUIS
        XML requests) against it, in time order, as <code>secg adt replay</code> does.
      </p>
      {party ? <ReplayForm party={party} onReplayed={onReplayed} /> : <NoPartyYet />}
    </Section>
  );
}

function ReplayForm({ party, onReplayed }: { party: string; onReplayed: () => void }): ReactNode {
  const ids = useId();
  const [thresholds, setThresholds] = useState<File | null>(null);
  const [requests, setRequests] = useState<readonly File[]>([]);
  const [hold, setHold] = useState(true);
  const [state, setState] = useState<ReplayState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const chosen = replayFormat(requests.map((file) => file.name));
  const running = state.phase === "running";

  const start = async () => {
    if (!thresholds || !("format" in chosen)) return;
    const abort = new AbortController();
    controller.current = abort;
    // Written from the stream's lines; read once it ends (or is cancelled).
    const seen: { step: Running["step"]; outcome: ReplayState } = {
      step: "sending",
      outcome: { phase: "failed", message: "The server stopped before the replay ended." },
    };
    setState({ phase: "running", step: "sending", processed: 0, total: 0 });
    try {
      const body = {
        thresholds: { name: thresholds.name, text: await thresholds.text() },
        format: chosen.format,
        requests: await Promise.all(
          requests.map(async (file) => ({ name: file.name, text: await file.text() })),
        ),
        hold,
      };
      await replayTraffic(
        party,
        body,
        (line: ReplayLine) => {
          if (line.type === "progress") {
            seen.step = line.phase;
            setState({ phase: "running", step: line.phase, processed: line.processed, total: line.total });
          } else if (line.type === "result") {
            seen.outcome = { phase: "done", result: line };
          } else {
            seen.outcome = { phase: "failed", message: line.error.message };
          }
        },
        abort.signal,
      );
      setState(seen.outcome);
    } catch (error) {
      setState(
        abort.signal.aborted
          ? { phase: "cancelled", holding: seen.step === "holding" }
          : { phase: "failed", message: describeError(error) },
      );
    } finally {
      controller.current = null;
      onReplayed();
    }
  };

  return (
    <>
      <form
        className="replay-form"
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <div className="field">
          <label htmlFor={`${ids}-thresholds`}>Thresholds file (YAML or JSON)</label>
          <input
            id={`${ids}-thresholds`}
            type="file"
            accept=".yaml,.yml,.json"
            disabled={running}
            onChange={(e) => setThresholds(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-requests`}>Requests: one JSON Lines file, or DUIS XML files</label>
          <input
            id={`${ids}-requests`}
            type="file"
            multiple
            accept=".jsonl,.ndjson,.json,.txt,.xml"
            aria-describedby={`${ids}-format`}
            disabled={running}
            onChange={(e) => setRequests([...(e.target.files ?? [])])}
          />
          <p id={`${ids}-format`} className="hint">
            {"format" in chosen
              ? chosen.format === "duis"
                ? `${requests.length} DUIS XML requests, replayed in name order one second apart.`
                : "JSON Lines: one request a line, with its own time."
              : chosen.problem}
          </p>
        </div>
        <div className="field checkbox">
          <input
            id={`${ids}-hold`}
            type="checkbox"
            checked={hold}
            disabled={running}
            onChange={(e) => setHold(e.target.checked)}
          />
          <label htmlFor={`${ids}-hold`}>Hold quarantined requests in the queue below for a decision</label>
        </div>
        <div className="buttons">
          <button type="submit" disabled={running || !thresholds || !("format" in chosen)}>
            Replay
          </button>
          {running && (
            <button type="button" onClick={() => controller.current?.abort()}>
              Cancel the replay
            </button>
          )}
        </div>
      </form>
      <ReplayStatus state={state} hold={hold} />
      {state.phase === "done" && <ReplayOutcome result={state.result} />}
    </>
  );
}

function ReplayStatus({ state, hold }: { state: ReplayState; hold: boolean }): ReactNode {
  return (
    <div aria-live="polite">
      {state.phase === "idle" && (
        <p className="empty">
          No replay yet. Choose the thresholds file and the recorded requests, then <strong>Replay</strong>
          {hold ? ": requests the thresholds quarantine join the queue below, to delete or process." : "."}
        </p>
      )}
      {state.phase === "running" && <RunningBar state={state} />}
      {state.phase === "done" && (
        <ProgressBar
          label="Replay finished"
          percent={100}
          text={`all ${n(totalOf(state.result))} requests`}
        />
      )}
      {state.phase === "cancelled" && (
        <p className="notice" role="status">
          Replay cancelled.{" "}
          {state.holding
            ? "Requests held before the cancel stay in the queue."
            : "Nothing was held; choose Replay to start again."}
        </p>
      )}
      {state.phase === "failed" && (
        <div className="error" role="alert">
          <p>Nothing was replayed or held; fix this and try again:</p>
          <p>{state.message}</p>
        </div>
      )}
    </div>
  );
}

function RunningBar({ state }: { state: Running }): ReactNode {
  if (state.step === "sending") {
    return <ProgressBar label="Sending and checking the files" text="checking every line before deciding" />;
  }
  const what = state.step === "deciding" ? "Deciding requests" : "Holding quarantined requests";
  return (
    <ProgressBar
      label={what}
      percent={percentDone(state.processed, state.total)}
      text={`${n(state.processed)} of ${n(state.total)}`}
    />
  );
}

/** A labelled bar; without `percent` it says work is under way without saying how far. */
function ProgressBar({ label, percent, text }: { label: string; percent?: number; text: string }): ReactNode {
  return (
    <div className="replay-progress">
      <span>
        {label}: {text}
      </span>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={percent === undefined ? text : `${percent}%, ${text}`}
        className={percent === undefined ? "progress-track busy" : "progress-track"}
      >
        <div className="progress-fill" style={{ width: `${percent ?? 100}%` }} />
      </div>
    </div>
  );
}

function totalOf(result: ReplayResult): number {
  const { summary } = result;
  return summary.processed + summary.quarantined.length + summary.deleted.length;
}

function ReplayOutcome({ result }: { result: ReplayResult }): ReactNode {
  const { summary, counts } = result;
  const quarantined = summary.quarantined.length;
  return (
    <div className="replay-outcome">
      <p role="status">
        Replayed <strong>{n(totalOf(result))}</strong> requests against {n(result.thresholds)} thresholds
        {result.from && result.to ? ` (${result.from.slice(0, 19)}Z to ${result.to.slice(0, 19)}Z)` : ""}:{" "}
        <strong>{n(summary.processed)}</strong> processed ({n(summary.warned.length)} over a warning level),{" "}
        <strong>{n(quarantined)}</strong> quarantined, <strong>{n(summary.deleted.length)}</strong> deleted.
      </p>
      <p>
        {quarantined === 0
          ? "Nothing was quarantined: every request stayed within the thresholds."
          : result.held === null
            ? "The quarantined requests were not held (the replay was asked not to)."
            : heldText(result.held, quarantined)}
        {summary.deleted.length > 0 &&
          " Deleted requests were SMETS1 requests outside an attribute limit; their User is told (G6.1(d)(i))."}
      </p>
      {counts.length > 0 && (
        <div className="chart-row">
          <BarChart
            title="Requests per hour by User ID and SRV"
            unit="requests per hour"
            bars={ratesPerHour(counts, result.from, result.to)}
          />
        </div>
      )}
      <PairTable result={result} />
    </div>
  );
}

function heldText(held: number, quarantined: number): string {
  if (held === quarantined)
    return `All ${n(held)} quarantined requests are now in the queue below, to delete or process.`;
  return `${n(held)} of the ${n(quarantined)} quarantined requests are newly held in the queue below; the others were held before, by an earlier replay or the ADT service.`;
}

const pairColumns: readonly Column<PairCount>[] = [
  { header: "User ID", cell: (c) => c.userId, sort: (c) => c.userId, className: "mono" },
  { header: "SRV", cell: (c) => c.srv, sort: (c) => c.srv },
  ...(["requests", "processed", "warned", "quarantined", "deleted"] as const).map(
    (key): Column<PairCount> => ({
      header: key[0]!.toUpperCase() + key.slice(1),
      cell: (c) => n(c[key]),
      sort: (c) => c[key],
      className: "number",
    }),
  ),
];

function PairTable({ result }: { result: ReplayResult }): ReactNode {
  const { counts } = result;
  return (
    <>
      <DataTable
        rows={counts.slice(0, shownPairs)}
        columns={pairColumns}
        rowKey={(c) => `${c.userId} ${c.srv}`}
        caption="Outcomes per User ID and SRV"
        showCaption
        empty="No request was replayed."
      />
      {counts.length > shownPairs && (
        <p className="hint">
          The {shownPairs} busiest of {n(counts.length)} pairs are shown.
        </p>
      )}
    </>
  );
}
