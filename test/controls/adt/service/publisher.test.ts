import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  batchPublisher,
  logChain,
  once,
  type Publisher,
} from "../../../../src/controls/adt/service/publisher.js";
import { readStream } from "../../../../src/controls/adt/service/read-stream.js";
import { ensureStreams } from "../../../../src/controls/adt/service/streams.js";
import { endRun, natsReachable, newRun, type Run, streamCount } from "./nats-support.js";

/**
 * The batch publisher every stage writes its decision log with (docs/adt-service.md, "Crashes,
 * duplicates and restarts"): a batch settles only once JetStream stored every message of it, a
 * repeat of a message id is stored once, and a message no stream takes fails the batch — so a
 * stage never acknowledges input whose outputs are not on the log.
 */
describe.skipIf(!natsReachable)("batch publisher", () => {
  let run: Run;
  let publisher: Publisher;
  beforeAll(async () => {
    run = await newRun();
    await ensureStreams(await run.nc.jetstreamManager(), run.names);
    publisher = batchPublisher(run.nc, 30_000);
  });
  afterAll(async () => {
    publisher.close();
    await endRun(run);
  });

  // G6.5 (nothing lost or forwarded twice): stored means on the stream, with its headers, once per id.
  it("settles once every message is stored, and stores a repeated message id once", async () => {
    const subject = run.names.outcome("90B3D51F30010000");
    const batch = ["a", "b", "c"].map((id) => ({
      subject,
      data: `{"id":"${id}"}`,
      once: { msgId: id },
      headers: { "Secg-Source-Seq": id },
    }));
    await publisher.publish(batch);
    expect(await streamCount(run, run.names.outcomesStream)).toBe(3);
    await publisher.publish([batch[1]!, { ...batch[2]!, data: "changed" }]);
    const stored: string[] = [];
    await readStream(run.nc.jetstream(), await run.nc.jetstreamManager(), run.names.outcomesStream, (m) =>
      stored.push(`${m.headers?.get("Secg-Source-Seq")}=${m.string()}`),
    );
    expect(stored).toEqual(['a={"id":"a"}', 'b={"id":"b"}', 'c={"id":"c"}']);
  });

  // A stage must stop rather than acknowledge input whose outputs were not stored.
  it("fails the batch when no stream takes a message", async () => {
    const stray = { subject: `${run.prefix}.nowhere.x`, data: "{}", once: { msgId: "stray" } };
    const kept = { subject: run.names.alert("90B3D51F30010000"), data: "{}", once: { msgId: "kept" } };
    await expect(publisher.publish([kept, stray])).rejects.toThrow(/JetStream refused a publish: 503/);
  });

  // G6 (nothing lost across a failure): a stage resumes after the last input its log holds, so
  // a refused output followed by stored ones would be skipped for good. Unchained, JetStream
  // stores what follows a refusal; chained, it refuses everything after it.
  it("keeps a chained log a prefix of what was sent when one message is refused", async () => {
    const jsm = await run.nc.jetstreamManager();
    const token = "90B3D51F30010000";
    const logs = [
      [run.names.stagedStream, run.names.staged(0, token), true],
      [run.names.alertsStream, run.names.alert(token), false],
    ] as const;
    for (const [stream, subject, chained] of logs) {
      const info = await jsm.streams.info(stream);
      await jsm.streams.update(stream, { ...info.config, max_msg_size: 512 });
      const chain = chained ? await logChain(jsm, stream) : undefined;
      const message = (id: string, size: number) => ({
        subject,
        data: id.padEnd(size, "x"),
        once: once(chain, id),
      });
      const first = publisher.publish([message("a", 10), message("b", 2000)]);
      const second = publisher.publish([message("c", 10)]).then(
        () => "stored",
        (error: Error) => error.message,
      );
      await expect(first).rejects.toThrow(/JetStream refused a publish/);
      const stored: string[] = [];
      await readStream(run.nc.jetstream(), jsm, stream, (m) => stored.push(m.string().charAt(0)));
      const ours = stored.filter((id) => ["a", "b", "c"].includes(id));
      if (chained) {
        expect(await second).toMatch(/wrong last sequence/);
        expect(ours).toEqual(["a"]);
      } else {
        expect(await second).toBe("stored");
        expect(ours).toEqual(["a", "c"]);
      }
    }
  });

  // G6 (deterministic replay): a stage that decided a request logs it, even when its RequestID
  // came back after the stage's de-duplication horizon; JetStream's wall-clock duplicate window
  // must not drop it from a chained log, where the chain alone keeps a second copy out.
  it("stores every chained message, whatever its id, and refuses one sent out of place", async () => {
    const jsm = await run.nc.jetstreamManager();
    const subject = run.names.outcome("90B3D51F30010001");
    const chain = await logChain(jsm, run.names.outcomesStream);
    const before = chain.last;
    const message = (data: string) => ({ subject, data, once: once(chain, "same-id") });
    await publisher.publish([message("first"), message("again")]);
    expect(chain.last).toBe(before + 2);
    expect((await jsm.streams.info(run.names.outcomesStream)).state.last_seq).toBe(before + 2);
    const stale = { subject, data: "late", once: { chain: { last: before } } };
    await expect(publisher.publish([stale])).rejects.toThrow(/wrong last sequence/);
  });
});
