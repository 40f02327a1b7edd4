/**
 * The dashboard is a single-page app built into a folder of static files; the API server serves
 * it so one process (and one port) carries both.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { App } from "./app.js";

// dist/web of the package, reached the same way from src/api (tsx) and dist/api (built).
export const defaultWebRoot = fileURLToPath(new URL("../../dist/web", import.meta.url));

/** Serves the app when webRoot holds a build (an index.html); returns whether it does. */
export async function serveWebApp(app: App, webRoot: string): Promise<boolean> {
  const index = await stat(join(webRoot, "index.html")).catch(() => undefined);
  if (!index?.isFile()) return false;
  await app.register(fastifyStatic, { root: webRoot, index: "index.html" });
  return true;
}

/** Paths the client-side router owns: not the API, and not a file (no extension in the last segment). */
export function isAppRoute(path: string): boolean {
  if (path === "/api" || path.startsWith("/api/")) return false;
  const last = path.slice(path.lastIndexOf("/") + 1);
  return !last.includes(".");
}
