import { readFile, writeFile } from "node:fs/promises";
import { inflateSync } from "node:zlib";
import { PDFDocument, type PDFRawStream, StandardFonts } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { validateFacts } from "../../../src/obligations/deadlines/facts.js";
import { validateProfile } from "../../../src/obligations/profile.js";
import type { WorkflowData } from "../../../src/obligations/workflows/types.js";
import { noticeMarkdown, sscNotices } from "../../../src/workspace/documents/notices.js";
import { NoResponseYet, type ResponseSource } from "../../../src/workspace/documents/response-content.js";
import { responseMarkdown } from "../../../src/workspace/documents/response-markdown.js";
import { responsePdf, wrap } from "../../../src/workspace/documents/response-pdf.js";
import { toResponse, walk } from "../../obligations/workflows/run.js";

const golden = new URL("./response.golden.md", import.meta.url);

function source(data: WorkflowData, kind: ResponseSource["workflow"]["kind"] = "user"): ResponseSource {
  return {
    party: { id: "hub", name: "Hub Services" },
    workflow: { id: "wf-0123456789", kind, category: "full", data: { ...data, copiesTo: ["beta", "gamma"] } },
  };
}

const responded = walk("user", toResponse);

/** The text drawn on a page: pdf-lib writes each line as a hex string shown with Tj. */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(pdf);
  return doc.getPages().map((page) => {
    const contents = page.node.Contents();
    const streams =
      contents && "size" in contents
        ? Array.from({ length: contents.size() }, (_, i) => contents.lookup(i))
        : [contents];
    return streams
      .map((s) => {
        const raw = s as PDFRawStream;
        const bytes = raw.dict.get(raw.dict.context.obj("Filter"))
          ? inflateSync(raw.contents)
          : Buffer.from(raw.contents);
        const text = Buffer.from(bytes).toString("latin1");
        return [...text.matchAll(/<([0-9A-Fa-f]*)> Tj/g)]
          .map((m) => Buffer.from(m[1]!, "hex").toString("latin1"))
          .join("\n");
      })
      .join("\n");
  });
}

describe("the User Security Assessment Response (G8.24, G8.26)", () => {
  // Markdown golden file: regenerate with UPDATE_GOLDEN=1 after a deliberate change.
  it("renders as Markdown with the findings table, answers, steps, dates and copies (G10.8(b))", async () => {
    const markdown = responseMarkdown(source(responded.data));
    if (process.env.UPDATE_GOLDEN) await writeFile(golden, markdown);
    expect(markdown).toBe(await readFile(golden, "utf8"));
  });

  it("names the DCC's response for a DCC assessment (G9.21)", () => {
    expect(responseMarkdown(source(responded.data, "dcc"))).toMatch(/^# DCC Security Assessment Response\n/);
  });

  it("refuses a workflow whose response is not in yet", () => {
    expect(() => responseMarkdown(source(walk("user", toResponse.slice(0, 2)).data))).toThrow(NoResponseYet);
  });

  it("renders as a PDF that loads back with its title, text and a findings table", async () => {
    const pdf = await responsePdf(source(responded.data));
    const doc = await PDFDocument.load(pdf);
    expect(doc.getTitle()).toBe("User Security Assessment Response: Hub Services");
    expect(doc.getCreator()).toBe("secg");
    expect(doc.getPageCount()).toBe(1);
    const [text] = await pageTexts(pdf);
    for (const expected of [
      "User Security Assessment Response",
      "Finding",
      "Obligation",
      "G5.18",
      "accepted",
      "disputed",
      "Review the ISMS (by 2025-06-30)",
    ]) {
      expect(text).toContain(expected);
    }
    // Deterministic: the same workflow gives the same bytes.
    expect(Buffer.from(await responsePdf(source(responded.data))).equals(Buffer.from(pdf))).toBe(true);
  });

  it("breaks pages for a long response and draws text outside the standard fonts as '?'", async () => {
    const findings = Array.from({ length: 60 }, (_, i) => ({
      id: `f${i}`,
      obligation: "G5.18",
      kind: "actual",
      summary: `Finding ${i}: ${"a long explanation of what was seen ".repeat(6)}→ ✓`,
    }));
    const answers = findings.map((f) => ({
      finding: f.id,
      accepted: true,
      steps: [{ description: "Fix it", by: "2025-09-01" }],
    }));
    const long = walk("user", [
      ["start-fieldwork", "auditor"],
      ["submit-report", "auditor", { summary: "Many", findings }],
      ["submit-response", "owner", { answers }],
    ]);
    const pdf = await responsePdf(source(long.data));
    const texts = await pageTexts(pdf);
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.at(-1)).toContain("f59");
    expect(texts.join("\n")).toContain("? ?");
  });

  it("wraps words to the width and cuts a word longer than a line", async () => {
    const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica);
    const lines = wrap(`short ${"x".repeat(200)} end`, font, 10, 100);
    for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(100);
    expect(lines.join("").replaceAll(" ", "")).toBe(`short${"x".repeat(200)}end`);
  });
});

