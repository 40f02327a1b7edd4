/**
 * The regular review of the audit log (G2.26): over a period, what was refused (G2.6(b)), which
 * logins failed and which accounts were locked out, and activity worth a second look — bursts of
 * refusals from one actor or address, a user appearing from an address they never used before,
 * and users active outside working hours. The review reads the log; it changes nothing.
 */
import { and, asc, gte, lt, sql } from "drizzle-orm";
import { InputError } from "../common/input-error.js";
import { pushTo } from "../common/multimap.js";
import { isIsoDate } from "../obligations/calendar/iso-date.js";
import type { AuditEvent, JsonValue } from "./audit.js";
import type { Database } from "./database.js";
import { auditEntries } from "./schema.js";

export type ReviewThresholds = {
  /** This many refusals from one actor, or from one address, within `burstMinutes` is a burst. */
  readonly burstCount: number;
  readonly burstMinutes: number;
  /** Working hours in `timeZone`: from `startHour` (inclusive) to `endHour` (exclusive), on `workingDays` (1 = Monday). */
  readonly timeZone: string;
  readonly startHour: number;
  readonly endHour: number;
  readonly workingDays: readonly number[];
};

export const defaultReviewThresholds: ReviewThresholds = {
  burstCount: 5,
  burstMinutes: 10,
  timeZone: "Europe/London",
  startHour: 7,
  endHour: 19,
  workingDays: [1, 2, 3, 4, 5],
};

/**
 * Thresholds from optional textual settings over the defaults: `burst` as COUNT/MINUTES (e.g.
 * "5/10") and `hours` as START-END in whole hours (e.g. "7-19"); `where` names each in errors.
 */
export function reviewThresholds(
  settings: { readonly burst?: string | undefined; readonly hours?: string | undefined },
  where: { readonly burst: string; readonly hours: string } = { burst: "burst", hours: "hours" },
): ReviewThresholds {
  let thresholds = defaultReviewThresholds;
  if (settings.burst !== undefined) {
    const [count, minutes] = wholeNumbers(settings.burst, "/", where.burst, "COUNT/MINUTES like 5/10");
    if (count < 2 || minutes < 1) {
      throw new InputError(
        { path: where.burst },
        `at least 2 refusals within at least 1 minute (got ${settings.burst})`,
      );
    }
    thresholds = { ...thresholds, burstCount: count, burstMinutes: minutes };
  }
  if (settings.hours !== undefined) {
    const [start, end] = wholeNumbers(settings.hours, "-", where.hours, "START-END hours like 7-19");
    if (start >= end || end > 24) {
      throw new InputError(
        { path: where.hours },
        `hours from 0 to 24 with START before END (got ${settings.hours})`,
      );
    }
    thresholds = { ...thresholds, startHour: start, endHour: end };
  }
  return thresholds;
}

function wholeNumbers(text: string, separator: string, path: string, expected: string): [number, number] {
  const match = new RegExp(`^(\\d{1,4})${separator}(\\d{1,4})$`).exec(text);
  if (!match) throw new InputError({ path }, `${expected} (got ${JSON.stringify(text)})`);
  return [Number(match[1]), Number(match[2])];
}

/** One audit entry as the review shows it. */
export type ReviewedEntry = {
  readonly seq: number;
  readonly time: string;
  readonly actor: string;
  readonly clientAddress: string | null;
  readonly action: string;
  readonly target: string;
  readonly outcome: AuditEvent["outcome"];
  readonly detail: { readonly [key: string]: JsonValue };
};

export type FailedLogin = ReviewedEntry & { readonly kind: "failed" | "locked-out" };

export type Unusual =
  | {
      readonly kind: "denial-burst";
      readonly by: "actor" | "address";
      readonly who: string;
      readonly count: number;
      readonly from: string;
      readonly to: string;
    }
  | {
      readonly kind: "new-address";
      readonly actor: string;
      readonly clientAddress: string;
      readonly firstSeen: string;
    }
  | {
      readonly kind: "outside-hours";
      readonly actor: string;
      readonly count: number;
      readonly first: string;
      readonly last: string;
    };

export type Review = {
  readonly since: string;
  readonly until: string;
  readonly entries: number;
  readonly denied: readonly ReviewedEntry[];
  readonly failedLogins: readonly FailedLogin[];
  readonly unusual: readonly Unusual[];
};

