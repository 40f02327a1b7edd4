import { type FormEvent, type ReactNode, useState } from "react";
import { controlsPolicy } from "../../workspace/access/policies/controls.js";
import { ApiError } from "../api/client.js";
import { useResource } from "../api/use-resource.js";
import { type Json, type PartyPolicy, policyApi, type StoredPolicy } from "../api/workspace.js";
import { describeMemberships } from "../session/auth-api.js";
import { mayIn } from "../session/may.js";
import { useSession } from "../session/session.js";
import { FieldError } from "../ui/FieldError.js";
import { besideField } from "../ui/format.js";
import { ResourceView } from "../ui/ResourceView.js";
import { Section } from "../ui/Section.js";
import { Time } from "../ui/Time.js";
import { ActionResult, useAction } from "../ui/use-action.js";
import { AnomalyRulesEditor, type RuleDraft, ruleDrafts, rulesOf } from "./AnomalyRulesEditor.js";

type NumberKey = Exclude<keyof PartyPolicy, "anomalyRules">;

/** The policy's periods, each with the clauses that leave it to the party and what it accepts. */
const periods: readonly { key: NumberKey; label: string; help: string; min: number; max?: number }[] = [
  {
    key: "promptHours",
    label: "Promptly, in hours",
    help: 'What "promptly" means for this party (G3.4–G3.5, G2.11(a), G3.18): 1 to 720 hours; 24 when unset.',
    min: 1,
    max: 720,
  },
  {
    key: "followUpDays",
    label: "Follow-up period, in days",
    help: "Days allowed where the Code sets no period (G3.7(c), G3.8(c), G5.16(c)): 0 to 365; 30 when unset.",
    min: 0,
    max: 365,
  },
  {
    key: "coolingOffDays",
    label: "Cooling-off period, in days",
    help: "Days between leaving User Systems and starting on the DCC Live Systems (G2.24(b), G3.13(b)): 0 or more; 0 when unset.",
    min: 0,
  },
  {
    key: "sscApprovedDevGapMonths",
    label: "Gap between relevant systems, in months",
    help: "Shorter than 24 months only where the SSC approved it (G2.22B(c)): 0 to 24; 24 when unset.",
    min: 0,
    max: 24,
  },
];

type Draft = Readonly<Record<NumberKey, string> & { anomalyRules: readonly RuleDraft[] }>;
type FieldErrors = Readonly<Record<string, string>>;

function draftOf(policy: PartyPolicy): Draft {
  const text = (value: number | undefined) => (value === undefined ? "" : String(value));
  return {
    promptHours: text(policy.promptHours),
    followUpDays: text(policy.followUpDays),
    coolingOffDays: text(policy.coolingOffDays),
    sscApprovedDevGapMonths: text(policy.sscApprovedDevGapMonths),
    anomalyRules: ruleDrafts(policy.anomalyRules),
  };
}

/**
 * The policy to send: blank fields left out (the checks then use their defaults). Only what the
 * browser can tell alone is caught here (a number that is not one); the bounds and the rules are
 * the server's to judge, and its refusal names the field.
 */
function policyOf(draft: Draft): { policy: Json; errors: FieldErrors } {
  const policy: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const { key } of periods) {
    const value = draft[key].trim();
    if (value === "") continue;
    const number = Number(value);
    if (Number.isFinite(number)) policy[key] = number;
    else errors[key] = "Expected a number, or nothing for the default";
  }
  if (draft.anomalyRules.length > 0) policy.anomalyRules = rulesOf(draft.anomalyRules);
  return { policy, errors };
}

const rulesLabel = "Anomaly rules (optional)";
const labels: ReadonlyMap<string, string> = new Map([
  ...periods.map((p): [string, string] => [p.key, p.label]),
  ["anomalyRules", rulesLabel],
]);

function labelOf(field: string): string {
  return `"${labels.get(field) ?? field}"`;
}

