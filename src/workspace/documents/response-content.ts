import type {
  Finding,
  FindingAnswer,
  WorkflowData,
  WorkflowKind,
} from "../../obligations/workflows/types.js";

/**
 * What a Security Assessment Response says (G8.24, G8.26; G9.21, G9.23 for the DCC), laid out once so
 * that the Markdown and the PDF say the same thing. Pure.
 */
export type ResponseRow = {
  readonly finding: string;
  readonly obligation: string;
  readonly kind: string;
  readonly answer: string;
};

export type ResponseSection = {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** The steps taken or proposed, each with its date (G8.26(b)–(c)). */
  readonly steps: readonly string[];
};

export type ResponseContent = {
  readonly title: string;
  readonly facts: readonly (readonly [label: string, value: string])[];
  readonly rows: readonly ResponseRow[];
  readonly sections: readonly ResponseSection[];
  /** The day the response was submitted: the document's date. */
  readonly dated: string;
};

export type ResponseSource = {
  readonly party: { readonly id: string; readonly name: string };
  readonly workflow: {
    readonly id: string;
    readonly kind: WorkflowKind;
    readonly category: string;
    readonly data: WorkflowData;
  };
};

/** The workflow has no response yet, so there is nothing to print. */
export class NoResponseYet extends Error {
  constructor(id: string) {
    super(`workflow ${id} has no response yet: the party submits it first (submit-response)`);
    this.name = "NoResponseYet";
  }
}

const kindWords: Record<Finding["kind"], string> = {
  actual: "actual non-compliance",
  potential: "potential non-compliance",
  "risk-increase": "material increase in security risk",
};

const categoryWords: Record<string, string> = {
  full: "Full",
  verification: "Verification",
  self: "Self-Assessment",
  "follow-up": "Follow-up",
};

function stepLine(step: FindingAnswer["steps"][number]): string {
  if (step.done) return `${step.description} (taken)`;
  return `${step.description} (by ${step.by})`;
}

export function responseContent({ party, workflow }: ResponseSource): ResponseContent {
  const { data } = workflow;
  const response = data.response;
  if (response === undefined) throw new NoResponseYet(workflow.id);
  const dcc = workflow.kind === "dcc";
  const findings = data.report?.findings ?? [];
  const answers = new Map(response.answers.map((a) => [a.finding, a]));
  const rows = findings.map((f) => {
    const answer = answers.get(f.id);
    return {
      finding: f.id,
      obligation: f.obligation,
      kind: kindWords[f.kind],
      answer: answer === undefined ? "not answered" : answer.accepted ? "accepted" : "disputed",
    };
  });
  const sections: ResponseSection[] = findings.map((f) => {
    const answer = answers.get(f.id);
    const paragraphs = [`Finding (${kindWords[f.kind]} of ${f.obligation}): ${f.summary}`];
    if (f.evidence.length > 0) paragraphs.push(`Evidence: ${f.evidence.join(", ")}`);
    if (answer === undefined) paragraphs.push("Not answered.");
    else {
      paragraphs.push(
        answer.accepted ? "The finding is accepted." : `The finding is disputed: ${answer.reason}`,
      );
      if (answer.steps.length === 0) paragraphs.push("No steps are proposed.");
    }
    return { heading: `${f.id}: ${f.obligation}`, paragraphs, steps: (answer?.steps ?? []).map(stepLine) };
  });
  const facts: [string, string][] = [
    ["Party", `${party.name} (${party.id})`],
    ["Assessment", `${workflow.id}, ${categoryWords[workflow.category] ?? workflow.category}`],
    ["Report received", data.report?.submitted ?? "not recorded"],
    ["Response due", data.responseDue ?? "no date set by the Security Sub-Committee"],
    ["Response submitted", response.submitted],
    [
      "Submitted to",
      dcc
        ? "the SSC, with a copy for the DCC's Independent Security Assessment Service Provider (G9.21(b))"
        : "the SSC, with a copy for the User Independent Security Assurance Service Provider (G8.24(b))",
    ],
  ];
  if (data.copiesTo.length > 0)
    facts.push(["Copies to Shared Resource Users (G10.8(b))", data.copiesTo.join(", ")]);
  return {
    title: dcc ? "DCC Security Assessment Response" : "User Security Assessment Response",
    facts,
    rows,
    sections,
    dated: response.submitted,
  };
}