export type ReviewPeriod = { readonly since: Date; readonly until: Date };

/** Without a start, the review covers the week before its end (by default, now). */
export const defaultReviewDays = 7;

/**
 * The period from optional bounds, each a date (YYYY-MM-DD, from midnight UTC) or an ISO 8601
 * instant with its offset; `where` names the option or parameter of each bound in errors.
 */
export function reviewPeriod(
  bounds: { readonly since?: string | undefined; readonly until?: string | undefined },
  now: Date,
  where: { readonly since: string; readonly until: string } = { since: "since", until: "until" },
): ReviewPeriod {
  const until = bounds.until === undefined ? now : instant(bounds.until, where.until);
  const since =
    bounds.since === undefined
      ? new Date(until.getTime() - defaultReviewDays * 86_400_000)
      : instant(bounds.since, where.since);
  if (since.getTime() >= until.getTime()) {
    throw new InputError(
      { path: where.since },
      `a start before the end of the period (${until.toISOString()})`,
    );
  }
  return { since, until };
}

const instantPattern = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/** A date (YYYY-MM-DD, midnight UTC) or an ISO 8601 instant with its offset; `path` names it in errors. */
export function instant(text: string, path: string): Date {
  const parsed =
    instantPattern.test(text) && isIsoDate(text.slice(0, 10))
      ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text)
      : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime())) {
    throw new InputError(
      { path },
      `a date YYYY-MM-DD or an instant like 2025-06-01T08:00:00Z (got ${JSON.stringify(text)})`,
    );
  }
  return parsed;
}

// Failed logins are recorded by the authentication service; the refused request to the login
// route that carried them would report each one twice.
const loginRoute = "route:POST /api/auth/login";

/** Reviews the entries whose time lies in [since, until). */
export async function reviewAuditLog(
  db: Database,
  period: ReviewPeriod,
  thresholds: ReviewThresholds = defaultReviewThresholds,
): Promise<Review> {
  const since = period.since.toISOString();
  const until = period.until.toISOString();
  // Entry times are ISO 8601 instants in UTC of one width, so text order is time order.
  const time = sql<string>`(${auditEntries.entry}::jsonb ->> 'time')`;
  const rows = await db
    .select({ seq: auditEntries.seq, entry: auditEntries.entry })
    .from(auditEntries)
    .where(and(gte(time, since), lt(time, until)))
    .orderBy(asc(time), asc(auditEntries.seq));
  // A pruned entry (text NULL, ./audit-log/retention.ts) has no time, so the period leaves it out.
  const entries = rows.flatMap((row) => (row.entry === null ? [] : [reviewed(row.seq, row.entry)]));
  const seenBefore = await addressesBefore(db, since);

  const denied = entries.filter((e) => e.outcome === "denied" && e.target !== loginRoute);
  const failedLogins: FailedLogin[] = entries.flatMap((e): FailedLogin[] => {
    if (e.action === "auth.login" && e.outcome === "failure") return [{ ...e, kind: "failed" }];
    if (e.action === "auth.lockout") return [{ ...e, kind: "locked-out" }];
    return [];
  });
  const refusals = [...denied, ...failedLogins.filter((e) => e.kind === "failed")].sort(byTime);
  return {
    since,
    until,
    entries: entries.length,
    denied,
    failedLogins,
    unusual: [
      ...bursts(refusals, "actor", thresholds),
      ...bursts(refusals, "address", thresholds),
      ...newAddresses(entries, seenBefore),
      ...outsideHours(entries, thresholds),
    ],
  };
}

/** An entry's canonical text as the review (and the per-party view, ./party-audit.ts) shows it. */
export function reviewed(seq: number, text: string): ReviewedEntry {
  const event = JSON.parse(text) as AuditEvent;
  return {
    seq,
    time: event.time,
    actor: event.actor,
    clientAddress: event.clientAddress ?? null,
    action: event.action,
    target: event.target,
    outcome: event.outcome,
    detail: event.detail ?? {},
  };
}

function byTime(a: ReviewedEntry, b: ReviewedEntry): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : a.seq - b.seq;
}

