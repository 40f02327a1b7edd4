/**
 * Routes declare their inputs and outputs once, as zod schemas: zod validates requests (so a bad
 * field becomes an InputError naming it), the type provider types the handlers, and the same
 * schemas become JSON Schema for the OpenAPI document. Zod 4 converts to JSON Schema itself,
 * which leaves only this glue to write.
 */
import type {
  FastifySchema,
  FastifySchemaCompiler,
  FastifySerializerCompiler,
  FastifyTypeProvider,
} from "fastify";
import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import { InputError } from "../common/input-error.js";

export interface ZodTypeProvider extends FastifyTypeProvider {
  readonly validator: this["schema"] extends z.ZodType ? z.output<this["schema"]> : unknown;
  readonly serializer: this["schema"] extends z.ZodType ? DeepReadonly<z.input<this["schema"]>> : unknown;
}

// Handlers reply with the store's readonly data; serialising it never needs to mutate it.
type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

const requestParts = ["body", "querystring", "params", "headers"] as const;

const partNames: Record<string, string> = { querystring: "query", params: "path", headers: "headers" };

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const issue = result.error.issues[0]!;
    const path = issue.path.length ? issue.path.map(String).join(".") : (partNames[httpPart ?? ""] ?? "body");
    return { error: new InputError({ path }, expectation(issue, data)) };
  };

// Responses are built by our own handlers from typed values, so plain JSON serialisation is enough.
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = () => (data) => JSON.stringify(data);

function expectation(issue: z.core.$ZodIssue, data: unknown): string {
  if (issue.code === "invalid_type") {
    const missing = valueAt(data, issue.path) === undefined;
    return `${article(issue.expected)}${missing ? " (it is missing)" : ""}`;
  }
  if (issue.code === "unrecognized_keys") return `no key named ${issue.keys.join(", ")}`;
  return issue.message;
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** @fastify/swagger hook: turns each route's zod schemas into JSON Schema for the document. */
export function zodToJsonSchemas({ schema, url }: { schema: FastifySchema; url: string }): {
  schema: FastifySchema;
  url: string;
} {
  const converted: Record<string, unknown> = { ...schema };
  for (const part of requestParts) {
    const value = schema[part];
    if (value instanceof z.ZodType) converted[part] = jsonSchema(value, "input");
  }
  if (schema.response && typeof schema.response === "object") {
    converted.response = Object.fromEntries(
      Object.entries(schema.response).map(([status, value]) => [
        status,
        value instanceof z.ZodType ? jsonSchema(value, "output") : value,
      ]),
    );
  }
  return { schema: converted, url };
}

/**
 * Schemas named here (recursive ones must be) become components of the OpenAPI document, and
 * routes refer to them there: zod would otherwise put them in a local $defs, and a "#/$defs/…"
 * reference inside an OpenAPI document points at nothing.
 */
export const namedSchemas = z.registry<{ id: string }>();

const componentPrefix = "#/components/schemas/";

// @fastify/swagger states its options in the openapi-types package's terms (its own dependency).
type ComponentSchemas = Record<string, OpenAPIV3_1.SchemaObject>;

export function componentSchemas(): ComponentSchemas {
  const { schemas } = z.toJSONSchema(namedSchemas, { io: "output", uri: (id) => `${componentPrefix}${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _id, ...schema }]) => [id, schema]),
  ) as ComponentSchemas;
}

function jsonSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  const converted = z.toJSONSchema(schema, { io, metadata: namedSchemas, unrepresentable: "any" });
  const { $schema: _dialect, $defs: _named, ...rest } = converted;
  return JSON.parse(JSON.stringify(rest).replaceAll('"#/$defs/', `"${componentPrefix}`));
}