describe("SSC notifications (G3.5, G3.9, G3.18(c), G5.26, G5.27)", () => {
  const profile = validateProfile({
    id: "acme",
    name: "Acme Energy",
    supplierParty: true,
    roles: [{ role: "import-supplier" }],
    criticalServiceRequests: true,
    sharedResources: { used: true, providedBy: "hub" },
  });
  const hub = validateProfile({
    id: "hub",
    name: "Hub Services",
    roles: [{ role: "shared-resource-provider" }],
  });
  const facts = validateFacts({
    promptHours: 4,
    followUpDays: 10,
    systems: [
      { id: "head-end", status: "planned", goLive: "2026-04-01" },
      {
        id: "crm",
        status: "operational",
        decommissioning: "2026-06-01",
        lastVulnerabilityAssessment: "2026-01-01",
      },
    ],
    incidents: [{ id: "inc-7", detectedAt: "2026-01-14T22:30:00Z", major: true }],
    vulnerabilities: [{ id: "vuln-1", detectedAt: "2026-01-20T08:00:00Z", rectifyBy: "2026-02-15" }],
    sharedResources: { firstEmployed: "2026-01-05" },
  });
  const notices = sscNotices(
    profile,
    facts,
    {
      "head-end": { description: "A new head-end system", purpose: "Sending Service Requests" },
      acme: { smartMeteringSystems: "120000" },
    },
    "2026-01-21",
    new Map([
      ["acme", profile],
      ["hub", hub],
    ]),
  );
  const byId = new Map(notices.map((n) => [n.id, n]));

  it("dates each notice as the deadline rules do", () => {
    // G3.5: detection + promptHours.
    expect(byId.get("G3.5:inc-7")).toMatchObject({
      due: "2026-01-15T02:30:00Z",
      to: ["Panel", "Security Sub-Committee"],
    });
    // G3.9(a): before it becomes operational; G3.9(c): before decommissioning.
    expect(byId.get("G3.9(a):head-end")?.due).toBe("2026-03-31");
    expect(byId.get("G3.9(c):crm")?.due).toBe("2026-05-31");
    // G3.18(c) (with G3.9(b)(ii)): promptly after detection.
    expect(byId.get("G3.18(c):vuln-1")).toMatchObject({
      due: "2026-01-20T12:00:00Z",
      alsoClauses: ["G3.9(b)(ii)"],
    });
    // G5.26 and G5.27(a): as soon as reasonably practicable after starting to share (followUpDays).
    expect(byId.get("G5.27(a):acme")?.due).toBe("2026-01-15");
    expect(byId.get("G5.26:acme")?.due).toBe("2026-01-15");
  });

  it("fills in what the clause asks for from the records and the details, and marks the rest", () => {
    const fields = (id: string) =>
      Object.fromEntries(byId.get(id)!.fields.map((f) => [`${f.clause} ${f.label}`, f.value]));
    expect(fields("G3.9(a):head-end")).toMatchObject({
      "G3.9(a)(ii) Description of the System": "A new head-end system",
      "G3.9(a)(ii) How it relates to the other parts of the User Systems": null,
    });
    expect(fields("G3.9(c):crm")["G3.9(c)(ii) Proposed timing"]).toBe("2026-06-01");
    expect(fields("G3.18(c):vuln-1")["G3.18(c) When those steps will be completed"]).toBe("2026-02-15");
    expect(fields("G5.26:acme")["G5.26(b)(i) Shared Resource Provider"]).toBe("Hub Services");
    expect(
      fields("G5.27(a):acme")["G5.27 Smart Metering Systems Critical Service Requests can be sent for"],
    ).toBe("120000");
    const markdown = noticeMarkdown(byId.get("G3.9(a):head-end")!, { id: "acme", name: "Acme Energy" });
    expect(markdown).toContain("- **Due:** 2026-03-31");
    expect(markdown).toContain(
      "## How it relates to the other parts of the User Systems (G3.9(a)(ii))\n\n_To be completed._",
    );
  });

  it("gives no Shared Resources notices to a party that does not share", () => {
    const alone = validateProfile({
      id: "solo",
      name: "Solo",
      supplierParty: true,
      roles: [{ role: "import-supplier" }],
    });
    expect(sscNotices(alone, facts, {}, "2026-01-21").map((n) => n.clause)).not.toContain("G5.26");
  });
});
