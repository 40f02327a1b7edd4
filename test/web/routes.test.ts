import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clausesRoute,
  overviewRoute,
  parseRoute,
  redlineRoute,
  routeHref,
  versionsRoute,
} from "../../src/web/routes.js";

// The dashboard keeps every selection in the URL so a view of the Code can be shared; these
// tests hold the URL format to that promise.
describe("dashboard routes", () => {
  it("opens the Overview at the root and The Code's versions at #/code", () => {
    expect(parseRoute("")).toEqual(overviewRoute);
    expect(parseRoute("#/")).toEqual(overviewRoute);
    expect(parseRoute("#/code/")).toEqual(versionsRoute);
  });

  it("keeps the register, assessment and findings filter of the workspace pages in the URL", () => {
    expect(parseRoute("#/registers?register=evidence")).toEqual({ page: "registers", register: "evidence" });
    expect(routeHref({ page: "assurance", assessment: "a 1" })).toBe("#/assurance?assessment=a+1");
    expect(routeHref({ page: "controls", control: "", status: "open" })).toBe("#/controls?status=open");
    expect(parseRoute("#/audit")).toEqual({ page: "audit" });
  });

  it("reads a clause selection, including a paragraph id with brackets", () => {
    // G5.18(b)(i) is the kind of paragraph a cross-reference points at (G1.7(c)(i) refers to it).
    const route = parseRoute("#/code/clauses?version=v2&q=misuse&part=G5&clause=G5.18(b)(i)");
    expect(route).toEqual(clausesRoute({ version: "v2", q: "misuse", part: "G5", clause: "G5.18(b)(i)" }));
  });

  it("leaves unset fields out of the URL", () => {
    expect(routeHref(clausesRoute({ version: "v1" }))).toBe("#/code/clauses?version=v1");
    expect(routeHref(redlineRoute())).toBe("#/code/redline");
  });

  it("treats an unknown path as not found rather than guessing", () => {
    expect(parseRoute("#/nowhere")).toEqual({ page: "not-found", path: "/nowhere" });
  });

  it("round-trips any clause or redline selection through its URL", () => {
    const text = fc.string({ unit: "grapheme", maxLength: 20 });
    const route = fc.oneof(
      fc.record({ version: text, q: text, part: text, clause: text }).map(clausesRoute),
      fc.record({ old: text, new: text, part: text, clause: text }).map(redlineRoute),
      fc.constant(versionsRoute),
      fc.record({ register: text }).map((r) => ({ page: "registers" as const, ...r })),
      fc.record({ assessment: text }).map((r) => ({ page: "assurance" as const, ...r })),
      fc.record({ control: text, status: text }).map((r) => ({ page: "controls" as const, ...r })),
    );
    fc.assert(
      fc.property(route, (r) => {
        expect(parseRoute(routeHref(r))).toEqual(r);
      }),
    );
  });
});
