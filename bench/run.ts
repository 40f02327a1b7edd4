import type { Bench, BenchResult } from "./harness.js";
import { benches } from "./suites.js";

/** `npm run bench [-- --json] [-- --only NAME]`: runs every suite in one process, one after another. */
const args = process.argv.slice(2);
const json = args.includes("--json");
const onlyIndex = args.indexOf("--only");
const only = onlyIndex >= 0 ? args[onlyIndex + 1] : undefined;

const selected: Bench[] = benches.filter((b) => only === undefined || b.name.startsWith(only));
const results: BenchResult[] = [];
for (const bench of selected) {
  if (!json) process.stderr.write(`running ${bench.name}…\n`);
  results.push(await bench.run());
}

if (json) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString("en-GB") : n.toPrecision(3));
  const rows = results.map((r) => ({
    name: r.name,
    unit: r.unit,
    value: fmt(r.value),
    baseline: `${r.baseline.name}: ${fmt(r.baseline.value)}`,
    floor: r.floor ? `${r.floor.name}: ${fmt(r.floor.value)}` : "",
  }));
  console.table(rows);
}
