import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usersOf } from "../../src/workspace/auth/users.js";
import {
  type Dashboard,
  haveChromium,
  openDemoDashboard,
  screenshots,
  seriousViolations,
} from "./browser.js";

const incidentsHeader = "id,title,occurred,detected,affects,major,status";

function csv(lines: readonly string[]) {
  return { name: "incidents.csv", mimeType: "text/csv", buffer: Buffer.from(`${lines.join("\n")}\n`) };
}

// The forms people fill in most: a first sign-in with a one-time password, and a register import.
describe.skipIf(!haveChromium)("Dashboard forms in a browser", () => {
  let dashboard: Dashboard | undefined;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDemoDashboard("secg-web-forms-");
    ({ page, base } = dashboard);
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  it("imports a register from CSV all or nothing, listing every bad line (G3.4–G3.5 incidents)", async () => {
    await page.goto(`${base}/#/registers?register=incidents`);
    await page.getByText("The incidents register is empty").waitFor();
    const input = page.getByLabel("CSV or JSON file");
    await input.setInputFiles(
      csv([
        incidentsHeader,
        "inc-1,Phishing of a privileged account,2026-01-05T09:00:00Z,2026-01-05T10:00:00Z,user-systems,false,open",
        "inc-2,Detected before it happened,2026-02-05T09:00:00Z,2026-02-04T09:00:00Z,user-systems,false,open",
        "inc-3,Unknown status,2026-03-05T09:00:00Z,2026-03-05T09:30:00Z,user-systems,false,forgotten",
      ]),
    );
    await page.getByRole("button", { name: "Import" }).click();
    const problems = page.getByRole("alert");
    await problems.getByText("Nothing was imported").waitFor();
    const listed = await problems.getByRole("listitem").allTextContents();
    expect(listed).toContain("line 3, detected: expected an instant on or after occurred");
    expect(listed.some((line) => line.startsWith("line 4, status:"))).toBe(true);
    await page.screenshot({ path: join(screenshots, "form-import-refused.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByText("The incidents register is empty").count()).toBe(1);

    await input.setInputFiles(
      csv([
        incidentsHeader,
        "inc-1,Phishing of a privileged account,2026-01-05T09:00:00Z,2026-01-05T10:00:00Z,user-systems,false,open",
      ]),
    );
    await page.getByRole("button", { name: "Import" }).click();
    await page.getByText("Imported: 1 created, 0 updated, 0 unchanged.").waitFor();
    await page.getByRole("cell", { name: "Phishing of a privileged account" }).waitFor();
    await page.screenshot({ path: join(screenshots, "form-import-done.png"), fullPage: true });
  });

  it("makes a user with a one-time password choose their own before anything else", async () => {
    const { store } = dashboard!;
    const { oneTimePassword } = await usersOf(store.db, store.clock).create(
      { username: "newcomer", memberships: [{ party: "small-supplier", role: "contributor" }] },
      { actor: "test:web" },
    );
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Username").fill("newcomer");
    await page.getByLabel("Password").fill(oneTimePassword!);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Choose a new password" }).waitFor();
    await page.getByLabel("Current password").fill(oneTimePassword!);
    await page.getByLabel("New password", { exact: true }).fill("a long and private phrase");
    await page.getByLabel("New password again").fill("a long and private phrase!");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByRole("alert").getByText("The two new passwords differ.").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("New password again").fill("a long and private phrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Signed in as").waitFor();
    await page.getByText("(contributor of small-supplier)").waitFor();
    await page.screenshot({ path: join(screenshots, "form-password-changed.png") });
  });
});
