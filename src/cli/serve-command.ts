import type { Command } from "commander";
import { pino } from "pino";
import type { App } from "../api/app.js";
import { InputError } from "../common/input-error.js";
import { defaultDataDir } from "../workspace/data-dir.js";
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
};

const logLevels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** `secg serve`: the API and dashboard over the workspace store, until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command, io: CliIo, run: Run): void {
  program
    .command("serve")
    .description("serve the workspace API (and the dashboard, when built) over HTTP")
    .option("--data <dir>", "the workspace folder (ignored when DATABASE_URL is set)", defaultDataDir)
    .option("--port <port>", "the TCP port (0 picks a free one)", "8080")
    .option(
      "--host <host>",
      "the address to bind; the API has no authentication yet, so keep it local",
      "127.0.0.1",
    )
    .option("--demo", "load demonstration versions of the Code first (once; later starts change nothing)")
    .option("--log-level <level>", `one of ${logLevels.join(", ")}`, "info")
    .option("--trust-proxy <addresses>", "proxies whose X-Forwarded-For to believe, e.g. 10.0.0.0/8")
    .action(
      run(async (opts: ServeOptions): Promise<ExitCode> => {
        const port = portNumber(opts.port);
        if (!logLevels.includes(opts.logLevel)) {
          throw new InputError({ path: "--log-level" }, `one of ${logLevels.join(", ")}`);
        }
        const logger = pino({ level: opts.logLevel });
        // The server, the store and the demo data are loaded only by this command (start-up of the others).
        const [{ buildServer }, { openStore }, { demoVersions, seedDemo, seedDemoParties }, { partiesOf }] =
          await Promise.all([
            import("../api/server.js"),
            import("../workspace/store.js"),
            import("../workspace/demo-data.js"),
            import("../workspace/parties.js"),
          ]);
        const store = await openStore(
          storeOptions(opts.data, { log: { info: (message) => logger.info(message) } }),
        );
        try {
          if (opts.demo) {
            for (const { version, created } of await seedDemo(store.codeVersions, await demoVersions())) {
              logger.info(`demo: ${version.label} ${created ? "imported" : "already present"}`);
            }
            for (const { party, outcome } of await seedDemoParties(partiesOf(store.db, store.clock))) {
              logger.info(`demo: party ${party.id} ${outcome}`);
            }
          }
          const app = await buildServer({
            store,
            logger,
            ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
          });
          const url = await listen(app, port, opts.host);
          io.out(`secg: serving ${url} (API documentation at ${url}/api/docs)\n`);
          const signal = await shutdownSignal();
          logger.info(`${signal}: shutting down`);
          await app.close();
        } finally {
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
