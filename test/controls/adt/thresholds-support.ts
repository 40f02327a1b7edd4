import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { CliIo } from "../../../src/cli/io.js";
import { runCli } from "../../../src/cli/program.js";
import { parseThresholds, type Threshold } from "../../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../../src/controls/duis/service-requests.js";
import { type PartyProfile, parseProfile } from "../../../src/obligations/profile.js";

export const thresholdOptions = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/adt-thresholds/${name}`, import.meta.url));
}

export function fixtureThresholds(name: string): Threshold[] {
  return parseThresholds(readFileSync(fixture(name), "utf8"), name, thresholdOptions);
}

export function fixtureProfile(name: string): PartyProfile {
  return parseProfile(readFileSync(fixture(name), "utf8"), name);
}

export function thresholdsFrom(yaml: string): Threshold[] {
  return parseThresholds(yaml, "t.yaml", thresholdOptions);
}

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { out: (text) => (out += text), err: (text) => (err += text) };
  const code = await runCli(argv, io);
  return { code, out, err };
}
