import type { PackageSpec } from "../src/controls/host/baseline.js";
import { packageDrift } from "../src/controls/host/drift.js";
import { type Bench, type BenchResult, medianMs, rate } from "./harness.js";

/**
 * Configuration drift of a 10,000-package inventory (G3.1(a)(i)), measured in the same run as
 * the naive way of doing the same job: for each observed package, scan the whole baseline.
 */
const PACKAGES = 10_000;

function inventories(): { approved: PackageSpec[]; observed: PackageSpec[] } {
  const approved = Array.from({ length: PACKAGES }, (_, i) => ({
    name: `package-${i}`,
    version: `1.${i % 97}.0-1`,
    architecture: i % 3 === 0 ? "all" : "amd64",
  }));
  // One package in a hundred upgraded, one removed, one added.
  const observed = approved.flatMap((p, i) =>
    i % 100 === 0
      ? [{ ...p, version: `${p.version}+deb12u1` }]
      : i % 100 === 1
        ? []
        : i % 100 === 2
          ? [p, { ...p, name: `${p.name}-extra` }]
          : [p],
  );
  return { approved, observed };
}

/** The baseline: nested loops, as a script comparing two lists would do it. */
function naiveDrift(approved: readonly PackageSpec[], observed: readonly PackageSpec[]) {
  const added: PackageSpec[] = [];
  const changed: string[] = [];
  for (const o of observed) {
    const match = approved.find((a) => a.name === o.name && a.architecture === o.architecture);
    if (!match) added.push(o);
    else if (match.version !== o.version) changed.push(o.name);
  }
  const removed = approved.filter(
    (a) => !observed.some((o) => o.name === a.name && o.architecture === a.architecture),
  );
  return { added, removed, changed };
}

function driftBench(): BenchResult {
  const { approved, observed } = inventories();
  const fast = packageDrift(approved, observed);
  const slow = naiveDrift(approved, observed);
  if (
    fast.added.length !== slow.added.length ||
    fast.removed.length !== slow.removed.length ||
    fast.changed.length !== slow.changed.length
  )
    throw new Error("drift and the naive baseline disagree");
  const value = rate(() => {
    packageDrift(approved, observed);
    return 1;
  }, 300);
  const baseline = rate(() => {
    naiveDrift(approved, observed);
    return 1;
  }, 300);
  return {
    name: "host.drift-10k",
    unit: "inventories/s",
    value,
    baseline: { name: "nested loops", value: baseline },
    notes: {
      packages: PACKAGES,
      medianMs: medianMs(() => packageDrift(approved, observed), 9),
      targetMs: 100,
    },
  };
}

export const hostBenches: readonly Bench[] = [{ name: "host.drift-10k", run: driftBench }];
