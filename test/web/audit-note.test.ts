import { createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseSignedNote, parseVerifierKey, verifyCheckpointSignature } from "../../src/web/audit/note.js";
import {
  checkpointBody,
  keyIdOf,
  rawPublicKey,
  signCheckpoint,
  verifierKey,
} from "../../src/workspace/audit-log/note.js";

function signer(name: string) {
  const { privateKey } = generateKeyPairSync("ed25519");
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return { name, privateKey, verifier: verifierKey({ name, publicKey }), publicKey };
}

const root = Buffer.alloc(32, 7);
const origin = "secg.example/audit";

function signed(key: ReturnType<typeof signer>, size = 42) {
  const note = signCheckpoint({ origin, size, root }, key.name, key.privateKey);
  return { origin, size, root: root.toString("base64"), note };
}

// G2.26 relies on the audit log; its checkpoints are C2SP signed notes, and the dashboard checks
// the Ed25519 signature itself with Web Crypto rather than take the server's word for it.
describe("checking the checkpoint's signed note in the browser", () => {
  const key = signer("secg-audit-1");

  it("reads a note the server signed: body, size, root and the signature's key id", () => {
    const checkpoint = signed(key);
    const note = parseSignedNote(checkpoint.note)!;
    expect(note.body).toBe(checkpointBody({ origin, size: 42, root }));
    expect(note).toMatchObject({ origin, size: 42, root: checkpoint.root });
    expect(note.signatures).toHaveLength(1);
    expect(Buffer.from(note.signatures[0]!.keyId)).toEqual(keyIdOf(key.name, key.publicKey));
    expect(note.signatures[0]!.signature).toHaveLength(64);
  });

  it("parses the verifier key `secg audit keys` prints, refusing one whose key id does not match", async () => {
    const parsed = (await parseVerifierKey(key.verifier))!;
    expect(parsed.name).toBe(key.name);
    expect(parsed.keyId).toBe(keyIdOf(key.name, key.publicKey).toString("hex"));
    expect(Buffer.from(parsed.publicKey)).toEqual(key.publicKey);
    const [name, keyId] = key.verifier.split("+", 2) as [string, string];
    const encoded = key.verifier.slice(`${name}+${keyId}+`.length);
    expect(await parseVerifierKey(`${name}+00000000+${encoded}`)).toBe(undefined);
    expect(await parseVerifierKey(`other+${keyId}+${encoded}`)).toBe(undefined);
  });

  it("verifies the server's signature with the server's key", async () => {
    const check = await verifyCheckpointSignature(signed(key), [key.verifier]);
    expect(check.ok).toBe(true);
    expect(check.ok && check.key.name).toBe(key.name);
  });

  it("refuses a note whose body was changed after signing", async () => {
    const checkpoint = signed(key);
    const forged = checkpoint.note.replace("\n42\n", "\n41\n");
    const check = await verifyCheckpointSignature({ ...checkpoint, size: 41, note: forged }, [key.verifier]);
    expect(check).toMatchObject({ ok: false });
    expect(check.ok ? "" : check.problem).toMatch(/does not match the checkpoint/);
  });

  it("refuses a note signed by a key it was not told to trust, even one with the same name", async () => {
    const impostor = signer("secg-audit-1");
    const check = await verifyCheckpointSignature(signed(impostor), [key.verifier]);
    expect(check).toMatchObject({ ok: false });
    expect(check.ok ? "" : check.problem).toMatch(/no signature is by a key trusted here/);
  });

  it("refuses a checkpoint answer that differs from the note it carries", async () => {
    const check = await verifyCheckpointSignature({ ...signed(key), size: 43 }, [key.verifier]);
    expect(check.ok ? "" : check.problem).toMatch(/signed note is for 42 entries/);
  });

  it("refuses text that is not a signed note", async () => {
    expect(parseSignedNote("secg\n1\nnot base64\n\n— k abc\n")).toBe(undefined);
    expect(parseSignedNote(`${checkpointBody({ origin, size: 1, root })}\n`)).toBe(undefined);
    const check = await verifyCheckpointSignature({ ...signed(key), note: "nonsense" }, [key.verifier]);
    expect(check).toEqual({ ok: false, problem: "the checkpoint's note is not a signed note" });
  });
});
