import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { z } from "zod";
import { canonicalize } from "../../common/canonical-json.js";
import { InputError } from "../../common/input-error.js";
import { parseStructured } from "../../common/structured-input.js";
import { isEui64 } from "../duis/identifiers.js";
import { type Loosening, loosenings } from "./loosening.js";
import { parseThresholds, type Threshold, type ThresholdOptions } from "./thresholds.js";

/**
 * Signed threshold files: how a User notifies amended Anomaly Detection Thresholds so that they
 * are applied only after the notification's signature checks out and only once (G6.6A(a), (b)).
 *
 * The signed file is one line of RFC 8785 canonical JSON holding the format name, the issuing
 * User ID, a sequence number, the thresholds file's text exactly as written, and an Ed25519
 * signature (hex) over the canonical JSON of the other four fields. A verifier refuses a file
 * that is not byte for byte the canonical form, so no edit — not even to whitespace — passes, and
 * the hex signature has a single spelling (base64 would let a last character vary unnoticed).
 *
 * Replay protection is a number, not a memory of every file seen: each User ID's files carry a
 * strictly increasing sequence, and one is applied only when its sequence is above the last
 * applied for that User ID. A file signed once can therefore be applied once, and an old file
 * can never roll a newer set back.
 */

export const signedFormat = "secg-adt-thresholds-signed/1";

export type SignedThresholds = {
  readonly format: typeof signedFormat;
  readonly userId: string;
  readonly sequence: number;
  /** The thresholds file's text (YAML or JSON), as signed. */
  readonly thresholds: string;
  /** Ed25519 signature, lower-case hex, over the canonical JSON of the other fields. */
  readonly signature: string;
};

export type RefusalReason =
  /** The file is not exactly the canonical form that was signed. */
  | "altered"
  | "bad-signature"
  /** The sequence is not above the last one applied for this User ID. */
  | "replayed"
  /** No public key is registered for the issuing User ID. */
  | "unregistered"
  /** The file sets thresholds for another User ID or for the DCC. */
  | "foreign-thresholds";

export type Verification =
  | {
      readonly accepted: true;
      readonly userId: string;
      readonly sequence: number;
      readonly thresholds: readonly Threshold[];
      /** Levels this file loosens against the issuer's current thresholds: applied, but flagged. */
      readonly loosened: readonly Loosening[];
    }
  | {
      readonly accepted: false;
      readonly userId: string;
      readonly sequence: number;
      readonly reason: RefusalReason;
      readonly message: string;
    };

/** What a verifier remembers between files: the explicit state replay protection needs. */
export type AppliedThresholds = {
  readonly lastSequence: ReadonlyMap<string, number>;
  readonly thresholds: readonly Threshold[];
};

export const noneApplied: AppliedThresholds = { lastSequence: new Map(), thresholds: [] };

export type KeyPairPem = { readonly privateKey: string; readonly publicKey: string };

