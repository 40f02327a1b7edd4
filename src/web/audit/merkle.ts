/**
 * RFC 6962 (RFC 9162 §2.1.1) tree hashing in the browser, with Web Crypto, so the dashboard checks
 * the server's audit log itself instead of trusting a "verified" answer from it.
 */

const encoder = new TextEncoder();

export async function sha256(...parts: Uint8Array[]): Promise<Uint8Array> {
  const joined = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
}

/** The leaf hash of an entry: SHA-256(0x00 || entry). */
export function leafHash(entry: string): Promise<Uint8Array> {
  return sha256(Uint8Array.of(0), encoder.encode(entry));
}

function nodeHash(left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  return sha256(Uint8Array.of(1), left, right);
}

/**
 * The tree head over leaves fed in order, holding only one hash per level: complete subtrees merge
 * as they fill, and the last, incomplete ones fold from the right, which is where the RFC's split
 * point always falls.
 */
export class TreeHasher {
  private readonly stack: { level: number; hash: Uint8Array }[] = [];
  size = 0;

  async add(leaf: Uint8Array): Promise<void> {
    let node = { level: 0, hash: leaf };
    for (let top = this.stack.at(-1); top && top.level === node.level; top = this.stack.at(-1)) {
      this.stack.pop();
      node = { level: node.level + 1, hash: await nodeHash(top.hash, node.hash) };
    }
    this.stack.push(node);
    this.size += 1;
  }

  async root(): Promise<Uint8Array> {
    if (this.stack.length === 0) return sha256();
    let hash = this.stack.at(-1)!.hash;
    for (let i = this.stack.length - 2; i >= 0; i -= 1) hash = await nodeHash(this.stack[i]!.hash, hash);
    return hash;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Bytes from base64; undefined when the text is not canonical base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return toBase64(bytes) === text ? bytes : undefined;
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
