/**
 * RFC 6962 Merkle tree hashing (as restated in RFC 9162 §2.1), written from the RFC's
 * definitions. Pure: no I/O. A proof is described first as the list of leaf ranges whose subtree
 * hashes it holds — that depends on the sizes only — so a store can fetch exactly the nodes it
 * needs in one query before hashing anything.
 */
import { createHash, hash } from "node:crypto";

export type Hash = Buffer;

/** A half-open range of leaf indexes [start, end). */
export type LeafRange = { readonly start: number; readonly end: number };

/** A complete, aligned subtree: level L, index i covers leaves [i·2^L, (i+1)·2^L). */
export type NodeRef = { readonly level: number; readonly index: number };

export type TreeNode = NodeRef & { readonly hash: Hash };

/** Looks up the hash of a complete aligned subtree; throws when the node is unknown. */
export type NodeSource = (level: number, index: number) => Hash;

export const emptyRoot: Hash = createHash("sha256").digest();

// Hashing is the verifier's main cost, and a Hash object per call (with its native handle to
// collect) cost more than the SHA-256 itself: the prefixed input is laid out in a reused buffer and
// hashed in one call instead (docs/audit-log.md, "Performance").
const nodeInput = Buffer.alloc(65, 1);
let leafInput = Buffer.alloc(4096);

export function hashChildren(left: Hash, right: Hash): Hash {
  // Proofs from outside may carry hashes of any length; the RFC hashes them as they are.
  if (left.length !== 32 || right.length !== 32) {
    return hash("sha256", Buffer.concat([Buffer.of(1), left, right]), "buffer");
  }
  left.copy(nodeInput, 1);
  right.copy(nodeInput, 33);
  return hash("sha256", nodeInput, "buffer");
}

export function hashLeaf(data: Buffer | string): Hash {
  // A UTF-16 code unit never takes more than three bytes of UTF-8.
  const room = 1 + (typeof data === "string" ? data.length * 3 : data.length);
  if (room > leafInput.length) leafInput = Buffer.alloc(room);
  leafInput[0] = 0;
  const length = typeof data === "string" ? leafInput.write(data, 1, "utf8") : data.copy(leafInput, 1);
  return hash("sha256", leafInput.subarray(0, 1 + length), "buffer");
}

/** The largest power of two strictly smaller than n (n ≥ 2): the RFC's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete aligned subtrees that make up [start, end), left to right. */
export function alignedNodes(range: LeafRange): NodeRef[] {
  const nodes: NodeRef[] = [];
  let position = range.start;
  while (position < range.end) {
    let level = 0;
    // Grow while the node stays aligned at `position` and inside the range.
    while (position % 2 ** (level + 1) === 0 && position + 2 ** (level + 1) <= range.end) level += 1;
    nodes.push({ level, index: position / 2 ** level });
    position += 2 ** level;
  }
  return nodes;
}

/**
 * MTH over [start, end) from complete subtrees. Folding from the right matches the RFC's
 * recursion, because its split point always ends a complete left subtree.
 */
export function rangeHash(range: LeafRange, node: NodeSource): Hash {
  if (range.end <= range.start) return emptyRoot;
  const parts = alignedNodes(range).map((ref) => node(ref.level, ref.index));
  let hash = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i >= 0; i -= 1) hash = hashChildren(parts[i]!, hash);
  return hash;
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) as the ranges whose hashes form the inclusion proof. */
export function inclusionRanges(index: number, size: number): LeafRange[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = size;
  // Walk down from the root; siblings are collected top-down and returned bottom-up.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index - start < k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
    }
  }
  return ranges.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) as ranges. Sizes 0 and m = n need no proof. */
export function consistencyRanges(from: number, to: number): LeafRange[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`a tree of ${from} cannot precede one of ${to}`);
  if (from === 0 || from === to) return [];
  const ranges: LeafRange[] = [];
  let start = 0;
  let end = to;
  let m = from;
  let complete = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      ranges.push({ start: start + k, end });
      end = start + k;
    } else {
      ranges.push({ start, end: start + k });
      start += k;
      m -= k;
      complete = false;
    }
  }
  if (!complete) ranges.push({ start, end });
  return ranges.reverse();
}

/** Every node any of these ranges needs, without repeats. */
export function nodesForRanges(ranges: readonly LeafRange[]): NodeRef[] {
  const seen = new Map<string, NodeRef>();
  for (const range of ranges) {
    for (const ref of alignedNodes(range)) seen.set(`${ref.level}/${ref.index}`, ref);
  }
  return [...seen.values()];
}

/** RFC 9162 §2.1.3.2: does `proof` show `leaf` at `index` in the tree of `size` with `root`? */
export function verifyInclusion(
  leaf: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: is the tree of `to` with `toRoot` an append-only extension of `from`? */
export function verifyConsistency(
  from: number,
  to: number,
  fromRoot: Hash,
  toRoot: Hash,
  proof: readonly Hash[],
): boolean {
  if (!(from >= 0 && from <= to)) return false;
  if (from === 0) return proof.length === 0 && fromRoot.equals(emptyRoot);
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}

function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/**
 * The compact range of a tree of `size`: for every set bit L of size, the complete node at level
 * L that ends where the next lower one begins. It is all that is needed to append and to hash
 * the root, so the store keeps its nodes and never re-hashes old leaves.
 */
export function frontierRefs(size: number): NodeRef[] {
  const refs: NodeRef[] = [];
  for (let level = 0; 2 ** level <= size; level += 1) {
    const count = Math.floor(size / 2 ** level);
    if (count % 2 === 1) refs.push({ level, index: count - 1 });
  }
  return refs;
}

/**
 * Appends leaves to a tree of `size` whose frontier nodes `node` can supply, and returns every
 * complete node that appending creates (the leaves themselves at level 0 included). The work is
 * O(new · log n): each new leaf completes at most one node per level.
 */
export function appendLeaves(size: number, leaves: readonly Hash[], node: NodeSource): TreeNode[] {
  const created = new Map<string, Hash>();
  const lookup = (level: number, index: number): Hash =>
    created.get(`${level}/${index}`) ?? node(level, index);
  const out: TreeNode[] = [];
  let n = size;
  for (const leaf of leaves) {
    created.set(`0/${n}`, leaf);
    out.push({ level: 0, index: n, hash: leaf });
    n += 1;
    // The new leaf completes the node at each level L where n is a multiple of 2^L.
    for (let level = 1; n % 2 ** level === 0; level += 1) {
      const index = n / 2 ** level - 1;
      const hash = hashChildren(lookup(level - 1, index * 2), lookup(level - 1, index * 2 + 1));
      created.set(`${level}/${index}`, hash);
      out.push({ level, index, hash });
    }
  }
  return out;
}
