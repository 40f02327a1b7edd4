import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSection } from "../../src/code/parse.js";
import { catalogue, catalogueOn, entriesFor, holdsAt } from "../../src/obligations/catalogue/index.js";
import { codeVersions, versionIndex, versionOn } from "../../src/obligations/catalogue/versions.js";
import { standardById } from "../../src/obligations/standards.js";
import { seedFiles, sharedPath } from "../support/shared.js";

/**
 * Coverage in the spirit of Catala's tests: the catalogue says something, exactly once per version,
 * about every clause of the Code, with no gap or overlap in time, and in its own words.
 */
const sectionG = sharedPath(seedFiles.sectionG);
const g2Draft = sharedPath(seedFiles.g2Draft2020);
const current = codeVersions.at(-1)!.label;

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const clauses = [...new Set(catalogue.map((e) => e.clause))];

describe("the catalogue covers the Code", () => {
  it.skipIf(!sectionG)(
    "G1.1–G12.9: every clause of the current Section G has exactly one entry in force now",
    () => {
      const doc = parseSection(readFileSync(sectionG!, "utf8"));
      expect(doc.clauses).toHaveLength(327);
      for (const clause of doc.clauses) {
        const holding = entriesFor(clause.id).filter((e) => holdsAt(e, current));
        expect(holding.length, clause.id).toBe(1);
        // "Not used" clauses are catalogued as reserved, and only those.
        expect(holding[0]!.kind === "reserved", clause.id).toBe(clause.notUsed);
      }
      expect(catalogueOn(current).map((e) => e.clause)).toEqual(doc.clauses.map((c) => c.id));
    },
  );

  it.skipIf(!g2Draft)(
    "G2 (March 2020 text): every clause of seed 000 has exactly one entry under sec-2020-03",
    () => {
      const doc = parseSection(readFileSync(g2Draft!, "utf8"));
      for (const clause of doc.clauses) {
        expect(entriesFor(clause.id).filter((e) => holdsAt(e, "sec-2020-03")).length, clause.id).toBe(1);
      }
    },
  );

  it("every clause the catalogue knows has at most one entry per version and never goes missing in between", () => {
    const dates = [...codeVersions.flatMap((v) => [dayBefore(v.inForce), v.inForce]), "9999-12-31"];
    for (const clause of clauses) {
      const present = dates.map((date) => {
        const version = versionOn(date);
        const holding =
          version === undefined ? [] : entriesFor(clause).filter((e) => holdsAt(e, version.label));
        expect(holding.length, `${clause} on ${date}`).toBeLessThanOrEqual(1);
        return holding.length === 1;
      });
      // Present over one unbroken run of days: no gap between entries of the same clause.
      const runs = present
        .map((p) => (p ? "1" : "0"))
        .join("")
        .replace(/1+/g, "1")
        .replace(/0+/g, "0")
        .replace(/^0|0$/g, "");
      expect(runs, clause).toBe("1");
    }
  });

  it("each part lists its clauses in document order", () => {
    const order = (id: string) => {
      const [, part, number, suffix] = /^G(\d+)\.(\d+)([A-Z]*)$/.exec(id)!;
      return [Number(part), Number(number), suffix!.length, suffix!] as const;
    };
    for (let i = 1; i < catalogue.length; i++) {
      const [a, b] = [order(catalogue[i - 1]!.clause), order(catalogue[i]!.clause)];
      const cmp = a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3].localeCompare(b[3]);
      expect(cmp, `${catalogue[i - 1]!.clause} then ${catalogue[i]!.clause}`).toBeLessThanOrEqual(0);
    }
  });
});

describe("every entry is well formed", () => {
  it("versions are known and each span is non-empty", () => {
    for (const e of catalogue) {
      expect(() => versionIndex(e.since), e.clause).not.toThrow();
      if (e.until !== undefined)
        expect(versionIndex(e.until), e.clause).toBeGreaterThan(versionIndex(e.since));
    }
  });

  it("every duty has a bearer, a clause, evidence an assessor can ask for, and paragraphs of its own clause", () => {
    for (const e of catalogue) {
      expect(e.clause, e.clause).toMatch(/^G\d+\.\d+[A-Z]*$/);
      expect(e.summary.trim(), e.clause).not.toBe("");
      if (e.kind === "reserved") expect(e.summary, e.clause).toBe("Not used.");
      if (e.kind !== "duty") continue;
      expect(e.bearers.length, e.clause).toBeGreaterThan(0);
      expect(e.evidence.length, e.clause).toBeGreaterThanOrEqual(2);
      expect(e.evidence.length, e.clause).toBeLessThanOrEqual(4);
      for (const p of e.paragraphs ?? []) expect(p.id.startsWith(`${e.clause}(`), p.id).toBe(true);
    }
  });

  it("G1.2–G1.4: every standard a duty cites is in the standards register", () => {
    for (const e of catalogue) {
      if (e.kind !== "duty") continue;
      for (const id of e.standards) expect(standardById(id), `${e.clause} cites ${id}`).toBeDefined();
    }
  });
});

describe.skipIf(!sectionG)("the catalogue is written in secg's own words", () => {
  const words = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

  it("no summary repeats a run of twelve words from the seeds", () => {
    const runs = new Set<string>();
    for (const file of Object.values(seedFiles)) {
      const path = sharedPath(file);
      if (path === undefined) continue;
      const w = words(readFileSync(path, "utf8"));
      for (let i = 0; i + 12 <= w.length; i++) runs.add(w.slice(i, i + 12).join(" "));
    }
    for (const e of catalogue) {
      const texts = [e.summary, ...(e.kind === "duty" ? (e.paragraphs ?? []).map((p) => p.summary) : [])];
      for (const text of texts) {
        const w = words(text);
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
