import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../../src/cli/program.js";
import { InputError } from "../../../src/common/input-error.js";
import { parseDuisRequest } from "../../../src/controls/duis/parse.js";
import { repoRoot, sharedPath } from "../../support/shared.js";
import { renderRequest, sampleSpec } from "./render.js";

function failure(text: string): InputError {
  try {
    parseDuisRequest(text, "req.xml");
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

const templates = sharedPath("reference/duis-templates");

describe("DUIS XML Service Request header", () => {
  // G6.3(a)(i): the SRV, its Command Variant and the critical flag decide what a threshold counts.
  it("reads the header fields and the critical flag", () => {
    expect(parseDuisRequest(renderRequest(sampleSpec), "req.xml")).toEqual({
      requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1001",
      originator: "90-B3-D5-1F-30-01-00-00",
      target: "00-DB-12-34-56-78-90-A0",
      counter: "1001",
      commandVariant: 5,
      serviceReference: "7.2",
      srv: "7.2",
      critical: true,
      schemaVersion: "5.4",
    });
  });

  // G6.3: the User ID is the originator, compared without regard to hex case.
  it("resolves the namespace by URI, whatever prefix, and upper-cases EUI-64s", () => {
    for (const prefix of ["", "duis", "x"]) {
      const text = renderRequest({
        ...sampleSpec,
        prefix,
        requestId: "90-b3-d5-1f-30-01-00-00:00-db-12-34-56-78-90-a0:18446744073709551615",
      });
      expect(parseDuisRequest(text, "req.xml")).toMatchObject({
        originator: "90-B3-D5-1F-30-01-00-00",
        counter: "18446744073709551615",
      });
    }
  });

  // G6.1(a): a request that cannot be read is refused precisely, never guessed at.
  it("refuses malformed requests, naming file, line and element", () => {
    const bad = (spec: Partial<typeof sampleSpec> & Record<string, unknown>) =>
      failure(renderRequest({ ...sampleSpec, ...spec }));
    expect(failure("not xml").message).toMatch(/^req\.xml:1: expected well-formed XML/);
    expect(bad({ namespace: "urn:other" }).expected).toMatch(/DUIS namespace/);
    expect(bad({ schemaVersion: "4.1" }).expected).toMatch(/5\.x/);
    expect(bad({ requestId: "90-B3-D5-1F-30-01-00:00-DB-12-34-56-78-90-A0:1" }).expected).toMatch(
      /EUI-64 originator/,
    );
    expect(
      bad({ requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:18446744073709551616" }).expected,
    ).toMatch(/counter/);
    expect(bad({ requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:007" }).expected).toMatch(
      /leading zeros/,
    );
    expect(bad({ srv: "7.99" }).expected).toMatch(/catalogue/);
    expect(bad({ serviceReference: "7.3" }).expected).toMatch(/Service Reference 7\.2/);
    expect(bad({ commandVariant: 1 }).expected).toMatch(/4, 5, 6, 7/);
    expect(bad({ commandVariant: 10 }).expected).toMatch(/1 to 9/);
    const wrongField = bad({ filler: "<sr:Extra/>" });
    expect(wrongField.where).toEqual({ file: "req.xml", line: 3, path: "Request.Header.Extra" });
  });

  // G6.3: without a RequestID there is no User ID to count against.
  it("reports a missing RequestID at the Header", () => {
    const text = renderRequest(sampleSpec).replace(/<sr:RequestID>.*?<\/sr:RequestID>/, "");
    const error = failure(text);
    expect(error.where).toMatchObject({ file: "req.xml", path: "Request.Header.RequestID" });
    expect(error.message).toMatch(/^req\.xml:3 at Request\.Header\.RequestID: expected a RequestID element/);
  });

  // G6.1(a): ADT reads Service Requests; a Response or any other document is refused.
  it("refuses a response or another root", () => {
    expect(
      failure('<sr:Response xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway"/>').expected,
    ).toMatch(/root element Request/);
  });
});

describe.skipIf(!templates)("the DCC's reference requests", () => {
  // G6.1(a): every reference request the DCC publishes is read, with the catalogue's critical flag.
  it("parses every template", () => {
    const files = readdirSync(templates!).filter((f) => /\.xml$/i.test(f));
    expect(files.length).toBeGreaterThan(250);
    for (const file of files) {
      const request = parseDuisRequest(readFileSync(join(templates!, file), "utf8"), file);
      expect(request.schemaVersion, file).toBe("5.4");
      // The DCC sends critical SRVs as Pre-Command requests (CV 4) and others as plain commands.
      expect(request.critical, file).toBe(request.commandVariant >= 4 && request.commandVariant <= 7);
    }
  });
});

describe("secg duis parse", () => {
  const fixture = join(repoRoot, "test/fixtures/adt/duis/001-disable-supply.xml");

  // G6.3(a)(i): the CLI reports exactly the contract's fields.
  it("prints exactly the contract's JSON fields", async () => {
    const { code, out } = await cli("duis", "parse", fixture, "--json");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({
      requestId: "90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:2001",
      originator: "90-B3-D5-1F-30-01-00-00",
      target: "00-DB-12-34-56-78-90-A0",
      counter: "2001",
      commandVariant: 5,
      serviceReference: "7.2",
      srv: "7.2",
      critical: true,
    });
  });

  // G6.3(a)(i): people see the SRV by name and whether it is critical.
  it("prints a readable summary without --json", async () => {
    const { code, out } = await cli("duis", "parse", fixture);
    expect(code).toBe(0);
    expect(out).toMatch(/Disable Supply/);
    expect(out).toMatch(/critical\s+yes/);
  });

  // G6.1(a): bad input is exit 2 with a one-line message naming the file.
  it("exits 2 with one line on bad input", async () => {
    const { code, err } = await cli("duis", "parse", join(repoRoot, "test/fixtures/adt/thresholds.yaml"));
    expect(code).toBe(2);
    expect(err.trim().split("\n")).toHaveLength(1);
    expect(err).toMatch(/thresholds\.yaml:1: expected well-formed XML/);
    expect((await cli("duis", "parse", "/nonexistent.xml")).code).toBe(2);
  });
});
