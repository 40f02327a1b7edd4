import { createSocket, type Socket } from "node:dgram";
import { PACKET_BYTES, writeTimestamp } from "../../../src/controls/time/ntp-packet.js";

/**
 * A tiny NTP server for tests, bound to 127.0.0.1 on a free port, whose clock reads this
 * machine's clock plus `offsetMs`. It can answer with a kiss-o'-death code, an unsynchronised
 * leap indicator, a wrong originate, or not at all, to exercise the client's checks.
 */
export type ResponderOptions = {
  readonly offsetMs?: number;
  readonly kiss?: string;
  readonly leap?: number;
  readonly wrongOriginate?: boolean;
  readonly silent?: boolean;
};

export type Responder = {
  readonly port: number;
  readonly requests: () => number;
  readonly close: () => Promise<void>;
};

export async function startResponder(options: ResponderOptions = {}): Promise<Responder> {
  const socket: Socket = createSocket("udp4");
  let requests = 0;
  const now = () => performance.timeOrigin + performance.now() + (options.offsetMs ?? 0);
  socket.on("message", (request, peer) => {
    requests++;
    if (options.silent || request.length < PACKET_BYTES) return;
    const received = now();
    const reply = Buffer.alloc(PACKET_BYTES);
    reply[0] = ((options.leap ?? 0) << 6) | (4 << 3) | 4;
    reply[1] = options.kiss ? 0 : 2;
    reply.write((options.kiss ?? "GPS").padEnd(4, "\0"), 12, "ascii");
    writeTimestamp(reply, 16, received - 1000);
    if (options.wrongOriginate) writeTimestamp(reply, 24, received);
    else request.copy(reply, 24, 40, 48);
    writeTimestamp(reply, 32, received);
    writeTimestamp(reply, 40, now());
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    port: socket.address().port,
    requests: () => requests,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
