/**
 * What the dashboard's browser tests share: Debian's Chromium driven by playwright-core, a folder
 * for screenshots, and axe-core's serious and critical findings.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { repoRoot, underCi } from "../support/shared.js";
import { ensureWebBuild } from "./web-build.js";

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

export type Dashboard = {
  readonly store: Store;
  readonly base: string;
  readonly page: Page;
  readonly close: () => Promise<void>;
};

/** A real store in a fresh folder, the server on a free loopback port, and a Chromium page for it. */
export async function openDashboard(folderPrefix: string): Promise<Dashboard> {
  const webRoot = await ensureWebBuild();
  await mkdir(screenshots, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), folderPrefix));
  const store = await openStore({ dataDir });
  const server = await buildServer({ store, webRoot });
  const base = await server.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  return {
    store,
    base,
    page,
    close: async () => {
      await browser.close();
      await server.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
