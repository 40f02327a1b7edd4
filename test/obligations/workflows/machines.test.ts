import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/common/input-error.js";
import {
  allowedTransitions,
  RoleRefused,
  TransitionRefused,
} from "../../../src/obligations/workflows/machine.js";
import { machines } from "../../../src/obligations/workflows/machines.js";
import { workspaceRoles } from "../../../src/workspace/access/principal.js";
import { response, toResponse, walk } from "./run.js";

describe("the User Security Assessment workflow (G8.21–G8.29)", () => {
  it("runs from scheduled to closed through review, progress and Follow-up", () => {
    const done = walk("user", [
      ...toResponse,
      // G8.27(a): the SSC accepts the steps and sets progress report dates (G8.28(b)(i)).
      ["accept-response", "ssc", { progressReportsDue: ["2025-05-01"] }, "2025-04-15"],
      ["set-progress-dates", "ssc", { due: ["2025-06-01"] }],
      // G8.28(b): progress, then completion.
      ["report-progress", "owner", { summary: "Review under way" }, "2025-05-01"],
      ["report-progress", "security-officer", { summary: "ISMS reviewed", completed: true }, "2025-06-20"],
      // G8.29: a Follow-up at the SSC's request, by the date it sets.
      ["request-follow-up", "ssc", { by: "2025-09-01", matters: "the ISMS review" }, "2025-07-01"],
      ["report-follow-up", "auditor", { summary: "Steps taken in time", stepsTaken: true }, "2025-08-20"],
      ["close", "ssc", {}, "2025-09-02"],
    ]);
    expect(done.state).toBe("closed");
    expect(done.data.report?.findings.map((f) => f.obligation)).toEqual(["G5.18", "G3.8(a)"]);
    expect(done.data.responseDue).toBe("2025-04-10");
    expect(done.data.review).toMatchObject({ outcome: "accepted", decided: "2025-04-15" });
    expect(done.data.progressReportsDue).toEqual(["2025-05-01", "2025-06-01"]);
    expect(done.data.progressReports.map((r) => r.completed)).toEqual([false, true]);
    expect(done.data.followUp).toMatchObject({ by: "2025-09-01", completed: "2025-08-20", stepsTaken: true });
  });

  // G8.27(b): alternative steps agreed instead of the proposed ones.
  it("records the alternative steps the SSC agrees", () => {
    const agreed = walk("user", [
      ...toResponse,
      [
        "agree-alternative",
        "ssc",
        {
          agreedSteps: [
            { finding: "f1", accepted: true, steps: [{ description: "Review sooner", by: "2025-05-15" }] },
          ],
        },
      ],
    ]);
    expect(agreed.state).toBe("remediation");
    expect(agreed.data.review?.outcome).toBe("alternative-agreed");
    expect(agreed.data.review?.agreedSteps?.[0]?.steps[0]?.by).toBe("2025-05-15");
  });

  // G8.27 applies only when steps are proposed: otherwise the SSC closes after the response.
  it("closes straight after a response proposing no steps, and not before reviewing one that does", () => {
    const noSteps = walk("user", [
      ["start-fieldwork", "auditor"],
      ["submit-report", "auditor", { summary: "Nothing found" }],
      ["submit-response", "owner", { answers: [] }],
      ["close", "ssc"],
    ]);
    expect(noSteps.state).toBe("closed");
    expect(() => walk("user", [...toResponse, ["close", "ssc"]])).toThrow(/review of the proposed steps/);
    expect(() =>
      walk("user", [
        ["start-fieldwork", "auditor"],
        ["submit-report", "auditor", { summary: "Nothing found" }],
        ["submit-response", "owner", { answers: [] }],
        ["accept-response", "ssc"],
      ]),
    ).toThrow(/a response proposing steps not yet taken/);
  });

  it("names the state, the transition and what is allowed when a step comes out of order", () => {
    try {
      walk("user", [["submit-response", "owner", response]]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TransitionRefused);
      const refused = error as TransitionRefused;
      expect(refused.state).toBe("scheduled");
      expect(refused.allowed).toEqual(["start-fieldwork"]);
      expect(refused.message).toBe(
        "at transition: expected a transition allowed in state scheduled: start-fieldwork (got submit-response)",
      );
    }
    expect(() => walk("user", [["fly", "owner"]])).toThrow(/a transition known in state scheduled/);
    const closed = walk("user", [
      ["start-fieldwork", "auditor"],
      ["submit-report", "auditor", { summary: "Nothing found" }],
      ["submit-response", "owner", { answers: [] }],
      ["close", "ssc"],
    ]);
    expect(() => walk("user", [["close", "ssc"]], closed)).toThrow(/none \(the workflow is finished\)/);
  });

  // G8.22(b): each finding names an obligation of G3 to G6 that the catalogue knows.
  it("refuses findings whose obligation is not a G3–G6 clause of the catalogue", () => {
    const bad = (obligation: string) =>
      walk("user", [
        ["start-fieldwork", "auditor"],
        [
          "submit-report",
          "auditor",
          { summary: "s", findings: [{ id: "f", obligation, kind: "actual", summary: "x" }] },
        ],
      ]);
    expect(() => bad("G8.24")).toThrow(
      /at payload.findings\[0\].obligation: expected a clause of G3, G4, G5, G6/,
    );
    expect(() => bad("G3.99")).toThrow(InputError);
    expect(() => bad("LC8")).toThrow(InputError);
    expect(bad("G4.1(b)").state).toBe("reported");
  });

  // G8.24(a), G8.26: the response answers each finding; a dispute is explained; steps have dates.
  it("refuses a response that leaves a finding unanswered, disputes without reason, or has undated steps", () => {
    const reported = walk("user", toResponse.slice(0, 2));
    const respond = (payload: unknown) => walk("user", [["submit-response", "owner", payload]], reported);
    expect(() => respond({ answers: [response.answers[0]] })).toThrow(
      /an answer to every finding \(missing f2\)/,
    );
    expect(() => respond({ answers: [...response.answers, { finding: "f9", accepted: true }] })).toThrow(
      /answers\[2\]\.finding: expected each finding of the report answered once/,
    );
    expect(() => respond({ answers: [response.answers[0], { finding: "f2", accepted: false }] })).toThrow(
      /answers\[1\]\.reason: expected a reason when the finding is disputed/,
    );
    expect(() =>
      respond({
        answers: [{ finding: "f1", accepted: true, steps: [{ description: "x" }] }, response.answers[1]],
      }),
    ).toThrow(/answers\[0\]\.steps\[0\]\.by: expected a date for a step not yet taken/);
  });

  // Each step only by the roles the Code gives it: assessor, the User, the SSC.
  it.each([
    ["start-fieldwork", ["auditor"]],
    ["submit-report", ["auditor"]],
    ["set-response-due", ["ssc"]],
    ["submit-response", ["owner", "security-officer"]],
    ["accept-response", ["ssc"]],
    ["agree-alternative", ["ssc"]],
    ["set-progress-dates", ["ssc"]],
    ["report-progress", ["owner", "security-officer"]],
    ["request-follow-up", ["ssc"]],
    ["report-follow-up", ["auditor"]],
    ["close", ["ssc"]],
  ])("%s may be made only as %j", (name, roles) => {
    const definition = machines.user.transitions[name]!;
    expect(definition.roles).toEqual(roles);
    const state = definition.from[0]!;
    for (const role of workspaceRoles.filter((r) => !roles.includes(r))) {
      expect(() => walk("user", [[name, role]], { state, data: walk("user", []).data })).toThrow(RoleRefused);
    }
  });

  it("says which roles may make a step refused to the actor's roles", () => {
    expect(() => walk("user", [["start-fieldwork", "contributor"]])).toThrow(
      "start-fieldwork may be made only as auditor (you act as contributor)",
    );
  });

  it("lists the transitions allowed in a state with their clause and roles", () => {
    expect(allowedTransitions(machines.user, "responded")).toEqual([
      expect.objectContaining({ name: "accept-response", clause: "G8.27(a)", roles: ["ssc"] }),
      expect.objectContaining({ name: "agree-alternative", clause: "G8.27(b)", roles: ["ssc"] }),
      expect.objectContaining({ name: "close", roles: ["ssc"] }),
    ]);
  });
});

