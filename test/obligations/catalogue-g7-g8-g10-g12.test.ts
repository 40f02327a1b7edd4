import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { g7 } from "../../src/obligations/catalogue/g7.js";
import { g8 } from "../../src/obligations/catalogue/g8.js";
import { g10 } from "../../src/obligations/catalogue/g10.js";
import { g12 } from "../../src/obligations/catalogue/g12.js";
import type { CatalogueEntry, DutyEntry } from "../../src/obligations/catalogue/types.js";
import { codeVersions, versionIndex } from "../../src/obligations/catalogue/versions.js";
import { standardById } from "../../src/obligations/standards.js";
import { seedFiles, sharedPath } from "../support/shared.js";

const parts = { 7: g7, 8: g8, 10: g10, 12: g12 } as const;
const partNumbers = [7, 8, 10, 12] as const;
const allEntries: readonly CatalogueEntry[] = [...g7, ...g8, ...g10, ...g12];

/** Sort key of a clause id: part, number, then letter suffix ("G7.5A" after "G7.5", before "G7.6"). */
function clauseKey(id: string): [number, number, string] {
  const m = /^G(\d+)\.(\d+)([A-Z]?)$/.exec(id);
  if (!m) throw new Error(`not a clause id: ${id}`);
  return [Number(m[1]), Number(m[2]), m[3] ?? ""];
}

function compareClauses(a: string, b: string): number {
  const [pa, na, sa] = clauseKey(a);
  const [pb, nb, sb] = clauseKey(b);
  return pa - pb || na - nb || sa.localeCompare(sb);
}

function holds(entry: CatalogueEntry, label: string): boolean {
  const at = versionIndex(label);
  return versionIndex(entry.since) <= at && (entry.until === undefined || at < versionIndex(entry.until));
}

function duty(clause: string): DutyEntry {
  const entry = allEntries.find((e) => e.clause === clause);
  if (entry?.kind !== "duty") throw new Error(`${clause} is not catalogued as a duty`);
  return entry;
}

/** Numbered clauses of a part as they start a line of seed 001 (list item, heading or plain line). */
function seedClauses(text: string, part: number): string[] {
  const ids: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*(?:[-*]\s+)?(?:#+\s*)?(?:\*\*)?(G(\d+)\.\d+[A-Z]?)\b/.exec(line);
    if (m?.[1] && Number(m[2]) === part) ids.push(m[1]);
  }
  return ids;
}

function distinctClauses(entries: readonly CatalogueEntry[]): string[] {
  return [...new Set(entries.map((e) => e.clause))];
}

