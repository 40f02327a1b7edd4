/**
 * The parties register: each SEC Party's profile as validated (defaults filled in), so the API and
 * the dashboard can answer "what binds this party on this date" without the profile files. A
 * batch of profiles is stored in one transaction with one audit entry per change: a failed
 * import leaves nothing behind, and storing a profile identical to the one held changes nothing.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import { canonicalSha256 } from "../common/canonical-json.js";
import { InputError } from "../common/input-error.js";
import {
  applicableObligations,
  codeVersionOn,
  type Obligation,
  type ObligationsAnswer,
} from "../obligations/applicability/applicable.js";
import { parseIsoDate } from "../obligations/calendar/iso-date.js";
import { entryOn } from "../obligations/catalogue/index.js";
import { type PartyProfile, profileSchema, type UserRole } from "../obligations/profile.js";
import { appendAudit, auditSchemaVersion, type Origin } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Database } from "./database.js";
import { parties } from "./schema.js";

export type StoredParty = {
  readonly id: string;
  readonly name: string;
  readonly profile: PartyProfile;
  /** ISO 8601 instants. */
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type PutOutcome = "created" | "updated" | "unchanged";

export type PutResult = { readonly party: StoredParty; readonly outcome: PutOutcome };

/** What starts and stops binding one holder (the party as such, or one role) between two dates. */
export type ObligationsChange = {
  readonly starts: readonly Obligation[];
  readonly stops: readonly Obligation[];
  /** Binding on both dates, but for other reasons or under a catalogue entry that was rewritten. */
  readonly changed: readonly ChangedObligation[];
};

export type ChangedObligation = {
  readonly id: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** The catalogue's entry for the clause differs between the two Code versions (e.g. G3.20 by DP087). */
  readonly entryChanged: boolean;
};

export type ObligationsDiff = {
  readonly party: string;
  readonly from: Pick<ObligationsAnswer, "on" | "codeVersion">;
  readonly to: Pick<ObligationsAnswer, "on" | "codeVersion">;
  readonly partyObligations: ObligationsChange;
  readonly roles: readonly ({ readonly role: UserRole } & ObligationsChange)[];
};

export type Parties = {
  /** Stores or updates every profile, all in one transaction; ids must be distinct. */
  readonly putAll: (profiles: readonly PartyProfile[], origin: Origin) => Promise<PutResult[]>;
  readonly list: () => Promise<StoredParty[]>;
  readonly get: (id: string) => Promise<StoredParty | undefined>;
  /** Every stored profile by id: the peers the rules look in for shared resources (G8.43, G8.46, G8.63). */
  readonly peers: () => Promise<Map<string, PartyProfile>>;
  /** The obligations of a stored party on a date, with every stored party as its peers. */
  readonly obligationsOf: (id: string, on: string) => Promise<ObligationsAnswer | undefined>;
  readonly obligationsDiff: (id: string, from: string, to: string) => Promise<ObligationsDiff | undefined>;
};

// Party writes queue on this lock, so two imports of the same new id never both try to insert it.
const partiesLock = 0x5ec6_0040;

export function partiesOf(db: Database, clock: Clock): Parties {
  const list = async () => (await db.select().from(parties).orderBy(asc(parties.id))).map(stored);
  const get = async (id: string) => {
    const [row] = await db.select().from(parties).where(eq(parties.id, id));
    return row && stored(row);
  };
  const peers = async () => new Map((await list()).map((party) => [party.id, party.profile]));
  const obligationsOf = async (id: string, on: string) => {
    const party = await get(id);
    return party && applicableObligations(party.profile, await peers(), parseIsoDate(on, { path: "on" }));
  };
  return {
    putAll: (profiles, origin) => putAll(db, clock, profiles, origin),
    list,
    get,
    peers,
    obligationsOf,
    obligationsDiff: async (id, from, to) => {
      const fromDate = parseIsoDate(from, { path: "from" });
      const toDate = parseIsoDate(to, { path: "to" });
      codeVersionOn(fromDate, "from");
      if (fromDate >= toDate) throw new InputError({ path: "to" }, `a date after ${fromDate}`);
      const party = await get(id);
      if (!party) return undefined;
      const all = await peers();
      return obligationsDiff(
        applicableObligations(party.profile, all, fromDate),
        applicableObligations(party.profile, all, toDate),
      );
    },
  };
}

