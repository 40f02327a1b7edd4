import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  appendLeaves,
  consistencyRanges,
  emptyRoot,
  frontierRefs,
  type Hash,
  hashChildren,
  hashLeaf,
  inclusionRanges,
  rangeHash,
  verifyConsistency,
  verifyInclusion,
} from "../../../src/workspace/audit-log/merkle.js";

/** The oracle: MTH exactly as RFC 6962 §2.1 defines it, recursively over the leaf hashes. */
function naiveMth(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return createHash("sha256").digest();
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return hashChildren(naiveMth(leaves.slice(0, k)), naiveMth(leaves.slice(k)));
}

function leavesOf(count: number): Hash[] {
  return Array.from({ length: count }, (_, i) => hashLeaf(`entry ${i}`));
}

/** Every node of a tree, built the slow way, as a NodeSource. */
function nodesOf(leaves: readonly Hash[]) {
  const nodes = new Map<string, Hash>();
  for (const node of appendLeaves(0, leaves, () => {
    throw new Error("no node should be needed for an empty tree");
  }))
    nodes.set(`${node.level}/${node.index}`, node.hash);
  return (level: number, index: number): Hash => {
    const hash = nodes.get(`${level}/${index}`);
    if (!hash) throw new Error(`missing node ${level}/${index}`);
    return hash;
  };
}

const flip = (hash: Hash, byte: number): Hash => {
  const copy = Buffer.from(hash);
  copy[byte % copy.length]! ^= 1;
  return copy;
};

