import { isIP } from "node:net";
import { userInfo } from "node:os";
import type { Command } from "commander";
import { pino } from "pino";
import type { App } from "../api/app.js";
import { InputError } from "../common/input-error.js";
import { defaultDataDir } from "../workspace/data-dir.js";
import type { RunningSchedule } from "../workspace/schedule.js";
import type { CliIo, ExitCode } from "./io.js";
import type { Run } from "./program.js";
import { storeOptions } from "./store-options.js";

type ServeOptions = {
  data: string;
  port: string;
  host: string;
  demo?: boolean;
  logLevel: string;
  trustProxy?: string;
  sessionIdleMinutes: string;
  schedule?: string;
};

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** `secg serve`: the API and dashboard over the workspace store, until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command("serve")
    .description("serve the workspace API (and the dashboard, when built) over HTTP")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--port <port>", "the TCP port (0 picks a free one)", "8080")
    .option("--host <host>", "the address to bind (behind TLS termination when not local)", "127.0.0.1")
    .option(
      "--demo",
      "load demonstration data and users with documented passwords first (loopback --host only)",
    )
    .option("--log-level <level>", `one of ${logLevels.join(", ")}`, "info")
    .option("--trust-proxy <addresses>", "proxies whose X-Forwarded-For to believe, e.g. 10.0.0.0/8")
    .option("--session-idle-minutes <minutes>", "sign a browser session out after this long unused", "30")
    .option("--schedule <file>", "run the controls this file schedules (servers sharing a database share it)")
    .action(
      run(async (opts: ServeOptions): Promise<ExitCode> => {
        const port = portNumber(opts.port);
        if (!logLevels.includes(opts.logLevel)) {
          throw new InputError({ path: "--log-level" }, `one of ${logLevels.join(", ")}`);
        }
        if (opts.demo && !isLoopback(opts.host)) {
          throw new InputError(
            { path: "--host" },
            `a loopback address with --demo, whose users have published passwords (got ${opts.host})`,
          );
        }
        const idleMinutes = idleMinutesOf(opts.sessionIdleMinutes);
        const logger = pino({ level: opts.logLevel });
        // The server, the store and the demo data are loaded only by this command (start-up of the others).
        const [
          { buildServer },
          { openStore },
          { demoVersions, seedDemo, seedDemoParties },
          { partiesOf },
          { usersOf },
          { ensureFirstOwner, firstOwnerName, seedDemoUsers },
          { defaultSessionPolicy },
        ] = await Promise.all([
          import("../api/server.js"),
          import("../workspace/store.js"),
          import("../workspace/demo-data.js"),
          import("../workspace/parties.js"),
          import("../workspace/auth/users.js"),
          import("../workspace/auth/first-start.js"),
          import("../workspace/auth/sessions.js"),
        ]);
        const store = await openStore(
          storeOptions(opts.data, { log: { info: (message) => logger.info(message) } }),
        );
        let schedule: RunningSchedule | undefined;
        try {
          const users = usersOf(store.db, store.clock);
          const origin = { actor: `cli:${userInfo().username}` };
          const password = await ensureFirstOwner(users, origin);
          // Standard output only: the log may be shipped elsewhere, and the password must not be.
          if (password !== undefined) {
            io.out(
              `secg: created user "${firstOwnerName}" (owner of every party) with the one-time password\n` +
                `  ${password}\n  It is shown only now; signing in asks for a new one.\n`,
            );
          }
          if (opts.demo) {
            for (const { version, created } of await seedDemo(store.codeVersions, await demoVersions())) {
              logger.info(`demo: ${version.label} ${created ? "imported" : "already present"}`);
            }
            for (const { party, outcome } of await seedDemoParties(partiesOf(store.db, store.clock))) {
              logger.info(`demo: party ${party.id} ${outcome}`);
            }
            for (const username of await seedDemoUsers(users, origin)) {
              logger.info(`demo: user ${username} created`);
            }
          }
          if (opts.schedule !== undefined) {
            const { startSchedule } = await import("../workspace/schedule.js");
            schedule = await startSchedule({
              db: store.db,
              clock: store.clock,
              file: opts.schedule,
              log: logger,
            });
          }
          const app = await buildServer({
            store,
            logger,
            ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
            sessionPolicy: { ...defaultSessionPolicy, idleMs: idleMinutes * 60_000 },
          });
          const url = await listen(app, port, opts.host);
          io.out(`secg: serving ${url} (API documentation at ${url}/api/docs)\n`);
          const signal = await shutdownSignal();
          logger.info(`${signal}: shutting down`);
          await app.close();
        } finally {
          await schedule?.stop();
          await store.close();
        }
        return 0;
      }),
    );
}

async function listen(app: App, port: number, host: string): Promise<string> {
  try {
    return await app.listen({ port, host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL" || code === "ENOTFOUND") {
      await app.close();
      throw new InputError(
        { path: "--port" },
        `an address and port this process may bind (${host}:${port}: ${code})`,
      );
    }
    throw error;
  }
}

function portNumber(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535) {
    throw new InputError(
      { path: "--port" },
      `a TCP port number from 0 to 65535 (got ${JSON.stringify(value)})`,
    );
  }
  return port;
}

function idleMinutesOf(value: string): number {
  const minutes = Number(value);
  if (!/^\d+$/.test(value) || minutes < 1 || minutes > 720) {
    throw new InputError(
      { path: "--session-idle-minutes" },
      `a whole number of minutes from 1 to 720 (got ${JSON.stringify(value)})`,
    );
  }
  return minutes;
}

/** Whether a --host value only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "[::1]";
}

function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
