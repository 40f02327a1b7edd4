import type { JetStreamClient, JetStreamManager, JsMsg } from "nats";

/**
 * Reads a stream from its first message to the last one present when the read starts, through
 * an ordered (ephemeral, flow-controlled) consumer: how a restarted stage rebuilds its state from
 * the log it wrote.
 */
export async function readStream(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  onMessage: (message: JsMsg) => void,
): Promise<number> {
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return 0;
  const consumer = await js.consumers.get(stream);
  const messages = await consumer.consume({ max_messages: 5000 });
  let read = 0;
  for await (const message of messages) {
    onMessage(message);
    read++;
    if (message.seq >= state.last_seq) break;
  }
  await messages.close();
  return read;
}
