import { userInfo } from "node:os";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { type Partition, slotCount } from "../controls/adt/service/subjects.js";
import { parseThresholds } from "../controls/adt/thresholds.js";
import { isEui64 } from "../controls/duis/identifiers.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import {
  type QuarantinedRequest,
  type QuarantineStatus,
  quarantineOf,
  quarantineSink,
  type UserDecision,
} from "../workspace/quarantine.js";
import { adtGroup, encryptedSrvsOf, encryptedSrvsOption } from "./adt-commands.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import type { Run } from "./program.js";
import { withStore } from "./store-options.js";

type NatsFlags = { nats: string; prefix: string };
type ServeFlags = NatsFlags & {
  thresholds: string;
  data: string;
  workers?: string;
  partition?: string;
  encryptedSrvs?: string;
};

const defaultNats = "nats://127.0.0.1:4222";

/** `secg adt serve|publish|outcomes|quarantine`: the live service over NATS JetStream (G6). */
export function registerAdtServiceCommands(program: Command, io: CliIo, run: Run): void {
  const adt = adtGroup(program);
  const natsOptions = (command: Command) =>
    command
      .option("--nats <url>", "the NATS server", process.env.NATS_URL ?? defaultNats)
      .option("--prefix <name>", "subject and stream prefix", "adt");

  natsOptions(
    adt
      .command("serve")
      .description("decide live Service Requests from NATS JetStream until stopped (SIGINT/SIGTERM)")
      .requiredOption("--thresholds <file>", "thresholds file (YAML or JSON)")
      .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
      .option("--workers <n>", `worker partitions run in this process, 1 to ${slotCount}`)
      .option("--partition <k/n>", "run only worker k of n (0-based); worker 0 also runs the DCC stage")
      .option(...encryptedSrvsOption),
  ).action(
    run(async (flags: ServeFlags): Promise<ExitCode> => {
      const partitions = partitionsOf(flags);
      const encryptedSrvs = encryptedSrvsOf(flags);
      const thresholds = parseThresholds(await readTextFile(flags.thresholds), flags.thresholds, {
        encryptedSrvs: new Set(encryptedSrvs),
      });
      return withStore(flags.data, async (store): Promise<ExitCode> => {
        const quarantine = quarantineOf(store.db, store.clock);
        const origin = {
          actor: `service:adt-serve:${partitions.map((p) => `${p.index}/${p.of}`).join(",")}`,
        };
        // The NATS client loads only when a command talks to NATS (start-up of the rest).
        const { startAdtService } = await import("../controls/adt/service/service.js");
        const service = await startAdtService({
          natsUrl: flags.nats,
          prefix: flags.prefix,
          thresholds,
          engine: { encryptedSrvs },
          partitions,
          quarantine: quarantineSink(quarantine, origin),
          log: { info: (message) => io.err(`${message}\n`), warn: (message) => io.err(`${message}\n`) },
        });
        const stop = () => void service.stop();
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
        try {
          await service.done;
        } finally {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
        }
        return 0;
      });
    }),
  );

  natsOptions(
    adt
      .command("publish")
      .description("publish a JSON Lines file of Service Requests to the requests stream")
      .requiredOption("--input <file>", "JSON Lines file of requests")
      .option("--per-message <n>", "consecutive requests sent in one message, one line each", "1")
      .option("--json", "print JSON"),
  ).action(
    run(
      async (flags: NatsFlags & { input: string; perMessage: string; json?: boolean }): Promise<ExitCode> => {
        const { maxPerMessage, publishRequests } = await import(
          "../controls/adt/service/publish-requests.js"
        );
        const perMessage = wholeNumberIn(flags.perMessage, "--per-message", 1, maxPerMessage);
        const published = await publishRequests(flags.input, {
          natsUrl: flags.nats,
          prefix: flags.prefix,
          perMessage,
        });
        if (flags.json) printJson(io, { published });
        else io.out(`${published} requests published\n`);
        return 0;
      },
    ),
  );

  natsOptions(
    adt
      .command("outcomes")
      .description("summarise the outcomes published so far, as `adt replay` does")
      .option("--json", "print JSON"),
  ).action(
    run(async (flags: NatsFlags & { json?: boolean }): Promise<ExitCode> => {
      const { readOutcomes } = await import("../controls/adt/service/outcomes.js");
      const summary = await readOutcomes({ natsUrl: flags.nats, prefix: flags.prefix });
      if (flags.json) printJson(io, summary);
      else {
        const total = summary.processed + summary.quarantined.length + summary.deleted.length;
        io.out(
          `${total} requests decided: ${summary.processed} processed (${summary.warned.length} warned), ` +
            `${summary.quarantined.length} quarantined, ${summary.deleted.length} deleted\n`,
        );
      }
      return 0;
    }),
  );

  natsOptions(
    adt
      .command("refused")
      .description("list the requests the service could not decide, and why")
      .option("--user <userId>", "only this User ID's")
      .option("--json", "print JSON"),
  ).action(
    run(async (flags: NatsFlags & { user?: string; json?: boolean }): Promise<ExitCode> => {
      const { user } = flags;
      if (user !== undefined && !isEui64(user)) {
        throw new InputError({ path: "--user" }, `a User ID like 90-B3-D5-1F-30-01-00-00, found "${user}"`);
      }
      const { concernsUser, readRefusals } = await import("../controls/adt/service/refusals.js");
      const all = await readRefusals({ natsUrl: flags.nats, prefix: flags.prefix });
      const notices = user === undefined ? all : all.filter((notice) => concernsUser(notice, user));
      if (flags.json) printJson(io, notices);
      else {
        for (const notice of notices) {
          const request = notice.requestId === undefined ? "" : ` ${notice.requestId}`;
          io.out(
            `#${notice.sequence} line ${notice.line} on ${notice.subject}${request}: ${notice.reason}\n`,
          );
        }
        io.out(`${notices.length} requests refused\n`);
      }
      return 0;
    }),
  );

  const quarantine = adt
    .command("quarantine")
    .description("requests held by a threshold, awaiting their User");
  quarantine
    .command("list")
    .description("list quarantined requests")
    .option("--status <status>", "waiting, deleted or processed")
    .option("--user <userId>", "only this User ID")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(
        async (flags: {
          status?: string;
          user?: string;
          data: string;
          json?: boolean;
        }): Promise<ExitCode> => {
          const status = flags.status === undefined ? undefined : statusOf(flags.status);
          const held = await withStore(flags.data, (store) =>
            quarantineOf(store.db, store.clock).list({
              ...(status === undefined ? {} : { status }),
              ...(flags.user === undefined ? {} : { userId: flags.user.toUpperCase() }),
            }),
          );
          if (flags.json) printJson(io, held);
          else io.out(held.length === 0 ? "no quarantined requests\n" : held.map(line).join(""));
          return 0;
        },
      ),
    );
  quarantine
    .command("decide")
    .description("record the User's decision on a quarantined request: delete it or process it")
    .argument("<requestId>", "the RequestID")
    .argument("<decision>", "delete or process")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--json", "print JSON")
    .action(
      run(
        async (
          requestId: string,
          decision: string,
          flags: { data: string; json?: boolean },
        ): Promise<ExitCode> => {
          const choice = decisionOf(decision);
          const result = await withStore(flags.data, (store) =>
            quarantineOf(store.db, store.clock).decide(requestId, choice, {
              actor: `cli:${userInfo().username}`,
            }),
          );
          if (!result.found) {
            throw new InputError(
              { path: "<requestId>" },
              `the RequestID of a quarantined request, found "${requestId}"`,
            );
          }
          if (flags.json) printJson(io, result.request);
          else io.out(line(result.request));
          return 0;
        },
      ),
    );
}

