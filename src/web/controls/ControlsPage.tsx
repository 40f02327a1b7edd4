import { type ReactNode, useEffect, useState } from "react";
import { useResource } from "../api/use-resource.js";
import { type ControlRun, controlsApi, type Finding } from "../api/workspace.js";
import { routeHref, type WorkspaceRoute } from "../routes.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { type Column, DataTable } from "../ui/DataTable.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { Time } from "../ui/Time.js";
import { ActionResult, useAction } from "../ui/use-action.js";

type ControlsRoute = Extract<WorkspaceRoute, { page: "controls" }>;

const controls = [
  { id: "drift", label: "Configuration drift", clauses: "G2.3, G3.1" },
  { id: "ports", label: "Open ports", clauses: "G2.1, G2.4" },
  { id: "time", label: "Time source", clauses: "G2.46, G2.47" },
] as const;

const statuses = ["open", "accepted", "rectified"] as const;

const ruleChecks = [
  { id: "people", label: "Check the people register", clauses: "G4.1–G4.7, G2.22B–G2.24, G3.12–G3.13" },
  { id: "crypto-modules", label: "Check keys against their modules", clauses: "G2.44" },
  { id: "keys", label: "Check what each key may sign", clauses: "G2.56, G2.60–G2.61, G3.29" },
  { id: "certificates", label: "Check the DCC's Organisation Certificates", clauses: "G2.57–G2.59" },
  { id: "anomalies", label: "Look for anomalous events", clauses: "G2.29–G2.30, G3.15–G3.16" },
  {
    id: "incidents",
    label: "Check incident and vulnerability duties",
    clauses: "G3.4–G3.9, G3.17–G3.19, G5.16",
  },
] as const;

/** Controls: the automated checks run against the party's systems, and the findings they raised. */
export function ControlsPage({ route }: { route: ControlsRoute }): ReactNode {
  useEffect(() => {
    document.title = "Controls · secg";
  }, []);
  const { party } = useParty();
  // Bumped after each rule check, so the findings list shows what the check raised.
  const [checksRun, setChecksRun] = useState(0);
  return (
    <>
      <h1>Controls</h1>
      <p className="lede">
        Automated checks of the party's systems, and the findings they raised until rectified or accepted.
      </p>
      {party ? (
        <>
          <Runs party={party} route={route} />
          <RuleChecks party={party} onChecked={() => setChecksRun((n) => n + 1)} />
          <Findings party={party} route={route} refresh={checksRun} />
        </>
      ) : (
        <NoPartyYet />
      )}
    </>
  );
}

const runColumns: readonly Column<ControlRun>[] = [
  {
    header: "Finished",
    cell: (run) => (run.finishedAt ? <Time iso={run.finishedAt} /> : "running"),
    sort: (run) => run.finishedAt ?? "",
  },
  { header: "System", cell: (run) => run.system ?? "", sort: (run) => run.system ?? "" },
  {
    header: "Result",
    cell: (run) => <span className={`run ${run.status}`}>{run.status}</span>,
    sort: (run) => run.status,
  },
  { header: "Evidence for", cell: (run) => run.obligations?.join(", ") ?? "" },
];

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
        {({ runs: list }) => (
          <DataTable
            rows={list}
            columns={runColumns}
            rowKey={(run) => run.id}
            caption={`${control.label} runs`}
            empty={
              <>
                No {control.label.toLowerCase()} run is stored. Run one with{" "}
                <code>
                  secg control run {control.id} --store --party {party} --system SYSTEM
                </code>
                , or schedule it with <code>secg serve --schedule FILE</code>.
              </>
            }
          />
        )}
      </ResourceView>
    </Section>
  );
}

/** The rule checks over the registers: each run is kept as evidence and raises findings below. */
function RuleChecks({ party, onChecked }: { party: string; onChecked: () => void }): ReactNode {
  const [outcome, run] = useAction();
  const [ecosLive, setEcosLive] = useState("");
  const check = (id: string, label: string) =>
    void run(async () => {
      const body = id === "certificates" && ecosLive !== "" ? { ecosServiceLiveDate: ecosLive } : {};
      const { findings } = await controlsApi.runCheck(party, id, body);
      onChecked();
      return `${label}: ${findings.length === 0 ? "no findings" : `${findings.length} finding(s), listed under Findings`}.`;
    });
  return (
    <Section title="Rule checks" className="panel">
      <p className="hint">
        Each runs over the party's registers, is kept as evidence, and raises findings below.
      </p>
      <label>
        ECoS Service Live Date (for G2.58; left empty, G2.58 is not judged){" "}
        <input type="date" value={ecosLive} onChange={(e) => setEcosLive(e.target.value)} />
      </label>
      <div className="controls">
        {ruleChecks.map((c) => (
          <button key={c.id} type="button" disabled={outcome.busy} onClick={() => check(c.id, c.label)}>
            {c.label} ({c.clauses})
          </button>
        ))}
      </div>
      <ActionResult state={outcome} />
    </Section>
  );
}

function Findings({
  party,
  route,
  refresh,
}: {
  party: string;
  route: ControlsRoute;
  refresh: number;
}): ReactNode {
  const status = (statuses as readonly string[]).includes(route.status) ? route.status : "open";
  const [findings, reload] = useResource(controlsApi.findings(party, status));
  useEffect(() => {
    if (refresh > 0) reload();
  }, [refresh, reload]);
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
      {finding.lastSeen && (
        <p className="hint">
          Last seen <Time iso={finding.lastSeen} />
        </p>
      )}
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
