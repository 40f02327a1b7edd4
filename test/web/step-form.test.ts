import { describe, expect, it } from "vitest";
import { payloadFields } from "../../src/api/routes/assessments.js";
import { machines } from "../../src/obligations/workflows/machines.js";
import {
  initialValues,
  serverFieldError,
  setAt,
  toPayload,
  validate,
} from "../../src/web/assurance/step-form.js";
import { walk } from "../obligations/workflows/run.js";

// The form of a workflow step is generated from the server's own payload schemas, so what the form
// sends is what the transition accepts, and what it refuses is named at the field.
describe("forms for workflow steps", () => {
  const user = machines.user.transitions;

  it("describes each payload key with its type, whether it is required and what it accepts", () => {
    // G8.22: the report has a summary and findings, each against a clause of G3 to G6.
    const fields = payloadFields(user["submit-report"]!.payload);
    expect(fields.map((f) => [f.name, f.type, f.required])).toEqual([
      ["summary", "text", true],
      ["findings", "list", false],
    ]);
    const finding = fields[1]!.item!;
    expect(finding.type).toBe("group");
    const byName = Object.fromEntries((finding.fields ?? []).map((f) => [f.name, f]));
    expect(byName.kind).toMatchObject({ type: "enum", options: ["actual", "potential", "risk-increase"] });
    expect(byName.obligation!.help).toMatch(/G3, G4, G5, G6/);
    expect(byName.evidence).toMatchObject({ type: "list", required: false, item: { type: "text" } });
    // G8.24: a date; G8.28(b)(i): at least one date.
    expect(payloadFields(user["set-response-due"]!.payload)).toEqual([
      { name: "due", label: "Due", type: "date", required: true },
    ]);
    expect(payloadFields(user["set-progress-dates"]!.payload)[0]).toMatchObject({
      type: "list",
      required: true,
      help: "at least one date",
      item: { type: "date" },
    });
    // G8.29: whether the agreed steps were taken is a yes or no the assessor must give.
    expect(payloadFields(user["report-follow-up"]!.payload)[1]).toMatchObject({
      name: "stepsTaken",
      label: "Steps taken",
      type: "boolean",
      required: true,
    });
  });

  it("checks required fields before sending and names each by its key path", () => {
    const fields = payloadFields(user["submit-report"]!.payload);
    let values = initialValues(fields, []);
    values = setAt(
      values,
      ["findings"],
      [{ id: "f1", obligation: "", kind: "", summary: "", evidence: [""] }],
    );
    expect(validate(fields, values)).toEqual({
      summary: "Fill this in.",
      "findings[0].obligation": "Fill this in.",
      "findings[0].kind": "Choose one.",
      "findings[0].summary": "Fill this in.",
      "findings[0].evidence[0]": "Fill this in.",
    });
    const dates = payloadFields(user["set-progress-dates"]!.payload);
    expect(validate(dates, setAt(initialValues(dates, []), ["due"], []))).toEqual({
      due: "Add at least one date.",
    });
    expect(validate(dates, { due: ["1 March"] })).toEqual({ "due[0]": "A date as YYYY-MM-DD." });
  });

  it("sends a payload the transition accepts, optional blanks left out", () => {
    // G8.22 then G8.26: the report's findings prefill the response, one answer each.
    const reportFields = payloadFields(user["submit-report"]!.payload);
    const filled = setAt(
      setAt(initialValues(reportFields, []), ["summary"], "  Yearly assessment  "),
      ["findings"],
      [{ id: "f1", obligation: "G5.18", kind: "actual", summary: "ISMS not reviewed", evidence: [] }],
    );
    expect(validate(reportFields, filled)).toEqual({});
    const report = toPayload(reportFields, filled);
    expect(report.summary).toBe("Yearly assessment");
    const reported = walk("user", [
      [
        "start-fieldwork",
        "auditor",
        toPayload(payloadFields(user["start-fieldwork"]!.payload), { note: "" }),
      ],
      ["submit-report", "auditor", report],
    ]);
    expect(reported.state).toBe("reported");

    const responseFields = payloadFields(user["submit-response"]!.payload);
    let answer = initialValues(responseFields, ["f1"]);
    expect(answer.answers).toEqual([{ finding: "f1", accepted: false, reason: "", steps: [] }]);
    answer = setAt(answer, ["answers", 0, "accepted"], true);
    answer = setAt(
      answer,
      ["answers", 0, "steps"],
      [{ description: "Review the ISMS", by: "2025-06-01", done: false }],
    );
    expect(validate(responseFields, answer)).toEqual({});
    const responded = walk(
      "user",
      [["submit-response", "security-officer", toPayload(responseFields, answer)]],
      reported,
    );
    expect(responded.state).toBe("responded");
  });

  it("places the server's refusal on the field it names, anything else on the form", () => {
    expect(
      serverFieldError(
        "payload.findings[0].obligation",
        "at payload.findings[0].obligation: expected a clause",
      ),
    ).toEqual({ "findings[0].obligation": "Expected a clause" });
    expect(serverFieldError("version", "stale")).toEqual({ "": "stale" });
    expect(serverFieldError(undefined, "no")).toEqual({ "": "no" });
  });
});
