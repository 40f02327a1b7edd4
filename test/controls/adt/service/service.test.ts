import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdtState } from "../../../../src/controls/adt/engine.js";
import { replay } from "../../../../src/controls/adt/replay.js";
import { messageLines, type OutcomeMessage } from "../../../../src/controls/adt/service/messages.js";
import { readOutcomes } from "../../../../src/controls/adt/service/outcomes.js";
import { publishRequests } from "../../../../src/controls/adt/service/publish-requests.js";
import { readStream } from "../../../../src/controls/adt/service/read-stream.js";
import { keptChars, readRefusals } from "../../../../src/controls/adt/service/refusals.js";
import { type RunningService, startAdtService } from "../../../../src/controls/adt/service/service.js";
import { ensureStreams } from "../../../../src/controls/adt/service/streams.js";
import type { Partition } from "../../../../src/controls/adt/service/subjects.js";
import { slotOf, userToken } from "../../../../src/controls/adt/service/subjects.js";
import { parseThresholds } from "../../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../../src/controls/duis/service-requests.js";
import { quarantineOf, quarantineSink } from "../../../../src/workspace/quarantine.js";
import { openStore, type Store } from "../../../../src/workspace/store.js";
import { cliRun } from "../../../support/cli.js";
import { repoRoot } from "../../../support/shared.js";
import { embedded, type Provisioned } from "../../../workspace/backends.js";
import {
  endRun,
  messagesReach,
  natsProxy,
  natsReachable,
  natsUrl,
  newRun,
  outcomeLinesReach,
  outcomesReach,
  type Run,
  streamCount,
  trafficThresholds,
  trafficUsers,
  writeTraffic,
} from "./nats-support.js";

const fixtures = join(repoRoot, "test/fixtures/adt");
const quiet = {
  info: (m: string) => console.error("INFO", m),
  warn: (m: string) => console.error("WARN", m),
};
/** Both ways one process runs the service: one stage, or the DCC stage and slots through the staged stream. */
const stages: [string, boolean][] = [
  ["one stage", true],
  ["staged", false],
];

async function replayed(thresholdsFile: string, input: string) {
  const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
  const thresholds = parseThresholds(await readFile(thresholdsFile, "utf8"), thresholdsFile, options);
  return replay(input, createAdtState(thresholds));
}

