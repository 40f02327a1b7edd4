import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type AuditEvent,
  appendAudit,
  appendAuditReturningSeq,
  appendStandaloneAudit,
  auditSchemaVersion,
  canonicalEntry,
  leafHash,
} from "../../../src/workspace/audit.js";
import type { Store } from "../../../src/workspace/store.js";
import { backends, fixedClock, freshStore, rowsOf, type TestStore } from "../backends.js";

type Row = { seq: number | string; entry: string; leaf_hash: Uint8Array };

function event(target: string, detail: AuditEvent["detail"] = {}): AuditEvent {
  return {
    actor: "test",
    action: "test.write",
    target,
    outcome: "success",
    time: fixedClock.now().toISOString(),
    timeSource: fixedClock.source,
    schemaVersion: auditSchemaVersion,
    detail,
  };
}

async function storedRows(store: Store): Promise<Row[]> {
  return rowsOf<Row>(store, sql`select seq, entry, leaf_hash from audit_entries order by seq`);
}

describe.each(backends.filter((b) => b.available).map((b) => [b.kind, b] as const))(
  "appending audit entries on %s",
  (_, backend) => {
    let store: TestStore;

    beforeEach(async () => {
      store = await freshStore(backend);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("stores every entry byte for byte with its leaf hash, whatever its text holds", async () => {
      // G2.26: the record kept is exactly the record made, quotes, backslashes and SQL included.
      const awkward = [
        "it's",
        "back\\slash \\x00 \\'",
        "'); drop table audit_entries; --",
        "$$ $tag$ E'\\n'",
        "line\nbreak\ttab\u0000nul",
        "é ✓ 😀 \u{10FFFF}",
      ];
      const texts = [...awkward, ...fc.sample(fc.string({ unit: "binary", maxLength: 40 }), 40)];
      for (const [i, text] of texts.entries()) {
        const recorded = event(text, { text, [text]: i });
        if (i % 2 === 0) await store.db.transaction((tx) => appendAudit(tx, recorded));
        else await appendStandaloneAudit(store.db, recorded);
      }
      const rows = await storedRows(store);
      expect(rows).toHaveLength(texts.length);
      for (const [i, row] of rows.entries()) {
        const expected = canonicalEntry(event(texts[i]!, { text: texts[i]!, [texts[i]!]: i }));
        expect(row.entry).toBe(expected);
        expect(Buffer.from(row.leaf_hash).equals(leafHash(expected))).toBe(true);
      }
    });

    it("tells the seq of the entry it appended to a transaction that refers to it", async () => {
      // G2.27: a retention names the very entry that records it, so the seq must be that entry's.
      await store.db.transaction((tx) => appendAudit(tx, event("before")));
      const seqs = await store.db.transaction(async (tx) => [
        await appendAuditReturningSeq(tx, event("first")),
        await appendAuditReturningSeq(tx, event("second")),
      ]);
      await appendStandaloneAudit(store.db, event("after"));
      const rows = await storedRows(store);
      const seqOf = (target: string) =>
        Number(rows.find((row) => JSON.parse(row.entry).target === target)!.seq);
      expect(seqs).toEqual([seqOf("first"), seqOf("second")]);
      expect(seqOf("before")).toBeLessThan(seqs[0]!);
      expect(seqOf("after")).toBeGreaterThan(seqs[1]!);
    });

    it("keeps no entry of a transaction that fails after appending it, and no change without its entry", async () => {
      // Every change is written with its record in one transaction: both or neither.
      await store.db.execute(sql`create table test_things (name text not null)`);
      await expect(
        store.db.transaction(async (tx) => {
          await tx.execute(sql`insert into test_things (name) values ('lost')`);
          await appendAudit(tx, event("thing:lost"));
          throw new Error("the change fails after its entry was appended");
        }),
      ).rejects.toThrow("the change fails");
      await store.db.transaction(async (tx) => {
        await tx.execute(sql`insert into test_things (name) values ('kept')`);
        await appendAudit(tx, event("thing:kept"));
      });
      const rows = await storedRows(store);
      expect(rows.map((row) => JSON.parse(row.entry).target)).toEqual(["thing:kept"]);
      expect(await rowsOf(store, sql`select name from test_things`)).toEqual([{ name: "kept" }]);
    });
  },
);
