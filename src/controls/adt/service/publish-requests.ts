import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { connect } from "nats";
import { InputError } from "../../../common/input-error.js";
import { parseRequestLine } from "../request-line.js";
import { batchPublisher, type Outgoing } from "./publisher.js";
import { connectionOptions, jetStreamOptions } from "./stage-context.js";
import { ensureStreams } from "./streams.js";
import { serviceNames, userToken } from "./subjects.js";

/**
 * Publishes a JSON Lines file of Service Requests to the requests stream, one message a line on
 * its User's subject, the RequestID as message id so JetStream drops a republished line within
 * its duplicate window. Each line is checked first, so bad input stops with its line number.
 */

export type PublishOptions = { readonly natsUrl: string; readonly prefix?: string };

/** Publishes go out, and wait for their acknowledgements, in batches of this many. */
const window = 4096;

export async function publishRequests(file: string, options: PublishOptions): Promise<number> {
  const names = serviceNames(options.prefix);
  const nc = await connect({ ...connectionOptions, servers: options.natsUrl, name: "secg-adt-publish" });
  try {
    await ensureStreams(await nc.jetstreamManager(jetStreamOptions), names);
    const publisher = batchPublisher(nc, jetStreamOptions.timeout);
    let batch: Outgoing[] = [];
    let line = 0;
    let published = 0;
    const lines = createInterface({
      input: createReadStream(file, { encoding: "utf8" }),
      crlfDelay: Infinity,
    });
    for await (const raw of lines) {
      line++;
      const text = raw.replace(/^\uFEFF/, "");
      if (text.trim() === "") continue;
      let request: ReturnType<typeof parseRequestLine>;
      try {
        request = parseRequestLine(text);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const { path } = error.where;
        throw new InputError({ file, line, ...(path === undefined ? {} : { path }) }, error.expected);
      }
      batch.push({
        subject: names.requests(userToken(request.userId)),
        data: text,
        once: { msgId: request.requestId },
      });
      published++;
      if (batch.length >= window) {
        await publisher.publish(batch);
        batch = [];
      }
    }
    await publisher.publish(batch);
    publisher.close();
    return published;
  } finally {
    await nc.drain();
  }
}
