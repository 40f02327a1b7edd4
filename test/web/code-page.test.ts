import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared.js";
import { type Dashboard, haveChromium, openDashboard, screenshots, seriousViolations } from "./browser.js";

const fixtures = join(repoRoot, "test/fixtures/web");

// The Code page shows the stored versions of Section G, browses their clauses and redlines one
// version against another (design: "every answer the rules give is an answer under a version").
describe.skipIf(!haveChromium)("The Code page in a browser", () => {
  let dashboard: Dashboard | undefined;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDashboard("secg-web-");
    ({ page, base } = dashboard);
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  async function importVersion(label: string, inForce: string, file: string): Promise<void> {
    const text = await readFile(join(fixtures, file), "utf8");
    await dashboard!.store.codeVersions.importVersion(
      { label, inForce, madeBy: `MOD-${label}`, text, sourceName: file },
      { actor: "test:web" },
    );
  }

  it("says how to import a version when the workspace holds none", async () => {
    await page.goto(`${base}/#/code`);
    await page.getByText("secg code import FILE --label L --in-force DATE").waitFor();
    await page.screenshot({ path: join(screenshots, "01-empty.png") });
  });

  it("lists the imported versions newest first", async () => {
    await importVersion("toy-1", "2024-01-01", "toy-v1.md");
    await importVersion("toy-2", "2025-06-01", "toy-v2.md");
    await page.reload();
    const table = page.getByRole("table");
    await table.getByRole("rowheader", { name: /toy-2/ }).waitFor();
    const rows = await table.getByRole("rowheader").allTextContents();
    expect(rows.map((row) => row.replace(/in force|future/g, "").trim())).toEqual(["toy-2", "toy-1"]);
    expect(await table.textContent()).toContain("2025-06-01");
    await page.screenshot({ path: join(screenshots, "02-versions.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("searches the clauses and opens one, in the version in force today", async () => {
    await page.getByRole("navigation", { name: "The Code" }).getByRole("link", { name: "Clauses" }).click();
    // No version was picked, so the browser opens the one in force today and says so in the URL.
    await page.waitForURL(/version=toy-2/);
    await page.getByLabel("Search clauses").fill("misuse");
    const list = page.getByRole("navigation", { name: "Clauses of toy-2" });
    await list.getByRole("status").filter({ hasText: "matching “misuse”" }).waitFor();
    const found = await list.getByRole("link").allTextContents();
    expect(found.some((text) => text.startsWith("G2.1"))).toBe(true);
    expect(found.some((text) => text.startsWith("G1.2"))).toBe(false);

    await list.getByRole("link", { name: /^G2\.1/ }).click();
    await page.waitForURL(/clause=G2\.1(&|$)/);
    const clause = page.getByRole("article");
    await clause.getByRole("heading", { name: /G2\.1/ }).waitFor();
    expect(await clause.textContent()).toContain("signs of misuse");
    await page.screenshot({ path: join(screenshots, "03-clause.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("follows a cross-reference to the clause it names", async () => {
    // G2.1 (toy text) says its report is made in line with G2.2: that mention is a link.
    await page.getByRole("article").getByRole("link", { name: "G2.2" }).first().click();
    await page.waitForURL(/clause=G2\.2/);
    const clause = page.getByRole("article");
    await clause.getByRole("heading", { name: /G2\.2/ }).waitFor();
    expect(await clause.textContent()).toContain("two Working Days");
    expect(page.url()).toContain("q=misuse");
  });

  it("renders a clause's paragraph tree, nested as the Code nests it", async () => {
    // G1.3(b)(ii) in the toy text sits two levels down: (b), then (ii).
    await page.goto(`${base}/#/code/clauses?version=toy-1&clause=G1.3`);
    const clause = page.getByRole("article");
    await clause.getByRole("heading", { name: /G1\.3/ }).waitFor();
    const nested = clause.locator("ol.paragraphs ol.paragraphs > li");
    expect(await nested.count()).toBe(2);
    expect(await nested.first().textContent()).toContain("(i)");
  });

  it("shows an unavailable clause as an error, not a blank pane", async () => {
    // G2.5 is new in the second toy version, so the first has no such clause.
    await page.goto(`${base}/#/code/clauses?version=toy-1&clause=G2.5`);
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("G2.5");
    expect(await alert.getByRole("button", { name: "Try again" }).count()).toBe(1);
  });

  it("redlines a changed clause between two versions", async () => {
    await page.goto(`${base}/#/code/redline`);
    await page.waitForURL(/old=toy-1&new=toy-2/);
    const summary = page.getByRole("status").filter({ hasText: "changed" });
    await summary.waitFor();
    expect(await summary.textContent()).toContain("1 changed, 1 added, 0 removed");

    await page
      .getByRole("region", { name: /Changed/ })
      .getByRole("link", { name: "G2.2" })
      .click();
    const redline = page.locator(".redline-text");
    await redline.waitFor();
    expect(await redline.locator("del").allTextContents()).toContainEqual(expect.stringContaining("five"));
    expect(await redline.locator("ins").allTextContents()).toContainEqual(expect.stringContaining("two"));
    // Struck through and underlined, so the change reads without colour.
    const lines = await redline.evaluate((element) => ({
      del: getComputedStyle(element.querySelector("del")!).textDecorationLine,
      ins: getComputedStyle(element.querySelector("ins")!).textDecorationLine,
    }));
    expect(lines).toEqual({ del: "line-through", ins: "underline" });

    // Whom the change reaches is read from the stored parties' obligations; with none, the page says what to do.
    await page
      .getByRole("region", { name: "Impact on your parties" })
      .getByText("import a profile on the Parties page")
      .waitFor();

    const effects = page.getByRole("region", { name: "Effects" });
    await effects.getByRole("table").waitFor();
    expect(await effects.textContent()).toMatch(/G2\.5\s*inserted/);
    await page.screenshot({ path: join(screenshots, "04-redline.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("limits the comparison and its effects to one part", async () => {
    // Only G2 changed between the toy versions, so G1 compares clean.
    await page.getByLabel("Part", { exact: true }).selectOption("G1");
    await page.waitForURL(/part=G1/);
    await page.getByRole("status").filter({ hasText: "In G1" }).waitFor();
    expect(await page.getByRole("status").filter({ hasText: "In G1" }).textContent()).toContain(
      "0 changed, 0 added, 0 removed, 3 unchanged",
    );
    await page.getByText("No effects recorded in G1").waitFor();
  });

  it("fits a 768px screen and can be used from the keyboard", async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${base}/#/code/redline?old=toy-1&new=toy-2&clause=G2.2`);
    // A fresh load, so the keyboard starts from the top of the page as a new visitor's would.
    await page.reload();
    await page.locator(".redline-text").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(screenshots, "05-redline-768.png"), fullPage: true });

    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("MAIN");
  });
});
