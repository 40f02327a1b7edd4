import { type ReactNode, useEffect, useState } from "react";
import { useResource } from "../api/use-resource.js";
import { controlsApi, type Finding } from "../api/workspace.js";
import { routeHref, type WorkspaceRoute } from "../routes.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { shortTime } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { ActionResult, useAction } from "../ui/use-action.js";

type ControlsRoute = Extract<WorkspaceRoute, { page: "controls" }>;

const controls = [
  { id: "drift", label: "Configuration drift", clauses: "G2.3, G3.1" },
  { id: "ports", label: "Open ports", clauses: "G2.1, G2.4" },
  { id: "time", label: "Time source", clauses: "G2.46, G2.47" },
] as const;

const statuses = ["open", "accepted", "rectified"] as const;

/** Controls: the automated checks run against the party's systems, and the findings they raised. */
export function ControlsPage({ route }: { route: ControlsRoute }): ReactNode {
  useEffect(() => {
    document.title = "Controls · secg";
  }, []);
  const { party } = useParty();
  return (
    <>
      <h1>Controls</h1>
      <p className="lede">
        Automated checks of the party's systems, and the findings they raised until rectified or accepted.
      </p>
      {party ? (
        <>
          <Runs party={party} route={route} />
          <Findings party={party} route={route} />
        </>
      ) : (
        <NoPartyYet />
      )}
    </>
  );
}

function Runs({ party, route }: { party: string; route: ControlsRoute }): ReactNode {
  const control = controls.find((c) => c.id === route.control) ?? controls[0];
  const [runs, reload] = useResource(controlsApi.runs(party, control.id));
  return (
    <Section title="Runs" className="panel">
      <nav className="tabs" aria-label="Controls">
        <ul>
          {controls.map((c) => (
            <li key={c.id}>
              <a
                href={routeHref({ ...route, control: c.id })}
                aria-current={c.id === control.id ? "page" : undefined}
              >
                {c.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p className="hint">Evidences {control.clauses}.</p>
      <ResourceView resource={runs} what={`${control.label} runs`} onRetry={reload}>
        {({ runs: list }) =>
          list.length === 0 ? (
            <p className="empty">
              No {control.label.toLowerCase()} run is stored. Run one with{" "}
              <code>
                secg control run {control.id} --store --party {party} --system SYSTEM
              </code>
              , or schedule it with <code>secg serve --schedule FILE</code>.
            </p>
          ) : (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Finished</th>
                    <th scope="col">System</th>
                    <th scope="col">Result</th>
                    <th scope="col">Evidence for</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((run) => (
                    <tr key={run.id}>
                      <td>{run.finishedAt ? shortTime(run.finishedAt) : "running"}</td>
                      <td>{run.system ?? ""}</td>
                      <td>
                        <span className={`run ${run.status}`}>{run.status}</span>
                      </td>
                      <td>{run.obligations?.join(", ") ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </ResourceView>
    </Section>
  );
}

function Findings({ party, route }: { party: string; route: ControlsRoute }): ReactNode {
  const status = (statuses as readonly string[]).includes(route.status) ? route.status : "open";
  const [findings, reload] = useResource(controlsApi.findings(party, status));
  const [outcome, run] = useAction();
  const decide = (finding: Finding, to: string, note: string) =>
    void run(async () => {
      await controlsApi.setStatus(party, finding.id, to, note);
      reload();
      return `Finding ${finding.id} marked ${to}.`;
    });
  return (
    <Section title="Findings" className="panel">
      <nav className="tabs" aria-label="Findings by status">
        <ul>
          {statuses.map((s) => (
            <li key={s}>
              <a href={routeHref({ ...route, status: s })} aria-current={s === status ? "page" : undefined}>
                {s}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ActionResult state={outcome} />
      <ResourceView resource={findings} what={`${status} findings`} onRetry={reload}>
        {({ findings: list }) =>
          list.length === 0 ? (
            <p className="empty">No {status} findings.</p>
          ) : (
            <ul className="findings">
              {list.map((finding) => (
                <FindingItem key={finding.id} finding={finding} busy={outcome.busy} onDecide={decide} />
              ))}
            </ul>
          )
        }
      </ResourceView>
    </Section>
  );
}

function FindingItem({
  finding,
  busy,
  onDecide,
}: {
  finding: Finding;
  busy: boolean;
  onDecide: (finding: Finding, to: string, note: string) => void;
}): ReactNode {
  const [note, setNote] = useState("");
  const noteId = `note-${finding.id}`;
  return (
    <li className="finding">
      <p>
        <strong>{finding.title}</strong> <span className={`run ${finding.status}`}>{finding.status}</span>
        {finding.severity ? ` · ${finding.severity}` : ""}
        {finding.system ? ` · system ${finding.system}` : ""}
        {finding.obligations?.length ? ` · ${finding.obligations.join(", ")}` : ""}
      </p>
      {finding.detail && <p className="hint">{finding.detail}</p>}
      {finding.lastSeen && <p className="hint">Last seen {shortTime(finding.lastSeen)}</p>}
      {finding.status === "open" && (
        <div className="controls">
          <div className="field grow">
            <label htmlFor={noteId}>Note</label>
            <input id={noteId} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button
            type="button"
            disabled={busy || note.trim() === ""}
            onClick={() => onDecide(finding, "accepted", note)}
          >
            Accept the risk
          </button>
          <button type="button" disabled={busy} onClick={() => onDecide(finding, "rectified", note)}>
            Mark rectified
          </button>
        </div>
      )}
    </li>
  );
}