export function generateSigningKeys(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

export function parsePrivateKey(pem: string, file: string): KeyObject {
  return ed25519(() => createPrivateKey(pem), file, "an Ed25519 private key in PKCS#8 PEM");
}

export function parsePublicKey(pem: string, file: string): KeyObject {
  return ed25519(() => createPublicKey(pem), file, "an Ed25519 public key in SPKI PEM");
}

function ed25519(read: () => KeyObject, file: string, expected: string): KeyObject {
  let key: KeyObject;
  try {
    key = read();
  } catch {
    throw new InputError({ file }, expected);
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new InputError({ file }, `${expected} (found a ${key.asymmetricKeyType ?? "symmetric"} key)`);
  }
  return key;
}

export type SignRequest = {
  /** The thresholds file's text and name, for errors. */
  readonly text: string;
  readonly file: string;
  readonly userId: string;
  readonly sequence: number;
};

/**
 * The signed file for a thresholds file. The thresholds are validated first, and must all be
 * the issuing User ID's own: a User notifies its own thresholds, never another's or the DCC's.
 */
export function signThresholds(
  request: SignRequest,
  privateKey: KeyObject,
  options: ThresholdOptions,
): string {
  const userId = request.userId.toUpperCase();
  if (!isEui64(userId)) {
    throw new InputError(
      { path: "--user-id" },
      `an EUI-64 User ID like 90-B3-D5-1F-30-01-00-00, found "${request.userId}"`,
    );
  }
  if (!Number.isSafeInteger(request.sequence) || request.sequence < 1) {
    throw new InputError(
      { path: "--sequence" },
      "a whole number from 1, higher than any sequence signed before",
    );
  }
  const thresholds = parseThresholds(request.text, request.file, options);
  const foreign = foreignThreshold(thresholds, userId);
  if (foreign !== undefined)
    throw new InputError({ file: request.file, path: `thresholds[${foreign.index}]` }, foreign.expected);
  const payload = {
    format: signedFormat,
    userId,
    sequence: request.sequence,
    thresholds: request.text,
  } as const;
  const signature = sign(null, payloadBytes(payload), privateKey).toString("hex");
  return `${canonicalize({ ...payload, signature })}\n`;
}

const signedSchema = z.strictObject({
  format: z.literal(signedFormat),
  userId: z.custom<string>((v) => typeof v === "string" && isEui64(v) && v === v.toUpperCase(), {
    error: "an upper-case EUI-64 User ID like 90-B3-D5-1F-30-01-00-00",
  }),
  sequence: z.custom<number>((v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1, {
    error: "a sequence number, a whole number from 1",
  }),
  thresholds: z.string(),
  signature: z.string().regex(/^[0-9a-f]{128}$/, "an Ed25519 signature as 128 lower-case hex digits"),
});

/** Reads a signed file's fields; a file that is not one at all is bad input. */
export function readSigned(text: string, file: string): SignedThresholds {
  return parseStructured(text, file, signedSchema);
}

export type VerifyOptions = ThresholdOptions & {
  /** The last sequence applied for the issuing User ID; undefined when none was. */
  readonly lastSequence?: number;
  /** The thresholds now applied, for flagging loosened levels; only the issuer's own are compared. */
  readonly current?: readonly Threshold[];
};

/**
 * Checks a signed file (G6.6A): exact canonical form, the signature under the issuer's public
 * key, a sequence above the last applied, and thresholds that are the issuer's own. Refusals are
 * results, not errors; only a file that cannot be read as a signed file at all is an InputError.
 */
export function verifySigned(
  text: string,
  file: string,
  publicKey: KeyObject,
  options: VerifyOptions,
): Verification {
  const signed = readSigned(text, file);
  const { userId, sequence } = signed;
  const refuse = (reason: RefusalReason, message: string): Verification => ({
    accepted: false,
    userId,
    sequence,
    reason,
    message,
  });
  if (text !== `${canonicalize(signed)}\n`) {
    return refuse("altered", "the file is not exactly as it was signed (canonical JSON, one line)");
  }
  const { signature, ...payload } = signed;
  if (!verify(null, payloadBytes(payload), publicKey, Buffer.from(signature, "hex"))) {
    return refuse("bad-signature", `the signature does not verify under the public key given for ${userId}`);
  }
  if (options.lastSequence !== undefined && sequence <= options.lastSequence) {
    return refuse(
      "replayed",
      `sequence ${sequence} is not above ${options.lastSequence}, the last applied for ${userId}: a replay or an older file`,
    );
  }
  const thresholds = parseThresholds(signed.thresholds, `${file} (signed thresholds)`, options);
  const foreign = foreignThreshold(thresholds, userId);
  if (foreign !== undefined)
    return refuse("foreign-thresholds", `thresholds[${foreign.index}]: ${foreign.expected}`);
  const current = (options.current ?? []).filter((t) => t.scope.kind === "user" && t.scope.userId === userId);
  return { accepted: true, userId, sequence, thresholds, loosened: loosenings(current, thresholds) };
}

/**
 * Applies a signed file to the explicit state: the issuer's thresholds are replaced by the
 * file's and its sequence remembered, only if verification accepts it under the key registered
 * for the issuing User ID. A refused file leaves the state as it was.
 */
export function applySigned(
  state: AppliedThresholds,
  text: string,
  file: string,
  registeredKeys: ReadonlyMap<string, KeyObject>,
  options: ThresholdOptions,
): { readonly verification: Verification; readonly state: AppliedThresholds } {
  const { userId, sequence } = readSigned(text, file);
  const key = registeredKeys.get(userId);
  if (key === undefined) {
    const message = `no public key is registered for User ID ${userId}`;
    return { verification: { accepted: false, userId, sequence, reason: "unregistered", message }, state };
  }
  const lastSequence = state.lastSequence.get(userId);
  const verification = verifySigned(text, file, key, {
    ...options,
    current: state.thresholds,
    ...(lastSequence === undefined ? {} : { lastSequence }),
  });
  if (!verification.accepted) return { verification, state };
  const others = state.thresholds.filter((t) => t.scope.kind !== "user" || t.scope.userId !== userId);
  // Indices name a threshold's place in its set (decisions cite them), so the merged set is renumbered.
  const thresholds = [...others, ...verification.thresholds].map((t, index) => ({ ...t, index }));
  const lastSequenceNext = new Map(state.lastSequence).set(userId, sequence);
  return { verification, state: { lastSequence: lastSequenceNext, thresholds } };
}

function payloadBytes(payload: Omit<SignedThresholds, "signature">): Buffer {
  return Buffer.from(canonicalize(payload) ?? "", "utf8");
}

function foreignThreshold(
  thresholds: readonly Threshold[],
  userId: string,
): { readonly index: number; readonly expected: string } | undefined {
  for (const t of thresholds) {
    if (t.scope.kind === "dcc") {
      return {
        index: t.index,
        expected: `only thresholds of User ID ${userId} (the DCC sets dcc-scope thresholds itself)`,
      };
    }
    if (t.scope.userId !== userId) {
      return {
        index: t.index,
        expected: `only thresholds of User ID ${userId}, the issuer (found ${t.scope.userId})`,
      };
    }
  }
  return undefined;
}
