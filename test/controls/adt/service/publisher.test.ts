import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchPublisher, type Publisher } from "../../../../src/controls/adt/service/publisher.js";
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
      msgId: id,
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
    const stray = { subject: `${run.prefix}.nowhere.x`, data: "{}", msgId: "stray" };
    const kept = { subject: run.names.alert("90B3D51F30010000"), data: "{}", msgId: "kept" };
    await expect(publisher.publish([kept, stray])).rejects.toThrow(/JetStream refused a publish: 503/);
  });
});
