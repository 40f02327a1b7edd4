import { type ReactNode, useEffect, useState } from "react";
import { ApiError, type Endpoint, endpointOfAll } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { adtApi, auditApi, controlsApi, type ObligationStatus, registersApi } from "../api/workspace.js";
import { deadlinesOf } from "../calendar/deadlines.js";
import { type ObligationsAnswer, obligationsApi, type PartySummary } from "../obligations/api.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { BarChart } from "../ui/charts.js";
import { DataTable } from "../ui/DataTable.js";
import { londonToday, shortTime } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { openIncidents, type Posture, postureOf, tallyDeadlines } from "./posture.js";

/** The Overview: where a party stands today, and what needs doing next. */
export function OverviewPage(): ReactNode {
  useEffect(() => {
    document.title = "Overview · secg";
  }, []);
  const { party, parties } = useParty();
  const name = parties.find((p) => p.id === party)?.name;
  return (
    <>
      <h1>Overview{name ? `: ${name}` : ""}</h1>
      <p className="lede">
        Where the party stands on {londonToday()}: duties, evidence, deadlines and what waits for a decision.
      </p>
      {party ? <Cards party={party} /> : <NoPartyYet />}
    </>
  );
}

/**
 * The duties and deadlines are asked for first; the other cards wait until the duties have come,
 * because the embedded database answers one request at a time and those two matter most.
 */
function Cards({ party }: { party: string }): ReactNode {
  const [dutiesSettled, setDutiesSettled] = useState(false);
  return (
    <div className="cards">
      <PostureCard party={party} onSettled={() => setDutiesSettled(true)} />
      <DeadlinesCard party={party} />
      {dutiesSettled ? (
        <>
          <IncidentsCard party={party} />
          <QuarantineCard />
          <AuditCard />
          <AllParties />
        </>
      ) : (
        <p className="status" role="status">
          Loading incidents, quarantine and audit log…
        </p>
      )}
    </div>
  );
}

type PostureData = { answer: ObligationsAnswer; statuses: ObligationStatus[] | null };

/** The obligations, and their evidence status when the server records it (null when it does not yet). */
function postureData(party: string, on: string): Endpoint<PostureData> {
  return {
    url: `posture:${party}:${on}`,
    load: async (signal) => {
      const [answer, statuses] = await Promise.all([
        obligationsApi.obligations(party, on).load(signal),
        controlsApi
          .obligationsStatus(party)
          .load(signal)
          .then(
            (body) => body.obligations,
            (error: unknown) => {
              // No status on this server (404), or none this role may read (403): show none.
              if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return null;
              throw error;
            },
          ),
      ]);
      return { answer, statuses };
    },
  };
}

function PostureCard({ party, onSettled }: { party: string; onSettled: () => void }): ReactNode {
  const [data, reload] = useResource(postureData(party, londonToday()));
  const settled = data.status === "ok" || data.status === "error";
  useEffect(() => {
    if (settled) onSettled();
  }, [settled, onSettled]);
  return (
    <Section title="Duties">
      <ResourceView resource={data} what="the party's duties" onRetry={reload}>
        {({ answer, statuses }) => {
          const posture = postureOf(answer, statuses);
          return (
            <>
              <BarChart
                title={`${posture.applying} duties apply under ${answer.codeVersion.label}`}
                unit="duties"
                bars={[
                  { label: "Applying", value: posture.applying },
                  { label: "Evidenced", value: posture.evidenced },
                  { label: "With open findings", value: posture.withOpenFindings },
                ]}
              />
              {statuses === null ? (
                <p className="hint">
                  No evidence is recorded yet: add it in{" "}
                  <a href="#/registers?register=evidence">Registers → evidence</a> or run a control.
                </p>
              ) : (
                <p className="hint">
                  {posture.applying - posture.evidenced} duties have no evidence yet.{" "}
                  <a href={`#/obligations?party=${encodeURIComponent(party)}`}>
                    See which, and why they apply
                  </a>
                  .
                </p>
              )}
            </>
          );
        }}
      </ResourceView>
    </Section>
  );
}

/** The posture of every party the user may see, side by side: for SSC and DCC people. */
function allPostures(
  parties: readonly PartySummary[],
  on: string,
): Endpoint<{ party: PartySummary; posture: Posture }[]> {
  return endpointOfAll(
    `postures:${parties.map((p) => p.id).join(",")}:${on}`,
    parties,
    async (party, signal) => {
      const { answer, statuses } = await postureData(party.id, on).load(signal);
      return { party, posture: postureOf(answer, statuses) };
    },
  );
}

