/**
 * The bench contract (../shared/contracts/cli.md): every capability is measured in the same run
 * as a baseline doing the same job and, where one exists, the physical floor.
 */
export type Measured = { readonly name: string; readonly value: number };

export type BenchResult = {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly baseline: Measured;
  readonly floor?: Measured;
  /** Anything else worth reporting (sizes, memory per key, a target the issue sets). */
  readonly notes?: Readonly<Record<string, number | string>>;
};

export type Bench = { readonly name: string; readonly run: () => Promise<BenchResult> | BenchResult };

/**
 * Repeats `work` until `minMs` have passed (after one warm-up call) and returns units per second,
 * where `work` returns how many units it processed.
 */
export function rate(work: () => number, minMs = 400): number {
  work();
  let units = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    units += work();
    elapsed = performance.now() - start;
  }
  return (units * 1000) / elapsed;
}

/** The async form of `rate`, for work that awaits I/O. */
export async function rateAsync(work: () => Promise<number>, minMs = 400): Promise<number> {
  await work();
  let units = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    units += await work();
    elapsed = performance.now() - start;
  }
  return (units * 1000) / elapsed;
}

/** Median milliseconds of `runs` calls of `work`, for "how long does one X take" measures. */
export function medianMs(work: () => void, runs = 15): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
