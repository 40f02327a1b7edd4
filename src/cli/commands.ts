import type { Command } from "commander";
import { registerAdtCommands } from "./adt-commands.js";
import { registerAdtServiceCommands } from "./adt-service-commands.js";
import { registerAdtThresholdsCommands } from "./adt-thresholds-commands.js";
import { registerAnomaliesCommands } from "./anomalies-commands.js";
import { registerAssuranceCommands } from "./assurance-commands.js";
import { registerAuditCommands } from "./audit-commands.js";
import { registerCalendarCommands } from "./calendar-commands.js";
import { registerCodeCommands } from "./code-commands.js";
import { registerCodeStoreCommands } from "./code-store-commands.js";
import { registerControlCommands } from "./control-commands.js";
import { registerCryptoCommands } from "./crypto-commands.js";
import { registerDeadlinesCommands } from "./deadlines-commands.js";
import { registerDuisCommands } from "./duis-commands.js";
import { registerIncidentCommands } from "./incident-commands.js";
import { registerIndependenceCommands } from "./independence-commands.js";
import type { CliIo } from "./io.js";
import { registerKeysCommands } from "./keys-commands.js";
import { registerObligationsCommands } from "./obligations-commands.js";
import { registerPartyCommands } from "./party-commands.js";
import type { Run } from "./program.js";
import { registerServeCommand } from "./serve-command.js";

/** Every command group registers itself here, in the order of the architecture (docs/architecture.md). */
export function registerCommands(program: Command, io: CliIo, run: Run): void {
  registerCodeCommands(program, io, run);
  registerCodeStoreCommands(program, io, run);
  registerObligationsCommands(program, io, run);
  registerCalendarCommands(program, io, run);
  registerAssuranceCommands(program, io, run);
  registerDeadlinesCommands(program, io, run);
  registerDuisCommands(program, io, run);
  registerAdtCommands(program, io, run);
  registerAdtThresholdsCommands(program, io, run);
  registerAdtServiceCommands(program, io, run);
  registerCryptoCommands(program, io, run);
  registerIndependenceCommands(program, io, run);
  registerControlCommands(program, io, run);
  registerKeysCommands(program, io, run);
  registerAnomaliesCommands(program, io, run);
  registerIncidentCommands(program, io, run);
  registerPartyCommands(program, io, run);
  registerAuditCommands(program, io, run);
  registerServeCommand(program, io, run);
}
