import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { sessionHeaders } from "../support/api-session.js";
import { embedded, type Provisioned, rowsOf, server } from "../workspace/backends.js";
import { type Clauses, sectionText, v2020, v2022 } from "../workspace/sections.js";
import { routesOf } from "./route-list.js";

const noWebRoot = join(tmpdir(), "secg-no-web-root-here");

function importBody(label: string, clauses: Clauses, inForce: string, madeBy?: string) {
  return {
    label,
    inForce,
    text: sectionText(clauses),
    sourceName: `${label}.md`,
    ...(madeBy === undefined ? {} : { madeBy }),
  };
}

describe("API over an embedded store", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  // The owner of every party: importing Code versions is theirs alone.
  let headers: Record<string, string>;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    await store.codeVersions.importVersion(importBody("v2020", v2020, "2020-03-31"));
    await store.codeVersions.importVersion(importBody("v2022", v2022, "2022-11-03", "DP087"));
    app = await buildServer({ store, webRoot: noWebRoot });
    headers = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const get = async (url: string) => {
    const response = await app.inject({ method: "GET", url, headers });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  const post = async (payload: unknown) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/code/versions",
      headers,
      payload: payload as object,
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  it("reports health with the kind of database", async () => {
    expect(await get("/api/health")).toEqual({ status: 200, body: { ok: true, database: "pglite" } });
  });

  it("answers an import of a text already stored with 200 and the stored version", async () => {
    const stored = await get("/api/code/versions");
    const again = await post(importBody("v2020", v2020, "2020-03-31"));
    expect(again).toEqual({ status: 200, body: (stored.body.versions as unknown[])[0] });
  });

  it("refuses bad imports with one error shape naming the field", async () => {
    expect(await post({ inForce: "2020-01-01", text: "G2.1 x" })).toEqual({
      status: 400,
      body: {
        error: {
          code: "invalid_input",
          message: "at label: expected a string (it is missing)",
          path: "label",
        },
      },
    });
    const badDate = await post(importBody("v2019", v2020, "31/03/2019"));
    expect(badDate.status).toBe(400);
    expect(badDate.body).toMatchObject({ error: { code: "invalid_input", path: "inForce" } });
    const unknownKey = await post({ ...importBody("v2019", v2020, "2019-03-31"), colour: "red" });
    expect(unknownKey.body).toMatchObject({
      error: { path: "body", message: "at body: expected no key named colour" },
    });
    const conflict = await post(importBody("v2020", v2022, "2020-03-31"));
    expect(conflict).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_input", path: "label" } },
    });
    const impossibleDay = await post(importBody("v2019", v2020, "2019-02-29"));
    expect(impossibleDay).toMatchObject({ status: 400, body: { error: { path: "inForce" } } });
    const notJson = await app.inject({
      method: "POST",
      url: "/api/code/versions",
      headers: { ...headers, "content-type": "application/json" },
      payload: "{not json",
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ error: { code: "invalid_input" } });
    const plainText = await app.inject({
      method: "POST",
      url: "/api/code/versions",
      headers: { ...headers, "content-type": "text/plain" },
      payload: "G2.1 text",
    });
    expect(plainText.json()).toEqual({
      error: { code: "invalid_input", message: "at body: expected an object", path: "body" },
    });
    const xml = await app.inject({
      method: "POST",
      url: "/api/code/versions",
      headers: { ...headers, "content-type": "application/xml" },
      payload: "<text/>",
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error: { code: "unsupported_media_type" } });
  });

  it("lists versions oldest in force first", async () => {
    const { body } = await get("/api/code/versions");
    const versions = body.versions as {
      label: string;
      madeBy: string | null;
      sha256: string;
      importedAt: string;
    }[];
    expect(versions.map((version) => [version.label, version.madeBy])).toEqual([
      ["v2020", null],
      ["v2022", "DP087"],
    ]);
    expect(versions[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(versions[0]?.importedAt).toBe("2025-06-02T09:30:00.000Z");
  });

  it("lists and searches the clauses of a version", async () => {
    const all = await get("/api/code/versions/v2022/clauses");
    expect(all.body.version).toEqual({ label: "v2022", inForce: "2022-11-03" });
    expect((all.body.clauses as { id: string }[]).map((clause) => clause.id)).toEqual([
      "G2.1",
      "G2.2",
      "G2.3",
      "G2.4",
      "G3.1",
      "G3.20",
    ]);
    expect((all.body.clauses as Record<string, unknown>[])[2]).toEqual({
      id: "G2.3",
      part: "G2",
      heading: "",
      text: "Not used.",
      notUsed: true,
    });
    const found = await get("/api/code/versions/v2022/clauses?q=SMETS2%2B&part=G3");
    expect((found.body.clauses as { id: string }[]).map((clause) => clause.id)).toEqual(["G3.20"]);
    expect(await get("/api/code/versions/v1999/clauses")).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", path: "label" } },
    });
    expect(await get("/api/code/versions/v2022/clauses?part=Section")).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_input", path: "part" } },
    });
  });

  it("answers a clause as it stood on a date, defaulting to today in the UK", async () => {
    // G3.20: the DP087 wording only from the day v2022 came into force.
    const early = await get("/api/code/clauses/G3.20?on=2022-11-02");
    expect(early.body.version).toEqual({ label: "v2020", inForce: "2020-03-31" });
    expect(early.body.clause).toMatchObject({ id: "G3.20", part: "G3", notUsed: false, paragraphs: [] });
    const today = await get("/api/code/clauses/g3.20");
    expect(today.body.version).toEqual({ label: "v2022", inForce: "2022-11-03" });
    expect(await get("/api/code/clauses/G3.20?on=2019-01-01")).toMatchObject({
      status: 404,
      body: { error: { code: "not_found", message: "no stored version was in force on 2019-01-01" } },
    });
    expect(await get("/api/code/clauses/G9.99")).toMatchObject({
      status: 404,
      body: { error: { path: "id" } },
    });
    expect(await get("/api/code/clauses/G3.20?on=yesterday")).toMatchObject({
      status: 400,
      body: { error: { path: "on" } },
    });
    expect(await get("/api/code/clauses/G3.20?on=2022-02-30")).toMatchObject({
      status: 400,
      body: { error: { path: "on" } },
    });
  });

  it("diffs two versions, optionally one part", async () => {
    const { status, body } = await get("/api/code/diff?old=v2020&new=v2022");
    expect(status).toBe(200);
    expect(body).toEqual({
      added: ["G2.4"],
      removed: [],
      changed: expect.arrayContaining(["G3.20"]),
      unchanged: expect.arrayContaining(["G2.1", "G2.2", "G3.1"]),
    });
    const g3 = await get("/api/code/diff?old=v2020&new=v2022&part=G3");
    expect(g3.body).toMatchObject({ added: [], changed: ["G3.20"], unchanged: ["G3.1"] });
    expect(await get("/api/code/diff?old=v1999&new=v2022")).toMatchObject({
      status: 400,
      body: { error: { code: "invalid_input", path: "old" } },
    });
    expect(await get("/api/code/diff?old=v2020")).toMatchObject({
      status: 400,
      body: { error: { path: "new" } },
    });
  });

  it("redlines one clause between two versions", async () => {
    // G3.20 (DP087): the inserted words are the SMETS2+ limitation.
    const { body } = await get("/api/code/redline?old=v2020&new=v2022&clause=G3.20");
    const spans = body.spans as { op: string; text: string }[];
    expect(body.clause).toBe("G3.20");
    expect(
      spans
        .filter((span) => span.op !== "insert")
        .map((span) => span.text)
        .join(""),
    ).toBe(body.old);
    expect(
      spans
        .filter((span) => span.op !== "delete")
        .map((span) => span.text)
        .join(""),
    ).toBe(body.new);
    expect(
      spans
        .filter((span) => span.op === "insert")
        .map((span) => span.text)
        .join(""),
    ).toMatch(/SMETS2\+/);
    const inserted = await get("/api/code/redline?old=v2020&new=v2022&clause=G2.4");
    expect(inserted.body).toMatchObject({ old: null, new: v2022["G2.4"] });
    expect(await get("/api/code/redline?old=v2020&new=v2022&clause=G7.1")).toMatchObject({
      status: 404,
      body: { error: { path: "clause" } },
    });
    expect(await get("/api/code/redline?old=v2020&new=v2022&clause=seven")).toMatchObject({
      status: 400,
      body: { error: { path: "clause" } },
    });
  });

  it("serves the effects register", async () => {
    const { body } = await get("/api/code/effects?to=v2022");
    expect(body.effects).toContainEqual({
      from: "v2020",
      to: "v2022",
      clauseId: "G3.20",
      kind: "substituted",
      madeBy: "DP087",
    });
    expect(await get("/api/code/effects?from=v2022")).toEqual({ status: 200, body: { effects: [] } });
    expect(await get("/api/code/effects?from=nope")).toMatchObject({
      status: 400,
      body: { error: { path: "from" } },
    });
  });

  it("answers unknown API paths with the error shape", async () => {
    expect(await get("/api/nothing-here")).toEqual({
      status: 404,
      body: { error: { code: "not_found", message: "no route GET /api/nothing-here" } },
    });
    expect(await get("/dashboard")).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
  });

  it("publishes an OpenAPI document listing every route, and its browsable docs", async () => {
    const { status, body } = await get("/api/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const paths = body.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
    const operations = Object.entries(paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Every route the server answers, whoever added it, is documented.
    const served = routesOf(app).map(({ method, url }) => `${method} ${url.replace(/:(\w+)/g, "{$1}")}`);
    expect(operations.sort()).toEqual(served.sort());
    expect(operations).toEqual(
      expect.arrayContaining([
        "GET /api/adt/quarantine",
        "GET /api/code/versions",
        "GET /api/parties/{party}",
        "GET /api/review",
        "POST /api/adt/quarantine/{requestId}/decision",
        "PUT /api/parties/{party}",
      ]),
    );
    expect(Object.keys(paths["/api/code/diff"]?.get?.responses ?? {}).sort()).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "500",
    ]);
    const docs = await app.inject({ method: "GET", url: "/api/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers["content-type"]).toMatch(/text\/html/);
  });
});

