/**
 * The offline bundle: the audit log as JSON Lines that anyone can verify without secg's database
 * (format in docs/audit-log.md). Line 1 is the header; then the public keys; then every entry
 * with its leaf index, seq and the leaf hash the tree holds for it; then the signed checkpoint;
 * then, when asked for, a consistency proof from an earlier checkpoint.
 */
import { isCanonicalEntry } from "../audit.js";
import type { Database } from "../database.js";
import { latestCheckpoint, logOrigin, registeredKeys } from "./checkpoints.js";
import { emptyRoot, type Hash, hashChildren, hashLeaf, verifyConsistency } from "./merkle.js";
import { type PublicKeyInfo, parseSignedNote, verifiedSigners, verifierKey } from "./note.js";
import { consistencyProof, leaves } from "./tree.js";

export const bundleFormat = "secg-audit-bundle/1";

const exportBatch = 5000;

export type ExportOptions = {
  /** A checkpoint exported before: the bundle then proves the new one extends it. */
  readonly since?: { readonly size: number; readonly root: Hash };
  readonly exportedAt: string;
};

/** The bundle's lines, up to the latest signed checkpoint; undefined when none was ever signed. */
export async function* bundleLines(db: Database, options: ExportOptions): AsyncGenerator<string> {
  const checkpoint = await latestCheckpoint(db);
  if (!checkpoint) throw new Error("no signed checkpoint to export");
  const origin = await logOrigin(db);
  yield json({
    type: "header",
    format: bundleFormat,
    origin,
    size: checkpoint.size,
    exportedAt: options.exportedAt,
  });
  for (const key of await registeredKeys(db)) {
    yield json({
      type: "key",
      name: key.name,
      publicKey: key.publicKey.toString("base64"),
      verifierKey: verifierKey(key),
    });
  }
  for (let from = 0; from < checkpoint.size; from += exportBatch) {
    for (const leaf of await leaves(db, from, exportBatch, checkpoint.size)) {
      yield json({
        type: "entry",
        index: leaf.index,
        seq: leaf.seq,
        leafHash: leaf.hash.toString("base64"),
        entry: leaf.entry,
      });
    }
  }
  yield json({ type: "checkpoint", note: checkpoint.note });
  if (options.since) {
    const { size, root } = options.since;
    const proof = size <= checkpoint.size ? await consistencyProof(db, size, checkpoint.size) : [];
    yield json({
      type: "consistency",
      from: { size, root: root.toString("base64") },
      proof: proof.map((hash) => hash.toString("base64")),
    });
  }
}

