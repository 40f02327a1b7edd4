import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from "nats";

/**
 * A durable pull consumer read in batches. A batch is handed on once the consumer has nothing
 * more pending or it is full; after the handler has made the batch's effects durable, the last
 * message is acknowledged, which under AckPolicy.All acknowledges the whole batch.
 *
 * Batches are pipelined: the handler's synchronous part (deciding) runs at once, in stream
 * order, and its returned promise (making the outcomes durable) may still be pending while the
 * next batches are decided — up to `maxInFlight` of them. Batches are acknowledged strictly in
 * order, each only after its own promise settles, so an acknowledged message always has its
 * effects stored; handlers keep their outputs in order themselves (see the User stage).
 *
 * The consumer is made afresh at each start, positioned just after the last message whose
 * effects reached the stage's log. Resuming from the consumer's own ack floor instead would let
 * JetStream hand out new messages before redelivering those a crashed process had in flight, and
 * the engine must see each key's requests in time order. Messages redelivered while running
 * (an ack wait expired) were already decided and are dropped by RequestID.
 */

export type BatchLoop = {
  /** Settles when the loop ends: after `stop`, or rejected when the handler failed. */
  readonly done: Promise<void>;
  readonly stop: () => Promise<void>;
};

const batchSize = 1000;
const maxInFlight = 4;
const nanos = 1_000_000;

export async function consumeBatches(
  js: JetStreamClient,
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  filterSubject: string,
  startSeq: number,
  handle: (batch: JsMsg[]) => Promise<void>,
): Promise<BatchLoop> {
  await jsm.consumers.delete(stream, durable).catch(() => false);
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.All,
    ...(startSeq > 1
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: startSeq }
      : { deliver_policy: DeliverPolicy.All }),
    filter_subject: filterSubject,
    ack_wait: 30_000 * nanos,
    max_ack_pending: 50_000,
  });
  const consumer = await js.consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: (maxInFlight + 1) * batchSize });
  const done = (async () => {
    let batch: JsMsg[] = [];
    const inFlight: { readonly work: Promise<void>; readonly last: JsMsg }[] = [];
    const settleOldest = async () => {
      const oldest = inFlight.shift()!;
      await oldest.work;
      oldest.last.ack();
    };
    for await (const message of messages) {
      batch.push(message);
      if (message.info.pending === 0 || batch.length >= batchSize) {
        const work = handle(batch);
        // Awaited in turn below; until then a failure must not count as unhandled.
        work.catch(() => undefined);
        inFlight.push({ work, last: message });
        batch = [];
        while (inFlight.length > maxInFlight) await settleOldest();
        // Nothing more to decide for now: let every acknowledgement go out.
        if (message.info.pending === 0) while (inFlight.length > 0) await settleOldest();
      }
    }
  })();
  // A failed handler must not leave the consumer running with a state ahead of what was stored.
  done.catch(() => messages.stop());
  return {
    done,
    stop: async () => {
      messages.stop();
      await done.catch(() => undefined);
    },
  };
}
