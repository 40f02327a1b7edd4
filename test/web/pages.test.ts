import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventedVersions, seedDemo, seedDemoParties } from "../../src/workspace/demo-data.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { type Dashboard, haveChromium, openDashboard, screenshots, seriousViolations } from "./browser.js";

/** Each workspace page, and a heading that shows it has loaded its data rather than an error. */
const pages = [
  { name: "overview", hash: "#/", ready: /duties apply under/ },
  {
    name: "calendar",
    hash: "#/calendar",
    ready: "Deadlines (circles; larger when overdue) and assessments (squares)",
  },
  { name: "assurance", hash: "#/assurance", ready: "Schedule an assessment" },
  { name: "registers", hash: "#/registers?register=systems", ready: "Import into systems" },
  { name: "controls", hash: "#/controls", ready: /No open findings|Accept the risk/ },
  { name: "adt", hash: "#/adt", ready: /Waiting for a decision/ },
  { name: "audit", hash: "#/audit", ready: /No checkpoint is signed yet|Verify the log/ },
  { name: "parties", hash: "#/parties", ready: "Why duties apply" },
  { name: "obligations", hash: "#/obligations", ready: /Duties on the party as such/ },
  { name: "code", hash: "#/code/redline", ready: /\d+ changed, \d+ added/ },
] as const;

// Every page must be usable from a keyboard and a screen reader at laptop and tablet widths
// (issue #9); axe-core finds no serious or critical violation on any of them.
describe.skipIf(!haveChromium)("Every dashboard page in a browser", () => {
  let dashboard: Dashboard | undefined;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDashboard("secg-web-pages-");
    ({ page, base } = dashboard);
    await seedDemo(dashboard.store.codeVersions, inventedVersions);
    await seedDemoParties(partiesOf(dashboard.store.db, dashboard.store.clock));
    // The page signed in before the parties existed, and loads the list of parties once.
    await page.reload();
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  for (const width of [1280, 768]) {
    it(`shows each page with its data and no serious accessibility problem at ${width}px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      for (const { name, hash, ready } of pages) {
        await page.goto(`${base}/${hash}`);
        await page.getByText(ready).first().waitFor();
        expect(await page.getByRole("alert").count(), `${name} shows an error`).toBe(0);
        await page.screenshot({ path: join(screenshots, `page-${name}-${width}.png`), fullPage: true });
        expect(await seriousViolations(page), name).toEqual([]);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
      }
    }, 120_000);
  }

  it("keeps the party chosen in the header for the next visit", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${base}/#/`);
    // An owner of every party sees them side by side, and can switch from there too.
    const all = page.getByRole("region", { name: "All your parties" });
    await all.getByRole("cell", { name: "Large Supplier plc (shown above)" }).waitFor();
    await all.getByRole("button", { name: "Northern Wires plc" }).waitFor();
    await page.getByLabel("Party", { exact: true }).selectOption("small-supplier");
    await page.getByRole("heading", { name: "Overview: Small Supplier Ltd" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Overview: Small Supplier Ltd" }).waitFor();
  });

  // G4.1–G4.3: the people rules run from the Controls page over the party's registers, as a
  // signed-in user with the CSRF token; an empty people register raises nothing.
  it("runs a rule check from the Controls page and says what it found", async () => {
    await page.goto(`${base}/#/controls`);
    await page.getByRole("button", { name: /Check the people register/ }).click();
    await page.getByRole("status").filter({ hasText: "Check the people register: no findings." }).waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
    // G2.57–G2.59 bind only the DCC: a supplier's certificates check, given the date G2.58 needs, finds nothing.
    await page.getByLabel(/ECoS Service Live Date/).fill("2025-06-30");
    await page.getByRole("button", { name: /Organisation Certificates/ }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Check the DCC's Organisation Certificates: no findings." })
      .waitFor();
    expect(await page.getByRole("alert").count()).toBe(0);
  });
});
