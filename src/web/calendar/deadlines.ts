/**
 * A stored party's deadlines. The deadlines API computes from a posted profile (it holds no
 * state), so the dashboard fetches the stored profile and the peers it names, then asks.
 */
import { type Endpoint, request, requestBlob, seg } from "../api/client.js";
import type { Json } from "../api/workspace.js";

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

type StoredParty = { readonly profile: Json };

/** The parties a profile refers to for shared resources (G10): the API needs their profiles too. */
export function peersNamed(profile: Json): string[] {
  const shared = profile.sharedResources as { providedBy?: string; sharedWith?: string[] } | undefined;
  return [...new Set([shared?.providedBy, ...(shared?.sharedWith ?? [])].filter((id): id is string => !!id))];
}

async function deadlinesBody(party: string, on: string, signal?: AbortSignal): Promise<Json> {
  const options = signal ? { signal } : {};
  const { profile } = await request<StoredParty>("GET", `/api/parties/${seg(party)}`, options);
  const peers = await Promise.all(
    peersNamed(profile).map(
      async (id) => (await request<StoredParty>("GET", `/api/parties/${seg(id)}`, options)).profile,
    ),
  );
  return { profile, peers, on };
}

export function deadlinesOf(party: string, on: string): Endpoint<{ deadlines: Deadline[] }> {
  return {
    url: `deadlines:${party}:${on}`,
    load: async (signal) =>
      request<{ deadlines: Deadline[] }>("POST", "/api/deadlines", {
        signal,
        body: await deadlinesBody(party, on, signal),
      }),
  };
}

/** The same deadlines as an iCalendar file, saved by the browser. */
export async function downloadCalendar(party: string, on: string): Promise<void> {
  const blob = await requestBlob("POST", "/api/deadlines.ics", { body: await deadlinesBody(party, on) });
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
