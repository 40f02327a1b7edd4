/**
 * Checkpoints as C2SP signed notes (c2sp.org/tlog-checkpoint, c2sp.org/signed-note): the body is
 * the origin, the tree size and the base64 root, one per line; after a blank line, one signature
 * line per key, "— <key name> <base64(key id || Ed25519 signature over the body)>". The key id is
 * the first four bytes of SHA-256(key name || 0x0A || 0x01 || public key), 0x01 naming Ed25519.
 */
import { createHash, createPublicKey, type KeyObject, sign, verify } from "node:crypto";

export type Checkpoint = { readonly origin: string; readonly size: number; readonly root: Buffer };

export type NoteSignature = { readonly keyName: string; readonly keyId: Buffer; readonly signature: Buffer };

export type SignedNote = {
  readonly body: string;
  readonly checkpoint: Checkpoint;
  readonly signatures: NoteSignature[];
};

export type PublicKeyInfo = { readonly name: string; readonly publicKey: Buffer };

const ed25519Type = 0x01;
const signaturePrefix = "\u2014 ";
// A key name is any non-empty text without spaces or "+", per signed-note.
const keyNamePattern = /^[^\s+]+$/;

export function isKeyName(name: string): boolean {
  return keyNamePattern.test(name);
}

export function keyIdOf(name: string, publicKey: Buffer): Buffer {
  return createHash("sha256")
    .update(name, "utf8")
    .update(Buffer.of(0x0a, ed25519Type))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** The verifier key string other signed-note tools accept: name+hex(key id)+base64(0x01 || key). */
export function verifierKey(key: PublicKeyInfo): string {
  const id = keyIdOf(key.name, key.publicKey).toString("hex");
  return `${key.name}+${id}+${Buffer.concat([Buffer.of(ed25519Type), key.publicKey]).toString("base64")}`;
}

export function parseVerifierKey(text: string): PublicKeyInfo | undefined {
  // The base64 part may itself contain "+", so only the first two separate fields.
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!match) return undefined;
  const [, name, id, encoded] = match as unknown as [string, string, string, string];
  const bytes = Buffer.from(encoded, "base64");
  if (bytes.length !== 33 || bytes[0] !== ed25519Type) return undefined;
  const publicKey = bytes.subarray(1);
  return keyIdOf(name, publicKey).toString("hex") === id ? { name, publicKey } : undefined;
}

export function checkpointBody(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${checkpoint.root.toString("base64")}\n`;
}

export function signCheckpoint(checkpoint: Checkpoint, keyName: string, privateKey: KeyObject): string {
  const body = checkpointBody(checkpoint);
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  const signature = sign(null, Buffer.from(body, "utf8"), privateKey);
  const encoded = Buffer.concat([keyIdOf(keyName, publicKey), signature]).toString("base64");
  return `${body}\n${signaturePrefix}${keyName} ${encoded}\n`;
}

/** Parses a signed checkpoint note; undefined when it is not one (the caller says where). */
export function parseSignedNote(text: string): SignedNote | undefined {
  const split = text.indexOf("\n\n");
  if (split < 0 || !text.endsWith("\n")) return undefined;
  const body = text.slice(0, split + 1);
  const [origin, sizeText, rootText, ...extension] = body.slice(0, -1).split("\n");
  if (!origin || !sizeText || !rootText || extension.some((line) => line === "")) return undefined;
  if (!/^(0|[1-9]\d{0,15})$/.test(sizeText)) return undefined;
  const root = Buffer.from(rootText, "base64");
  if (root.length !== 32 || root.toString("base64") !== rootText) return undefined;
  const signatures: NoteSignature[] = [];
  for (const line of text.slice(split + 2, -1).split("\n")) {
    const match = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!match) return undefined;
    const bytes = Buffer.from(match[2]!, "base64");
    if (bytes.length < 5) return undefined;
    signatures.push({ keyName: match[1]!, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) });
  }
  if (signatures.length === 0) return undefined;
  return { body, checkpoint: { origin, size: Number(sizeText), root }, signatures };
}

/** The names of the trusted keys whose valid signature the note carries. */
export function verifiedSigners(note: SignedNote, keys: readonly PublicKeyInfo[]): string[] {
  const signers: string[] = [];
  for (const signature of note.signatures) {
    const key = keys.find(
      (candidate) =>
        candidate.name === signature.keyName &&
        keyIdOf(candidate.name, candidate.publicKey).equals(signature.keyId),
    );
    if (
      key &&
      signature.signature.length === 64 &&
      verify(null, Buffer.from(note.body, "utf8"), publicKeyObject(key.publicKey), signature.signature)
    ) {
      signers.push(key.name);
    }
  }
  return signers;
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  if (jwk.crv !== "Ed25519" || typeof jwk.x !== "string") throw new TypeError("not an Ed25519 key");
  return Buffer.from(jwk.x, "base64url");
}

function publicKeyObject(raw: Buffer): KeyObject {
  return createPublicKey({
    key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") },
    format: "jwk",
  });
}
