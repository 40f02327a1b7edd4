/**
 * Password hashing and the password rules. argon2id with at least the OWASP minimum cost
 * (19 MiB, 2 passes, 1 lane), a 16-byte random salt, stored as a PHC string so the parameters
 * travel with the hash and can be raised later without breaking old ones.
 */
import { randomBytes } from "node:crypto";
import { argon2id, argon2Verify } from "hash-wasm";
import { InputError } from "../../common/input-error.js";

export const argon2Parameters = {
  memorySize: 19_456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
} as const;

export const minimumPasswordLength = 12;
// Hashing cost grows with the input; nobody types more than this.
const maximumPasswordLength = 256;

export function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...argon2Parameters, outputType: "encoded" });
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies against a hash of a random password, so that a login for a username that does not exist
 * costs the same time as one for a user who does, and reveals nothing about which names exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(24).toString("base64url"));
  await verifyPassword(password, await dummy);
  return false;
}

/** Refuses a password that is too short, too long, or contains the username. */
export function checkPasswordRules(password: string, username: string, path = "password"): void {
  const length = [...password].length;
  if (length < minimumPasswordLength || length > maximumPasswordLength) {
    throw new InputError(
      { path },
      `a password of ${minimumPasswordLength} to ${maximumPasswordLength} characters (got ${length})`,
    );
  }
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new InputError({ path }, "a password that does not contain the username");
  }
}

/** A password for one use only (first start, reset): 18 random bytes, 24 URL-safe characters. */
export function oneTimePassword(): string {
  return randomBytes(18).toString("base64url");
}
