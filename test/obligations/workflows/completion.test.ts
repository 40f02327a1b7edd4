import { describe, expect, it } from "vitest";
import { planAssurance } from "../../../src/obligations/assurance/plan.js";
import { validateProfile } from "../../../src/obligations/profile.js";
import {
  assuranceHistory,
  completedAssessments,
  triageStanding,
} from "../../../src/obligations/workflows/completion.js";
import { toResponse, walk } from "./run.js";

const toPanel = [...toResponse, ["refer-to-panel", "ssc"]] as const;

const supplier = (assurance: unknown[]) =>
  validateProfile({
    id: "acme",
    name: "Acme Energy",
    supplierParty: true,
    roles: [{ role: "import-supplier" }],
    premises: { domestic: 300_000, nonDomestic: 0 },
    assurance,
  });

describe("the initial Full assessment's completion feeds the assurance planner (G8.37, G8.40)", () => {
  // G8.37(a)(i), G8.40: 'approved subject to' completes it on the day the Panel sets it.
  it("anchors the first yearly assessment 12 months after the Panel's approval", () => {
    const entry = walk("entry", [
      ...toPanel,
      ["set-assurance-status", "ssc", { status: "approved-subject-to" }, "2024-02-29"],
    ]);
    const history = completedAssessments({ kind: "entry", category: "full", data: entry.data });
    expect(history).toEqual([{ category: "full", completed: "2024-02-29", initial: true }]);
    const plan = planAssurance(supplier(history), new Map(), 1);
    // G8.41(a): over 250,000 domestic premises, so a Full one, 12 months on (corresponding date).
    expect(plan.next[0]).toMatchObject({ category: "full", due: "2025-02-28", clause: "G8.41" });
  });

  // G8.40: a Follow-up of the initial assessment moves the anchor.
  it("counts from the Follow-up of the initial assessment when there was one", () => {
    const entry = walk("entry", [
      ...toPanel,
      [
        "set-assurance-status",
        "ssc",
        { status: "approved-subject-to", followUpBy: "2024-09-01" },
        "2024-05-02",
      ],
      ["request-follow-up", "ssc", { by: "2024-09-01" }, "2024-06-01"],
      ["report-follow-up", "auditor", { summary: "Done", stepsTaken: true }, "2024-08-15"],
    ]);
    const history = assuranceHistory([{ kind: "entry", category: "full", data: entry.data }]);
    expect(history.map((a) => a.category)).toEqual(["full", "follow-up"]);
    expect(planAssurance(supplier(history), new Map(), 1).next[0]?.due).toBe("2025-08-15");
  });

  // G8.33: before the Panel approves, nothing counts and the planner still asks for the initial Full.
  it("adds nothing while the Panel has not approved", () => {
    const deferred = walk("entry", [...toPanel, ["set-assurance-status", "ssc", { status: "deferred" }]]);
    const history = completedAssessments({ kind: "entry", category: "full", data: deferred.data });
    expect(history).toEqual([]);
    expect(planAssurance(supplier(history), new Map(), 1).next[0]).toMatchObject({
      due: null,
      clause: "G8.33",
    });
  });

  // G8.22: a yearly assessment completes when the assessor reports; the DCC's are not in the User cycle.
  it("dates a yearly assessment by its report and leaves DCC assessments out", () => {
    const reported = walk("user", toResponse.slice(0, 2));
    expect(completedAssessments({ kind: "user", category: "verification", data: reported.data })).toEqual([
      { category: "verification", completed: "2025-03-10", initial: false },
    ]);
    expect(completedAssessments({ kind: "dcc", category: "full", data: reported.data })).toEqual([]);
  });
});

describe("whether a Triage Facility Provider may start (G12.7)", () => {
  it.each([
    ["approved", "may-undertake", "G12.7(a)"],
    ["approved-subject-to", "needs-ssc-approval", "G12.7(b)"],
    ["deferred", "not-approved", "G12.7(c)"],
    ["rejected", "not-approved", "G12.7(c)"],
  ])("%s → %s (%s)", (status, standing, clause) => {
    const decided = walk("triage-entry", [...toPanel, ["set-assurance-status", "ssc", { status }]]);
    expect(triageStanding(decided.data)).toEqual({ standing, clause });
  });

  it("may start after the SSC's explicit approval (G12.7(b))", () => {
    const decided = walk("triage-entry", [
      ...toPanel,
      ["set-assurance-status", "ssc", { status: "approved-subject-to" }],
      ["approve-triage", "ssc"],
    ]);
    expect(triageStanding(decided.data)).toEqual({ standing: "may-undertake", clause: "G12.7(b)" });
  });
});
