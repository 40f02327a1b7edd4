/**
 * The OpenAPI document lists every route's error answers in the one error shape (issue #4): a
 * client generated from it knows that every guarded route may answer 401 and 403, and every route
 * that validates input 400, without each route having to say so.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/api/app.js";
import { buildServer } from "../../src/api/server.js";
import { openStore, type Store } from "../../src/workspace/store.js";
import { embedded, type Provisioned } from "../workspace/backends.js";
import { routesOf } from "./route-list.js";

type Operation = {
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: { "application/json"?: { schema?: unknown } } }>;
};
type Document = { paths: Record<string, Record<string, Operation>> };

// Reachable without signing in (authorization.ts exempts them): the same two as the permission matrix.
const publicRoutes = new Set(["GET /api/health", "POST /api/auth/login"]);

/** The route pattern as OpenAPI writes it: `:party` becomes `{party}`. */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, "{$1}");

function isErrorShape(schema: unknown): boolean {
  const text = JSON.stringify(schema);
  return /"error":\{"type":"object","properties":\{"code":\{"type":"string"/.test(text);
}

describe("the OpenAPI document", () => {
  let provisioned: Provisioned;
  let store: Store;
  let app: App;
  let document: Document;

  beforeAll(async () => {
    provisioned = await embedded.provision();
    store = await openStore(provisioned.options);
    app = await buildServer({ store, webRoot: join(tmpdir(), "secg-no-web-root-here") });
    document = (await app.inject({ method: "GET", url: "/api/docs/json" })).json() as Document;
  }, 120_000);
  afterAll(async () => {
    await app.close();
    await store.close();
    await provisioned.dispose();
  });

  const operationOf = (method: string, url: string) =>
    document.paths[openApiPath(url)]?.[method.toLowerCase()];

  it("documents every route the server answers", () => {
    const missing = routesOf(app)
      .filter(({ method, url }) => operationOf(method, url) === undefined)
      .map(({ method, url }) => `${method} ${url}`);
    expect(missing).toEqual([]);
  });

  it("lists 401 and 403 in the error shape on every route behind access control", () => {
    // G2.6(b): refused attempts are part of every guarded route's contract.
    const lacking: string[] = [];
    for (const { method, url } of routesOf(app)) {
      if (publicRoutes.has(`${method} ${url}`)) continue;
      const responses = operationOf(method, url)!.responses;
      for (const status of ["401", "403", "500"]) {
        const schema = responses[status]?.content?.["application/json"]?.schema;
        if (!isErrorShape(schema)) lacking.push(`${method} ${url} ${status}`);
      }
    }
    expect(lacking).toEqual([]);
  });

  it("lists 400 on every route that takes parameters or a body, and keeps routes' own errors", () => {
    const lacking: string[] = [];
    for (const { method, url } of routesOf(app)) {
      const operation = operationOf(method, url)!;
      const takesInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody !== undefined;
      if (takesInput && !isErrorShape(operation.responses["400"]?.content?.["application/json"]?.schema)) {
        lacking.push(`${method} ${url}`);
      }
    }
    expect(lacking).toEqual([]);
    // A route's own 404 stays beside the central ones.
    expect(Object.keys(operationOf("GET", "/api/audit/checkpoint")!.responses).sort()).toEqual(
      ["200", "401", "403", "404", "500"].sort(),
    );
  });

  it("adds no 401 or 403 of access control to the public routes", () => {
    expect(operationOf("GET", "/api/health")!.responses["403"]).toBeUndefined();
    expect(operationOf("POST", "/api/auth/login")!.responses["403"]).toBeUndefined();
  });
});
