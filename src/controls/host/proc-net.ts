import { InputError } from "../../common/input-error.js";
import type { ObservedSocket, SocketState } from "./inventory.js";

/**
 * Reads one of the kernel's socket tables (/proc/net/tcp, tcp6, udp, udp6). Addresses are hex in
 * the kernel's byte order: each 32-bit word is little-endian, so 0100007F is 127.0.0.1, and an
 * IPv6 address is four such words. A UDP socket has no LISTEN state: one bound with no peer is
 * what receives datagrams, so it is reported as listening.
 */
export type ProcNetTable = "tcp" | "tcp6" | "udp" | "udp6";

const TCP_ESTABLISHED = "01";
const TCP_LISTEN = "0A";
const UDP_CONNECTED = "01";
const UDP_UNCONNECTED = "07";

export function parseProcNet(text: string, table: ProcNetTable, file: string): ObservedSocket[] {
  const protocol = table.startsWith("tcp") ? "tcp" : "udp";
  const family = table.endsWith("6") ? 6 : 4;
  const lines = text.split("\n");
  if (!/^\s*sl\s+local_address/.test(lines[0] ?? ""))
    throw new InputError({ file, line: 1 }, "the /proc/net header line (sl local_address …)");
  const sockets: ObservedSocket[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === "") continue;
    const fields = line.trim().split(/\s+/);
    const where = { file, line: i + 1 };
    if (fields.length < 10 || !/^\d+:$/.test(fields[0]!))
      throw new InputError(where, "a socket line (sl: local rem st … uid timeout inode)");
    const local = endpoint(fields[1]!, family, { ...where, path: "local_address" });
    const remote = endpoint(fields[2]!, family, { ...where, path: "rem_address" });
    const st = fields[3]!.toUpperCase();
    if (!/^[0-9A-F]{2}$/.test(st)) throw new InputError({ ...where, path: "st" }, "a two-digit hex state");
    const inode = Number(fields[9]);
    if (!/^\d+$/.test(fields[9]!)) throw new InputError({ ...where, path: "inode" }, "a decimal inode");
    sockets.push({
      protocol,
      family,
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      state: state(protocol, st, remote.port),
      inode,
    });
  }
  return sockets;
}

function state(protocol: "tcp" | "udp", st: string, remotePort: number): SocketState {
  if (protocol === "tcp")
    return st === TCP_LISTEN ? "listen" : st === TCP_ESTABLISHED ? "established" : "other";
  if (st === UDP_UNCONNECTED && remotePort === 0) return "listen";
  return st === UDP_CONNECTED ? "established" : "other";
}

function endpoint(
  text: string,
  family: 4 | 6,
  where: { file: string; line: number; path: string },
): { address: string; port: number } {
  const width = family === 4 ? 8 : 32;
  const match = new RegExp(`^([0-9A-Fa-f]{${width}}):([0-9A-Fa-f]{4})$`).exec(text);
  if (!match)
    throw new InputError(where, `an IPv${family} address and port in hex (${width} digits:4 digits)`);
  const hex = match[1]!;
  const words: number[] = [];
  for (let w = 0; w < width; w += 8) words.push(littleEndianWord(hex.slice(w, w + 8)));
  return { address: family === 4 ? ipv4(words[0]!) : ipv6(words), port: Number.parseInt(match[2]!, 16) };
}

function littleEndianWord(hex8: string): number {
  let value = 0;
  for (let b = 3; b >= 0; b--) value = value * 256 + Number.parseInt(hex8.slice(b * 2, b * 2 + 2), 16);
  return value;
}

function ipv4(word: number): string {
  return [word >>> 24, (word >>> 16) & 255, (word >>> 8) & 255, word & 255].join(".");
}

/** Written in the canonical compressed form (RFC 5952), with IPv4-mapped addresses as ::ffff:a.b.c.d. */
export function ipv6(words: readonly number[]): string {
  const groups = words.flatMap((w) => [w >>> 16, w & 0xffff]);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return `::ffff:${ipv4(words[3]!)}`;
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}