describe("catalogue G7, G8, G10, G12: shape", () => {
  // Section G as published numbers G7.1–G7.25 (with G7.5A, G7.5B), G8.1–G8.64, G10.1–G10.9, G12.1–G12.9.
  it("has one clause id per numbered clause of each part", () => {
    expect(distinctClauses(g7)).toHaveLength(27);
    expect(distinctClauses(g8)).toHaveLength(64);
    expect(distinctClauses(g10)).toHaveLength(9);
    expect(distinctClauses(g12)).toHaveLength(9);
  });

  it("keeps each part to its own clauses, in clause order", () => {
    for (const part of partNumbers) {
      const entries = parts[part];
      for (const e of entries) expect(clauseKey(e.clause)[0], e.clause).toBe(part);
      for (let i = 1; i < entries.length; i++) {
        const [prev, cur] = [entries[i - 1]!.clause, entries[i]!.clause];
        expect(compareClauses(prev, cur), `${prev} then ${cur}`).toBeLessThanOrEqual(0);
      }
    }
  });

  it("gives every clause exactly one entry under every Code version", () => {
    for (const clause of distinctClauses(allEntries)) {
      for (const { label } of codeVersions) {
        const holding = allEntries.filter((e) => e.clause === clause && holds(e, label));
        expect(holding, `${clause} under ${label}`).toHaveLength(1);
      }
    }
  });

  it("uses known version labels with since strictly before until", () => {
    for (const e of allEntries) {
      const since = versionIndex(e.since);
      if (e.until !== undefined) expect(versionIndex(e.until), e.clause).toBeGreaterThan(since);
    }
  });

  it("gives every duty a bearer, an area, 2–4 evidence items and well-formed standard ids", () => {
    const areas = ["system", "organisational", "information", "assurance"];
    for (const e of allEntries) {
      expect(e.summary.trim(), e.clause).not.toBe("");
      if (e.kind !== "duty") continue;
      expect(e.bearers.length, e.clause).toBeGreaterThan(0);
      expect(new Set(e.bearers).size, `${e.clause} repeats a bearer`).toBe(e.bearers.length);
      expect(areas, e.clause).toContain(e.area);
      expect(e.evidence.length, e.clause).toBeGreaterThanOrEqual(2);
      expect(e.evidence.length, e.clause).toBeLessThanOrEqual(4);
      for (const item of e.evidence) expect(item.trim(), e.clause).not.toBe("");
      for (const id of e.standards) expect(id, e.clause).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it("cites only standards the register knows", () => {
    // G7.19(f), G7.20(d), G8.64, G12.4(a): the CPA scheme is the one outside standard these duties name.
    for (const e of allEntries) {
      if (e.kind !== "duty") continue;
      for (const id of e.standards) expect(standardById(id), `${e.clause} cites ${id}`).toBeDefined();
    }
    expect(duty("G12.4").standards).toContain("ncsc-cpa");
  });

  it("writes reserved clauses as 'Not used.'", () => {
    for (const e of allEntries.filter((x) => x.kind === "reserved"))
      expect(e.summary, e.clause).toBe("Not used.");
  });
});

describe("catalogue G7, G8, G10, G12: who bears what", () => {
  it.each([
    // G7.19–G7.21: the SSC's own standing work.
    ["G7.19", ["ssc"], undefined],
    ["G7.20", ["ssc"], undefined],
    ["G7.21", ["ssc"], undefined],
    // G7.22: the SSC sets the monitoring process and the Code Administrator follows it.
    ["G7.22", ["ssc", "code-administrator"], undefined],
    // G8.1, G8.12: the Panel procures and answers for the assessor.
    ["G8.1", ["panel"], undefined],
    ["G8.12", ["panel"], undefined],
    // G8.3, G8.22, G8.23, G8.29: the assessor's services, reports and follow-ups.
    ["G8.3", ["user-independent-assurance-provider"], undefined],
    ["G8.22", ["user-independent-assurance-provider"], undefined],
    ["G8.23", ["user-independent-assurance-provider"], undefined],
    ["G8.29", ["user-independent-assurance-provider"], undefined],
    // G8.13, G8.24, G8.28: the assessed User cooperates, responds and remedies.
    ["G8.13", ["user"], undefined],
    ["G8.24", ["user"], undefined],
    ["G8.28", ["user"], undefined],
    // G8.27: the SSC decides on proposed steps.
    ["G8.27", ["ssc"], undefined],
    // G8.33, G8.38: a Party in the User Entry Process, not yet a User.
    ["G8.33", ["party"], undefined],
    ["G8.38", ["party"], undefined],
    // G8.40–G8.47: the cycle is owed by the assessed party, chosen by its kind and size.
    ["G8.40", ["user"], undefined],
    ["G8.41", ["supplier-party"], ["large-supplier"]],
    ["G8.42", ["supplier-party"], ["smaller-supplier"]],
    ["G8.44", ["network-party"], ["large-network"]],
    ["G8.45", ["network-party"], ["smaller-network"]],
    ["G8.47", ["user"], ["neither-supplier-nor-network"]],
    // G8.49(b): the DCC helps count premises.
    ["G8.49", ["dcc"], undefined],
    ["G8.50", ["user"], undefined],
    // G8.64: only Supplier Parties need a CPA Certificate Remedial Plan policy.
    ["G8.64", ["supplier-party"], undefined],
    // G10.3: Users that share resources may not rely wholly on one non-provider.
    ["G10.3", ["user"], ["shared-resources-used"]],
    ["G10.4", ["shared-resource-provider"], undefined],
    // G10.8(a)–(d): assessor, provider and SSC each pass material to Shared Resource Users.
    ["G10.8", ["user-independent-assurance-provider", "shared-resource-provider", "ssc"], undefined],
    ["G12.4", ["triage-facility-provider"], undefined],
    ["G12.6", ["triage-facility-provider"], undefined],
    // G12.8: the provider books, the SSC picks the category.
    ["G12.8", ["triage-facility-provider", "ssc"], undefined],
  ] as const)("%s binds %j", (clause, bearers, conditions) => {
    const entry = duty(clause);
    expect([...entry.bearers].sort()).toEqual([...bearers].sort());
    expect(entry.conditions).toEqual(conditions);
  });

  it("runs the assessment cycles on the cycle, not on a calendar period", () => {
    // G8.40–G8.47, G8.50, G12.8: each booking is due 12 months after the previous assessment.
    for (const clause of ["G8.40", "G8.41", "G8.42", "G8.44", "G8.45", "G8.47", "G8.50", "G12.8"]) {
      expect(duty(clause).trigger, clause).toEqual({ kind: "periodic", every: "cycle" });
    }
  });

  it("keeps the supplier and network size tests mutually exclusive within a cycle", () => {
    // G8.41 vs G8.42 and G8.44 vs G8.45 split parties by size; no clause may need both sides.
    for (const e of allEntries) {
      if (e.kind !== "duty" || !e.conditions) continue;
      const c = new Set(e.conditions);
      expect(c.has("large-supplier") && c.has("smaller-supplier"), e.clause).toBe(false);
      expect(c.has("large-network") && c.has("smaller-network"), e.clause).toBe(false);
    }
  });

  it("records the interpretations that widen who the cycles reach", () => {
    // G8.43/G8.46 add sharers' premises; G8.63 puts Shared Resource Providers on their Users' cycles.
    const interp = (clause: string) => allEntries.find((e) => e.clause === clause);
    expect(interp("G8.43")).toMatchObject({ kind: "interpretation", affects: ["G8.41", "G8.42"] });
    expect(interp("G8.46")).toMatchObject({ kind: "interpretation", affects: ["G8.44", "G8.45"] });
    expect(interp("G8.63")?.kind).toBe("interpretation");
    expect(interp("G10.5")?.kind).toBe("interpretation");
    expect(interp("G12.5")?.kind).toBe("interpretation");
  });
});

const sectionG = sharedPath(seedFiles.sectionG);

describe.skipIf(!sectionG)("catalogue G7, G8, G10, G12 against seed 001", () => {
  const text = sectionG ? readFileSync(sectionG, "utf8") : "";

  it.each(partNumbers)("covers every numbered clause of G%i, in document order", (part) => {
    const inSeed = seedClauses(text, part);
    expect(new Set(inSeed).size).toBe(inSeed.length);
    expect(distinctClauses(parts[part])).toEqual(inSeed);
  });

  it("writes summaries and evidence in its own words (no 12-word run from any seed)", () => {
    const words = (s: string) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim()
        .split(" ")
        .filter(Boolean);
    const runs = new Set<string>();
    for (const file of Object.values(seedFiles)) {
      const path = sharedPath(file);
      if (!path) continue;
      const w = words(readFileSync(path, "utf8"));
      for (let i = 0; i + 12 <= w.length; i++) runs.add(w.slice(i, i + 12).join(" "));
    }
    for (const e of allEntries) {
      const texts = [e.summary, ...(e.kind === "duty" ? e.evidence : [])];
      for (const t of texts) {
        const w = words(t);
        for (let i = 0; i + 12 <= w.length; i++) {
          expect(
            runs.has(w.slice(i, i + 12).join(" ")),
            `${e.clause}: "${w.slice(i, i + 12).join(" ")}"`,
          ).toBe(false);
        }
      }
    }
  });
});
