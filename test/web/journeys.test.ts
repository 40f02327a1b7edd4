import { generateKeyPairSync } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registeredKeys, signNewCheckpoint } from "../../src/workspace/audit-log/checkpoints.js";
import { currentSigningKey } from "../../src/workspace/audit-log/keys.js";
import { rawPublicKey, verifierKey } from "../../src/workspace/audit-log/note.js";
import { usersOf } from "../../src/workspace/auth/users.js";
import { demoPartiesFolder, inventedVersions, seedDemo } from "../../src/workspace/demo-data.js";
import { quarantineOf } from "../../src/workspace/quarantine.js";
import { testPassword } from "../support/api-session.js";
import { type Dashboard, haveChromium, openDashboard, screenshots, seriousViolations } from "./browser.js";

/** Saves the page as the journey's step and checks it with axe: no serious or critical violation. */
async function checkpoint(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `journey-${name}.png`), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
}

// The journeys of issue #9: the daily work of a party's security people, start to end, in a browser.
describe.skipIf(!haveChromium)("Dashboard journeys in a browser", () => {
  let dashboard: Dashboard | undefined;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDashboard("secg-web-journeys-", { signIn: false });
    ({ page, base } = dashboard);
    await seedDemo(dashboard.store.codeVersions, inventedVersions);
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  it("signs in, refusing a wrong password first, and shows who is signed in", async () => {
    // G2.6: access to the workspace only for identified, authenticated people.
    const { store } = dashboard!;
    await usersOf(store.db, store.clock).create(
      { username: "officer", memberships: [{ party: "*", role: "owner" }], password: testPassword },
      { actor: "test:web" },
    );
    await page.goto(`${base}/#/parties`);
    await page.getByRole("heading", { name: "Sign in to secg" }).waitFor();
    await page.getByLabel("Username").fill("officer");
    await page.getByLabel("Password").fill("not the password at all");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").getByText("do not match").waitFor();
    await checkpoint(page, "01-sign-in-refused");
    await page.getByLabel("Password").fill(testPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as").waitFor();
    // Signing in lands where the person was going.
    await page.getByRole("heading", { name: "Parties", level: 1 }).waitFor();
  });

  it("imports a party profile and makes it the party the pages show", async () => {
    await page.goto(`${base}/#/parties`);
    await page.getByText("No party is stored yet").waitFor();
    const profile = await readFile(join(demoPartiesFolder, "small-supplier.yaml"), "utf8");
    await page.getByLabel("Profile", { exact: true }).fill(profile);
    await page.getByRole("button", { name: "Import the profile" }).click();
    await page.getByText("Party small-supplier created").waitFor();
    await page.getByRole("cell", { name: /Small Supplier Ltd/ }).waitFor();
    await checkpoint(page, "02-profile-imported");
  });

  it("shows the Overview first, and reports how long it took to be usable", async () => {
    // A full load (a new URL, not only a new hash), timed from the start of navigation.
    await page.goto(`${base}/?first-page#/`);
    await page.getByText(/duties apply under/).waitFor();
    await page
      .getByText(/overdue/)
      .first()
      .waitFor();
    const usableMs = Math.round(await page.evaluate(() => performance.now()));
    const navigation = await page.evaluate(() => {
      const [entry] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
      return {
        domContentLoadedMs: entry?.domContentLoadedEventEnd ?? null,
        loadMs: entry?.loadEventEnd ?? null,
      };
    });
    const timing = { usableMs, ...navigation };
    // Reported, not asserted (issue #9's budget: usable within 1 s on localhost with demo data).
    console.log(`Overview usable in ${usableMs} ms`, timing);
    await writeFile(join(screenshots, "timing.json"), `${JSON.stringify(timing, null, 2)}\n`);
    await checkpoint(page, "03-overview");
    await page.setViewportSize({ width: 768, height: 1000 });
    await checkpoint(page, "03-overview-768");
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("explains why a duty applies to the party", async () => {
    // G1.5: the duties on a User in each of its User Roles.
    await page.goto(`${base}/#/obligations`);
    const role = page.getByRole("region", { name: /As import-supplier/ });
    await role.getByRole("link").first().click();
    await page.waitForURL(/obligation=/);
    await page.getByRole("heading", { name: "Why it binds" }).waitFor();
    expect(await page.getByRole("article").locator("ol li").count()).toBeGreaterThan(0);
    await checkpoint(page, "04-why-a-duty-applies");
  });

  it("records evidence against an obligation", async () => {
    await page.goto(`${base}/#/registers?register=evidence`);
    await page.getByRole("heading", { name: "Record evidence" }).waitFor();
    await page.getByLabel("Id", { exact: true }).fill("ev-patching");
    await page.getByLabel("Title").fill("Monthly patching report");
    await page.getByLabel("Link to the evidence").fill("https://intranet.example/patching/2026-10");
    await page.getByLabel("Obligations it evidences").fill("G3.1");
    await page.getByRole("button", { name: "Record evidence" }).click();
    await page.getByText("Evidence ev-patching recorded.").waitFor();
    await page.getByRole("cell", { name: "Monthly patching report" }).waitFor();
    await checkpoint(page, "05-evidence-recorded");
  });

  it("downloads the party's deadlines as a calendar file", async () => {
    await page.goto(`${base}/#/calendar`);
    await page.getByRole("table").waitFor();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download as a calendar (.ics)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("secg-small-supplier-deadlines.ics");
    const text = await readFile((await download.path())!, "utf8");
    expect(text.startsWith("BEGIN:VCALENDAR")).toBe(true);
    await checkpoint(page, "05-calendar");
  });

  it("schedules an assessment; the assessor starts it and reports through the step's form (G8.21, G8.22)", async () => {
    await page.goto(`${base}/#/assurance`);
    await page.getByLabel("Kind").selectOption("user");
    await page.getByLabel("Scheduled for").fill("2027-03-01");
    await page.getByRole("button", { name: "Create" }).click();
    await page.waitForURL(/assessment=/);
    const link = page.url();
    const detail = page.getByRole("article");
    await detail.getByText("State: scheduled").waitFor();
    // The owner may schedule, but only the independent assessor starts the fieldwork.
    await detail.getByRole("button", { name: "Start fieldwork", exact: true }).click();
    await detail.getByRole("button", { name: "Make step: Start fieldwork" }).click();
    await detail.getByRole("alert").getByText("may be made only as auditor").waitFor();

    const { store } = dashboard!;
    await usersOf(store.db, store.clock).create(
      {
        username: "assessor",
        memberships: [{ party: "small-supplier", role: "auditor" }],
        password: testPassword,
      },
      { actor: "test:web" },
    );
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.goto(link);
    await page.getByLabel("Username").fill("assessor");
    await page.getByLabel("Password").fill(testPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await detail.getByRole("button", { name: "Start fieldwork", exact: true }).click();
    await detail.getByLabel("Note (optional)").fill("On site in March");
    await detail.getByRole("button", { name: "Make step: Start fieldwork" }).click();
    await detail.getByText("State: fieldwork").waitFor();
    await detail.getByRole("listitem").filter({ hasText: "as auditor" }).waitFor();
    await checkpoint(page, "05-assessment-step");

    // The report's form asks for what G8.22 needs; blanks are caught before sending.
    await detail.getByRole("button", { name: "Submit report", exact: true }).click();
    const form = detail.getByRole("form", { name: "Submit report" });
    await form.getByRole("button", { name: "Add finding" }).click();
    await form.getByRole("button", { name: "Make step: Submit report" }).click();
    await form.getByText(/fields need attention/).waitFor();
    const summary = form.locator("#step-summary");
    expect(await summary.getAttribute("aria-invalid")).toBe("true");
    await summary.fill("Yearly assessment of the User Systems");
    const finding = form.getByRole("group", { name: "Finding 1" });
    await finding.getByLabel("Id", { exact: true }).fill("f1");
    await finding.getByLabel("Kind").selectOption("actual");
    await finding.getByLabel("Summary", { exact: true }).fill("Patching is months behind");
    // A clause outside G3 to G6 passes the browser's checks; the server's refusal lands on the field.
    await finding.getByLabel("Obligation").fill("G9.1");
    await form.getByRole("button", { name: "Make step: Submit report" }).click();
    const obligation = finding.getByLabel("Obligation");
    await finding
      .locator(".field-error")
      .getByText(/^Expected a clause of G3, G4, G5, G6/)
      .waitFor();
    expect(await obligation.getAttribute("aria-invalid")).toBe("true");
    await checkpoint(page, "05-assessment-form-refused");
    await obligation.fill("G3.1");
    await form.getByRole("button", { name: "Make step: Submit report" }).click();
    await detail.getByText("State: reported").waitFor();
    await detail.getByRole("listitem").filter({ hasText: "Patching is months behind" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Username").fill("officer");
    await page.getByLabel("Password").fill(testPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Signed in as").waitFor();
  });

  it("decides a quarantined Service Request after confirming", async () => {
    // G6: a User decides whether a quarantined request is deleted or processed.
    await quarantineOf(dashboard!.store.db, dashboard!.store.clock).hold(
      [
        {
          requestId: "90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:1001",
          userId: "90-B3-D5-1F-30-02-00-01",
          request: { srv: "7.2", commandVariant: 5, time: "2026-11-01T10:00:00Z" },
          breach: "user-threshold",
          threshold: 0,
        },
      ],
      { actor: "test:web" },
    );
    await page.goto(`${base}/#/adt`);
    await page.getByRole("heading", { name: "Waiting for a decision (1)" }).waitFor();
    await page.getByRole("button", { name: /^Process request/ }).click();
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await checkpoint(page, "06-quarantine-confirm");
    await dialog.getByRole("button", { name: "Process the request" }).click();
    await page.getByText(/released for processing/).waitFor();
    await page.getByRole("heading", { name: "Waiting for a decision (0)" }).waitFor();
    await checkpoint(page, "06-quarantine-decided");
  });

  it("verifies the audit log against its signed checkpoint in the browser", async () => {
    // G2.26 relies on an audit log that cannot be altered unnoticed.
    const { store, dataDir } = dashboard!;
    await signNewCheckpoint(store.db, store.clock, await currentSigningKey(dataDir), { actor: "test:web" });
    await page.goto(`${base}/#/audit`);
    await page.getByRole("button", { name: "Verify the log" }).click();
    // The Ed25519 signature is checked in the browser, and the key shown to compare with the CLI's.
    const signature = page.getByText(/^Signature verified: the checkpoint was signed by key/);
    await signature.waitFor();
    // What `secg audit keys` prints for the key that signed.
    const [key] = await registeredKeys(store.db);
    await page.getByText(verifierKey(key!), { exact: true }).waitFor();
    await page.getByText(/^Verified: all \d+ entries/).waitFor();
    await page.getByLabel(/Words in the entry/).fill("small-supplier");
    await page.getByText(/\d+ matching entries/).waitFor();
    await checkpoint(page, "07-audit-verified");

    // G2.26's review reads as tables: the refused step and the failed sign-in of this journey.
    const denied = page.getByRole("table", { name: "Requests refused by access control" });
    await denied.getByRole("row").filter({ hasText: "read workflows" }).first().waitFor();
    expect(await denied.getByRole("row").filter({ hasText: "denied" }).count()).toBeGreaterThan(0);
    const failed = page.getByRole("table", { name: "Failed sign-ins and lockouts" });
    await failed.getByRole("row").filter({ hasText: "failed sign-in" }).first().waitFor();
    // Newest first; the Time header's button reverses the order, and says so to screen readers.
    const time = denied.getByRole("columnheader", { name: /Time/ });
    expect(await time.getAttribute("aria-sort")).toBe("descending");
    await time.getByRole("button").click();
    expect(await time.getAttribute("aria-sort")).toBe("ascending");
    await checkpoint(page, "07-audit-review");
  });

  it("says clearly when the checkpoint's signature does not verify with the key given", async () => {
    await page.goto(`${base}/#/audit`);
    // A key of the same name but not the one that signed: as if the server's keys were swapped.
    const [key] = await registeredKeys(dashboard!.store.db);
    const other = rawPublicKey(generateKeyPairSync("ed25519").publicKey);
    await page
      .getByLabel("Verifier key to trust (optional)")
      .fill(verifierKey({ name: key!.name, publicKey: other }));
    await page.getByRole("button", { name: "Verify the log" }).click();
    await page
      .getByRole("alert")
      .getByText(/^Signature NOT verified: no signature is by a key trusted here/)
      .waitFor();
    await checkpoint(page, "07-audit-signature-refused");
  });
});
