import { type ReactNode, useEffect } from "react";
import { ApiError } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { assessmentsApi } from "../api/workspace.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { Timeline, type TimelineItem } from "../ui/charts.js";
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

function DeadlineTable({ deadlines }: { deadlines: readonly Deadline[] }): ReactNode {
  if (deadlines.length === 0) {
    return <p className="empty">No dated duty applies to this party. Check its roles on the Parties page.</p>;
  }
  const sorted = [...deadlines].sort((a, b) => a.due.localeCompare(b.due));
  return (
    <Section title="Deadlines" className="panel">
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Due</th>
              <th scope="col">Duty</th>
              <th scope="col">Clause</th>
              <th scope="col">For</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((d) => (
              <tr key={`${d.id}-${d.subject}-${d.due}`}>
                <td>{d.due.replace("T", " ").replace("Z", " UTC")}</td>
                <td>
                  {d.title}
                  <div className="hint">{d.basis}</div>
                </td>
                <td className="clause-id">{d.clause}</td>
                <td>{d.subject}</td>
                <td>
                  <span className={`due ${d.status}`}>{statusWords[d.status] ?? d.status}</span>
                  {d.done ? ` (done ${d.done})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
