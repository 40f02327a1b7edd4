import { type ReactNode, useEffect } from "react";
import { ApiError } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { assessmentsApi } from "../api/workspace.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { Timeline, type TimelineItem } from "../ui/charts.js";
import { type Column, DataTable } from "../ui/DataTable.js";
import { londonToday } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { ActionResult, useAction } from "../ui/use-action.js";
import { type Deadline, deadlinesOf, downloadCalendar } from "./deadlines.js";

const statusWords: Record<string, string> = {
  overdue: "Overdue",
  "due-soon": "Due soon",
  upcoming: "Upcoming",
  met: "Met",
};

/** Adds days to a YYYY-MM-DD date. */
function plusDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The Calendar: a party's deadlines and assessment cycle on a timeline, and as a calendar file. */
export function CalendarPage(): ReactNode {
  useEffect(() => {
    document.title = "Calendar · secg";
  }, []);
  const { party } = useParty();
  return (
    <>
      <h1>Calendar</h1>
      <p className="lede">
        Every dated Section G duty of the party, and its assessments, from a month ago to a year ahead.
      </p>
      {party ? <PartyCalendar party={party} /> : <NoPartyYet />}
    </>
  );
}

function PartyCalendar({ party }: { party: string }): ReactNode {
  const today = londonToday();
  const [deadlines, reload] = useResource(deadlinesOf(party, today));
  const [assessments] = useResource(assessmentsApi.list(party));
  const [download, run] = useAction();
  const scheduled: TimelineItem[] =
    assessments.status === "ok"
      ? assessments.data.assessments
          .filter((a) => a.scheduledFor)
          .map((a) => ({
            date: a.scheduledFor!,
            label: `${a.kind} assessment (${a.state})`,
            tone: "assessment",
          }))
      : [];
  return (
    <>
      <p>
        <button
          type="button"
          disabled={download.busy}
          onClick={() =>
            void run(async () => {
              await downloadCalendar(party, today);
              return "The calendar file (.ics) was downloaded: import it into your calendar.";
            })
          }
        >
          Download as a calendar (.ics)
        </button>
      </p>
      <ActionResult state={download} />
      <ResourceView resource={deadlines} what="deadlines" onRetry={reload}>
        {({ deadlines: list }) => (
          <>
            <Timeline
              title="Deadlines (circles; larger when overdue) and assessments (squares)"
              from={plusDays(today, -30)}
              to={plusDays(today, 365)}
              items={[...list.map((d) => ({ date: d.due, label: d.title, tone: d.status })), ...scheduled]}
            />
            <DeadlineTable deadlines={list} />
          </>
        )}
      </ResourceView>
      <AssessmentCycle
        party={party}
        items={scheduled}
        failed={assessments.status === "error" ? assessments.error : null}
      />
    </>
  );
}

const deadlineColumns: readonly Column<Deadline>[] = [
  { header: "Due", cell: (d) => d.due.replace("T", " ").replace("Z", " UTC"), sort: (d) => d.due },
  {
    header: "Duty",
    cell: (d) => (
      <>
        {d.title}
        <div className="hint">{d.basis}</div>
      </>
    ),
  },
  { header: "Clause", cell: (d) => d.clause, sort: (d) => d.clause, className: "clause-id" },
  { header: "For", cell: (d) => d.subject, sort: (d) => d.subject },
  {
    header: "Status",
    cell: (d) => (
      <>
        <span className={`due ${d.status}`}>{statusWords[d.status] ?? d.status}</span>
        {d.done ? ` (done ${d.done})` : ""}
      </>
    ),
    sort: (d) => d.status,
  },
];

function DeadlineTable({ deadlines }: { deadlines: readonly Deadline[] }): ReactNode {
  if (deadlines.length === 0) {
    return <p className="empty">No dated duty applies to this party. Check its roles on the Parties page.</p>;
  }
  return (
    <Section title="Deadlines" className="panel">
      <DataTable
        rows={deadlines}
        columns={deadlineColumns}
        rowKey={(d) => `${d.id}-${d.subject}-${d.due}`}
        caption="Deadlines, soonest first"
        empty=""
        initialSort={{ column: 0, descending: false }}
      />
    </Section>
  );
}

function AssessmentCycle({
  party,
  items,
  failed,
}: {
  party: string;
  items: readonly TimelineItem[];
  failed: Error | null;
}): ReactNode {
  return (
    <Section title="Assessment cycle" className="panel">
      {failed && !(failed instanceof ApiError && failed.status === 404) ? (
        <p className="error" role="alert">
          Could not load the assessments: {failed.message}.
        </p>
      ) : items.length === 0 ? (
        <p className="empty">
          No assessment is scheduled for {party}. Schedule one on the <a href="#/assurance">Assurance</a>{" "}
          page.
        </p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={`${item.date}-${item.label}`}>
              {item.date.slice(0, 10)}: {item.label}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
