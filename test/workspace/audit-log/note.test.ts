import { generateKeyPairSync } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rootOf, verifyBundle } from "../../../src/workspace/audit-log/bundle.js";
import { appendLeaves, hashLeaf, rangeHash } from "../../../src/workspace/audit-log/merkle.js";
import {
  keyIdOf,
  parseSignedNote,
  parseVerifierKey,
  rawPublicKey,
  signCheckpoint,
  verifiedSigners,
  verifierKey,
} from "../../../src/workspace/audit-log/note.js";

const { privateKey, publicKey } = generateKeyPairSync("ed25519");
const key = { name: "example.com/log/audit-1", publicKey: rawPublicKey(publicKey) };

describe("checkpoints as C2SP signed notes", () => {
  it("sign and parse back, with the key id of signed-note", () => {
    // G2.27: checkpoints in a standard format any tlog tool can check.
    fc.assert(
      fc.property(
        fc.nat({ max: 2 ** 40 }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        (size, bytes) => {
          const root = Buffer.from(bytes);
          const note = signCheckpoint({ origin: "example.com/log", size, root }, key.name, privateKey);
          expect(note.split("\n").slice(0, 4)).toEqual([
            "example.com/log",
            String(size),
            root.toString("base64"),
            "",
          ]);
          const parsed = parseSignedNote(note)!;
          expect(parsed.checkpoint).toEqual({ origin: "example.com/log", size, root });
          expect(parsed.signatures[0]!.keyId).toEqual(keyIdOf(key.name, key.publicKey));
          expect(verifiedSigners(parsed, [key])).toEqual([key.name]);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("round-trip verifier keys, even when their base64 holds a '+'", () => {
    // G2.27: the public keys are published in the form other verifiers read.
    expect(parseVerifierKey(verifierKey(key))).toEqual(key);
    expect(parseVerifierKey("name+0000+AAAA")).toBeUndefined();
  });

  it("never throw on arbitrary text, and reject what is not a note", () => {
    // G2.27: a verifier meets hostile input; it must answer, not crash.
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = parseSignedNote(text);
        if (parsed) expect(verifiedSigners(parsed, [key])).toEqual([]);
        expect(() =>
          verifyBundle(`{"type":"header","format":"secg-audit-bundle/1","origin":"o"}\n${text}`),
        ).not.toThrow();
      }),
    );
  });
});

describe("the bundle verifier's root", () => {
  it("is the RFC 6962 root of the listed leaves", () => {
    // G2.27: an outsider's bottom-up computation agrees with the tree the store keeps.
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 80 }), (entries) => {
        const hashes = entries.map((entry) => hashLeaf(entry));
        const nodes = new Map(
          appendLeaves(0, hashes, () => Buffer.alloc(0)).map((n) => [`${n.level}/${n.index}`, n.hash]),
        );
        expect(rootOf(hashes)).toEqual(
          rangeHash({ start: 0, end: hashes.length }, (l, i) => nodes.get(`${l}/${i}`)!),
        );
      }),
    );
  });
});
