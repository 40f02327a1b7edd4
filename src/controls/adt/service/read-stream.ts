import { connect, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from "nats";
import { connectionOptions, jetStreamOptions } from "./stage-context.js";
import { type ServiceNames, serviceNames } from "./subjects.js";

/**
 * Part of a stream: the messages on subjects matching `filter` from sequence `from` to `to`,
 * where `to` must be the sequence of a message matching the filter (the read stops there).
 */
export type StreamRange = { readonly filter: string; readonly from: number; readonly to: number };

/**
 * Reads a stream from its first message to the last one present when the read starts, or a
 * range of it, through an ordered (ephemeral, flow-controlled) consumer: how a restarted stage
 * rebuilds its state from the log it wrote.
 */
export async function readStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  onMessage: (message: JsMsg) => void,
  range?: StreamRange,
): Promise<number> {
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return 0;
  const last = range?.to ?? state.last_seq;
  const consumer = await js.consumers.get(
    stream,
    range
      ? {
          filterSubjects: range.filter,
          deliver_policy: DeliverPolicy.StartSequence,
          opt_start_seq: range.from,
        }
      : undefined,
  );
  const messages = await consumer.consume({ max_messages: 5000 });
  let read = 0;
  for await (const message of messages) {
    onMessage(message);
    read++;
    if (message.seq >= last) break;
  }
  await messages.close();
  return read;
}

/** Reads the whole of one of the service's streams on a connection of its own, for a command. */
export async function readServiceStream(
  options: { readonly natsUrl: string; readonly prefix?: string | undefined; readonly client: string },
  stream: (names: ServiceNames) => string,
  onMessage: (message: JsMsg) => void,
): Promise<void> {
  const nc = await connect({ ...connectionOptions, servers: options.natsUrl, name: options.client });
  try {
    const jsm = await nc.jetstreamManager(jetStreamOptions);
    await readStream(nc.jetstream(jetStreamOptions), jsm, stream(serviceNames(options.prefix)), onMessage);
  } finally {
    await nc.close();
  }
}