/** Entries grouped by a key, in their order; entries without a key are left out. */
function groupBy(
  entries: readonly ReviewedEntry[],
  key: (entry: ReviewedEntry) => string | null,
): Map<string, ReviewedEntry[]> {
  const groups = new Map<string, ReviewedEntry[]>();
  for (const entry of entries) {
    const k = key(entry);
    if (k !== null) pushTo(groups, k, entry);
  }
  return groups;
}

function isUser(actor: string): boolean {
  return actor.startsWith("user:");
}

/** Each user's client addresses seen before the period. */
async function addressesBefore(db: Database, since: string): Promise<Map<string, Set<string>>> {
  const actor = sql<string>`(${auditEntries.entry}::jsonb ->> 'actor')`;
  const address = sql<string | null>`(${auditEntries.entry}::jsonb ->> 'clientAddress')`;
  const rows = await db
    .selectDistinct({ actor, address })
    .from(auditEntries)
    .where(and(lt(sql`(${auditEntries.entry}::jsonb ->> 'time')`, since), sql`${actor} like 'user:%'`));
  const seen = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.address === null) continue;
    const addresses = seen.get(row.actor) ?? new Set<string>();
    addresses.add(row.address);
    seen.set(row.actor, addresses);
  }
  return seen;
}

/** Runs of at least burstCount refusals from one actor or address within burstMinutes; overlapping runs merge. */
function bursts(refusals: readonly ReviewedEntry[], by: "actor" | "address", t: ReviewThresholds): Unusual[] {
  const groups = groupBy(refusals, (entry) => (by === "actor" ? entry.actor : entry.clientAddress));
  const windowMs = t.burstMinutes * 60_000;
  const found: Unusual[] = [];
  for (const [who, list] of groups) {
    const runs: { start: number; end: number }[] = [];
    for (let end = t.burstCount - 1; end < list.length; end += 1) {
      const start = end - t.burstCount + 1;
      if (Date.parse(list[end]!.time) - Date.parse(list[start]!.time) > windowMs) continue;
      const last = runs.at(-1);
      if (last !== undefined && start <= last.end) last.end = end;
      else runs.push({ start, end });
    }
    for (const { start, end } of runs) {
      found.push({
        kind: "denial-burst",
        by,
        who,
        count: end - start + 1,
        from: list[start]!.time,
        to: list[end]!.time,
      });
    }
  }
  return found;
}

/** A known user acting from an address not seen from them before; a user's very first address is not news. */
function newAddresses(entries: readonly ReviewedEntry[], seenBefore: Map<string, Set<string>>): Unusual[] {
  const seen = new Map([...seenBefore].map(([actor, addresses]) => [actor, new Set(addresses)]));
  const found: Unusual[] = [];
  for (const entry of entries) {
    if (!isUser(entry.actor) || entry.clientAddress === null) continue;
    const addresses = seen.get(entry.actor);
    if (addresses === undefined) {
      seen.set(entry.actor, new Set([entry.clientAddress]));
    } else if (!addresses.has(entry.clientAddress)) {
      addresses.add(entry.clientAddress);
      found.push({
        kind: "new-address",
        actor: entry.actor,
        clientAddress: entry.clientAddress,
        firstSeen: entry.time,
      });
    }
  }
  return found;
}

/** Users' activity outside working hours, one finding per user. */
function outsideHours(entries: readonly ReviewedEntry[], t: ReviewThresholds): Unusual[] {
  const local = new Intl.DateTimeFormat("en-GB", {
    timeZone: t.timeZone,
    weekday: "short",
    hour: "2-digit",
    hourCycle: "h23",
  });
  const weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  const inHours = (entry: ReviewedEntry): boolean => {
    const parts = local.formatToParts(new Date(entry.time));
    const day = weekdays.indexOf(parts.find((p) => p.type === "weekday")?.value ?? "") + 1;
    const hour = Number(parts.find((p) => p.type === "hour")?.value);
    return t.workingDays.includes(day) && hour >= t.startHour && hour < t.endHour;
  };
  const outside = groupBy(
    entries.filter((entry) => isUser(entry.actor) && !inHours(entry)),
    (entry) => entry.actor,
  );
  return [...outside].map(([actor, list]) => ({
    kind: "outside-hours" as const,
    actor,
    count: list.length,
    first: list[0]!.time,
    last: list.at(-1)!.time,
  }));
}
