/**
 * The live status of each obligation (evidence recorded, last control run, open findings), shown
 * beside the list when the server records it; servers without it simply show none.
 */
import type { ReactNode } from "react";
import { ApiError, type Endpoint } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { controlsApi, type ObligationStatus } from "../api/workspace.js";
import { cellText } from "../ui/format.js";

/** null until loaded, or when the server keeps no status. */
export type StatusById = ReadonlyMap<string, ObligationStatus> | null;

function statusEndpoint(party: string): Endpoint<Map<string, ObligationStatus> | null> {
  const inner = controlsApi.obligationsStatus(party);
  return {
    url: inner.url,
    load: (signal) =>
      inner.load(signal).then(
        ({ obligations }) => new Map(obligations.map((o) => [o.id, o])),
        (error: unknown) => {
          // No status on this server (404), or none this role may read (403): show none.
          if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
          throw error;
        },
      ),
  };
}

export function useObligationStatus(party: string): StatusById {
  const [status] = useResource(statusEndpoint(party));
  return status.status === "ok" ? status.data : null;
}

export function StatusBadge({ status, id }: { status: StatusById; id: string }): ReactNode {
  if (status === null) return null;
  const entry = status.get(id);
  if (entry && entry.openFindings > 0) {
    return (
      <span className="badge findings">
        {entry.openFindings} open finding{entry.openFindings === 1 ? "" : "s"}
      </span>
    );
  }
  if (entry && (entry.evidence.length > 0 || entry.lastRun)) return <span className="badge">evidenced</span>;
  return <span className="badge muted">no evidence</span>;
}

export function StatusDetail({ status, id }: { status: StatusById; id: string }): ReactNode {
  if (status === null) return null;
  const entry = status.get(id);
  return (
    <>
      <h4>Evidence held</h4>
      {!entry || (entry.evidence.length === 0 && !entry.lastRun) ? (
        <p className="hint">
          None yet. Record some in <a href="#/registers?register=evidence">Registers → evidence</a>.
        </p>
      ) : (
        <ul>
          {entry.evidence.map((item, i) => (
            <li key={cellText(item.id ?? i)}>{cellText(item.title ?? item.id)}</li>
          ))}
          {entry.lastRun && (
            <li>
              Last control run: {cellText(entry.lastRun.control)} {cellText(entry.lastRun.status)}{" "}
              {cellText(entry.lastRun.finishedAt)}
            </li>
          )}
        </ul>
      )}
      {entry && entry.openFindings > 0 && (
        <p className="notice">
          {entry.openFindings} open finding{entry.openFindings === 1 ? "" : "s"}: see{" "}
          <a href="#/controls">Controls</a>.
        </p>
      )}
    </>
  );
}
