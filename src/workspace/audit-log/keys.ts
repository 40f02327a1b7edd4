/**
 * The audit log's signing keys: Ed25519 private keys in <data>/keys/audit-<n>.key (PKCS #8 PEM,
 * mode 0600), made on first use. The highest n signs; rotating adds n+1, and older files stay so
 * that nothing is lost, while their public halves are also registered in the store when first
 * used, so old checkpoints verify even where the files are gone.
 */
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../../common/input-error.js";
import { rawPublicKey } from "./note.js";

export type SigningKey = {
  /** The key's number n, from its file name. */
  readonly number: number;
  readonly file: string;
  readonly privateKey: KeyObject;
  readonly publicKey: Buffer;
};

const keyFilePattern = /^audit-([1-9]\d{0,5})\.key$/;

export function keysFolder(dataDir: string): string {
  return join(dataDir, "keys");
}

/** The signing key: the highest-numbered key file, created as audit-1.key when there is none. */
export async function currentSigningKey(dataDir: string): Promise<SigningKey> {
  const numbers = await keyNumbers(dataDir);
  const latest = numbers.at(-1);
  return latest === undefined ? createKey(dataDir, 1) : loadKey(dataDir, latest);
}

/** Makes the next key; from now on it signs. */
export async function rotateSigningKey(dataDir: string): Promise<SigningKey> {
  const numbers = await keyNumbers(dataDir);
  return createKey(dataDir, (numbers.at(-1) ?? 0) + 1);
}

async function keyNumbers(dataDir: string): Promise<number[]> {
  let names: string[];
  try {
    names = await readdir(keysFolder(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names
    .map((name) => keyFilePattern.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

async function createKey(dataDir: string, number: number): Promise<SigningKey> {
  await mkdir(keysFolder(dataDir), { recursive: true, mode: 0o700 });
  const file = join(keysFolder(dataDir), `audit-${number}.key`);
  const { privateKey } = generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" });
  try {
    // "wx": two processes making the same key at once must not overwrite each other's.
    await writeFile(file, pem, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return loadKey(dataDir, number);
    throw error;
  }
  return { number, file, privateKey, publicKey: rawPublicKey(privateKey) };
}

async function loadKey(dataDir: string, number: number): Promise<SigningKey> {
  const file = join(keysFolder(dataDir), `audit-${number}.key`);
  try {
    const privateKey = createPrivateKey(await readFile(file, "utf8"));
    if (privateKey.asymmetricKeyType !== "ed25519") throw new TypeError("not Ed25519");
    return { number, file, privateKey, publicKey: rawPublicKey(privateKey) };
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError({ file }, "an Ed25519 private key in PKCS #8 PEM, as secg writes it");
  }
}
