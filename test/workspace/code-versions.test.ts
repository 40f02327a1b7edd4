import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseSection } from "../../src/code/parse.js";
import { InputError } from "../../src/common/input-error.js";
import { textSha256 } from "../../src/workspace/code-versions.js";
import type { Store } from "../../src/workspace/store.js";
import { backends, freshStore, rowsOf, type TestStore } from "./backends.js";
import { sectionText, v2020, v2021, v2022 } from "./sections.js";

async function count(
  store: Store,
  table: "code_versions" | "code_clauses" | "code_effects" | "audit_entries",
) {
  const [row] = await rowsOf<{ n: number }>(
    store,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return row?.n;
}

async function auditEntries(store: Store): Promise<Record<string, unknown>[]> {
  const rows = await rowsOf<{ entry: string }>(store, sql`select entry from audit_entries order by seq`);
  return rows.map((row) => JSON.parse(row.entry) as Record<string, unknown>);
}

describe.each(backends)("code versions on $kind", (backend) => {
  describe.runIf(backend.available)("", () => {
    let store: TestStore;

    beforeEach(async () => {
      store = await freshStore(backend);
    });
    afterEach(async () => {
      await store.dispose();
    });

    const importV = (label: string, clauses: Record<string, string>, inForce: string, madeBy?: string) =>
      store.codeVersions.importVersion(
        {
          text: sectionText(clauses),
          label,
          inForce,
          sourceName: `${label}.md`,
          ...(madeBy === undefined ? {} : { madeBy }),
        },
        { actor: "tester", requestId: `import-${label}` },
      );

    it("stores a version, its clauses and one audit entry for the import", async () => {
      // G2.6(a), G3.3(a): the change and its record are written together.
      const { version, created } = await importV("v2020", v2020, "2020-03-31");
      expect(created).toBe(true);
      expect(version).toMatchObject({
        label: "v2020",
        inForce: "2020-03-31",
        madeBy: null,
        clauseCount: 5,
        sha256: textSha256(sectionText(v2020)),
        sourceName: "v2020.md",
        importedAt: "2025-06-02T09:30:00.000Z",
      });
      const [entry, ...others] = await auditEntries(store);
      expect(others).toEqual([]);
      expect(entry).toMatchObject({
        actor: "tester",
        action: "code.version.import",
        target: "code-version:v2020",
        outcome: "success",
        time: "2025-06-02T09:30:00.000Z",
        timeSource: "test-fixed",
        requestId: "import-v2020",
        schemaVersion: 1,
        detail: { label: "v2020", inForce: "2020-03-31", clauses: 5 },
      });
    });

    it("leaves nothing behind when the import fails inside its transaction", async () => {
      // G2.27: no change without its record — a failure writing the audit entry undoes the import.
      await store.db.execute(sql`
        create function refuse_audit() returns trigger language plpgsql as $$
        begin raise exception 'audit store unavailable'; end; $$`);
      await store.db.execute(sql`
        create trigger refuse_audit before insert on audit_entries
        for each row execute function refuse_audit()`);
      await expect(importV("v2020", v2020, "2020-03-31")).rejects.toThrow();
      expect(await count(store, "code_versions")).toBe(0);
      expect(await count(store, "code_clauses")).toBe(0);
      expect(await count(store, "audit_entries")).toBe(0);
    });

    it("refuses a text with no clauses, naming the source, and stores nothing", async () => {
      const attempt = store.codeVersions.importVersion({
        text: "# G SECURITY\n\nNothing numbered here.\n",
        label: "empty",
        inForce: "2020-01-01",
        sourceName: "empty.md",
      });
      await expect(attempt).rejects.toBeInstanceOf(InputError);
      await expect(attempt).rejects.toThrow(/^empty\.md:1: expected a SEC section document/);
      expect(await count(store, "code_versions")).toBe(0);
      expect(await count(store, "audit_entries")).toBe(0);
    });

    it("treats importing the same text under the same label again as a no-op", async () => {
      const first = await importV("v2020", v2020, "2020-03-31");
      const again = await store.codeVersions.importVersion({
        // Layout differences that are not changes: CRLF line ends and trailing spaces.
        text: sectionText(v2020).replace(/\n/g, "  \r\n"),
        label: "v2020",
        inForce: "2020-03-31",
        sourceName: "copy.md",
      });
      expect(again).toEqual({ ...first, created: false });
      expect(await count(store, "code_versions")).toBe(1);
      expect(await count(store, "audit_entries")).toBe(1);
    });

    it("refuses the same label with a different text, and a second version on the same in-force date", async () => {
      await importV("v2020", v2020, "2020-03-31");
      await expect(importV("v2020", v2022, "2020-03-31")).rejects.toThrow(
        /at label: expected a label not already used/,
      );
      await expect(importV("v2020", v2020, "2020-04-01")).rejects.toThrow(/at inForce: expected 2020-03-31/);
      await expect(importV("other", v2022, "2020-03-31")).rejects.toThrow(
        /at inForce: expected a date on which no other version comes into force/,
      );
      await expect(importV("bad label!", v2022, "2021-01-01")).rejects.toThrow(/at label:/);
      await expect(importV("v2021", v2022, "2021-02-30")).rejects.toThrow(
        /at inForce: expected a real calendar date/,
      );
      expect(await count(store, "code_versions")).toBe(1);
    });

    it("answers which text of a clause was in force on a date, and nothing before the first version", async () => {
      // G3.20 as corrected by DP087: the answer depends on the date asked about.
      await importV("v2020", v2020, "2020-03-31");
      await importV("v2022", v2022, "2022-11-03", "DP087");
      const before = await store.codeVersions.clauseOn("G3.20", "2020-03-30");
      expect(before).toEqual({ found: false, reason: "no-version-in-force" });
      const early = await store.codeVersions.clauseOn("G3.20", "2020-03-31");
      expect(early.found && early.version).toEqual({ label: "v2020", inForce: "2020-03-31" });
      expect(early.found && early.clause.text).not.toMatch(/SMETS2\+/);
      const eve = await store.codeVersions.clauseOn("g3.20", "2022-11-02");
      expect(eve.found && eve.version.label).toBe("v2020");
      const later = await store.codeVersions.clauseOn("G3.20", "2030-01-01");
      expect(later.found && later.version.label).toBe("v2022");
      expect(later.found && later.clause.text).toMatch(/SMETS2\+ Device/);
      expect(await store.codeVersions.clauseOn("G2.4", "2021-01-01")).toEqual({
        found: false,
        reason: "not-in-version",
        version: { label: "v2020", inForce: "2020-03-31" },
      });
      expect((await store.codeVersions.versionInForce("2022-11-03"))?.label).toBe("v2022");
      await expect(store.codeVersions.clauseOn("G3.20", "03/11/2022")).rejects.toThrow(
        /at on: expected a real calendar date/,
      );
      await expect(store.codeVersions.clauseOn("section 3", "2022-11-03")).rejects.toThrow(
        /at id: expected a clause id/,
      );
    });

    it("records each version's effects on the one before it, attributed to the modification", async () => {
      // G3.20 (DP087): the register says which version substituted it and by what modification.
      await importV("v2020", v2020, "2020-03-31");
      await importV("v2022", v2022, "2022-11-03", "DP087");
      const effects = await store.codeVersions.effects();
      expect(effects).toContainEqual({
        from: "v2020",
        to: "v2022",
        clauseId: "G3.20",
        kind: "substituted",
        madeBy: "DP087",
      });
      expect(effects).toContainEqual({
        from: "v2020",
        to: "v2022",
        clauseId: "G2.4",
        kind: "inserted",
        madeBy: "DP087",
      });
      expect(effects.map((effect) => effect.clauseId)).not.toContain("G2.1");
    });

    it("recomputes the effects of the next version when an import slots in between two", async () => {
      await importV("v2020", v2020, "2020-03-31");
      await importV("v2022", v2022, "2022-11-03", "DP087");
      await importV("v2021", v2021, "2021-06-01", "MP-X");
      const effects = await store.codeVersions.effects();
      expect(effects.filter((effect) => effect.clauseId === "G2.4")).toEqual([
        { from: "v2020", to: "v2021", clauseId: "G2.4", kind: "inserted", madeBy: "MP-X" },
      ]);
      expect(
        effects.filter((effect) => effect.to === "v2022").every((effect) => effect.from === "v2021"),
      ).toBe(true);
      expect(await store.codeVersions.effects({ from: "v2021" })).toEqual(
        effects.filter((effect) => effect.to === "v2022"),
      );
      expect(await store.codeVersions.effects({ to: "v2021" })).toEqual(
        effects.filter((effect) => effect.to === "v2021"),
      );
      await expect(store.codeVersions.effects({ from: "v2022", to: "v2021" })).rejects.toThrow(
        /at from: expected a version in force before v2021/,
      );
      await expect(store.codeVersions.effects({ from: "nope" })).rejects.toThrow(
        /at from: expected the label/,
      );
      const [, , third] = await auditEntries(store);
      expect(third).toMatchObject({ detail: { label: "v2021", effectsRecomputedFor: "v2022" } });
    });

    it("lists versions in force order and finds clauses by part and by every word searched", async () => {
      await importV("v2022", v2022, "2022-11-03", "DP087");
      await importV("v2020", v2020, "2020-03-31");
      expect(
        (await store.codeVersions.listVersions()).map((version) => [version.label, version.clauseCount]),
      ).toEqual([
        ["v2020", 5],
        ["v2022", 6],
      ]);
      const ids = async (query: { q?: string; part?: string }) =>
        (await store.codeVersions.clausesOf("v2022", query))?.clauses.map((clause) => clause.id);
      expect(await ids({})).toEqual(["G2.1", "G2.2", "G2.3", "G2.4", "G3.1", "G3.20"]);
      expect(await ids({ part: "g3" })).toEqual(["G3.1", "G3.20"]);
      expect(await ids({ q: "smets2+ hub" })).toEqual(["G3.20"]);
      expect(await ids({ q: "connections authorised", part: "G2" })).toEqual(["G2.1"]);
      expect(await ids({ q: "100%_" })).toEqual([]);
      expect(await store.codeVersions.clausesOf("missing")).toBeUndefined();
      const notUsed = (await store.codeVersions.clausesOf("v2022"))?.clauses.find(
        (clause) => clause.id === "G2.3",
      );
      expect(notUsed?.notUsed).toBe(true);
    });

    it("loads a stored version back as the document it was parsed from", async () => {
      await importV("v2022", v2022, "2022-11-03");
      expect(await store.codeVersions.loadDocument("v2022")).toEqual(parseSection(sectionText(v2022)));
      expect(await store.codeVersions.loadDocument("missing")).toBeUndefined();
    });
  });
});
