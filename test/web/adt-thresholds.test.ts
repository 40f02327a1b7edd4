import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { thresholdReport } from "../../src/controls/adt/report.js";
import { generateSigningKeys, parsePrivateKey, signThresholds } from "../../src/controls/adt/signing.js";
import { parseThresholds } from "../../src/controls/adt/thresholds.js";
import { defaultEncryptedResponseSrvs } from "../../src/controls/duis/service-requests.js";
import { thresholdRows } from "../../src/web/adt/thresholds.js";
import {
  type Dashboard,
  haveChromium,
  openDemoDashboard,
  screenshots,
  seriousViolations,
} from "./browser.js";

const options = { encryptedSrvs: new Set(defaultEncryptedResponseSrvs) };
const importSupplier = "90-B3-D5-1F-30-02-00-01";

// Small Supplier Ltd's import supplier sets one level on Disable Supply (7.2) and the DCC a price limit.
const plain = `thresholds:
  - { userId: "${importSupplier}", srv: "7.2", measure: critical, warning: 1, quarantine: 2, period: PT1H }
  - { scope: dcc, srv: "1.2.1", value: price, min: 0, max: 100000 }
`;
const own = `thresholds:
  - { userId: "${importSupplier}", srv: "7.2", measure: critical, quarantine: 2, period: PT1H }
`;

function file(name: string, text: string) {
  return { name, mimeType: "application/octet-stream", buffer: Buffer.from(text) };
}

describe("the thresholds table", () => {
  // G6.8: the DCC's own thresholds first, then each User ID's, per SRV, count levels and value limits alike.
  it("lists every threshold with who set it and its levels", () => {
    const rows = thresholdRows(
      thresholdReport([{ file: "t.yaml", thresholds: parseThresholds(plain, "t.yaml", options) }]),
    );
    expect(
      rows.map(({ setBy, srv, counts, warning, quarantine, periodOrLimits }) => [
        setBy,
        srv,
        counts,
        warning,
        quarantine,
        periodOrLimits,
      ]),
    ).toEqual([
      ["DCC", "1.2.1", "value price", "", "", "min 0, max 100000"],
      [importSupplier, "7.2", "critical", "1", "2", "PT1H"],
    ]);
    expect(rows[1]!.critical).toBe(true);
  });
});

// G6.3, G6.4A, G6.6A: a thresholds file checked on the ADT page before it is notified or replayed.
describe.skipIf(!haveChromium)("Checking a thresholds file on the ADT page", () => {
  let dashboard: Dashboard | undefined;
  let page: Page;
  let base: string;
  const keys = generateSigningKeys();
  const signed = signThresholds(
    { text: own, file: "own.yaml", userId: importSupplier, sequence: 3 },
    parsePrivateKey(keys.privateKey, "private.pem"),
    options,
  );

  beforeAll(async () => {
    dashboard = await openDemoDashboard("secg-web-thresholds-");
    ({ page, base } = dashboard);
    await page.goto(`${base}/#/adt`);
    await page.getByLabel("Party", { exact: true }).selectOption("small-supplier");
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  const panel = () => page.getByRole("region", { name: "Check a thresholds file" });
  const check = () => panel().getByRole("button", { name: "Check the thresholds" }).click();

  it("lists a plain file's thresholds and what G6.3 requires that it leaves unset", async () => {
    await panel().getByText("No file checked yet").waitFor();
    await panel().getByLabel("Thresholds file (plain or signed)").setInputFiles(file("plain.yaml", plain));
    await check();
    await panel().getByText("plain.yaml is not signed").waitFor();
    await panel().getByRole("cell", { name: "value price" }).waitFor();
    // The gas supplier's User ID sets nothing, so G6.3 finds gaps, listed per User ID and SRV.
    const gaps = panel().getByText(
      /requirements of G6\.3 and G6\.4A the file does not meet \(\d+ under G6\.3/,
    );
    await gaps.click();
    await panel().getByRole("cell", { name: "90-B3-D5-1F-30-02-00-02" }).first().waitFor();
    await page.screenshot({ path: join(screenshots, "adt-thresholds-plain.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("verifies a signed file under the issuing User's key, and refuses it under another", async () => {
    await panel().getByLabel("Thresholds file (plain or signed)").setInputFiles(file("own.signed", signed));
    await check();
    await panel().getByText("the signature is not checked").waitFor();

    await panel()
      .getByLabel("Issuing User's public key (PEM, for a signed file; optional)")
      .setInputFiles(file("public.pem", keys.publicKey));
    await check();
    await panel().getByText("Signature verified").waitFor();
    await panel().getByText(importSupplier, { exact: true }).first().waitFor();

    await panel().getByLabel("Last sequence applied (optional)").fill("3");
    await check();
    await panel().getByText("Signature NOT verified (replayed)").waitFor();

    await panel()
      .getByLabel("Issuing User's public key (PEM, for a signed file; optional)")
      .setInputFiles(file("other.pem", generateSigningKeys().publicKey));
    await panel().getByLabel("Last sequence applied (optional)").fill("");
    await check();
    await panel().getByText("Signature NOT verified (bad-signature)").waitFor();
    await page.screenshot({ path: join(screenshots, "adt-thresholds-refused.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("refuses a file that is no thresholds file with its key path", async () => {
    await panel()
      .getByLabel("Thresholds file (plain or signed)")
      .setInputFiles(file("bad.yaml", "thresholds:\n  - { srv: 7.2 }\n"));
    await check();
    await panel()
      .getByRole("alert")
      .getByText(/bad\.yaml/)
      .waitFor();
  });
});
