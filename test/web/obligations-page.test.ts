import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inventedVersions, seedDemo, seedDemoParties } from "../../src/workspace/demo-data.js";
import { partiesOf } from "../../src/workspace/parties.js";
import type { Store } from "../../src/workspace/store.js";
import { type Dashboard, haveChromium, openDashboard, screenshots, seriousViolations } from "./browser.js";

// The Obligations page answers, for a stored party on a date, which duties bind it and why (G1.5),
// with the clause text of the stored Code version in force on that date.
describe.skipIf(!haveChromium)("The Obligations page in a browser", () => {
  let dashboard: Dashboard | undefined;
  let store: Store;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDashboard("secg-web-obligations-");
    ({ store, page, base } = dashboard);
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  it("says how to import a party when the workspace holds none", async () => {
    await page.goto(`${base}/#/obligations`);
    await page.getByText("secg party import PROFILE.yaml --data DIR").waitFor();
    await page.screenshot({ path: join(screenshots, "obligations-01-empty.png") });
  });

  it("lists a demo party's obligations by role, filters them, and explains one with its clause text", async () => {
    await seedDemo(store.codeVersions, inventedVersions);
    await seedDemoParties(partiesOf(store.db, store.clock));
    await page.goto(`${base}/#/obligations?party=large-supplier&on=2025-01-01`);
    // Only the hash changed, so the page would keep the empty list it loaded before.
    await page.reload();
    await page.getByRole("heading", { name: /As import-supplier/ }).waitFor();
    expect(await page.getByRole("heading", { name: /Duties on the party as such/ }).count()).toBe(1);

    // G3.20 is an organisational duty of the Responsible Supplier (as corrected by DP087).
    await page.getByLabel("Part", { exact: true }).selectOption("G3");
    await page.waitForURL(/part=G3/);
    const role = page.getByRole("region", { name: /As import-supplier/ });
    const ids = await role.locator(".clause-id").allTextContents();
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id.startsWith("G3."))).toBe(true);

    await role.getByRole("link", { name: /^G3\.20/ }).click();
    await page.waitForURL(/obligation=G3\.20/);
    const article = page.getByRole("article");
    await article.getByRole("heading", { name: /G3\.20/ }).waitFor();
    expect(await article.getByRole("heading", { name: "Why it binds" }).count()).toBe(1);
    await article.getByText("From stored version demo-2023").waitFor();
    expect(await article.locator("blockquote").textContent()).toMatch(/SMETS2\+/);
    await page.screenshot({ path: join(screenshots, "obligations-02-detail.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("compares two dates for the same party", async () => {
    // DP087 rewrote G3.20 between the two dates.
    await page.goto(`${base}/#/obligations?party=large-supplier&on=2022-07-01&compare=2022-01-01`);
    const compare = page.getByRole("region", { name: /What changes from 2022-01-01 to 2022-07-01/ });
    await compare.getByText("G3.20 still binds, under rewritten wording").first().waitFor();
    await page.screenshot({ path: join(screenshots, "obligations-03-compare.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
