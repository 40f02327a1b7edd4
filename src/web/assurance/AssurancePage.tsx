import { type FormEvent, type ReactNode, useEffect, useState } from "react";
import { useResource } from "../api/use-resource.js";
import {
  type AllowedTransition,
  type Assessment,
  assessmentKinds,
  assessmentsApi,
  type Json,
  userAssessmentCategories,
} from "../api/workspace.js";
import { routeHref, type WorkspaceRoute } from "../routes.js";
import { NoPartyYet, useParty } from "../session/party.js";
import { DataTable } from "../ui/DataTable.js";
import { cellText, shortTime } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { ActionResult, useAction } from "../ui/use-action.js";
import { navigate } from "../use-route.js";
import { StepForm } from "./StepForm.js";

type AssuranceRoute = Extract<WorkspaceRoute, { page: "assurance" }>;

const kindWords: Record<string, string> = {
  user: "User Security Assessment (G8)",
  entry: "Full entry assessment (G8.36)",
  "triage-entry": "Triage entry assessment (G12.7)",
  dcc: "DCC assessment (G9)",
};

/** Assurance: the party's assessments, each a workflow whose next steps are buttons. */
export function AssurancePage({ route }: { route: AssuranceRoute }): ReactNode {
  useEffect(() => {
    document.title = "Assurance · secg";
  }, []);
  const { party } = useParty();
  return (
    <>
      <h1>Assurance</h1>
      <p className="lede">
        Security assessments of the party, step by step from scheduling to closure, and the documents they
        produce.
      </p>
      {party ? <PartyAssessments party={party} route={route} /> : <NoPartyYet />}
    </>
  );
}

function PartyAssessments({ party, route }: { party: string; route: AssuranceRoute }): ReactNode {
  const [list, reload] = useResource(assessmentsApi.list(party));
  return (
    <div className="split">
      <div>
        <ResourceView resource={list} what="assessments" onRetry={reload}>
          {({ assessments }) => (
            <DataTable
              rows={assessments}
              columns={[
                {
                  header: "Assessment",
                  cell: (a) => (
                    <a
                      href={routeHref({ page: "assurance", assessment: a.id })}
                      aria-current={a.id === route.assessment ? "true" : undefined}
                    >
                      {kindWords[a.kind] ?? a.kind} {a.id}
                    </a>
                  ),
                },
                { header: "State", cell: (a) => a.state, sort: (a) => a.state },
                { header: "Scheduled", cell: (a) => a.scheduledFor ?? "", sort: (a) => a.scheduledFor ?? "" },
              ]}
              rowKey={(a) => a.id}
              caption={`Assessments of ${party}`}
              empty={`No assessment is recorded for ${party} yet. Schedule the first one below.`}
            />
          )}
        </ResourceView>
        <CreateAssessment party={party} onCreated={reload} />
      </div>
      {route.assessment ? (
        <AssessmentDetail party={party} id={route.assessment} onChanged={reload} />
      ) : (
        <p className="hint">Choose an assessment to see its steps and what can happen next.</p>
      )}
    </div>
  );
}

