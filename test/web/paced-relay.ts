import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as delay } from "node:timers/promises";

export type PacedRelay = { readonly url: string; readonly close: () => Promise<void> };

/**
 * A loopback HTTP relay to the dashboard's server: a slow link for streamed answers. Responses
 * pass through as they come, except JSON Lines, which go on a line at a time `gapMs` apart — so
 * the page reads each progress line on its own, however fast the machine made them. Cookies
 * are not bound to a port, so the page stays signed in through it.
 */
export async function pacedRelay(base: string, gapMs: number): Promise<PacedRelay> {
  const target = new URL(base);
  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        if (!String(answer.headers["content-type"]).startsWith("application/x-ndjson")) {
          answer.pipe(outgoing);
          return;
        }
        answer.setEncoding("utf8");
        void (async () => {
          let pending = "";
          for await (const chunk of answer) {
            const lines = (pending + (chunk as string)).split("\n");
            pending = lines.pop() ?? "";
            for (const line of lines) {
              outgoing.write(`${line}\n`);
              await delay(gapMs);
            }
          }
          outgoing.end(pending);
        })().catch(() => outgoing.destroy());
      },
    );
    upstream.on("error", () => outgoing.destroy());
    // The page cancelling a replay closes its side; the server must see that too.
    outgoing.on("close", () => upstream.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