function json(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

export type Verdict = {
  readonly valid: boolean;
  readonly size: number;
  readonly root: string;
  readonly firstInvalid: number | null;
  /** Entries listed by leaf hash alone, their text removed by a retention (./retention.ts). */
  readonly pruned: number;
  /** What failed, for people. */
  readonly problems: readonly string[];
};

/** A bundle that cannot be read as one at all (exit 2), as opposed to one that fails checks. */
export class UnreadableBundle extends Error {
  readonly line: number;
  readonly expected: string;
  constructor(line: number, expected: string) {
    super(`line ${line}: expected ${expected}`);
    this.line = line;
    this.expected = expected;
  }
}

type Record = { readonly [key: string]: unknown };

/**
 * Verifies a bundle: every entry is canonical JSON whose leaf hash is the one listed; the listed
 * hashes build the checkpoint's root; the checkpoint is signed by a trusted key (`trusted`, or the
 * bundle's own keys when none are given). firstInvalid is the first entry whose text, position
 * or hash does not match; when every entry matches its listed hash but the root does not, the
 * listed hashes themselves were changed, which the signed root cannot localise: index 0.
 */
export function verifyBundle(text: string, trusted?: readonly PublicKeyInfo[]): Verdict {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const header = parseLine(lines[0], 1);
  if (header?.type !== "header" || header.format !== bundleFormat || typeof header.origin !== "string") {
    throw new UnreadableBundle(1, `a header line {"type":"header","format":"${bundleFormat}",…}`);
  }
  const problems: string[] = [];
  const keys: PublicKeyInfo[] = [];
  const listed: Hash[] = [];
  let firstInvalid: number | null = null;
  const invalid = (index: number, problem: string) => {
    firstInvalid = Math.min(firstInvalid ?? index, index);
    problems.push(`entry ${index}: ${problem}`);
  };
  let note: string | undefined;
  let consistency: Record | undefined;
  let lastSeq = 0;
  // Pruned entries (text null) must be the first ones, each covered by a retention the log records.
  let pruned = 0;
  let retained = false;
  let retainedUpTo = 0;

  for (let i = 1; i < lines.length; i += 1) {
    const record = parseLine(lines[i], i + 1);
    const position = listed.length;
    if (!record || typeof record.type !== "string") {
      if (note === undefined) {
        invalid(position, `line ${i + 1} is not a bundle record`);
        listed.push(emptyRoot);
      } else problems.push(`line ${i + 1} is not a bundle record`);
      continue;
    }
    if (record.type === "key") {
      const publicKey =
        typeof record.publicKey === "string" ? Buffer.from(record.publicKey, "base64") : undefined;
      if (typeof record.name === "string" && publicKey?.length === 32)
        keys.push({ name: record.name, publicKey });
      else problems.push(`line ${i + 1}: a key needs a name and a 32-byte base64 public key`);
    } else if (record.type === "entry") {
      const stated =
        typeof record.leafHash === "string" ? Buffer.from(record.leafHash, "base64") : Buffer.alloc(0);
      const entry = record.entry;
      listed.push(stated.length === 32 ? stated : emptyRoot);
      if (record.index !== position)
        invalid(position, `listed as index ${String(record.index)}, found at ${position}`);
      else if (typeof record.seq !== "number" || record.seq <= lastSeq)
        invalid(position, "seq is not increasing");
      else if (entry === null && retained)
        invalid(
          position,
          "the entry has no text, yet an earlier one kept its text (retention prunes the oldest)",
        );
      else if (entry === null) pruned += 1;
      else if (typeof entry !== "string" || !isCanonicalEntry(entry))
        invalid(position, "the entry is not RFC 8785 canonical JSON");
      else if (!hashLeaf(entry).equals(stated)) invalid(position, "the entry does not hash to its leaf hash");
      else retainedUpTo = Math.max(retainedUpTo, retentionEnd(entry));
      if (entry !== null) retained = true;
      if (typeof record.seq === "number") lastSeq = record.seq;
    } else if (record.type === "checkpoint" && typeof record.note === "string" && note === undefined) {
      note = record.note;
    } else if (record.type === "consistency" && consistency === undefined) {
      consistency = record;
    } else {
      problems.push(`line ${i + 1}: unexpected ${JSON.stringify(record.type)} record`);
    }
  }

  if (pruned > retainedUpTo) {
    invalid(retainedUpTo, "the entry has no text, and no retention recorded in the log covers it");
  }
  const root = rootOf(listed);
  const verdict = (valid: boolean): Verdict => ({
    valid: valid && problems.length === 0,
    size: listed.length,
    root: root.toString("base64"),
    firstInvalid: valid && problems.length === 0 ? null : (firstInvalid ?? listed.length),
    pruned,
    problems,
  });
  if (note === undefined) {
    problems.push("the bundle has no signed checkpoint");
    return verdict(false);
  }
  const signed = parseSignedNote(note);
  if (!signed) {
    problems.push("the checkpoint is not a signed note in the tlog-checkpoint format");
    return verdict(false);
  }
  if (signed.checkpoint.origin !== header.origin) problems.push("the checkpoint names another log's origin");
  if (verifiedSigners(signed, trusted ?? keys).length === 0) {
    problems.push("the checkpoint carries no valid signature by a trusted key");
  }
  if (signed.checkpoint.size !== listed.length) {
    problems.push(
      `the checkpoint covers ${signed.checkpoint.size} entries, the bundle holds ${listed.length}`,
    );
    firstInvalid ??= Math.min(signed.checkpoint.size, listed.length);
  } else if (!signed.checkpoint.root.equals(root)) {
    problems.push("the listed leaf hashes do not build the checkpoint's root");
    firstInvalid ??= 0;
  }
  if (consistency) checkConsistency(consistency, signed.checkpoint.size, signed.checkpoint.root, problems);
  return verdict(true);
}

function checkConsistency(record: Record, size: number, root: Hash, problems: string[]): void {
  const from = record.from as Record | undefined;
  const proof = Array.isArray(record.proof) ? record.proof : undefined;
  if (
    typeof from?.size !== "number" ||
    typeof from.root !== "string" ||
    !proof?.every((p) => typeof p === "string")
  ) {
    problems.push("the consistency record needs from.size, from.root and a proof of base64 hashes");
    return;
  }
  const hashes = (proof as string[]).map((p) => Buffer.from(p, "base64"));
  if (!verifyConsistency(from.size, size, Buffer.from(from.root, "base64"), root, hashes)) {
    problems.push(`the checkpoint is not consistent with the earlier one of size ${from.size}`);
  }
}

function parseLine(line: string | undefined, number: number): Record | undefined {
  if (line === undefined) throw new UnreadableBundle(number, "a bundle line");
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The end of the pruned prefix an audit.retain entry records; 0 for any other entry. */
function retentionEnd(entry: string): number {
  if (!entry.includes('"action":"audit.retain"')) return 0;
  const event = JSON.parse(entry) as { action?: unknown; detail?: { prunedTo?: unknown } };
  const to = event.action === "audit.retain" ? event.detail?.prunedTo : undefined;
  return typeof to === "number" ? to : 0;
}

/** MTH over a whole list of leaf hashes, bottom-up level by level (the same result as the RFC's split). */
export function rootOf(leafHashes: readonly Hash[]): Hash {
  if (leafHashes.length === 0) return emptyRoot;
  let level = [...leafHashes];
  while (level.length > 1) {
    const next: Hash[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(hashChildren(level[i]!, level[i + 1]!));
    // An odd node out is carried up unchanged: that is where the RFC's split puts it.
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!;
}
