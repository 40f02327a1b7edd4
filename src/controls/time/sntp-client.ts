import { createSocket } from "node:dgram";
import { isIPv6 } from "node:net";
import { clientRequest, decodePacket, offsetAndDelay } from "./ntp-packet.js";

/**
 * One SNTP exchange over UDP. Replies are checked as RFC 4330 §5 asks: server mode, a non-zero
 * transmit time, our transmit time echoed as originate (which also rejects stray or spoofed
 * packets), a synchronised leap indicator, and stratum 0 read as a kiss-o'-death code.
 */
export type Sample =
  | { readonly ok: true; readonly offsetMs: number; readonly delayMs: number; readonly stratum: number }
  | { readonly ok: false; readonly reason: string; readonly kiss?: string };

export type Clock = () => number;

export const systemClock: Clock = () => performance.timeOrigin + performance.now();

export function querySntp(
  host: string,
  port: number,
  timeoutMs: number,
  clock: Clock = systemClock,
): Promise<Sample> {
  return new Promise((resolve) => {
    const socket = createSocket(isIPv6(host) ? "udp6" : "udp4");
    let sentAt = 0;
    let request: Buffer | undefined;
    const finish = (sample: Sample) => {
      clearTimeout(timer);
      socket.close();
      resolve(sample);
    };
    const timer = setTimeout(
      () => finish({ ok: false, reason: `no reply within ${timeoutMs} ms` }),
      timeoutMs,
    );
    socket.on("error", (error) => finish({ ok: false, reason: error.message }));
    socket.on("message", (message) => {
      const arrivedAt = clock();
      const reply = decodePacket(message);
      if (!reply || !request || !reply.originateRaw.equals(request.subarray(40, 48))) return;
      if (reply.mode !== 4)
        return finish({ ok: false, reason: `reply in mode ${reply.mode}, not server mode 4` });
      if (reply.stratum === 0) {
        const kiss = reply.referenceId.toString("ascii").replace(/\0+$/, "");
        return finish({ ok: false, reason: `kiss-o'-death ${kiss}`, kiss });
      }
      if (reply.leap === 3)
        return finish({ ok: false, reason: "server clock not synchronised (leap indicator 3)" });
      if (reply.transmitMs === 0) return finish({ ok: false, reason: "reply without a transmit time" });
      const { offsetMs, delayMs } = offsetAndDelay(sentAt, reply.receiveMs, reply.transmitMs, arrivedAt);
      finish({ ok: true, offsetMs, delayMs, stratum: reply.stratum });
    });
    sentAt = clock();
    request = clientRequest(sentAt);
    socket.send(request, port, host, (error) => {
      if (error) finish({ ok: false, reason: error.message });
    });
  });
}
