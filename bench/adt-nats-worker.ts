import { benchService } from "./adt-nats.bench.js";

/**
 * One worker process of the `adt.nats` bench: `adt-nats-worker.ts <prefix> <k/n>` runs partition
 * k of n as `secg adt serve --partition k/n` would, with the bench's thresholds and an in-memory
 * quarantine. It prints `ready` once its consumers exist and, when SIGTERM stops it, the CPU time
 * it used since then in microseconds.
 */
const [prefix, partition] = process.argv.slice(2);
const [index, of] = (partition ?? "").split("/").map(Number);
if (prefix === undefined || !Number.isInteger(index) || !Number.isInteger(of)) {
  throw new Error("usage: adt-nats-worker.ts <prefix> <k/n>");
}
const service = await benchService(prefix, [{ index: index!, of: of! }], false);
const ready = process.cpuUsage();
process.stdout.write("ready\n");
process.once("SIGTERM", () => {
  void service.stop().then(() => {
    const { user, system } = process.cpuUsage(ready);
    process.stdout.write(`${user + system}\n`);
  });
});
await service.done;
