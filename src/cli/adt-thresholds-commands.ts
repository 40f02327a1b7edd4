import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { InputError } from "../common/input-error.js";
import { type CoverageFinding, checkCoverage } from "../controls/adt/coverage.js";
import { reportMarkdown, thresholdReport } from "../controls/adt/report.js";
import {
  generateSigningKeys,
  parsePrivateKey,
  parsePublicKey,
  signThresholds,
  type Verification,
  verifySigned,
} from "../controls/adt/signing.js";
import { parseThresholds, type Threshold } from "../controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../controls/duis/service-requests.js";
import { adtGroup } from "./adt-commands.js";
import { type CliIo, type ExitCode, printJson, readTextFile } from "./io.js";
import { readProfile } from "./profile-files.js";
import type { Run } from "./program.js";

const thresholdOptions = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };

async function readThresholds(file: string): Promise<Threshold[]> {
  return parseThresholds(await readTextFile(file), file, thresholdOptions);
}

export function registerAdtThresholdsCommands(program: Command, io: CliIo, run: Run): void {
  const group = adtGroup(program)
    .command("thresholds")
    .description("check, sign, verify and report Anomaly Detection Threshold files (G6.3–G6.8)");

  group
    .command("check")
    .description("check a User's thresholds against its roles: G6.3 coverage, zero for untested CSRs (G6.4A)")
    .argument("<file>", "thresholds file (YAML or JSON)")
    .requiredOption("--profile <file>", "the party profile (roles, User IDs, untested CSRs)")
    .option("--json", "print JSON")
    .action(
      run(async (file: string, flags: { profile: string; json?: boolean }): Promise<ExitCode> => {
        const thresholds = await readThresholds(file);
        const profile = await readProfile(flags.profile);
        const findings = checkCoverage(thresholds, profile);
        if (flags.json) printJson(io, { ok: findings.length === 0, findings });
        else io.out(readableFindings(findings, thresholds.length));
        return findings.length === 0 ? 0 : 1;
      }),
    );

  group
    .command("keygen")
    .description("create an Ed25519 key pair for signing threshold files")
    .requiredOption(
      "--out <dir>",
      "folder for private.pem and public.pem (existing keys are not overwritten)",
    )
    .action(
      run(async (flags: { out: string }): Promise<ExitCode> => {
        const keys = generateSigningKeys();
        await mkdir(flags.out, { recursive: true });
        const privateFile = join(flags.out, "private.pem");
        const publicFile = join(flags.out, "public.pem");
        await writeNew(privateFile, keys.privateKey, 0o600);
        await writeNew(publicFile, keys.publicKey, 0o644);
        io.out(
          `private key ${privateFile} (keep it secret)\npublic key  ${publicFile} (register it with the DCC)\n`,
        );
        return 0;
      }),
    );

  group
    .command("sign")
    .description("sign a thresholds file for notification (G6.6A)")
    .argument("<file>", "thresholds file (YAML or JSON)")
    .requiredOption("--key <file>", "Ed25519 private key (PEM)")
    .requiredOption("--sequence <n>", "sequence number, higher than any signed before for this User ID")
    .requiredOption("--out <file>", "where to write the signed file")
    .option("--user-id <id>", "issuing User ID (default: the one User ID the file names)")
    .action(
      run(
        async (
          file: string,
          flags: { key: string; sequence: string; out: string; userId?: string },
        ): Promise<ExitCode> => {
          const text = await readTextFile(file);
          const privateKey = parsePrivateKey(await readTextFile(flags.key), flags.key);
          const userId = flags.userId ?? issuerOf(parseThresholds(text, file, thresholdOptions), file);
          const signed = signThresholds(
            { text, file, userId, sequence: sequenceOf(flags.sequence, "--sequence") },
            privateKey,
            thresholdOptions,
          );
          await writeFile(flags.out, signed);
          io.out(`signed ${file} for ${userId.toUpperCase()}, sequence ${flags.sequence}: ${flags.out}\n`);
          return 0;
        },
      ),
    );

  group
    .command("verify")
    .description("verify a signed thresholds file before applying it: signature, replay, loosened levels")
    .argument("<signed>", "signed thresholds file")
    .requiredOption("--public-key <file>", "the issuing User's registered Ed25519 public key (PEM)")
    .option("--last-sequence <n>", "the last sequence applied for the issuing User ID")
    .option("--current <file>", "thresholds now applied, to flag loosened levels")
    .option("--json", "print JSON")
    .action(
      run(
        async (
          signedFile: string,
          flags: { publicKey: string; lastSequence?: string; current?: string; json?: boolean },
        ): Promise<ExitCode> => {
          const publicKey = parsePublicKey(await readTextFile(flags.publicKey), flags.publicKey);
          const text = await readTextFile(signedFile);
          const verification = verifySigned(text, signedFile, publicKey, {
            ...thresholdOptions,
            ...(flags.lastSequence === undefined
              ? {}
              : { lastSequence: sequenceOf(flags.lastSequence, "--last-sequence", 0) }),
            ...(flags.current === undefined ? {} : { current: await readThresholds(flags.current) }),
          });
          if (flags.json) printJson(io, verification);
          else io.out(readableVerification(verification));
          return verification.accepted ? 0 : 1;
        },
      ),
    );

  group
    .command("report")
    .description("all thresholds set, per User ID and SRV, for the Security Sub-Committee (G6.8)")
    .argument("<files...>", "thresholds files (YAML or JSON)")
    .option("--json", "print JSON")
    .option("--markdown", "print Markdown (the default)")
    .action(
      run(async (files: string[], flags: { json?: boolean; markdown?: boolean }): Promise<ExitCode> => {
        if (flags.json && flags.markdown)
          throw new InputError({ path: "--json" }, "one of --json or --markdown");
        const sources = [];
        for (const file of files) sources.push({ file, thresholds: await readThresholds(file) });
        const report = thresholdReport(sources);
        if (flags.json) printJson(io, report);
        else io.out(reportMarkdown(report));
        return 0;
      }),
    );
}

