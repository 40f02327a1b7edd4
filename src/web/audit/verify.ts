import type { AuditEntries, Checkpoint } from "../api/workspace.js";
import { fromBase64, leafHash, TreeHasher, toBase64 } from "./merkle.js";

export type Entry = AuditEntries["entries"][number];

export type VerifyProgress = { readonly checked: number; readonly total: number };

export type VerifyResult =
  | {
      readonly ok: true;
      readonly size: number;
      /** Entries whose text a retention removed: only their leaf hash is in the tree. */
      readonly removed: number;
      readonly entries: readonly Entry[];
    }
  | { readonly ok: false; readonly problem: string; readonly entries: readonly Entry[] };

type FetchPage = (from: number, limit: number, signal: AbortSignal) => Promise<AuditEntries>;

const pageSize = 1000;

/**
 * Reads the log up to the checkpoint page by page, checks each entry hashes to its leaf hash, and
 * that the leaves hash to the checkpoint's root. An entry whose text a retention removed counts by
 * its leaf hash alone. Returns the entries read, for searching.
 */
export async function verifyLog(
  checkpoint: Pick<Checkpoint, "size" | "root">,
  fetchPage: FetchPage,
  onProgress: (progress: VerifyProgress) => void,
  signal: AbortSignal,
): Promise<VerifyResult> {
  const tree = new TreeHasher();
  const entries: Entry[] = [];
  let removed = 0;
  while (tree.size < checkpoint.size) {
    const page = await fetchPage(tree.size, Math.min(pageSize, checkpoint.size - tree.size), signal);
    if (page.entries.length === 0) {
      return {
        ok: false,
        problem: `the log ends at ${tree.size} entries, before the checkpoint's ${checkpoint.size}`,
        entries,
      };
    }
    for (const entry of page.entries) {
      if (entry.index !== tree.size) {
        return { ok: false, problem: `entry ${tree.size} came back as index ${entry.index}`, entries };
      }
      const leaf = entry.entry === null ? fromBase64(entry.leafHash) : await leafHash(entry.entry);
      if (leaf?.length !== 32 || toBase64(leaf) !== entry.leafHash) {
        return {
          ok: false,
          problem: `entry ${entry.index} (seq ${entry.seq}) does not hash to its leaf hash`,
          entries,
        };
      }
      if (entry.entry === null) removed += 1;
      await tree.add(leaf);
      entries.push(entry);
      if (tree.size === checkpoint.size) break;
    }
    onProgress({ checked: tree.size, total: checkpoint.size });
  }
  const root = toBase64(await tree.root());
  return root === checkpoint.root
    ? { ok: true, size: tree.size, removed, entries }
    : {
        ok: false,
        problem: `the ${tree.size} entries hash to ${root}, not to the checkpoint's root ${checkpoint.root}`,
        entries,
      };
}

/** Entries whose text holds every word of the query (case-insensitive), newest first. */
export function searchEntries(entries: readonly Entry[], query: string, max = 200): Entry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches: Entry[] = [];
  for (let i = entries.length - 1; i >= 0 && matches.length < max; i -= 1) {
    const text = entries[i]!.entry?.toLowerCase() ?? "";
    if (words.every((word) => text.includes(word))) matches.push(entries[i]!);
  }
  return matches;
}
