import { g1 } from "./g1.js";
import { g2 } from "./g2.js";
import { g3 } from "./g3.js";
import { g4 } from "./g4.js";
import { g5 } from "./g5.js";
import { g6 } from "./g6.js";
import { g7 } from "./g7.js";
import { g8 } from "./g8.js";
import { g9 } from "./g9.js";
import { g10 } from "./g10.js";
import { g11 } from "./g11.js";
import { g12 } from "./g12.js";
import type { CatalogueEntry, CodeVersionLabel } from "./types.js";
import { versionIndex } from "./versions.js";

/** The whole catalogue: the twelve parts of Section G in order, each part in clause order. */
export const catalogue: readonly CatalogueEntry[] = [
  ...g1,
  ...g2,
  ...g3,
  ...g4,
  ...g5,
  ...g6,
  ...g7,
  ...g8,
  ...g9,
  ...g10,
  ...g11,
  ...g12,
];

const byClause = new Map<string, CatalogueEntry[]>();
for (const entry of catalogue) {
  const list = byClause.get(entry.clause);
  if (list) list.push(entry);
  else byClause.set(entry.clause, [entry]);
}

/** Every entry for a clause, across all versions, oldest first as written. */
export function entriesFor(clause: string): readonly CatalogueEntry[] {
  return byClause.get(clause) ?? [];
}

/** True when the entry holds under the version: from `since` up to, not including, `until`. */
export function holdsAt(entry: CatalogueEntry, version: CodeVersionLabel): boolean {
  const at = versionIndex(version);
  return versionIndex(entry.since) <= at && (entry.until === undefined || at < versionIndex(entry.until));
}

/** The entry for a clause under a version, or undefined when the clause has none then. */
export function entryOn(clause: string, version: CodeVersionLabel): CatalogueEntry | undefined {
  return entriesFor(clause).find((entry) => holdsAt(entry, version));
}

/** The catalogue as it stands under one version, in clause order. */
export function catalogueOn(version: CodeVersionLabel): readonly CatalogueEntry[] {
  return catalogue.filter((entry) => holdsAt(entry, version));
}