function CreateAssessment({ party, onCreated }: { party: string; onCreated: () => void }): ReactNode {
  const [kind, setKind] = useState<string>("user");
  const [category, setCategory] = useState<string>("full");
  const [scheduledFor, setScheduledFor] = useState("");
  const [outcome, run] = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await assessmentsApi.create(party, {
        kind,
        ...(kind === "user" ? { category } : {}),
        ...(scheduledFor ? { scheduledFor } : {}),
      });
      onCreated();
      navigate({ page: "assurance", assessment: created.id });
      return `Assessment ${created.id} created.`;
    });
  };
  return (
    <Section title="Schedule an assessment" className="panel">
      <form className="controls" onSubmit={submit}>
        <div className="field">
          <label htmlFor="assessment-kind">Kind</label>
          <select id="assessment-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            {assessmentKinds.map((k) => (
              <option key={k} value={k}>
                {kindWords[k]}
              </option>
            ))}
          </select>
        </div>
        {kind === "user" && (
          <div className="field">
            <label htmlFor="assessment-category">Category (G8.15)</label>
            <select id="assessment-category" value={category} onChange={(e) => setCategory(e.target.value)}>
              {userAssessmentCategories.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="assessment-date">Scheduled for</label>
          <input
            id="assessment-date"
            type="date"
            value={scheduledFor}
            onChange={(e) => setScheduledFor(e.target.value)}
          />
        </div>
        <button type="submit" disabled={outcome.busy}>
          Create
        </button>
      </form>
      <ActionResult state={outcome} />
    </Section>
  );
}

function AssessmentDetail({
  party,
  id,
  onChanged,
}: {
  party: string;
  id: string;
  onChanged: () => void;
}): ReactNode {
  const [assessment, reload] = useResource(assessmentsApi.one(party, id));
  return (
    <article className="detail" aria-label={`Assessment ${id}`}>
      <ResourceView resource={assessment} what={`assessment ${id}`} onRetry={reload}>
        {(a) => (
          <>
            <h2>
              {kindWords[a.kind] ?? a.kind} {a.id}
            </h2>
            <p>
              State: <strong>{a.state}</strong>
              {a.scheduledFor ? `; scheduled for ${a.scheduledFor}` : ""}
            </p>
            <p className="buttons">
              Response:
              <a href={assessmentsApi.responseUrl(party, a.id, "md")} download>
                Markdown (.md)
              </a>
              <a href={assessmentsApi.responseUrl(party, a.id, "pdf")} download>
                PDF
              </a>
            </p>
            <NextSteps
              party={party}
              assessment={a}
              onDone={() => {
                reload();
                onChanged();
              }}
            />
            <h3>Steps taken</h3>
            {a.steps.length === 0 ? <p className="hint">No step taken yet.</p> : <StepList steps={a.steps} />}
            <h3>Findings</h3>
            {a.findings.length === 0 ? (
              <p className="hint">No findings reported.</p>
            ) : (
              <ul>
                {a.findings.map((f, i) => (
                  <li key={cellText(f.id ?? i)}>
                    <span className="clause-id">{cellText(f.obligation)}</span> {cellText(f.kind)}{" "}
                    {cellText(f.summary ?? f.title)}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </ResourceView>
    </article>
  );
}

function StepList({ steps }: { steps: readonly Json[] }): ReactNode {
  return (
    <ol className="steps">
      {steps.map((step) => (
        <li key={JSON.stringify(step)}>
          <strong>{cellText(step.transition ?? step.name)}</strong> → {cellText(step.to ?? step.state)}
          {step.at ? `, ${shortTime(String(step.at))}` : ""}
          {step.actor ? ` by ${cellText(step.actor)}` : ""}
          {step.role ? ` as ${cellText(step.role)}` : ""}
        </li>
      ))}
    </ol>
  );
}

/** The transitions the workflow allows now, as buttons; each opens the form of what it needs. */
function NextSteps({
  party,
  assessment,
  onDone,
}: {
  party: string;
  assessment: Assessment;
  onDone: () => void;
}): ReactNode {
  const [chosen, setChosen] = useState<AllowedTransition | null>(null);
  const [outcome, run] = useAction();
  if (assessment.allowedTransitions.length === 0 && !outcome.message) {
    return <p className="notice">This assessment is finished: no further step is possible.</p>;
  }
  const send = async (payload: Record<string, unknown>) => {
    if (!chosen) return;
    await assessmentsApi.transition(party, assessment.id, {
      ...payload,
      transition: chosen.name,
      ...(assessment.version === undefined ? {} : { version: assessment.version }),
    });
    setChosen(null);
    onDone();
  };
  return (
    <Section title="Next steps" className="panel">
      <div className="buttons">
        {assessment.allowedTransitions.map((t) => (
          <button
            key={t.name}
            type="button"
            aria-pressed={chosen?.name === t.name}
            onClick={() => setChosen(t)}
            title={`${t.clause}: ${t.summary}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      {chosen && (
        <StepForm
          key={chosen.name}
          step={chosen}
          findingIds={assessment.findings.map((f) => cellText(f.id))}
          busy={outcome.busy}
          run={run}
          send={send}
        />
      )}
      <ActionResult state={outcome} />
    </Section>
  );
}