function AllParties(): ReactNode {
  const { parties, party: chosen, choose } = useParty();
  const [rows, reload] = useResource(parties.length > 1 ? allPostures(parties, londonToday()) : null);
  if (parties.length <= 1) return null;
  return (
    <Section title="All your parties" className="panel wide">
      <ResourceView resource={rows} what="every party's duties" onRetry={reload}>
        {(list) => (
          <DataTable
            rows={list}
            columns={[
              {
                header: "Party",
                cell: ({ party }) =>
                  party.id === chosen ? (
                    <strong>{party.name} (shown above)</strong>
                  ) : (
                    <button type="button" className="link" onClick={() => choose(party.id)}>
                      {party.name}
                    </button>
                  ),
                sort: ({ party }) => party.name,
              },
              {
                header: "Duties applying",
                cell: ({ posture }) => posture.applying,
                sort: ({ posture }) => posture.applying,
                className: "number",
              },
              {
                header: "Evidenced",
                cell: ({ posture }) => posture.evidenced,
                sort: ({ posture }) => posture.evidenced,
                className: "number",
              },
              {
                header: "With open findings",
                cell: ({ posture }) => posture.withOpenFindings,
                sort: ({ posture }) => posture.withOpenFindings,
                className: "number",
              },
            ]}
            rowKey={({ party }) => party.id}
            caption="Duties of every party you may see"
            empty="No party to compare."
          />
        )}
      </ResourceView>
    </Section>
  );
}

function DeadlinesCard({ party }: { party: string }): ReactNode {
  const [deadlines, reload] = useResource(deadlinesOf(party, londonToday()));
  return (
    <Section title="Deadlines">
      <ResourceView resource={deadlines} what="deadlines" onRetry={reload}>
        {({ deadlines: list }) => {
          const tally = tallyDeadlines(list);
          return (
            <>
              <p className="big-numbers">
                <span className={tally.overdue > 0 ? "figure overdue" : "figure"}>
                  <strong>{tally.overdue}</strong> overdue
                </span>
                <span className="figure">
                  <strong>{tally.dueSoon}</strong> due soon
                </span>
              </p>
              {tally.next.length === 0 ? (
                <p className="empty">Nothing is due: every dated duty is met.</p>
              ) : (
                <ol className="next-deadlines" aria-label="Next deadlines">
                  {tally.next.map((d) => (
                    <li key={`${d.id}-${d.subject}`}>
                      <span className={`due ${d.status}`}>{d.due.slice(0, 10)}</span> {d.title}{" "}
                      <span className="clause-id">{d.clause}</span>
                    </li>
                  ))}
                </ol>
              )}
              <p>
                <a href="#/calendar">Open the calendar</a>
              </p>
            </>
          );
        }}
      </ResourceView>
    </Section>
  );
}

function IncidentsCard({ party }: { party: string }): ReactNode {
  const [incidents, reload] = useResource(registersApi.items(party, "incidents"));
  return (
    <Section title="Incidents">
      <ResourceView resource={incidents} what="incidents" onRetry={reload}>
        {({ items }) => {
          const open = openIncidents(items);
          return (
            <p>
              <strong>{open}</strong> open of {items.length} recorded.{" "}
              <a href="#/registers?register=incidents">
                {items.length === 0 ? "Record an incident" : "See them"}
              </a>
            </p>
          );
        }}
      </ResourceView>
    </Section>
  );
}

function QuarantineCard(): ReactNode {
  const [waiting, reload] = useResource(adtApi.quarantine("waiting"));
  return (
    <Section title="Quarantined requests">
      <ResourceView resource={waiting} what="the quarantine" onRetry={reload}>
        {(list) =>
          list.length === 0 ? (
            <p>No Service Request waits for a decision.</p>
          ) : (
            <p>
              <strong>{list.length}</strong> waiting for a decision. <a href="#/adt">Decide them</a>
            </p>
          )
        }
      </ResourceView>
    </Section>
  );
}

function AuditCard(): ReactNode {
  const [checkpoint, reload] = useResource(auditApi.checkpoint());
  if (
    checkpoint.status === "error" &&
    checkpoint.error instanceof ApiError &&
    checkpoint.error.status === 404
  ) {
    return (
      <Section title="Audit log">
        <p>
          No checkpoint is signed yet. Sign one with <code>secg audit checkpoint</code>.
        </p>
      </Section>
    );
  }
  return (
    <Section title="Audit log">
      <ResourceView resource={checkpoint} what="the audit checkpoint" onRetry={reload}>
        {(c) => (
          <p>
            Last checkpoint: <strong>{c.size}</strong> entries, signed {shortTime(c.signedAt)} by {c.keyName}.{" "}
            <a href="#/audit">Verify</a>
          </p>
        )}
      </ResourceView>
    </Section>
  );
}
