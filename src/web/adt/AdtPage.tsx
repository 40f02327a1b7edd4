import { type ReactNode, useEffect, useState } from "react";
import { useResource } from "../api/use-resource.js";
import { adtApi, type QuarantinedRequest } from "../api/workspace.js";
import { Confirm } from "../ui/Confirm.js";
import { BarChart, Sparkline } from "../ui/charts.js";
import { londonToday, shortTime } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { ActionResult, useAction } from "../ui/use-action.js";
import { countBy, perDay } from "./counts.js";
import { ReplayPanel } from "./ReplayPanel.js";
import { ThresholdsPanel } from "./ThresholdsPanel.js";

type Decision = { readonly request: QuarantinedRequest; readonly decision: "delete" | "process" };

const breachWords: Record<string, string> = {
  "user-threshold": "User's own threshold",
  "dcc-threshold": "DCC threshold",
  "attribute-limits": "value outside limits",
};

/**
 * ADT (G6): the Service Requests an anomaly threshold held back, for the User to delete or let
 * through, and where the quarantined traffic comes from.
 */
export function AdtPage(): ReactNode {
  useEffect(() => {
    document.title = "ADT · secg";
  }, []);
  const [all, reloadAll] = useResource(adtApi.quarantine(""));
  const [pending, setPending] = useState<Decision | null>(null);
  const [outcome, run] = useAction();

  const decide = ({ request, decision }: Decision) => {
    setPending(null);
    void run(async () => {
      await adtApi.decide(request.requestId, decision);
      reloadAll();
      return `Request ${request.requestId} ${decision === "delete" ? "deleted" : "released for processing"}.`;
    });
  };

  return (
    <>
      <h1>Anomaly detection</h1>
      <p className="lede">
        Service Requests held by an anomaly detection threshold wait here until a User decides: delete them,
        or process them after all (G6).
      </p>
      <ActionResult state={outcome} />
      <ReplayPanel onReplayed={reloadAll} />
      <ResourceView resource={all} what="the quarantine" onRetry={reloadAll} keepPrevious>
        {(list) => {
          const waiting = list.filter((r) => r.status === "waiting");
          const daily = perDay(list, (r) => r.quarantinedAt, londonToday(), 14);
          const fortnight = daily.reduce((a, b) => a + b, 0);
          return (
            <>
              <p>
                Quarantined in the last 14 days: <strong>{fortnight}</strong>{" "}
                <Sparkline values={daily} label={`per day, oldest first: ${daily.join(", ")}`} />
              </p>
              <Section title={`Waiting for a decision (${waiting.length})`} className="panel">
                {waiting.length === 0 ? (
                  <p className="empty">
                    No request waits. Replay recorded traffic above, or run the ADT service (
                    <code>secg adt serve</code>): requests that breach a threshold wait here.
                  </p>
                ) : (
                  <QueueTable requests={waiting} busy={outcome.busy} onDecide={setPending} />
                )}
              </Section>
              {list.length > 0 && (
                <div className="chart-row">
                  <BarChart
                    title="Quarantined requests per User ID"
                    unit="requests"
                    bars={countBy(list, (r) => r.userId)}
                  />
                  <BarChart
                    title="Quarantined requests per SRV"
                    unit="requests"
                    bars={countBy(list, (r) => String(r.request.srv ?? "unknown"))}
                  />
                </div>
              )}
              <DecidedTable requests={list.filter((r) => r.status !== "waiting")} />
            </>
          );
        }}
      </ResourceView>
      <ThresholdsPanel />
      {pending && (
        <Confirm
          question={`${pending.decision === "delete" ? "Delete" : "Process"} request ${pending.request.requestId}? This decision cannot be changed.`}
          confirmLabel={pending.decision === "delete" ? "Delete the request" : "Process the request"}
          onConfirm={() => decide(pending)}
          onCancel={() => setPending(null)}
        />
      )}
    </>
  );
}

function QueueTable({
  requests,
  busy,
  onDecide,
}: {
  requests: readonly QuarantinedRequest[];
  busy: boolean;
  onDecide: (decision: Decision) => void;
}): ReactNode {
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">Request</th>
            <th scope="col">User ID</th>
            <th scope="col">SRV</th>
            <th scope="col">Breach</th>
            <th scope="col">Held since</th>
            <th scope="col">Decision</th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.requestId}>
              <td className="mono">{r.requestId}</td>
              <td className="mono">{r.userId}</td>
              <td>{String(r.request.srv ?? "")}</td>
              <td>
                {breachWords[r.breach] ?? r.breach} (threshold {r.threshold + 1})
              </td>
              <td>{shortTime(r.quarantinedAt)}</td>
              <td className="buttons">
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Delete request ${r.requestId}`}
                  onClick={() => onDecide({ request: r, decision: "delete" })}
                >
                  Delete
                </button>
                <button
                  type="button"
                  disabled={busy}
                  aria-label={`Process request ${r.requestId}`}
                  onClick={() => onDecide({ request: r, decision: "process" })}
                >
                  Process
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function DecidedTable({ requests }: { requests: readonly QuarantinedRequest[] }): ReactNode {
  if (requests.length === 0) return null;
  return (
    <Section title={`Decided (${requests.length})`} className="panel">
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Request</th>
              <th scope="col">Decision</th>
              <th scope="col">By</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.requestId}>
                <td className="mono">{r.requestId}</td>
                <td>{r.status}</td>
                <td>{r.decidedBy ?? ""}</td>
                <td>{r.decidedAt ? shortTime(r.decidedAt) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
