/** Shared set-up of the control-run tests: a store with a User and the DCC, and a clock that moves. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { parseProfile } from "../../../src/obligations/profile.js";
import type { Clock } from "../../../src/workspace/clock.js";
import type { InputDocument } from "../../../src/workspace/controls/execute.js";
import { partiesOf } from "../../../src/workspace/parties.js";
import { registersOf } from "../../../src/workspace/registers/engine.js";
import type { Store } from "../../../src/workspace/store.js";
import { repoRoot } from "../../support/shared.js";
import { rowsOf } from "../backends.js";

/** A clock a minute further on at every reading, so runs and sightings have an order. */
export function steppingClock(start = "2025-06-02T09:00:00.000Z"): Clock {
  let next = Date.parse(start);
  return {
    now: () => {
      const now = new Date(next);
      next += 60_000;
      return now;
    },
    source: "test-stepping",
  };
}

export async function storeParties(store: Store): Promise<void> {
  const profiles = await Promise.all(
    ["small-supplier", "dcc"].map(async (name) =>
      parseProfile(await readFile(join(repoRoot, "test/fixtures/profiles", `${name}.yaml`), "utf8"), name),
    ),
  );
  await partiesOf(store.db, store.clock).putAll(profiles, { actor: "tester" });
}

export const baseline = (party: "user" | "dcc" = "user"): InputDocument => ({
  name: "baseline.yaml",
  text: [
    "system: web-1",
    `party: ${party}`,
    "packages:",
    "  - {name: openssl, version: 3.0.11-1~deb12u2}",
    "  - {name: nano, version: 7.2-1}",
    "software:",
    '  packages: ["openssl", "nano", "curl"]',
  ].join("\n"),
});

/** An inventory holding these packages (name → version), or none at all when `packages` is undefined. */
export function inventory(packages: Record<string, string> | undefined): InputDocument {
  return {
    name: "inventory.json",
    text: JSON.stringify({
      ...(packages === undefined
        ? { problems: [{ source: "packages", detail: "dpkg status unreadable" }] }
        : {
            packages: Object.entries(packages).map(([name, version]) => ({ name, version, manager: "dpkg" })),
          }),
    }),
  };
}

export const approved = { openssl: "3.0.11-1~deb12u2", nano: "7.2-1" };

export async function auditActions(store: Store): Promise<string[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`);
  return rows.map((row) => (JSON.parse(row.entry) as { action: string }).action);
}

/** The system web-1 in a party's systems register, with the fields given beside its identity. */
export async function putSystem(store: Store, party: string, fields: Record<string, unknown> = {}) {
  await registersOf(store.db, store.clock).put(
    party,
    "systems",
    { id: "web-1", name: "Web server", kind: "user-system", status: "planned", ...fields },
    { actor: "tester" },
  );
}

/** The `baseline()` document's packages as approved items of web-1 in the inventory register. */
export async function putApprovedPackages(store: Store, party: string) {
  const registers = registersOf(store.db, store.clock);
  for (const [name, version] of Object.entries(approved))
    await registers.put(
      party,
      "inventory",
      { id: `web-1.${name}`, system: "web-1", kind: "software", name, version, observedAs: "package" },
      { actor: "tester" },
    );
}
