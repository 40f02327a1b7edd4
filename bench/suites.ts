import { codeBenches } from "./code.bench.js";
import type { Bench } from "./harness.js";

/** One line per capability's suite. */
export const benches: readonly Bench[] = [
  ...codeBenches,
];
