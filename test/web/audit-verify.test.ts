import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { leafHash, TreeHasher, toBase64 } from "../../src/web/audit/merkle.js";
import { searchEntries, verifyLog } from "../../src/web/audit/verify.js";
import { emptyRoot, hashChildren, hashLeaf, splitPoint } from "../../src/workspace/audit-log/merkle.js";

type Entry = { index: number; seq: number; leafHash: string; entry: string | null };

function logOf(texts: readonly string[]): Entry[] {
  return texts.map((entry, index) => ({
    index,
    seq: index + 1,
    leafHash: hashLeaf(entry).toString("base64"),
    entry,
  }));
}

/** MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it, recursively at the split point. */
function rootOf(texts: readonly string[]): Buffer {
  if (texts.length === 0) return emptyRoot;
  if (texts.length === 1) return hashLeaf(texts[0]!);
  const k = splitPoint(texts.length);
  return hashChildren(rootOf(texts.slice(0, k)), rootOf(texts.slice(k)));
}

/** Serves a stored log page by page, as GET /api/audit/entries does. */
function pagesOf(log: readonly Entry[]) {
  return async (from: number, limit: number) => ({
    size: log.length,
    entries: log.slice(from, from + limit),
    next: from + limit < log.length ? from + limit : null,
  });
}

const noProgress = () => {};
const signal = new AbortController().signal;

// The dashboard recomputes the RFC 6962 tree head in the browser (RFC 9162 §2.1.1), so a person
// verifying the log does not have to trust the server that keeps it (G2.26 depends on that log).
describe("verifying the audit log in the browser", () => {
  it("hashes leaves and tree heads exactly as the workspace's log does, for any number of entries", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string(), { maxLength: 40 }), async (texts) => {
        const tree = new TreeHasher();
        for (const text of texts) {
          const leaf = await leafHash(text);
          expect(toBase64(leaf)).toBe(hashLeaf(text).toString("base64"));
          await tree.add(leaf);
        }
        expect(toBase64(await tree.root())).toBe(rootOf(texts).toString("base64"));
      }),
      { numRuns: 60 },
    );
  });

  it("accepts an untouched log read over several pages, reporting progress", async () => {
    const texts = Array.from({ length: 2500 }, (_, i) => `{"action":"party.put","n":${i}}`);
    const log = logOf(texts);
    const progress: number[] = [];
    const result = await verifyLog(
      { size: log.length, root: rootOf(texts).toString("base64") },
      pagesOf(log),
      (p) => progress.push(p.checked),
      signal,
    );
    expect(result.ok).toBe(true);
    expect(progress).toEqual([1000, 2000, 2500]);
  });

  it("refuses a log whose entry text was changed after it was hashed", async () => {
    const texts = ["a", "b", "c"];
    const log = logOf(texts);
    log[1] = { ...log[1]!, entry: "B" };
    const result = await verifyLog(
      { size: 3, root: rootOf(texts).toString("base64") },
      pagesOf(log),
      noProgress,
      signal,
    );
    expect(result).toMatchObject({ ok: false, problem: "entry 1 (seq 2) does not hash to its leaf hash" });
  });

  it("refuses a log rewritten with matching leaf hashes but a different history", async () => {
    const log = logOf(["a", "x", "c"]);
    const result = await verifyLog(
      { size: 3, root: rootOf(["a", "b", "c"]).toString("base64") },
      pagesOf(log),
      noProgress,
      signal,
    );
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.problem).toMatch(/not to the checkpoint's root/);
  });

  it("accepts entries whose text a retention removed by their leaf hash alone, and counts them", async () => {
    // G2.26 with G2.27's retention: old texts may go, the tree they were signed in must not change.
    const texts = ["a", "b", "c", "d"];
    const log = logOf(texts);
    log[0] = { ...log[0]!, entry: null };
    log[1] = { ...log[1]!, entry: null };
    const root = rootOf(texts).toString("base64");
    const result = await verifyLog({ size: 4, root }, pagesOf(log), noProgress, signal);
    expect(result).toMatchObject({ ok: true, size: 4, removed: 2 });
    expect(searchEntries(result.entries, "a")).toEqual([]);
    log[1] = { ...log[1]!, leafHash: "not a hash" };
    const broken = await verifyLog({ size: 4, root }, pagesOf(log), noProgress, signal);
    expect(broken).toMatchObject({ ok: false, problem: "entry 1 (seq 2) does not hash to its leaf hash" });
  });

  it("refuses a log shorter than its checkpoint", async () => {
    const log = logOf(["a", "b"]);
    const result = await verifyLog(
      { size: 3, root: rootOf(["a", "b", "c"]).toString("base64") },
      pagesOf(log),
      noProgress,
      signal,
    );
    expect(result).toMatchObject({
      ok: false,
      problem: "the log ends at 2 entries, before the checkpoint's 3",
    });
  });

  it("finds entries holding every word searched for, newest first", () => {
    const log = logOf([
      '{"actor":"user:ann","action":"party.put"}',
      '{"actor":"user:bob"}',
      '{"actor":"user:ann","action":"login"}',
    ]);
    expect(searchEntries(log, "ANN party").map((e) => e.index)).toEqual([0]);
    expect(searchEntries(log, "ann").map((e) => e.index)).toEqual([2, 0]);
  });
});
