/**
 * One party's view of the audit log, newest first: what its auditor (and owner and security
 * officer) may read of the log without seeing another party's records. An entry belongs to party P
 * when the entry itself says so (docs/access.md, "A party's audit log"):
 * - `detail.party` is P (every request to a route of P, findings decisions, register changes);
 * - its target is `party:P` (the profile, control runs, rule checks, observed findings), or starts
 *   with `register:P/` or `workflow:P/`;
 * - it is about a quarantined Service Request (`service-request:…`) whose User ID belongs to P, as
 *   the quarantine decides it today (tenancy.ts: the first party by id whose profile lists it).
 * Sign-ins, user administration and checkpoints belong to no party; pruned entries have no text
 * and are not shown.
 */
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { partiesByUserId } from "./access/tenancy.js";
import type { AuditEvent } from "./audit.js";
import type { Database } from "./database.js";
import { type ReviewedEntry, reviewed } from "./review.js";
import { auditEntries } from "./schema.js";

export type PartyEntriesQuery = {
  readonly party: string;
  /** Entries whose time is at or after `since` and before `until`. */
  readonly since?: Date | undefined;
  readonly until?: Date | undefined;
  /** Dotted action prefix, e.g. "register" or "api.request". */
  readonly action?: string | undefined;
  readonly outcome?: AuditEvent["outcome"] | undefined;
  readonly actor?: string | undefined;
  /** The `next` of the previous page: only entries older than it (by seq). */
  readonly cursor?: number | undefined;
  readonly limit: number;
};

export type PartyEntries = {
  readonly entries: readonly ReviewedEntry[];
  /** The cursor of the following page; null on the last. */
  readonly next: number | null;
};

const field = (path: string) => sql<string | null>`(${auditEntries.entry}::jsonb #>> ${`{${path}}`})`;

/** The entries of one party that match the filters, newest first, at most `limit` of them. */
export async function partyAuditEntries(db: Database, query: PartyEntriesQuery): Promise<PartyEntries> {
  const userIds = [...(await partiesByUserId(db))].filter(([, party]) => party === query.party);
  const target = field("target");
  const belongs = sql`(${field("detail,party")} = ${query.party}
    or ${target} = ${`party:${query.party}`}
    or starts_with(${target}, ${`register:${query.party}/`})
    or starts_with(${target}, ${`workflow:${query.party}/`})
    ${
      userIds.length === 0
        ? sql``
        : sql`or (starts_with(${target}, 'service-request:') and ${field("detail,userId")} in (${sql.join(
            userIds.map(([userId]) => sql`${userId}`),
            sql`, `,
          )}))`
    })`;
  const conditions: SQL[] = [sql`${auditEntries.entry} is not null`, belongs];
  const time = field("time");
  if (query.since) conditions.push(gte(time, query.since.toISOString()));
  if (query.until) conditions.push(lt(time, query.until.toISOString()));
  if (query.action) conditions.push(sql`starts_with(${field("action")}, ${query.action})`);
  if (query.outcome) conditions.push(eq(field("outcome"), query.outcome));
  if (query.actor) conditions.push(eq(field("actor"), query.actor));
  if (query.cursor !== undefined) conditions.push(lt(auditEntries.seq, query.cursor));
  const rows = await db
    .select({ seq: auditEntries.seq, entry: auditEntries.entry })
    .from(auditEntries)
    .where(and(...conditions))
    .orderBy(desc(auditEntries.seq))
    .limit(query.limit + 1);
  const page = rows
    .slice(0, query.limit)
    .flatMap((row) => (row.entry === null ? [] : [reviewed(row.seq, row.entry)]));
  return { entries: page, next: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null };
}