describe("Merkle tree hashing (RFC 6962 §2.1, RFC 9162 §2.1)", () => {
  it("hashes the empty tree as SHA-256 of nothing", () => {
    // G2.27: the log's integrity rests on RFC 6962 hashing, vectors included.
    expect(emptyRoot.toString("hex")).toBe(
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    expect(rangeHash({ start: 0, end: 0 }, () => Buffer.alloc(32))).toEqual(emptyRoot);
  });

  it("hashes leaves and children with their RFC 6962 prefixes, whatever the input's size", () => {
    // RFC 6962 §2.1: leaf = SHA-256(0x00 || d), node = SHA-256(0x01 || left || right). The
    // reused input buffers must never leak one call's bytes into the next.
    const sha = (...parts: (Buffer | string)[]) => {
      const h = createHash("sha256");
      for (const part of parts) h.update(part);
      return h.digest();
    };
    fc.assert(
      fc.property(
        fc.string({ unit: "binary", maxLength: 3000 }),
        fc.uint8Array({ maxLength: 9000 }),
        (text, bytes) => {
          expect(hashLeaf(text).equals(sha(Buffer.of(0), Buffer.from(text, "utf8")))).toBe(true);
          expect(hashLeaf(Buffer.from(bytes)).equals(sha(Buffer.of(0), Buffer.from(bytes)))).toBe(true);
        },
      ),
    );
    // Mostly 32-byte hashes, as the tree holds; sometimes any length, as a proof from outside may.
    const child = fc.oneof(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 40 }));
    fc.assert(
      fc.property(child, child, (a, b) => {
        const [left, right] = [Buffer.from(a), Buffer.from(b)];
        expect(hashChildren(left, right).equals(sha(Buffer.of(1), left, right))).toBe(true);
      }),
    );
  });

  it("hashes any size as the recursive definition does, from stored nodes or from the frontier alone", () => {
    // G2.27: the stored nodes give the same root as re-hashing everything.
    const leaves = leavesOf(70);
    const node = nodesOf(leaves);
    for (let size = 1; size <= leaves.length; size += 1) {
      const expected = naiveMth(leaves.slice(0, size));
      expect(rangeHash({ start: 0, end: size }, node)).toEqual(expected);
      const frontier = new Map(
        frontierRefs(size).map((ref) => [`${ref.level}/${ref.index}`, node(ref.level, ref.index)]),
      );
      const fromFrontier = (level: number, index: number) => frontier.get(`${level}/${index}`)!;
      expect(rangeHash({ start: 0, end: size }, fromFrontier)).toEqual(expected);
    }
  });

  it("appends in batches to the same nodes as one append, touching only the frontier", () => {
    // G2.27: checkpointing after new entries extends the tree without re-hashing old leaves.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 8 }), (batches) => {
        const all = leavesOf(batches.reduce((a, b) => a + b, 0));
        const stored = new Map<string, Hash>();
        let size = 0;
        for (const count of batches) {
          const allowed = new Set(frontierRefs(size).map((ref) => `${ref.level}/${ref.index}`));
          const created = appendLeaves(size, all.slice(size, size + count), (level, index) => {
            expect(allowed.has(`${level}/${index}`)).toBe(true);
            return stored.get(`${level}/${index}`)!;
          });
          for (const node of created) stored.set(`${node.level}/${node.index}`, node.hash);
          size += count;
          expect(rangeHash({ start: 0, end: size }, (l, i) => stored.get(`${l}/${i}`)!)).toEqual(
            naiveMth(all.slice(0, size)),
          );
        }
      }),
    );
  });

  it("gives inclusion proofs that verify for every leaf against every larger size, and fail when flipped", () => {
    // G2.27: any record can be shown to be in a signed tree.
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 200 })
          .chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.nat())),
        ([size, index, byte]) => {
          const leaves = leavesOf(size);
          const node = nodesOf(leaves);
          const root = naiveMth(leaves);
          const proof = inclusionRanges(index, size).map((range) => rangeHash(range, node));
          expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
          expect(verifyInclusion(flip(leaves[index]!, byte), index, size, proof, root)).toBe(false);
          expect(verifyInclusion(leaves[index]!, index, size, proof, flip(root, byte))).toBe(false);
          if (proof.length > 0) {
            const bad = proof.map((hash, i) => (i === byte % proof.length ? flip(hash, byte) : hash));
            expect(verifyInclusion(leaves[index]!, index, size, bad, root)).toBe(false);
            expect(verifyInclusion(leaves[index]!, index, size, proof.slice(1), root)).toBe(false);
          }
          if (size > 1) {
            const other = (index + 1) % size;
            expect(verifyInclusion(leaves[index]!, other, size, proof, root)).toBe(false);
          }
        },
      ),
    );
  });

  it("checks every leaf of small trees at every size", () => {
    // G2.27: exhaustive over small sizes, where the edge cases of the RFC's algorithm live.
    const leaves = leavesOf(33);
    const node = nodesOf(leaves);
    for (let size = 1; size <= leaves.length; size += 1) {
      const root = naiveMth(leaves.slice(0, size));
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionRanges(index, size).map((range) => rangeHash(range, node));
        expect(verifyInclusion(leaves[index]!, index, size, proof, root)).toBe(true);
      }
      for (let from = 0; from <= size; from += 1) {
        const proof = consistencyRanges(from, size).map((range) => rangeHash(range, node));
        const fromRoot = naiveMth(leaves.slice(0, from));
        expect(verifyConsistency(from, size, fromRoot, root, proof)).toBe(true);
      }
    }
  });

  it("gives consistency proofs that verify between any two sizes, and fail when anything is flipped", () => {
    // G2.27: a later checkpoint provably extends an earlier one; history cannot be rewritten.
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 200 })
          .chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to), fc.nat())),
        ([from, to, byte]) => {
          const leaves = leavesOf(to);
          const node = nodesOf(leaves);
          const fromRoot = naiveMth(leaves.slice(0, from));
          const toRoot = naiveMth(leaves);
          const proof = consistencyRanges(from, to).map((range) => rangeHash(range, node));
          expect(verifyConsistency(from, to, fromRoot, toRoot, proof)).toBe(true);
          expect(verifyConsistency(from, to, flip(fromRoot, byte), toRoot, proof)).toBe(false);
          expect(verifyConsistency(from, to, fromRoot, flip(toRoot, byte), proof)).toBe(false);
          if (proof.length > 0) {
            const bad = proof.map((hash, i) => (i === byte % proof.length ? flip(hash, byte) : hash));
            expect(verifyConsistency(from, to, fromRoot, toRoot, bad)).toBe(false);
          }
          // A rewritten leaf inside the old tree breaks consistency with the old root.
          const rewritten = leaves.map((leaf, i) => (i === byte % from ? flip(leaf, byte) : leaf));
          const forged = consistencyRanges(from, to).map((range) => rangeHash(range, nodesOf(rewritten)));
          expect(verifyConsistency(from, to, fromRoot, naiveMth(rewritten), forged)).toBe(false);
        },
      ),
    );
  });
});
