import { type FormEvent, type ReactNode, useState } from "react";
import { ApiError } from "../api/client.js";
import type { AllowedTransition, StepField } from "../api/workspace.js";
import { FieldError } from "../ui/FieldError.js";
import {
  emptyValue,
  type FieldErrors,
  type FormValue,
  type FormValues,
  initialValues,
  keyPath,
  serverFieldError,
  setAt,
  toPayload,
  validate,
} from "./step-form.js";

type Keys = readonly (string | number)[];

function fieldId(path: string): string {
  return `step-${path.replace(/[^A-Za-z0-9]+/g, "-")}`;
}

/** "Findings" → "Finding 2"; a name that is no plural gets "entry 2". */
function entryLabel(listLabel: string, i: number): string {
  return listLabel.endsWith("s") ? `${listLabel.slice(0, -1)} ${i + 1}` : `${listLabel}, entry ${i + 1}`;
}

/**
 * The inputs a step needs, generated from the fields the API describes: each labelled, optional
 * ones marked, checked before sending, and the server's refusals shown at the field they name.
 */
export function StepForm({
  step,
  findingIds,
  busy,
  run,
  send,
}: {
  step: AllowedTransition;
  findingIds: readonly string[];
  busy: boolean;
  run: (action: () => Promise<string>) => Promise<void>;
  send: (payload: Record<string, unknown>) => Promise<void>;
}): ReactNode {
  const [values, setValues] = useState<FormValues>(() => initialValues(step.fields, findingIds));
  const [errors, setErrors] = useState<FieldErrors>({});
  // The count of fields to fix is for the browser's own checks; the server's refusal is announced below.
  const [checkedHere, setCheckedHere] = useState(false);
  const change = (keys: Keys, next: FormValue) => setValues((current) => setAt(current, keys, next));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validate(step.fields, values);
    setErrors(found);
    setCheckedHere(true);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      document.getElementById(fieldId(first))?.focus();
      return;
    }
    void run(async () => {
      try {
        await send(toPayload(step.fields, values));
      } catch (error) {
        if (error instanceof ApiError) {
          setErrors(serverFieldError(error.path, error.message));
          setCheckedHere(false);
        }
        throw error;
      }
      return `${step.label} done.`;
    });
  };
  const count = Object.keys(errors).length;
  return (
    <form onSubmit={submit} className="stacked step-form" noValidate aria-label={step.label}>
      <p>
        <span className="clause-id">{step.clause}</span> {step.summary}. Leads to {step.to.join(" or ")}; may
        be made by {step.roles.join(", ")}.
      </p>
      {step.fields.length === 0 && <p className="hint">This step needs no details.</p>}
      {step.fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          label={field.label}
          keys={[field.name]}
          path={field.name}
          value={values[field.name]}
          errors={errors}
          onChange={change}
        />
      ))}
      {checkedHere && count > 0 && (
        <p className="error" role="alert">
          {count === 1 ? "One field needs" : `${count} fields need`} attention before this step can be made.
        </p>
      )}
      <button type="submit" className="primary" disabled={busy}>
        Make step: {step.label}
      </button>
    </form>
  );
}

type FieldProps = {
  field: StepField;
  label: string;
  keys: Keys;
  path: string;
  value: FormValue | undefined;
  errors: FieldErrors;
  onChange: (keys: Keys, next: FormValue) => void;
};

function FieldInput(props: FieldProps): ReactNode {
  const { field, label, keys, path, value, errors, onChange } = props;
  if (field.type === "list") return <ListInput {...props} />;
  if (field.type === "group") {
    const group = value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {};
    return (
      <fieldset className="step-group">
        <legend>{label}</legend>
        {(field.fields ?? []).map((inner) => (
          <FieldInput
            key={inner.name}
            field={inner}
            label={inner.label}
            keys={[...keys, inner.name]}
            path={keyPath(path, inner.name)}
            value={group[inner.name]}
            errors={errors}
            onChange={onChange}
          />
        ))}
      </fieldset>
    );
  }
  const id = fieldId(path);
  const error = errors[path];
  const described = [field.help ? `${id}-help` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  const common = {
    id,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described || undefined,
    "aria-required": field.required || undefined,
  } as const;
  const text = typeof value === "string" ? value : "";
  const caption = (
    <label htmlFor={id}>
      {label}
      {field.required ? "" : " (optional)"}
    </label>
  );
  const input =
    field.type === "boolean" ? (
      <input
        {...common}
        type="checkbox"
        checked={value === true}
        onChange={(e) => onChange(keys, e.target.checked)}
      />
    ) : field.type === "enum" ? (
      <select {...common} value={text} onChange={(e) => onChange(keys, e.target.value)}>
        <option value="">{field.required ? "Choose…" : "None"}</option>
        {(field.options ?? []).map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    ) : (
      <input
        {...common}
        type={field.type === "date" ? "date" : "text"}
        value={text}
        onChange={(e) => onChange(keys, e.target.value)}
      />
    );
  return (
    <div className={field.type === "boolean" ? "field check" : "field"}>
      {field.type === "boolean" ? (
        <>
          {input}
          {caption}
        </>
      ) : (
        <>
          {caption}
          {input}
        </>
      )}
      {field.help && (
        <span id={`${id}-help`} className="hint">
          {field.help}
        </span>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

function ListInput({ field, label, keys, path, value, errors, onChange }: FieldProps): ReactNode {
  const entries = Array.isArray(value) ? value : [];
  const item = field.item;
  if (!item) return null;
  const id = fieldId(path);
  const singular = label.endsWith("s") ? label.slice(0, -1) : label;
  return (
    <fieldset
      className="step-list"
      id={id}
      tabIndex={-1}
      aria-describedby={field.help ? `${id}-help` : undefined}
    >
      <legend>
        {label}
        {field.required ? "" : " (optional)"}
      </legend>
      {field.help && (
        <span id={`${id}-help`} className="hint">
          {field.help}
        </span>
      )}
      <FieldError id={`${id}-error`} message={errors[path]} />
      {entries.map((entry, i) => {
        const name = entryLabel(label, i);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity of their own but their place
          <div className="step-entry" key={i}>
            <FieldInput
              field={item}
              label={name}
              keys={[...keys, i]}
              path={keyPath(path, i)}
              value={entry}
              errors={errors}
              onChange={onChange}
            />
            <button
              type="button"
              className="link"
              onClick={() =>
                onChange(
                  keys,
                  entries.filter((_, j) => j !== i),
                )
              }
            >
              Remove {name}
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange(keys, [...entries, emptyValue(item)])}>
        Add {singular.toLowerCase()}
      </button>
    </fieldset>
  );
}
