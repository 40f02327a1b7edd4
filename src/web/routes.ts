/**
 * The dashboard's routes and their hash URLs. Every selection a person makes lives in the URL, so
 * a link to "clause G2.1 of version v2, searching for 'misuse'" can be shared and bookmarked.
 * An unset field is the empty string: it round-trips through the URL without special cases.
 */

export type CodeRoute =
  | { readonly page: "code"; readonly view: "versions" }
  | {
      readonly page: "code";
      readonly view: "clauses";
      readonly version: string;
      readonly q: string;
      readonly part: string;
      readonly clause: string;
    }
  | {
      readonly page: "code";
      readonly view: "redline";
      readonly old: string;
      readonly new: string;
      readonly part: string;
      readonly clause: string;
    };

/** The Obligations page: a party on a date, its filters, the obligation opened, and a date to compare with. */
export type ObligationsRoute = {
  readonly page: "obligations";
  readonly party: string;
  readonly on: string;
  readonly part: string;
  readonly area: string;
  readonly trigger: string;
  readonly obligation: string;
  readonly compare: string;
};

/** The workspace pages: each shows the party chosen in the header; a few keep one selection. */
export type WorkspaceRoute =
  | { readonly page: "overview" }
  | { readonly page: "parties" }
  | { readonly page: "calendar" }
  | { readonly page: "adt" }
  | { readonly page: "registers"; readonly register: string }
  | { readonly page: "assurance"; readonly assessment: string }
  | { readonly page: "controls"; readonly control: string; readonly status: string }
  | { readonly page: "audit" };

export type Route =
  | CodeRoute
  | ObligationsRoute
  | WorkspaceRoute
  | { readonly page: "not-found"; readonly path: string };

export const overviewRoute: Route = { page: "overview" };

export type ClausesRoute = Extract<CodeRoute, { view: "clauses" }>;
export type RedlineRoute = Extract<CodeRoute, { view: "redline" }>;

export const versionsRoute: CodeRoute = { page: "code", view: "versions" };

export function clausesRoute(fields: Partial<Omit<ClausesRoute, "page" | "view">> = {}): ClausesRoute {
  return { page: "code", view: "clauses", version: "", q: "", part: "", clause: "", ...fields };
}

export function redlineRoute(fields: Partial<Omit<RedlineRoute, "page" | "view">> = {}): RedlineRoute {
  return { page: "code", view: "redline", old: "", new: "", part: "", clause: "", ...fields };
}

export function obligationsRoute(fields: Partial<Omit<ObligationsRoute, "page">> = {}): ObligationsRoute {
  return {
    page: "obligations",
    party: "",
    on: "",
    part: "",
    area: "",
    trigger: "",
    obligation: "",
    compare: "",
    ...fields,
  };
}

const obligationsFields = ["party", "on", "part", "area", "trigger", "obligation", "compare"] as const;

/** Reads a location hash ("#/code/clauses?version=v2"); anything unknown is a not-found route. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const queryAt = raw.indexOf("?");
  const path = (queryAt === -1 ? raw : raw.slice(0, queryAt)).replace(/\/+$/, "") || "/";
  const query = new URLSearchParams(queryAt === -1 ? "" : raw.slice(queryAt + 1));
  const get = (key: string) => query.get(key) ?? "";
  switch (path) {
    case "/":
    case "/overview":
      return overviewRoute;
    case "/parties":
    case "/calendar":
    case "/adt":
    case "/audit":
      return { page: path.slice(1) as "parties" | "calendar" | "adt" | "audit" };
    case "/registers":
      return { page: "registers", register: get("register") };
    case "/assurance":
      return { page: "assurance", assessment: get("assessment") };
    case "/controls":
      return { page: "controls", control: get("control"), status: get("status") };
    case "/code":
      return versionsRoute;
    case "/code/clauses":
      return clausesRoute({ version: get("version"), q: get("q"), part: get("part"), clause: get("clause") });
    case "/code/redline":
      return redlineRoute({ old: get("old"), new: get("new"), part: get("part"), clause: get("clause") });
    case "/obligations":
      return obligationsRoute(Object.fromEntries(obligationsFields.map((key) => [key, get(key)])));
    default:
      return { page: "not-found", path };
  }
}

/** The hash URL of a route, leaving out unset fields. */
export function routeHref(route: Route): string {
  switch (route.page) {
    case "not-found":
      return `#${route.path}`;
    case "overview":
      return "#/";
    case "parties":
    case "calendar":
    case "adt":
    case "audit":
      return `#/${route.page}`;
    case "registers":
      return withQuery("#/registers", [["register", route.register]]);
    case "assurance":
      return withQuery("#/assurance", [["assessment", route.assessment]]);
    case "controls":
      return withQuery("#/controls", [
        ["control", route.control],
        ["status", route.status],
      ]);
    case "obligations":
      return withQuery(
        "#/obligations",
        obligationsFields.map((key) => [key, route[key]]),
      );
    case "code":
      switch (route.view) {
        case "versions":
          return "#/code";
        case "clauses":
          return withQuery("#/code/clauses", [
            ["version", route.version],
            ["q", route.q],
            ["part", route.part],
            ["clause", route.clause],
          ]);
        case "redline":
          return withQuery("#/code/redline", [
            ["old", route.old],
            ["new", route.new],
            ["part", route.part],
            ["clause", route.clause],
          ]);
      }
  }
}

function withQuery(path: string, pairs: readonly [string, string][]): string {
  const query = new URLSearchParams(pairs.filter(([, value]) => value !== "")).toString();
  return query ? `${path}?${query}` : path;
}
