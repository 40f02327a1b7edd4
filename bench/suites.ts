import { adtBenches } from "./adt.bench.js";
import { adtNatsBenches } from "./adt-nats.bench.js";
import { anomaliesBenches } from "./anomalies.bench.js";
import { assuranceBenches } from "./assurance.bench.js";
import { auditBenches } from "./audit.bench.js";
import { codeBenches } from "./code.bench.js";
import { deadlinesBenches } from "./deadlines.bench.js";
import type { Bench } from "./harness.js";
import { hostBenches } from "./host.bench.js";
import { obligationsBenches } from "./obligations.bench.js";
import { registersBenches } from "./registers.bench.js";

/** One line per capability's suite. */
export const benches: readonly Bench[] = [
  ...codeBenches,
  ...obligationsBenches,
  ...assuranceBenches,
  ...deadlinesBenches,
  ...adtBenches,
  ...auditBenches,
  ...adtNatsBenches,
  ...hostBenches,
  ...anomaliesBenches,
  ...registersBenches,
];
