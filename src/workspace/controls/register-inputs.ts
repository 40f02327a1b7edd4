/**
 * The registers as the source of a control's approved state: a system's baseline (its inventory
 * items observed as packages, OS, kernel, firmware and services, with the software allowlist of
 * its systems record) and its ports allowlist. What was read is named in the run's evidence — the
 * systems record's version and SHA-256, and the SHA-256 of the inventory items used — so the
 * evidence says which approved baseline held when the control ran.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { canonicalSha256 } from "../../common/canonical-json.js";
import { InputError } from "../../common/input-error.js";
import type { Baseline } from "../../controls/host/baseline.js";
import type { Database } from "../database.js";
import { registerDefinitions } from "../registers/index.js";
import { baselineOf, type InventoryRecord } from "../registers/inventory.js";
import { allowlistOf, type SystemRecord } from "../registers/systems.js";
import { registerRecords } from "../registers/tables.js";
import { type ControlRequest, isComplete, type RunRequest } from "./execute.js";

/** Which register records a run's baseline or allowlist came from. */
export type RegisterBasis = {
  readonly systems: { readonly id: string; readonly version: number; readonly sha256: string };
  /** The system's inventory items used as its baseline: how many, and the SHA-256 of their RFC 8785 JSON (sorted by id). */
  readonly inventory?: { readonly items: number; readonly sha256: string; readonly lastChanged: string };
};

/** A baseline or allowlist read from the registers, with the records it came from. */
export type Approved<T> = { readonly approved: T; readonly basis: RegisterBasis };

/**
 * The request with its baseline or allowlist taken from the party's registers when it names none
 * (a run that names only a system). `duty` is the party's side (DCC or User), which a register
 * baseline serves. A system the registers do not know, or know without an approved baseline or
 * allowlist, is refused: the run becomes an error run, never a run with nothing to deviate from.
 */
export async function resolveFromRegisters(
  db: Database,
  party: string,
  duty: Baseline["party"],
  system: string | undefined,
  request: RunRequest,
): Promise<ControlRequest> {
  if (isComplete(request)) return request;
  const what = request.control === "drift" ? "baseline" : "allowlist";
  if (system === undefined)
    throw new InputError(
      { path: "system" },
      `a system whose ${what} the registers hold, or a ${what} document`,
    );
  const held = await systemRecord(db, party, system);
  if (request.control === "ports") {
    if (held.record.ports.length === 0)
      throw new InputError(
        { path: "system" },
        `a ports allowlist for ${system} (its ports in the systems register are empty)`,
      );
    return { ...request, allowlist: { approved: allowlistOf(held.record), basis: { systems: held.basis } } };
  }
  const items = await inventoryOf(db, party, system);
  const baseline = baselineOf(held.record, items.records, duty);
  if (!baseline)
    throw new InputError(
      { path: "system" },
      `an approved baseline for ${system} (the inventory register approves no package for it: approve one with secg control baseline approve)`,
    );
  return {
    ...request,
    baseline: { approved: baseline, basis: { systems: held.basis, inventory: items.basis } },
  };
}

async function systemRecord(db: Database, party: string, id: string) {
  const [row] = await db
    .select()
    .from(registerRecords)
    .where(
      and(
        eq(registerRecords.party, party),
        eq(registerRecords.register, "systems"),
        eq(registerRecords.id, id),
      ),
    );
  if (!row)
    throw new InputError(
      { path: "system" },
      `a system in the systems register (there is none with id "${id}")`,
    );
  return {
    record: registerDefinitions.systems.schema.parse(row.record) as SystemRecord,
    basis: { id, version: row.version, sha256: row.sha256 },
  };
}

/** The system's inventory items observed on the host: the records its baseline is made of. */
export async function inventoryOf(db: Database, party: string, system: string) {
  const rows = await db
    .select()
    .from(registerRecords)
    .where(
      and(
        eq(registerRecords.party, party),
        eq(registerRecords.register, "inventory"),
        sql`${registerRecords.record}->>'system' = ${system}`,
        sql`${registerRecords.record}->>'observedAs' is not null`,
      ),
    )
    .orderBy(asc(registerRecords.id));
  const records = rows.map(
    (row) => registerDefinitions.inventory.schema.parse(row.record) as InventoryRecord,
  );
  const lastChanged = rows.reduce(
    (latest, row) => (row.updatedAt > latest ? row.updatedAt : latest),
    new Date(0),
  );
  return {
    records,
    basis: {
      items: records.length,
      sha256: canonicalSha256(records),
      lastChanged: lastChanged.toISOString(),
    },
  };
}
