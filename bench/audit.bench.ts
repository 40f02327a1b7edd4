import { createHash, generateKeyPairSync, hash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { median } from "../src/controls/time/time-check.js";
import { appendAudit, auditSchemaVersion, canonicalEntry } from "../src/workspace/audit.js";
import { bundleFormat, rootOf, verifyBundle } from "../src/workspace/audit-log/bundle.js";
import {
  appendLeaves,
  type Hash,
  hashChildren,
  hashLeaf,
  inclusionRanges,
  rangeHash,
  verifyInclusion,
} from "../src/workspace/audit-log/merkle.js";
import { rawPublicKey, signCheckpoint, verifierKey } from "../src/workspace/audit-log/note.js";
import { openStore } from "../src/workspace/store.js";
import { type Bench, type BenchResult, rate } from "./harness.js";

/**
 * The audit log's costs, each measured in the same run as a baseline:
 * - audited writes against the same writes without their audit entry (target: ≤ 25% overhead);
 * - whole-bundle verification against the RFC's recursive MTH (the naive verifier), with the
 *   floor of SHA-256 over the same records (one-shot, the cheapest way Node hashes a string);
 * - inclusion-proof verification against recomputing the root from every leaf.
 */

const ENTRIES = 100_000;
const origin = "bench.invalid/audit";

function records(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    canonicalEntry({
      actor: `user-${i % 97}`,
      action: "register.system.update",
      target: `system:${i % 1013}`,
      outcome: i % 50 === 0 ? "failure" : "success",
      time: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(),
      timeSource: "system",
      schemaVersion: auditSchemaVersion,
      requestId: `req-${i}`,
    }),
  );
}

function naiveMth(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return createHash("sha256").digest();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(naiveMth(leaves.slice(0, k)), naiveMth(leaves.slice(k)));
}

function bundleOf(entries: readonly string[]): string {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const key = { name: `${origin}/audit-1`, publicKey: rawPublicKey(publicKey) };
  const hashes = entries.map((entry) => hashLeaf(entry));
  const note = signCheckpoint({ origin, size: entries.length, root: rootOf(hashes) }, key.name, privateKey);
  const lines = [
    JSON.stringify({
      type: "header",
      format: bundleFormat,
      origin,
      size: entries.length,
      exportedAt: "2025-01-01T00:00:00Z",
    }),
    JSON.stringify({
      type: "key",
      name: key.name,
      publicKey: key.publicKey.toString("base64"),
      verifierKey: verifierKey(key),
    }),
    ...entries.map((entry, index) =>
      JSON.stringify({
        type: "entry",
        index,
        seq: index + 1,
        leafHash: hashes[index]!.toString("base64"),
        entry,
      }),
    ),
    JSON.stringify({ type: "checkpoint", note }),
  ];
  return `${lines.join("\n")}\n`;
}

function verification(): BenchResult {
  const entries = records(ENTRIES);
  const bundle = bundleOf(entries);
  const value = rate(() => {
    if (!verifyBundle(bundle).valid) throw new Error("bench bundle does not verify");
    return ENTRIES;
  }, 1500);
  const baseline = rate(() => {
    naiveMth(entries.map((entry) => hashLeaf(entry)));
    return ENTRIES;
  }, 1500);
  const floor = rate(() => {
    for (const entry of entries) hash("sha256", entry, "buffer");
    return ENTRIES;
  }, 800);
  return {
    name: "audit.verify",
    unit: "entries/s",
    value,
    baseline: { name: "naive recursive MTH (hashing only, no parsing)", value: baseline },
    floor: { name: "SHA-256 over the same records", value: floor },
    notes: { entries: ENTRIES, target: "≥ 100000 entries/s" },
  };
}

function inclusion(): BenchResult {
  const size = 2 ** 16 + 123;
  const leaves = records(size).map((entry) => hashLeaf(entry));
  const nodes = new Map(
    appendLeaves(0, leaves, () => Buffer.alloc(0)).map((n) => [`${n.level}/${n.index}`, n.hash]),
  );
  const node = (level: number, index: number) => nodes.get(`${level}/${index}`)!;
  const root = rangeHash({ start: 0, end: size }, node);
  const proofs = Array.from({ length: 512 }, (_, i) => {
    const index = (i * 7919) % size;
    return { index, proof: inclusionRanges(index, size).map((range) => rangeHash(range, node)) };
  });
  const value = rate(() => {
    for (const { index, proof } of proofs) {
      if (!verifyInclusion(leaves[index]!, index, size, proof, root)) throw new Error("proof failed");
    }
    return proofs.length;
  });
  const baseline = rate(() => {
    if (!rootOf(leaves).equals(root)) throw new Error("root differs");
    return 1;
  });
  return {
    name: "audit.inclusion-proof",
    unit: "verifications/s",
    value,
    baseline: { name: "recompute the root from every leaf", value: baseline },
    notes: { treeSize: size },
  };
}

async function writes(): Promise<BenchResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "secg-bench-audit-"));
  const store = await openStore({ dataDir });
  try {
    await store.db.execute(sql`create table bench_things (id serial primary key, name text not null)`);
    let n = 0;
    const write = async (audited: boolean) => {
      n += 1;
      await store.db.transaction(async (tx) => {
        await tx.execute(sql`insert into bench_things (name) values (${`thing ${n}`})`);
        if (audited) {
          await appendAudit(tx, {
            actor: "bench",
            action: "bench.thing.create",
            target: `thing:${n}`,
            outcome: "success",
            time: new Date().toISOString(),
            timeSource: "system",
            schemaVersion: auditSchemaVersion,
          });
        }
      });
    };
    // Many short rounds, each side first in turn, so that drift in the machine's load falls on both
    // sides alike; each round's pair gives one ratio and the median is reported. A side runs its
    // writes back to back, so the garbage its writes leave is collected on its own time. This
    // process's CPU time per write is compared too: other processes' load moves it less.
    const rounds = 24;
    const writesPerSide = 100;
    const measure = async (audited: boolean) => {
      const cpuBefore = process.cpuUsage();
      const start = performance.now();
      for (let i = 0; i < writesPerSide; i += 1) await write(audited);
      const elapsed = performance.now() - start;
      const cpu = process.cpuUsage(cpuBefore);
      return {
        perSecond: (writesPerSide * 1000) / elapsed,
        cpuPerWrite: (cpu.user + cpu.system) / writesPerSide,
      };
    };
    await measure(true);
    await measure(false);
    const perRound: { audited: number; plain: number; cpuRatio: number }[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const first = await measure(round % 2 === 0);
      const second = await measure(round % 2 !== 0);
      const [audited, plain] = round % 2 === 0 ? [first, second] : [second, first];
      perRound.push({
        audited: audited.perSecond,
        plain: plain.perSecond,
        cpuRatio: plain.cpuPerWrite / audited.cpuPerWrite,
      });
    }
    const ratio = median(perRound.map((p) => p.audited / p.plain));
    return {
      name: "audit.write",
      unit: "writes/s",
      value: median(perRound.map((p) => p.audited)),
      baseline: {
        name: "the same writes without an audit entry",
        value: median(perRound.map((p) => p.plain)),
      },
      notes: {
        overheadPercent: Math.round((1 - ratio) * 1000) / 10,
        cpuOverheadPercent: Math.round((1 - median(perRound.map((p) => p.cpuRatio))) * 1000) / 10,
        target: "≤ 25% overhead",
        store: "PGlite",
      },
    };
  } finally {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const auditBenches: readonly Bench[] = [
  { name: "audit.write", run: writes },
  { name: "audit.verify", run: verification },
  { name: "audit.inclusion-proof", run: inclusion },
];
