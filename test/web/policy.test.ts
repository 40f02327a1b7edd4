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

  it("catches rules that are not JSON before sending, and a bad rule at its key path (G3.15)", async () => {
    const editor = page.getByRole("region", { name: "Security policy of Small Supplier Ltd" });
    const rules = editor.getByLabel("Anomaly rules (JSON, optional)");
    await rules.fill("[{");
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await editor.getByText("Expected the rules as a JSON list, or nothing for none").waitFor();

    await rules.fill('[{"id": "burst", "source": "adt", "threshold": 0, "window": "PT1H"}]');
    await editor.getByRole("button", { name: "Save the policy" }).click();
    await page.locator("#policy-anomalyRules-error").waitFor();
    expect(await rules.getAttribute("aria-invalid")).toBe("true");
    const stored = await partyPoliciesOf(dashboard!.store.db, dashboard!.store.clock).get("small-supplier");
    expect(stored?.version).toBe(2);
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
