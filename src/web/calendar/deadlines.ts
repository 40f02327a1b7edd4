/**
 * A stored party's deadlines, which the server computes from the party's stored profile, registers
 * and assessments (GET /api/parties/:party/deadlines).
 */
import { type Endpoint, request, requestBlob, seg } from "../api/client.js";

export type DeadlineStatus = "upcoming" | "due-soon" | "overdue" | "met";

export type Deadline = {
  readonly id: string;
  readonly clause: string;
  readonly title: string;
  readonly due: string;
  readonly basis: string;
  readonly status: DeadlineStatus;
  readonly subject: string;
  readonly done?: string;
};

function deadlinesUrl(party: string, on: string, file = "deadlines"): string {
  return `/api/parties/${seg(party)}/${file}?on=${encodeURIComponent(on)}`;
}

export function deadlinesOf(party: string, on: string): Endpoint<{ deadlines: Deadline[] }> {
  const url = deadlinesUrl(party, on);
  return { url, load: (signal) => request<{ deadlines: Deadline[] }>("GET", url, { signal }) };
}

/** The same deadlines as an iCalendar file, saved by the browser. */
export async function downloadCalendar(party: string, on: string): Promise<void> {
  const blob = await requestBlob("GET", deadlinesUrl(party, on, "deadlines.ics"));
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `secg-${party}-deadlines.ics`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Deadlines still to meet, soonest first. */
export function openDeadlines(deadlines: readonly Deadline[]): Deadline[] {
  return deadlines.filter((d) => d.status !== "met").sort((a, b) => a.due.localeCompare(b.due));
}
