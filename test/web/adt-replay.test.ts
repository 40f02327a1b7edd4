import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseProfile } from "../../src/obligations/profile.js";
import { percentDone, ratesPerHour, replayFormat } from "../../src/web/adt/replay.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { repoRoot } from "../support/shared.js";
import { type Dashboard, haveChromium, openDashboard, screenshots, seriousViolations } from "./browser.js";
import { type PacedRelay, pacedRelay } from "./paced-relay.js";

const fixtures = join(repoRoot, "test/fixtures/adt/replay");

async function upload(name: string, text?: string) {
  const buffer = text === undefined ? await readFile(join(fixtures, name)) : Buffer.from(text);
  return { name, mimeType: "application/octet-stream", buffer };
}

/** The fixture's requests, then `count` more an hour later, one a second, that no threshold stops. */
async function busyTraffic(count: number): Promise<string> {
  const lines = [(await readFile(join(fixtures, "requests.jsonl"), "utf8")).trimEnd()];
  for (let i = 0; i < count; i++) {
    const gas = i % 3 === 0;
    lines.push(
      JSON.stringify({
        requestId: `90-B3-D5-1F-30-02-00-0${gas ? 2 : 1}:00-DB-12-34-56-78-90-A2:${100 + i}`,
        srv: gas ? "1.2.1" : "4.1.1",
        commandVariant: gas ? 5 : 1,
        time: new Date(Date.UTC(2025, 2, 1, 12) + i * 1000).toISOString(),
        ...(gas ? { values: { price: 500 } } : {}),
      }),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Records every value the page's progress bars take, from now on. */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll("[role=progressbar][aria-valuenow]")) {
        const value = Number(bar.getAttribute("aria-valuenow"));
        if (seen.at(-1) !== value) seen.push(value);
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  });
}

async function checkpoint(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `adt-replay-${name}.png`), fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
}

describe("the replay panel's helpers", () => {
  it("replays one JSON Lines file, or DUIS XML files only", () => {
    expect(replayFormat(["traffic.jsonl"])).toEqual({ format: "jsonl" });
    expect(replayFormat(["b.xml", "a.XML"])).toEqual({ format: "duis" });
    expect(replayFormat(["a.jsonl", "b.xml"])).toHaveProperty("problem");
    expect(replayFormat([])).toHaveProperty("problem");
  });

  it("gives rates per hour over the replay's span, never over less than an hour", () => {
    const count = { userId: "U", srv: "7.2", processed: 0, warned: 0, quarantined: 0, deleted: 0 };
    const counts = [
      { ...count, requests: 30 },
      { ...count, srv: "4.1.1", requests: 60 },
    ];
    expect(ratesPerHour(counts, "2025-03-01T10:00:00Z", "2025-03-01T12:00:00Z")).toEqual([
      { label: "U · SRV 4.1.1", value: 30 },
      { label: "U · SRV 7.2", value: 15 },
    ]);
    expect(ratesPerHour(counts, "2025-03-01T10:00:00Z", "2025-03-01T10:00:05Z")[0]!.value).toBe(60);
    expect(ratesPerHour([{ ...count, requests: 3 }], "2025-03-01T10:00:00Z", "2025-03-01T12:00:00Z")).toEqual(
      [{ label: "U · SRV 7.2", value: 1.5 }],
    );
    expect(
      ratesPerHour([{ ...count, requests: 25 }], "2025-03-01T10:00:00Z", "2025-03-01T13:00:00Z")[0]!.value,
    ).toBe(8.3);
    expect(percentDone(1, 3)).toBe(33);
    expect(percentDone(0, 0)).toBe(100);
  });
});

