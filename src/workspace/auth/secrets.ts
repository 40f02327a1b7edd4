/** Random secrets and their digests: the store keeps only SHA-256 of what it hands out. */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url: 43 characters. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

export const secretPattern = /^[A-Za-z0-9_-]{43}$/;

export function sha256(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** Whether `text` hashes to `digest`, in time independent of where they differ. */
export function digestMatches(text: string, digest: Buffer): boolean {
  const actual = sha256(text);
  return actual.length === digest.length && timingSafeEqual(actual, digest);
}
