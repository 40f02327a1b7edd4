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
import type { Membership } from "../../src/workspace/access/principal.js";
import { usersOf } from "../../src/workspace/auth/users.js";
import { seedDemoParties } from "../../src/workspace/demo-data.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { testPassword } from "../support/api-session.js";
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
  /** The data folder: its keys sign audit checkpoints. */
  readonly dataDir: string;
  readonly base: string;
  readonly page: Page;
  readonly close: () => Promise<void>;
};

/** Creates a user holding `memberships` and signs the page in through the sign-in form. */
export async function signInAs(
  dashboard: Pick<Dashboard, "store" | "base" | "page">,
  username: string,
  memberships: readonly Membership[],
): Promise<void> {
  const { store, base, page } = dashboard;
  await usersOf(store.db, store.clock).create(
    { username, memberships, password: testPassword },
    { actor: "test:web" },
  );
  await page.goto(`${base}/`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(testPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByText("Signed in as").waitFor();
}

/**
 * A real store in a fresh folder, the server on a free loopback port, and a Chromium page for it,
 * signed in as an owner of every party unless `signIn` is false.
 */
export async function openDashboard(folderPrefix: string, { signIn = true } = {}): Promise<Dashboard> {
  const webRoot = await ensureWebBuild();
  await mkdir(screenshots, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), folderPrefix));
  const store = await openStore({ dataDir });
  const server = await buildServer({ store, webRoot });
  const base = await server.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(10_000);
  if (signIn) await signInAs({ store, base, page }, "web-owner", [{ party: "*", role: "owner" }]);
  return {
    store,
    dataDir,
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

/** The dashboard signed in as an owner of every party, with the demo parties stored and listed. */
export async function openDemoDashboard(folderPrefix: string): Promise<Dashboard> {
  const dashboard = await openDashboard(folderPrefix);
  await seedDemoParties(partiesOf(dashboard.store.db, dashboard.store.clock));
  // The page signed in before the parties existed, and loads the list of parties once.
  await dashboard.page.reload();
  return dashboard;
}
