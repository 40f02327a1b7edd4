import { runCli } from "../../src/cli/program.js";

/**
 * Runs `secg serve` in this process on a data folder, capturing its output; `url()` waits for the
 * address it prints (or fails with its error output if it exits first).
 */
export function serveInProcess(dataDir: string, ...extra: string[]) {
  let out = "";
  let err = "";
  const exit = runCli(["serve", "--data", dataDir, "--log-level", "silent", ...extra], {
    out: (text) => (out += text),
    err: (text) => (err += text),
  });
  const url = async () => {
    for (;;) {
      const match = /serving (http:\/\/\S+) /.exec(out);
      if (match) return match[1]!;
      const settled = await Promise.race([
        exit,
        new Promise((resolve) => setTimeout(resolve, 50, "waiting")),
      ]);
      if (settled !== "waiting") throw new Error(`serve exited with ${String(settled)}: ${err}`);
    }
  };
  return { exit, url, output: () => ({ out, err }) };
}