async function writeNew(file: string, text: string, mode: number): Promise<void> {
  try {
    await writeFile(file, text, { flag: "wx", mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      { file },
      code === "EEXIST" ? "a path with no key yet (keys are never overwritten)" : `a writable path (${code})`,
    );
  }
}

function sequenceOf(text: string, option: string, min = 1): number {
  const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new InputError({ path: option }, `a whole number from ${min}, found "${text}"`);
  }
  return n;
}

/** The issuer when the file names exactly one User ID; otherwise `--user-id` must say. */
function issuerOf(thresholds: readonly Threshold[], file: string): string {
  const ids = new Set(thresholds.flatMap((t) => (t.scope.kind === "user" ? [t.scope.userId] : [])));
  const [only] = ids;
  if (ids.size !== 1 || only === undefined) {
    throw new InputError(
      { file, path: "--user-id" },
      `--user-id, since the file names ${ids.size === 0 ? "no User ID" : `${ids.size} User IDs`}`,
    );
  }
  return only;
}

function readableFindings(findings: readonly CoverageFinding[], count: number): string {
  if (findings.length === 0) return `${count} thresholds: every required threshold is set\n`;
  const lines = [`${count} thresholds, ${findings.length} findings:`];
  for (const f of findings) lines.push(`  ${f.clause.padEnd(11)} ${f.kind.padEnd(15)} ${f.message}`);
  return `${lines.join("\n")}\n`;
}

function readableVerification(v: Verification): string {
  if (!v.accepted) return `REFUSED (${v.reason}) ${v.userId} sequence ${v.sequence}: ${v.message}\n`;
  const lines = [`accepted: ${v.thresholds.length} thresholds of ${v.userId}, sequence ${v.sequence}`];
  if (v.loosened.length > 0) {
    lines.push(`loosened levels (${v.loosened.length}):`, ...v.loosened.map((l) => `  ${l.message}`));
  }
  return `${lines.join("\n")}\n`;
}
