/**
 * The facts about parties that access decisions need from the store: which parties are the DCC
 * (its members read every party's quarantine), and which party a smart metering User ID belongs
 * to (a quarantined Service Request belongs to the party whose profile lists its User ID).
 */
import { sql } from "drizzle-orm";
import type { Database } from "../database.js";
import { parties } from "../schema.js";

/** Ids of the parties whose profile kind is "dcc". */
export async function dccParties(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: parties.id })
    .from(parties)
    .where(sql`${parties.profile} ->> 'kind' = 'dcc'`);
  return rows.map((row) => row.id);
}

/**
 * Every User ID listed in a stored profile, mapped to the party listing it; should two profiles
 * list one User ID, the first party by id owns it, as in partyOfUserId.
 */
export async function partiesByUserId(db: Database): Promise<Map<string, string>> {
  const userId = sql<string>`jsonb_path_query(${parties.profile}, '$.roles[*].userIds[*]') #>> '{}'`;
  const rows = await db.select({ id: parties.id, userId }).from(parties).orderBy(parties.id);
  const owners = new Map<string, string>();
  for (const row of rows) if (!owners.has(row.userId)) owners.set(row.userId, row.id);
  return owners;
}

/** The party whose profile lists the User ID, if any. */
export async function partyOfUserId(db: Database, userId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: parties.id })
    .from(parties)
    .where(
      sql`exists (select 1 from jsonb_array_elements(${parties.profile} -> 'roles') as role
                  where role -> 'userIds' @> jsonb_build_array(${userId}::text))`,
    )
    .orderBy(parties.id)
    .limit(1);
  return row?.id;
}
