import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/common/input-error.js";
import { editionsSatisfying, type Standard, standards } from "../../src/obligations/standards.js";
import { seedFiles, sharedPath } from "../support/shared.js";

const example: Standard = {
  id: "iso-x",
  title: "an example standard",
  issuer: "ISO",
  edition: "X:2011",
  citedBy: [{ clause: "G5.1" }],
  successors: [
    { edition: "X:2018", published: "2018-07-01", panelDate: "2019-07-01", dateAssumed: false },
    { edition: "X:2022", published: "2022-10-01", panelDate: null, dateAssumed: false },
  ],
};
const register = [example];

describe("G1.3: which edition of an updated standard satisfies a duty", () => {
  it("G1.2(b): before a successor is published only the cited edition counts", () => {
    expect(editionsSatisfying("iso-x", "2018-06-30", register)).toEqual(["X:2011"]);
  });

  it("G1.3(b): from publication until the Panel's date either edition satisfies", () => {
    expect(editionsSatisfying("iso-x", "2018-07-01", register)).toEqual(["X:2011", "X:2018"]);
    expect(editionsSatisfying("iso-x", "2019-06-30", register)).toEqual(["X:2011", "X:2018"]);
  });

  it("G1.3(a): from the Panel's date only the new edition satisfies", () => {
    expect(editionsSatisfying("iso-x", "2019-07-01", register)).toEqual(["X:2018"]);
  });

  it("G1.3(b): a successor with no Panel date yet sits beside the one before it", () => {
    expect(editionsSatisfying("iso-x", "2023-01-01", register)).toEqual(["X:2018", "X:2022"]);
  });

  it("G1.3: the newest published edition always satisfies, and an edition once retired never comes back", () => {
    const dates = fc
      .integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) })
      .map((t) => new Date(t).toISOString().slice(0, 10));
    fc.assert(
      fc.property(dates, dates, (a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const newest = [
          example.edition!,
          ...example.successors.filter((s) => s.published <= late).map((s) => s.edition),
        ].at(-1)!;
        expect(editionsSatisfying("iso-x", late, register)).toContain(newest);
        const retired = editionsSatisfying("iso-x", early, register).filter(
          (e) => !editionsSatisfying("iso-x", late, register).includes(e),
        );
        for (const e of retired) expect(editionsSatisfying("iso-x", "2030-01-01", register)).not.toContain(e);
      }),
    );
  });

  it("refuses an id the register does not hold", () => {
    expect(() => editionsSatisfying("iso-27002", "2024-01-01")).toThrow(InputError);
  });

  it("G5.17: ISO/IEC 27001 — both editions until the (assumed) switch-over date, then only 2022", () => {
    expect(editionsSatisfying("iso-27001", "2024-01-01")).toEqual([
      "ISO/IEC 27001:2013",
      "ISO/IEC 27001:2022",
    ]);
    expect(editionsSatisfying("iso-27001", "2026-01-01")).toEqual(["ISO/IEC 27001:2022"]);
  });
});

describe("the register", () => {
  it("lists each standard once, its successors in publication order, and marks every recorded Panel date", () => {
    expect(new Set(standards.map((s) => s.id)).size).toBe(standards.length);
    for (const s of standards) {
      const published = s.successors.map((x) => x.published);
      expect([...published].sort(), s.id).toEqual(published);
      for (const x of s.successors) {
        if (x.panelDate !== null) expect(x.panelDate >= x.published, s.id).toBe(true);
        if (x.panelDate === null) expect(x.dateAssumed, s.id).toBe(false);
      }
    }
  });

  const sectionG = sharedPath(seedFiles.sectionG);
  it.skipIf(!sectionG)("G1.2: each third-party edition the current Code names is in the register", () => {
    const text = readFileSync(sectionG!, "utf8");
    const cited = [
      "27001:2013",
      "27005:2011",
      "27035:2011",
      "27033-1:2009",
      "22301:2012",
      "27031:2011",
      "BS 7858:2012",
      "FIPS 140-2",
    ];
    for (const edition of cited) {
      expect(text, edition).toContain(edition);
      expect(
        standards.some((s) => s.edition?.includes(edition)),
        edition,
      ).toBe(true);
    }
  });
});
