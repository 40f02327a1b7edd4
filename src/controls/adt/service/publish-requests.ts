import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { connect } from "nats";
import { InputError } from "../../../common/input-error.js";
import type { AdtRequest } from "../request.js";
import { parseRequestLine } from "../request-line.js";
import { batchPublisher, type Outgoing } from "./publisher.js";
import { connectionOptions, jetStreamOptions } from "./stage-context.js";
import { ensureStreams } from "./streams.js";
import { type ServiceNames, serviceNames, usersToken } from "./subjects.js";

/**
 * Publishes a JSON Lines file of Service Requests to the requests stream. Each line is checked
 * first, so bad input stops with its line number. By default each request is a message of its
 * own on its User's subject, the RequestID as message id so JetStream drops a republished line
 * within its duplicate window. With `perMessage` above 1, consecutive requests share a message,
 * one line each (the service then publishes their outcomes as one message too): on their User's
 * subject when all are one User's, on the mixed subject otherwise.
 */

export type PublishOptions = {
  readonly natsUrl: string;
  readonly prefix?: string;
  /** Requests per message, 1 (the default) to `maxPerMessage`. */
  readonly perMessage?: number;
};

export const maxPerMessage = 10_000;

/** A message is closed before it grows past this, well inside NATS's default 1 MB payload. */
const maxMessageBytes = 256 * 1024;

/** Publishes go out, and wait for their acknowledgements, in batches of this many. */
const window = 4096;

export type Pending = { readonly request: AdtRequest; readonly text: string };

export async function publishRequests(file: string, options: PublishOptions): Promise<number> {
  const names = serviceNames(options.prefix);
  const perMessage = options.perMessage ?? 1;
  if (!Number.isInteger(perMessage) || perMessage < 1 || perMessage > maxPerMessage) {
    throw new RangeError(`requests per message from 1 to ${maxPerMessage}, found ${perMessage}`);
  }
  const nc = await connect({ ...connectionOptions, servers: options.natsUrl, name: "secg-adt-publish" });
  try {
    await ensureStreams(await nc.jetstreamManager(jetStreamOptions), names);
    const publisher = batchPublisher(nc, jetStreamOptions.timeout);
    let outgoing: Outgoing[] = [];
    let pending: Pending[] = [];
    let pendingBytes = 0;
    let line = 0;
    let published = 0;
    const close = async () => {
      if (pending.length > 0) outgoing.push(requestsMessage(names, pending));
      pending = [];
      pendingBytes = 0;
      if (outgoing.length >= window) {
        await publisher.publish(outgoing);
        outgoing = [];
      }
    };
    const lines = createInterface({
      input: createReadStream(file, { encoding: "utf8" }),
      crlfDelay: Infinity,
    });
    for await (const raw of lines) {
      line++;
      const text = raw.replace(/^\uFEFF/, "");
      if (text.trim() === "") continue;
      let request: AdtRequest;
      try {
        request = parseRequestLine(text);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const { path } = error.where;
        throw new InputError({ file, line, ...(path === undefined ? {} : { path }) }, error.expected);
      }
      if (pendingBytes + text.length + 1 > maxMessageBytes) await close();
      pending.push({ request, text });
      pendingBytes += text.length + 1;
      published++;
      if (pending.length >= perMessage) await close();
    }
    await close();
    await publisher.publish(outgoing);
    publisher.close();
    return published;
  } finally {
    await nc.drain();
  }
}

/**
 * One message of requests. A message of several has a message id of its first RequestID and
 * its size, so the same file published the same way again is dropped within the window too.
 */
export function requestsMessage(names: ServiceNames, pending: readonly Pending[]): Outgoing {
  const first = pending[0]!.request;
  return {
    subject: names.requests(usersToken(pending.map(({ request }) => request.userId))),
    data: pending.map(({ text }) => text).join("\n"),
    once: { msgId: pending.length === 1 ? first.requestId : `${first.requestId}+${pending.length}` },
  };
}