describe("API imports", () => {
  it("stores a posted version with 201 and audits who sent it", async () => {
    // G2.6(a), G3.3(a): the record names the client address and the request.
    const provisioned = await embedded.provision();
    const store = await openStore(provisioned.options);
    const app = await buildServer({ store, webRoot: noWebRoot });
    try {
      const headers = await sessionHeaders(app, store, [{ party: "*", role: "owner" }], "olivia");
      const created = await app.inject({
        method: "POST",
        url: "/api/code/versions",
        headers: { ...headers, "x-request-id": "lb-42" },
        payload: importBody("v2020", v2020, "2020-03-31"),
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        label: "v2020",
        inForce: "2020-03-31",
        madeBy: null,
        clauseCount: 5,
      });
      const [row] = await rowsOf<{ entry: string }>(
        store,
        sql`select entry from audit_entries where entry::jsonb ->> 'action' = 'code.version.import'`,
      );
      expect(JSON.parse(row!.entry)).toMatchObject({
        actor: "user:olivia",
        action: "code.version.import",
        clientAddress: "127.0.0.1",
        requestId: "lb-42",
      });
    } finally {
      await app.close();
      await store.close();
      await provisioned.dispose();
    }
  });
});

describe("API failures", () => {
  it("turns an unexpected failure into a 500 with the error shape and no internals", async () => {
    const provisioned = await embedded.provision();
    const store = await openStore(provisioned.options);
    const app = await buildServer({ store, webRoot: noWebRoot });
    const headers = await sessionHeaders(app, store, [{ party: "*", role: "owner" }]);
    await store.close();
    const versions = await app.inject({ method: "GET", url: "/api/code/versions", headers });
    expect(versions.statusCode).toBe(500);
    expect(versions.json()).toEqual({
      error: { code: "internal", message: "internal error; the server log has the details" },
    });
    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ error: { code: "unavailable" } });
    await app.close();
    await provisioned.dispose();
  });
});

