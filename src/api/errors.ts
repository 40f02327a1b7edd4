/**
 * Every error the API returns has one shape, {"error":{"code","message","path"?}}, whether it
 * came from request validation, from an InputError thrown deeper down, from Fastify itself, or
 * from a bug: clients handle one format, and a 500 never leaks internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
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
