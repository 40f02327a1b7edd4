/**
 * The checkpoint's C2SP signed note checked in the browser with Web Crypto's Ed25519, exactly as
 * the server writes it (src/workspace/audit-log/note.ts): a body of origin, tree size and base64
 * root; after a blank line, "— <key name> <base64(key id || signature)>" per key, where the key id
 * is the first four bytes of SHA-256(key name || 0x0A || 0x01 || public key).
 */
import { fromBase64, sha256, toHex } from "./merkle.js";

export type NoteSignature = {
  readonly keyName: string;
  readonly keyId: Uint8Array<ArrayBuffer>;
  readonly signature: Uint8Array<ArrayBuffer>;
};

export type SignedNote = {
  readonly body: string;
  readonly origin: string;
  readonly size: number;
  /** The root hash as base64, as the body writes it. */
  readonly root: string;
  readonly signatures: readonly NoteSignature[];
};

/** A verifier key as `secg audit keys` prints it: name+hex(key id)+base64(0x01 || key). */
export type VerifierKey = {
  readonly name: string;
  readonly keyId: string;
  readonly publicKey: Uint8Array<ArrayBuffer>;
  readonly text: string;
};

const ed25519Type = 0x01;
const encoder = new TextEncoder();

export async function keyIdOf(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  return (await sha256(encoder.encode(name), Uint8Array.of(0x0a, ed25519Type), publicKey)).slice(0, 4);
}

/** Parses a signed checkpoint note; undefined when it is not one. */
export function parseSignedNote(text: string): SignedNote | undefined {
  const split = text.indexOf("\n\n");
  if (split < 0 || !text.endsWith("\n")) return undefined;
  const body = text.slice(0, split + 1);
  const [origin, sizeText, root, ...extension] = body.slice(0, -1).split("\n");
  if (!origin || !sizeText || !root || extension.some((line) => line === "")) return undefined;
  if (!/^(0|[1-9]\d{0,15})$/.test(sizeText)) return undefined;
  if (fromBase64(root)?.length !== 32) return undefined;
  const signatures: NoteSignature[] = [];
  for (const line of text.slice(split + 2, -1).split("\n")) {
    const match = /^\u2014 ([^\s+]+) ([A-Za-z0-9+/=]+)$/.exec(line);
    const bytes = match ? fromBase64(match[2]!) : undefined;
    if (!match || !bytes || bytes.length < 5) return undefined;
    signatures.push({ keyName: match[1]!, keyId: bytes.slice(0, 4), signature: bytes.slice(4) });
  }
  if (signatures.length === 0) return undefined;
  return { body, origin, size: Number(sizeText), root, signatures };
}

/** Parses a verifier key, checking its key id matches its name and key; undefined when it does not. */
export async function parseVerifierKey(text: string): Promise<VerifierKey | undefined> {
  const match = /^([^\s+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(text.trim());
  if (!match) return undefined;
  const [, name, keyId, encoded] = match as unknown as [string, string, string, string];
  const bytes = fromBase64(encoded);
  if (bytes?.length !== 33 || bytes[0] !== ed25519Type) return undefined;
  const publicKey = bytes.slice(1);
  if (toHex(await keyIdOf(name, publicKey)) !== keyId) return undefined;
  return { name, keyId, publicKey, text: text.trim() };
}

export type SignatureCheck =
  | { readonly ok: true; readonly key: VerifierKey }
  | { readonly ok: false; readonly problem: string };

/**
 * Whether one of the keys made a valid Ed25519 signature of the note's body. The signature line
 * must name the key and carry its key id; the signature itself is checked by Web Crypto.
 */
export async function verifyNoteSignature(
  note: SignedNote,
  keys: readonly VerifierKey[],
): Promise<SignatureCheck> {
  const named = note.signatures.map((s) => s.keyName).join(", ");
  for (const signature of note.signatures) {
    const key = keys.find((k) => k.name === signature.keyName && k.keyId === toHex(signature.keyId));
    if (!key || signature.signature.length !== 64) continue;
    const publicKey = await crypto.subtle.importKey("raw", key.publicKey, { name: "Ed25519" }, false, [
      "verify",
    ]);
    const body = encoder.encode(note.body);
    if (await crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature.signature, body)) {
      return { ok: true, key };
    }
    return {
      ok: false,
      problem: `the signature by key ${key.name} (${key.keyId}) does not match the checkpoint: it was altered or not signed by that key`,
    };
  }
  const trusted = keys.map((k) => `${k.name} (${k.keyId})`).join(", ") || "none";
  return {
    ok: false,
    problem: `no signature is by a key trusted here (signed by ${named}; trusted: ${trusted})`,
  };
}

/**
 * The checkpoint the server answered, checked against its own signed note: the note must carry the
 * same origin, size and root, and a valid signature by one of the verifier keys given.
 */
export async function verifyCheckpointSignature(
  checkpoint: {
    readonly origin: string;
    readonly size: number;
    readonly root: string;
    readonly note: string;
  },
  keyTexts: readonly string[],
): Promise<SignatureCheck> {
  const note = parseSignedNote(checkpoint.note);
  if (!note) return { ok: false, problem: "the checkpoint's note is not a signed note" };
  if (note.origin !== checkpoint.origin || note.size !== checkpoint.size || note.root !== checkpoint.root) {
    return {
      ok: false,
      problem: `the signed note is for ${note.size} entries with root ${note.root}, not the ${checkpoint.size} entries with root ${checkpoint.root} the server reports`,
    };
  }
  const keys = (await Promise.all(keyTexts.map(parseVerifierKey))).filter(
    (key): key is VerifierKey => key !== undefined,
  );
  return verifyNoteSignature(note, keys);
}
