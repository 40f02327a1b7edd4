import type { ReactNode } from "react";
import { adtOutcomes, breaches, sources } from "../../controls/anomalies/vocabulary.js";
import type { Json } from "../api/workspace.js";

/**
 * The anomaly rules of a party's policy as a table, one row a rule, instead of JSON to type: each
 * choice the rules' schema fixes is a list to pick from. Fields stay text while edited; the
 * server judges them (a threshold of 0, a window that is no ISO 8601 duration) and its refusal,
 * naming the rule's key path, is shown beside the table.
 */
export type RuleDraft = Readonly<{
  id: string;
  source: string;
  outcome: string;
  breach: string;
  code: string;
  threshold: string;
  window: string;
  per: string;
}>;

const blank: RuleDraft = {
  id: "",
  source: "adt",
  outcome: "",
  breach: "",
  code: "",
  threshold: "",
  window: "PT1H",
  per: "",
};

/** Rows for rules as stored; a value of an unexpected type is shown as its JSON, for the server to refuse. */
export function ruleDrafts(rules: readonly Json[] | undefined): RuleDraft[] {
  const text = (value: unknown) =>
    value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return (rules ?? []).map((r) => {
    const match = (typeof r.match === "object" && r.match !== null ? r.match : {}) as Json;
    return {
      id: text(r.id),
      source: text(r.source),
      outcome: text(match.outcome),
      breach: text(match.breach),
      code: text(match.code),
      threshold: text(r.threshold),
      window: text(r.window),
      per: text(r.per),
    };
  });
}

/** The rules to send: blank optional fields left out, a threshold that reads as a number sent as one. */
export function rulesOf(drafts: readonly RuleDraft[]): Json[] {
  return drafts.map((d) => {
    const match: Record<string, string> = {};
    if (d.outcome) match.outcome = d.outcome;
    if (d.breach) match.breach = d.breach;
    if (d.code.trim()) match.code = d.code.trim();
    const threshold = d.threshold.trim();
    const number = Number(threshold);
    return {
      id: d.id.trim(),
      source: d.source,
      ...(Object.keys(match).length > 0 ? { match } : {}),
      threshold: threshold !== "" && Number.isFinite(number) ? number : threshold,
      window: d.window.trim(),
      ...(d.per ? { per: d.per } : {}),
    };
  });
}

const optional = (values: readonly string[], none: string) => [
  { value: "", label: none },
  ...values.map((v) => ({ value: v, label: v })),
];

const columns: readonly {
  key: keyof RuleDraft;
  label: string;
  choices?: readonly { value: string; label: string }[];
  type?: "number";
}[] = [
  { key: "id", label: "Id" },
  { key: "source", label: "Source", choices: sources.map((v) => ({ value: v, label: v })) },
  { key: "outcome", label: "ADT outcome", choices: optional(adtOutcomes, "any") },
  { key: "breach", label: "Breach", choices: optional(breaches, "any") },
  { key: "code", label: "Event code" },
  { key: "threshold", label: "At least", type: "number" },
  { key: "window", label: "Within (ISO 8601)" },
  { key: "per", label: "Counted per", choices: optional(["device", "userId"], "source") },
];

export function AnomalyRulesEditor({
  rules,
  onChange,
  disabled,
  describedBy,
  invalid,
}: {
  rules: readonly RuleDraft[];
  onChange: (rules: RuleDraft[]) => void;
  disabled: boolean;
  describedBy: string;
  invalid: boolean;
}): ReactNode {
  const set = (row: number, key: keyof RuleDraft, value: string) =>
    onChange(rules.map((rule, i) => (i === row ? { ...rule, [key]: value } : rule)));
  return (
    <div
      id="policy-anomalyRules"
      tabIndex={-1}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
    >
      {rules.length === 0 ? (
        <p className="hint">No rules: the anomalies check has nothing to count.</p>
      ) : (
        <div className="rules-scroll">
          <table className="data rules-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {c.label}
                  </th>
                ))}
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, row) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a row has no identity of its own while its id is being typed
                <tr key={row}>
                  {columns.map((c) => {
                    const label = `${c.label} of rule ${row + 1}`;
                    return (
                      <td key={c.key}>
                        {c.choices ? (
                          <select
                            aria-label={label}
                            value={rule[c.key]}
                            disabled={disabled}
                            onChange={(e) => set(row, c.key, e.target.value)}
                          >
                            {c.choices.map((choice) => (
                              <option key={choice.value} value={choice.value}>
                                {choice.label}
                              </option>
                            ))}
                          </select>
                        ) : (
                          <input
                            aria-label={label}
                            type={c.type ?? "text"}
                            inputMode={c.type === "number" ? "numeric" : undefined}
                            spellCheck={false}
                            value={rule[c.key]}
                            disabled={disabled}
                            onChange={(e) => set(row, c.key, e.target.value)}
                          />
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <button
                      type="button"
                      disabled={disabled}
                      onClick={() => onChange(rules.filter((_, i) => i !== row))}
                    >
                      Remove rule {row + 1}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <button type="button" disabled={disabled} onClick={() => onChange([...rules, blank])}>
        Add a rule
      </button>
    </div>
  );
}