describe("dashboard files", () => {
  let webRoot: string;
  let provisioned: Provisioned;
  let store: Store;
  let app: App;

  beforeAll(async () => {
    webRoot = await mkdtemp(join(tmpdir(), "secg-api-webroot-"));
    await writeFile(join(webRoot, "index.html"), "<!doctype html><title>secg</title>");
    await writeFile(join(webRoot, "app.js"), "console.log('secg')");
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
    await rm(webRoot, { recursive: true, force: true });
  });

  it("serves the built app at / with the client-side routes falling back to index.html", async () => {
    const root = await app.inject({ method: "GET", url: "/" });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain("<title>secg</title>");
    const route = await app.inject({ method: "GET", url: "/code/versions/v2022?tab=diff" });
    expect(route.statusCode).toBe(200);
    expect(route.body).toContain("<title>secg</title>");
    const asset = await app.inject({ method: "GET", url: "/app.js" });
    expect(asset.body).toBe("console.log('secg')");
    const missingAsset = await app.inject({ method: "GET", url: "/missing.js" });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json()).toMatchObject({ error: { code: "not_found" } });
    const api = await app.inject({ method: "GET", url: "/api/missing" });
    expect(api.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe.runIf(server.available)("two API servers on one PostgreSQL", () => {
  it("serve the same data: what one stores, the other answers", async () => {
    const provisioned = await server.provision();
    const stores = await Promise.all([openStore(provisioned.options), openStore(provisioned.options)]);
    const [first, second] = await Promise.all(
      stores.map((store) => buildServer({ store, webRoot: noWebRoot })),
    );
    try {
      // A session begun on one server is honoured by the other: sessions live in the database.
      const headers = await sessionHeaders(first!, stores[0]!, [{ party: "*", role: "owner" }]);
      const stored = await first!.inject({
        method: "POST",
        url: "/api/code/versions",
        headers,
        payload: importBody("v2020", v2020, "2020-03-31"),
      });
      expect(stored.statusCode).toBe(201);
      const seen = await second!.inject({
        method: "GET",
        url: "/api/code/clauses/G3.20?on=2021-01-01",
        headers,
      });
      expect(seen.json()).toMatchObject({ version: { label: "v2020" }, clause: { id: "G3.20" } });
      const health = await second!.inject({ method: "GET", url: "/api/health" });
      expect(health.json()).toEqual({ ok: true, database: "postgres" });
      const again = await second!.inject({
        method: "POST",
        url: "/api/code/versions",
        headers,
        payload: importBody("v2020", v2020, "2020-03-31"),
      });
      expect(again.statusCode).toBe(200);
    } finally {
      await Promise.all([first!.close(), second!.close()]);
      await Promise.all(stores.map((store) => store.close()));
      await provisioned.dispose();
    }
  });
});
