/**
 * The 48-byte SNTP packet (RFC 4330 §4) and NTP timestamps: seconds since 1900 in 32 bits plus
 * a 32-bit fraction. The seconds wrap in February 2036; RFC 4330 §3 reads a value with its top
 * bit clear as belonging to the era that starts then, which keeps this correct until 2104.
 */
export const PACKET_BYTES = 48;
const SECONDS_1900_TO_1970 = 2_208_988_800;
const ERA = 2 ** 32;

export type NtpPacket = {
  readonly leap: number;
  readonly version: number;
  readonly mode: number;
  readonly stratum: number;
  readonly poll: number;
  readonly precision: number;
  readonly referenceId: Buffer;
  /** Unix milliseconds; 0 marks a timestamp the sender left empty. */
  readonly referenceMs: number;
  readonly originateMs: number;
  readonly receiveMs: number;
  readonly transmitMs: number;
  /** The transmit timestamp exactly as sent, which a reply must echo as its originate. */
  readonly transmitRaw: Buffer;
  readonly originateRaw: Buffer;
};

export function writeTimestamp(buffer: Buffer, offset: number, unixMs: number): void {
  const seconds = Math.floor(unixMs / 1000);
  const fraction = Math.floor(((unixMs - seconds * 1000) / 1000) * ERA);
  buffer.writeUInt32BE((seconds + SECONDS_1900_TO_1970) % ERA, offset);
  buffer.writeUInt32BE(Math.min(fraction, ERA - 1), offset + 4);
}

export function readTimestamp(buffer: Buffer, offset: number): number {
  const seconds = buffer.readUInt32BE(offset);
  const fraction = buffer.readUInt32BE(offset + 4);
  if (seconds === 0 && fraction === 0) return 0;
  const era = seconds >= 0x8000_0000 ? 0 : ERA;
  return (seconds + era - SECONDS_1900_TO_1970) * 1000 + (fraction / ERA) * 1000;
}

/** A client request: version 4, mode 3 (client), transmit timestamp set to the send time. */
export function clientRequest(nowMs: number): Buffer {
  const packet = Buffer.alloc(PACKET_BYTES);
  packet[0] = (0 << 6) | (4 << 3) | 3;
  writeTimestamp(packet, 40, nowMs);
  return packet;
}

export function decodePacket(buffer: Buffer): NtpPacket | undefined {
  if (buffer.length < PACKET_BYTES) return undefined;
  const first = buffer[0]!;
  return {
    leap: first >> 6,
    version: (first >> 3) & 7,
    mode: first & 7,
    stratum: buffer[1]!,
    poll: buffer.readInt8(2),
    precision: buffer.readInt8(3),
    referenceId: buffer.subarray(12, 16),
    referenceMs: readTimestamp(buffer, 16),
    originateMs: readTimestamp(buffer, 24),
    receiveMs: readTimestamp(buffer, 32),
    transmitMs: readTimestamp(buffer, 40),
    originateRaw: buffer.subarray(24, 32),
    transmitRaw: buffer.subarray(40, 48),
  };
}

/** Offset and round-trip delay from the four timestamps (RFC 4330 §5). */
export function offsetAndDelay(
  t1: number,
  t2: number,
  t3: number,
  t4: number,
): { offsetMs: number; delayMs: number } {
  return { offsetMs: (t2 - t1 + (t3 - t4)) / 2, delayMs: t4 - t1 - (t3 - t2) };
}
