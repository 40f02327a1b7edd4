import { type FormEvent, type ReactNode, useState } from "react";
import { useResource } from "../api/use-resource.js";
import { auditApi, type FailedLogin, type ReviewEntry, type UnusualActivity } from "../api/workspace.js";
import { type Column, DataTable } from "../ui/DataTable.js";
import { londonToday } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { Time } from "../ui/Time.js";
import { actionInWords, targetInWords, unusualKinds } from "./review-words.js";

function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(date) - days * 86_400_000).toISOString().slice(0, 10);
}

const outcomeWords: Readonly<Record<string, string>> = {
  denied: "denied",
  failure: "failed",
  success: "succeeded",
  failed: "failed sign-in",
  "locked-out": "locked out",
};

function Outcome({ value }: { value: string }): ReactNode {
  return <span className={`badge outcome ${value}`}>{outcomeWords[value] ?? value}</span>;
}

const byTime = (entry: ReviewEntry) => entry.time;
const timeColumn: Column<ReviewEntry> = {
  header: "Time",
  cell: (e) => <Time iso={e.time} />,
  sort: byTime,
};
const actorColumn: Column<ReviewEntry> = { header: "Actor", cell: (e) => e.actor, sort: (e) => e.actor };
const addressColumn: Column<ReviewEntry> = {
  header: "Client address",
  cell: (e) => <span className="mono">{e.clientAddress ?? "—"}</span>,
  sort: (e) => e.clientAddress ?? "",
};

/** The columns of an audit entry; the entry search shows the same. */
export const entryColumns: readonly Column<ReviewEntry>[] = [
  timeColumn,
  actorColumn,
  { header: "Action", cell: actionInWords, sort: actionInWords },
  { header: "Target", cell: (e) => <span className="mono">{targetInWords(e.target)}</span> },
  { header: "Outcome", cell: (e) => <Outcome value={e.outcome} /> },
  addressColumn,
];

const failedColumns: readonly Column<FailedLogin>[] = [
  timeColumn,
  { header: "User name", cell: (e) => e.actor, sort: (e) => e.actor },
  { header: "Outcome", cell: (e) => <Outcome value={e.kind} />, sort: (e) => e.kind },
  addressColumn,
];

const newestFirst = { column: 0, descending: true };
export const rowKey = (e: ReviewEntry) => String(e.seq);

/** G2.26: the periodic review of the log for denied access, failed sign-ins and unusual activity. */
export function Review(): ReactNode {
  const today = londonToday();
  const [since, setSince] = useState(daysBefore(today, 7));
  const [until, setUntil] = useState(today);
  const [asked, setAsked] = useState({ since: daysBefore(today, 7), until: today });
  const [review, reload] = useResource(
    auditApi.review(`${asked.since}T00:00:00Z`, `${asked.until}T23:59:59Z`),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsked({ since, until });
  };
  return (
    <Section title="Review (G2.26)" className="panel">
      <form className="controls" onSubmit={submit}>
        <div className="field">
          <label htmlFor="review-since">From</label>
          <input id="review-since" type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="review-until">To</label>
          <input id="review-until" type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </div>
        <button type="submit">Review</button>
      </form>
      <ResourceView resource={review} what="the review" onRetry={reload}>
        {(r) => (
          <div className="review-lists">
            <p className="hint">
              {r.entries} audit entries from <Time iso={r.since} /> to <Time iso={r.until} />.
            </p>
            <EntryList
              title="Denied requests"
              caption="Requests refused by access control"
              rows={r.denied}
              columns={entryColumns}
              empty="No request was refused in this period."
            />
            <EntryList
              title="Failed sign-ins and lockouts"
              caption="Failed sign-ins and lockouts"
              rows={r.failedLogins}
              columns={failedColumns}
              empty="No sign-in failed in this period."
            />
            <h3>Unusual activity ({r.unusual.length})</h3>
            {r.unusual.length === 0 ? (
              <p className="empty">Nothing unusual in this period.</p>
            ) : (
              unusualKinds.map(({ kind, title, reason }) => (
                <UnusualGroup
                  key={kind}
                  title={title}
                  reason={reason}
                  items={r.unusual.filter((u) => u.kind === kind)}
                />
              ))
            )}
          </div>
        )}
      </ResourceView>
    </Section>
  );
}

/** One list of the review: its heading with the count, and the entries newest first. */
function EntryList<T extends ReviewEntry>({
  title,
  caption,
  rows,
  columns,
  empty,
}: {
  title: string;
  caption: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  empty: string;
}): ReactNode {
  return (
    <>
      <h3>
        {title} ({rows.length})
      </h3>
      <DataTable
        rows={rows}
        columns={columns}
        rowKey={rowKey}
        caption={caption}
        empty={empty}
        initialSort={newestFirst}
      />
    </>
  );
}

function UnusualGroup({
  title,
  reason,
  items,
}: {
  title: string;
  reason: string;
  items: readonly UnusualActivity[];
}): ReactNode {
  if (items.length === 0) return null;
  return (
    <section className="unusual" aria-label={title}>
      <h4>
        {title} ({items.length})
      </h4>
      <p className="hint">{reason}</p>
      <ul>
        {items.map((item) => (
          <li key={JSON.stringify(item)}>
            <UnusualItem item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function UnusualItem({ item }: { item: UnusualActivity }): ReactNode {
  switch (item.kind) {
    case "denial-burst":
      return (
        <>
          <strong>{item.count} refusals</strong> from {item.by === "actor" ? "user" : "address"}{" "}
          <span className="mono">{item.who}</span> between <Time iso={item.from} /> and <Time iso={item.to} />
        </>
      );
    case "new-address":
      return (
        <>
          <strong>{item.actor}</strong> from <span className="mono">{item.clientAddress}</span>, first seen{" "}
          <Time iso={item.firstSeen} />
        </>
      );
    case "outside-hours":
      return (
        <>
          <strong>{item.actor}</strong>: {item.count} actions between <Time iso={item.first} /> and{" "}
          <Time iso={item.last} />
        </>
      );
  }
}
