import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partyPoliciesOf } from "../../src/workspace/party-policy.js";
import {
  type Dashboard,
  haveChromium,
  openDemoDashboard,
  screenshots,
  seriousViolations,
  signInAs,
} from "./browser.js";

// Issue #8: a party's security policy edited in the dashboard, over GET/PUT /api/parties/:party/policy.
describe.skipIf(!haveChromium)("The party policy editor in a browser", () => {
  let dashboard: Dashboard | undefined;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDemoDashboard("secg-web-policy-");
    ({ page, base } = dashboard);
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  const promptly = () => page.getByLabel("Promptly, in hours");

  it("saves a new promptHours as the next version, and shows a refusal beside its field (G3.4–G3.5)", async () => {
    await page.goto(`${base}/#/parties`);
    await page.getByLabel("Party", { exact: true }).selectOption("small-supplier");
    const editor = page.getByRole("region", { name: "Security policy of Small Supplier Ltd" });
    await editor.getByText("none set yet: the rule checks use their defaults").waitFor();

    await promptly().fill("48");
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await editor.getByText("Policy saved as version 1.").waitFor();
    await editor
      .getByRole("definition")
      .filter({ hasText: /^1, saved/ })
      .waitFor();
    expect(await promptly().inputValue()).toBe("48");
    const stored = await partyPoliciesOf(dashboard!.store.db, dashboard!.store.clock).get("small-supplier");
    expect(stored?.policy).toEqual({ promptHours: 48 });
    expect(stored?.version).toBe(1);

    // The bound is the server's to judge; its refusal lands on the field it names.
    await promptly().fill("1000");
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await editor.getByText("Expected 1 to 720 hours", { exact: true }).waitFor();
    await editor
      .getByRole("alert")
      .getByText('Not saved: see the message beside "Promptly, in hours".')
      .waitFor();
    expect(await promptly().getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: join(screenshots, "policy-refused.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    await promptly().fill("36");
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await editor.getByText("Policy saved as version 2.").waitFor();
    await page.screenshot({ path: join(screenshots, "policy-saved.png"), fullPage: true });
  });

  it("edits anomaly rules row by row, shows a refused rule beside the table, and stores a good one (G3.15)", async () => {
    const editor = page.getByRole("region", { name: "Security policy of Small Supplier Ltd" });
    await editor.getByRole("button", { name: "Add a rule" }).click();
    await editor.getByLabel("Id of rule 1").fill("burst");
    await editor.getByLabel("ADT outcome of rule 1").selectOption("quarantined");
    await editor.getByLabel("At least of rule 1").fill("0");
    await editor.getByRole("button", { name: "Save the policy" }).click();
    // The server refuses a threshold of 0 and names the rule's key path.
    await page.locator("#policy-anomalyRules-error").waitFor();
    expect(await page.locator("#policy-anomalyRules").getAttribute("aria-invalid")).toBe("true");
    const policies = partyPoliciesOf(dashboard!.store.db, dashboard!.store.clock);
    expect((await policies.get("small-supplier"))?.version).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);

    await editor.getByLabel("At least of rule 1").fill("5");
    await editor.getByLabel("Counted per of rule 1").selectOption("userId");
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await editor.getByText("Policy saved as version 3.").waitFor();
    const stored = await policies.get("small-supplier");
    expect(stored?.policy.anomalyRules).toEqual([
      {
        id: "burst",
        source: "adt",
        match: { outcome: "quarantined" },
        threshold: 5,
        window: "PT1H",
        per: "userId",
      },
    ]);
    // The saved rule comes back as a row; removing it and saving leaves no rules.
    expect(await editor.getByLabel("Id of rule 1").inputValue()).toBe("burst");
    await page.screenshot({ path: join(screenshots, "policy-rules.png"), fullPage: true });
    await editor.getByRole("button", { name: "Remove rule 1" }).click();
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await editor.getByText("Policy saved as version 4.").waitFor();
    expect((await policies.get("small-supplier"))?.policy.anomalyRules).toBeUndefined();
  });

  it("shows the policy read-only to a contributor, who may not write it", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await signInAs(dashboard!, "policy-reader", [{ party: "small-supplier", role: "contributor" }]);
    await page.goto(`${base}/#/parties`);
    const editor = page.getByRole("region", { name: "Security policy of Small Supplier Ltd" });
    await editor.getByText("changing it is for the party's owner and security officer").waitFor();
    expect(await promptly().inputValue()).toBe("36");
    expect(await promptly().isDisabled()).toBe(true);
    expect(await editor.getByRole("button", { name: "Save the policy" }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
