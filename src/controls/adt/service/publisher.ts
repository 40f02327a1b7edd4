import {
  createInbox,
  headers,
  type JetStreamManager,
  type Msg,
  type NatsConnection,
  type Subscription,
} from "nats";

/**
 * Publishes to JetStream streams a batch at a time, waiting for the stream's acknowledgement of
 * every message of the batch, as `js.publish` does one message at a time, but without its
 * per-message request, timer, promise and (in nats.js 2.29) an Error built on every reply.
 * Each message goes out with a reply subject naming its batch; one subscription counts the
 * acknowledgements, and a batch settles once all of its messages are stored (a duplicate by
 * message id counts as stored: JetStream already holds it), or fails on the first refusal.
 */

/**
 * A stream one writer alone appends to, kept gap-free: each message it is given names the
 * sequence number the stream's last message must have (`Nats-Expected-Last-Sequence`), counted
 * on from the stream's last sequence when the writer took it over. Messages are numbered as they
 * are handed to the connection, which is the order JetStream stores them in; once one is refused,
 * its successor finds the wrong last message and is refused too, and so on, so what the stream
 * holds is always a prefix of what was sent, however many batches were in flight. A second
 * writer breaks the count the same way: a refusal, never a gap. The chain also keeps a repeat
 * out — a message is stored only at its own place — so a chained message goes without a message
 * id: JetStream's duplicate window is wall-clock time, and it would drop a request whose
 * RequestID came back later with a later time, which the stage did decide, and break the count.
 */
export type LogChain = { last: number };

/** Takes over `stream` as its one writer: the chain starts from its last sequence now. */
export async function logChain(jsm: JetStreamManager, stream: string): Promise<LogChain> {
  return { last: (await jsm.streams.info(stream)).state.last_seq };
}

export type Outgoing = {
  readonly subject: string;
  readonly data: Uint8Array | string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly once: Once;
};

/**
 * What keeps a second copy out: a JetStream message id (a repeat within the stream's duplicate
 * window is dropped), or the chain of the one-writer log the message is appended to.
 */
export type Once = { readonly msgId: string } | { readonly chain: LogChain };

/** The chain when the log has one, else the message id. */
export function once(chain: LogChain | undefined, msgId: string): Once {
  return chain ? { chain } : { msgId };
}

export type Publisher = {
  /** Publishes every message of the batch now; settles when JetStream has stored them all. */
  readonly publish: (batch: readonly Outgoing[]) => Promise<void>;
  readonly close: () => void;
};

type Pending = {
  remaining: number;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
};

const msgIdHeader = "Nats-Msg-Id";
const expectedLastSeqHeader = "Nats-Expected-Last-Sequence";

export function batchPublisher(nc: NatsConnection, timeoutMs: number): Publisher {
  const inbox = createInbox();
  const pending = new Map<number, Pending>();
  let nextBatch = 0;
  const fail = (batch: number, error: Error) => {
    const waiting = pending.get(batch);
    if (!waiting) return;
    pending.delete(batch);
    clearTimeout(waiting.timer);
    waiting.reject(error);
  };
  const failAll = (why: string) => {
    for (const batch of [...pending.keys()]) fail(batch, new Error(why));
  };
  // Publishes still unacknowledged when the connection ends will never be: fail them now.
  void nc.closed().then(() => failAll("the NATS connection closed before JetStream acknowledged"));
  const subscription: Subscription = nc.subscribe(`${inbox}.*`, {
    callback: (error, message) => {
      const batch = Number(message.subject.slice(inbox.length + 1));
      if (error) return fail(batch, error);
      const refused = refusal(message);
      if (refused !== undefined) return fail(batch, new Error(`JetStream refused a publish: ${refused}`));
      const waiting = pending.get(batch);
      if (!waiting || --waiting.remaining > 0) return;
      pending.delete(batch);
      clearTimeout(waiting.timer);
      waiting.resolve();
    },
  });
  return {
    publish: (batch) => {
      if (batch.length === 0) return Promise.resolve();
      const id = nextBatch++;
      const stored = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => fail(id, new Error(`JetStream did not acknowledge a publish within ${timeoutMs} ms`)),
          timeoutMs,
        );
        pending.set(id, { remaining: batch.length, resolve, reject, timer });
      });
      const reply = `${inbox}.${id}`;
      try {
        for (const message of batch) {
          const h = headers();
          const { once } = message;
          if ("chain" in once) h.set(expectedLastSeqHeader, String(once.chain.last++));
          else h.set(msgIdHeader, once.msgId);
          for (const [key, value] of Object.entries(message.headers ?? {})) h.set(key, value);
          nc.publish(message.subject, message.data, { reply, headers: h });
        }
      } catch (error) {
        fail(id, error instanceof Error ? error : new Error(String(error)));
      }
      return stored;
    },
    close: () => {
      if (!nc.isClosed()) subscription.unsubscribe();
      failAll("the publisher was closed");
    },
  };
}

/** Why JetStream refused a message (no stream on the subject, or an error acknowledgement), if it did. */
function refusal(message: Msg): string | undefined {
  if (message.headers?.hasError) return `${message.headers.code} ${message.headers.description}`;
  const text = message.string();
  if (!text.includes('"error"')) return undefined;
  const { error } = JSON.parse(text) as { error?: { description?: string } };
  return error === undefined ? undefined : (error.description ?? text);
}
