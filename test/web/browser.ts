/**
 * What the dashboard's browser tests share: Debian's Chromium driven by playwright-core, a folder
 * for screenshots, and axe-core's serious and critical findings.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { repoRoot, underCi } from "../support/shared.js";

export const chromiumPath = "/usr/bin/chromium";
export const haveChromium = existsSync(chromiumPath);
if (!haveChromium && underCi) throw new Error(`CI requires Chromium at ${chromiumPath}`);

export const screenshots = join(repoRoot, "test-results/web");

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    headless: true,
    executablePath: chromiumPath,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: unknown }[] };

/** Runs axe-core in the page and returns the violations a person would be blocked or badly slowed by. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document) => Promise<{ violations: unknown }> } }
    ).axe;
    return (await axe.run(document)).violations as AxeViolation[];
  });
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}
