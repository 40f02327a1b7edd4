/**
 * Approving a system's baseline: an observed inventory (this machine, an inventory document or
 * osquery results) becomes the approved items of the system in the inventory register — the
 * configuration G2.3(b) and G3.1(b) ask the party to keep, which the drift control then reads.
 * The whole approval is one change of the register, each item audited with the system it serves.
 */
import { InputError } from "../../common/input-error.js";
import type { Origin } from "../audit.js";
import type { Clock } from "../clock.js";
import type { Database } from "../database.js";
import { registersOf } from "../registers/engine.js";
import { approvalOf, type BaselineApproval } from "../registers/inventory.js";
import { type Observed, observe } from "./execute.js";

export async function approveBaseline(
  db: Database,
  clock: Clock,
  party: string,
  system: string,
  observed: Observed,
  origin: Origin,
): Promise<BaselineApproval> {
  const registers = registersOf(db, clock);
  if (!(await registers.get(party, "systems", system)))
    throw new InputError(
      { path: "system" },
      `a system in the systems register of ${party} (there is none with id "${system}")`,
    );
  const inventory = await observe(observed);
  let summary: BaselineApproval | undefined;
  await registers.change(
    party,
    "inventory",
    (held) => {
      const approval = approvalOf(system, inventory, held);
      summary = approval.summary;
      return approval;
    },
    origin,
    { baselineOf: system },
  );
  return summary!;
}