async function putAll(
  db: Database,
  clock: Clock,
  profiles: readonly PartyProfile[],
  origin: Origin,
): Promise<PutResult[]> {
  const seen = new Set<string>();
  profiles.forEach((profile, index) => {
    if (seen.has(profile.id)) {
      throw new InputError(
        { path: `[${index}].id` },
        `a party id not given twice in one import ("${profile.id}" is)`,
      );
    }
    seen.add(profile.id);
  });
  if (profiles.length === 0) return [];

  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${partiesLock})`);
    const existing = new Map(
      (
        await tx
          .select()
          .from(parties)
          .where(
            inArray(
              parties.id,
              profiles.map((p) => p.id),
            ),
          )
      ).map((row) => [row.id, row]),
    );
    const now = clock.now();
    const results: PutResult[] = [];
    for (const profile of profiles) {
      const before = existing.get(profile.id);
      const sha256 = profileSha256(profile);
      if (before && profileSha256(before.profile) === sha256) {
        results.push({ party: stored(before), outcome: "unchanged" });
        continue;
      }
      const values = { id: profile.id, name: profile.name, profile, updatedAt: now };
      const [row] = before
        ? await tx.update(parties).set(values).where(eq(parties.id, profile.id)).returning()
        : await tx
            .insert(parties)
            .values({ ...values, createdAt: now })
            .returning();
      const outcome: PutOutcome = before ? "updated" : "created";
      await appendAudit(tx, {
        ...origin,
        action: `party.${before ? "update" : "create"}`,
        target: `party:${profile.id}`,
        outcome: "success",
        time: now.toISOString(),
        timeSource: clock.source,
        schemaVersion: auditSchemaVersion,
        detail: {
          id: profile.id,
          name: profile.name,
          profileSha256: sha256,
          ...(before ? { previousSha256: profileSha256(before.profile) } : {}),
        },
      });
      results.push({ party: stored(row!), outcome });
    }
    return results;
  });
}

/** Hash of the canonical JSON (RFC 8785): the database's jsonb key order does not count. */
export function profileSha256(profile: PartyProfile): string {
  return canonicalSha256(profile);
}

function stored(row: typeof parties.$inferSelect): StoredParty {
  return {
    id: row.id,
    name: row.name,
    // Re-read through the schema: jsonb keeps keys in its own order, people expect the contract's.
    profile: profileSchema.parse(row.profile),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Obligations are compared by id; the reasons given are those of the date on which each holds. */
export function obligationsDiff(from: ObligationsAnswer, to: ObligationsAnswer): ObligationsDiff {
  const entryChanged = (id: string) => {
    const clause = id.replace(/\(.*$/, "");
    return entryOn(clause, from.codeVersion.label) !== entryOn(clause, to.codeVersion.label);
  };
  const change = (before: readonly Obligation[], after: readonly Obligation[]): ObligationsChange => {
    const beforeById = new Map(before.map((o) => [o.id, o]));
    const afterIds = new Set(after.map((o) => o.id));
    const changed: ChangedObligation[] = [];
    for (const o of after) {
      const old = beforeById.get(o.id);
      if (old === undefined) continue;
      const rewritten = entryChanged(o.id);
      if (rewritten || old.because.join("\n") !== o.because.join("\n")) {
        changed.push({ id: o.id, before: old.because, after: o.because, entryChanged: rewritten });
      }
    }
    return {
      starts: after.filter((o) => !beforeById.has(o.id)),
      stops: before.filter((o) => !afterIds.has(o.id)),
      changed,
    };
  };
  return {
    party: to.party,
    from: { on: from.on, codeVersion: from.codeVersion },
    to: { on: to.on, codeVersion: to.codeVersion },
    partyObligations: change(from.partyObligations, to.partyObligations),
    roles: to.roles.map((role) => ({
      role: role.role,
      ...change(from.roles.find((r) => r.role === role.role)?.obligations ?? [], role.obligations),
    })),
  };
}