describe("the initial Full assessment and the Panel (G8.33–G8.39)", () => {
  const toPanel = [...toResponse, ["refer-to-panel", "ssc"]] as const;

  // G8.36(a), G8.37(a)(i): approved completes User Entry on the day the Panel sets it.
  it("completes on 'approved'", () => {
    const approved = walk("entry", [
      ...toPanel,
      ["set-assurance-status", "ssc", { status: "approved" }, "2025-05-02"],
    ]);
    expect(approved.state).toBe("approved");
    expect(approved.data.approval).toEqual({ on: "2025-05-02", clause: "G8.37(a)(i)" });
    expect(allowedTransitions(machines.entry, "approved")).toEqual([]);
  });

  // G8.36(b)(ii), G8.38: approved subject to steps and a Follow-up by a date.
  it("completes on 'approved subject to', then follows the steps and the Follow-up", () => {
    const done = walk("entry", [
      ...toPanel,
      [
        "set-assurance-status",
        "ssc",
        { status: "approved-subject-to", followUpBy: "2025-10-01" },
        "2025-05-02",
      ],
      ["report-progress", "owner", { summary: "Done", completed: true }, "2025-06-30"],
      ["request-follow-up", "ssc", { by: "2025-10-01" }, "2025-07-01"],
      ["report-follow-up", "auditor", { summary: "Verified", stepsTaken: true }, "2025-09-15"],
      ["close", "ssc"],
    ]);
    expect(done.state).toBe("closed");
    expect(done.data.approval).toEqual({ on: "2025-05-02", clause: "G8.37(a)(i)" });
    expect(done.data.assuranceStatus?.followUpBy).toBe("2025-10-01");
  });

  // G8.36(c), G8.37(a)(ii): deferred until the Panel is satisfied by the Follow-up.
  it("completes a deferred assessment only when the Panel is satisfied after the Follow-up", () => {
    const deferred = walk("entry", [
      ...toPanel,
      ["set-assurance-status", "ssc", { status: "deferred" }, "2025-05-02"],
    ]);
    expect(deferred.data.approval).toBeUndefined();
    const satisfied = walk(
      "entry",
      [
        ["request-follow-up", "ssc", { by: "2025-08-01" }],
        ["report-follow-up", "auditor", { summary: "Taken", stepsTaken: true }, "2025-07-20"],
        ["set-assurance-status", "ssc", { status: "approved" }, "2025-08-05"],
      ],
      deferred,
    );
    expect(satisfied.data.approval).toEqual({ on: "2025-08-05", clause: "G8.37(a)(ii)" });
  });

  // G8.36(d): rejected means a second Full assessment, then the Panel reconsiders.
  it("starts a second Full assessment after 'rejected'", () => {
    const rejected = walk("entry", [...toPanel, ["set-assurance-status", "ssc", { status: "rejected" }]]);
    const again = walk("entry", [["start-second-assessment", "auditor"]], rejected);
    expect(again.state).toBe("fieldwork");
    expect(() => walk("entry", [["start-fieldwork", "auditor"]], rejected)).toThrow(
      /state rejected: start-second-assessment, appeal/,
    );
  });

  // G8.39: the Party appeals to the Authority, whose determination is final.
  it("records an appeal and the Authority's determination", () => {
    const rejected = walk("entry", [...toPanel, ["set-assurance-status", "ssc", { status: "rejected" }]]);
    expect(() => walk("entry", [["appeal", "auditor", { grounds: "x" }]], rejected)).toThrow(RoleRefused);
    const determined = walk(
      "entry",
      [
        ["appeal", "owner", { grounds: "The findings were met" }, "2025-05-10"],
        ["determine-appeal", "ssc", { status: "approved" }, "2025-07-01"],
      ],
      rejected,
    );
    expect(determined.state).toBe("approved");
    expect(determined.data.appeal).toEqual({
      lodged: "2025-05-10",
      grounds: "The findings were met",
      determined: "2025-07-01",
    });
    expect(determined.data.approval?.on).toBe("2025-07-01");
  });

  it("refuses a Follow-up date with a status other than approved-subject-to (G8.36(b)(ii))", () => {
    expect(() =>
      walk("entry", [
        ...toPanel,
        ["set-assurance-status", "ssc", { status: "approved", followUpBy: "2025-09-01" }],
      ]),
    ).toThrow(/followUpBy: expected followUpBy only with approved-subject-to/);
  });
});

