/**
 * Every error the API returns has one shape, {"error":{"code","message","path"?}}, whether it
 * came from request validation, from an InputError thrown deeper down, from Fastify itself, or
 * from a bug: clients handle one format, and a 500 never leaks internals.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import { z } from "zod";
import { InputError } from "../common/input-error.js";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().describe("Stable machine-readable code, e.g. invalid_input, not_found, internal"),
      message: z.string().describe("What went wrong, for people"),
      path: z.string().optional().describe("The request field at fault, when there is one"),
    }),
  })
  .describe("The one error shape of the API");

export type ErrorBody = z.infer<typeof ErrorBody>;

const codeByStatus: Record<number, string> = {
  400: "invalid_input",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  409: "conflict",
  415: "unsupported_media_type",
  429: "too_many_requests",
  503: "unavailable",
};

export function errorBody(status: number, message: string, path?: string): ErrorBody {
  const code = codeByStatus[status] ?? (status >= 500 ? "internal" : "bad_request");
  return { error: path === undefined ? { code, message } : { code, message, path } };
}

export function sendError(reply: FastifyReply, status: number, message: string, path?: string): FastifyReply {
  return reply
    .code(status)
    .type("application/json")
    .send(errorBody(status, message, path));
}

export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof InputError) {
    return sendError(reply, 400, error.message, error.where.path);
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return sendError(reply, status, error.message);
  request.log.error({ err: error }, "request failed");
  return sendError(reply, 500, "internal error; the server log has the details");
}

/**
 * Lists every /api route's error answers in the OpenAPI document, in the one error shape, so no
 * route has to repeat them: 400 when the route validates input, 401 and 403 when it is behind
 * access control (authorization.ts), 500 everywhere. What only a handler knows (404, 409, 429)
 * the route declares itself, and its own entries win.
 */
export function documentErrorResponses(app: FastifyInstance): void {
  app.addHook("onRoute", (route) => {
    const schema = route.schema ?? {};
    if (!route.url.startsWith("/api/") || schema.hide === true) return;
    const validates = ["body", "querystring", "params", "headers"].some(
      (part) => schema[part as keyof FastifySchema] !== undefined,
    );
    const guarded = route.config?.access !== undefined;
    const errors = {
      ...(validates ? { 400: ErrorBody } : {}),
      ...(guarded ? { 401: ErrorBody, 403: ErrorBody } : {}),
      500: ErrorBody,
    };
    route.schema = { ...schema, response: { ...errors, ...(schema.response as object | undefined) } };
  });
}