/** The field a server refusal is about: `anomalyRules[0].window` is shown beside the rules. */
function fieldOfPath(path: string | undefined): string {
  const top = path?.split(/[.[]/)[0] ?? "";
  return labels.has(top) ? top : "";
}

/**
 * A party's security policy (issue #8): the periods and anomaly rules the rule checks read
 * instead of their defaults, with its version. Owners and security officers change it; others
 * see it read-only.
 */
export function PolicyEditor({ party, partyName }: { party: string; partyName: string }): ReactNode {
  const [stored, reload] = useResource(policyApi.get(party));
  // Kept above the form, which starts afresh from each saved version, so the outcome stays in view.
  const [outcome, run] = useAction();
  return (
    <Section title={`Security policy of ${partyName}`} className="panel">
      <p className="hint">
        The periods Section G leaves to the party, which the rule checks on the Controls page use instead of
        their defaults. Every change is a new version, kept in the audit log.
      </p>
      <ResourceView resource={stored} what="the security policy" onRetry={reload}>
        {(current) => (
          <PolicyForm
            key={`${party}:${current.version}`}
            party={party}
            stored={current}
            busy={outcome.busy}
            run={run}
            onSaved={reload}
          />
        )}
      </ResourceView>
      <ActionResult state={outcome} />
    </Section>
  );
}

function PolicyForm({
  party,
  stored,
  busy,
  run,
  onSaved,
}: {
  party: string;
  stored: StoredPolicy;
  busy: boolean;
  run: (action: () => Promise<string>) => Promise<void>;
  onSaved: () => void;
}): ReactNode {
  const { me } = useSession();
  const mayWrite = mayIn(me, controlsPolicy, "write", party);
  const [draft, setDraft] = useState<Draft>(() => draftOf(stored.policy));
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = (key: NumberKey, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { policy, errors: found } = policyOf(draft);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      document.getElementById(`policy-${first}`)?.focus();
      return;
    }
    void run(async () => {
      try {
        const saved = await policyApi.put(party, policy);
        onSaved();
        return saved.outcome === "unchanged"
          ? `Nothing changed: the policy is still version ${saved.version}.`
          : `Policy saved as version ${saved.version}.`;
      } catch (error) {
        const field = error instanceof ApiError ? fieldOfPath(error.path) : "";
        if (!(error instanceof ApiError) || field === "") throw error;
        setErrors({ [field]: besideField(error.path ?? field, error.message) });
        document.getElementById(`policy-${field}`)?.focus();
        throw new Error(`Not saved: see the message beside ${labelOf(field)}.`);
      }
    });
  };

  return (
    <>
      <dl className="facts">
        <dt>Version</dt>
        <dd>
          {stored.version === 0 ? (
            "none set yet: the rule checks use their defaults"
          ) : (
            <>
              <strong>{stored.version}</strong>
              {stored.updatedAt && (
                <>
                  , saved <Time iso={stored.updatedAt} />
                </>
              )}
            </>
          )}
        </dd>
        {stored.sha256 && (
          <>
            <dt>SHA-256</dt>
            <dd className="mono">{stored.sha256.slice(0, 16)}…</dd>
          </>
        )}
      </dl>
      {!mayWrite && (
        <p className="status">
          You may read this policy; changing it is for the party's owner and security officer (you are{" "}
          {describeMemberships(me.memberships)}).
        </p>
      )}
      <form className="stacked" onSubmit={submit} noValidate aria-label="Security policy">
        <fieldset disabled={!mayWrite || busy} className="policy-fields">
          <legend>Periods (blank for the default)</legend>
          {periods.map(({ key, label, help, min, max }) => (
            <PolicyField key={key} name={key} label={label} help={help} error={errors[key]}>
              {(common) => (
                <input
                  {...common}
                  type="number"
                  inputMode="numeric"
                  step={1}
                  min={min}
                  max={max}
                  value={draft[key]}
                  onChange={(e) => change(key, e.target.value)}
                />
              )}
            </PolicyField>
          ))}
          <fieldset className="rules-fields">
            <legend>{rulesLabel}</legend>
            <AnomalyRulesEditor
              rules={draft.anomalyRules}
              onChange={(anomalyRules) => setDraft((d) => ({ ...d, anomalyRules }))}
              disabled={!mayWrite || busy}
              invalid={errors.anomalyRules !== undefined}
              describedBy={
                errors.anomalyRules
                  ? "policy-anomalyRules-help policy-anomalyRules-error"
                  : "policy-anomalyRules-help"
              }
            />
            <span id="policy-anomalyRules-help" className="hint">
              Each rule counts the events of one source that match it, and finds an anomaly when at least that
              many come within the period (G2.29–G2.30, G3.15–G3.16), as secg anomalies detect --rules reads
              them.
            </span>
            <FieldError id="policy-anomalyRules-error" message={errors.anomalyRules} />
          </fieldset>
        </fieldset>
        {mayWrite && (
          <button type="submit" className="primary" disabled={busy}>
            Save the policy
          </button>
        )}
      </form>
    </>
  );
}

type Common = {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string;
};

function PolicyField({
  name,
  label,
  help,
  error,
  children,
}: {
  name: string;
  label: string;
  help: string;
  error: string | undefined;
  children: (common: Common) => ReactNode;
}): ReactNode {
  const id = `policy-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": error ? `${id}-help ${id}-error` : `${id}-help`,
      })}
      <span id={`${id}-help`} className="hint">
        {help}
      </span>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
