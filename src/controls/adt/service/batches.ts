import { AckPolicy, DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from "nats";

/**
 * A durable pull consumer read in batches. A batch is handed on once it is full (in messages or
 * bytes), the consumer reports nothing more pending, or it has waited `maxWaitMs`; after the
 * handler has made the batch's effects durable, the last message is acknowledged, which under
 * AckPolicy.All acknowledges the whole batch. The pending count a message carries is not to be
 * trusted alone: NATS 2.9 can overstate it for a filtered consumer, and a batch waiting for it
 * to read zero would wait for ever. So would the acknowledgements of the batches in flight, which go out
 * once nothing has arrived for `maxWaitMs` as well.
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
/** A batch is also handed on at this many bytes, since a message may carry many requests. */
const batchBytes = 4 * 1024 * 1024;
const maxInFlight = 4;
/**
 * At most this many messages of one consumer are decided and not yet acknowledged: the batches
 * in flight and the one being handed on. Outputs one stage had in flight all come from these.
 */
export const inFlightLimit = (maxInFlight + 1) * batchSize;
const nanos = 1_000_000;
const maxWaitMs = 100;

const waited = () => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), maxWaitMs));

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
  const messages = await consumer.consume({ max_messages: inFlightLimit });
  const done = (async () => {
    let batch: JsMsg[] = [];
    let bytes = 0;
    const inFlight: { readonly work: Promise<void>; readonly last: JsMsg }[] = [];
    const settleOldest = async () => {
      const oldest = inFlight.shift()!;
      await oldest.work;
      oldest.last.ack();
    };
    // Nothing more to decide for now: let every acknowledgement go out.
    const settleAll = async () => {
      while (inFlight.length > 0) await settleOldest();
    };
    const handOn = async (idle: boolean) => {
      const work = handle(batch);
      // Awaited in turn below; until then a failure must not count as unhandled.
      work.catch(() => undefined);
      inFlight.push({ work, last: batch.at(-1)! });
      batch = [];
      bytes = 0;
      while (inFlight.length > maxInFlight) await settleOldest();
      if (idle) await settleAll();
    };
    const incoming = messages[Symbol.asyncIterator]();
    const pull = () => {
      const next = incoming.next();
      // Awaited below, unless a failed handler ends the loop first.
      next.catch(() => undefined);
      return next;
    };
    let next = pull();
    let deadline: Promise<undefined> | undefined;
    for (;;) {
      deadline ??= batch.length > 0 || inFlight.length > 0 ? waited() : undefined;
      const arrived = deadline ? await Promise.race([next, deadline]) : await next;
      if (arrived === undefined) {
        deadline = undefined;
        if (batch.length > 0) await handOn(false);
        else await settleAll();
        continue;
      }
      if (arrived.done) break;
      next = pull();
      const message = arrived.value;
      batch.push(message);
      bytes += message.data.length;
      const idle = message.info.pending === 0;
      if (idle || batch.length >= batchSize || bytes >= batchBytes) {
        deadline = undefined;
        await handOn(idle);
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