describe("triage facility approval (G12.6–G12.7)", () => {
  const toPanel = [...toResponse, ["refer-to-panel", "ssc"]] as const;

  // G12.7(b): 'approved subject to' needs the SSC's explicit approval, once.
  it("lets the SSC approve Triage Activities after 'approved subject to', once", () => {
    const subject = walk("triage-entry", [
      ...toPanel,
      ["set-assurance-status", "ssc", { status: "approved-subject-to" }],
    ]);
    const approved = walk("triage-entry", [["approve-triage", "ssc", {}, "2025-05-20"]], subject);
    expect(approved.data.triageApproved).toBe("2025-05-20");
    expect(() => walk("triage-entry", [["approve-triage", "ssc"]], approved)).toThrow(/no approval yet/);
    expect(() => walk("triage-entry", [["approve-triage", "owner"]], subject)).toThrow(RoleRefused);
  });

  it("is an entry assessment citing G12.6 for its start", () => {
    expect(machines["triage-entry"].transitions["start-fieldwork"]!.clause).toBe("G12.6");
    expect(machines.user.transitions["approve-triage"]).toBeUndefined();
  });
});

describe("the DCC Security Assessment and its compliance status (G9.19–G9.33)", () => {
  const dccReport = {
    summary: "DCC Full assessment",
    findings: [
      { id: "d1", obligation: "G2.14", kind: "actual", summary: "Scan late" },
      { id: "d2", obligation: "LC8", kind: "potential", summary: "Licence control" },
    ],
  };
  const dccResponse = {
    answers: [
      { finding: "d1", accepted: true, steps: [{ description: "Rescan", by: "2025-06-01" }] },
      { finding: "d2", accepted: true, steps: [{ description: "Done already", done: true }] },
    ],
  };
  const toDccResponse = [
    ["start-fieldwork", "auditor"],
    ["submit-report", "auditor", dccReport],
    ["submit-response", "security-officer", dccResponse],
  ] as const;

  // G9.19(b)–(d): findings against G2, G4–G6, Licence Condition 8 and Appendix Z 6–7, not G3.
  it("takes findings on G2, G4–G6, LC8, Z6 and Z7 only", () => {
    expect(walk("dcc", toDccResponse.slice(0, 2)).state).toBe("reported");
    const g3 = { ...dccReport, findings: [{ id: "x", obligation: "G3.8", kind: "actual", summary: "s" }] };
    expect(() =>
      walk("dcc", [
        ["start-fieldwork", "auditor"],
        ["submit-report", "auditor", g3],
      ]),
    ).toThrow(/or one of LC8, Z6, Z7/);
  });

  // G9.29(a): no non-compliances remain.
  it("records no remaining non-compliances and closes", () => {
    const compliant = walk("dcc", [...toDccResponse, ["set-compliance-status", "ssc", {}]]);
    expect(compliant.state).toBe("compliant");
    expect(compliant.data.complianceStatus).toMatchObject({ nonCompliances: [], panelNotified: false });
    expect(walk("dcc", [["close", "ssc"]], compliant).state).toBe("closed");
  });

  // G9.29(b), G9.30, G9.31: non-compliances remain, with what the SSC requires; the Panel is told.
  it("records remaining non-compliances, requires steps or a Follow-up, and tells the Panel", () => {
    expect(() =>
      walk("dcc", [...toDccResponse, ["set-compliance-status", "ssc", { nonCompliances: ["G2.14"] }]]),
    ).toThrow(/requirement: expected steps or follow-up where non-compliances remain/);
    const open = walk("dcc", [
      ...toDccResponse,
      ["set-compliance-status", "ssc", { nonCompliances: ["G2.14"], requirement: "follow-up" }],
    ]);
    expect(open.state).toBe("non-compliant");
    expect(open.data.complianceStatus?.panelNotified).toBe(true);
    const followed = walk(
      "dcc",
      [
        ["request-follow-up", "ssc", { by: "2025-09-01" }],
        ["report-follow-up", "auditor", { summary: "Fixed", stepsTaken: true }],
        ["set-compliance-status", "ssc", {}],
        ["close", "ssc"],
      ],
      open,
    );
    expect(followed.state).toBe("closed");
  });

  // G9.24, G9.25: the SSC accepts the DCC's steps; the DCC reports progress.
  it("accepts the DCC's steps and takes its progress reports", () => {
    const open = walk("dcc", [
      ...toDccResponse,
      ["set-compliance-status", "ssc", { nonCompliances: ["G2.14"], requirement: "steps" }],
      ["accept-response", "ssc", { progressReportsDue: ["2025-05-01"] }],
      ["report-progress", "owner", { summary: "Rescanned", completed: true }],
    ]);
    expect(open.state).toBe("remediation");
  });

  // G9.33: the DCC appeals to the Panel; the outcome replaces the status.
  it("lets the DCC appeal the SSC's decision and records the outcome", () => {
    const appealed = walk("dcc", [
      ...toDccResponse,
      ["set-compliance-status", "ssc", { nonCompliances: ["G2.14"], requirement: "steps" }],
      ["appeal", "security-officer", { grounds: "Already fixed" }],
    ]);
    expect(appealed.state).toBe("appealed");
    const decided = walk("dcc", [["determine-appeal", "ssc", {}, "2025-06-01"]], appealed);
    expect(decided.state).toBe("compliant");
    expect(decided.data.appeal?.determined).toBe("2025-06-01");
  });

  it("keeps every transition's clause within G9", () => {
    for (const t of Object.values(machines.dcc.transitions)) expect(t.clause).toMatch(/^G9\./);
  });
});

it("keeps every machine's states reachable from its start", () => {
  for (const machine of Object.values(machines)) {
    const reached = new Set([machine.initial]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of Object.values(machine.transitions)) {
        if (!t.from.some((s) => reached.has(s))) continue;
        for (const s of t.to) {
          if (reached.has(s)) continue;
          reached.add(s);
          grew = true;
        }
      }
    }
    const mentioned = new Set(Object.values(machine.transitions).flatMap((t) => [...t.from, ...t.to]));
    expect([...mentioned].filter((s) => !reached.has(s))).toEqual([]);
    for (const s of machine.final) expect(reached.has(s)).toBe(true);
  }
});
