import { isIPv4, isIPv6 } from "node:net";
import { InputError, type Where } from "../../common/input-error.js";

/**
 * Peer networks in CIDR notation (IPv4 and IPv6). Addresses become BigInts so that one test
 * serves both families; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) matches IPv4 networks.
 */
export type Network = {
  readonly family: 4 | 6;
  readonly base: bigint;
  readonly mask: bigint;
  readonly text: string;
};

export function parseCidr(text: string, where: Where): Network {
  const [address, bits, extra] = text.split("/");
  const family = address && isIPv4(address) ? 4 : address && isIPv6(address) ? 6 : undefined;
  const width = family === 4 ? 32 : 128;
  const prefix = bits === undefined ? width : /^\d{1,3}$/.test(bits) ? Number(bits) : Number.NaN;
  if (family === undefined || extra !== undefined || !(prefix >= 0 && prefix <= width))
    throw new InputError(where, "a network in CIDR notation (10.0.0.0/8, 2001:db8::/32)");
  const mask = prefix === 0 ? 0n : ((1n << BigInt(prefix)) - 1n) << BigInt(width - prefix);
  return { family, base: toBigInt(address!, family) & mask, mask, text };
}

export function inNetwork(address: string, network: Network): boolean {
  const parsed = parseAddress(address);
  if (!parsed) return false;
  return parsed.family === network.family && (parsed.value & network.mask) === network.base;
}

function parseAddress(address: string): { family: 4 | 6; value: bigint } | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return { family: 4, value: toBigInt(mapped, 4) };
  if (isIPv4(address)) return { family: 4, value: toBigInt(address, 4) };
  if (isIPv6(address)) return { family: 6, value: toBigInt(address, 6) };
  return undefined;
}

function toBigInt(address: string, family: 4 | 6): bigint {
  if (family === 4) return address.split(".").reduce((acc, part) => (acc << 8n) | BigInt(part), 0n);
  let text = address;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)?.[1];
  if (dotted) {
    const v4 = toBigInt(dotted, 4);
    text = `${text.slice(0, -dotted.length)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const groups = (part: string | undefined) => (part ? part.split(":") : []);
  const left = groups(head);
  const right = groups(tail);
  const all =
    tail === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
}
