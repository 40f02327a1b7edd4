import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { parseProfile } from "../../src/obligations/profile.js";
import { partiesOf } from "../../src/workspace/parties.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { repoRoot } from "../support/shared.js";
import { embedded, type Provisioned } from "../workspace/backends.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");
const party = "srp-one";
const base = `/api/parties/${party}/registers`;

// biome-ignore lint/suspicious/noExplicitAny: the tests read JSON answers by key path.
type Json = Record<string, any>;

describe("registers API", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let contributor: Record<string, string>;
  let auditor: Record<string, string>;
  let outsider: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    const profile = parseProfile(
      await readFile(join(repoRoot, "test/fixtures/profiles/srp-one.yaml"), "utf8"),
      "srp-one.yaml",
    );
    await partiesOf(store.db, store.clock).putAll([profile, { ...profile, id: "other-party" }], {
      actor: "t",
    });
    app = await buildServer({ store, webRoot: noWebRoot });
    contributor = await sessionHeaders(app, store, [{ party, role: "contributor" }]);
    auditor = await sessionHeaders(app, store, [{ party, role: "auditor" }]);
    outsider = await sessionHeaders(app, store, [{ party: "other-party", role: "owner" }]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const call = async (
    headers: Record<string, string>,
    method: "GET" | "PUT" | "POST" | "DELETE",
    url: string,
    payload?: object | string,
    contentType?: string,
  ) => {
    const response = await app.inject({
      method,
      url,
      headers: { ...headers, ...(contentType === undefined ? {} : { "content-type": contentType }) },
      ...(payload === undefined ? {} : { payload }),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      text: response.body,
      raw: response.rawPayload,
    };
  };
  const json = (answer: { text: string }) => JSON.parse(answer.text) as Json;

  it("puts, reads, lists, counts and deletes a record", async () => {
    const module = { name: "Network HSM", vendor: "Example", fips140Level: 3, certificate: "4321" };
    const created = await call(contributor, "PUT", `${base}/modules/hsm-1`, module);
    expect(created.status).toBe(201);
    expect(json(created)).toEqual({ record: { id: "hsm-1", ...module }, outcome: "created" });
    expect(json(await call(contributor, "PUT", `${base}/modules/hsm-1`, module)).outcome).toBe("unchanged");
    expect(json(await call(auditor, "GET", `${base}/modules/hsm-1`))).toEqual({ id: "hsm-1", ...module });
    expect(json(await call(auditor, "GET", `${base}/modules`)).items).toHaveLength(1);
    expect(json(await call(auditor, "GET", base)).registers).toContainEqual({
      register: "modules",
      count: 1,
    });
    expect((await call(contributor, "DELETE", `${base}/modules/hsm-1`)).status).toBe(204);
    expect((await call(auditor, "GET", `${base}/modules/hsm-1`)).status).toBe(404);
  });

  it("lets the auditor read but not write, and keeps other parties out", async () => {
    // G2.26/G4: access to each party's registers is by role, party by party.
    expect((await call(auditor, "PUT", `${base}/modules/hsm-2`, { name: "x" })).status).toBe(403);
    expect((await call(outsider, "GET", `${base}/modules`)).status).toBe(403);
    expect((await call({}, "GET", `${base}/modules`)).status).toBe(401);
  });

  it("imports CSV all or nothing, naming every bad line, and exports what it imported", async () => {
    // G3.1(b): the inventory, kept current from the spreadsheets it lives in.
    const csv = [
      "id,system,kind,name,version,patchLevel,vendor,installedOn",
      "fw-1,meter-head,firmware,Head end,2.1,,,",
      'sw-1,crm,software,"CRM, hosted",9,9.0.3,Acme,2025-01-31',
      "",
    ].join("\r\n");
    const bad = await call(
      contributor,
      "POST",
      `${base}/inventory/import`,
      "id,system,kind,name\nx,crm,toaster,X\ny,crm,gadget,Y\n",
      "text/csv",
    );
    expect(bad.status).toBe(400);
    expect(json(bad).error).toMatchObject({ code: "invalid_input", path: "kind" });
    expect(json(bad).error.message).toMatch(/body:2 at kind.*\n.*body:3 at kind/);
    const imported = await call(contributor, "POST", `${base}/inventory/import`, csv, "text/csv");
    expect(json(imported)).toEqual({ created: 2, updated: 0, unchanged: 0 });
    const exported = await call(auditor, "GET", `${base}/inventory/export?format=csv`);
    expect(exported.headers["content-type"]).toMatch(/^text\/csv/);
    // The export carries every column, the two the file left out empty.
    expect(exported.text).toBe(
      csv
        .split("\r\n")
        .map((line, i) => (line === "" ? line : `${line}${i === 0 ? ",architecture,observedAs" : ",,"}`))
        .join("\r\n"),
    );
    const asJson = await call(auditor, "GET", `${base}/inventory/export?format=json`);
    const again = await call(
      contributor,
      "POST",
      `${base}/inventory/import`,
      asJson.text,
      "application/json",
    );
    expect(json(again)).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const jsonError = await call(
      contributor,
      "POST",
      `${base}/inventory/import`,
      '[\n{"id": "a"}\n]',
      "application/json",
    );
    expect(json(jsonError).error.message).toMatch(/^body:2 at \[0\]\.system/);
    const wrongType = await call(contributor, "POST", `${base}/inventory/import`, "id\nx\n", "text/plain");
    expect(wrongType.status).toBe(415);
    expect(json(wrongType).error.code).toBe("unsupported_media_type");
  });

  it("moves a system forward through transitions only", async () => {
    // G3.9(a)(iii): not operational until the SSC has authorised it.
    await call(contributor, "PUT", `${base}/systems/crm`, {
      name: "CRM",
      kind: "user-system",
      status: "planned",
    });
    const skip = await call(contributor, "POST", `${base}/systems/crm/transition`, { to: "operational" });
    expect(skip.status).toBe(400);
    const authorised = await call(contributor, "POST", `${base}/systems/crm/transition`, {
      to: "authorised",
      on: "2025-05-01",
    });
    expect(json(authorised)).toMatchObject({ status: "authorised", authorisedOn: "2025-05-01" });
    expect(
      (await call(contributor, "POST", `${base}/systems/nope/transition`, { to: "authorised" })).status,
    ).toBe(404);
  });

  it("stores an evidence file, hashes it itself and serves it back as a download", async () => {
    const content = Buffer.from("%PDF-1.7 assessment report");
    const record = {
      title: "User Security Assessment report",
      kind: "file",
      collectedOn: "2025-04-01",
      method: "examine",
      obligations: ["G8.42(b)"],
    };
    const file = {
      name: "report.pdf",
      mediaType: "application/pdf",
      contentBase64: content.toString("base64"),
    };
    const lying = await call(contributor, "PUT", `${base}/evidence/usa-2025`, {
      ...record,
      file: { ...file, sha256: "f".repeat(64) },
    });
    expect(lying.status).toBe(400);
    expect(json(lying).error.path).toBe("file.sha256");
    const put = await call(contributor, "PUT", `${base}/evidence/usa-2025`, { ...record, file });
    expect(put.status).toBe(201);
    const sha256 = createHash("sha256").update(content).digest("hex");
    expect(json(put).record.file).toEqual({
      name: "report.pdf",
      mediaType: "application/pdf",
      size: content.length,
      sha256,
    });
    const fetched = await call(auditor, "GET", `${base}/evidence/usa-2025/file`);
    expect(fetched.status).toBe(200);
    expect(fetched.headers["content-type"]).toBe("application/pdf");
    expect(fetched.headers["content-disposition"]).toBe('attachment; filename="report.pdf"');
    expect(fetched.raw.equals(content)).toBe(true);
    expect(fetched.headers["repr-digest"]).toBe(`sha-256=:${Buffer.from(sha256, "hex").toString("base64")}:`);
    expect((await call(auditor, "GET", `${base}/evidence/nothing/file`)).status).toBe(404);

    // A new version of the file, sent as raw bytes, replaces the old one and its hash.
    const revised = Buffer.from("%PDF-1.7 assessment report, revised");
    const replaced = await call(
      contributor,
      "PUT",
      `${base}/evidence/usa-2025/file`,
      revised.toString(),
      "application/pdf",
    );
    expect(replaced.status).toBe(200);
    expect(json(replaced)).toMatchObject({
      outcome: "updated",
      record: {
        file: {
          name: "report.pdf",
          size: revised.length,
          sha256: createHash("sha256").update(revised).digest("hex"),
        },
      },
    });
    expect((await call(auditor, "GET", `${base}/evidence/usa-2025/file`)).raw.equals(revised)).toBe(true);
  });

  it("describes every register route in the OpenAPI document with the path's own parameters", async () => {
    const answer = await call({}, "GET", "/api/openapi.json");
    const paths = json(answer).paths as Record<
      string,
      Record<string, { parameters?: { in: string; name: string }[] }>
    >;
    for (const url of [
      "/api/parties/{party}/registers/evidence/{id}",
      "/api/parties/{party}/registers/{register}/{id}",
    ]) {
      const inPath = (paths[url]?.get?.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(inPath.sort()).toEqual([...url.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
    }
  });
});
