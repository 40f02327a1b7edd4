/**
 * Every route a built server answers, read from Fastify's own route tree (app.printRoutes), so a
 * test sees routes whatever registered them. HEAD routes Fastify adds beside GET are left out,
 * as are the OpenAPI document and its viewer.
 */
import type { App } from "../../src/api/app.js";

export type ListedRoute = { readonly method: string; readonly url: string };

const line = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([A-Z, ]+)\))?$/;

export function routesOf(app: App): ListedRoute[] {
  const prefixes: string[] = [];
  const routes: ListedRoute[] = [];
  for (const text of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const match = line.exec(text);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    const url = (prefixes[depth - 1] ?? "") + (match[2] ?? "");
    prefixes[depth] = url;
    prefixes.length = depth + 1;
    for (const method of (match[3] ?? "").split(", ").filter(Boolean)) {
      if (method !== "HEAD" && !url.startsWith("/api/docs") && url !== "/api/openapi.json") {
        routes.push({ method, url });
      }
    }
  }
  return routes.sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));
}