function partitionsOf(flags: ServeFlags): Partition[] {
  if (flags.workers !== undefined && flags.partition !== undefined) {
    throw new InputError({ path: "--partition" }, "either --workers or --partition, not both");
  }
  if (flags.partition !== undefined) {
    const match = /^(\d+)\/(\d+)$/.exec(flags.partition);
    const index = Number(match?.[1]);
    const of = Number(match?.[2]);
    if (!match || of < 1 || of > slotCount || index >= of) {
      throw new InputError(
        { path: "--partition" },
        `k/n with 0 ≤ k < n ≤ ${slotCount}, like 0/2, found "${flags.partition}"`,
      );
    }
    return [{ index, of }];
  }
  const workers = wholeNumberIn(flags.workers ?? "1", "--workers", 1, slotCount);
  return Array.from({ length: workers }, (_, index) => ({ index, of: workers }));
}

function wholeNumberIn(text: string, path: string, least: number, most: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < least || n > most) {
    throw new InputError({ path }, `a whole number from ${least} to ${most}, found "${text}"`);
  }
  return n;
}

function statusOf(text: string): QuarantineStatus {
  if (text === "waiting" || text === "deleted" || text === "processed") return text;
  throw new InputError({ path: "--status" }, `waiting, deleted or processed, found "${text}"`);
}

function decisionOf(text: string): UserDecision {
  if (text === "delete" || text === "process") return text;
  throw new InputError({ path: "<decision>" }, `delete or process, found "${text}"`);
}

function line(held: QuarantinedRequest): string {
  const decided = held.decidedBy === null ? "" : ` by ${held.decidedBy} at ${held.decidedAt}`;
  return `${held.requestId}  ${held.breach}  ${held.status}${decided}\n`;
}
