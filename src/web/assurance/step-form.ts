/**
 * The form a workflow step takes, built from the fields the API describes for its payload
 * (docs/dashboard.md, Assurance): the values a person types, the checks made before sending, and
 * the payload sent. Keys are the server's key paths (`findings[0].obligation`), so an error the
 * server names lands on the input it is about.
 */
import type { StepField } from "../api/workspace.js";
import { besideField } from "../ui/format.js";

export type FormValue = string | boolean | FormValue[] | { [key: string]: FormValue };
export type FormValues = { [key: string]: FormValue };
/** Messages by key path; "" for the form as a whole. */
export type FieldErrors = Readonly<Record<string, string>>;

export function keyPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

/** An empty value for the field: required lists start with one entry to fill in. */
export function emptyValue(field: StepField): FormValue {
  switch (field.type) {
    case "boolean":
      return false;
    case "list":
      return field.required && field.item ? [emptyValue(field.item)] : [];
    case "group":
      return emptyValues(field.fields ?? []);
    default:
      return "";
  }
}

export function emptyValues(fields: readonly StepField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, emptyValue(f)]));
}

/**
 * The form for a step answering each finding of the report (a response, the steps agreed
 * instead): one entry per finding, its id filled in.
 */
export function initialValues(fields: readonly StepField[], findingIds: readonly string[]): FormValues {
  const values = emptyValues(fields);
  for (const field of fields) {
    const item = field.item;
    const answersFindings =
      field.type === "list" && item?.type === "group" && item.fields?.some((f) => f.name === "finding");
    if (answersFindings && findingIds.length > 0) {
      values[field.name] = findingIds.map((finding) => ({ ...emptyValues(item.fields ?? []), finding }));
    }
  }
  return values;
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

function isBlank(value: FormValue | undefined): boolean {
  return typeof value === "string" && value.trim() === "";
}

/** What is missing or malformed before anything is sent, by key path. */
export function validate(fields: readonly StepField[], values: FormValues, parent = ""): FieldErrors {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    Object.assign(errors, validateField(field, values[field.name], keyPath(parent, field.name)));
  }
  return errors;
}

function validateField(field: StepField, value: FormValue | undefined, path: string): FieldErrors {
  if (field.type === "group") return validate(field.fields ?? [], asValues(value), path);
  if (field.type === "list") {
    const entries = Array.isArray(value) ? value : [];
    if (field.required && entries.length === 0) return { [path]: `Add ${field.help ?? "an entry"}.` };
    const item = field.item;
    if (!item) return {};
    return Object.assign({}, ...entries.map((entry, i) => validateField(item, entry, keyPath(path, i))));
  }
  if (field.type === "boolean") return {};
  if (isBlank(value)) {
    if (!field.required) return {};
    return { [path]: field.type === "enum" ? "Choose one." : "Fill this in." };
  }
  if (field.type === "date" && !isoDay.test(String(value))) return { [path]: "A date as YYYY-MM-DD." };
  return {};
}

function asValues(value: FormValue | undefined): FormValues {
  return value !== undefined && typeof value === "object" && !Array.isArray(value) ? value : {};
}

/** The payload to send: text trimmed, optional fields left empty omitted. */
export function toPayload(fields: readonly StepField[], values: FormValues): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const field of fields) {
    const value = fieldPayload(field, values[field.name]);
    if (value !== undefined) payload[field.name] = value;
  }
  return payload;
}

function fieldPayload(field: StepField, value: FormValue | undefined): unknown {
  if (field.type === "group") return toPayload(field.fields ?? [], asValues(value));
  if (field.type === "list") {
    const item = field.item;
    return item && Array.isArray(value) ? value.map((entry) => fieldPayload(item, entry)) : [];
  }
  if (field.type === "boolean") return value === true;
  const text = typeof value === "string" ? value.trim() : "";
  return text === "" ? undefined : text;
}

/** A copy of the values with the one at the key path replaced. */
export function setAt(values: FormValues, path: readonly (string | number)[], next: FormValue): FormValues {
  return replaceAt(values, path, next) as FormValues;
}

function replaceAt(current: FormValue, path: readonly (string | number)[], next: FormValue): FormValue {
  const [head, ...rest] = path;
  if (head === undefined) return next;
  if (Array.isArray(current)) {
    const copy = [...current];
    copy[Number(head)] = replaceAt(copy[Number(head)] ?? "", rest, next);
    return copy;
  }
  const object = asValues(current);
  return { ...object, [head]: replaceAt(object[String(head)] ?? "", rest, next) };
}

/**
 * The server's error placed on the form: a step's payload errors come as `payload.<key path>`;
 * anything else (the transition, the version) belongs to the form as a whole.
 */
export function serverFieldError(path: string | undefined, message: string): FieldErrors {
  const inPayload = path?.startsWith("payload.") ? path.slice("payload.".length) : undefined;
  if (path === undefined || inPayload === undefined) return { "": message };
  return { [inPayload]: besideField(path, message) };
}