describe.skipIf(!natsReachable)("secg adt serve over NATS JetStream", { timeout: 120_000 }, () => {
  let folder: string;
  let provisioned: Provisioned;
  let store: Store;
  let run: Run;
  const services: RunningService[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "secg-adt-nats-"));
    await writeFile(join(folder, "thresholds.yaml"), trafficThresholds());
    await writeTraffic(join(folder, "traffic.jsonl"), 3000);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));
  beforeEach(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    run = await newRun();
  });
  afterEach(async () => {
    for (const service of services.splice(0)) await service.stop();
    await endRun(run);
    await store.close();
    await provisioned.dispose();
  });

  async function serve(
    thresholdsFile: string,
    partitions: Partition[],
    singleStage = true,
    url = natsUrl,
  ): Promise<void> {
    const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
    const thresholds = parseThresholds(await readFile(thresholdsFile, "utf8"), thresholdsFile, options);
    const quarantine = quarantineOf(store.db, store.clock);
    services.push(
      await startAdtService({
        natsUrl: url,
        prefix: run.prefix,
        thresholds,
        partitions,
        singleStage,
        quarantine: quarantineSink(quarantine, { actor: "service:test" }),
        decisionPollMs: 50,
        log: quiet,
      }),
    );
  }

  /** Publishes a file of requests and starts one process on them; answers how many were published. */
  async function publishAndServe(thresholds: string, input: string, single: boolean): Promise<number> {
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 1 }], single);
    return published;
  }

  // G6.3, G6.6: live decisions are the replay's decisions — same input, same outcome, whether one
  // process decides in one stage or through the staged stream.
  it.each(stages)(
    "gives the same outcome as secg adt replay on the same input (%s)",
    async (_name, single) => {
      const thresholds = join(fixtures, "thresholds.yaml");
      const input = join(fixtures, "requests.jsonl");
      const published = await publishAndServe(thresholds, input, single);
      await outcomesReach(run, published);
      const expected = await replayed(thresholds, input);
      expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);
      // Every quarantined request is held in the workspace, once.
      const held = await quarantineOf(store.db, store.clock).list();
      expect(held.map((r) => r.requestId).sort()).toEqual(
        expected.quarantined.map((q) => q.requestId).sort(),
      );
      expect(await streamCount(run, run.names.alertsStream)).toBe(expected.quarantined.length);
      expect(await streamCount(run, run.names.stagedStream)).toBe(single ? 0 : published);
    },
  );

  // G6: at-least-once delivery de-duplicated by RequestID — a request delivered twice is decided once.
  it.each(stages)("decides a request delivered twice only once (%s)", async (_name, single) => {
    const thresholds = join(fixtures, "thresholds.yaml");
    const input = join(fixtures, "requests.jsonl");
    const lines = (await readFile(input, "utf8")).split("\n").filter((line) => line.trim() !== "");
    const js = run.nc.jetstream();
    await serve(thresholds, [{ index: 0, of: 1 }], single);
    // No message id: JetStream's own duplicate window cannot drop these, only the service can.
    for (const line of lines) {
      const userId = (JSON.parse(line) as { requestId: string }).requestId.split(":")[0]!;
      await js.publish(run.names.requests(userToken(userId)), line);
      await js.publish(run.names.requests(userToken(userId)), line);
    }
    await outcomesReach(run, lines.length);
    expect(await streamCount(run, run.names.requestsStream)).toBe(2 * lines.length);
    expect(await streamCount(run, run.names.stagedStream)).toBe(single ? 0 : lines.length);
    expect(await streamCount(run, run.names.outcomesStream)).toBe(lines.length);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
  });

  // G6 (deterministic replay): a RequestID seen again after the longest threshold period is a
  // new request to the engine, as in replay; its outcome must reach the log beside the first, or
  // a restart would rebuild windows that lack it. JetStream's wall-clock duplicate window, which
  // a message id keyed on the RequestID alone would fall into, must not drop it.
  it.each(stages)(
    "logs a RequestID that comes back after the longest period as a new request (%s)",
    async (_name, single) => {
      const thresholds = join(fixtures, "thresholds.yaml");
      const lines = (await readFile(join(fixtures, "requests.jsonl"), "utf8")).trimEnd().split("\n");
      const first = JSON.parse(lines[0]!) as { requestId: string; time: string };
      // Two hours after the last request: past the longest period (PT1H) of these thresholds.
      const again = JSON.stringify({ ...first, time: "2025-03-01T13:00:00Z" });
      const input = join(folder, "again.jsonl");
      await writeFile(input, `${[...lines, again].join("\n")}\n`);
      const published = await publishRequests(join(fixtures, "requests.jsonl"), {
        natsUrl,
        prefix: run.prefix,
      });
      // No message id, or the requests stream itself would drop the second copy.
      const userId = first.requestId.split(":")[0]!;
      await run.nc.jetstream().publish(run.names.requests(userToken(userId)), again);
      await serve(thresholds, [{ index: 0, of: 1 }], single);
      await outcomesReach(run, published + 1);
      expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
      const logged: string[] = [];
      await readStream(run.nc.jetstream(), await run.nc.jetstreamManager(), run.names.outcomesStream, (m) =>
        logged.push(m.json<{ requestId: string }>().requestId),
      );
      expect(logged.filter((id) => id === first.requestId)).toHaveLength(2);
    },
  );

  // G6.3, G6.6: a gateway may send many requests a message; each is decided as replay decides it.
  // One stage answers each input message with one outcome message; the staged run stages each
  // input message as one message per slot, and each slot answers each of those with one.
  it.each(stages)("decides requests sent many to a message as replay does (%s)", async (_name, single) => {
    const thresholds = join(folder, "thresholds.yaml");
    const input = join(folder, "traffic.jsonl");
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix, perMessage: 40 });
    expect(await streamCount(run, run.names.requestsStream)).toBe(published / 40);
    await serve(thresholds, [{ index: 0, of: 1 }], single);
    await outcomeLinesReach(run, published);
    const expected = await replayed(thresholds, input);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);
    const held = await quarantineOf(store.db, store.clock).list();
    expect(held.map((r) => r.requestId).sort()).toEqual(expected.quarantined.map((q) => q.requestId).sort());
    // One alert per quarantined request, each with its own QuarantineEventRef.
    const refs = new Set<string>();
    await readStream(run.nc.jetstream(), await run.nc.jetstreamManager(), run.names.alertsStream, (m) => {
      const [breach] = Object.values(m.json<{ QuarantinedRequest: object }>().QuarantinedRequest);
      refs.add((breach as { QuarantineEventRef: string }).QuarantineEventRef);
    });
    expect(refs.size).toBe(expected.quarantined.length);
  });

  // G6 (nothing lost without a trace): a line the service cannot decide is not dropped silently;
  // its sender gets a notice of where it was and why, and the rest of its message is decided.
  it.each(stages)("answers a line it cannot decide with a refusal notice (%s)", async (_name, single) => {
    await serve(join(fixtures, "thresholds.yaml"), [{ index: 0, of: 1 }], single);
    const userId = "90-B3-D5-1F-30-05-00-00";
    const request = (counter: number, time: string) =>
      JSON.stringify({
        requestId: `${userId}:00-DB-12-34-56-78-90-A0:${counter}`,
        srv: "7.2",
        commandVariant: 5,
        time,
      });
    const js = run.nc.jetstream();
    const userSubject = run.names.requests(userToken(userId));
    const mixedSubject = run.names.requests("mixed");
    await js.publish(userSubject, "x".repeat(3000));
    const lines = [
      request(1, "2025-03-01T10:00:00Z"),
      '{"requestId": 7}',
      request(2, "2025-03-01T10:00:10Z"),
      request(3, "2025-03-01T09:59:00Z"),
    ];
    await js.publish(mixedSubject, lines.join("\n"));
    await messagesReach(run, run.names.refusedStream, 3);
    await outcomeLinesReach(run, 2);

    const notices = await readRefusals({ natsUrl, prefix: run.prefix });
    expect(notices).toEqual([
      {
        sequence: 1,
        line: 1,
        subject: userSubject,
        reason: "expected a JSON object on each line (this line is not valid JSON)",
        text: "x".repeat(keptChars),
      },
      {
        sequence: 2,
        line: 2,
        subject: mixedSubject,
        reason: expect.stringMatching(/^expected "requestId" as originator:target:counter/),
        text: lines[1],
      },
      {
        sequence: 2,
        line: 4,
        subject: mixedSubject,
        requestId: `${userId}:00-DB-12-34-56-78-90-A0:3`,
        reason: expect.stringContaining(
          `"time" no earlier than the previous request's (2025-03-01T10:00:10.000Z)`,
        ),
        text: lines[3],
      },
    ]);
    const subjects: string[] = [];
    await readStream(js, await run.nc.jetstreamManager(), run.names.refusedStream, (m) =>
      subjects.push(m.subject),
    );
    expect(subjects).toEqual([
      run.names.refused(userToken(userId)),
      run.names.refused("mixed"),
      run.names.refused("mixed"),
    ]);
    expect((await readOutcomes({ natsUrl, prefix: run.prefix })).processed).toBe(2);

    const refused = (...flags: string[]) =>
      cliRun("adt", "refused", "--nats", natsUrl, "--prefix", run.prefix, ...flags);
    const listed = await refused();
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(
      `#2 line 4 on ${mixedSubject} ${userId}:00-DB-12-34-56-78-90-A0:3: expected "time"`,
    );
    expect(listed.out).toMatch(/3 requests refused\n$/);
    expect(JSON.parse((await refused("--json")).out)).toEqual(notices);
    // The User's own: on its subject, or named by the RequestID in a message of several Users'.
    const mine = await refused("--json", "--user", userId.toLowerCase());
    expect(JSON.parse(mine.out)).toEqual([notices[0], notices[2]]);
    expect((await refused("--user", trafficUsers[0]!)).out).toBe("0 requests refused\n");
  });

  // G6.6(a): DCC-wide levels count all Users' traffic even when Users are split over workers.
  it("two workers sharing the stream decide as one engine does", async () => {
    const thresholds = join(folder, "thresholds.yaml");
    const input = join(folder, "traffic.jsonl");
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 2 }]);
    await serve(thresholds, [{ index: 1, of: 2 }]);
    await outcomesReach(run, published);
    const expected = await replayed(thresholds, input);
    expect(expected.quarantined.some((q) => q.breach === "dcc-threshold")).toBe(true);
    expect(expected.quarantined.some((q) => q.breach === "user-threshold")).toBe(true);
    expect(expected.deleted.length).toBeGreaterThan(0);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);
  });

  // G6.5 (the User decides delete or process) and adt.md ("excluding requests already deleted"):
  // a deleted request leaves the windows, so the next one is judged as if it never came; a
  // processed one is forwarded on the outcomes subject once.
  it.each(stages)(
    "carries out Users' decisions: delete uncounts, process forwards (%s)",
    async (_name, single) => {
      const [userA, userB] = trafficUsers as [string, string];
      const thresholds = join(folder, "decisions.yaml");
      await writeFile(
        thresholds,
        [
          "thresholds:",
          `  - { userId: "${userA}", srv: "7.2", measure: critical, quarantine: 1, period: PT10S }`,
          `  - { userId: "${userB}", srv: "7.2", measure: critical, quarantine: 0, period: PT10S }`,
        ].join("\n"),
      );
      const line = (userId: string, counter: number, second: number) =>
        JSON.stringify({
          requestId: `${userId}:00-DB-12-34-56-78-90-A0:${counter}`,
          srv: "7.2",
          commandVariant: 5,
          time: new Date(Date.UTC(2025, 2, 1, 10, 0, second)).toISOString(),
        });
      const js = run.nc.jetstream();
      const send = (userId: string, counter: number, second: number) =>
        js.publish(run.names.requests(userToken(userId)), line(userId, counter, second));
      await serve(thresholds, [{ index: 0, of: 1 }], single);
      await send(userA, 1, 0);
      await send(userA, 2, 5);
      await send(userB, 3, 6);
      await outcomesReach(run, 3);
      const summary = await readOutcomes({ natsUrl, prefix: run.prefix });
      const id = (userId: string, counter: number) => `${userId}:00-DB-12-34-56-78-90-A0:${counter}`;
      expect(summary.quarantined.map((q) => q.requestId)).toEqual([id(userA, 2), id(userB, 3)]);

      const quarantine = quarantineOf(store.db, store.clock);
      await quarantine.decide(id(userA, 2), "delete", { actor: "cli:test" });
      await quarantine.decide(id(userB, 3), "process", { actor: "cli:test" });
      // The release is handed on after the deletion before it, so once it is out both took effect.
      await outcomesReach(run, 4);
      // At 12 s the window (2 s, 12 s] holds only the deleted request: without it, one is not above 1.
      await send(userA, 4, 12);
      await outcomesReach(run, 5);
      const after = await readOutcomes({ natsUrl, prefix: run.prefix });
      expect(after.processed).toBe(2);
      expect(after.quarantined.map((q) => q.requestId)).toEqual([id(userA, 2), id(userB, 3)]);
      const released: OutcomeMessage[] = [];
      await readStream(run.nc.jetstream(), await run.nc.jetstreamManager(), run.names.outcomesStream, (m) => {
        const outcome = m.json<OutcomeMessage>();
        if (outcome.released) released.push(outcome);
      });
      expect(released).toMatchObject([
        { requestId: id(userB, 3), outcome: "processed", released: true, decidedBy: "cli:test" },
      ]);
    },
  );

  // G6: state is rebuilt on restart from the service's own logs: a stopped service resumes exactly.
  it.each(stages)(
    "resumes after a stop with the same outcome as an uninterrupted run (%s)",
    async (_name, single) => {
      const thresholds = join(folder, "thresholds.yaml");
      const input = join(folder, "traffic.jsonl");
      const published = await publishAndServe(thresholds, input, single);
      await outcomesReach(run, 1);
      await services.pop()!.stop();
      await serve(thresholds, [{ index: 0, of: 1 }], single);
      await outcomesReach(run, published);
      expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
    },
  );

  // G6 (nothing lost across a failure): a connection to NATS that breaks may lose the outputs
  // in flight; a client that reconnected would send later ones after them, leaving a gap in the
  // log that a restart skips. The service stops instead, and its restart misses nothing.
  it.each(stages)(
    "stops when its NATS connection breaks, and resumes losing nothing (%s)",
    async (_name, single) => {
      const thresholds = join(folder, "thresholds.yaml");
      const input = join(folder, "traffic.jsonl");
      const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
      const proxy = await natsProxy();
      try {
        await serve(thresholds, [{ index: 0, of: 1 }], single, proxy.url);
        const broken = services.pop()!;
        await outcomesReach(run, 1);
        proxy.cut();
        await expect(broken.done).rejects.toThrow(/NATS connection closed/);
      } finally {
        await proxy.close();
      }
      await serve(thresholds, [{ index: 0, of: 1 }], single);
      await outcomesReach(run, published);
      expect(await streamCount(run, run.names.outcomesStream)).toBe(published);
      expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
    },
  );

  const slotOfRequest = (requestId: string) => slotOf(userToken(requestId.split(":")[0]!));

  /**
   * The DCC stage stages each input message as one message per slot, slots in the order they
   * first appear in it: the RequestIDs of each staged message, in log order.
   */
  function stagedShares(requestIds: readonly string[], perMessage: number): string[][] {
    const staged: string[][] = [];
    for (let i = 0; i < requestIds.length; i += perMessage) {
      const shares = new Map<number, string[]>();
      for (const id of requestIds.slice(i, i + perMessage)) {
        shares.set(slotOfRequest(id), [...(shares.get(slotOfRequest(id)) ?? []), id]);
      }
      staged.push(...shares.values());
    }
    return staged;
  }

  /** The staged messages of the input message from `whole` that come before the one holding `big`. */
  function sharesBefore(requestIds: readonly string[], whole: number, perMessage: number): string[][] {
    const shares = stagedShares(requestIds.slice(whole, whole + perMessage), perMessage);
    return shares.slice(
      0,
      shares.findIndex((share) => share.includes(requestIds[big]!)),
    );
  }

  /** The request refused below, among the first 600 of the traffic. */
  const big = 310;

  /**
   * The first 600 requests of the traffic with request `big` padded by named values no threshold
   * reads, so that its output alone is too big for a log limited to 16 KiB messages.
   */
  async function withOversized(name: string) {
    const lines = (await readFile(join(folder, "traffic.jsonl"), "utf8")).trimEnd().split("\n").slice(0, 600);
    const padded = JSON.parse(lines[big]!) as { requestId: string; values?: Record<string, number> };
    padded.values = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`pad${i}`, i]));
    lines[big] = JSON.stringify(padded);
    const input = join(folder, name);
    await writeFile(input, `${lines.join("\n")}\n`);
    return { input, lines, bigRequestId: padded.requestId };
  }

  /** Sets a stream's largest message (-1: no limit), creating the streams first. */
  async function limitStream(stream: string, size: number) {
    const jsm = await run.nc.jetstreamManager();
    await ensureStreams(jsm, run.names);
    const { config } = await jsm.streams.info(stream);
    await jsm.streams.update(stream, { ...config, max_msg_size: size });
  }

  // G6 (nothing lost across a failure): a stage whose output JetStream refuses stops, and none
  // of the outputs it had in flight after that one reach its log, so the log stays a prefix of
  // what it decided and the restart, resuming where the log ends, decides the rest.
  // With 20 requests a message, the refused request is the 11th of its message: one stage's log
  // ends before that message's outcomes; the staged log holds the staged messages of that input
  // message (one per slot) before the refused request's, and the restart decides the message
  // again and passes on only the rest.
  it.each([
    ["one stage", true, "outcomesStream", 1],
    ["staged", false, "stagedStream", 1],
    ["one stage, 20 a message", true, "outcomesStream", 20],
    ["staged, 20 a message", false, "stagedStream", 20],
  ] as const)(
    "stops at a refused output with its log whole, and resumes missing nothing (%s)",
    async (_name, single, log, perMessage) => {
      const { input, lines } = await withOversized("refused.jsonl");
      const thresholds = join(folder, "thresholds.yaml");
      const jsm = await run.nc.jetstreamManager();
      const stream = run.names[log];
      const limitMessages = (size: number) => limitStream(stream, size);
      await limitMessages(16 * 1024);
      const published = await publishRequests(input, { natsUrl, prefix: run.prefix, perMessage });
      await serve(thresholds, [{ index: 0, of: 1 }], single);
      await expect(services.pop()!.done).rejects.toThrow(/JetStream refused a publish/);
      const logged: string[] = [];
      await readStream(run.nc.jetstream(), jsm, stream, (m) => {
        for (const line of messageLines(m.string()))
          logged.push((JSON.parse(line) as { requestId: string }).requestId);
      });
      const requestIds = lines.map((line) => (JSON.parse(line) as { requestId: string }).requestId);
      const whole = big - (big % perMessage);
      const before = single
        ? requestIds.slice(0, whole)
        : [
            ...stagedShares(requestIds.slice(0, whole), perMessage),
            ...sharesBefore(requestIds, whole, perMessage),
          ].flat();
      expect(logged).toEqual(before);

      await limitMessages(-1);
      await serve(thresholds, [{ index: 0, of: 1 }], single);
      await outcomeLinesReach(run, published);
      expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
    },
  );

  // G6 (nothing lost across a failure): the User slots share the outcomes log with other
  // workers' slots, so it is not chained, and a refused outcome can be followed by later ones of
  // the same slot. The restart finds that gap against the staged stream and decides again from
  // it, publishing only what the log lacks.
  it("resumes at a gap a refused outcome left in the slots' shared log", async () => {
    const { input, lines, bigRequestId } = await withOversized("gap.jsonl");
    const thresholds = join(folder, "thresholds.yaml");
    const jsm = await run.nc.jetstreamManager();
    const limitOutcomes = (size: number) => limitStream(run.names.outcomesStream, size);
    await limitOutcomes(16 * 1024);
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 1 }], false);
    await expect(services.pop()!.done).rejects.toThrow(/JetStream refused a publish/);
    const logged: string[] = [];
    await readStream(run.nc.jetstream(), jsm, run.names.outcomesStream, (m) =>
      logged.push(m.json<{ requestId: string }>().requestId),
    );
    const bigSlot = slotOfRequest(bigRequestId);
    const sameSlotAfter = lines
      .slice(big + 1)
      .map((line) => (JSON.parse(line) as { requestId: string }).requestId)
      .filter((id) => slotOfRequest(id) === bigSlot);
    expect(logged).not.toContain(bigRequestId);
    expect(logged.some((id) => sameSlotAfter.includes(id))).toBe(true);

    await limitOutcomes(-1);
    await serve(thresholds, [{ index: 0, of: 1 }], false);
    await outcomesReach(run, published);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
    expect(await streamCount(run, run.names.outcomesStream)).toBe(published);
  });

  // G6.5(b) across a stop: a request held in the workspace whose outcome never reached the log
  // (the stage stopped first) may be decided by its User while no worker runs. The restart
  // decides it again and must still forward it, once, after its outcome.
  it("forwards a request released while the service was down, before its outcome was logged", async () => {
    const { input } = await withOversized("released.jsonl");
    const thresholds = join(folder, "thresholds.yaml");
    await limitStream(run.names.outcomesStream, 16 * 1024);
    const published = await publishRequests(input, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 1 }], true);
    await expect(services.pop()!.done).rejects.toThrow(/JetStream refused a publish/);
    const jsm = await run.nc.jetstreamManager();
    const logged = new Set<string>();
    await readStream(run.nc.jetstream(), jsm, run.names.outcomesStream, (m) =>
      logged.add(m.json<{ requestId: string }>().requestId),
    );
    const quarantine = quarantineOf(store.db, store.clock);
    const unlogged = (await quarantine.list({ status: "waiting" })).find((r) => !logged.has(r.requestId));
    expect(unlogged).toBeDefined();
    await quarantine.decide(unlogged!.requestId, "process", { actor: "cli:test" });

    await limitStream(run.names.outcomesStream, -1);
    await serve(thresholds, [{ index: 0, of: 1 }], true);
    await outcomesReach(run, published + 1);
    const order: string[] = [];
    await readStream(run.nc.jetstream(), jsm, run.names.outcomesStream, (m) => {
      const outcome = m.json<OutcomeMessage>();
      if (outcome.requestId === unlogged!.requestId)
        order.push(outcome.released ? "released" : outcome.outcome);
    });
    expect(order).toEqual(["quarantined", "released"]);
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(await replayed(thresholds, input));
  });

  // G6.6(a) across a change of deployment: requests decided in one stage count in the DCC-wide
  // windows of the partitioned workers that take over, which rebuild them from the outcomes log.
  it("carries the DCC windows from one stage over to partitioned workers", async () => {
    const thresholds = join(folder, "dcc-only.yaml");
    await writeFile(
      thresholds,
      [
        "thresholds:",
        `  - { scope: dcc, srv: "7.2", measure: critical, quarantine: 40, period: PT60S }`,
      ].join("\n"),
    );
    const lines = (await readFile(join(folder, "traffic.jsonl"), "utf8")).trimEnd().split("\n");
    const first = join(folder, "first.jsonl");
    const rest = join(folder, "rest.jsonl");
    await writeFile(first, `${lines.slice(0, 1000).join("\n")}\n`);
    await writeFile(rest, `${lines.slice(1000).join("\n")}\n`);
    await publishRequests(first, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 1 }]);
    await outcomesReach(run, 1000);
    await services.pop()!.stop();
    expect(await streamCount(run, run.names.stagedStream)).toBe(0);
    await publishRequests(rest, { natsUrl, prefix: run.prefix });
    await serve(thresholds, [{ index: 0, of: 2 }]);
    await serve(thresholds, [{ index: 1, of: 2 }]);
    await outcomesReach(run, lines.length);
    expect(await streamCount(run, run.names.stagedStream)).toBe(lines.length - 1000);
    const expected = await replayed(thresholds, join(folder, "traffic.jsonl"));
    // The first request on 7.2 after the change breaches the DCC level only if the windows
    // rebuilt by the partitioned DCC stage hold the requests decided before it.
    const firstAfter = lines.slice(1000).find((line) => line.includes('"srv":"7.2"'))!;
    const { requestId } = JSON.parse(firstAfter) as { requestId: string };
    expect(expected.quarantined).toContainEqual({ requestId, breach: "dcc-threshold" });
    expect(await readOutcomes({ natsUrl, prefix: run.prefix })).toEqual(expected);
  });
});
