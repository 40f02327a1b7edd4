import type { Command } from "commander";
import { parseDuisRequest } from "../controls/duis/parse.js";
import { serviceRequest } from "../controls/duis/service-requests.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";

export function registerDuisCommands(program: Command, io: CliIo, run: Run): void {
  const group = program
    .command("duis")
    .description("DCC User Interface Services: read DUIS XML Service Requests");
  group
    .command("parse")
    .description("read the header of one DUIS XML Service Request")
    .argument("<file>", "a DUIS XML Service Request")
    .option("--json", "print JSON")
    .action(
      run(async (file: string, opts: { json?: boolean }): Promise<ExitCode> => {
        const request = parseDuisRequest(await readTextFile(file), file);
        const { requestId, originator, target, counter, commandVariant, serviceReference, srv, critical } =
          request;
        if (opts.json) {
          printJson(io, {
            requestId,
            originator,
            target,
            counter,
            commandVariant,
            serviceReference,
            srv,
            critical,
          });
          return 0;
        }
        const name = serviceRequest(srv)?.name ?? "";
        io.out(
          [
            `Request ${requestId}`,
            `  originator (User ID)  ${originator}`,
            `  target                ${target}`,
            `  counter               ${counter}`,
            `  SRV                   ${srv} ${name} (Service Reference ${serviceReference})`,
            `  Command Variant       ${commandVariant}`,
            `  critical              ${critical ? "yes" : "no"}`,
            "",
          ].join("\n"),
        );
        return 0;
      }),
    );
}