// Issue #9: progress shown for a long replay; G6: what the thresholds quarantine waits for the
// User's decision on the same page.
describe.skipIf(!haveChromium)("Replaying traffic on the ADT page", () => {
  let dashboard: Dashboard | undefined;
  let relay: PacedRelay | undefined;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    dashboard = await openDashboard("secg-web-adt-replay-");
    page = dashboard.page;
    // On a fast machine the whole streamed answer can reach the page in one read, and the bar
    // would jump straight to its end: the page talks to the server over a slow link instead.
    relay = await pacedRelay(dashboard.base, 50);
    base = relay.url;
    await page.goto(`${base}/`);
    const profile = parseProfile(
      await readFile(join(repoRoot, "test/fixtures/profiles/small-supplier.yaml"), "utf8"),
      "small-supplier.yaml",
    );
    await partiesOf(dashboard.store.db, dashboard.store.clock).putAll([profile], { actor: "test:web" });
    await page.reload();
  }, 240_000);

  afterAll(async () => {
    await relay?.close();
    await dashboard?.close();
  });

  const thresholdsInput = () => page.getByLabel("Thresholds file (YAML or JSON)");
  const requestsInput = () => page.getByLabel("Requests: one JSON Lines file, or DUIS XML files");

  it("says what to do before the first replay", async () => {
    await page.goto(`${base}/#/adt`);
    await page.getByText("No replay yet.").waitFor();
    await page.getByText(/No request waits\. Replay recorded traffic above/).waitFor();
    expect(await page.getByRole("button", { name: "Replay", exact: true }).isDisabled()).toBe(true);
    await checkpoint(page, "01-empty");
  });

  it("replays the files with a moving progress bar, then shows the outcome and holds what was quarantined (G6.3, G6.5)", async () => {
    await thresholdsInput().setInputFiles(await upload("thresholds.yaml"));
    await requestsInput().setInputFiles(await upload("traffic.jsonl", await busyTraffic(30_000)));
    await watchProgress(page);
    await page.getByRole("button", { name: "Replay", exact: true }).click();
    await page.getByRole("progressbar").waitFor();
    await page.getByRole("progressbar", { name: "Replay finished" }).waitFor({ timeout: 60_000 });

    const seen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
    expect(seen.some((value) => value < 100)).toBe(true);
    expect(seen.at(-1)).toBe(100);
    // G6.3 and G6.6(b): the third Disable Supply within the hour and the over-priced request are
    // quarantined; the SMETS1 request outside the price limit is deleted (G6.1(d)(i)).
    await page.getByText(/Replayed 30,007 requests against 2 thresholds/).waitFor();
    await page.getByText("All 2 quarantined requests are now in the queue below").waitFor();
    await page.getByRole("figure", { name: "Requests per hour by User ID and SRV" }).waitFor();
    await page.getByRole("table", { name: "Outcomes per User ID and SRV" }).waitFor();
    await page.getByRole("heading", { name: "Waiting for a decision (2)" }).waitFor();
    await checkpoint(page, "02-result");
  }, 90_000);

  it("decides one of the held requests on the same page (G6.5)", async () => {
    const requestId = "90-B3-D5-1F-30-02-00-01:00-DB-12-34-56-78-90-A0:3";
    await page.getByRole("button", { name: `Delete request ${requestId}` }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete the request" }).click();
    await page.getByText(`Request ${requestId} deleted.`).waitFor();
    await page.getByRole("heading", { name: "Waiting for a decision (1)" }).waitFor();
  });

  it("refuses a bad file with its line and field, holding nothing", async () => {
    await requestsInput().setInputFiles(await upload("bad-requests.jsonl"));
    await page.getByRole("button", { name: "Replay", exact: true }).click();
    const alert = page.getByRole("alert").filter({ hasText: "Nothing was replayed or held" });
    await alert.getByText(/bad-requests\.jsonl:4: expected only the keys/).waitFor();
    await page.getByRole("heading", { name: "Waiting for a decision (1)" }).waitFor();
    await checkpoint(page, "03-refused");
  });

  it("cancels a running replay from the keyboard, holding nothing", async () => {
    // A slow upload keeps the replay running long enough to cancel it, however fast the machine.
    const network = await page.context().newCDPSession(page);
    await network.send("Network.enable");
    await network.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 256 * 1024,
    });
    try {
      await requestsInput().setInputFiles(await upload("large.jsonl", await busyTraffic(20_000)));
      await page.getByRole("button", { name: "Replay", exact: true }).click();
      await page.getByRole("progressbar", { name: "Sending and checking the files" }).waitFor();
      await page.getByRole("button", { name: "Cancel the replay" }).focus();
      await page.keyboard.press("Enter");
      await page.getByText(/Replay cancelled\. Nothing was held/).waitFor();
    } finally {
      await network.detach();
    }
    await page.getByRole("heading", { name: "Waiting for a decision (1)" }).waitFor();
    await checkpoint(page, "04-cancelled");
  });
});
